package story

import (
	"encoding/json"
	"math"
	"testing"
	"time"
)

func TestDatelineYear(t *testing.T) {
	tests := []struct {
		text string
		want int // 0: none
	}{
		{"Ellen DeGeneres To Host Oscars AUGUST 2, 2013 | 08: 06AM PT Talkshow host returns", 2013},
		{"Posted 11 / 27 / 2005 7: 21 AM Updated 11 / 27 / 2005 3: 41 PM Strong earthquake", 2005},
		{"Turkmen election to have 2 parties for 1st time 2013 - 09 - 26 For the first time", 2013},
		{"Waitrose in Wellington catches fire 22 Jul 2013 A Waitrose supermarket", 2013},
		{"Perennial party girl Tara Reid checked herself into Promises Treatment Center in 2008.", 0},
		{"A long opening paragraph without a date in it, going on and on about the weather and the roads and the " +
			"schools and the shops and the ferries and everything else that opening paragraphs go on about. " +
			"Then: August 2, 2013.", 0},
	}
	for _, tt := range tests {
		got := datelineYear(tt.text)
		if want := yearOf(tt.want); got != want {
			t.Errorf("datelineYear(%q) = %b, want %b", tt.text, got, want)
		}
	}
}

func TestNameLike(t *testing.T) {
	for name, want := range map[string]bool{
		"Sergei Lavrov": true, "RT": true, "U.S.": true, "Into": false, "Where": false, "May": false, "PDT": false,
		"E": false, "13": false, "Beach; investigation of facility pending May": false,
	} {
		if got := nameLike(name); got != want {
			t.Errorf("nameLike(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestYearFeatures: the time evidence of undated reports is a feature the
// model weighs, and years that do not meet lower the probability that
// two otherwise alike reports are one event.
func TestYearFeatures(t *testing.T) {
	c := New(DefaultParams)
	var got []Features
	c.sample = func(f *Features, _ bool) { got = append(got, *f) }
	c.gold = func(id string) (string, bool) { return id, true } // every article its own story
	text := "Actress Lena Marsh checked into a rehab clinic in Malibu on Friday, her publicist said. She promised fans to return to work soon."
	c.Add(Doc{ID: "a", Text: "December 5, 2008 " + text})             // written in 2008 (dateline)
	c.Add(Doc{ID: "b", Text: "May 4, 2012 " + text})                  // written in 2012
	c.Add(Doc{ID: "c", Text: text + " She was there late in 2007."})  // mentions 2007
	c.Add(Doc{ID: "d", Text: text + " Her first film came in 2011."}) // mentions 2011
	if len(got) != 6 {
		t.Fatalf("got %d samples, want 6 (b against a; c against a, b; d against a, b, c)", len(got))
	}
	for i, tc := range []struct {
		pair         string
		years, apart float64
	}{
		{"written 2012 against written 2008", 0, 1},
		{"mentions 2007 against written 2008 (last year)", 1, 0},
		{"mentions 2007 against written 2012", 0, 1},
		{"mentions 2011 against written 2008 (later)", 0, 1},
		{"mentions 2011 against written 2012", 1, 0},
		{"mentions 2011 against mentions 2007 (background years say nothing)", 0, 0},
	} {
		if f := got[i]; f[fYears] != tc.years || f[fYearsApart] != tc.apart {
			t.Errorf("%s: years %v, apart %v; want %v, %v", tc.pair, f[fYears], f[fYearsApart], tc.years, tc.apart)
		}
	}
	f := got[1]
	meet := DefaultModel.Probability(&f)
	f[fYears], f[fYearsApart] = 0, 1
	if apart := DefaultModel.Probability(&f); apart >= meet {
		t.Errorf("years apart do not lower the probability: %.3f >= %.3f", apart, meet)
	}
}

// TestStoryYearsMeet: years of writing meet give or take one, so do
// mentioned years; a year of writing meets years mentioned in it or the
// year before, never later ones (Fred LaRue's death, reported in 2004,
// against Mark Felt's, whose reports mention 2005 and 2006).
func TestStoryYearsMeet(t *testing.T) {
	y := func(years ...int) yearSet {
		var s yearSet
		for _, v := range years {
			s |= yearOf(v)
		}
		return s
	}
	for _, tc := range []struct {
		name               string
		written, mentioned yearSet // the story's
		y                  yearSet
		yWritten           bool
		want               bool
	}{
		{"written 2004 vs written 2005", y(2005), 0, y(2004), true, true},
		{"written 2004 vs written 2006", y(2006), 0, y(2004), true, false},
		{"written 2004 vs mentions 1972, 2005", 0, y(1972, 2005), y(2004), true, false},
		{"written 2005 vs mentions 1972, 2005", 0, y(1972, 2005), y(2005), true, true},
		{"written 2006 vs mentions 2005 (last year)", 0, y(2005), y(2006), true, true},
		{"mentions 2005 vs written 2004", y(2004), 0, y(2005), false, false},
		{"mentions 2003 vs written 2004 (last year)", y(2004), 0, y(2003), false, true},
		{"mentions 2008 vs mentions 2009", 0, y(2009), y(2008), false, true},
		{"mentions 1991 vs mentions 2008", 0, y(2008), y(1991), false, false},
	} {
		s := storyYears{written: tc.written, mentioned: tc.mentioned}
		if got := s.meets(tc.y, tc.yWritten); got != tc.want {
			t.Errorf("%s: meets = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestDayFeatures: the gap to the nearest member, in days.
func TestDayFeatures(t *testing.T) {
	p := DefaultParams
	p.ShortMaxSpan = 0 // the features, not the short-item gate
	c := New(p)
	var got []Features
	c.sample = func(f *Features, _ bool) { got = append(got, *f) }
	c.gold = func(id string) (string, bool) { return id, true } // every article its own story
	day := time.Date(2015, 10, 14, 0, 0, 0, 0, time.UTC)
	text := "Washington declined Moscow's offer to send a delegation led by Prime Minister Dmitry Medvedev to discuss Syria."
	c.Add(Doc{ID: "a", Text: text, Published: day})
	c.Add(Doc{ID: "b", Text: text, Published: day.Add(30 * time.Hour)})
	if len(got) != 1 || got[0][fDated] != 1 || got[0][fSameDay] != 0 {
		t.Fatalf("features %v", got)
	}
	if f := got[0]; math.Abs(f[fDays]-1.25*f[fShort]) > 1e-9 {
		t.Errorf("days %v, want 1.25 days * short = %v", f[fDays], 1.25*f[fShort])
	}
}

func FuzzDatelineYear(f *testing.F) {
	for _, s := range []string{"Ellen DeGeneres To Host Oscars AUGUST 2, 2013 |", "Posted 11 / 27 / 2005 7: 21 AM", "2013 - 09 - 26", "no date"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		y := datelineYear(s)
		if y&(y-1) != 0 {
			t.Fatalf("datelineYear(%q) = %b: more than one year", s, y)
		}
		_ = mentionedYears(s)
	})
}

// TestDefaultModel: the embedded model parses, names only known features
// and round-trips through its file form.
func TestDefaultModel(t *testing.T) {
	m, err := ParseModel(modelJSON)
	if err != nil {
		t.Fatal(err)
	}
	if m.Dated[fCentroid] <= 0 || m.Undated[fCentroid] <= 0 {
		t.Errorf("similarity does not raise the probability: %+v", m)
	}
	b, err := json.Marshal(m.File("test"))
	if err != nil {
		t.Fatal(err)
	}
	if m2, err := ParseModel(b); err != nil || m2 != m {
		t.Errorf("round trip: %v, %+v != %+v", err, m2, m)
	}
	if _, err := ParseModel([]byte(`{"dated":{"no_such_feature":1}}`)); err == nil {
		t.Error("an unknown feature was accepted")
	}
}

// TestTrainer: a training clusterer puts every article in its gold story
// and reports each measured candidate with whether it is that story.
func TestTrainer(t *testing.T) {
	gold := map[string]string{"a": "ferry", "b": "quake", "c": "ferry"}
	type sample struct{ same bool }
	var got []sample
	c := NewTrainer(DefaultParams, func(id string) (string, bool) { g, ok := gold[id]; return g, ok },
		func(f *Features, same bool) { got = append(got, sample{same}) })
	ferry := "The ferry strike in Veloria ended after talks between the union and the port authority."
	as := []string{
		c.Add(Doc{ID: "a", Text: ferry}).Story,
		c.Add(Doc{ID: "b", Text: ferry + " An earthquake shook the valley."}).Story, // alike, but gold says apart
		c.Add(Doc{ID: "c", Text: ferry + " Crossings resume on Wednesday."}).Story,
	}
	if as[0] != "ferry" || as[1] != "quake" || as[2] != "ferry" {
		t.Errorf("stories %v, want the gold ones", as)
	}
	// b against ferry (not its story); c against ferry (its story) and quake.
	want := map[bool]int{false: 2, true: 1}
	n := map[bool]int{}
	for _, s := range got {
		n[s.same]++
	}
	if n[false] != want[false] || n[true] != want[true] {
		t.Errorf("samples %v, want %v", n, want)
	}
}
