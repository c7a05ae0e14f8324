package story

import (
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/news"
)

// Params are the clusterer's documented parameters.
type Params struct {
	// Threshold is the cosine similarity an article needs with a story's
	// centroid to join it.
	Threshold float64
	// Window is the largest gap in publication time between an article and
	// a story's nearest article for them to be matched; also the stream
	// time after which an untouched story goes dormant.
	Window time.Duration
	// ArticleTerms and CentroidTerms cut vectors to their heaviest terms.
	ArticleTerms, CentroidTerms int
	// QueryTerms is how many of an article's terms retrieve candidates.
	QueryTerms int
	// DuplicateJaccard is the estimated Jaccard similarity of 5-shingle
	// sets above which two articles are near-duplicates.
	DuplicateJaccard float64
	// MaxSpan bounds a story's time span from its first article: a later
	// article, however similar, opens a new story. It keeps a chain of
	// daily developments on one topic ("Afghanistan, day after day") from
	// merging into one story. 0: no bound.
	MaxSpan time.Duration
	// IdleArticles puts a story to sleep when this many articles have
	// arrived since its last one, whatever the dates say: it bounds the
	// active window for undated or out-of-order streams too.
	IdleArticles int64
}

// DefaultParams are the parameters tuned on the tuning half of the story
// evaluation set (see `parallax eval stories`).
var DefaultParams = Params{
	Threshold:        0.18,
	Window:           48 * time.Hour,
	ArticleTerms:     60,
	CentroidTerms:    100,
	QueryTerms:       20,
	DuplicateJaccard: 0.8,
	IdleArticles:     5000,
	MaxSpan:          48 * time.Hour,
}

// maxPostings bounds the stories listed under one term in the index, and
// maxCandidates the stories fully compared with an article.
const (
	maxPostings   = 256
	maxCandidates = 64
)

// Doc is what the clusterer needs of an article.
type Doc struct {
	ID        string
	Title     string
	Text      string
	Published time.Time // zero when unknown
	// Entities are entity keys: canonical names, surnames for people (may
	// be nil).
	Entities []string
}

// DocFrom builds a Doc from an analysed article.
func DocFrom(a news.AnalysedArticle) Doc {
	d := Doc{ID: a.ID, Title: a.Title, Text: a.Text}
	if t, ok := a.PublishedTime(); ok {
		d.Published = t
	}
	for _, e := range a.Entities {
		name := e.Name
		if e.Type == news.PER {
			// People meet across outlets by surname: "Lavrov" in one,
			// "Sergei Lavrov" in another.
			if w := strings.Fields(name); len(w) > 1 {
				name = w[len(w)-1]
			}
		}
		d.Entities = append(d.Entities, name)
	}
	return d
}

type term struct {
	key string
	w   float64
}

type storyState struct {
	id       string
	centroid map[string]float64 // unnormalised sum of member vectors
	top      []term             // normalised centroid cut, indexed
	first    time.Time
	last     time.Time
	size     int
	dormant  bool
	lastSeen int64 // stream sequence of the last article
	years    yearSet
}

// Clusterer assigns a stream of articles to stories. It is not safe for
// concurrent use: feed it from one goroutine, in arrival order.
type Clusterer struct {
	p       Params
	idf     *idfTable
	stories []*storyState
	index   map[string][]int32 // centroid term -> active stories
	byID    map[string]int     // story id -> index
	dups    *dupIndex
	seq     int64
	clock   time.Time // latest publication time seen
	// active lists the stories in the index; expiry scans only these.
	active    []int
	lastSweep time.Time
}

// New returns a clusterer with parameters p.
func New(p Params) *Clusterer {
	return &Clusterer{p: p, idf: defaultIDF(), index: map[string][]int32{}, byID: map[string]int{}, dups: newDupIndex(p.DuplicateJaccard)}
}

// Prepared holds what clustering derives from an article alone (term
// counts and text fingerprint). Prepare is safe to run in parallel, on a
// worker pool, before the serial Add.
type Prepared struct {
	Doc Doc
	tf  map[string]float64
	fp  fingerprint
	// years are the years the text mentions, the time evidence of an
	// undated article.
	years yearSet
}

// Prepare computes an article's stream-independent features.
func Prepare(d Doc) Prepared {
	p := prepare(d)
	if d.Published.IsZero() {
		p.years = mentionedYears(d.Title + "\n" + d.Text)
	}
	return p
}

func prepare(d Doc) Prepared {
	tf := map[string]float64{}
	words(d.Text, func(t string, _ bool) { tf[t]++ })
	words(d.Title, func(t string, _ bool) { tf[t] += 2 })
	for _, e := range d.Entities {
		tf[kindEntity+strings.ToLower(e)] += 2
	}
	return Prepared{Doc: d, tf: tf, fp: fingerprintOf(d.Text)}
}

// Add assigns one article.
func (c *Clusterer) Add(d Doc) news.Assignment { return c.AddPrepared(Prepare(d)) }

