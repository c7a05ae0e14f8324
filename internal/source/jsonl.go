package source

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax/internal/news"
)

// readJSONL streams a JSON Lines file of articles, one record per line. A
// malformed line yields an error naming path#LINE and the stream goes on.
func (o *Opener) readJSONL(ctx context.Context, name string, br *bufio.Reader, yield func(news.Document, error) bool) bool {
	max := o.maxSize()
	var buf []byte
	for lineNo := 1; ; lineNo++ {
		if lineNo%256 == 0 && ctx.Err() != nil {
			return yield(news.Document{}, ctx.Err())
		}
		line, tooLong, err := readLine(br, &buf, max)
		recName := name + "#" + strconv.Itoa(lineNo)
		if len(bytes.TrimSpace(line)) > 0 || tooLong {
			var doc news.Document
			var derr error
			if tooLong {
				derr = fmt.Errorf("line %d: %w: record larger than the %s limit (raise it with --max-size)", lineNo, ErrTooLarge, sizeString(max))
			} else {
				doc, derr = articleRecord(recName, line)
				if derr != nil {
					derr = fmt.Errorf("line %d: %w", lineNo, derr)
				}
			}
			if derr != nil {
				if !yield(news.Document{}, &Error{Input: recName, Err: derr}) {
					return false
				}
			} else if !yield(doc, nil) {
				return false
			}
		}
		if err == io.EOF {
			return true
		}
		if err != nil {
			return yield(news.Document{}, &Error{Input: name, Err: fmt.Errorf("after line %d: %w", lineNo, readErr(err))})
		}
	}
}

// readLine reads one line into *buf (reused between calls) without its
// newline. A line longer than max is skipped to its end and reported as
// tooLong, so one huge record cannot exhaust memory.
func readLine(br *bufio.Reader, buf *[]byte, max int64) (line []byte, tooLong bool, err error) {
	*buf = (*buf)[:0]
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(*buf)+len(chunk)) > max {
				tooLong = true
				*buf = (*buf)[:0]
			} else {
				*buf = append(*buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		line = bytes.TrimRight(*buf, "\r\n")
		return line, tooLong, err
	}
}

// articleRecord decodes one JSON object in the Parallax article schema.
func articleRecord(recName string, b []byte) (news.Document, error) {
	b = bytes.TrimPrefix(b, utf8BOM)
	// Decoding into news.ArticleJSON directly, rather than into news.Article
	// (whose UnmarshalJSON decodes into the same struct), gives the same
	// result and errors but parses the record once instead of twice.
	var j news.ArticleJSON
	if !decodeArticle(b, &j) {
		j = news.ArticleJSON{}
		if err := json.Unmarshal(b, &j); err != nil {
			return news.Document{}, fmt.Errorf("malformed JSON: %w", jsonErr(err))
		}
	}
	if j.Text == nil || strings.TrimSpace(*j.Text) == "" {
		return news.Document{}, errors.New(`record has no "text"`)
	}
	// Source and Warnings are not taken from the input.
	a := news.Article{
		ID: deref(j.ID), URL: deref(j.URL), Outlet: deref(j.Outlet),
		Title: deref(j.Title), Published: deref(j.Published), Byline: deref(j.Byline),
		Language: deref(j.Language), Text: *j.Text,
	}
	return news.Document{Source: recName, Format: news.FormatArticle, Hint: a}, nil
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func jsonErr(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%v (at byte %d)", se, se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field == "" {
			return fmt.Errorf("want a JSON object (an article), got JSON %s", te.Value)
		}
		return fmt.Errorf("field %q: want a string, got JSON %s", te.Field, te.Value)
	}
	return err
}

// readJSONArray streams a JSON array of article objects ([{...},{...}]).
func (o *Opener) readJSONArray(ctx context.Context, name string, br *bufio.Reader, yield func(news.Document, error) bool) bool {
	dec := json.NewDecoder(io.LimitReader(br, 1<<62))
	if _, err := dec.Token(); err != nil {
		return yield(news.Document{}, &Error{Input: name, Err: fmt.Errorf("malformed JSON: %w", err)})
	}
	for n := 1; dec.More(); n++ {
		if ctx.Err() != nil {
			return yield(news.Document{}, ctx.Err())
		}
		recName := name + "#" + strconv.Itoa(n)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			// The decoder cannot resynchronise after a syntax error.
			return yield(news.Document{}, &Error{Input: recName, Err: fmt.Errorf("element %d: malformed JSON: %w", n, jsonErr(err))})
		}
		if int64(len(raw)) > o.maxSize() {
			if !yield(news.Document{}, &Error{Input: recName, Err: fmt.Errorf("element %d: %w", n, ErrTooLarge)}) {
				return false
			}
			continue
		}
		doc, err := articleRecord(recName, raw)
		if err != nil {
			if !yield(news.Document{}, &Error{Input: recName, Err: fmt.Errorf("element %d: %w", n, err)}) {
				return false
			}
			continue
		}
		if !yield(doc, nil) {
			return false
		}
	}
	return true
}
