package eval

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// A Merge is a predicted story that holds articles of several gold
// stories: a wrong merge. FalsePairs counts its article pairs from
// different gold stories (what it costs pairwise precision).
type Merge struct {
	Story      string
	FalsePairs int
	Parts      []Part // the gold stories in it, largest first
}

// A Split is a gold story whose articles went to several predicted
// stories. LostPairs counts its article pairs that were put apart (what
// it costs pairwise recall).
type Split struct {
	Gold      string
	LostPairs int
	Parts     []Part // the predicted stories it went to, largest first
}

// A Part is the share of one story in another: Articles of the Of
// articles of story Story. Example is the title (or, untitled, the opening
// words of the text) of its first article in stream order.
type Part struct {
	Story         string
	Articles, Of  int
	Example       string
	firstInStream int
}

// ClusterErrors lists a clustering's wrong merges and splits against gold,
// the costliest first (then by story id, so the listing is the same for
// the same input). order gives the articles in stream order and says
// what each is called (see Part.Example); articles gold or pred lacks are
// left out.
func ClusterErrors(gold, pred map[string]string, order []string, name func(id string) string) ([]Merge, []Split) {
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
	pairs := func(n int) int { return n * (n - 1) / 2 }
	byPred, byGold := map[string][]Part{}, map[string][]Part{}
	for _, k := range keys {
		c := *cells[k]
		byPred[k.pred] = append(byPred[k.pred], Part{Story: k.gold, Articles: c.Articles, Of: goldSize[k.gold], Example: c.Example, firstInStream: c.firstInStream})
		byGold[k.gold] = append(byGold[k.gold], Part{Story: k.pred, Articles: c.Articles, Of: predSize[k.pred], Example: c.Example, firstInStream: c.firstInStream})
	}
	largest := func(a, b Part) int {
		return cmp.Or(cmp.Compare(b.Articles, a.Articles), cmp.Compare(a.firstInStream, b.firstInStream))
	}
	var merges []Merge
	for p, parts := range byPred {
		if len(parts) < 2 {
			continue
		}
		same := 0
		for _, x := range parts {
			same += pairs(x.Articles)
		}
		slices.SortFunc(parts, largest)
		merges = append(merges, Merge{Story: p, FalsePairs: pairs(predSize[p]) - same, Parts: parts})
	}
	slices.SortFunc(merges, func(a, b Merge) int {
		return cmp.Or(cmp.Compare(b.FalsePairs, a.FalsePairs), strings.Compare(a.Story, b.Story))
	})
	var splits []Split
	for g, parts := range byGold {
		if len(parts) < 2 {
			continue
		}
		kept := 0
		for _, x := range parts {
			kept += pairs(x.Articles)
		}
		slices.SortFunc(parts, largest)
		splits = append(splits, Split{Gold: g, LostPairs: pairs(goldSize[g]) - kept, Parts: parts})
	}
	slices.SortFunc(splits, func(a, b Split) int {
		return cmp.Or(cmp.Compare(b.LostPairs, a.LostPairs), strings.Compare(a.Gold, b.Gold))
	})
	return merges, splits
}

// WriteErrors writes the n costliest merges and splits (all for n < 0),
// one story per line, with its parts indented under it: "gold-7: 3 of its
// 12" under a merge says 3 of the 12 articles of gold story gold-7 are in
// it; under a split, "s-x: 3 of its 5" says 3 of the split story's
// articles are in predicted story s-x, which holds 5.
func WriteErrors(w io.Writer, merges []Merge, splits []Split, n int) error {
	total := func(pairs []int) int {
		s := 0
		for _, p := range pairs {
			s += p
		}
		return s
	}
	var fp, lost []int
	for _, m := range merges {
		fp = append(fp, m.FalsePairs)
	}
	for _, s := range splits {
		lost = append(lost, s.LostPairs)
	}
	if n < 0 {
		n = max(len(merges), len(splits))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "wrong merges: %d predicted stories hold several gold stories, %d false pairs\n", len(merges), total(fp))
	for _, m := range merges[:min(n, len(merges))] {
		fmt.Fprintf(&b, "  %s: %d false pairs\n", m.Story, m.FalsePairs)
		for _, x := range m.Parts {
			fmt.Fprintf(&b, "    %s: %d of its %d  %s\n", x.Story, x.Articles, x.Of, quoteShort(x.Example))
		}
	}
	fmt.Fprintf(&b, "splits: %d gold stories are spread over several predicted ones, %d pairs lost\n", len(splits), total(lost))
	for _, s := range splits[:min(n, len(splits))] {
		fmt.Fprintf(&b, "  %s: %d pairs lost\n", s.Gold, s.LostPairs)
		for _, x := range s.Parts {
			fmt.Fprintf(&b, "    %s: %d of its %d  %s\n", x.Story, x.Articles, x.Of, quoteShort(x.Example))
		}
	}
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
