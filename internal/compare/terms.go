package compare

import (
	"strings"

	"github.com/parallax-news/parallax/internal/news"
	"github.com/parallax-news/parallax/internal/story"
)

// paraphrase folds news synonyms onto one stem (stems as story.EachTerm
// produces them, without the "w:" prefix).
var paraphrase = map[string]string{
	"refus": "refuse", "refuse": "refuse", "refusal": "refuse", "reject": "refuse", "rejection": "refuse",
	"declin": "refuse", "decline": "refuse", "unable": "refuse", "snub": "refuse", "rebuff": "refuse", "turn": "refuse",
	"propos": "propose", "propose": "propose", "proposal": "propose", "offer": "propose", "suggest": "propose",
	"invit": "propose", "invite": "propose", "invitation": "propose",
	"deal": "agreement", "accord": "agreement", "agreement": "agreement", "pact": "agreement", "treaty": "agreement",
	"talk": "talk", "negotiation": "talk", "negotiat": "talk", "discus": "talk", "discuss": "talk", "dialogue": "talk",
	"meeting": "talk", "meet": "talk",
	"airstrike": "strike", "strike": "strike", "bombing": "strike", "raid": "strike", "bomb": "strike",
	"kill": "kill", "dead": "kill", "death": "kill", "die": "kill",
	"delegation": "delegation", "envoy": "delegation",
	"aircraft": "air", "airspace": "air", "air": "air", "plane": "air", "flight": "air",
	"safe": "safety", "safety": "safety", "incident": "safety",
	"rise": "increase", "increase": "increase", "hike": "increase", "raise": "increase",
	"resum": "resume", "resume": "resume", "restart": "resume",
	"strik": "strike",
}

// placeAliases are spellings of the same country or capital.
var placeAliases = map[string]string{
	"u.s.": "us", "us": "us", "u.s": "us", "united states": "us", "america": "us", "washington": "us", "u.s.a.": "us",
	"russia": "russia", "moscow": "russia", "kremlin": "russia", "russian federation": "russia",
	"uk": "uk", "u.k.": "uk", "britain": "uk", "united kingdom": "uk", "london": "uk",
	"china": "china", "beijing": "china", "ukraine": "ukraine", "kyiv": "ukraine", "kiev": "ukraine",
}

// entityKey is the key under which the same entity meets across
// articles: people by surname, places by country, others by name.
func entityKey(e news.Entity) string {
	name := strings.ToLower(e.Name)
	if k, ok := placeAliases[name]; ok {
		return k
	}
	if e.Type == news.PER {
		w := strings.Fields(name)
		if len(w) > 0 {
			return w[len(w)-1]
		}
	}
	return name
}

// sentenceTerms returns the weighted terms of a span of an article.
func sentenceTerms(s string, start, end int, ents []news.Entity) map[string]float64 {
	out := map[string]float64{}
	story.EachTerm(s[start:end], func(t string) {
		if strings.HasPrefix(t, "w:") {
			w := t[2:]
			if p, ok := paraphrase[w]; ok {
				out["w:"+p] = story.BackgroundIDF("w:" + p)
				return
			}
			if k, ok := placeAliases[w]; ok {
				out["e:"+k] = 3
				return
			}
		}
		out[t] = story.BackgroundIDF(t)
	})
	for _, e := range ents {
		for _, m := range e.Mentions {
			if m.Start >= start && m.End <= end {
				out["e:"+entityKey(e)] = 3 // names weigh like rare words
				// The mention's own words are counted by the name key.
				for _, w := range strings.Fields(strings.ToLower(m.Text)) {
					delete(out, "w:"+w)
				}
			}
		}
	}
	return out
}
