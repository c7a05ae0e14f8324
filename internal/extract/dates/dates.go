// Package dates parses the dates news pages carry ("14/10/2015",
// "October 15, 2015", "2015-10-15T09:00:00Z", "15 Oct 2015") into the form
// Parallax stores: RFC 3339 when the time of day is known, YYYY-MM-DD when
// only the day is.
package dates

import "time"

// Normalize parses s and returns it as RFC 3339 or YYYY-MM-DD.
func Normalize(s string) (string, bool) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.Format(time.RFC3339), true
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Format(time.DateOnly), true
	}
	return "", false
}
