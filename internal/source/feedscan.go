package source

import (
	"bytes"
	"errors"
	"fmt"

	"golang.org/x/net/html/charset"
)

// ErrTooComplex is wrapped by errors for inputs whose structure would cost
// a parser far more than their size suggests (nesting, namespace or xml:base
// blow-ups): such an input is cut where it crosses the limit.
var ErrTooComplex = errors.New("too complex")

// Limits of the feed pre-scan. gofeed's pull parser (goxpp) copies every
// namespace binding in scope at each element, resolves xml:base against the
// parent's base at each element, recurses once per nesting level (a deep
// enough feed overflows the goroutine stack, which kills the process), and
// encoding/xml wraps one more charset decoder around the stream at every
// <?xml encoding=...?> it meets. Real feeds nest a few dozen levels, declare
// a few dozen namespaces and one XML declaration; the limits sit far above.
const (
	maxFeedDepth      = 1000     // open elements
	maxFeedNamespaces = 64       // distinct prefixes in scope at once
	maxFeedBaseBytes  = 32 << 20 // xml:base bytes resolved over the feed
)

// feedScan is the pre-scan's verdict on a feed.
type feedScan struct {
	// cut is where the feed first crosses a limit (-1: it does not); err
	// says which limit.
	cut int
	err error
	// declEnd and label are set for the first XML declaration naming an
	// encoding other than UTF-8: where it ends and the encoding.
	declStart, declEnd int
	label              string
}

type scanFrame struct {
	prefixes []string // namespace prefixes declared on this element
	baseLen  int      // length of the element's resolved xml:base, bounded above
}

// scanFeed walks the markup of b the way an XML tokenizer does (comments,
// CDATA, processing instructions and directives skipped, quoted attribute
// values honoured) and measures what gofeed would pay for it. It
// over-estimates rather than under-estimates: an end tag closes at most one
// element here, at least one in encoding/xml's lenient mode.
func scanFeed(b []byte) feedScan {
	s := feedScan{cut: -1, declStart: -1}
	var (
		frames   []scanFrame
		inScope  = map[string]int{}
		baseCost int
	)
	pop := func() {
		if len(frames) == 0 {
			return
		}
		for _, p := range frames[len(frames)-1].prefixes {
			if inScope[p]--; inScope[p] == 0 {
				delete(inScope, p)
			}
		}
		frames = frames[:len(frames)-1]
	}
	fail := func(at int, format string, args ...any) feedScan {
		s.cut = at
		s.err = fmt.Errorf("%w: %s at byte %d", ErrTooComplex, fmt.Sprintf(format, args...), at)
		return s
	}
	for i := 0; i < len(b); {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			break
		}
		i += j
		rest := b[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			i = skipPast(b, i+4, "-->")
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			i = skipPast(b, i+9, "]]>")
		case bytes.HasPrefix(rest, []byte("<?")):
			end := skipPast(b, i+2, "?>")
			if label := declEncoding(b[i:end]); label != "" {
				if s.declStart >= 0 {
					return fail(i, "a second XML declaration switching the encoding to %q", label)
				}
				s.declStart, s.declEnd, s.label = i, end, label
			}
			i = end
		case bytes.HasPrefix(rest, []byte("<!")):
			i = skipPast(b, i+2, ">")
		case bytes.HasPrefix(rest, []byte("</")):
			pop()
			i = skipPast(b, i+2, ">")
		default:
			tag, end, selfClosing := startTag(b, i+1)
			var f scanFrame
			if len(frames) > 0 {
				f.baseLen = frames[len(frames)-1].baseLen
			}
			for _, a := range tag {
				switch {
				case string(a.name) == "xmlns" || bytes.HasPrefix(a.name, []byte("xmlns:")):
					p := string(a.name)
					f.prefixes = append(f.prefixes, p)
					inScope[p]++
				case bytes.HasSuffix(a.name, []byte(":base")):
					// xml:base, or base under any prefix bound to the XML
					// namespace: counting every prefix over-estimates.
					f.baseLen += len(a.value)
					baseCost += f.baseLen
				}
			}
			frames = append(frames, f)
			switch {
			case len(frames) > maxFeedDepth:
				return fail(i, "XML nested more than %d elements deep", maxFeedDepth)
			case len(inScope) > maxFeedNamespaces:
				return fail(i, "more than %d XML namespaces in scope", maxFeedNamespaces)
			case baseCost > maxFeedBaseBytes:
				return fail(i, "xml:base attributes resolving to more than %s", sizeString(maxFeedBaseBytes))
			}
			if selfClosing {
				pop()
			}
			i = end
		}
	}
	return s
}

