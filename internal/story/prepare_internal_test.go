package story

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// prepareMapped is prepare as it was before it collected the terms in one
// buffer: each distinct term a string of its own, counted as found. The
// tests check that prepare computes the same.
func prepareMapped(d Doc) Prepared {
	bgOnce.Do(loadBackground)
	pos := map[string]int32{}
	var buf []byte
	var keys []string
	var tf []float64
	add := func(t []byte, f float64) int32 {
		i, ok := pos[string(t)]
		if !ok {
			k := string(t)
			i = int32(len(keys))
			pos[k] = i
			keys = append(keys, k)
			tf = append(tf, 0)
		}
		tf[i] += f
		return i
	}
	end := leadEnd(d.Text)
	buf = wordTerms(d.Text, buf, func(t []byte, at int) {
		if at < end {
			add(t, 2)
		} else {
			add(t, 1)
		}
	})
	var title []int32
	buf = wordTerms(d.Title, buf, func(t []byte, _ int) {
		if i := add(t, 2); !slices.Contains(title, i) {
			title = append(title, i)
		}
	})
	for _, e := range d.Entities {
		buf = append(append(buf[:0], kindEntity...), strings.ToLower(e)...)
		add(buf, 2)
	}
	bg := make([]int32, len(keys))
	hashes := make([]uint64, len(keys))
	for i, k := range keys {
		hashes[i] = termHash(k)
		bg[i], buf = backgroundDF(k, hashes[i], buf)
		tf[i] = 1 + math.Log(tf[i])
	}
	return Prepared{Doc: d, keys: keys, hashes: hashes, tf: tf, bg: bg, fp: fingerprintOf(d.Title, d.Text), title: title}
}

// SamePrepared reports how prepare(d) differs from prepareMapped(d) ("":
// not at all), for the tests beside story_test.go that read real data.
func SamePrepared(d Doc) string {
	got, want := prepare(d), prepareMapped(d)
	if !reflect.DeepEqual(got, want) {
		return fmt.Sprintf("prepare(%q) differs from prepareMapped:\n got %+v\nwant %+v", d.ID, got, want)
	}
	return ""
}

func FuzzPrepareSame(f *testing.F) {
	f.Add("Talks on Ukraine", "Talks talks TALKS in Kyiv; U.S. and U.N. officials said 1,200 people...", "Volodymyr Zelensky")
	f.Add("", "", "")
	f.Add("Ünïcode Straße", "Ünïcode straße İstanbul ﬁnance talks’ 3.5 42", "İstanbul")
	f.Fuzz(func(t *testing.T, title, text, entity string) {
		if diff := SamePrepared(Doc{ID: "f", Title: title, Text: text, Entities: []string{entity}}); diff != "" {
			t.Fatal(diff)
		}
	})
}
