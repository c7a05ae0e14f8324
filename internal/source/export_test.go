package source

// DecodeArticle exposes decodeArticle to the external tests.
var DecodeArticle = decodeArticle
