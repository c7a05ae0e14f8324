package compare

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/parallax-news/parallax/internal/extract/outlet"
	"github.com/parallax-news/parallax/internal/news"
)

// ClaimThreshold is the cosine similarity a sentence needs with a claim
// group's best member to join it.
const ClaimThreshold = 0.28

// Input is one story to compare.
type Input struct {
	ID       string
	Articles []news.AnalysedArticle
	// DuplicateOf maps an article id to the id of the article it copies.
	DuplicateOf map[string]string
	// Outlets gives outlet metadata (may be nil).
	Outlets *outlet.Table
}

// Build compares the coverage of one story.
func Build(in Input) StoryReport {
	arts := slices.Clone(in.Articles)
	// Oldest first, undated last, ties in the given order: the first is
	// the story's headline, as the store's story list has it.
	slices.SortStableFunc(arts, func(a, b news.AnalysedArticle) int {
		ta, oka := a.PublishedTime()
		tb, okb := b.PublishedTime()
		if !oka || !okb {
			return boolCmp(!oka, !okb)
		}
		return ta.Compare(tb)
	})
	r := StoryReport{ID: in.ID}
	outletOf := map[string]string{}
	var outlets []string
	for _, a := range arts {
		o := outletName(a.Article)
		outletOf[a.ID] = o
		if !slices.Contains(outlets, o) {
			outlets = append(outlets, o)
		}
		ref := ArticleRef{ID: a.ID, Outlet: o, Title: a.Title, Byline: a.Byline, Published: a.Published, URL: a.URL,
			Lead: lead(a), DuplicateOf: in.DuplicateOf[a.ID]}
		r.Articles = append(r.Articles, ref)
		if a.Published != "" {
			r.Timeline = append(r.Timeline, TimePoint{Published: a.Published, Outlet: o, Article: a.ID, Title: a.Title})
		}
	}
	if len(arts) > 0 {
		r.Title = arts[0].Title
	}
	originals := make([]news.AnalysedArticle, 0, len(arts))
	for _, a := range arts {
		if d := in.DuplicateOf[a.ID]; d == "" || !hasArticle(arts, d) {
			originals = append(originals, a)
		}
	}
	r.Claims = claims(originals, outletOf)
	r.Voices = voices(originals, outletOf)
	r.Entities = entities(originals, outletOf, outlets)
	r.Outlets = outletViews(outlets, arts, outletOf, r, in.Outlets)
	r.Coverage = coverage(r.Outlets)
	return r
}

func hasArticle(arts []news.AnalysedArticle, id string) bool {
	for _, a := range arts {
		if a.ID == id {
			return true
		}
	}
	return false
}

func outletName(a news.Article) string {
	if a.Outlet != "" {
		return a.Outlet
	}
	return "(unknown outlet: " + a.Source + ")"
}

// lead is the article's first paragraph, cut to about 60 words.
func lead(a news.AnalysedArticle) string {
	p, _, _ := strings.Cut(a.Text, "\n\n")
	w := strings.Fields(p)
	if len(w) > 60 {
		return strings.Join(w[:60], " ") + " …"
	}
	return strings.Join(w, " ")
}

// unit is one sentence (or headline) to align.
type unit struct {
	article, outlet string
	text            string
	headline        bool
	terms           map[string]float64
	// keys are the terms in sorted order: sums run in this order so that
	// floating-point results, and so the grouping, are deterministic.
	keys []string
	norm float64
}

func newUnit(article, outlet, text string, headline bool, terms map[string]float64) *unit {
	u := &unit{article: article, outlet: outlet, text: text, headline: headline, terms: terms}
	for k := range terms {
		u.keys = append(u.keys, k)
	}
	sort.Strings(u.keys)
	for _, k := range u.keys {
		u.norm += terms[k] * terms[k]
	}
	u.norm = math.Sqrt(u.norm)
	return u
}

// queryTerms is how many of a sentence's heaviest terms retrieve candidate
// claim groups, and groupSample how many members of a group it is compared
// with: both bound the work per sentence, so a story's cost grows about
// linearly with its sentences.
const (
	queryTerms  = 8
	groupSample = 8
)

// top returns the unit's n heaviest terms (ties by name).
func (u *unit) top(n int) []string {
	if len(u.keys) <= n {
		return u.keys
	}
	ks := slices.Clone(u.keys)
	sort.SliceStable(ks, func(i, j int) bool { return u.terms[ks[i]] > u.terms[ks[j]] })
	return ks[:n]
}

