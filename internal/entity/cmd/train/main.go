// Command train trains Parallax's entity tagger from a CoNLL-2003 style
// file and writes the model that package entity embeds:
//
//	go run ./internal/entity/cmd/train -train ../shared/data/ner/conllpp_train.txt \
//	    -dev ../shared/data/ner/conllpp_dev.txt -out internal/entity/model.bin.gz
//
// Training is deterministic for a given -seed. The dev file is only
// scored and printed, never trained on.
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/parallax-news/parallax/internal/entity"
)

func main() {
	train := flag.String("train", "../shared/data/ner/conllpp_train.txt", "CoNLL training file")
	dev := flag.String("dev", "../shared/data/ner/conllpp_dev.txt", "CoNLL dev file, scored after each epoch (optional)")
	out := flag.String("out", "internal/entity/model.bin.gz", "where to write the model")
	epochs := flag.Int("epochs", 12, "training epochs")
	seed := flag.Uint64("seed", 1, "shuffle seed")
	flag.Parse()
	if err := run(*train, *dev, *out, *epochs, *seed); err != nil {
		slog.Error("train", "err", err)
		os.Exit(1)
	}
}

func read(path string) ([]entity.ConllDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	docs, err := entity.ReadConll(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}

func run(trainPath, devPath, out string, epochs int, seed uint64) error {
	docs, err := read(trainPath)
	if err != nil {
		return err
	}
	start := time.Now()
	m := entity.Train(docs, entity.TrainOptions{Epochs: epochs, Seed: seed, Progress: func(e int, acc float64) {
		fmt.Printf("epoch %d: train token accuracy %.4f (%s)\n", e, acc, time.Since(start).Round(time.Second))
	}})
	if devPath != "" {
		dev, err := read(devPath)
		if err != nil {
			return err
		}
		sc := entity.NewScore()
		pred := m.TagDocs(dev)
		for d, doc := range dev {
			for s, cs := range doc.Sentences {
				sc.Add(cs.Tags, pred[d][s])
			}
		}
		for _, t := range []string{"PER", "ORG", "LOC", "MISC", ""} {
			p, r, f := sc.PRF(t)
			name := t
			if name == "" {
				name = "all"
			}
			fmt.Printf("dev %-4s P %.4f R %.4f F1 %.4f\n", name, p, r, f)
		}
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	n, err := m.WriteTo(f)
	if err != nil {
		f.Close()
		return err
	}
	fmt.Printf("wrote %s (%d bytes) in %s\n", out, n, time.Since(start).Round(time.Second))
	return f.Close()
}
