package story

import (
	"math"

	"github.com/parallax-news/parallax/internal/news"
)

// Look-ahead. A story's second article decides what the story is about:
// once two reports of two different events share a story, the later
// reports of both follow them in (the centroid and the members match
// either), and the mistake grows with the square of the events' sizes.
// ECB+ shows it plainly: the first report of the second of two events of
// one kind (a Waitrose fire in Wellington after one in Surrey; Chargers'
// DUI arrests of Jackson, then of Williams), undated, joins the one-article
// story of the first at probability 0.8-0.96, and each such join cost
// about a hundred false pairs. Nothing in the two texts alone tells them
// apart; the next reports do: the second event's next report matches its
// first report far better than the first event's story matches either.
//
// So before an undated article becomes the second of a one-article story
// S, the next Lookahead articles the caller has in hand (AddAhead's ahead)
// are weighed: for each, j, the model's log-odds that the article and j
// report one event (j taken as a one-article story), against its log-odds
// for S and j's for S. If the first exceeds both by LookaheadMargin, the
// article opens a story of its own (which j will then likely join). The
// articles ahead are only looked at: their vectors use the stream's counts
// so far, and nothing is learnt from them until they are added. A copy of
// the article (same normalised text, or a near-duplicate by MinHash) says
// nothing of a second event and is passed over. Larger stories are never
// reconsidered: their centroid has settled what they are about. A dated
// article is never reconsidered either: its date already tells two events
// of one kind apart (the model's day features, the Window and MaxSpan
// bounds), and a dated stream, a live feed's, pays nothing for the
// look-ahead (on the evaluation set, applying it to dated articles too
// changes nothing).
//
// The margin (6, an odds ratio of about 400) is chosen by cmd/train on the
// tuning half of the story evaluation set, after the model, which is
// trained without the look-ahead: it is a layer over the model's
// decisions. The look-ahead of 4 articles is a fixed choice (2, 4 and 8
// score alike on the tuning half at that margin). What the caller has
// ahead depends on how it feeds the clusterer: `parallax cluster` and the
// evaluation see the stream, ingest the rest of its batch, so the last
// articles of a batch are decided without it.

// betterAhead reports whether one of the articles ahead is a far better
// partner for the article q (measured against story si, its best, at log-
// odds c.bestLogit) than story si: then the article opens a story of its
// own.
func (c *Clusterer) betterAhead(q *query, si int, ahead []Prepared, fp *fingerprint) bool {
	st := c.stories[si]
	if c.p.Lookahead <= 0 || len(ahead) == 0 || st.size != 1 || !q.when.IsZero() {
		return false
	}
	ahead = ahead[:min(len(ahead), c.p.Lookahead)]
	// The article's own vectors live in scratch space that peek must not
	// touch: it has buffers of its own.
	for i := range ahead {
		a := &ahead[i]
		if sameText(fp, &a.fp, c.dups.jaccard) {
			continue
		}
		qa := c.peek(a)
		if len(qa.vec) == 0 {
			continue
		}
		partner := c.logOdds(q, c.oneArticleStory(&qa, a))
		if partner > c.bestLogit+c.p.LookaheadMargin && partner > c.logOdds(&qa, st)+c.p.LookaheadMargin {
			return true
		}
	}
	return false
}

// sameText reports whether two fingerprints are of the same text or of
// near-duplicates at estimated Jaccard similarity jaccard (as
// dupIndex.check tells them).
func sameText(a, b *fingerprint, jaccard float64) bool {
	switch {
	case a.empty || b.empty:
		return false
	case a.key == b.key:
		return true
	}
	return a.hasSig && b.hasSig && sigJaccard(&a.sig, &b.sig) >= jaccard
}

// peek is vector without counting the article in the stream's
// frequencies: the article is weighed as if it were added now, and its
// terms the stream has not seen weigh by the background alone and count
// in its norm only (nothing known can share them). It allocates its own
// buffers, so the article being added keeps its vectors.
func (c *Clusterer) peek(p *Prepared) query {
	t := c.idf
	vec := c.peekBuf[:0]
	for i, k := range p.keys {
		id, known := t.ids[p.hashes[i]]
		var w float64
		if known {
			w = p.tf[i] * t.weight(id, p.bg[i])
		} else {
			id = -1
			w = p.tf[i] * (math.Log((bgN+t.n+1)/(float64(p.bg[i])+1)) + 1)
		}
		if kindOf(k) == kEntity {
			w *= entityWeight
		}
		vec = append(vec, term{k, id, w})
	}
	c.peekBuf = vec
	title := t.titleVector(nil, p, vec)
	cut := cutNormalise(vec, c.p.ArticleTerms)
	known := make([]term, 0, len(cut))
	for _, x := range cut {
		if x.id >= 0 {
			known = append(known, x)
		}
	}
	return t.query(p, known, title)
}

// oneArticleStory is the story q (of article p) would open, kept out of
// the index.
func (c *Clusterer) oneArticleStory(q *query, p *Prepared) *storyState {
	st := &storyState{size: 1, first: q.when, last: q.when, top: q.vec, norms: q.norms}
	st.remember(q)
	st.years.add(p)
	return st
}

// logOdds is the model's log-odds that the article of q reports story
// st's event.
func (c *Clusterer) logOdds(q *query, st *storyState) float64 {
	c.spread(q)
	var f Features
	c.features(&f, q, st)
	c.unspread(q)
	return c.model.score(&f)
}

// Window feeds a clusterer through a window of the articles ahead: Push
// adds an article and assigns the one that leaves the window, in order,
// with the rest in view (see AddAhead); Flush assigns the rest. Memory
// holds Params.Lookahead prepared articles at most.
type Window struct {
	c   *Clusterer
	buf []Prepared
}

// NewWindow returns a window over c.
func NewWindow(c *Clusterer) *Window { return &Window{c: c} }

// Push adds p; when the window is full, it assigns its oldest article and
// passes the assignment to emit.
func (w *Window) Push(p Prepared, emit func(news.Assignment) error) error {
	w.buf = append(w.buf, p)
	if len(w.buf) <= w.c.p.Lookahead {
		return nil
	}
	return w.next(emit)
}

// Flush assigns the articles still in the window, in order.
func (w *Window) Flush(emit func(news.Assignment) error) error {
	for len(w.buf) > 0 {
		if err := w.next(emit); err != nil {
			return err
		}
	}
	return nil
}

func (w *Window) next(emit func(news.Assignment) error) error {
	as := w.c.AddAhead(w.buf[0], w.buf[1:])
	w.buf[0] = Prepared{}
	w.buf = w.buf[1:]
	if len(w.buf) == 0 {
		w.buf = w.buf[:0:0] // let the array go; it is small
	}
	return emit(as)
}