// minShared is how many informative terms (weight >= 2: rarer than the
// commonest news words) two sentences must share to state the same fact.
const minShared = 2

func sim(a, b *unit) float64 {
	if a.norm == 0 || b.norm == 0 {
		return 0
	}
	if len(a.terms) > len(b.terms) {
		a, b = b, a
	}
	var dot float64
	shared := 0
	for _, k := range a.keys {
		w := a.terms[k]
		if v := b.terms[k]; v > 0 {
			dot += w * v
			if w >= 2 {
				shared++
			}
		}
	}
	if shared < minShared {
		return 0
	}
	return dot / (a.norm * b.norm)
}

type group struct {
	units    []*unit
	articles map[string]bool
}

func (g *group) hasArticle(id string) bool { return g.articles[id] }

// claims groups the sentences of the story's articles across outlets.
func claims(arts []news.AnalysedArticle, outletOf map[string]string) []Claim {
	var groups []*group
	index := map[string][]int{}
	for _, a := range arts {
		o := outletOf[a.ID]
		var units []*unit
		if a.Title != "" {
			units = append(units, newUnit(a.ID, o, a.Title, true, sentenceTerms(a.Title, 0, len(a.Title), nil)))
		}
		for _, s := range a.Sentences {
			t := strings.TrimSpace(a.Text[s.Start:s.End])
			if len(strings.Fields(t)) < 4 {
				continue
			}
			units = append(units, newUnit(a.ID, o, t, false, sentenceTerms(a.Text, s.Start, s.End, a.Entities)))
		}
		for _, u := range units {
			best, bestSim := -1, ClaimThreshold
			cand := map[int]bool{}
			for _, k := range u.top(queryTerms) {
				for _, gi := range index[k] {
					cand[gi] = true
				}
			}
			ids := make([]int, 0, len(cand))
			for gi := range cand {
				ids = append(ids, gi)
			}
			sort.Ints(ids)
			for _, gi := range ids {
				g := groups[gi]
				if g.hasArticle(u.article) {
					continue
				}
				for _, v := range g.units[:min(len(g.units), groupSample)] {
					if s := sim(u, v); s >= bestSim && (best < 0 || s > bestSim) {
						best, bestSim = gi, s
					}
				}
			}
			if best < 0 {
				best = len(groups)
				groups = append(groups, &group{articles: map[string]bool{}})
			}
			groups[best].units = append(groups[best].units, u)
			groups[best].articles[u.article] = true
			for _, k := range u.keys {
				if l := index[k]; len(l) == 0 || l[len(l)-1] != best {
					index[k] = append(index[k], best)
				}
			}
		}
	}
	var out []Claim
	for _, g := range groups {
		c := Claim{}
		for _, u := range g.units {
			if !slices.Contains(c.Outlets, u.outlet) {
				c.Outlets = append(c.Outlets, u.outlet)
			}
			if !slices.Contains(c.Articles, u.article) {
				c.Articles = append(c.Articles, u.article)
			}
			c.Sentences = append(c.Sentences, ClaimSentence{Outlet: u.outlet, Article: u.article, Text: u.text, Headline: u.headline})
		}
		c.Corroborated = len(c.Outlets) > 1
		c.Text = representative(g)
		if c.Corroborated {
			c.Disagreements = disagreements(g)
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Corroborated != out[j].Corroborated {
			return out[i].Corroborated
		}
		return len(out[i].Outlets) > len(out[j].Outlets)
	})
	return out
}

// representative is the group's sentence (not headline) most similar to
// the others, or its first.
func representative(g *group) string {
	best, bestScore := g.units[0].text, -1.0
	sample := g.units[:min(len(g.units), groupSample)]
	for _, u := range sample {
		if u.headline && len(g.units) > 1 {
			continue
		}
		var s float64
		for _, v := range sample {
			if v != u {
				s += sim(u, v)
			}
		}
		if s > bestScore {
			best, bestScore = u.text, s
		}
	}
	return best
}

// numberWords are spelled-out numbers worth comparing.
var numberWords = map[string]string{"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
	"seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13",
	"fifteen": "15", "twenty": "20", "thirty": "30", "fifty": "50", "hundred": "100", "dozen": "12"}

