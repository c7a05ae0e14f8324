package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/news"
)

// word is a whitespace-separated word with its position, punctuation
// trimmed off its ends.
type word struct {
	text       string // trimmed
	lower      string
	start, end int // absolute offsets of the trimmed word
	// trailing punctuation right after the word (",", ".", ":"...)
	punct string
}

func words(s string, base int) []word {
	var out []word
	if len(s) > 0 {
		out = make([]word, 0, strings.Count(s, " ")+1)
	}
	return appendWords(out, s, base)
}

// appendWords is words appending to out.
func appendWords(out []word, s string, base int) []word {
	n := len(out)
	i := 0
	for i < len(s) {
		for i < len(s) && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') {
			i++
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' {
			j++
		}
		if j > i {
			raw := s[i:j]
			a, b := 0, len(raw)
			for a < b {
				if c := raw[a]; c < utf8.RuneSelf {
					if asciiAlnum(c) {
						break
					}
					a++
					continue
				}
				r, n := utf8.DecodeRuneInString(raw[a:])
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					break
				}
				a += n
			}
			for b > a {
				if c := raw[b-1]; c < utf8.RuneSelf {
					if asciiAlnum(c) || c == '.' && b-a <= 4 {
						break
					}
					b--
					continue
				}
				r, n := utf8.DecodeLastRuneInString(raw[:b])
				if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' && b-a <= 4 {
					break
				}
				b -= n
			}
			if b > a {
				t := raw[a:b]
				out = append(out, word{text: t, lower: strings.ToLower(t), start: base + i + a, end: base + i + b, punct: raw[b:]})
			} else if len(out) > n {
				out[len(out)-1].punct += raw
			}
		}
		i = j
	}
	return out
}

