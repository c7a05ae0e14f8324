package eval

import "testing"

// Floors just under the figures measured when this test was written; a
// drop below them fails CI.
var extractFloors = map[string]struct{ body, title, byline, date float64 }{
	"readability": {body: 0.96, title: 0.85, byline: 0.84, date: 0.97},
	"trafilatura": {body: 0.91, title: 0.88, byline: 0.90, date: 0.90},
}

func TestExtractQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("extraction eval takes seconds; skipped in -short")
	}
	Need(t, "extraction")
	scores, err := EvalExtract(DataDir())
	if err != nil {
		t.Fatal(err)
	}
	lib := map[string]float64{}
	for _, s := range scores {
		if s.System != parallaxSystem.name {
			lib[s.Set] = s.BodyF1
		}
	}
	for _, s := range scores {
		t.Logf("%-12s %-34s body P/R/F1 %.3f/%.3f/%.3f title %.3f byline %.3f date %.3f",
			s.Set, s.System, s.BodyP, s.BodyR, s.BodyF1, s.Title.Accuracy(), s.Byline.Accuracy(), s.Date.Accuracy())
		if s.System != parallaxSystem.name {
			continue
		}
		f := extractFloors[s.Set]
		if s.BodyF1 < lib[s.Set] {
			t.Errorf("%s: body F1 %.3f is below go-trafilatura alone (%.3f): our cleaning must add, never lose", s.Set, s.BodyF1, lib[s.Set])
		}
		for _, c := range []struct {
			name      string
			got, want float64
		}{{"body F1", s.BodyF1, f.body}, {"title", s.Title.Accuracy(), f.title}, {"byline", s.Byline.Accuracy(), f.byline}, {"date", s.Date.Accuracy(), f.date}} {
			if c.got < c.want {
				t.Errorf("%s: %s %.3f below the floor %.3f", s.Set, c.name, c.got, c.want)
			}
		}
	}
}

func TestScorers(t *testing.T) {
	tp, fp, fn := bagOverlap([]string{"a", "b", "b", "c"}, []string{"b", "b", "b", "d"})
	if tp != 2 || fp != 2 || fn != 2 {
		t.Errorf("bagOverlap = %d %d %d", tp, fp, fn)
	}
	for _, c := range []struct {
		gold, got string
		same      func(string, string) bool
		want      bool
	}{
		{"New Zealand", "new zealand", sameTitle, true},
		{"New Zealand", "New Zealand - Wikipedia", sameTitle, false},
		{"By Kelli  Miller\n   WebMD Health News", "Kelli Miller", sameByline, true},
		{"By\n\t\t\tScott Cunningham", "Scott Cunningham", sameByline, true},
		{"Written by Rob Roe\n   Edited by Bea Bey", "Rob Roe", sameByline, true},
		{"Last Updated: January 7, 2025", "", func(g, _ string) bool { return bylineGold(g) == "" }, true},
		{"Stella Kim, Jennifer Jett", "Jennifer Jett and Stella Kim", sameByline, true},
		{"Stella Kim, Jennifer Jett", "Stella Kim", sameByline, false},
		{"2015-10-15T02:19:15.607Z", "2015-10-15", sameDay, true},
		{"2015-10-15", "2015-10-16T00:00:00Z", sameDay, false},
	} {
		if got := c.same(c.gold, c.got); got != c.want {
			t.Errorf("same(%q, %q) = %v", c.gold, c.got, got)
		}
	}
}

func TestSameTitleNoSite(t *testing.T) {
	for _, c := range []struct {
		gold, got, site string
		want            bool
	}{
		{"How to Build a Terrarium | eHow", "How to Build a Terrarium", "", true},
		{"How to Build a Terrarium", "How to Build a Terrarium | eHow", "", true},
		// The site name alone is not the headline.
		{"How to Build a Terrarium | eHow", "eHow", "", false},
		{"Evolve: Shared Mutable History — evolve extension for Mercurial", "evolve extension for Mercurial", "", false},
		// A leading segment is dropped only when it names the site, and
		// mostly is the name.
		{"The Guardian | Academics speak out", "Academics speak out", "theguardian", true},
		{"Academics speak out | Opinion", "Opinion", "theguardian", false},
		{"A walk in the hills @ Steven's blog :: Portal", "Portal", "stevensblog", false},
		{"Weekly Edition for March 26, 2015 [LWN.net]", "Weekly Edition for March 26, 2015", "", true},
	} {
		if got := sameTitleNoSite(c.gold, c.got, c.site); got != c.want {
			t.Errorf("sameTitleNoSite(%q, %q, %q) = %v", c.gold, c.got, c.site, got)
		}
	}
	for raw, want := range map[string]string{
		"https://www.nationalgeographic.co.uk/environment/x": "nationalgeographic",
		"https://blog.wordpress.com/2019/06/19/x":            "blog wordpress",
		"https://www.the-guardian.com/":                      "theguardian",
		"http://fakehost/test/page.html":                     "",
	} {
		if got := hostSite(raw); got != want {
			t.Errorf("hostSite(%q) = %q, want %q", raw, got, want)
		}
	}
}
