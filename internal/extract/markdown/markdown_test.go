package markdown

import (
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var isoDate = regexp.MustCompile(`^(\d{1,2}/\d{1,2}/\d{4}|[A-Z][a-z]+ \d{1,2}, \d{4})$`)

func dateLine(s string) bool { return isoDate.MatchString(s) }

func TestClean(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Result
	}{
		{
			name: "heading, byline link, date, caption, trailer",
			in: "# Harbour Ferry Strike Ends\n\nBy [Ana Ruiz](#)\n\nMarch 3, 2026\n\n\n\nMayor Lena Ortiz\n\n" +
				"The strike ended on Tuesday after talks with [the port authority](https://x.example/pa), officials said.\n\n" +
				"Crews will return on Wednesday.\n\nContact the author at [a.ruiz@ledger.example](mailto:a.ruiz@ledger.example)\n\nOriginal url:\n\n<https://ledger.example/ferry>\n",
			want: Result{Title: "Harbour Ferry Strike Ends", Byline: "Ana Ruiz", Date: "March 3, 2026", URL: "https://ledger.example/ferry",
				Text: "The strike ended on Tuesday after talks with the port authority, officials said.\n\nCrews will return on Wednesday."},
		},
		{
			name: "boilerplate lines and escapes, italic continuation kept",
			in: "Ferry strike ends\n\n03/03/2026\n\nTrends [Harbour dispute](#)\n\n\"We are glad,\" she said.\n\n" +
				"[READ MORE: Strike talks stall](#)\n\nPrices rose by \\$5 a ticket.\n\nFerry video of the week\n\nPosted by [Ledger TV](#) on 3 March 2026\n\n" +
				"\"It was long,\" he added. *But it is over now.*\n\n[Home](/) | [World](/world)\n",
			want: Result{Title: "Ferry strike ends", Date: "03/03/2026", Credits: []string{"Ledger TV"},
				Text: "\"We are glad,\" she said.\n\nPrices rose by $5 a ticket.\n\n\"It was long,\" he added. *But it is over now.*"},
		},
		{
			name: "mojibake line dropped with a warning",
			in:   "Title\n\nFirst paragraph of the story.\n\nUpdated 10 ??????? 2015 ?.\n\nLast paragraph.\n",
			want: Result{Title: "Title", Text: "First paragraph of the story.\n\nLast paragraph.",
				Warnings: []string{"dropped a line whose text was lost to a wrong encoding: Updated 10 ??????? 2015 ?."}},
		},
		{
			name: "lines of one paragraph joined; short body lines after the header kept",
			in:   "Title\n\nA first paragraph that starts the body.\n\nSubheading in the body\n\nline one\nline two.\n",
			want: Result{Title: "Title", Text: "A first paragraph that starts the body.\n\nSubheading in the body\n\nline one line two."},
		},
		{name: "empty", in: "", want: Result{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Clean(tt.in, dateLine)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Clean mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func FuzzMarkdownClean(f *testing.F) {
	f.Add("# T\n\nBy [A](#)\n\n14/10/2015\n\nBody [link](x) \\$5.\n\nPosted by X on 1 ??? 2015\n\nOriginal url:\n\n<https://a.example/>")
	f.Add("[](")
	f.Add("\r\r\n\n***\\")
	f.Fuzz(func(t *testing.T, s string) {
		r := Clean(s, dateLine)
		if len(r.Text) > len(s) {
			t.Fatalf("text grew: %d > %d", len(r.Text), len(s))
		}
	})
}
