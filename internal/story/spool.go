package story

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
	"os"
	"slices"
	"time"
)

// Spool holds documents in a temporary file so that they can be fed to a
// clusterer in publication order (SortForStream's order) while memory
// holds one small key per document, not the documents: 24 bytes each, 240
// MB for ten million, where the documents themselves would take tens of
// gigabytes. The file is removed by Close.
type Spool struct {
	f    *os.File
	w    *bufio.Writer
	off  int64
	keys []spoolKey
	buf  []byte
}

// spoolKey is where a document lies in the file and when it was
// published: Unix seconds and nanoseconds, nsec -1 when undated.
type spoolKey struct {
	sec  int64
	off  int64
	nsec int32
	n    int32
}

// NewSpool creates a spool in the directory dir (the system's temporary
// directory when dir is "").
func NewSpool(dir string) (*Spool, error) {
	f, err := os.CreateTemp(dir, "parallax-spool-*")
	if err != nil {
		return nil, fmt.Errorf("spool: %w", err)
	}
	return &Spool{f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

// Len is the number of documents spooled.
func (s *Spool) Len() int { return len(s.keys) }

// Add writes a document to the spool.
func (s *Spool) Add(d Doc) error {
	s.buf = appendDoc(s.buf[:0], &d)
	b := s.buf
	if len(b) > 1<<31-1 {
		return fmt.Errorf("spool %s: document of %d bytes is too large", d.ID, len(b))
	}
	if _, err := s.w.Write(b); err != nil {
		return fmt.Errorf("spool %s: %w", s.f.Name(), err)
	}
	k := spoolKey{off: s.off, n: int32(len(b)), nsec: -1}
	if !d.Published.IsZero() {
		k.sec, k.nsec = d.Published.Unix(), int32(d.Published.Nanosecond())
	}
	s.keys = append(s.keys, k)
	s.off += int64(len(b))
	return nil
}

// Sorted yields the spooled documents in SortForStream's order: by
// publication time, undated ones last, equal times in the order they were
// added.
func (s *Spool) Sorted() iter.Seq2[Doc, error] {
	return func(yield func(Doc, error) bool) {
		if err := s.w.Flush(); err != nil {
			yield(Doc{}, fmt.Errorf("spool %s: %w", s.f.Name(), err))
			return
		}
		slices.SortStableFunc(s.keys, compareSpoolKeys)
		var buf []byte
		for _, k := range s.keys {
			buf = slices.Grow(buf[:0], int(k.n))[:k.n]
			var d Doc
			_, err := s.f.ReadAt(buf, k.off)
			if err == nil {
				d, err = readDoc(buf)
			}
			if err != nil {
				yield(Doc{}, fmt.Errorf("spool %s at %d: %w", s.f.Name(), k.off, err))
				return
			}
			if !yield(d, nil) {
				return
			}
		}
	}
}

// compareSpoolKeys is streamOrder on spool keys.
func compareSpoolKeys(a, b spoolKey) int {
	switch {
	case a.nsec < 0 && b.nsec < 0:
		return 0
	case a.nsec < 0:
		return 1
	case b.nsec < 0:
		return -1
	case a.sec != b.sec:
		if a.sec < b.sec {
			return -1
		}
		return 1
	}
	return int(a.nsec - b.nsec)
}

// Close removes the spool's file.
func (s *Spool) Close() error {
	err := s.f.Close()
	if e := os.Remove(s.f.Name()); err == nil {
		err = e
	}
	return err
}

// appendDoc appends the spool's encoding of d to b: its strings, each
// length-prefixed, then its publication time (Unix seconds, nanoseconds
// and zone offset, or a zero byte when undated).
func appendDoc(b []byte, d *Doc) []byte {
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	str(d.ID)
	str(d.Title)
	str(d.Text)
	b = binary.AppendUvarint(b, uint64(len(d.Entities)))
	for _, e := range d.Entities {
		str(e)
	}
	if d.Published.IsZero() {
		return append(b, 0)
	}
	_, offset := d.Published.Zone()
	b = append(b, 1)
	b = binary.AppendVarint(b, d.Published.Unix())
	b = binary.AppendUvarint(b, uint64(d.Published.Nanosecond()))
	return binary.AppendVarint(b, int64(offset))
}

var errSpoolCorrupt = errors.New("corrupt spool record")

// readDoc decodes a document appendDoc encoded. Times come back in a
// fixed zone of their offset (UTC for offset 0), which has the same
// instant, calendar and order.
func readDoc(b []byte) (Doc, error) {
	var d Doc
	bad := false
	uv := func() uint64 {
		x, n := binary.Uvarint(b)
		if n <= 0 {
			bad = true
			return 0
		}
		b = b[n:]
		return x
	}
	v := func() int64 { // binary.Varint's zig-zag decoding of a Uvarint
		x := uv()
		return int64(x>>1) ^ -int64(x&1)
	}
	str := func() string {
		n := uv()
		if bad || n > uint64(len(b)) {
			bad = true
			return ""
		}
		s := string(b[:n])
		b = b[n:]
		return s
	}
	d.ID, d.Title, d.Text = str(), str(), str()
	if n := uv(); !bad && n <= uint64(len(b)) {
		d.Entities = make([]string, 0, n)
		for range n {
			d.Entities = append(d.Entities, str())
		}
	} else {
		bad = true
	}
	if bad || len(b) == 0 {
		return Doc{}, errSpoolCorrupt
	}
	dated := b[0]
	b = b[1:]
	if dated == 1 {
		sec, nsec, offset := v(), uv(), v()
		if bad || nsec >= 1e9 {
			return Doc{}, errSpoolCorrupt
		}
		loc := time.UTC
		if offset != 0 {
			loc = time.FixedZone("", int(offset))
		}
		d.Published = time.Unix(sec, int64(nsec)).In(loc)
	}
	if bad || len(b) != 0 {
		return Doc{}, errSpoolCorrupt
	}
	return d, nil
}
