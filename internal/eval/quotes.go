package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/pipeline"
)

// QuoteScores are the quotation figures on PolNeAR and BASIL.
type QuoteScores struct {
	Texts int `json:"texts"`
	// Direct quotations (PolNeAR Content spans in quotation marks).
	DirectGold, DirectPred, DirectMatched int
	// DirectFound counts gold direct quotations covered by predictions.
	DirectFound                int
	DirectP, DirectR, DirectF1 float64
	// Speaker accuracy on matched direct quotations with a gold source.
	SpeakerCorrect, SpeakerTotal int
	// Indirect speech recall: PolNeAR Content spans not in quotation
	// marks found by an indirect quotation.
	IndirectGold, IndirectFound int
	// BASIL: quotations with a named-person speaker, found, and found with
	// the right speaker.
	BasilGold, BasilFound, BasilCorrect int
}

// brat is one annotated span.
type brat struct {
	typ        string
	start, end int
	text       string
}

type attribution struct{ source, content brat }

func readAnn(path string) ([]attribution, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	spans := map[string]brat{}
	var rels [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 2 {
			continue
		}
		switch cols[0][0] {
		case 'T':
			meta := strings.Fields(strings.ReplaceAll(cols[1], ";", " "))
			if len(meta) < 3 {
				continue
			}
			st, _ := strconv.Atoi(meta[1])
			en, _ := strconv.Atoi(meta[len(meta)-1])
			txt := ""
			if len(cols) > 2 {
				txt = cols[2]
			}
			spans[cols[0]] = brat{typ: meta[0], start: st, end: en, text: txt}
		case 'E':
			rels = append(rels, strings.Fields(cols[1]))
		}
	}
	var out []attribution
	for _, r := range rels {
		var a attribution
		for _, part := range r {
			k, v, ok := strings.Cut(part, ":")
			if !ok {
				continue
			}
			switch {
			case strings.HasPrefix(k, "Source"):
				a.source = spans[v]
			case strings.HasPrefix(k, "Content"):
				a.content = spans[v]
			}
		}
		if a.content.end > a.content.start {
			out = append(out, a)
		}
	}
	return out, sc.Err()
}

var quoteOpen, quoteClose = "“\"«", "”\"»"

// isDirectContent reports a Content span that is a quotation: its text
// opens and closes with quotation marks, or marks stand right outside it.
func isDirectContent(s string, c brat) bool {
	if c.start < 0 || c.end > len(s) {
		return false
	}
	t := strings.TrimSpace(s[c.start:c.end])
	t = strings.TrimRight(t, ".,;:!? ")
	if t == "" {
		return false
	}
	first, last := []rune(t)[0], []rune(t)[len([]rune(t))-1]
	if strings.ContainsRune(quoteOpen, first) && strings.ContainsRune(quoteClose, last) {
		return true
	}
	before := strings.TrimRight(s[max(0, c.start-4):c.start], " ")
	after := strings.TrimLeft(s[c.end:min(len(s), c.end+4)], " ,.")
	return before != "" && after != "" && strings.ContainsAny(before[len(before)-1:], quoteOpen) || strings.HasSuffix(before, "“") && strings.HasPrefix(after, "”")
}

var pronounSources = map[string]bool{"he": true, "she": true, "they": true, "i": true, "we": true, "it": true, "him": true, "her": true}

