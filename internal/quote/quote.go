package quote

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/news"
)

// speaker is who a quotation is attributed to.
type speaker struct {
	entity  int    // index into the article's entities, -1 when unresolved
	mention string // the words naming the speaker
	cue     string
	role    string
	// mentionPos is where the naming words are in the text.
	mentionPos int
}

// extractor holds one article's state while its quotations are read.
type extractor struct {
	s        string
	sents    []news.Sentence
	ents     []news.Entity
	mentions []mentionRef // all mentions, by start
	last     *speaker     // the most recent attributed speaker
	genders  map[int]int  // entity -> +1 he, -1 she, 0 unknown (lazily)
	// sentWords is indirect's buffer for a sentence's words.
	sentWords []word
}

type mentionRef struct {
	news.Mention
	entity int
}

// Extract finds the quotations of an article text. sents are its
// sentences and ents its entities (from the entity stage). Quote.Source
// and Quote.Article are left for the caller to fill.
func Extract(s string, sents []news.Sentence, ents []news.Entity) []news.Quote {
	x := &extractor{s: s, sents: sents, ents: ents}
	nm := 0
	for _, e := range ents {
		nm += len(e.Mentions)
	}
	if nm > 0 {
		x.mentions = make([]mentionRef, 0, nm)
	}
	for i, e := range ents {
		for _, m := range e.Mentions {
			x.mentions = append(x.mentions, mentionRef{Mention: m, entity: i})
		}
	}
	sortMentions(x.mentions)

	spans := findSpans(s, false)
	italics := italicRuns(s)
	var out []news.Quote
	var prev *news.Quote
	prevEnd := -1
	si := 0
	// Walk sentences in order, handling quotations where they start and
	// indirect speech in sentences without quotation marks.
	events := mergeEvents(spans, italics)
	ei := 0
	for ; si < len(sents); si++ {
		se := sents[si]
		hadQuote := false
		for ei < len(events) && events[ei].open < se.End {
			sp := events[ei]
			ei++
			if sp.italic {
				// Emphasis continues the quotation right before it.
				if prev == nil || !x.adjacent(prevEnd, sp.open) || wordCount(s[sp.start:sp.end]) < 3 {
					continue
				}
				q := *prev
				q.Text, q.Start, q.End = strings.Trim(s[sp.start:sp.end], " \"“”"), sp.start, sp.end
				q.Kind = news.Direct
				out = append(out, q)
				prev, prevEnd = &out[len(out)-1], sp.close
				hadQuote = true
				continue
			}
			q, ok := x.quotation(sp, prev, prevEnd)
			if !ok {
				continue
			}
			out = append(out, q)
			prev, prevEnd = &out[len(out)-1], sp.close
			hadQuote = true
		}
		if !hadQuote && !x.containsQuote(se, spans) {
			if q, ok := x.indirect(se); ok {
				out = append(out, q)
				prev, prevEnd = nil, -1 // indirect speech breaks a run of quotations
			}
		}
	}
	return out
}

// ExtractTitle finds quotations in a headline: `Putin: 'US refusal is
// non-constructive'`, `'We are ready,' says Lavrov`. Straight single quotes
// count here. Offsets are into the title and InTitle is set.
func ExtractTitle(title string, ents []news.Entity) []news.Quote {
	x := &extractor{s: title, sents: []news.Sentence{{Span: news.Span{Start: 0, End: len(title)}}}, ents: ents}
	for i, e := range ents {
		for _, m := range e.Mentions {
			x.mentions = append(x.mentions, mentionRef{Mention: m, entity: i})
		}
	}
	var out []news.Quote
	for _, sp := range findSpans(title, true) {
		quoted := strings.TrimSpace(title[sp.start:sp.end])
		if wordCount(quoted) < 3 {
			continue // scare quotes
		}
		q := news.Quote{Text: strings.TrimRight(quoted, ","), Kind: news.Direct, Start: sp.start, End: sp.end, InTitle: true}
		q.Start, q.End = tighten(title, q.Text, sp.start, sp.end)
		before := strings.TrimSpace(title[:sp.open])
		var who *speaker
		if strings.HasSuffix(before, ":") || strings.HasSuffix(before, " -") || strings.HasSuffix(before, "—") {
			// "Putin: '…'": the name before the colon speaks.
			name := strings.TrimRight(before, ":-— ")
			ws := words(name, 0)
			if len(ws) > 0 && len(ws) <= 4 {
				who = x.resolve(ws, ":")
			}
		}
		if who == nil && sp.closed {
			_, n := utf8.DecodeRuneInString(title[sp.close:])
			who = x.attributeAfter(sp.close, title[sp.close+n:])
		}
		if who == nil {
			who = x.attributeBefore(0, sp.open)
		}
		if who == nil {
			continue // a headline fragment nobody is said to have said
		}
		x.fill(&q, who)
		out = append(out, q)
	}
	return out
}

