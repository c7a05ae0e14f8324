package dates

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"14/10/2015", "2015-10-14"},
		{"10/14/2015", "2015-10-14"},
		{"03.04.2015", "2015-04-03"},
		{"October 15, 2015", "2015-10-15"},
		{"15 Oct 2015", "2015-10-15"},
		{"Thursday, 15 October 2015", "2015-10-15"},
		{"2015-10-15", "2015-10-15"},
		{"2015-10-15T09:30:00Z", "2015-10-15T09:30:00Z"},
		{"2015-10-15T09:30:00+03:00", "2015-10-15T09:30:00+03:00"},
		{"2015-10-15T09:30:00.123Z", "2015-10-15T09:30:00Z"},
		{"Thu, 15 Oct 2015 09:30:00 +0000", "2015-10-15T09:30:00Z"},
		{"15. Oktober 2015", "2015-10-15"},
		{"Oct. 15, 2015 10:45 AM", "2015-10-15T10:45:00Z"},
		{"12. Juli 2017", "2017-07-12"},
		{"Montag, 6. Januar 2020", "2020-01-06"},
		{"Veröffentlicht am 18.03.2020", "2020-03-18"},
		{"Stand: 18.03.2020 14:05 Uhr", "2020-03-18T14:05:00Z"},
		{"Published: October 15, 2015", "2015-10-15"},
		{"publié le 20 janvier 2020", "2020-01-20"},
		{"Oct. 15, 2015 10:45 AM EST", "2015-10-15T10:45:00-05:00"},
		{"15.10.15", "2015-10-15"},
	}
	for _, tt := range tests {
		got, ok := Normalize(tt.in)
		if !ok || got != tt.want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestNormalizeRejects(t *testing.T) {
	for _, in := range []string{
		"", "yesterday", "2015", "October 2015", "10 ??????? 2015 ?.", "31/02/2015",
		"President Vladimir Putin", "By Daria Litvinova", "14/10/1215", "12:33 p.m. EST", "7 years ago",
	} {
		if got, ok := Normalize(in); ok {
			t.Errorf("Normalize(%q) = %q, want no date", in, got)
		}
	}
}

func TestFromURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.befifty.example/home/2017/7/12/unter-uns":   "2017-07-12",
		"https://www.guardian.example/education/2020/jan/20/x":   "2020-01-20",
		"https://journal.example/posts/2019-12-22-firefox-speed": "2019-12-22",
		"https://n.example/2020/01/19":                           "2020-01-19",
		"https://n.example/2020/02/30/not-a-day":                 "",
		"https://n.example/archive/2020/01/":                     "",
		"https://n.example/story/1582045946_459487.html":         "",
		"https://2020-01-19.example/news":                        "",
		"https://n.example/news?from=2020/01/19":                 "",
		"/local/2020/02/19/c_1125597921.htm":                     "2020-02-19",
		"https://n.example/p/12020/01/19/x":                      "",
		"":                                                       "",
	} {
		got, ok := FromURL(in)
		if got != want || ok != (want != "") {
			t.Errorf("FromURL(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestWithURL(t *testing.T) {
	for _, c := range []struct{ declared, urlDay, want string }{
		{"2019-06-17T18:28:00+02:00", "2017-07-12", "2017-07-12"}, // republished: the URL keeps the first day
		{"2020-01-20T04:30:00Z", "2020-01-19", "2020-01-20T04:30:00Z"},
		{"2020-01-18", "2020-01-19", "2020-01-18"},
		{"", "2020-01-19", "2020-01-19"},
		{"2020-01-18", "", "2020-01-18"},
	} {
		if got := WithURL(c.declared, c.urlDay); got != c.want {
			t.Errorf("WithURL(%q, %q) = %q, want %q", c.declared, c.urlDay, got, c.want)
		}
	}
}

func FuzzFromURL(f *testing.F) {
	for _, s := range []string{"https://n.example/2017/7/12/x", "https://g.example/2020/jan/20/x", "/2019-12-22-x", "https://x/?2020/01/01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, ok := FromURL(s); ok {
			if d, ok2 := Normalize(got); !ok2 || d != got {
				t.Fatalf("FromURL(%q) = %q, which does not normalise to itself", s, got)
			}
		}
	})
}

func FuzzDates(f *testing.F) {
	for _, s := range []string{"14/10/2015", "October 15, 2015", "2015-10-15T09:30:00Z", "15 Oct 2015", "10 ??????? 2015 ?."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, ok := Normalize(s); ok {
			if _, ok2 := Normalize(got); !ok2 {
				t.Fatalf("Normalize(%q) = %q, which does not parse again", s, got)
			}
		}
	})
}

// TestNormalizeUnreadable keeps the strings that no locale reads, which
// go-dateparser once took about a second each over, reading every pass of
// every locale (found by FuzzHTMLPage); a string with words still gets the
// other locales.
func TestNormalizeUnreadable(t *testing.T) {
	for in, want := range map[string]string{
		"2026-03-0309:15:00Z":                     "",
		"2026-03-0309:15":                         "",
		"2026-03-0309:15:00Z 2026-03-0309:15:00Z": "",
		"2000-02-wwwwww00:00J":                    "",
		"October X5,z 2015":                       "",
		"1 de diciembre de 2017 3:00 AM PST":      "2017-12-01T03:00:00-08:00",
		"3 März 2026":                             "2026-03-03",
	} {
		if got, _ := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}