// EvalQuotes scores quotation extraction on DATA/quotes.
func EvalQuotes(dataDir string) (QuoteScores, error) {
	var sc QuoteScores
	an, err := pipeline.NewAnalyser()
	if err != nil {
		return sc, err
	}
	dir := filepath.Join(dataDir, "quotes", "polnear", "dev")
	texts, err := filepath.Glob(filepath.Join(dir, "text", "*.txt"))
	if err != nil || len(texts) == 0 {
		return sc, fmt.Errorf("PolNeAR dev texts not found in %s", dir)
	}
	sort.Strings(texts)
	for _, tp := range texts {
		base := strings.TrimSuffix(filepath.Base(tp), ".txt")
		anns, _ := filepath.Glob(filepath.Join(dir, "attributions", base+"_*.ann"))
		if len(anns) == 0 {
			continue
		}
		b, err := os.ReadFile(tp)
		if err != nil {
			return sc, err
		}
		// Texts annotated twice: the annotator who marked more attributions
		// (annotators mostly miss, rarely invent).
		sort.Strings(anns)
		var gold []attribution
		for _, ap := range anns {
			g, err := readAnn(ap)
			if err != nil {
				return sc, fmt.Errorf("%s: %w", ap, err)
			}
			if len(g) > len(gold) {
				gold = g
			}
		}
		sc.Texts++
		s := string(b)
		toBytes(s, gold)
		aa := an.Analyse(news.Article{ID: base, Text: s})
		sc.scorePolnear(s, gold, aa.Quotes)
	}
	sc.DirectP = ratio(sc.DirectMatched, sc.DirectPred)
	sc.DirectR = ratio(sc.DirectFound, sc.DirectGold)
	if sc.DirectP+sc.DirectR > 0 {
		sc.DirectF1 = 2 * sc.DirectP * sc.DirectR / (sc.DirectP + sc.DirectR)
	}
	if err := sc.scoreBasil(dataDir, an); err != nil {
		return sc, err
	}
	return sc, nil
}

func overlap(a0, a1, b0, b1 int) int { return max(0, min(a1, b1)-max(a0, b0)) }

func (sc *QuoteScores) scorePolnear(s string, gold []attribution, pred []news.Quote) {
	sort.Slice(gold, func(i, j int) bool { return gold[i].content.start < gold[j].content.start })
	// Resolve pronoun sources to the nearest earlier named source.
	named := func(pos int) string {
		best, bestPos := "", -1
		for _, g := range gold {
			t := strings.ToLower(strings.TrimSpace(g.source.text))
			if g.source.end <= pos && g.source.end > bestPos && t != "" && !pronounSources[t] {
				best, bestPos = g.source.text, g.source.end
			}
		}
		return best
	}
	var direct []news.Quote
	for _, q := range pred {
		if q.Kind == news.Direct {
			direct = append(direct, q)
		}
	}
	sc.DirectPred += len(direct)
	// PolNeAR annotates one Content per attribution, so `"A," said X. "B."`
	// is one (discontinuous) span that we find as two quotations: a
	// predicted quotation is right when at least half of it lies in a gold
	// direct Content, and a gold Content is found when its predicted
	// quotations cover at least half of it.
	covered := make([]int, len(gold))
	for _, q := range direct {
		for gi, g := range gold {
			c := g.content
			if !isDirectContent(s, c) {
				continue
			}
			o := overlap(q.Start, q.End, c.start, c.end)
			if 2*o < q.End-q.Start {
				continue
			}
			covered[gi] += o
			sc.DirectMatched++
			src := strings.TrimSpace(g.source.text)
			if src != "" {
				want := src
				if pronounSources[strings.ToLower(src)] {
					want = named(g.source.start)
				}
				sc.SpeakerTotal++
				if sameSpeaker(q, src, want) {
					sc.SpeakerCorrect++
				}
			}
			break
		}
	}
	for gi, g := range gold {
		c := g.content
		if !isDirectContent(s, c) {
			if g.source.text != "" {
				sc.IndirectGold++
				for _, q := range pred {
					if q.Kind == news.Indirect && 2*overlap(q.Start, q.End, c.start, c.end) >= min(q.End-q.Start, c.end-c.start) {
						sc.IndirectFound++
						break
					}
				}
			}
			continue
		}
		sc.DirectGold++
		if 2*covered[gi] >= c.end-c.start {
			sc.DirectFound++
		}
	}
}

