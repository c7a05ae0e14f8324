package source

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax/internal/news"
)

// readWARC streams a WARC 1.0/1.1 file record by record. Every response
// (or resource) record whose payload is an HTML page with a 2xx status
// becomes a document named path#N (N counts all records from 1), with the
// WARC-Target-URI as URL hint. The WARC-Date is the crawl time, not the
// publication time, so it is not used as a date. Other records (requests,
// metadata, images) are skipped silently.
func (o *Opener) readWARC(ctx context.Context, name string, br *bufio.Reader, yield func(news.Document, error) bool) bool {
	tp := textproto.NewReader(br)
	max := o.maxSize()
	for n := 1; ; n++ {
		if ctx.Err() != nil {
			return yield(news.Document{}, ctx.Err())
		}
		recName := name + "#" + strconv.Itoa(n)
		version, err := nextWARCLine(tp)
		if err == io.EOF {
			return true
		}
		if err != nil {
			return yield(news.Document{}, &Error{Input: recName, Err: readErr(err)})
		}
		if !strings.HasPrefix(version, "WARC/") {
			return yield(news.Document{}, &Error{Input: recName, Err: fmt.Errorf("not a WARC record header: %q", clip(version, 40))})
		}
		hdr, err := tp.ReadMIMEHeader()
		if err != nil {
			return yield(news.Document{}, &Error{Input: recName, Err: fmt.Errorf("bad WARC header: %w", readErr(err))})
		}
		length, err := strconv.ParseInt(strings.TrimSpace(hdr.Get("Content-Length")), 10, 64)
		if err != nil || length < 0 {
			return yield(news.Document{}, &Error{Input: recName, Err: fmt.Errorf("bad WARC Content-Length %q", hdr.Get("Content-Length"))})
		}
		if length > max {
			if _, err := io.CopyN(io.Discard, br, length); err != nil {
				return yield(news.Document{}, &Error{Input: recName, Err: readErr(err)})
			}
			if !yield(news.Document{}, &Error{Input: recName, Err: fmt.Errorf("%w: record larger than the %s limit (raise it with --max-size)", ErrTooLarge, sizeString(max))}) {
				return false
			}
			continue
		}
		block := make([]byte, length)
		if _, err := io.ReadFull(br, block); err != nil {
			return yield(news.Document{}, &Error{Input: recName, Err: fmt.Errorf("record cut short: %w", readErr(err))})
		}
		doc, ok, err := warcRecord(recName, hdr, block)
		switch {
		case err != nil:
			if !yield(news.Document{}, &Error{Input: recName, Err: err}) {
				return false
			}
		case ok:
			if !yield(doc, nil) {
				return false
			}
		}
	}
}

// nextWARCLine returns the next non-empty line (records are separated by
// blank lines).
func nextWARCLine(tp *textproto.Reader) (string, error) {
	for {
		line, err := tp.ReadLine()
		if err != nil {
			if err == io.EOF && line == "" {
				return "", io.EOF
			}
			return line, err
		}
		if strings.TrimSpace(line) != "" {
			return line, nil
		}
	}
}

// warcRecord turns one record into a document; ok is false for records
// that hold no HTML page.
func warcRecord(recName string, hdr textproto.MIMEHeader, block []byte) (news.Document, bool, error) {
	uri := strings.Trim(strings.TrimSpace(hdr.Get("WARC-Target-URI")), "<>")
	ctype := hdr.Get("Content-Type")
	var body []byte
	var pageType string
	switch strings.ToLower(hdr.Get("WARC-Type")) {
	case "response":
		if !strings.HasPrefix(strings.ToLower(ctype), "application/http") {
			return news.Document{}, false, nil
		}
		resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(block)), nil)
		if err != nil {
			return news.Document{}, false, fmt.Errorf("bad HTTP response in WARC record: %w", err)
		}
		defer resp.Body.Close()
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			return news.Document{}, false, nil
		}
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			return news.Document{}, false, fmt.Errorf("HTTP body in WARC record: %w", readErr(err))
		}
		if b, err = decodeContent(resp.Header.Get("Content-Encoding"), b); err != nil {
			return news.Document{}, false, err
		}
		body, pageType = b, resp.Header.Get("Content-Type")
	case "resource":
		body, pageType = block, ctype
	default:
		return news.Document{}, false, nil
	}
	if !isHTMLType(pageType, body) {
		return news.Document{}, false, nil
	}
	page, warn := decodeHTML(body, pageType)
	return news.Document{Source: recName, Format: news.FormatHTML, Body: page, Hint: news.Article{URL: uri, Warnings: warn}}, true, nil
}

func isHTMLType(ctype string, body []byte) bool {
	mt, _, err := mime.ParseMediaType(ctype)
	if err != nil || mt == "" {
		return strings.HasPrefix(http.DetectContentType(body), "text/html")
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// decodeContent undoes an HTTP Content-Encoding kept in the archive.
func decodeContent(enc string, b []byte) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "", "identity":
		return b, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("gzip-encoded page: %w", err)
		}
		out, err := io.ReadAll(zr)
		if err != nil {
			return nil, fmt.Errorf("gzip-encoded page: %w", readErr(err))
		}
		return out, nil
	case "deflate":
		out, err := io.ReadAll(flate.NewReader(bytes.NewReader(b)))
		if err != nil {
			return nil, fmt.Errorf("deflate-encoded page: %w", readErr(err))
		}
		return out, nil
	}
	return nil, errors.New("page uses unsupported Content-Encoding " + enc)
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
