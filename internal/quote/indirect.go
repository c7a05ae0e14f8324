package quote

import (
	"strings"

	"github.com/parallax-news/parallax/internal/news"
)

// indirect reads reported speech in a sentence without quotation marks:
// `SPEAKER said (that) CLAUSE`, `According to SPEAKER, CLAUSE`, or
// `CLAUSE, SPEAKER said.`
func (x *extractor) indirect(se news.Sentence) (news.Quote, bool) {
	if !mayReport(x.s[se.Start:se.End]) {
		return news.Quote{}, false
	}
	// The words are only read here: a buffer reused across sentences.
	x.sentWords = appendWords(x.sentWords[:0], x.s[se.Start:se.End], se.Start)
	ws := x.sentWords
	if len(ws) < 5 {
		return news.Quote{}, false
	}
	// According to X, CLAUSE
	if ws[0].lower == "according" && len(ws) > 3 && ws[1].lower == "to" {
		end := 2
		for end < len(ws) && end < 10 && !strings.Contains(ws[end-1].punct, ",") {
			end++
		}
		if end < len(ws)-2 {
			if sp := x.resolve(ws[2:end], "according to"); sp != nil {
				return x.indirectQuote(sp, ws[end].start, se.End), true
			}
		}
	}
	for k := 1; k < len(ws)-2; k++ {
		if !indirectCues[ws[k].lower] || strings.ContainsAny(ws[k].punct, ".;:") {
			continue
		}
		next := ws[k+1].lower
		if next == "by" || next == "in" && k+2 < len(ws) && ws[k+2].lower == "a" {
			continue // passive, or "said in a statement" without a clause yet
		}
		st := k
		for st > 0 && k-st < 7 && !strings.ContainsAny(ws[st-1].punct, ",.;:!?") {
			st--
		}
		subj := trimSkips(ws[st:k])
		if len(subj) == 0 {
			continue
		}
		sp := x.resolve(subj, ws[k].lower)
		if sp == nil {
			continue
		}
		c := k + 1
		// Skip a time or addressee between the verb and the clause:
		// "said Tuesday that", "told reporters that".
		for j := c; j < len(ws) && j < c+4; j++ {
			if ws[j].lower == "that" {
				c = j + 1
				break
			}
		}
		if len(ws)-c < 3 || !looksLikeClause(ws[c:]) {
			continue
		}
		return x.indirectQuote(sp, ws[c].start, se.End), true
	}
	return news.Quote{}, false
}

func (x *extractor) indirectQuote(sp *speaker, start, end int) news.Quote {
	t := strings.TrimSpace(x.s[start:end])
	t = strings.TrimRight(t, ".")
	// A trailing attribution (", the report said") is not part of the claim.
	if i := strings.LastIndex(t, ", "); i > 0 {
		tail := strings.Fields(strings.ToLower(t[i+2:]))
		if len(tail) > 0 && len(tail) <= 5 && cues[tail[len(tail)-1]] {
			t = t[:i]
		}
	}
	q := news.Quote{Text: t, Kind: news.Indirect, Start: start, End: start + len(t)}
	x.fill(&q, sp)
	return q
}

// finiteVerbs mark a clause (a crude but cheap test for one).
var finiteVerbs = map[string]bool{"is": true, "was": true, "are": true, "were": true, "had": true, "has": true,
	"have": true, "would": true, "will": true, "could": true, "can": true, "did": true, "does": true, "do": true,
	"should": true, "must": true, "may": true, "might": true, "been": true, "be": true, "wanted": true, "want": true,
	"needs": true, "need": true, "didn't": true, "don't": true, "doesn't": true, "isn't": true, "wasn't": true,
	"won't": true, "can't": true, "wouldn't": true, "hadn't": true, "hasn't": true, "haven't": true, "aren't": true}

// looksLikeClause: the words after a verb of saying hold a finite verb ("the U.S. had declined", "he didn't understand").
func looksLikeClause(ws []word) bool {
	for _, w := range ws[1:min(len(ws), 14)] {
		if finiteVerbs[w.lower] || strings.HasSuffix(w.lower, "ed") && len(w.lower) > 4 {
			return true
		}
	}
	return false
}

// cueEnds are the last letters of the indirect cues and "according".
var cueEnds = func() [256]bool {
	var t [256]bool
	for w := range indirectCues {
		t[w[len(w)-1]] = true
	}
	t['g'] = true
	return t
}()

// cueLens[c] has bit n set when an indirect cue (or "according") of n
// letters ends in c.
var cueLens = func() [256]uint32 {
	var t [256]uint32
	for w := range indirectCues {
		if len(w) < 32 {
			t[w[len(w)-1]] |= 1 << len(w)
		} else {
			t[w[len(w)-1]] = ^uint32(0)
		}
	}
	t['g'] |= 1 << len("according")
	return t
}()

// mayReport is a cheap test that a sentence holds a verb of saying (or
// "according to") before the word-level parse: it looks only at words
// ending in a letter some cue ends in.
func mayReport(s string) bool {
	// Walk the maximal runs of ASCII letters: a cue is a whole run.
	for i := 0; i < len(s); {
		if !asciiLetter(s[i]) {
			i++
			continue
		}
		j := i
		for i < len(s) && asciiLetter(s[i]) {
			i++
		}
		// s[j:i] is a run of ASCII letters.
		last, n := s[i-1], i-j
		if !cueEnds[last] || n < 32 && cueLens[last]&(1<<n) == 0 {
			continue // no cue of this length ends in this letter
		}
		// Lower-case it in place of strings.ToLower, without a copy on
		// the heap.
		var buf [16]byte
		if n <= len(buf) {
			for k := range n {
				c := s[j+k]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf[k] = c
			}
			if indirectCues[string(buf[:n])] || string(buf[:n]) == "according" {
				return true
			}
		} else if w := strings.ToLower(s[j:i]); indirectCues[w] {
			return true
		}
	}
	return false
}

func asciiLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