// quantities finds "<number> <unit>" pairs in a sentence.
func quantities(s string) map[string]string {
	out := map[string]string{}
	w := strings.Fields(strings.ToLower(s))
	for i := 0; i+1 < len(w); i++ {
		n := strings.Trim(w[i], ",.;:()$€£")
		if v, ok := numberWords[n]; ok {
			n = v
		}
		if n == "" || (n[0] < '0' || n[0] > '9') {
			continue
		}
		unit := strings.Trim(w[i+1], ",.;:()")
		unit = strings.TrimSuffix(unit, "s")
		if unit == "" || (unit[0] >= '0' && unit[0] <= '9') {
			continue
		}
		out[unit] = n
	}
	return out
}

// disagreements lists numbers for the same unit that differ between outlets.
func disagreements(g *group) []string {
	type said struct{ outlet, value string }
	byUnit := map[string][]said{}
	for _, u := range g.units {
		for unit, v := range quantities(u.text) {
			byUnit[unit] = append(byUnit[unit], said{u.outlet, v})
		}
	}
	var out []string
	units := make([]string, 0, len(byUnit))
	for k := range byUnit {
		units = append(units, k)
	}
	sort.Strings(units)
	for _, unit := range units {
		vals := byUnit[unit]
		distinct := map[string]bool{}
		outlets := map[string]bool{}
		for _, v := range vals {
			distinct[v.value] = true
			outlets[v.outlet] = true
		}
		if len(distinct) < 2 || len(outlets) < 2 {
			continue
		}
		var parts []string
		seen := map[string]bool{}
		for _, v := range vals {
			k := v.outlet + v.value
			if !seen[k] {
				seen[k] = true
				parts = append(parts, fmt.Sprintf("%s: %s %s", v.outlet, v.value, unit))
			}
		}
		out = append(out, "different figures for "+unit+" ("+strings.Join(parts, "; ")+")")
	}
	return out
}

// voices groups quotations by speaker across outlets.
func voices(arts []news.AnalysedArticle, outletOf map[string]string) []Voice {
	type v struct {
		Voice
		key   string
		roles map[string]int
	}
	var list []*v
	byKey := map[string]*v{}
	for _, a := range arts {
		for _, q := range a.Quotes {
			if q.Speaker == "" {
				continue
			}
			key := speakerKey(q.Speaker)
			vo := byKey[key]
			if vo == nil {
				vo = &v{key: key, roles: map[string]int{}}
				byKey[key] = vo
				list = append(list, vo)
			}
			if len(q.Speaker) > len(vo.Speaker) {
				vo.Speaker = q.Speaker
			}
			if q.Role != "" {
				vo.roles[q.Role]++
			}
			o := outletOf[a.ID]
			if !slices.Contains(vo.Outlets, o) {
				vo.Outlets = append(vo.Outlets, o)
			}
			vo.Quotes = append(vo.Quotes, VoiceQuote{Outlet: o, Article: a.ID, Text: q.Text, Kind: string(q.Kind)})
		}
	}
	var out []Voice
	for _, vo := range list {
		best := 0
		roles := make([]string, 0, len(vo.roles))
		for role := range vo.roles {
			roles = append(roles, role)
		}
		sort.Strings(roles)
		for _, role := range roles {
			if n := vo.roles[role]; n > best || (n == best && len(role) > len(vo.Role)) {
				vo.Role, best = role, n
			}
		}
		groupQuotes(vo.Quotes)
		out = append(out, vo.Voice)
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Outlets) > len(out[j].Outlets) })
	return out
}

func speakerKey(name string) string {
	w := strings.Fields(strings.ToLower(name))
	if len(w) == 0 {
		return ""
	}
	return w[len(w)-1]
}

// groupQuotes numbers the same quotation carried by different outlets.
// Each quotation is compared with the first quotation of every group so
// far (and with the quotations not yet grouped), not with all.
func groupQuotes(qs []VoiceQuote) {
	next := 1
	var leaders []int // indexes of quotations that lead a group or stand alone
	for i := range qs {
		for _, j := range leaders {
			if qs[j].Outlet != qs[i].Outlet && wordJaccard(qs[i].Text, qs[j].Text) >= 0.5 {
				if qs[j].Group == 0 {
					qs[j].Group = next
					next++
				}
				qs[i].Group = qs[j].Group
				break
			}
		}
		if qs[i].Group == 0 {
			leaders = append(leaders, i)
		}
	}
}

