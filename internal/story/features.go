package story

import (
	"math"
	"time"
)

// What the clusterer measures between an article and a candidate story.
// A pair of logistic models (Model; DefaultModel is trained by
// internal/story/cmd/train on the tuning half of the story evaluation
// set) weighs these into the probability that the article reports the
// story's event.
const (
	fBias = iota
	// fCentroid is the cosine similarity with the story's centroid; the
	// next three are the cosines of the word, entity and number parts of
	// the two vectors alone (0 when either part is empty).
	fCentroid
	fCentroidWords
	fCentroidEntities
	fCentroidNumbers
	// fMemberMax and fMemberMean are the best and the mean cosine with the
	// story's kept members (single and average link); fMemberEntities is
	// the best entity-part cosine with one member.
	fMemberMax
	fMemberMean
	fMemberEntities
	// fTitle is the best cosine between the article's title terms and a
	// member's.
	fTitle
	// fDated says both have dates (it chooses Model.Dated). fSameDay is
	// 10*fShort*fCentroid when the gap to the nearest member is under 12
	// hours: the same day adds to what the texts share, it never stands in
	// for it. fDays is fShort times the gap in days (at most 3). Time
	// matters most for short items (a title and a lead), whose texts say
	// little; two long reports a day apart (RT and The Moscow Times on
	// Washington's refusal) are one event when their texts say so.
	fDated
	fSameDay
	fDays
	// fYears says the time evidence of both (the years of their dates, or
	// of an undated text its dateline's or the years it mentions) meets
	// (see storyYears.meets); fYearsApart says it does not, and one side
	// has a year of writing: two sets of mentioned years alone say nothing
	// against each other (one report names 1991 as background, another
	// 2008).
	fYears
	fYearsApart
	// fShort is 1/sqrt(terms of the article), larger for short texts, whose
	// similarities run lower.
	fShort
	nFeatures
)

// FeatureNames name the features, in order.
var FeatureNames = [nFeatures]string{"bias", "centroid", "centroid_words", "centroid_entities", "centroid_numbers",
	"member_max", "member_mean", "member_entities", "title", "dated", "same_day", "days",
	"years", "years_apart", "short"}

// FeatureIndex is the position of the named feature, or -1.
func FeatureIndex(name string) int {
	for i, n := range FeatureNames {
		if n == name {
			return i
		}
	}
	return -1
}

// Features are the measurements of one article against one story.
type Features [nFeatures]float64

// Model is a pair of logistic models over Features: one for an article
// and a story that both have dates, where time is evidence too, and one
// for the rest, where the texts alone must decide.
type Model struct {
	Dated, Undated Features
}

// score is the model's log-odds that the article belongs to the story.
func (m *Model) score(f *Features) float64 {
	w := &m.Undated
	if f[fDated] != 0 {
		w = &m.Dated
	}
	var s float64
	for i, x := range w {
		s += x * f[i]
	}
	return s
}

// Probability is the model's probability that an article with features f
// belongs to the story.
func (m *Model) Probability(f *Features) float64 { return 1 / (1 + math.Exp(-m.score(f))) }

// wterm is a compact vector entry of a kept member.
type wterm struct {
	id int32
	w  float32
}

// member is what a story keeps of one of its articles.
type member struct {
	vec     []wterm // the article's normalised vector
	entNorm float32 // norm of its entity part
	title   []wterm // its normalised title vector
	when    time.Time
}

// maxMembers bounds the members a story keeps for the link features: its
// first article and the latest ones.
const maxMembers = 8

// Kinds of terms.
const (
	kWord = iota
	kEntity
	kNumber
	nKinds
)

func kindOf(key string) uint8 {
	if len(key) > 2 {
		switch key[:2] {
		case kindEntity:
			return kEntity
		case kindNumber:
			return kNumber
		}
	}
	return kWord
}

// norms are the norms of a vector's word, entity and number parts.
type norms [nKinds]float64

// of computes the norms of vec, whose term kinds are in kind.
func (n *norms) of(vec []term, kind []uint8) {
	*n = norms{}
	for _, t := range vec {
		n[kind[t.id]] += t.w * t.w
	}
	for k := range n {
		n[k] = math.Sqrt(n[k])
	}
}

// query is an article as best and join see it.
type query struct {
	vec     []term
	title   []wterm
	when    time.Time
	years   yearSet
	written bool // years is the year it was written in (see Prepared)
	norms   norms
	short   float64
	// textLen is the length of the article's text in bytes.
	textLen int
}

// features measures the article (whose weights are spread in c.qw and
// title weights in c.tw) against story st.
func (c *Clusterer) features(f *Features, q *query, st *storyState) {
	*f = Features{}
	f[fBias] = 1
	qw, kind := c.qw, c.idf.kind
	var dot [nKinds]float64
	for _, t := range st.top {
		if w := qw[t.id]; w != 0 {
			dot[kind[t.id]] += w * t.w
		}
	}
	f[fCentroid] = dot[kWord] + dot[kEntity] + dot[kNumber]
	part := func(k int) float64 {
		if d := q.norms[k] * st.norms[k]; d > 0 {
			return dot[k] / d
		}
		return 0
	}
	f[fCentroidWords], f[fCentroidEntities], f[fCentroidNumbers] = part(kWord), part(kEntity), part(kNumber)
	var sum float64
	gap := math.Inf(1)
	for i := range st.members {
		m := &st.members[i]
		var d, de float64
		for _, t := range m.vec {
			if w := qw[t.id]; w != 0 {
				p := w * float64(t.w)
				d += p
				if kind[t.id] == kEntity {
					de += p
				}
			}
		}
		sum += d
		f[fMemberMax] = max(f[fMemberMax], d)
		if n := q.norms[kEntity] * float64(m.entNorm); n > 0 {
			f[fMemberEntities] = max(f[fMemberEntities], de/n)
		}
		if len(q.title) > 0 && len(m.title) > 0 {
			var td float64
			for _, t := range m.title {
				td += c.tw[t.id] * float64(t.w)
			}
			f[fTitle] = max(f[fTitle], td)
		}
		if !q.when.IsZero() && !m.when.IsZero() {
			gap = min(gap, math.Abs(q.when.Sub(m.when).Hours()))
		}
	}
	if n := len(st.members); n > 0 {
		f[fMemberMean] = sum / float64(n)
	}
	if !math.IsInf(gap, 1) {
		f[fDated] = 1
		f[fDays] = min(gap/24, 3) * q.short
		if gap < 12 {
			f[fSameDay] = 10 * q.short * f[fCentroid]
		}
	}
	if q.years != 0 && !st.years.empty() {
		if st.years.meets(q.years, q.written) {
			f[fYears] = 1
		} else if q.written || st.years.written != 0 {
			f[fYearsApart] = 1
		}
	}
	f[fShort] = q.short
}
