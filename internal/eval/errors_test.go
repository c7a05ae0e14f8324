package eval

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestClusterErrors(t *testing.T) {
	// Stream order a1..a9. Gold: A = a1 a2 a3 a4, B = a5 a6, C = a7 a8, D = a9.
	// Predicted: s1 = a1 a2 a5 a6 (A and B merged), s3 = a3 a4 (A split),
	// s7 = a7, s8 = a8 (C split), s9 = a9 (right). a10 has no gold story
	// and a11 no prediction: both are left out.
	gold := map[string]string{"a1": "A", "a2": "A", "a3": "A", "a4": "A", "a5": "B", "a6": "B", "a7": "C", "a8": "C", "a9": "D", "a11": "E"}
	pred := map[string]string{"a1": "s1", "a2": "s1", "a5": "s1", "a6": "s1", "a3": "s3", "a4": "s3", "a7": "s7", "a8": "s8", "a9": "s9", "a10": "s1"}
	order := []string{"a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10", "a11"}
	name := func(id string) string { return "title of " + id }
	merges, splits := ClusterErrors(gold, pred, order, name)
	wantMerges := []Mistake{{Story: "s1", Pairs: 4, Parts: []Part{
		{Story: "A", Articles: 2, Of: 4, Example: "title of a1"},
		{Story: "B", Articles: 2, Of: 2, Example: "title of a5"},
	}}}
	// A loses the 4 pairs between {a1,a2} and {a3,a4}; C its one pair.
	wantSplits := []Mistake{
		{Story: "A", Pairs: 4, Parts: []Part{
			{Story: "s1", Articles: 2, Of: 4, Example: "title of a1"},
			{Story: "s3", Articles: 2, Of: 2, Example: "title of a3"},
		}},
		{Story: "C", Pairs: 1, Parts: []Part{
			{Story: "s7", Articles: 1, Of: 1, Example: "title of a7"},
			{Story: "s8", Articles: 1, Of: 1, Example: "title of a8"},
		}},
	}
	opt := cmpopts.IgnoreUnexported(Part{})
	if d := cmp.Diff(wantMerges, merges, opt); d != "" {
		t.Errorf("merges (-want +got):\n%s", d)
	}
	if d := cmp.Diff(wantSplits, splits, opt); d != "" {
		t.Errorf("splits (-want +got):\n%s", d)
	}
	// The false and lost pairs are what pairwise scoring counts.
	s := Score("", gold, pred, func(string, string) bool { return true })
	tp := 3.0 // a1-a2 and a5-a6 in s1, a3-a4 in s3
	var fp, fn float64
	for _, m := range merges {
		fp += float64(m.Pairs)
	}
	for _, sp := range splits {
		fn += float64(sp.Pairs)
	}
	if p := tp / (tp + fp); p != s.PairP {
		t.Errorf("precision from the merges %v, Score says %v", p, s.PairP)
	}
	if r := tp / (tp + fn); r != s.PairR {
		t.Errorf("recall from the splits %v, Score says %v", r, s.PairR)
	}

	var b strings.Builder
	if err := WriteErrors(&b, merges, splits, 1); err != nil {
		t.Fatal(err)
	}
	want := `wrong merges: 1 predicted stories hold several gold stories, 4 false pairs
  s1: 4 false pairs
    A: 2 of its 4  "title of a1"
    B: 2 of its 2  "title of a5"
splits: 2 gold stories are spread over several predicted ones, 5 pairs lost
  A: 4 pairs lost
    s1: 2 of its 4  "title of a1"
    s3: 2 of its 2  "title of a3"
`
	if d := cmp.Diff(want, b.String()); d != "" {
		t.Errorf("WriteErrors (-want +got):\n%s", d)
	}
}

func TestQuoteShort(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", `""`},
		{"One\nline  only", `"One line only"`},
		{strings.Repeat("é", 71), `"` + strings.Repeat("é", 69) + `…"`},
		{strings.Repeat("a", 70), `"` + strings.Repeat("a", 70) + `"`},
	} {
		if got := quoteShort(tc.in); got != tc.want {
			t.Errorf("quoteShort(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