// sameSpeaker: our speaker names the same person or body as the gold
// source (a shared name word of 3+ letters), or our words naming the
// speaker are the gold source's words.
func sameSpeaker(q news.Quote, src, resolved string) bool {
	if strings.EqualFold(strings.TrimSpace(q.SpeakerMention), src) {
		return true
	}
	gw := nameWords(resolved + " " + src)
	for w := range nameWords(q.Speaker + " " + q.SpeakerMention) {
		if gw[w] {
			return true
		}
	}
	return false
}

func nameWords(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(w) >= 3 && unicode.IsUpper([]rune(w)[0]) {
			m[strings.ToLower(w)] = true
		}
	}
	return m
}

// scoreBasil: for BASIL quotations whose gold speaker is a named person
// (not a group such as "other pro"), is the quotation found, and with the
// right speaker (a shared name word)?
func (sc *QuoteScores) scoreBasil(dataDir string, an *pipeline.Analyser) error {
	arts := map[string]news.Article{}
	f, err := os.Open(filepath.Join(dataDir, "stories", "articles.jsonl"))
	if err != nil {
		return err
	}
	defer f.Close()
	rd := bufio.NewScanner(f)
	rd.Buffer(make([]byte, 1<<20), 1<<24)
	for rd.Scan() {
		var a news.Article
		if json.Unmarshal(rd.Bytes(), &a) == nil {
			arts[a.ID] = a
		}
	}
	qf, err := os.Open(filepath.Join(dataDir, "quotes", "basil-quotes.jsonl"))
	if err != nil {
		return err
	}
	defer qf.Close()
	analysed := map[string][]news.Quote{}
	qs := bufio.NewScanner(qf)
	qs.Buffer(make([]byte, 1<<20), 1<<22)
	for qs.Scan() {
		var g struct{ Article, Quote, Speaker string }
		if json.Unmarshal(qs.Bytes(), &g) != nil || !namedPerson(g.Speaker) {
			continue
		}
		a, ok := arts[g.Article]
		if !ok {
			continue
		}
		sc.BasilGold++
		if _, ok := analysed[a.ID]; !ok {
			analysed[a.ID] = an.Analyse(a).Quotes
		}
		gq := normQuote(g.Quote)
		for _, q := range analysed[a.ID] {
			pq := normQuote(q.Text)
			if pq == "" || !(strings.Contains(pq, gq) || strings.Contains(gq, pq) && len(pq) > len(gq)/2) {
				continue
			}
			sc.BasilFound++
			if sameSpeaker(q, g.Speaker, g.Speaker) {
				sc.BasilCorrect++
			}
			break
		}
	}
	return nil
}

// groupWords mark a gold speaker that is a group, not a named person
// ("Tea Party", "Republican Lawmakers", "Obama campaign").
var groupWords = []string{"party", "lawmakers", "campaign", "administration", "democrats", "republicans", "officials",
	"supporters", "group", "committee", "house", "senate", "congress", "department", "white house", "media", "critics",
	"members", "leaders", "government", "agency", "court", "police", "protesters", "activists", "voters", "staff"}

func namedPerson(s string) bool {
	l := strings.ToLower(s)
	if s == "" || strings.HasPrefix(l, "other") || !strings.Contains(s, " ") || !unicode.IsUpper([]rune(s)[0]) {
		return false
	}
	for _, w := range groupWords {
		if strings.Contains(l, w) {
			return false
		}
	}
	return true
}

func normQuote(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
}

// toBytes converts brat's character offsets to byte offsets into s.
func toBytes(s string, gold []attribution) {
	idx := make([]int, 0, len(s)+1)
	for i := range s {
		idx = append(idx, i)
	}
	idx = append(idx, len(s))
	conv := func(c int) int {
		if c < 0 {
			return 0
		}
		if c >= len(idx) {
			return len(s)
		}
		return idx[c]
	}
	for i := range gold {
		for _, b := range []*brat{&gold[i].source, &gold[i].content} {
			b.start, b.end = conv(b.start), conv(b.end)
		}
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
