package source

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/gzip"

	"github.com/parallax-news/parallax/internal/news"
)

// maxGzipDepth bounds nested compression (a .gz inside a .gz).
const maxGzipDepth = 2

func (o *Opener) readStream(ctx context.Context, name string, r io.Reader, yield func(news.Document, error) bool) bool {
	return o.readStreamDepth(ctx, name, r, 0, yield)
}

func (o *Opener) readStreamDepth(ctx context.Context, name string, r io.Reader, depth int, yield func(news.Document, error) bool) bool {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(sniffLen)
	if len(head) == 0 {
		if err != nil && err != io.EOF {
			return yield(news.Document{}, &Error{Input: name, Err: readErr(err)})
		}
		return yield(news.Document{}, &Error{Input: name, Err: errors.New("empty input")})
	}
	switch k := detect(head, name); k {
	case kindGzip:
		if depth >= maxGzipDepth {
			return yield(news.Document{}, &Error{Input: name, Err: errors.New("gzip nested too deeply")})
		}
		gz, err := gzip.NewReader(br)
		if err != nil {
			return yield(news.Document{}, &Error{Input: name, Err: fmt.Errorf("corrupt gzip: %w", err)})
		}
		defer gz.Close()
		return o.readStreamDepth(ctx, name, gz, depth+1, yield)
	case kindBinary:
		return yield(news.Document{}, &Error{Input: name, Err: fmt.Errorf("binary data (%s), not an article", binaryType(head))})
	case kindJSONL:
		return o.readJSONL(ctx, name, br, yield)
	case kindJSONArray:
		return o.readJSONArray(ctx, name, br, yield)
	case kindWARC:
		return o.readWARC(ctx, name, br, yield)
	default:
		b, err := o.readAll(br)
		if err != nil {
			return yield(news.Document{}, &Error{Input: name, Err: err})
		}
		switch k {
		case kindFeed:
			return o.readFeed(name, b, yield)
		case kindHTML:
			body, warn := decodeHTML(b, "")
			return yield(news.Document{Source: name, Format: news.FormatHTML, Body: body, Hint: news.Article{Warnings: warn}}, nil)
		default:
			body, warn := decodeText(b)
			if len(body) == 0 {
				return yield(news.Document{}, &Error{Input: name, Err: errors.New("empty input")})
			}
			return yield(news.Document{Source: name, Format: news.FormatText, Body: body, Hint: news.Article{Warnings: warn}}, nil)
		}
	}
}

// readAll reads a whole-file input within the size limit.
func (o *Opener) readAll(r io.Reader) ([]byte, error) {
	max := o.maxSize()
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, readErr(err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%w: larger than the %s limit (raise it with --max-size)", ErrTooLarge, sizeString(max))
	}
	return b, nil
}

// readErr explains the errors a damaged compressed stream gives.
func readErr(err error) error {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("truncated input (unexpected end of data): %w", err)
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader):
		return fmt.Errorf("corrupt gzip: %w", err)
	}
	return fmt.Errorf("read: %w", err)
}

func sizeString(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
