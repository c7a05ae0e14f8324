package quote_test

import (
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/news"
)

// TestNoQuadraticBlowUp feeds repetitive hostile texts (brackets, quotes,
// cues, names) of about 100-400 KB; each must be analysed in well under a
// few seconds even on a loaded machine (quadratic work would take minutes).
func TestNoQuadraticBlowUp(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	an := analyser(t)
	for _, s := range []string{
		strings.Repeat("(A [B] ", 20000), strings.Repeat("X (Y) ", 20000), strings.Repeat("Islamic State (IS) ", 5000),
		strings.Repeat(`"A said B. `, 20000), strings.Repeat("A, said ", 20000), strings.Repeat("'a ", 20000),
		strings.Repeat("ISIL, using another name for the Islamic State. ", 3000), strings.Repeat("X, also known as Y. ", 5000),
	} {
		start := time.Now()
		title := strings.SplitN(s, "\n", 2)[0]
		an.Analyse(news.Article{Title: title[:min(len(title), 300)], Text: s})
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("%.20q: %v", s, d)
		}
	}
}
