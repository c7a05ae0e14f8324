package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strings"

	"github.com/parallax-news/parallax/internal/news"
)

// DefaultMaxSize is the largest single input (after decompression) read by default.
const DefaultMaxSize = 64 << 20

// Error is a failure to read one input or one record of it.
type Error struct {
	// Input names the input: a path, path#N, or "-" for stdin.
	Input string
	Err   error
}

func (e *Error) Error() string { return e.Input + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Opener reads inputs into documents.
type Opener struct {
	// MaxSize limits one input's size in bytes; 0 means DefaultMaxSize.
	MaxSize int64
	// Stdin is read for the input "-"; nil means os.Stdin.
	Stdin io.Reader
}

func (o *Opener) maxSize() int64 {
	if o.MaxSize > 0 {
		return o.MaxSize
	}
	return DefaultMaxSize
}

// Documents streams the documents of every input in order. Errors are
// yielded as *Error values and do not stop the stream; the caller decides.
func (o *Opener) Documents(ctx context.Context, inputs []string) iter.Seq2[news.Document, error] {
	return func(yield func(news.Document, error) bool) {
		for _, in := range inputs {
			if ctx.Err() != nil {
				yield(news.Document{}, ctx.Err())
				return
			}
			if !o.input(ctx, in, yield) {
				return
			}
		}
	}
}

func (o *Opener) input(ctx context.Context, in string, yield func(news.Document, error) bool) bool {
	if in == "-" {
		r := o.Stdin
		if r == nil {
			r = os.Stdin
		}
		return o.read(ctx, "-", r, yield)
	}
	fi, err := os.Stat(in)
	if err != nil {
		return yield(news.Document{}, &Error{Input: in, Err: err})
	}
	if fi.IsDir() {
		return o.dir(ctx, in, yield)
	}
	return o.file(ctx, in, yield)
}

func (o *Opener) dir(ctx context.Context, root string, yield func(news.Document, error) bool) bool {
	var paths []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && !strings.HasPrefix(d.Name(), ".") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil && !yield(news.Document{}, &Error{Input: root, Err: err}) {
		return false
	}
	for _, p := range paths {
		if !o.file(ctx, p, yield) {
			return false
		}
	}
	return true
}

func (o *Opener) file(ctx context.Context, path string, yield func(news.Document, error) bool) bool {
	f, err := os.Open(path)
	if err != nil {
		return yield(news.Document{}, &Error{Input: path, Err: err})
	}
	defer f.Close()
	return o.read(ctx, path, f, yield)
}

func (o *Opener) read(_ context.Context, name string, r io.Reader, yield func(news.Document, error) bool) bool {
	b, err := io.ReadAll(io.LimitReader(r, o.maxSize()+1))
	if err != nil {
		return yield(news.Document{}, &Error{Input: name, Err: fmt.Errorf("read: %w", err)})
	}
	if int64(len(b)) > o.maxSize() {
		return yield(news.Document{}, &Error{Input: name, Err: fmt.Errorf("larger than the %d MB limit", o.maxSize()>>20)})
	}
	if len(b) == 0 {
		return yield(news.Document{}, &Error{Input: name, Err: errors.New("empty input")})
	}
	format := news.FormatText
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".html" || ext == ".htm" {
		format = news.FormatHTML
	}
	return yield(news.Document{Source: name, Format: format, Body: b}, nil)
}