// pronounGender is +1 for a word that lower-cased is he, him, his or
// himself, -1 for she, her, hers or herself, else 0.
func pronounGender(w string) int {
	var buf [16]byte
	if len(w) <= len(buf) {
		ascii := true
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= utf8.RuneSelf {
				ascii = false
				break
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		if ascii {
			return pronounGenderLower(string(buf[:len(w)]))
		}
	}
	return pronounGenderLower(strings.ToLower(w))
}

func pronounGenderLower(w string) int {
	switch w {
	case "he", "him", "his", "himself":
		return 1
	case "she", "her", "hers", "herself":
		return -1
	}
	return 0
}

// asciiAlnum reports an ASCII letter or digit.
func asciiAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// skipWords may sit between a speaker and the verb ("Putin also said",
// "Lavrov on Thursday told").
var skipWords = map[string]bool{"also": true, "later": true, "then": true, "again": true, "earlier": true,
	"previously": true, "further": true, "repeatedly": true, "once": true, "has": true, "had": true, "have": true,
	"reportedly": true, "publicly": true, "privately": true, "recently": true, "separately": true, "now": true,
	"would": true, "will": true, "did": true, "on": true, "in": true, "monday": true, "tuesday": true, "wednesday": true,
	"thursday": true, "friday": true, "saturday": true, "sunday": true, "yesterday": true, "today": true, "last": true,
	"week": true, "night": true, "had,": true, "himself": true, "herself": true, "has,": true}

// attributeAfter reads the attribution that follows a quotation:
// `, he added.` / ` Lavrov told the Duma.` / `, said White House
// spokesman Josh Earnest, using …`.
func (x *extractor) attributeAfter(closePos int, after string) *speaker {
	base := closePos + (len(x.s[closePos:]) - len(x.s[closePos:])) // closePos is the closing mark
	if after == "" {
		return nil
	}
	// after starts right after the closing mark.
	off := strings.Index(x.s[closePos:], after)
	if off < 0 {
		return nil
	}
	base = closePos + off
	// “…” ― Sonya Herridge: a dash and a name sign the quotation.
	if t := strings.TrimLeft(after, " \u00a0"); strings.HasPrefix(t, "―") || strings.HasPrefix(t, "—") || strings.HasPrefix(t, "– ") {
		_, n := utf8.DecodeRuneInString(t)
		rest := t[n:]
		line, _, _ := strings.Cut(rest, "\n")
		nameWs := words(line, base+(len(after)-len(t))+n)
		if len(nameWs) > 0 && len(nameWs) <= 4 && allCapitalised(nameWs) {
			return x.resolve(nameWs, "—")
		}
	}
	ws := words(after, base)
	if len(ws) == 0 {
		return nil
	}
	// CUE SPEAKER: "said White House spokesman Josh Earnest"
	if cues[ws[0].lower] && ws[0].lower != "according" {
		end := 1
		for end < len(ws) && end <= 8 {
			if phraseStop[ws[end].lower] {
				break
			}
			end++
			if strings.ContainsAny(ws[end-1].punct, ",.;:!?") {
				break
			}
		}
		if end > 1 {
			if sp := x.resolve(ws[1:end], ws[0].lower); sp != nil {
				return sp
			}
		}
	}
	if ws[0].lower == "according" && len(ws) > 2 && ws[1].lower == "to" {
		end := 2
		for end < len(ws) && end <= 9 && !strings.ContainsAny(ws[end-1].punct, ",.;:") {
			end++
		}
		return x.resolve(ws[2:end], "according to")
	}
	// SPEAKER, APPOSITION, CUE: "Rep. Jerrold Nadler, D-N.Y., the former
	// chairman of …, said": a person named first, then the verb later.
	if p := x.personAt(ws); p > 0 {
		for k := p; k < len(ws) && k <= 30; k++ {
			if cues[ws[k].lower] && strings.Contains(ws[k-1].punct, ",") {
				return x.resolve(ws[:p], ws[k].lower)
			}
			if sentenceEnd(ws, k) {
				break
			}
		}
	}
	// SPEAKER CUE: "he added", "the minister stressed", "Lavrov told"
	for k := 1; k < len(ws) && k <= 8; k++ {
		if !cues[ws[k].lower] {
			if sentenceEnd(ws, k) {
				break
			}
			continue
		}
		if sentenceEnd(ws, k-1) {
			break
		}
		subj := trimSkips(ws[:k])
		if len(subj) == 0 || len(subj) > 7 {
			return nil
		}
		return x.resolve(subj, ws[k].lower)
	}
	return nil
}

// attributeBefore reads an attribution before a quotation in its
// sentence: `Putin said:` / `He added that Russia` / `Lavrov said the`.
func (x *extractor) attributeBefore(from, open int) *speaker {
	if open <= from {
		return nil
	}
	ws := words(x.s[from:open], from)
	for k := 0; k < len(ws); k++ {
		if !cues[ws[k].lower] {
			continue
		}
		if ws[k].lower == "according" && k+2 < len(ws) && ws[k+1].lower == "to" {
			end := k + 2
			for end < len(ws) && end <= k+9 && !strings.ContainsAny(ws[end-1].punct, ",.;:") {
				end++
			}
			if sp := x.resolve(ws[k+2:end], "according to"); sp != nil {
				return sp
			}
			continue
		}
		// The subject: words right before the verb, back to punctuation.
		st := k
		for st > 0 && k-st < 7 && !strings.ContainsAny(ws[st-1].punct, ",.;:!?") {
			st--
		}
		subj := trimSkips(ws[st:k])
		// Only the last noun phrase counts: cut at a lower-case verb-like word.
		for i := len(subj) - 1; i > 0; i-- {
			if subj[i-1].lower == "that" || subj[i-1].lower == "and" || subj[i-1].lower == "but" {
				subj = subj[i:]
				break
			}
		}
		if len(subj) > 0 {
			if sp := x.resolve(subj, ws[k].lower); sp != nil {
				return sp
			}
		}
		// "Santorum did not back down, saying, …", "Lauten, the director
		// for …, wrote that …": the person the sentence is about.
		if sp := x.firstPerson(from, ws[k].start, ws[k].lower); sp != nil {
			return sp
		}
	}
	return nil
}

// firstPerson returns the first person named in [from, to) as the speaker.
func (x *extractor) firstPerson(from, to int, cue string) *speaker {
	for _, m := range x.mentions {
		if m.Start >= to {
			break
		}
		if m.Start >= from && x.ents[m.entity].Type == news.PER && !partyLabel(x.ents[m.entity].Name) {
			return &speaker{entity: m.entity, mention: m.Text, cue: cue, mentionPos: m.Start}
		}
	}
	return nil
}

// personAt returns how many leading words (a title and a person's name)
// name a person at the start of ws, followed by a comma; 0 when none.
func (x *extractor) personAt(ws []word) int {
	for i := 0; i < len(ws) && i < 6; i++ {
		for _, m := range x.mentions {
			if m.Start > ws[i].start {
				break
			}
			if m.Start == ws[i].start && x.ents[m.entity].Type == news.PER {
				// The name, and any capitalised words the tagger left out
				// of it ("Vann R. Newkirk II"), up to a comma.
				for j := i; j < len(ws) && j < i+6; j++ {
					if ws[j].end > m.End && !allCapitalised(ws[j:j+1]) {
						return 0
					}
					if strings.Contains(ws[j].punct, ",") {
						return j + 1
					}
				}
				return 0
			}
		}
	}
	return 0
}

func trimSkips(ws []word) []word {
	for len(ws) > 0 && skipWords[ws[len(ws)-1].lower] {
		ws = ws[:len(ws)-1]
	}
	// Drop a leading connective ("and he said", "but Putin added").
	for len(ws) > 1 && (ws[0].lower == "and" || ws[0].lower == "but" || ws[0].lower == "as" || ws[0].lower == "while") {
		ws = ws[1:]
	}
	return ws
}

// resolve turns the words naming a speaker into a speaker: a named
// entity, a pronoun, or a description.
func (x *extractor) resolve(ws []word, cue string) *speaker {
	if len(ws) == 0 {
		return nil
	}
	start, end := ws[0].start, ws[len(ws)-1].end
	phrase := x.s[start:end]
	sp := &speaker{entity: -1, mention: phrase, cue: cue, mentionPos: start}
	// A named entity inside the phrase: a person anywhere (a role comes
	// before the name, so the rightmost person wins); an organisation or
	// place only when it ends the phrase ("the Kremlin", "Russia"), not
	// when it qualifies a noun ("Russian officials").
	best := -1
	for i, m := range x.mentions {
		if m.Start >= end {
			break
		}
		if m.End <= start {
			continue
		}
		e := x.ents[m.entity]
		if partyLabel(e.Name) {
			continue
		}
		switch {
		case e.Type == news.PER:
			best = i
		case best >= 0 && x.ents[x.mentions[best].entity].Type == news.PER:
		case e.Type != news.MISC && endsPhrase(x.s, m.End, end):
			best = i
		}
	}
	if best >= 0 {
		m := x.mentions[best]
		sp.entity = m.entity
		if m.Start <= start {
			return sp
		}
		if pre := strings.TrimSpace(x.s[start:m.Start]); pre != "" && isRole(pre) {
			sp.role = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(pre, "the "), "The "))
		}
		return sp
	}
	first := ws[0].lower
	if len(ws) == 1 && pronouns[first] {
		sp.entity, sp.role = x.pronoun(first, start)
		if sp.entity < 0 && x.last != nil && (first == "he" || first == "she" || first == "they") {
			sp.entity = x.last.entity
			sp.mention = phrase
			if sp.entity < 0 {
				sp.role = x.last.role
				sp.mention = phrase
				sp.cue = cue
				sp.mentionPos = start
				// An unresolved earlier speaker name stays the name.
				return &speaker{entity: -1, mention: phrase, cue: cue, role: x.last.role, mentionPos: start}
			}
		}
		return sp
	}
	last := ws[len(ws)-1].lower
	if determiners[first] || first == "officials" || first == "sources" ||
		(len(ws) <= 4 && (personNouns[strings.TrimSuffix(last, "s")] || orgNouns[last])) {
		head := ws[len(ws)-1].lower
		sp.entity = x.description(head, start)
		return sp
	}
	// Capitalised words the tagger missed: a name all the same.
	if allCapitalised(ws) && len(ws) <= 4 {
		return sp
	}
	return nil
}

