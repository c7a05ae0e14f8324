package story

import (
	"math"
	"slices"
	"strings"
	"sync"
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
	id  int32 // the key's number in the clusterer's idfTable
	w   float64
}

type storyState struct {
	id       string
	centroid map[int32]float64 // unnormalised sum of member vectors, by term id
	top      []term            // normalised centroid cut, indexed
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
	// index lists, by term id, the active stories with the term in their
	// centroid.
	index [][]int32
	byID  map[string]int // story id -> index
	dups  *dupIndex
	seq   int64
	clock time.Time // latest publication time seen
	// active lists the stories in the index; expiry scans only these.
	active    []int
	lastSweep time.Time

	// Scratch space reused across articles.
	vecBuf    []term
	candCount []int32 // by story index, zero between calls
	candIDs   []int32
	qw        []float64 // by term id: the article's weights, zero between calls
}

// New returns a clusterer with parameters p.
func New(p Params) *Clusterer {
	return &Clusterer{p: p, idf: defaultIDF(), byID: map[string]int{}, dups: newDupIndex(p.DuplicateJaccard)}
}

// Prepared holds what clustering derives from an article alone (term
// counts and text fingerprint). Prepare is safe to run in parallel, on a
// worker pool, before the serial Add.
type Prepared struct {
	Doc Doc
	// keys are the article's distinct terms, tf their weights 1+ln(count)
	// and bg their background document frequencies (see backgroundDF).
	keys []string
	tf   []float64
	bg   []int32
	fp   fingerprint
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

// prepScratch is prepare's reusable working space.
type prepScratch struct {
	pos map[string]int32 // term -> index in keys
	buf []byte
}

var prepPool = sync.Pool{New: func() any { return &prepScratch{pos: map[string]int32{}} }}

func prepare(d Doc) Prepared {
	bgOnce.Do(loadBackground)
	sc := prepPool.Get().(*prepScratch)
	defer prepPool.Put(sc)
	pos := sc.pos
	clear(pos)
	var keys []string
	var tf []float64
	add := func(t []byte, f float64) {
		i, ok := pos[string(t)]
		if !ok {
			k := string(t)
			i = int32(len(keys))
			pos[k] = i
			keys = append(keys, k)
			tf = append(tf, 0)
		}
		tf[i] += f
	}
	sc.buf = wordTerms(d.Text, sc.buf, func(t []byte, _ bool) { add(t, 1) })
	sc.buf = wordTerms(d.Title, sc.buf, func(t []byte, _ bool) { add(t, 2) })
	for _, e := range d.Entities {
		sc.buf = append(append(sc.buf[:0], kindEntity...), strings.ToLower(e)...)
		add(sc.buf, 2)
	}
	bg := make([]int32, len(keys))
	for i, k := range keys {
		bg[i] = backgroundDF(k)
		tf[i] = 1 + math.Log(tf[i])
	}
	return Prepared{Doc: d, keys: keys, tf: tf, bg: bg, fp: fingerprintOf(d.Text)}
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
	vec := c.vector(&p)
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
		st := &storyState{id: "s-" + d.ID, centroid: map[int32]float64{}, first: d.Published, last: d.Published}
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
	vec := c.vector(&p)
	si, ok := c.byID[storyID]
	if !ok {
		si = len(c.stories)
		c.stories = append(c.stories, &storyState{id: storyID, centroid: map[int32]float64{}, first: d.Published, last: d.Published})
		c.byID[storyID] = si
		c.active = append(c.active, si)
	}
	c.join(si, vec, d.Published)
	c.stories[si].years |= p.years
	c.dups.add(d, &p.fp, c.seq, storyID)
}

// vector weighs an article's term counts into its normalised, cut TF-IDF
// vector (the IDF learns from the stream, so this is serial). The vector
// lives in scratch space: it is valid until the next call.
func (c *Clusterer) vector(p *Prepared) []term {
	t := c.idf
	t.n++
	vec := c.vecBuf[:0]
	for i, k := range p.keys {
		id := t.observe(k)
		w := p.tf[i] * t.weight(id, p.bg[i])
		if strings.HasPrefix(k, kindEntity) {
			w *= 1.5
		}
		vec = append(vec, term{k, id, w})
	}
	c.vecBuf = vec
	if n := len(t.keys); len(c.index) < n {
		c.index = append(c.index, make([][]int32, n-len(c.index))...)
		c.qw = append(c.qw, make([]float64, n-len(c.qw))...)
	}
	return cutNormalise(vec, c.p.ArticleTerms)
}

// termOrder orders terms by decreasing weight, then by key.
func termOrder(a, b term) int {
	if a.w != b.w {
		if a.w > b.w {
			return -1
		}
		return 1
	}
	return strings.Compare(a.key, b.key)
}

// selectTop moves the n first terms in termOrder to vec[:n], in any
// order (keys are distinct, so which terms those are is well defined).
func selectTop(vec []term, n int) {
	lo, hi := 0, len(vec)
	for hi-lo > 16 {
		m := lo + (hi-lo)/2
		// Median of three as the pivot, moved to hi-1.
		if termOrder(vec[m], vec[lo]) < 0 {
			vec[m], vec[lo] = vec[lo], vec[m]
		}
		if termOrder(vec[hi-1], vec[lo]) < 0 {
			vec[hi-1], vec[lo] = vec[lo], vec[hi-1]
		}
		if termOrder(vec[m], vec[hi-1]) < 0 {
			vec[m], vec[hi-1] = vec[hi-1], vec[m]
		}
		pivot := vec[hi-1]
		i := lo
		for j := lo; j < hi-1; j++ {
			if termOrder(vec[j], pivot) < 0 {
				vec[i], vec[j] = vec[j], vec[i]
				i++
			}
		}
		vec[i], vec[hi-1] = vec[hi-1], vec[i]
		// vec[lo:i] < pivot = vec[i] < vec[i+1:hi]
		switch {
		case n == i || n == i+1:
			return
		case n < i:
			hi = i
		default:
			lo = i + 1
		}
	}
	slices.SortFunc(vec[lo:hi], termOrder)
}

func cutNormalise(vec []term, n int) []term {
	if len(vec) > n {
		selectTop(vec, n)
		vec = vec[:n]
	}
	slices.SortFunc(vec, termOrder)
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
	if n := len(c.stories); len(c.candCount) < n {
		c.candCount = append(c.candCount, make([]int32, n-len(c.candCount))...)
	}
	cand := c.candCount
	ids := c.candIDs[:0]
	for _, t := range q {
		for _, s := range c.index[t.id] {
			if cand[s] == 0 {
				ids = append(ids, s)
			}
			cand[s]++
		}
	}
	c.candIDs = ids
	slices.Sort(ids) // deterministic ties
	if len(ids) > maxCandidates {
		slices.SortStableFunc(ids, func(a, b int32) int { return int(cand[b]) - int(cand[a]) })
	}
	for _, s := range ids {
		cand[s] = 0
	}
	if len(ids) > maxCandidates {
		ids = ids[:maxCandidates]
		slices.Sort(ids)
	}
	qw := c.qw
	for _, t := range vec {
		qw[t.id] = t.w
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
		sim := cosineWith(qw, vec, st.top)
		if sim >= bestSim && (best < 0 || sim > bestSim) {
			best, bestSim = int(s), sim
		}
	}
	for _, t := range vec {
		qw[t.id] = 0
	}
	return best
}

// cosine is the dot product of two normalised vectors, summed in the
// order of the longer one (of b when they are as long).
func cosine(a, b []term) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	var dot float64
	for _, t := range b {
		for _, u := range a {
			if u.id == t.id {
				dot += u.w * t.w
				break
			}
		}
	}
	return dot
}