// AddPrepared assigns one prepared article.
func (c *Clusterer) AddPrepared(p Prepared) news.Assignment {
	d := p.Doc
	c.seq++
	if d.Published.After(c.clock) {
		c.clock = d.Published
		c.expire()
	}
	if c.p.IdleArticles > 0 && c.seq%1000 == 0 {
		c.expireIdle()
	}
	vec := c.vector(p.tf)
	fp := &p.fp
	dupOf, dupStory := c.dups.check(fp)
	var si int
	switch {
	case dupOf != "":
		si = c.byID[dupStory]
	default:
		si = c.best(vec, d.Published, p.years)
	}
	if si < 0 {
		si = len(c.stories)
		st := &storyState{id: "s-" + d.ID, centroid: map[string]float64{}, first: d.Published, last: d.Published}
		c.stories = append(c.stories, st)
		c.byID[st.id] = si
		c.active = append(c.active, si)
	}
	c.join(si, vec, d.Published)
	st := c.stories[si]
	st.years |= p.years
	c.dups.add(d, fp, c.seq, st.id)
	return news.Assignment{ArticleID: d.ID, Story: st.id, DuplicateOf: dupOf}
}

// Restore puts an already assigned article back into its story (when
// warming a clusterer from a store after a restart): the story is created
// if needed, the article joins it without a search, and the duplicate
// index learns its text.
func (c *Clusterer) Restore(p Prepared, storyID string) {
	d := p.Doc
	c.seq++
	if d.Published.After(c.clock) {
		c.clock = d.Published
	}
	vec := c.vector(p.tf)
	si, ok := c.byID[storyID]
	if !ok {
		si = len(c.stories)
		c.stories = append(c.stories, &storyState{id: storyID, centroid: map[string]float64{}, first: d.Published, last: d.Published})
		c.byID[storyID] = si
		c.active = append(c.active, si)
	}
	c.join(si, vec, d.Published)
	c.stories[si].years |= p.years
	c.dups.add(d, &p.fp, c.seq, storyID)
}

// vector weighs an article's term counts into its normalised, cut TF-IDF
// vector (the IDF learns from the stream, so this is serial).
func (c *Clusterer) vector(tf map[string]float64) []term {
	c.idf.observe(tf)
	vec := make([]term, 0, len(tf))
	for k, f := range tf {
		w := (1 + math.Log(f)) * c.idf.weight(k)
		if strings.HasPrefix(k, kindEntity) {
			w *= 1.5
		}
		vec = append(vec, term{k, w})
	}
	return cutNormalise(vec, c.p.ArticleTerms)
}

func cutNormalise(vec []term, n int) []term {
	sort.Slice(vec, func(i, j int) bool {
		if vec[i].w != vec[j].w {
			return vec[i].w > vec[j].w
		}
		return vec[i].key < vec[j].key
	})
	if len(vec) > n {
		vec = vec[:n]
	}
	var norm float64
	for _, t := range vec {
		norm += t.w * t.w
	}
	norm = math.Sqrt(norm)
	if norm > 0 {
		for i := range vec {
			vec[i].w /= norm
		}
	}
	return vec
}

// best returns the best matching active story, or -1.
func (c *Clusterer) best(vec []term, when time.Time, years yearSet) int {
	q := vec
	if len(q) > c.p.QueryTerms {
		q = q[:c.p.QueryTerms]
	}
	// Count the query terms each candidate shares; only the best-sharing
	// candidates get a full similarity, so the work per article is bounded.
	cand := map[int32]int{}
	for _, t := range q {
		for _, s := range c.index[t.key] {
			cand[s]++
		}
	}
	ids := make([]int32, 0, len(cand))
	for s := range cand {
		ids = append(ids, s)
	}
	slices.Sort(ids) // deterministic ties
	if len(ids) > maxCandidates {
		slices.SortStableFunc(ids, func(a, b int32) int { return cand[b] - cand[a] })
		ids = ids[:maxCandidates]
		slices.Sort(ids)
	}
	best, bestSim := -1, c.p.Threshold
	for _, s := range ids {
		st := c.stories[s]
		if !when.IsZero() && !st.last.IsZero() && (when.Sub(st.last) > c.p.Window || st.first.Sub(when) > c.p.Window) {
			continue
		}
		// Undated: the years the texts mention must meet, give or take one
		// (an earthquake reported as 2008's is not 2011's, however alike
		// the wording; "last year" background must not split a story).
		if years != 0 && st.years != 0 && years&(st.years|st.years<<1|st.years>>1) == 0 {
			continue
		}
		if c.p.MaxSpan > 0 && !when.IsZero() && !st.first.IsZero() && (when.Sub(st.first) > c.p.MaxSpan || st.last.Sub(when) > c.p.MaxSpan) {
			continue
		}
		sim := cosine(vec, st.top)
		if sim >= bestSim && (best < 0 || sim > bestSim) {
			best, bestSim = int(s), sim
		}
	}
	return best
}

func cosine(a, b []term) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	m := make(map[string]float64, len(a))
	for _, t := range a {
		m[t.key] = t.w
	}
	var dot float64
	for _, t := range b {
		dot += m[t.key] * t.w
	}
	return dot
}

