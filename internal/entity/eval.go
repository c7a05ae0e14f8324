package entity

// Span is a typed entity span over token indexes [Start, End).
type Span struct {
	Start, End int
	Type       string
}

// Spans reads typed spans from IOB1 or IOB2 tags.
func Spans(tags []string) []Span {
	var out []Span
	tags = ToIOB2(tags)
	for i := 0; i < len(tags); i++ {
		if len(tags[i]) < 2 || tags[i][:2] != "B-" {
			continue
		}
		typ := tags[i][2:]
		j := i + 1
		for j < len(tags) && tags[j] == "I-"+typ {
			j++
		}
		out = append(out, Span{Start: i, End: j, Type: typ})
		i = j - 1
	}
	return out
}

// Score counts entity-level matches (exact span and type).
type Score struct {
	TP, FP, FN map[string]int
}

// NewScore returns an empty score.
func NewScore() *Score {
	return &Score{TP: map[string]int{}, FP: map[string]int{}, FN: map[string]int{}}
}

// Add scores one sentence.
func (s *Score) Add(gold, pred []string) {
	g := map[Span]bool{}
	for _, sp := range Spans(gold) {
		g[sp] = true
	}
	for _, sp := range Spans(pred) {
		if g[sp] {
			s.TP[sp.Type]++
			delete(g, sp)
		} else {
			s.FP[sp.Type]++
		}
	}
	for sp := range g {
		s.FN[sp.Type]++
	}
}

// PRF returns precision, recall and F1 for a type ("" for all types).
func (s *Score) PRF(typ string) (p, r, f float64) {
	sum := func(m map[string]int) int {
		if typ != "" {
			return m[typ]
		}
		n := 0
		for _, v := range m {
			n += v
		}
		return n
	}
	tp, fp, fn := float64(sum(s.TP)), float64(sum(s.FP)), float64(sum(s.FN))
	if tp+fp > 0 {
		p = tp / (tp + fp)
	}
	if tp+fn > 0 {
		r = tp / (tp + fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// TagDocs tags CoNLL documents with m and returns the predicted tags per
// sentence (IOB2), using the document history as at run time.
func (m *Model) TagDocs(docs []ConllDoc) [][][]string {
	var buf []uint32
	out := make([][][]string, len(docs))
	for d, doc := range docs {
		hist := history{}
		for _, cs := range doc.Sentences {
			var labels []int
			labels, buf = m.Tag(cs.Words, hist, buf)
			tags := make([]string, len(labels))
			for i, l := range labels {
				tags[i] = Labels[l]
			}
			out[d] = append(out[d], tags)
		}
	}
	return out
}
