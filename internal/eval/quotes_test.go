package eval

import "testing"

// TestQuoteQuality runs the quotation eval and fails under the floors set
// just below the figures measured when it was written.
func TestQuoteQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	Need(t, "quotes/polnear/dev")
	Need(t, "quotes/basil-quotes.jsonl")
	s, err := EvalQuotes(DataDir())
	if err != nil {
		t.Fatal(err)
	}
	speaker := float64(s.SpeakerCorrect) / float64(max(1, s.SpeakerTotal))
	basil := float64(s.BasilCorrect) / float64(max(1, s.BasilFound))
	t.Logf("PolNeAR direct P %.3f R %.3f speaker %.3f indirect recall %.3f; BASIL found %d/%d right %.3f",
		s.DirectP, s.DirectR, speaker, float64(s.IndirectFound)/float64(max(1, s.IndirectGold)), s.BasilFound, s.BasilGold, basil)
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"direct precision", s.DirectP, 0.90}, {"direct recall", s.DirectR, 0.89}, {"speaker accuracy", speaker, 0.91}, {"BASIL speaker accuracy", basil, 0.85}} {
		if c.got < c.want {
			t.Errorf("%s %.3f below the floor %.3f", c.name, c.got, c.want)
		}
	}
}
