package compare

import "github.com/parallax-news/parallax/internal/extract/outlet"

// Report is the comparison of one or more stories.
type Report struct {
	Stories []StoryReport `json:"stories"`
}

// StoryReport compares the coverage of one story.
type StoryReport struct {
	ID       string       `json:"id"`
	Title    string       `json:"title"`
	Coverage string       `json:"coverage"`
	Articles []ArticleRef `json:"articles"`
	Timeline []TimePoint  `json:"timeline"`
	Outlets  []OutletView `json:"outlets"`
	// Claims are the claim groups, corroborated ones first.
	Claims   []Claim       `json:"claims"`
	Voices   []Voice       `json:"voices"`
	Entities []EntityCover `json:"entities"`
}

// ArticleRef is one article of the story.
type ArticleRef struct {
	ID          string `json:"id"`
	Outlet      string `json:"outlet"`
	Title       string `json:"title"`
	Byline      string `json:"byline,omitempty"`
	Published   string `json:"published,omitempty"`
	URL         string `json:"url,omitempty"`
	Lead        string `json:"lead,omitempty"`
	DuplicateOf string `json:"duplicate_of,omitempty"`
}

// TimePoint is one article on the story's timeline.
type TimePoint struct {
	Published string `json:"published"`
	Outlet    string `json:"outlet"`
	Article   string `json:"article"`
	Title     string `json:"title"`
}

// OutletView is what one outlet did with the story.
type OutletView struct {
	Name string       `json:"name"`
	Info *outlet.Info `json:"info,omitempty"`
	// Articles are the outlet's article ids.
	Articles []string `json:"articles"`
	// Exclusive counts the claims only this outlet carries.
	Exclusive int `json:"exclusive_claims"`
	// Quotes are the voices it quotes; Omits the story's voices it does not.
	Quotes []string `json:"quotes"`
	Omits  []string `json:"omits_voices"`
	// Mentions are the entities it names; OmitsEntities those other outlets
	// name and it does not.
	OmitsEntities []string `json:"omits_entities"`
}

// Claim is a group of sentences, across outlets, that state the same fact.
type Claim struct {
	Text          string          `json:"text"`
	Outlets       []string        `json:"outlets"`
	Articles      []string        `json:"articles"`
	Corroborated  bool            `json:"corroborated"`
	Sentences     []ClaimSentence `json:"sentences"`
	Disagreements []string        `json:"disagreements,omitempty"`
}

// ClaimSentence is one outlet's wording of a claim.
type ClaimSentence struct {
	Outlet   string `json:"outlet"`
	Article  string `json:"article"`
	Text     string `json:"text"`
	Headline bool   `json:"headline,omitempty"`
}

// Voice is one speaker quoted in the story.
type Voice struct {
	Speaker string       `json:"speaker"`
	Role    string       `json:"role,omitempty"`
	Outlets []string     `json:"outlets"`
	Quotes  []VoiceQuote `json:"quotes"`
}

// VoiceQuote is one quotation of a voice in one outlet.
type VoiceQuote struct {
	Outlet  string `json:"outlet"`
	Article string `json:"article"`
	Text    string `json:"text"`
	Kind    string `json:"kind"`
	// Group numbers the same quotation across outlets (0 when alone).
	Group int `json:"group,omitempty"`
}

// EntityCover tells which outlets name an entity.
type EntityCover struct {
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	Outlets []string `json:"outlets"`
	Missing []string `json:"missing_from,omitempty"`
	// Mentions counts the entity's mentions across the story.
	Mentions int `json:"mentions"`
}
