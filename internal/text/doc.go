// Package text splits article text into paragraphs, sentences and tokens,
// all as byte offsets into the original string so later stages can point
// back at the exact words.
//
// Tokens follow the conventions of news treebanks and CoNLL-2003: words,
// numbers ("1.5", "$500mn" as "$" "500mn", "200,000"), abbreviations with
// their periods ("U.S.", "Mr.", "Sept."), possessive "'s" split off,
// punctuation and quotation marks (straight, curly, guillemets) as tokens
// of their own, hyphenated words kept whole.
//
// Sentences end at ".", "!", "?" or "…" (with any closing quotes or
// brackets after them) when the next token starts a sentence (a capital
// letter, a digit or an opening quote), unless the period belongs to a
// known abbreviation that does not end sentences ("Mr.", "Gen.") or an
// initial ("J. Smith"). Paragraphs (blank-line separated) always end a
// sentence. Everything is linear in the input length.
package text
