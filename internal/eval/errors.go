package eval

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// A Mistake is a story of one clustering whose articles another one puts
// in several stories: a predicted story holding articles of several gold
// stories (a wrong merge), or a gold story whose articles went to several
// predicted ones (a split). Pairs counts the article pairs it gets wrong:
// a merge's pairs from different gold stories (what it costs pairwise
// precision), a split's pairs that were put apart (what it costs recall).
type Mistake struct {
	Story string
	Pairs int
	Parts []Part // the stories of the other side in it, largest first
}

// A Part is the share of one story in another: Articles of the Of
// articles of story Story. Example is the title (or, untitled, the opening
// words of the text) of the first of those Articles in stream order.
type Part struct {
	Story         string
	Articles, Of  int
	Example       string
	firstInStream int
}

// ClusterErrors lists a clustering's wrong merges and splits against gold,
// the costliest first (then by story id, so the listing is the same for
// the same input). order gives the articles in stream order and name says
// what each is called (see Part.Example); articles gold or pred lacks are
// left out.
func ClusterErrors(gold, pred map[string]string, order []string, name func(id string) string) (merges, splits []Mistake) {
	goldSize, predSize := map[string]int{}, map[string]int{}
	type cell struct{ gold, pred string }
	cells := map[cell]*Part{}
	var keys []cell
	for i, id := range order {
		g, ok1 := gold[id]
		p, ok2 := pred[id]
		if !ok1 || !ok2 {
			continue
		}
		goldSize[g]++
		predSize[p]++
		k := cell{g, p}
		if c := cells[k]; c != nil {
			c.Articles++
			continue
		}
		cells[k] = &Part{Articles: 1, Example: name(id), firstInStream: i}
		keys = append(keys, k)
	}
	byPred, byGold := map[string][]Part{}, map[string][]Part{}
	for _, k := range keys {
		c := *cells[k]
		byPred[k.pred] = append(byPred[k.pred], Part{Story: k.gold, Articles: c.Articles, Of: goldSize[k.gold], Example: c.Example, firstInStream: c.firstInStream})
		byGold[k.gold] = append(byGold[k.gold], Part{Story: k.pred, Articles: c.Articles, Of: predSize[k.pred], Example: c.Example, firstInStream: c.firstInStream})
	}
	return mistakes(byPred, predSize), mistakes(byGold, goldSize)
}

// mistakes lists the stories of by (of size articles) that have several
// parts, with the pairs they get wrong: all their pairs but those within
// one part.
func mistakes(by map[string][]Part, size map[string]int) []Mistake {
	pairs := func(n int) int { return n * (n - 1) / 2 }
	var out []Mistake
	for st, parts := range by {
		if len(parts) < 2 {
			continue
		}
		right := 0
		for _, x := range parts {
			right += pairs(x.Articles)
		}
		slices.SortFunc(parts, func(a, b Part) int {
			return cmp.Or(cmp.Compare(b.Articles, a.Articles), cmp.Compare(a.firstInStream, b.firstInStream))
		})
		out = append(out, Mistake{Story: st, Pairs: pairs(size[st]) - right, Parts: parts})
	}
	slices.SortFunc(out, func(a, b Mistake) int {
		return cmp.Or(cmp.Compare(b.Pairs, a.Pairs), strings.Compare(a.Story, b.Story))
	})
	return out
}

// WriteErrors writes the n costliest merges and splits (all for n < 0),
// one story per line, with its parts indented under it: "gold-7: 3 of its
// 12" under a merge says 3 of the 12 articles of gold story gold-7 are in
// it; under a split, "s-x: 3 of its 5" says 3 of the split story's
// articles are in predicted story s-x, which holds 5.
func WriteErrors(w io.Writer, merges, splits []Mistake, n int) error {
	if n < 0 {
		n = max(len(merges), len(splits))
	}
	var b strings.Builder
	list := func(ms []Mistake, head, each string) {
		total := 0
		for _, m := range ms {
			total += m.Pairs
		}
		fmt.Fprintf(&b, head, len(ms), total)
		for _, m := range ms[:min(n, len(ms))] {
			fmt.Fprintf(&b, each, m.Story, m.Pairs)
			for _, x := range m.Parts {
				fmt.Fprintf(&b, "    %s: %d of its %d  %s\n", x.Story, x.Articles, x.Of, quoteShort(x.Example))
			}
		}
	}
	list(merges, "wrong merges: %d predicted stories hold several gold stories, %d false pairs\n", "  %s: %d false pairs\n")
	list(splits, "splits: %d gold stories are spread over several predicted ones, %d pairs lost\n", "  %s: %d pairs lost\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// quoteShort quotes s cut to about 70 characters, on one line.
func quoteShort(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 70 {
		r := []rune(s)[:69]
		s = strings.TrimRight(string(r), " ") + "…"
	}
	return fmt.Sprintf("%q", s)
}
