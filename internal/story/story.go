package story

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/parallax-news/parallax/internal/news"
)

// Params are the clusterer's documented parameters.
type Params struct {
	// Threshold is the probability (by the story model, see features.go)
	// that an article reports a story's event that it needs to join it.
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
	// ShortMaxSpan is MaxSpan for a short article (text under ShortText
	// bytes: a title and a lead, as feeds and aggregators give them). Its
	// few words cannot tell one day's development on a topic from the
	// next day's ("Democrats release a $3.5 trillion budget plan", "Senate
	// passes the $3.5 trillion budget"), so it joins only a story begun
	// the same news day; a full report carries enough to decide on its
	// own. 0: MaxSpan.
	ShortMaxSpan time.Duration
	ShortText    int
	// IdleArticles puts a story to sleep when this many articles have
	// arrived since its last one, whatever the dates say: it bounds the
	// active window for undated or out-of-order streams too.
	IdleArticles int64
	// DuplicateArticles bounds the duplicate index to the articles of
	// the last this many arrivals (and of the last Window of stream time),
	// whatever their dates: an undated or out-of-order stream stays
	// bounded too. It is larger than IdleArticles, so a late copy of an
	// article whose story went to sleep can still wake it. 0: no bound.
	DuplicateArticles int64
	// Lookahead is how many of the next articles an article about to
	// become a one-article story's second may be weighed against (see
	// AddAhead); 0: none. LookaheadMargin is how much likelier, in
	// log-odds, one of them must be as its partner than the story is for
	// either of them for the article to open a story of its own instead.
	Lookahead       int
	LookaheadMargin float64
	// Model weighs the features of an article against a candidate story;
	// nil: the trained default (DefaultModel).
	Model *Model
}

// Validate reports a parameter no clustering can use: a threshold that
// is not a probability above 0, or a negative or zero window.
func (p Params) Validate() error {
	switch {
	case !(p.Threshold > 0 && p.Threshold <= 1): // NaN fails too
		return fmt.Errorf("threshold %v: want a probability above 0 and at most 1", p.Threshold)
	case p.Window <= 0:
		return fmt.Errorf("window %s: want a positive duration", p.Window)
	case p.MaxSpan < 0 || p.ShortMaxSpan < 0:
		return fmt.Errorf("max span %s (short %s): want 0 (no bound) or a positive duration", p.MaxSpan, p.ShortMaxSpan)
	case p.ArticleTerms <= 0 || p.CentroidTerms <= 0 || p.QueryTerms <= 0:
		return fmt.Errorf("term counts %d/%d/%d: want positive counts", p.ArticleTerms, p.CentroidTerms, p.QueryTerms)
	case p.Lookahead < 0 || !(p.LookaheadMargin >= 0):
		return fmt.Errorf("lookahead %d (margin %v): want 0 or more articles and a margin of 0 or more", p.Lookahead, p.LookaheadMargin)
	}
	return nil
}

// DefaultParams are the parameters tuned on the tuning half of the story
// evaluation set (see `parallax eval stories`).
var DefaultParams = Params{
	Threshold:         0.5,
	Window:            48 * time.Hour,
	ArticleTerms:      60,
	CentroidTerms:     100,
	QueryTerms:        20,
	DuplicateJaccard:  0.8,
	IdleArticles:      5000,
	DuplicateArticles: 20000,
	MaxSpan:           48 * time.Hour,
	ShortMaxSpan:      18 * time.Hour,
	ShortText:         1200,
	Lookahead:         4,
	LookaheadMargin:   6,
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
	// Entities are entity keys: canonical names, surnames for people, one
	// per mention, so the names an article is about weigh most (may be
	// nil).
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
		if !nameLike(name) {
			continue
		}
		if e.Type == news.PER {
			// People meet across outlets by surname: "Lavrov" in one,
			// "Sergei Lavrov" in another.
			if w := strings.Fields(name); len(w) > 1 {
				name = w[len(w)-1]
			}
		}
		for range min(max(len(e.Mentions), 1), maxMentions) {
			d.Entities = append(d.Entities, name)
		}
	}
	return d
}

