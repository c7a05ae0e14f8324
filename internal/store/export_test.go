package store

// AppendAnalysisJSON exposes appendAnalysisJSON to the external tests.
var AppendAnalysisJSON = appendAnalysisJSON
