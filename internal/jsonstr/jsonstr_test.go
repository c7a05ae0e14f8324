package jsonstr

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

func TestDecode(t *testing.T) {
	cases := []struct {
		in   string
		want string
		ok   bool
	}{
		{`"plain"`, "plain", true},
		{`""`, "", true},
		{`"tab\tand \"quotes\" and \\"`, "tab\tand \"quotes\" and \\", true},
		{`"\/\b\f\n\r"`, "/\b\f\n\r", true},
		{`"caf\u00e9 \u20ac"`, "café €", true},
		{`"\ud83d\ude00 pair"`, "😀 pair", true},
		{`"Moscow’s “offer”"`, "Moscow’s “offer”", true},
		{`"lone \ud83d surrogate"`, "", false}, // json.Unmarshal turns it into U+FFFD: left to it
		{`"bad \x escape"`, "", false},
		{`"short \u12"`, "", false},
		{"\"control \x01 byte\"", "", false},
		{"\"invalid \xff utf-8\"", "", false},
		{`"unterminated`, "", false},
		{`"ends in a backslash\`, "", false},
	}
	for _, c := range cases {
		got, end, ok := Decode([]byte(c.in), 0)
		if ok != c.ok || got != c.want {
			t.Errorf("Decode(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
			continue
		}
		if ok && end != len(c.in) {
			t.Errorf("Decode(%q) ends at %d, want %d", c.in, end, len(c.in))
		}
	}
	// Decoding starts at the given quote and stops after the closing one.
	b := []byte(`{"id":"a\"1","x":2}`)
	got, end, ok := Decode(b, 6)
	if !ok || got != `a"1` || string(b[end:]) != `,"x":2}` {
		t.Errorf("Decode inside an object = %q, %d, %v", got, end, ok)
	}
}

// FuzzDecode checks Decode against encoding/json: whatever Decode
// accepts, json.Unmarshal decodes to the same string, and a valid string
// Decode refuses is one json.Unmarshal would alter (a lone surrogate or
// invalid UTF-8 it replaces with U+FFFD).
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`"plain"`, `"a\"b\\c"`, `"\u00e9\ud83d\ude00"`, `"\ud800"`, "\"\xff\"", `"x\u12"`, `"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		// Long inputs add nothing (the decoder has no state beyond one
		// escape) and made the fuzzer's minimisation crawl.
		if len(b) == 0 || b[0] != '"' || len(b) > 256 {
			return
		}
		got, end, ok := Decode(b, 0)
		var want string
		err := json.Unmarshal(b[:max(end, 0)], &want)
		if ok {
			if end > len(b) || b[end-1] != '"' {
				t.Fatalf("Decode(%q) ends at %d", b, end)
			}
			if err != nil || got != want {
				t.Fatalf("Decode(%q) = %q; json.Unmarshal gives %q, %v", b, got, want, err)
			}
			return
		}
		// Refused: either json.Unmarshal rejects the literal too, or it
		// would have to alter it.
		var whole string
		if json.Unmarshal(literal(b), &whole) == nil && utf8.ValidString(whole) && !altered(literal(b)) {
			t.Fatalf("Decode refused %q, which json.Unmarshal decodes to %q", b, whole)
		}
	})
}

// literal is the JSON string literal at the start of b (up to its
// closing quote), or all of b.
func literal(b []byte) []byte {
	for k := 1; k < len(b); k++ {
		switch b[k] {
		case '\\':
			k++
		case '"':
			return b[:k+1]
		}
	}
	return b
}

// altered reports whether json.Unmarshal would replace part of the
// literal with U+FFFD: invalid UTF-8 in it, or a \u escape of a
// surrogate that is not part of a valid pair.
func altered(lit []byte) bool {
	if !utf8.Valid(lit) {
		return true
	}
	for k := 0; k+1 < len(lit); k++ {
		if lit[k] != '\\' {
			continue
		}
		if lit[k+1] != 'u' || k+6 > len(lit) {
			k++
			continue
		}
		r, ok := hex4(lit, k+2)
		if !ok {
			return false
		}
		if r >= 0xd800 && r < 0xdc00 {
			if k+12 <= len(lit) && lit[k+6] == '\\' && lit[k+7] == 'u' {
				if r2, ok := hex4(lit, k+8); ok && r2 >= 0xdc00 && r2 < 0xe000 {
					k += 11
					continue
				}
			}
			return true
		}
		if r >= 0xdc00 && r < 0xe000 {
			return true
		}
		k += 5
	}
	return false
}
