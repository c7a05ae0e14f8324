package eval

import (
	"bufio"
	"context"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/source"
	"github.com/parallax-news/parallax/internal/story"
)

// ClusterScores are pairwise and B-cubed scores of a clustering.
type ClusterScores struct {
	Name                   string  `json:"name"`
	Articles               int     `json:"articles"`
	GoldStories            int     `json:"gold_stories"`
	PredStories            int     `json:"predicted_stories"`
	PairP, PairR, PairF1   float64 `json:"-"`
	BcubedP, BcubedR, B3F1 float64 `json:"-"`
}

// Half tells which half of the gold stories a story id falls in: the
// tuning half (0) or the held-out half (1), by a hash of the id.
func Half(storyID string) int {
	h := fnv.New32a()
	h.Write([]byte(storyID))
	return int(h.Sum32() % 2)
}

// SplitHalf is Half for another random split of the gold stories into two
// halves, numbered by split; split 0 is Half's. Repeated two-way
// cross-validation (`go run ./internal/story/cmd/train -cv N`) trains and
// scores on several splits, since one split's figures hang on which
// handful of hard topics fall in which half.
func SplitHalf(storyID string, split int) int {
	if split == 0 {
		return Half(storyID)
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/%s", split, storyID)
	// FNV-1a's low bit is only the parity of the input bytes' low bits:
	// take a high bit of the mixed hash instead.
	return int((h.Sum64() * 0x9e3779b97f4a7c15) >> 63)
}

// StoryData is the story evaluation set, analysed and in stream order.
type StoryData struct {
	Docs []story.Doc
	Gold map[string]string // article id -> gold story
}

// LoadStories reads DATA/stories, analyses every article (entities) and
// orders them as a stream would deliver them: by date, undated last in
// file order.
func LoadStories(dataDir string) (*StoryData, error) {
	dir := filepath.Join(dataDir, "stories")
	gold := map[string]string{}
	f, err := os.Open(filepath.Join(dir, "gold.tsv"))
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		id, st, ok := strings.Cut(sc.Text(), "\t")
		if ok && id != "id" {
			gold[id] = st
		}
	}
	f.Close()
	an, err := pipeline.NewAnalyser()
	if err != nil {
		return nil, err
	}
	docs := (&source.Opener{}).Documents(context.Background(), []string{filepath.Join(dir, "articles.jsonl")})
	var out []story.Doc
	for d, err := range pipeline.Map(context.Background(), docs, 0, func(d news.Document) (story.Doc, error) {
		a, err := extract.Article(d, extract.Options{})
		if err != nil {
			return story.Doc{}, err
		}
		return story.DocFrom(an.Analyse(a)), nil
	}) {
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	story.SortForStream(out)
	return &StoryData{Docs: out, Gold: gold}, nil
}

// Cluster runs the streaming clusterer over the data, each article with
// the next ones in view (see story.AddAhead).
func (sd *StoryData) Cluster(p story.Params) map[string]string {
	ps := make([]story.Prepared, len(sd.Docs))
	for i, d := range sd.Docs {
		ps[i] = story.Prepare(d)
	}
	return ClusterPrepared(ps, p)
}

// ClusterPrepared runs a streaming clusterer with parameters p over ps,
// in order, each article with the next ones in view, and returns each
// article's story.
func ClusterPrepared(ps []story.Prepared, p story.Params) map[string]string {
	w := story.NewWindow(story.New(p))
	pred := make(map[string]string, len(ps))
	emit := func(a news.Assignment) error { pred[a.ArticleID] = a.Story; return nil }
	for _, x := range ps {
		w.Push(x, emit) // emit never fails
	}
	w.Flush(emit)
	return pred
}

// Score scores predicted stories against gold for the articles keep accepts.
func Score(name string, gold, pred map[string]string, keep func(id, goldStory string) bool) ClusterScores {
	s := ClusterScores{Name: name}
	goldSize, predSize := map[string]int{}, map[string]int{}
	both := map[[2]string]int{}
	for id, g := range gold {
		p, ok := pred[id]
		if !ok || !keep(id, g) {
			continue
		}
		s.Articles++
		goldSize[g]++
		predSize[p]++
		both[[2]string{g, p}]++
	}
	s.GoldStories, s.PredStories = len(goldSize), len(predSize)
	pairs := func(n int) float64 { return float64(n*(n-1)) / 2 }
	var tp, pp, gp, b3p, b3r float64
	for k, n := range both {
		tp += pairs(n)
		b3p += float64(n*n) / float64(predSize[k[1]])
		b3r += float64(n*n) / float64(goldSize[k[0]])
	}
	for _, n := range predSize {
		pp += pairs(n)
	}
	for _, n := range goldSize {
		gp += pairs(n)
	}
	div := func(a, b float64) float64 {
		if b == 0 {
			return 0
		}
		return a / b
	}
	f1 := func(p, r float64) float64 { return div(2*p*r, p+r) }
	s.PairP, s.PairR = div(tp, pp), div(tp, gp)
	s.PairF1 = f1(s.PairP, s.PairR)
	s.BcubedP, s.BcubedR = div(b3p, float64(s.Articles)), div(b3r, float64(s.Articles))
	s.B3F1 = f1(s.BcubedP, s.BcubedR)
	return s
}

// EvalStories clusters the evaluation set and scores it overall, per
// half and per sub-corpus.
func EvalStories(dataDir string, p story.Params) ([]ClusterScores, error) {
	r, err := RunStories(dataDir, p)
	if err != nil {
		return nil, err
	}
	return r.Scores, nil
}

// StoryRun is one clustering of the evaluation set: its scores overall,
// per half and per sub-corpus, and its mistakes (see ClusterErrors).
type StoryRun struct {
	Scores []ClusterScores
	Merges []Mistake
	Splits []Mistake
}

// RunStories clusters the evaluation set, scores it and lists its
// mistakes.
func RunStories(dataDir string, p story.Params) (*StoryRun, error) {
	sd, err := LoadStories(dataDir)
	if err != nil {
		return nil, err
	}
	pred := sd.Cluster(p)
	r := &StoryRun{}
	r.Scores = append(r.Scores, Score("all", sd.Gold, pred, func(string, string) bool { return true }))
	r.Scores = append(r.Scores, Score("tuning half", sd.Gold, pred, func(_, g string) bool { return Half(g) == 0 }))
	r.Scores = append(r.Scores, Score("held-out half", sd.Gold, pred, func(_, g string) bool { return Half(g) == 1 }))
	for _, sub := range []string{"basil", "allsides", "ecb"} {
		r.Scores = append(r.Scores, Score(sub, sd.Gold, pred, func(_, g string) bool { return strings.HasPrefix(g, sub+"-") }))
	}
	order := make([]string, len(sd.Docs))
	name := make(map[string]string, len(sd.Docs))
	for i, d := range sd.Docs {
		order[i] = d.ID
		if name[d.ID] = d.Title; d.Title == "" {
			name[d.ID] = d.Text // WriteErrors shows its opening words
		}
	}
	r.Merges, r.Splits = ClusterErrors(sd.Gold, pred, order, func(id string) string { return name[id] })
	return r, nil
}

// DuplicateScores are the near-duplicate figures on a corpus.
type DuplicateScores struct {
	Articles, Flagged, Identical, Near int
}

// EvalDuplicates clusters a JSONL corpus and checks every article flagged
// as a duplicate: identical normalised text, or verified word 5-shingle
// Jaccard >= 0.8 with the article it is said to copy.
func EvalDuplicates(path string) (DuplicateScores, error) {
	var ds DuplicateScores
	c := story.New(story.DefaultParams)
	texts := map[string]string{}
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{path}) {
		if err != nil {
			return ds, err
		}
		a := d.Hint
		ds.Articles++
		texts[a.ID] = a.Text
		doc := story.Doc{ID: a.ID, Title: a.Title, Text: a.Text}
		if t, err := time.Parse(time.DateOnly, a.Published); err == nil {
			doc.Published = t
		}
		as := c.Add(doc)
		if as.DuplicateOf == "" {
			continue
		}
		ds.Flagged++
		x, y := story.Normalise(a.Text), story.Normalise(texts[as.DuplicateOf])
		switch {
		case x == y:
			ds.Identical++
		case story.ShingleJaccard(x, y) >= 0.8:
			ds.Near++
		}
	}
	return ds, nil
}

// Precision is the share of flagged duplicates that are verified copies.
func (d DuplicateScores) Precision() float64 {
	if d.Flagged == 0 {
		return 0
	}
	return float64(d.Identical+d.Near) / float64(d.Flagged)
}

// ScoresHeader heads a table of ClusterScores lines.
const ScoresHeader = "set            arts  gold  pred   pair P/R/F1           B3 P/R/F1"

func (s ClusterScores) String() string {
	return fmt.Sprintf("%-14s %5d %5d %5d   %.3f %.3f %.3f   %.3f %.3f %.3f", s.Name, s.Articles, s.GoldStories, s.PredStories,
		s.PairP, s.PairR, s.PairF1, s.BcubedP, s.BcubedR, s.B3F1)
}