func allCapitalised(ws []word) bool {
	for _, w := range ws {
		r, _ := utf8.DecodeRuneInString(w.text)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// isRole reports words before a name that are a title or role.
func isRole(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		w = strings.Trim(w, ",.'’s")
		if personNouns[w] || w == "minister" || w == "spokesman" {
			return true
		}
	}
	return false
}

// pronoun resolves he/she/they to the last speaker, else the nearest
// person (or, for "it"/"they", organisation) named before pos.
func (x *extractor) pronoun(p string, pos int) (int, string) {
	g := 0
	switch p {
	case "he":
		g = 1
	case "she":
		g = -1
	}
	fits := func(e int) bool { return g == 0 || x.gender(e)*g >= 0 }
	if g != 0 {
		// Someone known to be "he" (or "she"): the last speaker, else the
		// nearest person named before.
		if x.last != nil && x.last.entity >= 0 && x.ents[x.last.entity].Type == news.PER && x.gender(x.last.entity) == g {
			return x.last.entity, x.last.role
		}
		for i := len(x.mentions) - 1; i >= 0; i-- {
			m := x.mentions[i]
			if m.End <= pos && x.ents[m.entity].Type == news.PER && x.gender(m.entity) == g {
				return m.entity, ""
			}
		}
	}
	if x.last != nil && x.last.entity >= 0 {
		t := x.ents[x.last.entity].Type
		if (p == "he" || p == "she") && t == news.PER && fits(x.last.entity) || (p == "they" || p == "it" || p == "we") {
			return x.last.entity, x.last.role
		}
	}
	want := news.PER
	if p == "it" || p == "they" || p == "we" {
		want = news.ORG
	}
	for i := len(x.mentions) - 1; i >= 0; i-- {
		m := x.mentions[i]
		if m.End <= pos && x.ents[m.entity].Type == want && fits(m.entity) {
			return m.entity, ""
		}
	}
	return -1, ""
}

// gender guesses a person's grammatical gender from the text: the first
// gendered pronoun after each of their mentions (within the next 200
// bytes) votes; +1 for he/him/his, -1 for she/her/hers, 0 when unclear.
func (x *extractor) gender(e int) int {
	if x.genders == nil {
		x.genders = map[int]int{}
	}
	if g, ok := x.genders[e]; ok {
		return g
	}
	vote := 0
	// A well-known first name settles it.
	if w := strings.Fields(strings.ToLower(x.ents[e].Name)); len(w) > 1 {
		switch {
		case femaleNames[w[0]] && !maleNames[w[0]]:
			x.genders[e] = -1
			return -1
		case maleNames[w[0]] && !femaleNames[w[0]]:
			x.genders[e] = 1
			return 1
		}
	}
	for _, m := range x.ents[e].Mentions {
		end := min(len(x.s), m.End+200)
		// As strings.Fields(strings.ToLower(...)) with each word trimmed
		// and compared, lower-casing only the trimmed words.
		for w := range strings.FieldsSeq(x.s[m.End:end]) {
			if g := pronounGender(strings.Trim(w, ".,;:!?\"“”’'()")); g != 0 {
				vote += g
				break
			}
		}
	}
	g := 0
	switch {
	case vote > 0:
		g = 1
	case vote < 0:
		g = -1
	}
	x.genders[e] = g
	return g
}

// description resolves "the minister", "the top Russian diplomat", "the
// newspaper".
func (x *extractor) description(head string, pos int) int {
	if strings.HasSuffix(head, "s") && !strings.HasSuffix(head, "ss") {
		return -1 // "officials", "sources": a group, not one speaker
	}
	// The speaker just quoted, when the description fits them (or they
	// have no stated role to contradict it): "…," the minister stressed.
	if personNouns[head] && head != "source" && head != "official" && x.last != nil && x.last.entity >= 0 &&
		x.ents[x.last.entity].Type == news.PER {
		roles := x.ents[x.last.entity].Roles
		if len(roles) == 0 || roleHead(roles, head) {
			return x.last.entity
		}
	}
	for i, e := range x.ents {
		for _, r := range e.Roles {
			rw := strings.Fields(strings.ToLower(r))
			if len(rw) > 0 && strings.TrimSuffix(rw[len(rw)-1], "s") == head {
				return i
			}
		}
	}
	if docNouns[head] {
		if x.last != nil {
			return x.last.entity
		}
		return -1
	}
	if orgNouns[head] {
		for i := len(x.mentions) - 1; i >= 0; i-- {
			m := x.mentions[i]
			if m.End <= pos && x.ents[m.entity].Type == news.ORG {
				return m.entity
			}
		}
		return -1
	}
	return -1
}

// fill sets a quote's speaker fields and remembers the speaker.
func (x *extractor) fill(q *news.Quote, sp *speaker) {
	q.SpeakerMention = sp.mention
	q.Cue = sp.cue
	q.Role = sp.role
	switch {
	case sp.entity >= 0:
		e := x.ents[sp.entity]
		q.Speaker = e.Name
		if q.Role == "" && len(e.Roles) > 0 {
			q.Role = e.Roles[0]
		}
	case !isDescription(sp.mention):
		q.Speaker, q.Role = cleanName(sp.mention, q.Role)
	}
	if q.Speaker != "" {
		x.last = sp
	}
}

func isDescription(m string) bool {
	w := strings.Fields(strings.ToLower(m))
	return len(w) == 0 || determiners[w[0]] || pronouns[w[0]] || w[0] == "officials" || w[0] == "sources"
}

// endsPhrase reports that nothing but a possessive or punctuation follows
// position at up to end.
func endsPhrase(s string, at, end int) bool {
	if at >= end {
		return true
	}
	rest := strings.TrimSpace(s[at:end])
	return rest == "" || rest == "'s" || rest == "’s"
}

func roleHead(roles []string, head string) bool {
	for _, r := range roles {
		rw := strings.Fields(strings.ToLower(r))
		if len(rw) > 0 && rw[len(rw)-1] == head {
			return true
		}
	}
	return false
}

// partyLabel reports a US party-state label ("D-Ill", "R-Va.").
func partyLabel(s string) bool {
	return len(s) >= 3 && len(s) <= 7 && (s[0] == 'D' || s[0] == 'R' || s[0] == 'I') && s[1] == '-'
}

// sentenceEnd reports punctuation after word k that ends a sentence: not
// the period of an abbreviation or initial ("(D-Wis.) said", "Rep.").
func sentenceEnd(ws []word, k int) bool {
	p := ws[k].punct
	if strings.ContainsAny(p, ";:!?") {
		return true
	}
	if !strings.Contains(p, ".") {
		return false
	}
	if k+1 < len(ws) {
		r, _ := utf8.DecodeRuneInString(ws[k+1].text)
		return unicode.IsUpper(r) || unicode.IsDigit(r)
	}
	return true
}

// titles are words before a name that are not part of it.
var titles = map[string]bool{"rep.": true, "rep": true, "sen.": true, "sen": true, "gov.": true, "gov": true,
	"mr.": true, "mrs.": true, "ms.": true, "dr.": true, "president": true, "senator": true, "governor": true,
	"sheriff": true, "mayor": true, "gen.": true, "lt.": true, "col.": true, "sgt.": true, "prof.": true, "judge": true}

// cleanName tidies a speaker name the entity stage did not resolve:
// titles go to the role, a bracketed party label is dropped.
func cleanName(name, role string) (string, string) {
	if i := strings.IndexAny(name, "(["); i > 0 {
		name = strings.TrimSpace(name[:i])
	}
	name = strings.TrimRight(name, ",;: ")
	w := strings.Fields(name)
	i := 0
	for i < len(w)-1 && titles[strings.ToLower(w[i])] {
		i++
	}
	if i > 0 && role == "" {
		role = strings.Join(w[:i], " ")
	}
	return strings.Join(w[i:], " "), role
}

// phraseStop ends a speaker phrase after an inverted cue ("said Lavrov
// in Moscow", "says Lavrov as US snubs delegation").
var phraseStop = map[string]bool{"in": true, "on": true, "at": true, "during": true, "to": true, "after": true,
	"when": true, "who": true, "as": true, "while": true, "amid": true, "over": true, "before": true, "and": true,
	"but": true, "because": true, "since": true, "with": true}
