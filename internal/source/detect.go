package source

import (
	"bytes"
	"net/http"
	"path/filepath"
	"strings"
)

// kind is what a byte stream turned out to be.
type kind int

const (
	kindText kind = iota
	kindHTML
	kindJSONL
	kindJSONArray
	kindFeed
	kindWARC
	kindGzip
	kindBinary
)

var kindNames = [...]string{"text", "HTML", "JSON Lines", "JSON array", "feed", "WARC", "gzip", "binary"}

func (k kind) String() string { return kindNames[k] }

// sniffLen is how many leading bytes detection looks at.
const sniffLen = 4096

// detect tells the kind of a stream from its first bytes; name (the input's
// path) only breaks ties, so a mislabelled file is still read right.
func detect(head []byte, name string) kind {
	if len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		return kindGzip
	}
	if bytes.HasPrefix(head, []byte("WARC/")) {
		return kindWARC
	}
	h := bytes.TrimPrefix(head, utf8BOM)
	h = bytes.TrimLeft(h, " \t\r\n")
	ext := strings.ToLower(filepath.Ext(strings.TrimSuffix(strings.ToLower(name), ".gz")))
	// JSON Lines are read line by line, and a bad line is reported on its
	// own: one junk line must not make the whole file binary, nor a bad
	// first line make a .jsonl file text.
	if len(h) > 0 && h[0] == '{' && !isBinary(firstLine(h)) {
		return kindJSONL
	}
	if (ext == ".jsonl" || ext == ".ndjson") && hasObjectLine(h) {
		return kindJSONL
	}
	if isBinary(head) {
		return kindBinary
	}
	if len(h) == 0 {
		return kindText
	}
	switch h[0] {
	case '{':
		return kindJSONL
	case '[':
		if ext == ".json" || bytes.HasPrefix(bytes.TrimLeft(h[1:], " \t\r\n"), []byte("{")) {
			return kindJSONArray
		}
	case '<':
		lower := bytes.ToLower(h)
		if bytes.HasPrefix(lower, []byte("<http")) {
			return kindText // a Markdown autolink, not markup
		}
		isHTML := bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<!doctype html")) ||
			bytes.Contains(lower, []byte("<head")) || bytes.Contains(lower, []byte("<body"))
		isFeed := bytes.Contains(lower, []byte("<rss")) || bytes.Contains(lower, []byte("<feed")) ||
			bytes.Contains(lower, []byte("<rdf:rdf"))
		switch {
		case isFeed && !isHTML:
			return kindFeed
		case isHTML:
			return kindHTML
		case ext == ".xml" || ext == ".rss" || ext == ".atom":
			return kindFeed
		case ext == ".txt" || ext == ".md" || ext == ".markdown":
			return kindText
		}
		return kindHTML
	}
	if ext == ".html" || ext == ".htm" || ext == ".xhtml" {
		return kindHTML
	}
	return kindText
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// firstLine is b up to its first newline.
func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

// hasObjectLine reports a line of b that starts a JSON object.
func hasObjectLine(b []byte) bool {
	for line := range bytes.Lines(b) {
		if l := bytes.TrimLeft(line, " \t\r"); len(l) > 0 && l[0] == '{' {
			return true
		}
	}
	return false
}

// isBinary reports data that is no text in any encoding we read: NUL bytes
// (outside UTF-16, which has a BOM) or many control characters.
func isBinary(head []byte) bool {
	if hasUTF16BOM(head) {
		return false
	}
	ctrl := 0
	for _, c := range head {
		if c == 0 {
			return true
		}
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b {
			ctrl++
		}
	}
	return ctrl*100 > len(head) // more than 1%
}

func hasUTF16BOM(b []byte) bool {
	return len(b) >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))
}

// binaryType names the content of binary data for an error message.
func binaryType(head []byte) string {
	t := http.DetectContentType(head)
	if t == "application/octet-stream" {
		return "unknown binary data"
	}
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = t[:i]
	}
	return t
}
