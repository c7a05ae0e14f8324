package eval

import (
	"bufio"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/pipeline"
	"github.com/parallax-news/parallax/internal/source"
)

// ClaimScores describe claim grouping on BASIL triples.
type ClaimScores struct {
	Stories, Articles     int
	Claims, Corroborated  int
	Pairs, SupportedPairs int
	// Sample holds pairs drawn at random for a person to check.
	Sample [][2]compare.ClaimSentence
}

// EvalClaims compares each BASIL story (three outlets, one event, as the
// gold labels group them) and checks every corroborated pair of sentences
// from different outlets: a pair is supported when both sentences name a
// common entity or number (capitalised words or figures in both). sample
// pairs are drawn (seeded) for spot checks.
func EvalClaims(dataDir string, sample int) (ClaimScores, error) {
	var cs ClaimScores
	gold := map[string]string{}
	f, err := os.Open(filepath.Join(dataDir, "stories", "gold.tsv"))
	if err != nil {
		return cs, err
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		id, st, ok := strings.Cut(sc.Text(), "\t")
		if ok && strings.HasPrefix(st, "basil-") {
			gold[id] = st
		}
	}
	f.Close()
	an, err := pipeline.NewAnalyser()
	if err != nil {
		return cs, err
	}
	byStory := map[string][]news.AnalysedArticle{}
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{filepath.Join(dataDir, "stories", "articles.jsonl")}) {
		if err != nil {
			return cs, err
		}
		if st, ok := gold[d.Hint.ID]; ok {
			byStory[st] = append(byStory[st], an.Analyse(d.Hint))
		}
	}
	ids := make([]string, 0, len(byStory))
	for id := range byStory {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var all [][2]compare.ClaimSentence
	for _, id := range ids {
		r := compare.Build(compare.Input{ID: id, Articles: byStory[id]})
		cs.Stories++
		cs.Articles += len(r.Articles)
		for _, c := range r.Claims {
			cs.Claims++
			if !c.Corroborated {
				continue
			}
			cs.Corroborated++
			for i, a := range c.Sentences {
				for _, b := range c.Sentences[i+1:] {
					if a.Outlet == b.Outlet {
						continue
					}
					cs.Pairs++
					if shareName(a.Text, b.Text) {
						cs.SupportedPairs++
					}
					all = append(all, [2]compare.ClaimSentence{a, b})
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(7, 7))
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	cs.Sample = all[:min(sample, len(all))]
	return cs, nil
}

// shareName reports a capitalised word (not sentence-initial) or a number
// present in both sentences.
func shareName(a, b string) bool {
	names := func(s string) map[string]bool {
		m := map[string]bool{}
		for i, w := range strings.Fields(s) {
			w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
			if w == "" {
				continue
			}
			r := []rune(w)
			if unicode.IsDigit(r[0]) || (i > 0 && unicode.IsUpper(r[0]) && len(r) > 1) {
				m[strings.ToLower(w)] = true
			}
		}
		return m
	}
	x, y := names(a), names(b)
	for k := range x {
		if y[k] {
			return true
		}
	}
	return false
}