// skipPast returns the index just after the first end at or after i, or
// len(b) when there is none.
func skipPast(b []byte, i int, end string) int {
	if i > len(b) {
		return len(b)
	}
	k := bytes.Index(b[i:], []byte(end))
	if k < 0 {
		return len(b)
	}
	return i + k + len(end)
}

type scanAttr struct{ name, value []byte }

// startTag reads the attributes of the start tag whose name begins at i and
// returns them, the index after the tag and whether it closes itself.
// Attributes without a value and unquoted values are taken as a lenient
// tokenizer takes them.
func startTag(b []byte, i int) (attrs []scanAttr, end int, selfClosing bool) {
	for i < len(b) && !isSpace(b[i]) && b[i] != '>' && b[i] != '/' {
		i++
	}
	for i < len(b) {
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i >= len(b) {
			break
		}
		switch b[i] {
		case '>':
			return attrs, i + 1, false
		case '/':
			if i+1 < len(b) && b[i+1] == '>' {
				return attrs, i + 2, true
			}
			i++
			continue
		}
		n := i
		for i < len(b) && !isSpace(b[i]) && b[i] != '=' && b[i] != '>' && b[i] != '/' {
			i++
		}
		a := scanAttr{name: b[n:i]}
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i < len(b) && b[i] == '=' {
			i++
			for i < len(b) && isSpace(b[i]) {
				i++
			}
			if i < len(b) && (b[i] == '"' || b[i] == '\'') {
				q := b[i]
				v := i + 1
				k := bytes.IndexByte(b[v:], q)
				if k < 0 {
					return attrs, len(b), false
				}
				a.value = b[v : v+k]
				i = v + k + 1
			} else {
				v := i
				for i < len(b) && !isSpace(b[i]) && b[i] != '>' {
					i++
				}
				a.value = b[v:i]
			}
		}
		if len(a.name) == 0 {
			i++ // a stray byte such as '=': step over it
			continue
		}
		attrs = append(attrs, a)
	}
	return attrs, len(b), false
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// declEncoding returns the encoding an <?xml ...?> declaration pi switches
// the stream to, or "" for none or UTF-8. It reads the parameter the way
// encoding/xml's procInst does (the first encoding= followed by a quote), so
// it flags every declaration the parser acts on.
func declEncoding(pi []byte) string {
	rest, ok := bytes.CutPrefix(pi, []byte("<?xml"))
	if !ok || len(rest) == 0 || !isSpace(rest[0]) {
		return ""
	}
	param := []byte("encoding=")
	for {
		k := bytes.Index(rest, param)
		if k < 0 || k+len(param) >= len(rest) {
			return ""
		}
		rest = rest[k+len(param):]
		if q := rest[0]; q == '"' || q == '\'' {
			end := bytes.IndexByte(rest[1:], q)
			if end < 0 {
				return ""
			}
			label := rest[1 : 1+end]
			if len(label) == 0 || bytes.EqualFold(label, []byte("utf-8")) {
				return ""
			}
			return string(label)
		}
	}
}

// checkFeed prepares a feed for gofeed: a feed declaring a non-UTF-8
// encoding is decoded here and its declaration rewritten to UTF-8, so the
// scan measures the text the parser will see; then the feed is scanned. It
// returns the bytes to parse and, when a limit is crossed, the offset in
// them to cut at and why.
func checkFeed(b []byte) ([]byte, int, error) {
	s := scanFeed(b)
	if s.declStart < 0 || (s.cut >= 0 && s.cut <= s.declStart) {
		return b, s.cut, s.err
	}
	enc, _ := charset.Lookup(s.label)
	if enc == nil {
		return b, s.cut, s.err // the parser reports the unknown encoding
	}
	body, err := enc.NewDecoder().Bytes(b[s.declEnd:])
	if err != nil {
		return b, s.cut, s.err
	}
	out := make([]byte, 0, s.declStart+len(body)+40)
	out = append(out, b[:s.declStart]...)
	out = append(out, `<?xml version="1.0" encoding="UTF-8"?>`...)
	out = append(out, body...)
	s = scanFeed(out)
	if s.declStart >= 0 && (s.cut < 0 || s.declStart < s.cut) {
		// The rewritten declaration no longer switches; one that still does
		// is a second declaration, which would stack another decoder.
		return out, s.declStart, fmt.Errorf("%w: a second XML declaration switching the encoding to %q at byte %d", ErrTooComplex, s.label, s.declStart)
	}
	return out, s.cut, s.err
}