// maxMentions caps the mentions counted for one entity.
const maxMentions = 8

// nameLike rejects what the tagger takes for a name in odd text (title
// case headlines, detokenised pages): a function word ("Into", "Where"), a
// month, weekday or time-zone abbreviation, a number, a lone letter, a
// span with sentence punctuation in it.
func nameLike(name string) bool {
	if strings.ContainsAny(name, ";|:!?") {
		return false
	}
	letters := 0
	for _, r := range name {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 2 {
		return false
	}
	if strings.IndexByte(name, ' ') < 0 {
		l := strings.ToLower(strings.TrimRight(name, "."))
		if isStopword([]byte(l)) || notNames[l] {
			return false
		}
	}
	return true
}

// notNames are single words the tagger may take for names.
var notNames = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june
	july august september october november december mon tue wed thu fri sat sun am pm et pt est edt pst pdt cst cdt mst mdt
	gmt bst utc cet cest ist posted updated published breaking exclusive watch video photos read more into where here there
	then this that these those what when why how`) {
		m[w] = true
	}
	return m
}()

type term struct {
	key string
	id  int32 // the key's number in the clusterer's idfTable
	w   float64
}

type storyState struct {
	id       string
	centroid map[int32]float64 // unnormalised sum of member vectors, by term id
	top      []term            // normalised centroid cut, indexed
	norms    norms             // of top's word, entity and number parts
	members  []member          // the first and the latest members
	first    time.Time
	last     time.Time
	size     int
	dormant  bool
	lastSeen int64 // stream sequence of the last article
	years    storyYears
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
	active []int
	// asleep lists the dormant stories not yet forgotten (see evict).
	asleep    []int
	lastSweep time.Time

	// Scratch space reused across articles.
	vecBuf    []term
	candCount []int32 // by story index, zero between calls
	candIDs   []int32
	candTop   []int32
	qw        []float64 // by term id: the article's weights, zero between calls
	tw        []float64 // by term id: the article's title weights, zero between calls
	titleBuf  []wterm
	peekBuf   []term
	model     *Model
	// bestLogit is the log-odds of the story best last chose.
	bestLogit float64
	// sample, when set (training), gets the features of every candidate
	// story an article is measured against, and the article's gold story
	// decides where it goes.
	sample  func(f *Features, same bool)
	gold    func(id string) (story string, ok bool)
	curGold string
}

// New returns a clusterer with parameters p.
func New(p Params) *Clusterer {
	m := p.Model
	if m == nil {
		m = &DefaultModel
	}
	return &Clusterer{p: p, idf: defaultIDF(), byID: map[string]int{}, dups: newDupIndex(p.DuplicateJaccard), model: m}
}

// Prepared holds what clustering derives from an article alone (term
// counts and text fingerprint). Prepare is safe to run in parallel, on a
// worker pool, before the serial Add.
type Prepared struct {
	Doc Doc
	// keys are the article's distinct terms, tf their weights 1+ln(count)
	// and bg their background document frequencies (see backgroundDF).
	keys   []string
	hashes []uint64 // termHash of keys
	tf     []float64
	bg     []int32
	fp     fingerprint
	// title lists the keys that come from the title.
	title []int32
	// years are the article's time evidence: the year of its date, or for
	// an undated one the year of its dateline, else the years its text
	// mentions.
	years yearSet
	// written says years is the year the article was written in (of its
	// date or dateline), not years it mentions.
	written bool
}

// Prepare computes an article's stream-independent features.
func Prepare(d Doc) Prepared {
	p := prepare(d)
	if d.Published.IsZero() {
		// The time evidence of an undated article: the year of its
		// dateline, else the years it mentions.
		if p.years = datelineYear(d.Text); p.years == 0 {
			p.years = mentionedYears(d.Title + "\n" + d.Text)
		} else {
			p.written = true
		}
	} else {
		p.years = yearOf(d.Published.Year())
		p.written = true
	}
	return p
}

// prepScratch is prepare's reusable working space.
type prepScratch struct {
	pos   map[string]int32 // term -> index in keys
	buf   []byte
	occ   []occurrence
	at    []int32 // each occurrence's term, an index in keys
	arena []byte
}

// occurrence is one term found by prepare, as a span of its arena, with
// the count it adds.
type occurrence struct {
	lo, hi int32
	f      float64
	title  bool
}

var prepPool = sync.Pool{New: func() any { return &prepScratch{pos: map[string]int32{}} }}

// prepare collects the article's term occurrences in one buffer first and
// only then counts them: the distinct terms become substrings of one
// string made from it instead of a string allocated each (these were a
// tenth of all the bytes an ingest allocates). The counting, and so the
// keys' order and each tf sum, is as if each occurrence were counted as
// found.
func prepare(d Doc) Prepared {
	bgOnce.Do(loadBackground)
	sc := prepPool.Get().(*prepScratch)
	defer prepPool.Put(sc)
	occ, arena := sc.occ[:0], sc.arena[:0]
	found := func(t []byte, f float64, title bool) {
		lo := len(arena)
		arena = append(arena, t...)
		occ = append(occ, occurrence{int32(lo), int32(len(arena)), f, title})
	}
	// The lead says what happened: its terms count twice.
	end := leadEnd(d.Text)
	sc.buf = wordTerms(d.Text, sc.buf, func(t []byte, at int) {
		if at < end {
			found(t, 2, false)
		} else {
			found(t, 1, false)
		}
	})
	sc.buf = wordTerms(d.Title, sc.buf, func(t []byte, _ int) { found(t, 2, true) })
	for _, e := range d.Entities {
		sc.buf = append(append(sc.buf[:0], kindEntity...), strings.ToLower(e)...)
		found(sc.buf, 2, false)
	}
	sc.occ, sc.arena = occ, arena

	all := string(arena)
	pos := sc.pos
	// First number the distinct terms, so keys and tf are made at their
	// size (grown by append, they were most of the bytes prepare
	// allocated).
	at := slices.Grow(sc.at[:0], len(occ))
	for _, o := range occ {
		k := all[o.lo:o.hi]
		i, ok := pos[k]
		if !ok {
			i = int32(len(pos))
			pos[k] = i
		}
		at = append(at, i)
	}
	keys := make([]string, len(pos))
	tf := make([]float64, len(pos))
	clear(pos) // drop the references into all
	sc.at = at
	var title []int32
	for j, o := range occ {
		i := at[j]
		keys[i] = all[o.lo:o.hi]
		tf[i] += o.f
		if o.title && !slices.Contains(title, i) {
			title = append(title, i)
		}
	}
	bg := make([]int32, len(keys))
	hashes := make([]uint64, len(keys))
	for i, k := range keys {
		hashes[i] = termHash(k)
		bg[i], sc.buf = backgroundDF(k, hashes[i], sc.buf)
		tf[i] = 1 + math.Log(tf[i])
	}
	return Prepared{Doc: d, keys: keys, hashes: hashes, tf: tf, bg: bg, fp: fingerprintOf(d.Title, d.Text), title: title}
}

// Add assigns one article.
func (c *Clusterer) Add(d Doc) news.Assignment { return c.AddPrepared(Prepare(d)) }

// AddPrepared assigns one prepared article, with no article ahead of it
// in view (see AddAhead).
func (c *Clusterer) AddPrepared(p Prepared) news.Assignment { return c.AddAhead(p, nil) }

// AddAhead assigns one prepared article. ahead are the articles that will
// be added next, in order, as far as the caller has them: they are only
// looked at (the first Params.Lookahead of them), to keep the article
// from joining a one-article story when one of them is a far better
// partner for it (see lookahead.go). Without them the decision is
// AddPrepared's.
func (c *Clusterer) AddAhead(p Prepared, ahead []Prepared) news.Assignment {
	d := p.Doc
	c.seq++
	if d.Published.After(c.clock) {
		c.clock = d.Published
		c.expire()
	}
	if c.seq%1000 == 0 {
		if c.p.IdleArticles > 0 {
			c.expireIdle()
		}
		c.dups.expire(time.Time{}, c.forgetSeq())
		c.evict()
		if c.p.DuplicateArticles > 0 && c.seq%pruneEvery == 0 {
			c.pruneVocabulary()
		}
	}
	fp := &p.fp
	// A short text seen recently under another title is a stock teaser:
	// the title and the names decide alone.
	q := c.vector(&p, c.dups.boilerplate(fp))
	dupOf, dupStory := c.dups.check(fp)
	id := "s-" + d.ID // the id of a new story
	var si int
	switch {
	case c.gold != nil:
		// Training: measure the candidates, then follow the gold story.
		var ok bool
		id, ok = c.gold(d.ID)
		c.curGold = id
		c.best(&q)
		si = -1
		if i, known := c.byID[id]; ok && known {
			si = i
		}
	case dupOf != "":
		// The original's story; if it has been forgotten (see evict), the
		// copy opens it again under its id.
		var ok bool
		if si, ok = c.byID[dupStory]; !ok {
			si, id = -1, dupStory
		}
	default:
		si = c.best(&q)
		if si >= 0 && c.betterAhead(&q, si, ahead, fp) {
			si = -1
		}
		if si < 0 {
			id = c.freeID(id)
		}
	}
	if si < 0 {
		si = len(c.stories)
		st := &storyState{id: id, centroid: map[int32]float64{}, first: d.Published, last: d.Published}
		c.stories = append(c.stories, st)
		c.byID[st.id] = si
		c.active = append(c.active, si)
	}
	c.join(si, &q)
	st := c.stories[si]
	st.years.add(&p)
	c.dups.add(d, fp, c.seq, st.id, dupOf)
	return news.Assignment{ArticleID: d.ID, Story: st.id, DuplicateOf: dupOf}
}

// freeID returns id, or when a story has it already (two articles with
// one id: a corpus error), the first of id~2, id~3, … that none has, so
// two stories never share an id.
func (c *Clusterer) freeID(id string) string {
	if _, taken := c.byID[id]; !taken {
		return id
	}
	for n := 2; ; n++ {
		alt := id + "~" + strconv.Itoa(n)
		if _, taken := c.byID[alt]; !taken {
			return alt
		}
	}
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
	q := c.vector(&p, false)
	si, ok := c.byID[storyID]
	if !ok {
		si = len(c.stories)
		c.stories = append(c.stories, &storyState{id: storyID, centroid: map[int32]float64{}, first: d.Published, last: d.Published})
		c.byID[storyID] = si
		c.active = append(c.active, si)
	}
	c.join(si, &q)
	c.stories[si].years.add(&p)
	c.dups.add(d, &p.fp, c.seq, storyID, "")
}

// vector weighs an article's term counts into its normalised, cut TF-IDF
// vector (the IDF learns from the stream, so this is serial); with
// titleOnly, the words of the text are left out of it (its title words
// and entities stay). The vector lives in scratch space: it is valid
// until the next call.
func (c *Clusterer) vector(p *Prepared, titleOnly bool) query {
	t := c.idf
	t.n++
	vec := c.vecBuf[:0]
	for i, k := range p.keys {
		id := t.observe(k, p.hashes[i], c.seq)
		w := p.tf[i] * t.weight(id, p.bg[i])
		if titleOnly && t.kind[id] == kWord && !slices.Contains(p.title, int32(i)) {
			w = 0
		}
		if t.kind[id] == kEntity {
			w *= entityWeight
		}
		vec = append(vec, term{k, id, w})
	}
	title := t.titleVector(c.titleBuf[:0], p, vec)
	c.titleBuf = title
	c.vecBuf = vec
	if n := len(t.keys); len(c.index) < n {
		c.index = append(c.index, make([][]int32, n-len(c.index))...)
		c.qw = append(c.qw, make([]float64, n-len(c.qw))...)
		c.tw = append(c.tw, make([]float64, n-len(c.tw))...)
	}
	cut := cutNormalise(vec, c.p.ArticleTerms)
	for titleOnly && len(cut) > 0 && cut[len(cut)-1].w == 0 {
		cut = cut[:len(cut)-1] // the text's words, weighed 0 above
	}
	return t.query(p, cut, title)
}

// entityWeight is how much more an entity term weighs than its IDF says.
const entityWeight = 1.5

// titleVector appends to dst the title vector of article p, whose terms
// are weighed in vec (in p.keys' order): the IDF weights of its title's
// terms the table knows (id >= 0), normalised.
func (t *idfTable) titleVector(dst []wterm, p *Prepared, vec []term) []wterm {
	var tn float64
	for _, i := range p.title {
		if id := vec[i].id; id >= 0 {
			w := t.weight(id, p.bg[i])
			dst = append(dst, wterm{id, float32(w)})
			tn += w * w
		}
	}
	if tn > 0 {
		tn = math.Sqrt(tn)
		for i := range dst {
			dst[i].w = float32(float64(dst[i].w) / tn)
		}
	}
	return dst
}

// query is article p as best and the features see it, with its cut,
// normalised vector and its title vector.
func (t *idfTable) query(p *Prepared, vec []term, title []wterm) query {
	q := query{vec: vec, title: title, when: p.Doc.Published, years: p.years, written: p.written, textLen: len(p.Doc.Text)}
	q.norms.of(q.vec, t.kind)
	q.short = 1 / math.Sqrt(float64(max(len(p.keys), 1)))
	return q
}

// spread puts q's weights and title weights in c.qw and c.tw, where the
// features read them; unspread zeroes them again.
func (c *Clusterer) spread(q *query) {
	for _, t := range q.vec {
		c.qw[t.id] = t.w
	}
	for _, t := range q.title {
		c.tw[t.id] = float64(t.w)
	}
}

func (c *Clusterer) unspread(q *query) {
	for _, t := range q.vec {
		c.qw[t.id] = 0
	}
	for _, t := range q.title {
		c.tw[t.id] = 0
	}
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
func (c *Clusterer) best(qu *query) int {
	vec, when := qu.vec, qu.when
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
	if len(ids) > maxCandidates {
		ids = c.topCandidates(ids, cand)
	}
	for _, s := range c.candIDs {
		cand[s] = 0
	}
	slices.Sort(ids) // deterministic ties
	c.spread(qu)
	span := c.p.MaxSpan
	if qu.textLen < c.p.ShortText && c.p.ShortMaxSpan > 0 {
		span = c.p.ShortMaxSpan
	}
	best, bestSim := -1, c.p.Threshold
	var f Features
	for _, s := range ids {
		st := c.stories[s]
		if !when.IsZero() && !st.last.IsZero() && (when.Sub(st.last) > c.p.Window || st.first.Sub(when) > c.p.Window) {
			continue
		}
		if span > 0 && !when.IsZero() && !st.first.IsZero() && (when.Sub(st.first) > span || st.last.Sub(when) > span) {
			continue
		}
		c.features(&f, qu, st)
		if c.sample != nil {
			c.sample(&f, st.id == c.curGold)
		}
		sim := c.model.Probability(&f)
		if sim >= bestSim && (best < 0 || sim > bestSim) {
			best, bestSim = int(s), sim
			c.bestLogit = c.model.score(&f)
		}
	}
	c.unspread(qu)
	return best
}

// topCandidates returns the maxCandidates candidates that share the most
// query terms (count[s]), the earlier story first among equals, in any
// order. Counts are at most QueryTerms, so a histogram finds the cut
// without sorting all candidates.
func (c *Clusterer) topCandidates(ids []int32, count []int32) []int32 {
	var hist [65]int
	top := int32(len(hist) - 1)
	for _, s := range ids {
		hist[min(count[s], top)]++
	}
	// cut: the count at which the best maxCandidates end.
	cut, above := top, 0
	for ; cut > 0; cut-- {
		if above+hist[cut] >= maxCandidates {
			break
		}
		above += hist[cut]
	}
	out := c.candTop[:0]
	var tied []int32
	for _, s := range ids {
		switch n := min(count[s], top); {
		case n > cut:
			out = append(out, s)
		case n == cut:
			tied = append(tied, s)
		}
	}
	slices.Sort(tied)
	out = append(out, tied[:maxCandidates-len(out)]...)
	c.candTop = out
	return out
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

// join adds an article vector to a story and re-indexes its centroid.
func (c *Clusterer) join(si int, q *query) {
	vec, when := q.vec, q.when
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
	st.remember(q)
	c.reindex(si)
}

// reindex recomputes a story's cut centroid and puts it in the index.
func (c *Clusterer) reindex(si int) {
	st := c.stories[si]
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
	st.norms.of(st.top, c.idf.kind)
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
	c.dups.expire(c.clock.Add(-c.p.Window), c.forgetSeq())
}

// sleep takes a story out of the index and drops its centroid; its
// summary stays findable.
func (c *Clusterer) sleep(i int) {
	st := c.stories[i]
	c.unindex(i)
	st.dormant = true
	c.asleep = append(c.asleep, i)
	st.centroid = nil
	st.top = nil
	st.members = nil
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

// evict forgets the stories that have slept for DuplicateArticles
// arrivals: once no article of theirs is left in the duplicate index,
// nothing can wake them, and the store keeps their summaries. What stays
// is their slot in c.stories (a nil pointer), so memory per story ever
// seen is a few bytes.
func (c *Clusterer) evict() {
	if c.p.DuplicateArticles <= 0 {
		return
	}
	minSeq := c.forgetSeq()
	keep := c.asleep[:0]
	for _, i := range c.asleep {
		st := c.stories[i]
		switch {
		case st == nil || !st.dormant:
			// Forgotten already, or woken (listed again if it sleeps).
		case st.lastSeen < minSeq:
			delete(c.byID, st.id)
			c.stories[i] = nil
		default:
			keep = append(keep, i)
		}
	}
	clear(c.asleep[len(keep):])
	c.asleep = keep
}

// pruneEvery is how often (in arrivals) the vocabulary is pruned.
const pruneEvery = 10000

// pruneVocabulary forgets the terms no article has had for
// DuplicateArticles arrivals and no active story holds.
func (c *Clusterer) pruneVocabulary() {
	c.idf.prune(c.forgetSeq(), func(mark func(int32)) {
		for _, i := range c.active {
			st := c.stories[i]
			for id := range st.centroid { // st.top is cut from it
				mark(id)
			}
			for _, m := range st.members {
				for _, t := range m.vec {
					mark(t.id)
				}
				for _, t := range m.title {
					mark(t.id)
				}
			}
		}
	})
}

// forgetSeq is the stream sequence before which the clusterer forgets
// (DuplicateArticles arrivals ago): articles in the duplicate index,
// dormant stories, terms no article has had since; math.MinInt64 when
// there is no such bound.
func (c *Clusterer) forgetSeq() int64 {
	if c.p.DuplicateArticles <= 0 {
		return math.MinInt64
	}
	return c.seq - c.p.DuplicateArticles
}

// Story is a summary of one story.
type Story struct {
	ID          string
	Size        int
	First, Last time.Time
	Dormant     bool
}

// Story returns the summary of a story by id: active or dormant, until a
// dormant story is forgotten DuplicateArticles arrivals after its last
// article (the store keeps every story).
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

// remember keeps the article among the story's members: the first one and
// the latest maxMembers-1.
func (st *storyState) remember(q *query) {
	m := member{vec: make([]wterm, len(q.vec)), entNorm: float32(q.norms[kEntity]), title: slices.Clone(q.title), when: q.when}
	for i, t := range q.vec {
		m.vec[i] = wterm{t.id, float32(t.w)}
	}
	if len(st.members) >= maxMembers {
		st.members = slices.Delete(st.members, 1, 2)
	}
	st.members = append(st.members, m)
}

// leadBytes is how much of a text's opening is its lead (its first
// paragraph or two), whose terms count twice: reporters put what happened
// there.
const leadBytes = 800

// leadEnd is where a text's lead ends: after leadBytes, cut back to a
// word boundary.
func leadEnd(text string) int {
	if len(text) <= leadBytes {
		return len(text)
	}
	if i := strings.LastIndexByte(text[:leadBytes], ' '); i >= 0 {
		return i
	}
	return leadBytes
}