// sortMentions sorts mentions by start as
// slices.SortFunc(ms, func(a, b mentionRef) int { return a.Start - b.Start })
// does. When no two starts are equal the order is unique, and it sorts
// small (start, index) keys and permutes once instead of swapping the
// large records; with ties it falls back to that exact call.
func sortMentions(ms []mentionRef) {
	if len(ms) < 2 {
		return
	}
	keys := make([]uint64, len(ms))
	for i, m := range ms {
		if m.Start < 0 || uint64(m.Start) > math.MaxUint32 {
			slices.SortFunc(ms, func(a, b mentionRef) int { return a.Start - b.Start })
			return
		}
		keys[i] = uint64(m.Start)<<32 | uint64(i)
	}
	slices.Sort(keys)
	for i := 1; i < len(keys); i++ {
		if keys[i]>>32 == keys[i-1]>>32 {
			slices.SortFunc(ms, func(a, b mentionRef) int { return a.Start - b.Start })
			return
		}
	}
	sorted := make([]mentionRef, len(ms))
	for i, k := range keys {
		sorted[i] = ms[uint32(k)]
	}
	copy(ms, sorted)
}

// mergeEvents orders quotation spans and italic runs that are not inside
// a quotation.
func mergeEvents(spans, italics []span) []span {
	out := make([]span, len(spans), len(spans)+len(italics))
	copy(out, spans)
	for _, it := range italics {
		inside := false
		for _, sp := range spans {
			if it.open >= sp.open && it.open <= sp.close {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, it)
		}
	}
	slices.SortFunc(out, func(a, b span) int { return a.open - b.open })
	return out
}

func (x *extractor) containsQuote(se news.Sentence, spans []span) bool {
	for _, sp := range spans {
		if sp.open < se.End && sp.close >= se.Start {
			return true
		}
	}
	return false
}

// adjacent reports that only spaces, punctuation and at most a short
// attribution separate the end of one quotation from the next.
func (x *extractor) adjacent(prevEnd, open int) bool {
	if prevEnd < 0 || open < prevEnd {
		return false
	}
	between := x.s[prevEnd:open]
	switch strings.Count(between, "\n\n") {
	case 0:
		// Same paragraph: an attribution sentence may stand between
		// (“…,” said X, the architect of …. “…”).
		return wordCount(between) <= 30
	case 1:
		return wordCount(between) <= 12
	}
	return false
}

// quotation turns one quotation span into a Quote, or reports that it is
// not a quotation (scare quotes, titles).
func (x *extractor) quotation(sp span, prev *news.Quote, prevEnd int) (news.Quote, bool) {
	words := x.joinParts(sp)
	n := wordCount(words)
	if n == 0 {
		return news.Quote{}, false
	}
	se := x.sentenceAt(sp.open)
	before := x.s[se.Start:sp.open]
	closeSent := x.sentenceAt(max(sp.close-1, sp.start))
	afterEnd := closeSent.End
	if afterEnd < sp.close {
		afterEnd = x.paragraphEnd(sp.close)
	}
	if afterEnd <= sp.close+4 {
		// The quotation ends its sentence (`…?" Obama said.`): the
		// attribution is the next sentence of the paragraph.
		if next := x.nextWordPos(sp.close + 1); next > 0 && next < x.paragraphEnd(sp.close) {
			afterEnd = max(afterEnd, x.sentenceAt(next).End)
		}
	}
	after := ""
	if sp.closed && sp.close+1 <= len(x.s) {
		_, mn := utf8.DecodeRuneInString(x.s[sp.close:])
		if sp.close+mn <= afterEnd {
			after = x.s[sp.close+mn : afterEnd]
		}
	}
	direct := isDirectStart(before) || fullSentence(words)
	// Scare quotes and titles: short, no saying around them.
	if n <= 2 && !direct {
		return news.Quote{}, false
	}
	if !direct && n <= 6 && titleCase(words) && !hasCue(before) && !hasCue(after) {
		return news.Quote{}, false
	}
	q := news.Quote{Text: words, Kind: news.Partial, Start: sp.start, End: sp.end}
	q.Start, q.End = tighten(x.s, words, sp.start, sp.end)
	if direct {
		q.Kind = news.Direct
	}
	var sp2 *speaker
	if q.Kind == news.Partial {
		// In a reported sentence the subject of the first verb of saying
		// before the fragment is the speaker; else look after it.
		sp2 = x.attributeBefore(se.Start, sp.open)
		if sp2 == nil {
			sp2 = x.attributeAfter(sp.close, after)
		}
	} else {
		// After the quotation first ("…," he added), unless that is only a
		// pronoun or description and the introduction names someone
		// (Earnest said: "…" … "…," he said).
		sp2 = x.attributeAfter(sp.close, after)
		if sp2 == nil || isDescription(sp2.mention) {
			if b := x.attributeBefore(se.Start, sp.open); b != nil && (sp2 == nil || !isDescription(b.mention)) {
				sp2 = b
			}
		}
	}
	if sp2 == nil && strings.TrimSpace(before) == "" {
		// "Caddell continued:" closing the paragraph before the quotation.
		if ps := x.paragraphStart(sp.open); ps >= 2 {
			prevEnd := strings.TrimRight(x.s[:ps], "\n ")
			if strings.HasSuffix(prevEnd, ":") {
				ps2 := x.sentenceAt(len(prevEnd) - 1)
				sp2 = x.attributeBefore(ps2.Start, len(prevEnd))
			}
		}
	}
	if sp2 == nil && prev != nil && x.adjacent(prevEnd, sp.open) {
		// A paragraph (or sentence) continuing the previous speaker.
		q.Speaker, q.SpeakerMention, q.Role, q.Cue = prev.Speaker, prev.SpeakerMention, prev.Role, prev.Cue
		return q, true
	}
	if sp2 != nil {
		x.fill(&q, sp2)
	}
	return q, true
}

