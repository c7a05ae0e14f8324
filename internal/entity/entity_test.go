package entity_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/parallax-news/parallax/internal/entity"
	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/source"
	"github.com/parallax-news/parallax/internal/text"
)

func recognizer(t testing.TB) *entity.Recognizer {
	r, err := entity.New()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func find(ents []news.Entity, name string) *news.Entity {
	for i := range ents {
		if ents[i].Name == name || slices.Contains(ents[i].Aliases, name) {
			return &ents[i]
		}
	}
	return nil
}

func TestGrouping(t *testing.T) {
	s := `President Vladimir Putin met Prime Minister Dmitry Medvedev on Monday. "We will go," Mr. Putin said.` +
		"\n\nPutin's spokesman declined to comment. White House spokesman Josh Earnest said the Islamic State (IS) was weaker. " +
		`Earnest added that IS had lost ground.`
	ents := recognizer(t).Entities(s, text.Sentences(s))
	putin := find(ents, "Vladimir Putin")
	if putin == nil || len(putin.Mentions) != 3 || !slices.Contains(putin.Roles, "President") {
		t.Errorf("Putin = %+v", putin)
	}
	earnest := find(ents, "Josh Earnest")
	if earnest == nil || len(earnest.Mentions) != 2 || !slices.Contains(earnest.Roles, "White House spokesman") {
		t.Errorf("Earnest = %+v", earnest)
	}
	is := find(ents, "Islamic State")
	if is == nil || !slices.Contains(is.Aliases, "IS") || len(is.Mentions) != 3 {
		t.Errorf("Islamic State = %+v", is)
	}
}

func seedArticles(t *testing.T) []news.Article {
	dir := eval.Need(t, "seeds")
	var arts []news.Article
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{dir}) {
		if err != nil {
			t.Fatal(err)
		}
		a, err := extract.Article(d, extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
	}
	return arts
}

func TestSeeds(t *testing.T) {
	arts := seedArticles(t)
	r := recognizer(t)
	for _, a := range arts {
		ents := r.Entities(a.Text, text.Sentences(a.Text))
		is := find(ents, "Islamic State")
		if is == nil {
			t.Errorf("%s: no Islamic State entity", a.Source)
			continue
		}
		switch a.Outlet {
		case "RT":
			if !slices.Contains(is.Aliases, "IS") || !slices.Contains(is.Aliases, "ISIS") {
				t.Errorf("RT: IS and ISIS not aliases of Islamic State: %+v", is)
			}
			if find(ents, "Lavrov") == nil {
				t.Error("RT: no Lavrov")
			}
		case "The Moscow Times":
			if !slices.Contains(is.Aliases, "ISIL") {
				t.Errorf("MT: ISIL not an alias of Islamic State: %+v", is)
			}
			for _, want := range []struct{ name, role string }{
				{"Vladimir Putin", "President"}, {"Sergei Lavrov", "Russia's Foreign Minister"}, {"Josh Earnest", "White House spokesman"},
			} {
				e := find(ents, want.name)
				if e == nil || e.Type != news.PER || !slices.Contains(e.Roles, want.role) {
					t.Errorf("MT: %s = %+v", want.name, e)
				}
			}
			if p := find(ents, "Vladimir Putin"); p != nil && len(p.Mentions) < 5 {
				t.Errorf("MT: Putin has %d mentions, want >= 5", len(p.Mentions))
			}
		}
	}
}

func TestCoNLLQuality(t *testing.T) {
	path := eval.Need(t, "ner/conllpp_dev.txt")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docs, err := entity.ReadConll(f)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := entity.Evaluate(docs)
	if err != nil {
		t.Fatal(err)
	}
	p, r, f1 := sc.PRF("")
	t.Logf("CoNLL++ dev P %.4f R %.4f F1 %.4f", p, r, f1)
	if f1 < 0.88 {
		t.Errorf("CoNLL++ dev F1 %.4f below 0.88", f1)
	}
}

func TestReadConll(t *testing.T) {
	in := "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\n"
	docs, err := entity.ReadConll(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || len(docs[0].Sentences) != 2 || docs[0].Sentences[0].Tags[0] != "B-ORG" {
		t.Fatalf("docs = %+v", docs)
	}
	if _, err := entity.ReadConll(strings.NewReader("oneColumn\n")); err == nil {
		t.Error("want an error for a one-column line")
	}
	_ = filepath.Join
}

func TestOddInput(t *testing.T) {
	r := recognizer(t)
	for _, s := range []string{
		strings.Repeat("Word ", 250_000),
		"\u200f\u202eRTL \u200dzero\u200d joiners Angela\u200d Merkel",
		"((((((", "",
	} {
		_ = r.Entities(s, nil)
	}
}

func FuzzEntities(f *testing.F) {
	f.Add("Islamic State [IS, formerly ISIS] and ISIL, using another name for the Islamic State.")
	f.Add(`"Mr. Putin," said President Vladimir Putin's aide.`)
	r := recognizer(f)
	f.Fuzz(func(t *testing.T, s string) {
		for _, e := range r.Entities(s, nil) {
			for _, m := range e.Mentions {
				if m.Start < 0 || m.End > len(s) || m.Start >= m.End || s[m.Start:m.End] != m.Text {
					t.Fatalf("bad mention %+v", m)
				}
			}
		}
	})
}

// BenchmarkTag runs the tagger alone (features and scoring) over the
// sentences of 1,000 real articles, tokenised beforehand.
func BenchmarkTag(b *testing.B) {
	path := eval.Need(b, "bulk/allsides-37k.jsonl.gz")
	var arts [][][]string
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{path}) {
		if err != nil {
			b.Fatal(err)
		}
		if arts = append(arts, entity.ArticleWords(d.Hint.Text)); len(arts) == 1000 {
			break
		}
	}
	if entity.DefaultModel() == nil {
		b.Fatal("no model")
	}
	n := 0
	for b.Loop() {
		entity.TagArticle(arts[n%len(arts)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkEntities splits 2,000 real articles into sentences and finds
// their entities, as the analysis did before it kept the sentences'
// tokens (see BenchmarkEntitiesSplit).
func BenchmarkEntities(b *testing.B) {
	benchmarkEntities(b, func(r *entity.Recognizer, s string) {
		r.Entities(s, text.Sentences(s))
	})
}

// BenchmarkEntitiesSplit is BenchmarkEntities as the analysis runs: the
// tokens text.SplitText finds the sentences with are tagged.
func BenchmarkEntitiesSplit(b *testing.B) {
	benchmarkEntities(b, func(r *entity.Recognizer, s string) {
		r.EntitiesSplit(s, text.SplitText(s, nil))
	})
}

func benchmarkEntities(b *testing.B, entities func(*entity.Recognizer, string)) {
	path := eval.Need(b, "bulk/allsides-37k.jsonl.gz")
	var texts []string
	var size int
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{path}) {
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, d.Hint.Text)
		size += len(d.Hint.Text)
		if len(texts) == 2000 {
			break
		}
	}
	r := recognizer(b)
	b.SetBytes(int64(size / len(texts)))
	b.ResetTimer()
	var i int64
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			n := int(atomic.AddInt64(&i, 1))
			entities(r, texts[n%len(texts)])
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// TestMentionsSplit checks that tagging the tokens text.SplitText kept
// finds the mentions tokenising each sentence again does, on real
// articles.
func TestMentionsSplit(t *testing.T) {
	path := eval.Need(t, "bulk/allsides-37k.jsonl.gz")
	r := recognizer(t)
	n := 0
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{path}) {
		if err != nil {
			t.Fatal(err)
		}
		s := d.Hint.Text
		sp := text.SplitText(s, nil)
		if !slices.Equal(r.Mentions(s, text.Sentences(s)), r.MentionsSplit(s, sp)) {
			t.Fatalf("%s: MentionsSplit differs from Mentions", d.Source)
		}
		if n++; n == 1000 {
			break
		}
	}
}

// TestFindAkaIndexReal checks the windowed alias pattern against the
// pattern run on the whole text, on real articles.
func TestFindAkaIndexReal(t *testing.T) {
	path := eval.Need(t, "bulk/allsides-37k.jsonl.gz")
	n := 0
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{path}) {
		if err != nil {
			t.Fatal(err)
		}
		if !entity.SameAkaMatches(d.Hint.Text) {
			t.Fatalf("%s: findAkaIndex differs from akaRe", d.Source)
		}
		if n++; n == 3000 {
			break
		}
	}
}

// BenchmarkFindAka runs the alias pattern over the real articles that
// Group runs it on (those with a cue), windowed as Group does and, for
// comparison, over the whole text.
func BenchmarkFindAka(b *testing.B) {
	path := eval.Need(b, "bulk/allsides-37k.jsonl.gz")
	var texts []string
	for d, err := range (&source.Opener{}).Documents(context.Background(), []string{path}) {
		if err != nil {
			b.Fatal(err)
		}
		if entity.MayMatchAka(d.Hint.Text) {
			texts = append(texts, d.Hint.Text)
		}
		if len(texts) == 500 {
			break
		}
	}
	for _, bm := range []struct {
		name string
		find func(string) [][]int
	}{{"window", entity.FindAkaIndex}, {"whole", entity.AkaIndex}} {
		b.Run(bm.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				bm.find(texts[n%len(texts)])
				n++
			}
		})
	}
}
