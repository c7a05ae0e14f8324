package story

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestSpoolOrder: a spool gives back every document, whole, in
// SortForStream's order.
func TestSpoolOrder(t *testing.T) {
	base := time.Date(2021, 9, 14, 8, 0, 0, 0, time.UTC)
	zones := []*time.Location{time.UTC, time.FixedZone("EDT", -4*3600), time.FixedZone("", 5*3600+1800)}
	r := rand.New(rand.NewPCG(1, 2))
	var docs []Doc
	for i := range 500 {
		d := Doc{ID: fmt.Sprintf("a%d", i), Title: "Título «ñ» " + fmt.Sprint(i), Text: "text\n\x00 of " + fmt.Sprint(r.IntN(1000))}
		if r.IntN(4) > 0 {
			// Few distinct times, so equal times keep their input order.
			d.Published = base.Add(time.Duration(r.IntN(20)) * time.Hour).Add(time.Duration(r.IntN(2)) * time.Nanosecond).In(zones[r.IntN(len(zones))])
		}
		for range r.IntN(4) {
			d.Entities = append(d.Entities, fmt.Sprint("Name ", r.IntN(9)))
		}
		docs = append(docs, d)
	}
	sp, err := NewSpool(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	for _, d := range docs {
		if err := sp.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	want := slices.Clone(docs)
	SortForStream(want)
	i := 0
	for got, err := range sp.Sorted() {
		if err != nil {
			t.Fatal(err)
		}
		if !sameDoc(got, want[i]) {
			t.Fatalf("document %d: got %+v, want %+v", i, got, want[i])
		}
		i++
	}
	if i != len(want) || sp.Len() != len(want) {
		t.Fatalf("got %d documents (Len %d), want %d", i, sp.Len(), len(want))
	}
}

func sameDoc(a, b Doc) bool {
	_, ao := a.Published.Zone()
	_, bo := b.Published.Zone()
	return a.ID == b.ID && a.Title == b.Title && a.Text == b.Text && slices.Equal(a.Entities, b.Entities) &&
		a.Published.Equal(b.Published) && ao == bo && a.Published.Year() == b.Published.Year() && a.Published.IsZero() == b.Published.IsZero()
}

// FuzzReadDoc: junk records are refused, never a panic; what appendDoc
// writes reads back the same.
func FuzzReadDoc(f *testing.F) {
	f.Add(appendDoc(nil, &Doc{ID: "x", Title: "t", Text: "body", Entities: []string{"Lavrov"}, Published: time.Date(2015, 10, 14, 9, 0, 0, 5, time.UTC)}))
	f.Add(appendDoc(nil, &Doc{ID: "y"}))
	f.Add([]byte{0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := readDoc(b)
		if err != nil {
			return
		}
		again, err := readDoc(appendDoc(nil, &d))
		if err != nil || !sameDoc(d, again) {
			t.Fatalf("round trip of %+v: %+v, %v", d, again, err)
		}
	})
}

func BenchmarkSpool(b *testing.B) {
	d := Doc{ID: "ecb-7_10ecb", Title: "Wladimir Klitschko stops Tony Thompson", Published: time.Date(2012, 7, 7, 22, 0, 0, 0, time.UTC),
		Entities: []string{"Klitschko", "Klitschko", "Thompson", "Bern"}}
	for range 40 {
		d.Text += "Wladimir Klitschko stopped Tony Thompson in the sixth round to keep his belts. "
	}
	sp, err := NewSpool(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer sp.Close()
	b.SetBytes(int64(len(d.Text)))
	for b.Loop() {
		if err := sp.Add(d); err != nil {
			b.Fatal(err)
		}
	}
	for _, err := range sp.Sorted() {
		if err != nil {
			b.Fatal(err)
		}
	}
}
