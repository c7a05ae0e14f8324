package news

// Span is a half-open byte range [Start, End) into an Article's Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Sentence is one sentence of an article's text.
type Sentence struct {
	Span
	// Paragraph is the 0-based index of the paragraph holding the sentence.
	Paragraph int `json:"paragraph"`
}

// EntityType is the coarse type of a named entity (CoNLL classes).
type EntityType string

// Entity types.
const (
	PER  EntityType = "PER"
	ORG  EntityType = "ORG"
	LOC  EntityType = "LOC"
	MISC EntityType = "MISC"
)

// Mention is one occurrence of a name in the text.
type Mention struct {
	Span
	Text string     `json:"text"`
	Type EntityType `json:"type"`
}

// Entity groups the mentions of one person, organisation, place or other
// name within an article. Name is the canonical name, chosen so that the
// same entity lines up across articles (e.g. "Vladimir Putin").
type Entity struct {
	ID       int        `json:"id"`
	Type     EntityType `json:"type"`
	Name     string     `json:"name"`
	Aliases  []string   `json:"aliases,omitempty"`
	Roles    []string   `json:"roles,omitempty"`
	Mentions []Mention  `json:"mentions"`
}

// QuoteKind says how a quotation is reported.
type QuoteKind string

// Quote kinds.
const (
	// Direct is a full quotation in quotation marks.
	Direct QuoteKind = "direct"
	// Partial is a quoted fragment inside a reported sentence.
	Partial QuoteKind = "partial"
	// Indirect is reported speech without quotation marks.
	Indirect QuoteKind = "indirect"
)

// Quote is one quotation attributed (when possible) to a speaker.
type Quote struct {
	// Source and Article identify the article the quote comes from.
	Source  string    `json:"source"`
	Article string    `json:"article"`
	Text    string    `json:"text"`
	Kind    QuoteKind `json:"kind"`
	// Speaker is the canonical name of the speaker entity; empty when unknown.
	Speaker string `json:"speaker"`
	// SpeakerMention is the words in the text naming the speaker ("he",
	// "the minister", "White House spokesman Josh Earnest").
	SpeakerMention string `json:"speaker_mention"`
	Role           string `json:"role"`
	Cue            string `json:"cue"`
	// Start and End are byte offsets of the quoted words in the article
	// text (in the title when InTitle is set).
	Start int `json:"start"`
	End   int `json:"end"`
	// InTitle marks a quotation in the headline.
	InTitle bool `json:"in_title,omitempty"`
}

// Analysis is what the analysis stage learns about one article.
type Analysis struct {
	Sentences []Sentence `json:"sentences"`
	Entities  []Entity   `json:"entities"`
	Quotes    []Quote    `json:"quotes"`
}

// AnalysedArticle is an article with its analysis.
type AnalysedArticle struct {
	Article
	Analysis
}

// Assignment places an article in a story.
type Assignment struct {
	ArticleID string `json:"id"`
	Story     string `json:"story"`
	// DuplicateOf is the id of an earlier article with the same or nearly the
	// same text (a wire copy), empty when there is none.
	DuplicateOf string `json:"duplicate_of"`
}
