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
		"President Vladimir Putin", "By Daria Litvinova", "14/10/1215",
	} {
		if got, ok := Normalize(in); ok {
			t.Errorf("Normalize(%q) = %q, want no date", in, got)
		}
	}
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