func wordJaccard(a, b string) float64 {
	set := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r > 127) }) {
			m[w] = true
		}
		return m
	}
	x, y := set(a), set(b)
	inter := 0
	for k := range x {
		if y[k] {
			inter++
		}
	}
	if u := len(x) + len(y) - inter; u > 0 {
		return float64(inter) / float64(u)
	}
	return 0
}

// entities tells which outlets name each entity.
func entities(arts []news.AnalysedArticle, outletOf map[string]string, outlets []string) []EntityCover {
	type ec struct {
		EntityCover
		mentions int
	}
	byKey := map[string]*ec{}
	var list []*ec
	for _, a := range arts {
		for _, e := range a.Entities {
			k := entityKey(e)
			c := byKey[k]
			if c == nil {
				c = &ec{EntityCover: EntityCover{Name: e.Name, Type: string(e.Type)}}
				byKey[k] = c
				list = append(list, c)
			}
			if len(e.Name) > len(c.Name) && e.Type == news.PER {
				c.Name = e.Name
			}
			c.mentions += len(e.Mentions)
			c.Mentions += len(e.Mentions)
			o := outletOf[a.ID]
			if !slices.Contains(c.Outlets, o) {
				c.Outlets = append(c.Outlets, o)
			}
		}
	}
	sort.SliceStable(list, func(i, j int) bool {
		if len(list[i].Outlets) != len(list[j].Outlets) {
			return len(list[i].Outlets) > len(list[j].Outlets)
		}
		return list[i].mentions > list[j].mentions
	})
	var out []EntityCover
	for _, c := range list {
		for _, o := range outlets {
			if !slices.Contains(c.Outlets, o) {
				c.Missing = append(c.Missing, o)
			}
		}
		out = append(out, c.EntityCover)
	}
	return out
}

func outletViews(outlets []string, arts []news.AnalysedArticle, outletOf map[string]string, r StoryReport, table *outlet.Table) []OutletView {
	var out []OutletView
	for _, o := range outlets {
		ov := OutletView{Name: o}
		if table != nil {
			if in, ok := table.Lookup(o); ok && (in.Country != "" || in.Ownership != "" || in.Lean != "" || len(in.Extra) > 0) {
				info := in
				ov.Info = &info
			}
		}
		for _, a := range arts {
			if outletOf[a.ID] == o {
				ov.Articles = append(ov.Articles, a.ID)
			}
		}
		for _, c := range r.Claims {
			if !c.Corroborated && len(c.Outlets) == 1 && c.Outlets[0] == o {
				ov.Exclusive++
			}
		}
		for _, v := range r.Voices {
			if slices.Contains(v.Outlets, o) {
				ov.Quotes = append(ov.Quotes, v.Speaker)
			} else {
				ov.Omits = append(ov.Omits, v.Speaker)
			}
		}
		for _, e := range r.Entities {
			if slices.Contains(e.Missing, o) && (e.Type == "PER" || e.Type == "ORG" && (len(e.Outlets) > 1 || e.Mentions > 1)) {
				ov.OmitsEntities = append(ov.OmitsEntities, e.Name)
			}
		}
		ov.Quotes, ov.Omits, ov.OmitsEntities = orEmpty(ov.Quotes), orEmpty(ov.Omits), orEmpty(ov.OmitsEntities)
		out = append(out, ov)
	}
	return out
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// coverage summarises who covered the story: "covered by 2 outlets: 1
// state-owned (RU), 1 independent (NL)".
func coverage(ovs []OutletView) string {
	counts := map[string]int{}
	var kinds []string
	for _, o := range ovs {
		k := "ownership not given"
		if o.Info != nil && o.Info.Ownership != "" {
			k = o.Info.Ownership
		}
		if counts[k] == 0 {
			kinds = append(kinds, k)
		}
		counts[k]++
	}
	parts := make([]string, 0, len(kinds))
	for _, k := range kinds {
		parts = append(parts, fmt.Sprintf("%d %s", counts[k], k))
	}
	noun := "outlets"
	if len(ovs) == 1 {
		noun = "outlet"
	}
	if len(kinds) == 1 && kinds[0] == "ownership not given" {
		return fmt.Sprintf("covered by %d %s", len(ovs), noun)
	}
	return fmt.Sprintf("covered by %d %s: %s", len(ovs), noun, strings.Join(parts, ", "))
}

// boolCmp orders false before true.
func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
