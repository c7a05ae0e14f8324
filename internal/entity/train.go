package entity

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
)

// TrainOptions configures training.
type TrainOptions struct {
	Epochs int
	Seed   uint64
	// Progress, if set, is called after each epoch with the share of
	// tokens tagged correctly in that epoch.
	Progress func(epoch int, accuracy float64)
}

// Train learns a model from CoNLL documents with the averaged perceptron:
// each token is tagged greedily with the current weights (previous labels
// and the document history come from the model's own decisions, as at
// run time) and, when wrong, the gold label's features gain and the
// predicted label's lose. The returned weights are the average over all
// steps, which generalises far better than the last ones.
func Train(docs []ConllDoc, opt TrainOptions) *Model {
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	m := newModel()
	acc := make([]float32, len(m.W)) // sum of step*update, for averaging
	step := float32(1)
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15))
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	var buf []uint32
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, di := range order {
			hist := history{}
			for _, cs := range docs[di].Sentences {
				s := prepare(cs.Words)
				gold := ToIOB2(cs.Tags)
				prev1, prev2 := 0, 0
				for i := range cs.Words {
					g := labelIndex(gold[i])
					buf = features(buf[:0], s, i, prev1, prev2, hist.hint(s, i))
					var scores [nLabels]float32
					for _, b := range buf {
						row := m.W[int(b)*nLabels : int(b)*nLabels+nLabels]
						for l := range nLabels {
							scores[l] += row[l]
						}
					}
					best, first := 0, true
					for l := range nLabels {
						if !valid(prev1, l) {
							continue
						}
						if first || scores[l] > scores[best] {
							best, first = l, false
						}
					}
					if best != g {
						for _, b := range buf {
							m.W[int(b)*nLabels+g]++
							m.W[int(b)*nLabels+best]--
							acc[int(b)*nLabels+g] += step
							acc[int(b)*nLabels+best] -= step
						}
					} else {
						correct++
					}
					total++
					step++
					hist.add(s, i, best)
					prev2, prev1 = prev1, best
				}
			}
		}
		if opt.Progress != nil {
			opt.Progress(epoch, float64(correct)/float64(total))
		}
	}
	for i := range m.W {
		m.W[i] -= acc[i] / step
	}
	return m
}

const modelMagic = "PXNER1"

// WriteTo writes the model: the non-zero buckets with their weights
// quantised to 16 bits, gzip-compressed.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var max float32
	for _, v := range m.W {
		max = float32(math.Max(float64(max), math.Abs(float64(v))))
	}
	if max == 0 {
		max = 1
	}
	scale := max / 32767
	var raw bytes.Buffer
	raw.WriteString(modelMagic)
	binary.Write(&raw, binary.LittleEndian, scale)
	var row [nLabels]int16
	for b := range nBuckets {
		nz := false
		for l := range nLabels {
			q := int16(math.Round(float64(m.W[b*nLabels+l] / scale)))
			row[l] = q
			nz = nz || q != 0
		}
		if !nz {
			continue
		}
		binary.Write(&raw, binary.LittleEndian, uint32(b))
		binary.Write(&raw, binary.LittleEndian, row)
	}
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestCompression)
	zw.Write(raw.Bytes())
	if err := zw.Close(); err != nil {
		return 0, err
	}
	n, err := w.Write(out.Bytes())
	return int64(n), err
}

// ReadModel reads a model written by WriteTo.
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("entity model: %w", err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("entity model: %w", err)
	}
	if !bytes.HasPrefix(b, []byte(modelMagic)) || len(b) < len(modelMagic)+4 {
		return nil, errors.New("entity model: not a Parallax NER model")
	}
	b = b[len(modelMagic):]
	scale := math.Float32frombits(binary.LittleEndian.Uint32(b))
	b = b[4:]
	m := newModel()
	const rec = 4 + 2*nLabels
	if len(b)%rec != 0 {
		return nil, errors.New("entity model: truncated")
	}
	// The stored buckets, also kept compact for Tag.
	c := newCompactWeights(len(b) / rec)
	next := int64(0) // buckets come in increasing order, as WriteTo writes them
	for ; len(b) > 0; b = b[rec:] {
		bk := binary.LittleEndian.Uint32(b)
		if bk >= nBuckets {
			return nil, errors.New("entity model: bad bucket")
		}
		row := m.W[int(bk)*nLabels : int(bk)*nLabels+nLabels]
		for l := range nLabels {
			row[l] = float32(int16(binary.LittleEndian.Uint16(b[4+2*l:]))) * scale
		}
		if c != nil && int64(bk) >= next {
			c.add(bk, row)
			next = int64(bk) + 1
		} else {
			c = nil // out of order: Tag reads W
		}
	}
	if c != nil {
		c.finish()
		m.c = c
	}
	return m, nil
}
