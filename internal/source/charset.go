package source

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// decodeHTML returns an HTML page as UTF-8, decoded from the charset its
// HTTP Content-Type, BOM or <meta> declares.
func decodeHTML(b []byte, contentType string) ([]byte, []string) {
	enc, name, certain := charset.DetermineEncoding(b, contentType)
	if !certain && utf8.Valid(b) {
		// Nothing declared a charset and the bytes are valid UTF-8: the
		// HTML default guess (Windows-1252) would turn them into mojibake.
		name = "utf-8"
	}
	if name == "utf-8" {
		b = bytes.TrimPrefix(b, utf8BOM)
		if utf8.Valid(b) {
			return b, nil
		}
		// Declared UTF-8 (or undeclared) but it is not: Windows-1252 is what
		// such pages nearly always are.
		out, err := charmap.Windows1252.NewDecoder().Bytes(b)
		if err != nil {
			return bytes.ToValidUTF8(b, []byte("\uFFFD")), []string{"page is not valid UTF-8: invalid bytes replaced"}
		}
		return out, []string{"page is not valid UTF-8: decoded as Windows-1252"}
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return bytes.ToValidUTF8(b, []byte("\uFFFD")), []string{"cannot decode page from " + name + ": invalid bytes replaced"}
	}
	return out, nil
}

// decodeText returns plain text as UTF-8: UTF-8 (BOM dropped), UTF-16 with
// a BOM, or else Windows-1252 with a warning.
func decodeText(b []byte) ([]byte, []string) {
	if hasUTF16BOM(b) {
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(b)
		if err == nil {
			return out, nil
		}
	}
	b = bytes.TrimPrefix(b, utf8BOM)
	if utf8.Valid(b) {
		return b, nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return bytes.ToValidUTF8(b, []byte("\uFFFD")), []string{"text is not valid UTF-8: invalid bytes replaced"}
	}
	return out, []string{"text is not valid UTF-8: decoded as Windows-1252"}
}