// cosineWith is cosine(a, b) with a's weights already spread in aw, by
// term id.
func cosineWith(aw []float64, a, b []term) float64 {
	if len(a) > len(b) {
		return cosine(a, b)
	}
	var dot float64
	for _, t := range b {
		if w := aw[t.id]; w != 0 {
			dot += w * t.w
		}
	}
	return dot
}

// join adds an article vector to a story and re-indexes its centroid.
func (c *Clusterer) join(si int, vec []term, when time.Time) {
	st := c.stories[si]
	if st.centroid == nil {
		// A dormant story woken by a late copy of one of its articles.
		st.centroid = map[int32]float64{}
	}
	for _, t := range vec {
		st.centroid[t.id] += t.w
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
	keys := c.idf.keys
	cv := make([]term, 0, len(st.centroid))
	for id, w := range st.centroid {
		cv = append(cv, term{keys[id], id, w})
	}
	// Keep the full centroid bounded too: its 2*CentroidTerms heaviest
	// terms.
	bound := len(st.centroid) > 4*c.p.CentroidTerms
	if bound {
		selectTop(cv, 2*c.p.CentroidTerms)
		cv = cv[:2*c.p.CentroidTerms]
	}
	st.top = cutNormalise(cv, c.p.CentroidTerms)
	if bound {
		keep := make(map[int32]float64, len(cv))
		for _, t := range cv {
			keep[t.id] = st.centroid[t.id]
		}
		st.centroid = keep
	}
	for _, t := range st.top {
		p := append(c.index[t.id], int32(si))
		if len(p) > maxPostings {
			// A term every story shares: keep its most recent stories
			// only, so the work per article stays bounded.
			p = append(p[:0:0], p[len(p)-maxPostings:]...)
		}
		c.index[t.id] = p
	}
}

func (c *Clusterer) unindex(si int) {
	for _, t := range c.stories[si].top {
		p := c.index[t.id]
		if i := slices.Index(p, int32(si)); i >= 0 {
			p = slices.Delete(p, i, i+1)
		}
		if len(p) == 0 {
			p = nil
		}
		c.index[t.id] = p
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