// tighten narrows [start, end) to the quoted words when they appear there
// verbatim (dropping the spaces and trailing comma inside the marks).
func tighten(s, words string, start, end int) (int, int) {
	if i := strings.Index(s[start:end], words); i >= 0 {
		return start + i, start + i + len(words)
	}
	return start, end
}

// joinParts returns the quoted words, pieces of a multi-paragraph quote
// joined by a blank line.
func (x *extractor) joinParts(sp span) string {
	var parts []string
	for _, p := range sp.parts {
		if p.End > p.Start {
			parts = append(parts, strings.TrimSpace(x.s[p.Start:p.End]))
		}
	}
	t := strings.Join(parts, "\n\n")
	return strings.TrimRight(strings.TrimSpace(t), ",")
}

func (x *extractor) sentenceAt(pos int) news.Sentence {
	i, _ := slices.BinarySearchFunc(x.sents, pos, func(s news.Sentence, p int) int {
		switch {
		case s.End <= p:
			return -1
		case s.Start > p:
			return 1
		}
		return 0
	})
	if i < len(x.sents) && x.sents[i].Start <= pos && pos < x.sents[i].End {
		return x.sents[i]
	}
	// Between sentences (on a mark): the paragraph bounds.
	return news.Sentence{Span: news.Span{Start: x.paragraphStart(pos), End: x.paragraphEnd(pos)}}
}

// nextWordPos is the position of the next letter after pos, or -1.
func (x *extractor) nextWordPos(pos int) int {
	for i := pos; i < len(x.s) && i < pos+8; i++ {
		c := x.s[i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
			return i
		}
	}
	return -1
}

func (x *extractor) paragraphStart(pos int) int {
	if i := strings.LastIndex(x.s[:pos], "\n\n"); i >= 0 {
		return i + 2
	}
	return 0
}

func (x *extractor) paragraphEnd(pos int) int {
	if i := strings.Index(x.s[pos:], "\n\n"); i >= 0 {
		return pos + i
	}
	return len(x.s)
}

// isDirectStart reports a quotation that begins its sentence, or follows
// an introduction such as `Putin said:` or `He added,`.
func isDirectStart(before string) bool {
	b := strings.TrimSpace(before)
	b = strings.TrimRight(b, " *—–-")
	if b == "" {
		return true
	}
	if strings.HasSuffix(b, ":") {
		return true
	}
	if strings.HasSuffix(b, ",") {
		w := strings.Fields(strings.TrimSuffix(b, ","))
		return len(w) > 0 && cues[strings.ToLower(w[len(w)-1])]
	}
	return false
}

// hasCue reports a verb of saying in s ("called" and other naming verbs
// do not count: "the book called “War and Peace”" names a title).
// fullSentence reports quoted words that are a sentence or more on their
// own: a capital first letter, sentence punctuation at the end, six words
// or more (`Trump declared “I think NATO may be obsolete. …”`).
func fullSentence(q string) bool {
	q = strings.TrimSpace(q)
	first, _ := utf8.DecodeRuneInString(q)
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(q, "\"'”’»)"))
	return unicode.IsUpper(first) && strings.ContainsRune(".!?…", last) && wordCount(q) >= 6
}

func hasCue(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		w = strings.Trim(w, ".,;:!?\"“”")
		if cues[w] && !namingVerbs[w] {
			return true
		}
	}
	return false
}

var namingVerbs = map[string]bool{"called": true, "calls": true, "calling": true, "dubbed": true, "describing": true}

func wordCount(s string) int {
	n := 0
	in := false
	for _, r := range s {
		if r < utf8.RuneSelf {
			// ASCII: the same tests as below, without the tables.
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
				if !in {
					n++
				}
				in = true
			} else if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\v' || r == '\f' {
				in = false
			}
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if !in {
				n++
			}
			in = true
		} else if unicode.IsSpace(r) {
			in = false
		}
	}
	return n
}

func titleCase(s string) bool {
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLetter(r) && !unicode.IsUpper(r) && len(w) > 3 {
			return false
		}
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(s))
	return !strings.ContainsRune(".!?", last)
}
