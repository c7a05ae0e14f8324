package story

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

// model.json holds the weights of DefaultModel by feature name, written by
// internal/story/cmd/train (features it does not name weigh 0).
//
//go:embed model.json
var modelJSON []byte

// DefaultModel is the story model trained by internal/story/cmd/train on
// the tuning half of the story evaluation set.
var DefaultModel = mustModel(modelJSON)

// ModelFile is the JSON form of a Model.
type ModelFile struct {
	// About says how the weights were made.
	About   string             `json:"about"`
	Dated   map[string]float64 `json:"dated"`
	Undated map[string]float64 `json:"undated"`
}

// ParseModel reads a model from its JSON form.
func ParseModel(b []byte) (Model, error) {
	var mf ModelFile
	if err := json.Unmarshal(b, &mf); err != nil {
		return Model{}, fmt.Errorf("story model: %w", err)
	}
	var m Model
	for _, part := range []struct {
		w  map[string]float64
		to *Features
	}{{mf.Dated, &m.Dated}, {mf.Undated, &m.Undated}} {
		for name, x := range part.w {
			i := FeatureIndex(name)
			if i < 0 {
				return Model{}, fmt.Errorf("story model: unknown feature %q", name)
			}
			part.to[i] = x
		}
	}
	return m, nil
}

// File is the JSON form of m.
func (m Model) File(about string) ModelFile {
	mf := ModelFile{About: about, Dated: map[string]float64{}, Undated: map[string]float64{}}
	for i, name := range FeatureNames {
		if m.Dated[i] != 0 {
			mf.Dated[name] = m.Dated[i]
		}
		if m.Undated[i] != 0 {
			mf.Undated[name] = m.Undated[i]
		}
	}
	return mf
}

func mustModel(b []byte) Model {
	m, err := ParseModel(b)
	if err != nil {
		panic(err) // the embedded model is part of the build; TestDefaultModel checks it
	}
	return m
}
