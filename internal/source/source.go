package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/parallax-news/parallax/internal/news"
)

// DefaultMaxSize is the largest single input (after decompression) or, in
// a stream such as JSON Lines or WARC, the largest single record read by
// default.
const DefaultMaxSize = 64 << 20

// Error is a failure to read one input or one record of it.
type Error struct {
	// Input names the input: a path, path#N, or "-" for stdin.
	Input string
	Err   error
}

func (e *Error) Error() string { return e.Input + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// ErrTooLarge is wrapped by errors for inputs or records over the size limit.
var ErrTooLarge = errors.New("too large")

// Input is one named byte stream. Files and stdin implement it here; a URL
// fetcher implements it to slot into the same reader layer.
type Input interface {
	// Name identifies the input in documents and errors (a path, "-", a URL).
	Name() string
	// Open opens the stream. The caller closes it.
	Open(ctx context.Context) (io.ReadCloser, error)
}

type fileInput string

func (f fileInput) Name() string { return string(f) }
func (f fileInput) Open(context.Context) (io.ReadCloser, error) {
	return os.Open(string(f))
}

// NamedReader makes an Input of an open stream (a request body, say);
// name identifies it in documents and errors.
func NamedReader(name string, r io.Reader) Input { return readerInput{name: name, r: r} }

type readerInput struct {
	name string
	r    io.Reader
}

func (r readerInput) Name() string { return r.name }
func (r readerInput) Open(context.Context) (io.ReadCloser, error) {
	return io.NopCloser(r.r), nil
}

// Opener reads inputs into documents.
type Opener struct {
	// MaxSize limits one input (or one record of a stream) in bytes; 0 means
	// DefaultMaxSize.
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

// Documents streams the documents of every argument in order. An argument
// is a file, a directory (walked recursively, dot files skipped), a glob
// pattern, or "-" for stdin. Errors are yielded as *Error values and do not
// stop the stream.
func (o *Opener) Documents(ctx context.Context, args []string) iter.Seq2[news.Document, error] {
	return func(yield func(news.Document, error) bool) {
		for _, arg := range args {
			if err := ctx.Err(); err != nil {
				yield(news.Document{}, err)
				return
			}
			for in, err := range o.expand(arg) {
				if err != nil {
					if !yield(news.Document{}, err) {
						return
					}
					continue
				}
				if !o.Read(ctx, in, yield) {
					return
				}
			}
		}
	}
}

// expand turns one argument into inputs.
func (o *Opener) expand(arg string) iter.Seq2[Input, error] {
	return func(yield func(Input, error) bool) {
		if arg == "-" {
			r := o.Stdin
			if r == nil {
				r = os.Stdin
			}
			yield(readerInput{name: "-", r: r}, nil)
			return
		}
		fi, err := os.Stat(arg)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) && strings.ContainsAny(arg, "*?[") {
				matches, gerr := filepath.Glob(arg)
				if gerr != nil {
					yield(nil, &Error{Input: arg, Err: fmt.Errorf("bad glob pattern: %w", gerr)})
					return
				}
				if len(matches) == 0 {
					yield(nil, &Error{Input: arg, Err: errors.New("no file matches this pattern")})
					return
				}
				for _, m := range matches {
					for in, err := range o.expand(m) {
						if !yield(in, err) {
							return
						}
					}
				}
				return
			}
			yield(nil, &Error{Input: arg, Err: errors.Unwrap(err)})
			return
		}
		if !fi.IsDir() {
			yield(fileInput(arg), nil)
			return
		}
		var files []string
		werr := filepath.WalkDir(arg, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				// Report the unreadable entry and go on with the rest.
				if !yield(nil, &Error{Input: p, Err: errors.Unwrap(err)}) {
					return filepath.SkipAll
				}
				return nil
			}
			if p != arg && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && !notArticle[strings.ToLower(filepath.Ext(p))] {
				files = append(files, p)
			}
			return nil
		})
		if werr != nil {
			return
		}
		slices.Sort(files)
		for _, f := range files {
			if !yield(fileInput(f), nil) {
				return
			}
		}
	}
}

// notArticle are extensions a directory walk skips: configuration, code,
// media and styles that sit beside articles (an outlets.yaml, images of a
// saved page). Named explicitly, such a file is still read and reported.
var notArticle = map[string]bool{
	".yaml": true, ".yml": true, ".csv": true, ".tsv": true, ".toml": true, ".ini": true, ".go": true, ".js": true,
	".css": true, ".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".svg": true, ".ico": true,
	".pdf": true, ".zip": true, ".mp3": true, ".mp4": true, ".woff": true, ".woff2": true, ".db": true, ".sqlite": true,
}

// Read reads one input and yields its documents. It returns false when the
// consumer stopped the iteration.
func (o *Opener) Read(ctx context.Context, in Input, yield func(news.Document, error) bool) bool {
	rc, err := in.Open(ctx)
	if err != nil {
		return yield(news.Document{}, &Error{Input: in.Name(), Err: unwrapPath(err)})
	}
	defer rc.Close()
	return o.readStream(ctx, in.Name(), rc, yield)
}

// unwrapPath drops the path from *os.PathError, since Error names the input.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}
