package entity

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// ConllSentence is one sentence of a CoNLL-2003 style file: its raw lines,
// the words (first column) and gold tags (last column).
type ConllSentence struct {
	Lines []string
	Words []string
	Tags  []string
	// DocStart is true for the first sentence after a -DOCSTART- line.
	DocStart bool
}

// ConllDoc is the lines between -DOCSTART- markers.
type ConllDoc struct {
	Sentences []ConllSentence
	// Preamble holds lines before the first sentence (e.g. -DOCSTART-),
	// kept so output can reproduce the input.
	Preamble []string
}

// ReadConll reads a CoNLL-2003 style file: one token per line, columns
// separated by spaces or tabs, the word first and the tag last; blank lines
// separate sentences; -DOCSTART- lines separate documents.
func ReadConll(r io.Reader) ([]ConllDoc, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var docs []ConllDoc
	doc := ConllDoc{}
	var cur ConllSentence
	flushSent := func() {
		if len(cur.Words) > 0 {
			doc.Sentences = append(doc.Sentences, cur)
		}
		cur = ConllSentence{}
	}
	flushDoc := func() {
		flushSent()
		if len(doc.Sentences) > 0 || len(doc.Preamble) > 0 {
			docs = append(docs, doc)
		}
		doc = ConllDoc{}
	}
	lineNo := 0
	for sc.Scan() {
		lineNo++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.HasPrefix(line, "-DOCSTART-") {
			flushDoc()
			doc.Preamble = append(doc.Preamble, line)
			continue
		}
		if strings.TrimSpace(line) == "" {
			if len(cur.Words) == 0 {
				if len(doc.Sentences) == 0 {
					doc.Preamble = append(doc.Preamble, line)
				}
				continue
			}
			flushSent()
			continue
		}
		cols := strings.Fields(line)
		if len(cols) < 2 {
			return nil, fmt.Errorf("line %d: want at least 2 columns (word ... tag), got %q", lineNo, line)
		}
		cur.Lines = append(cur.Lines, line)
		cur.Words = append(cur.Words, cols[0])
		cur.Tags = append(cur.Tags, cols[len(cols)-1])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", lineNo+1, err)
	}
	flushDoc()
	return docs, nil
}

// ToIOB2 converts IOB1 tags (I- at the start of an entity) to IOB2.
func ToIOB2(tags []string) []string {
	out := make([]string, len(tags))
	prev := "O"
	for i, t := range tags {
		if strings.HasPrefix(t, "I-") && (prev == "O" || prev[2:] != t[2:]) {
			t = "B-" + t[2:]
		}
		out[i] = t
		prev = t
	}
	return out
}