// join adds an article vector to a story and re-indexes its centroid.
func (c *Clusterer) join(si int, vec []term, when time.Time) {
	st := c.stories[si]
	if st.centroid == nil {
		// A dormant story woken by a late copy of one of its articles.
		st.centroid = map[string]float64{}
	}
	for _, t := range vec {
		st.centroid[t.key] += t.w
	}
	st.size++
	st.lastSeen = c.seq
	if !when.IsZero() {
		if st.first.IsZero() || when.Before(st.first) {
			st.first = when
		}
		if when.After(st.last) {
			st.last = when
		}
	}
	if st.dormant {
		st.dormant = false
		c.active = append(c.active, si)
	}
	c.unindex(si)
	cv := make([]term, 0, len(st.centroid))
	for k, w := range st.centroid {
		cv = append(cv, term{k, w})
	}
	st.top = cutNormalise(cv, c.p.CentroidTerms)
	// Keep the full centroid bounded too.
	if len(st.centroid) > 4*c.p.CentroidTerms {
		keep := map[string]float64{}
		for _, t := range cv[:min(len(cv), 2*c.p.CentroidTerms)] {
			keep[t.key] = st.centroid[t.key]
		}
		st.centroid = keep
	}
	for _, t := range st.top {
		p := append(c.index[t.key], int32(si))
		if len(p) > maxPostings {
			// A term every story shares: keep its most recent stories
			// only, so the work per article stays bounded.
			p = append(p[:0:0], p[len(p)-maxPostings:]...)
		}
		c.index[t.key] = p
	}
}

func (c *Clusterer) unindex(si int) {
	for _, t := range c.stories[si].top {
		p := c.index[t.key]
		if i := slices.Index(p, int32(si)); i >= 0 {
			p = slices.Delete(p, i, i+1)
		}
		if len(p) == 0 {
			delete(c.index, t.key)
		} else {
			c.index[t.key] = p
		}
	}
}

// expire puts stories untouched for the window to sleep: they leave the
// index and drop their centroid; their summary stays.
func (c *Clusterer) expire() {
	if c.clock.Sub(c.lastSweep) < time.Hour {
		return
	}
	c.lastSweep = c.clock
	keep := c.active[:0]
	for _, i := range c.active {
		st := c.stories[i]
		if st.last.IsZero() || c.clock.Sub(st.last) <= c.p.Window {
			keep = append(keep, i)
			continue
		}
		c.sleep(i)
	}
	c.active = keep
	c.dups.expire(c.clock.Add(-c.p.Window))
}

// sleep takes a story out of the index and drops its centroid; its
// summary stays findable.
func (c *Clusterer) sleep(i int) {
	st := c.stories[i]
	c.unindex(i)
	st.dormant = true
	st.centroid = nil
	st.top = nil
}

// expireIdle puts to sleep the stories no article has joined for
// IdleArticles arrivals.
func (c *Clusterer) expireIdle() {
	keep := c.active[:0]
	for _, i := range c.active {
		st := c.stories[i]
		if c.seq-st.lastSeen <= c.p.IdleArticles {
			keep = append(keep, i)
			continue
		}
		c.sleep(i)
	}
	c.active = keep
}

// Story is a summary of one story.
type Story struct {
	ID          string
	Size        int
	First, Last time.Time
	Dormant     bool
}

// Story returns the summary of a story by id (dormant ones included).
func (c *Clusterer) Story(id string) (Story, bool) {
	i, ok := c.byID[id]
	if !ok {
		return Story{}, false
	}
	st := c.stories[i]
	return Story{ID: st.id, Size: st.size, First: st.first, Last: st.last, Dormant: st.dormant}, true
}

// Active reports how many stories are in the index.
func (c *Clusterer) Active() int { return len(c.active) }

// SortForStream orders documents as a stream would deliver them: by
// publication time, undated ones last in their given order.
func SortForStream(docs []Doc) {
	slices.SortStableFunc(docs, func(a, b Doc) int { return streamOrder(a.Published, b.Published) })
}

// SortPrepared orders prepared documents as SortForStream does.
func SortPrepared(ps []Prepared) {
	slices.SortStableFunc(ps, func(a, b Prepared) int { return streamOrder(a.Doc.Published, b.Doc.Published) })
}

func streamOrder(a, b time.Time) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Compare(b)
}

// yearSet is a set of years from 1990 to 2053, one bit each.
type yearSet uint64

const firstYear = 1990

// mentionedYears finds the four-digit years (1990-2053) a text mentions.
func mentionedYears(s string) yearSet {
	var set yearSet
	for i := 0; i+4 <= len(s); i++ {
		if (i > 0 && isDigit(s[i-1])) || (i+4 < len(s) && isDigit(s[i+4])) {
			continue
		}
		if !isDigit(s[i]) || !isDigit(s[i+1]) || !isDigit(s[i+2]) || !isDigit(s[i+3]) {
			continue
		}
		y := int(s[i]-'0')*1000 + int(s[i+1]-'0')*100 + int(s[i+2]-'0')*10 + int(s[i+3]-'0')
		if y >= firstYear && y < firstYear+64 {
			set |= 1 << (y - firstYear)
		}
	}
	return set
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
