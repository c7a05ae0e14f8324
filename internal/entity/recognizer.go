package entity

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/text"
)

//go:embed model.bin.gz
var modelData []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Recognizer finds entities in text. It is safe for concurrent use.
type Recognizer struct {
	m    *Model
	pool sync.Pool
}

// New returns a Recognizer with the built-in model (loaded once per
// process).
func New() (*Recognizer, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = ReadModel(bytes.NewReader(modelData))
	})
	if defaultErr != nil {
		return nil, fmt.Errorf("load built-in entity model: %w", defaultErr)
	}
	return NewWithModel(defaultModel), nil
}

// NewWithModel returns a Recognizer using m.
func NewWithModel(m *Model) *Recognizer {
	return &Recognizer{m: m, pool: sync.Pool{New: func() any { return new(scratch) }}}
}

type scratch struct {
	toks  []text.Token
	words []string
	tag   tagScratch
}

// maxSentenceTokens bounds one sentence handed to the tagger; longer runs
// (a paragraph without punctuation) are tagged in windows.
const maxSentenceTokens = 300

// Mentions tags text and returns the entity mentions in order.
func (r *Recognizer) Mentions(s string, sents []news.Sentence) []news.Mention {
	sc := r.pool.Get().(*scratch)
	defer r.pool.Put(sc)
	if sents == nil {
		sents = text.Sentences(s)
	}
	hist := history{}
	var out []news.Mention
	for _, se := range sents {
		if se.Start < 0 || se.End > len(s) || se.Start >= se.End {
			continue
		}
		sc.toks = text.TokensIn(sc.toks[:0], s, se.Span)
		out = r.sentenceMentions(out, s, sc.toks, hist, sc)
	}
	return out
}

// MentionsSplit is Mentions for a text split by text.SplitText: it tags
// the tokens the split found instead of tokenising the sentences again.
func (r *Recognizer) MentionsSplit(s string, sp text.Split) []news.Mention {
	sc := r.pool.Get().(*scratch)
	defer r.pool.Put(sc)
	hist := history{}
	var out []news.Mention
	for i := range sp.Sentences {
		out = r.sentenceMentions(out, s, sp.SentenceTokens(i), hist, sc)
	}
	return out
}

// sentenceMentions tags the tokens of one sentence (offsets into s) and
// appends its mentions to out.
func (r *Recognizer) sentenceMentions(out []news.Mention, s string, sentToks []text.Token, hist history, sc *scratch) []news.Mention {
	for w := 0; w < len(sentToks); w += maxSentenceTokens {
		toks := sentToks[w:min(len(sentToks), w+maxSentenceTokens)]
		sc.words = sc.words[:0]
		for _, t := range toks {
			sc.words = append(sc.words, conllForm(s[t.Start:t.End]))
		}
		labels := r.m.tag(sc.words, hist, &sc.tag)
		for i := 0; i < len(labels); i++ {
			l := labels[i]
			if l == 0 {
				continue
			}
			typ := Labels[l][2:]
			j := i + 1
			for j < len(labels) && labels[j] == l+boolInt(l%2 == 1) {
				j++
			}
			// A span never starts or ends on punctuation.
			a, b := i, j
			for a < b && !isWordToken(sc.words[a]) {
				a++
			}
			for b > a && !isWordToken(sc.words[b-1]) {
				b--
			}
			if a == b {
				i = j - 1
				continue
			}
			start, end := toks[a].Start, toks[b-1].End
			out = append(out, news.Mention{Span: news.Span{Start: start, End: end}, Text: s[start:end], Type: news.EntityType(typ)})
			i = j - 1
		}
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Entities returns the entities of text s, whose sentences are sents (nil:
// split here), with mentions grouped and canonical names chosen.
func (r *Recognizer) Entities(s string, sents []news.Sentence) []news.Entity {
	return Group(s, r.Mentions(s, sents))
}

// EntitiesSplit is Entities for a text split by text.SplitText.
func (r *Recognizer) EntitiesSplit(s string, sp text.Split) []news.Entity {
	return Group(s, r.MentionsSplit(s, sp))
}

// conllForm maps a token to the spelling the training data (Reuters
// 1996) uses: straight quotes and apostrophes, ASCII brackets and dashes.
func conllForm(w string) string {
	// Every form mapped is a bracket or starts with a non-ASCII byte: most
	// tokens need no look at the cases.
	if w != "" && w[0] < utf8.RuneSelf && w[0] != '[' && w[0] != ']' && w[0] != '{' && w[0] != '}' {
		return w
	}
	switch w {
	case "“", "”", "«", "»", "„", "‟", "″":
		return "\""
	case "‘", "’", "‚", "‛":
		return "'"
	case "’s":
		return "'s"
	case "[", "{":
		return "("
	case "]", "}":
		return ")"
	case "—", "–":
		return "--"
	case "…":
		return "..."
	}
	return w
}

func isWordToken(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// DefaultModel returns the built-in model, loading it if needed (nil when
// it cannot be loaded; New reports the error).
func DefaultModel() *Model {
	if _, err := New(); err != nil {
		return nil
	}
	return defaultModel
}

// Evaluate tags CoNLL documents with the built-in model and scores them
// against their gold tags.
func Evaluate(docs []ConllDoc) (*Score, error) {
	if _, err := New(); err != nil {
		return nil, err
	}
	sc := NewScore()
	pred := defaultModel.TagDocs(docs)
	for d, doc := range docs {
		for s, cs := range doc.Sentences {
			sc.Add(cs.Tags, pred[d][s])
		}
	}
	return sc, nil
}
