package entity

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/news"
)

// honorifics are dropped from names ("Mr. Putin" -> "Putin").
var honorifics = map[string]bool{
	"mr": true, "mr.": true, "mrs": true, "mrs.": true, "ms": true, "ms.": true, "dr": true, "dr.": true,
	"sir": true, "dame": true, "lord": true, "lady": true, "prof": true, "prof.": true, "madam": true,
}

// roleWords are the nouns of titles and roles that stand before a name.
var roleWords = map[string]bool{
	"president": true, "vice": true, "prime": true, "minister": true, "secretary": true, "spokesman": true,
	"spokeswoman": true, "spokesperson": true, "chancellor": true, "senator": true, "sen.": true, "governor": true,
	"gov.": true, "mayor": true, "director": true, "chairman": true, "chairwoman": true, "chair": true, "ceo": true,
	"general": true, "gen.": true, "colonel": true, "col.": true, "admiral": true, "commander": true, "chief": true,
	"king": true, "queen": true, "prince": true, "princess": true, "pope": true, "ambassador": true, "envoy": true,
	"leader": true, "head": true, "representative": true, "rep.": true, "congressman": true, "congresswoman": true,
	"judge": true, "justice": true, "attorney": true, "prosecutor": true, "lawyer": true, "official": true,
	"foreign": true, "defense": true, "defence": true, "interior": true, "finance": true, "deputy": true,
	"press": true, "advisor": true, "adviser": true, "aide": true, "spokesmen": true, "founder": true, "executive": true,
	"officer": true, "analyst": true, "professor": true, "economist": true, "correspondent": true, "editor": true,
	"sheriff": true, "police": true, "captain": true, "sergeant": true, "lieutenant": true, "coach": true,
	"manager": true, "owner": true, "candidate": true, "nominee": true, "speaker": true, "house": true, "majority": true,
	"minority": true, "whip": true, "state": true, "national": true, "security": true, "white": true, "top": true,
	"former": true, "acting": true, "interim": true, "then": true, "then-": true, "commissioner": true, "counsel": true,
}

// roleCore are the role words that make a phrase a role on their own.
var roleCore = map[string]bool{
	"president": true, "minister": true, "secretary": true, "spokesman": true, "spokeswoman": true,
	"spokesperson": true, "chancellor": true, "senator": true, "sen.": true, "governor": true, "gov.": true,
	"mayor": true, "director": true, "chairman": true, "chairwoman": true, "chair": true, "ceo": true, "general": true,
	"gen.": true, "colonel": true, "admiral": true, "commander": true, "chief": true, "king": true, "queen": true,
	"prince": true, "pope": true, "ambassador": true, "envoy": true, "leader": true, "head": true, "representative": true,
	"rep.": true, "congressman": true, "congresswoman": true, "judge": true, "justice": true, "attorney": true,
	"prosecutor": true, "lawyer": true, "official": true, "advisor": true, "adviser": true, "aide": true, "founder": true,
	"officer": true, "analyst": true, "professor": true, "economist": true, "correspondent": true, "editor": true,
	"sheriff": true, "captain": true, "sergeant": true, "lieutenant": true, "coach": true, "manager": true, "owner": true,
	"candidate": true, "nominee": true, "speaker": true, "commissioner": true, "counsel": true, "executive": true,
}

// group is an entity being built.
type group struct {
	typ      [len(mainTypes)]int // mentions per type of mainTypes
	name     string              // canonical name
	words    []string            // canonical name's words, lower-cased
	aliases  []string
	roles    []string
	mentions []news.Mention
	merged   int // index of the group this one was merged into, or -1
	// main caches mainType ("" when stale).
	main news.EntityType
	// ini caches initials(iniOf), for the name iniOf.
	ini, iniOf string
	iniSet     bool
}

// initials returns initials(g.name), computed once per name.
func (g *group) initials() string {
	if !g.iniSet || g.iniOf != g.name {
		g.ini, g.iniOf, g.iniSet = initials(g.name), g.name, true
	}
	return g.ini
}

// Group groups mentions found in s into entities.
func Group(s string, mentions []news.Mention) []news.Entity {
	// The alias patterns are read once each and their matches used
	// several times.
	var another, aka [][]int
	if hasCue(s, anotherCue) && mayMatchAnother(s) {
		another = anotherRe.FindAllStringSubmatchIndex(s, maxAliasStatements)
	}
	if hasCue(s, akaCue) && mayMatchAka(s) {
		aka = findAkaIndex(s)
	}
	mentions = append(mentions, hyphenatedAcronyms(s, another, mentions)...)
	brackets := findBracketsIndex(s)
	mentions = coverAliasSpans(s, brackets, another, aka, mentions)
	slices.SortFunc(mentions, func(a, b news.Mention) int { return a.Start - b.Start })

	var groups []*group
	// byKey finds a group by its name lower-cased, "per:" before a
	// person's. The key is built in keyBuf: a look-up allocates nothing,
	// only a new group's key is kept as a string.
	byKey := map[string]int{}
	var keyBuf []byte
	key := func(typ news.EntityType, name string) []byte {
		keyBuf = keyBuf[:0]
		if typ == news.PER {
			keyBuf = append(keyBuf, "per:"...)
		}
		keyBuf = appendLower(keyBuf, name)
		return keyBuf
	}
	add := func(m news.Mention, name string) {
		k := key(m.Type, name)
		i, ok := byKey[string(k)]
		if !ok {
			i = len(groups)
			full := string(k)
			byKey[full] = i
			lower := full
			if m.Type == news.PER {
				lower = full[len("per:"):]
			}
			groups = append(groups, &group{name: name, words: strings.Fields(lower), merged: -1}) // lowerWords(name), lower-cased once
		}
		g := groups[i]
		if k := typeIndex(m.Type); k >= 0 {
			g.typ[k]++
		}
		g.main = ""
		g.mentions = append(g.mentions, m)
		if m.Type == news.PER {
			if role := roleBefore(s, m.Start); role != "" && !slices.Contains(g.roles, role) {
				g.roles = append(g.roles, role)
			}
		}
	}
	for _, m := range mentions {
		if !hasCapital(m.Text) || hasLower(interjections, m.Text) {
			continue // "than", "nobody", "Oh": tagging slips
		}
		name := normalise(m.Text)
		var role string
		if m.Type != news.PER {
			// "Supreme Court Justice Ruth Bader Ginsburg" tagged as one
			// organisation: a role, then a person.
			if r, person, ok := splitTrailingPerson(m.Text); ok {
				off := strings.LastIndex(m.Text, person)
				m = news.Mention{Span: news.Span{Start: m.Start + off, End: m.Start + off + len(person)}, Text: person, Type: news.PER}
				name, role = normalise(person), r
			}
		}
		if m.Type == news.PER {
			var lead string
			name, lead = splitLeadingRole(name)
			if lead != "" {
				role = lead
			}
		}
		if name == "" {
			continue
		}
		m.Type = headType(name, m.Type)
		add(m, name)
		if role != "" {
			g := groups[byKey[string(key(news.PER, name))]]
			if !slices.Contains(g.roles, role) {
				g.roles = append(g.roles, role)
			}
		}
	}

	// People: a shorter name joins the fullest name whose words contain
	// it ("Putin" -> "Vladimir Putin"); the nearest preceding full name
	// wins when several do.
	order := make([]int, len(groups))
	for i := range order {
		order[i] = i
	}
	for _, i := range order {
		g := groups[i]
		if g.mainType() != news.PER {
			continue
		}
		best, bestStart := -1, -1
		for j, h := range groups {
			if j == i || h.merged >= 0 || h.mainType() != news.PER || len(h.words) <= len(g.words) || !subsetInOrder(g.words, h.words) {
				continue
			}
			if st := h.mentions[0].Start; best < 0 || (st <= g.mentions[0].Start && st > bestStart) {
				best, bestStart = j, st
			}
		}
		if best >= 0 {
			merge(groups, best, i)
		}
	}

	// Stated aliases and acronyms.
	for _, link := range statedAliases(s, brackets, another, aka) {
		a, b := findGroup(groups, link[0]), findGroup(groups, link[1])
		if a >= 0 && b >= 0 && root(groups, a) != root(groups, b) {
			merge(groups, root(groups, b), root(groups, a))
		}
	}
	for i, g := range groups {
		if g.merged >= 0 || !isAcronym(g.name) {
			continue
		}
		for j, h := range groups {
			if j != i && h.merged < 0 && h.mainType() != news.PER && h.initials() == g.name {
				merge(groups, j, i)
				break
			}
		}
	}

	live := 0
	for _, g := range groups {
		if g.merged < 0 {
			live++
		}
	}
	var out []news.Entity // nil when there are none, as callers have always had it
	if live > 0 {
		out = make([]news.Entity, 0, live)
	}
	for _, g := range groups {
		if g.merged >= 0 {
			continue
		}
		slices.SortFunc(g.mentions, func(a, b news.Mention) int { return a.Start - b.Start })
		e := news.Entity{ID: len(out), Type: g.mainType(), Name: g.name, Aliases: g.aliases, Roles: g.roles, Mentions: g.mentions}
		out = append(out, e)
	}
	return out
}

// mainTypes are the types an entity may have, in order of preference
// when mentions are split evenly. Mentions of other types are not counted.
var mainTypes = [...]news.EntityType{news.PER, news.ORG, news.LOC, news.MISC}

func typeIndex(t news.EntityType) int {
	for k, u := range mainTypes {
		if u == t {
			return k
		}
	}
	return -1
}

func (g *group) mainType() news.EntityType {
	if g.main != "" {
		return g.main
	}
	best, n := news.MISC, -1
	for k, t := range mainTypes {
		if g.typ[k] > n {
			best, n = t, g.typ[k]
		}
	}
	g.main = best
	return best
}

func root(groups []*group, i int) int {
	for groups[i].merged >= 0 {
		i = groups[i].merged
	}
	return i
}

// merge folds group from into group into; the longer name stays canonical
// and the other becomes an alias.
func merge(groups []*group, into, from int) {
	a, b := groups[into], groups[from]
	if b == a {
		return
	}
	if len(b.words) > len(a.words) || (len(b.words) == len(a.words) && len(b.name) > len(a.name) && !isAcronym(b.name)) {
		a.name, b.name = b.name, a.name
		a.words, b.words = b.words, a.words
	}
	for _, n := range append([]string{b.name}, b.aliases...) {
		if n != a.name && !slices.Contains(a.aliases, n) && !(a.mainType() == news.PER && subsetInOrder(lowerWords(n), a.words)) {
			a.aliases = append(a.aliases, n)
		}
	}
	for k, n := range b.typ {
		a.typ[k] += n
	}
	a.main = ""
	for _, r := range b.roles {
		if !slices.Contains(a.roles, r) {
			a.roles = append(a.roles, r)
		}
	}
	a.mentions = append(a.mentions, b.mentions...)
	b.merged = into
	b.mentions = nil
}

// findGroup finds the live group named (or aliased) name.
func findGroup(groups []*group, name string) int {
	n := strings.ToLower(normalise(name))
	for i, g := range groups {
		if strings.ToLower(g.name) == n {
			return root(groups, i)
		}
		for _, a := range g.aliases {
			if strings.ToLower(a) == n {
				return root(groups, i)
			}
		}
	}
	return -1
}

// normalise strips honorifics, a leading "the" and possessive endings.
func normalise(name string) string {
	w := strings.Fields(name)
	for len(w) > 0 && (hasLower(honorifics, w[0]) || strings.EqualFold(w[0], "the")) {
		w = w[1:]
	}
	if len(w) == 0 {
		return ""
	}
	last := w[len(w)-1]
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(last, suf) && len(last) > len(suf) {
			w[len(w)-1] = strings.TrimSuffix(last, suf)
			break
		}
	}
	return strings.Join(w, " ")
}

// appendLower appends strings.ToLower(s) to dst, without building the
// string when s is ASCII.
func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return append(dst, strings.ToLower(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

func lowerWords(s string) []string { return strings.Fields(strings.ToLower(s)) }

// subsetInOrder reports whether short's words appear in long in order.
func subsetInOrder(short, long []string) bool {
	j := 0
	for _, w := range long {
		if j < len(short) && w == short[j] {
			j++
		}
	}
	return j == len(short)
}

// roleBefore returns the title or role written just before a person's
// name: "Russia's Foreign Minister", "White House spokesman", "President".
func roleBefore(s string, start int) string {
	var buf [6]string
	words := precedingWords(buf[:0], s, start, len(buf))
	i := len(words)
	core := false
	for i > 0 {
		w := words[i-1]
		lw := strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		switch {
		case hasLower(roleWords, lw):
			core = core || hasLower(roleCore, lw)
		case core && isCapitalised(w) && !strings.HasSuffix(w, ",") && !strings.HasSuffix(w, "."):
			// An organisation or country qualifying the role.
		default:
			goto done
		}
		i--
	}
done:
	if !core {
		return ""
	}
	role := strings.Join(words[i:], " ")
	return strings.Trim(role, " ,")
}

// precedingWords returns up to n whitespace-separated words before pos
// (in the same sentence as far as punctuation shows), appending them to
// dst.
func precedingWords(dst []string, s string, pos, n int) []string {
	lo := max(0, pos-120)
	for lo > 0 && !utf8.RuneStart(s[lo]) {
		lo++
	}
	chunk := s[lo:pos]
	if i := lastBreak(chunk); i >= 0 {
		chunk = chunk[i+1:]
	}
	// The last n of strings.Fields(chunk), without building them all.
	w := dst
	add := func(f string) {
		if len(w)-len(dst) == n {
			copy(w[len(dst):], w[len(dst)+1:])
			w = w[:len(w)-1]
		}
		w = append(w, f)
	}
	start := -1
	for i := 0; i < len(chunk); {
		size := 1
		c := chunk[i]
		space := c == ' ' || '\t' <= c && c <= '\r'
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(chunk[i:])
			space = unicode.IsSpace(r)
		}
		if space {
			if start >= 0 {
				add(chunk[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
		i += size
	}
	if start >= 0 {
		add(chunk[start:])
	}
	return w
}

// lastBreak is strings.LastIndexAny(s, ".;:!?\"“”\n(") in one pass over
// the bytes from the end: in UTF-8 the curly quotes are found by their
// bytes (searching for each quote on its own took longer than the rest of
// precedingWords).
func lastBreak(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case '.', ';', ':', '!', '?', '"', '\n', '(':
			return i
		case 0xe2: // “ is e2 80 9c, ” is e2 80 9d
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x9c || s[i+2] == 0x9d) {
				return i
			}
		}
	}
	return -1
}

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func isAcronym(s string) bool {
	if len(s) < 2 || len(s) > 6 {
		return false
	}
	for _, r := range s {
		if !unicode.IsUpper(r) && r != '.' {
			return false
		}
	}
	return true
}

// initials of a multi-word name ("Islamic State" -> "IS"); small words skipped.
func initials(name string) string {
	w := strings.Fields(name)
	if len(w) < 2 {
		return ""
	}
	var b strings.Builder
	for _, x := range w {
		if lw := strings.ToLower(x); lw == "of" || lw == "the" || lw == "and" || lw == "for" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(x)
		if !unicode.IsUpper(r) {
			return ""
		}
		b.WriteRune(r)
	}
	return b.String()
}

var (
	name       = `[A-Z][\w.’'-]*(?:\s+(?:of|the|and|al|bin|de|van|von|[A-Z][\w.’'-]*))*`
	bracketRe  = regexp.MustCompile(`(` + name + `)\s*[\[(]\s*((?:formerly|also|or|aka|a\.k\.a\.|known as)?\s*` + name + `(?:\s*,\s*(?:formerly|also known as|or|aka)?\s*` + name + `)*)\s*[\])]`)
	anotherRe  = regexp.MustCompile(`\b([A-Z]{2,6})\b[^.;]{0,200}?\b(?:using|with|as)\s+(?:another|an alternative|a different|its former)\s+name\s+(?:for|of)\s+(?:the\s+)?(` + name + `)`)
	akaRe      = regexp.MustCompile(`(` + name + `)\s*,?\s+(?:also known as|a\.k\.a\.|aka|formerly known as|formerly)\s+(?:the\s+)?(` + name + `)`)
	aliasWords = regexp.MustCompile(`^(?:formerly|also known as|also|or|aka|a\.k\.a\.|known as)\s+`)
)

// statedAliases finds alias statements in the text, given the matches of
// bracketRe, anotherRe and akaRe; each link is a pair of names of one
// entity.
func statedAliases(s string, brackets, another, aka [][]int) [][2]string {
	var out [][2]string
	for _, m := range submatches(s, brackets) {
		for _, a := range strings.Split(m[2], ",") {
			a = strings.TrimSpace(aliasWords.ReplaceAllString(strings.TrimSpace(a), ""))
			if a != "" && !partyLabel(a) && (isAcronym(a) || initials(m[1]) != "") {
				out = append(out, [2]string{trimThe(m[1]), a})
			}
		}
	}
	for _, m := range submatches(s, another) {
		out = append(out, [2]string{trimThe(m[2]), m[1]})
	}
	for _, m := range submatches(s, aka) {
		out = append(out, [2]string{trimThe(m[1]), trimThe(m[2])})
	}
	return out
}

// Cheap cues that must be present before an alias pattern can match;
// the patterns are costly, the cues rare.
var (
	anotherCue = []string{"name for", "name of"}
	akaCue     = []string{"known as", "formerly", " aka ", "a.k.a."}
)

func hasCue(s string, cues []string) bool {
	for _, c := range cues {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

// isReSpace reports the bytes \s matches in the patterns.
func isReSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// nameFollows reports whether s[j:] is \s+(?:the\s+)?[A-Z], how a name
// follows its cue in anotherRe and akaRe.
func nameFollows(s string, j int) bool {
	k := j
	for k < len(s) && isReSpace(s[k]) {
		k++
	}
	if k == j || k == len(s) {
		return false
	}
	if 'A' <= s[k] && s[k] <= 'Z' {
		return true
	}
	if !strings.HasPrefix(s[k:], "the") {
		return false
	}
	j = k + 3
	for k = j; k < len(s) && isReSpace(s[k]); k++ {
	}
	return k > j && k < len(s) && 'A' <= s[k] && s[k] <= 'Z'
}

// mayMatchAka is a cheap test that akaRe cannot match s when false: every
// match has a cue phrase followed by a capitalised name.
func mayMatchAka(s string) bool {
	for _, cue := range []string{"known as", "a.k.a.", "aka", "formerly"} {
		for off := 0; ; {
			i := strings.Index(s[off:], cue)
			if i < 0 {
				break
			}
			if nameFollows(s, off+i+len(cue)) {
				return true
			}
			off += i + 1 // cues may overlap ("a.k.a.k.a.")
		}
	}
	return false
}

// mayMatchAnother is a cheap test that anotherRe cannot match s when
// false: every match has "name", after whitespace and a word ending like
// "another" or "former", and before "for" or "of" and a capitalised name.
func mayMatchAnother(s string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], "name")
		if i < 0 {
			return false
		}
		p := off + i
		off = p + len("name")
		k := p
		for k > 0 && isReSpace(s[k-1]) {
			k--
		}
		if k == p {
			continue
		}
		before := s[:k]
		if !strings.HasSuffix(before, "another") && !strings.HasSuffix(before, "alternative") &&
			!strings.HasSuffix(before, "different") && !strings.HasSuffix(before, "former") {
			continue
		}
		j := off
		for j < len(s) && isReSpace(s[j]) {
			j++
		}
		if j == off {
			continue
		}
		switch {
		case strings.HasPrefix(s[j:], "for"):
			j += len("for")
		case strings.HasPrefix(s[j:], "of"):
			j += len("of")
		default:
			continue
		}
		if nameFollows(s, j) {
			return true
		}
	}
}

// findAkaIndex is akaRe.FindAllStringSubmatchIndex(s, maxAliasStatements),
// with the pattern run on the part of s that can hold its matches: from
// the first cue to the last, widened to the runs of name characters
// around them. The pattern is costly (every capital letter may start a
// name) and the cues come late in most texts that have one.
//
// Every match lies in one run of the characters akaRe can match (akaRun)
// and holds a cue word (akaWords), and a match's run starts no later than
// the run of the first cue and ends no earlier than that of the last:
// so no match starts before lo or ends after hi, and as akaRe has no
// anchors or word boundaries, the pattern finds the same matches in
// s[lo:hi] as in s.
func findAkaIndex(s string) [][]int {
	first, last := len(s), -1
	for _, w := range akaWords {
		if i := strings.Index(s, w); i >= 0 {
			first = min(first, i)
			last = max(last, strings.LastIndex(s, w)+len(w))
		}
	}
	if last < 0 {
		return nil
	}
	lo, hi := akaRunStart(s, first), akaRunEnd(s, last)
	out := akaRe.FindAllStringSubmatchIndex(s[lo:hi], maxAliasStatements)
	for _, m := range out {
		for k := range m {
			if m[k] >= 0 {
				m[k] += lo
			}
		}
	}
	return out
}

// akaWords are the words one of which every akaRe match holds.
var akaWords = []string{"known as", "a.k.a.", "aka", "formerly"}

// akaRun reports the ASCII bytes akaRe's names, cues and the space and
// comma between them are made of: \w and \s, the dot, apostrophe, hyphen
// and comma. The pattern's only other character is ’, which akaRunStart
// and akaRunEnd read as a whole.
func akaRun(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' ||
		c == ' ' || '\t' <= c && c <= '\r' || c == '.' || c == '\'' || c == '-' || c == ','
}

// akaRunStart returns where the run of akaRe's characters ending at i
// starts.
func akaRunStart(s string, i int) int {
	for i > 0 {
		switch {
		case akaRun(s[i-1]):
			i--
		case i >= 3 && s[i-3:i] == "’":
			i -= 3
		default:
			return i
		}
	}
	return i
}

// akaRunEnd returns where the run of akaRe's characters starting at i
// ends.
func akaRunEnd(s string, i int) int {
	for i < len(s) {
		switch {
		case akaRun(s[i]):
			i++
		case strings.HasPrefix(s[i:], "’"):
			i += 3
		default:
			return i
		}
	}
	return i
}

// maxAliasStatements bounds the alias statements read per article: real
// articles state a handful; a hostile text with thousands must not make
// grouping quadratic.
const maxAliasStatements = 64

// bracketWindow is how far around an opening bracket a bracketed alias
// ("Islamic State (IS)") is looked for.
const bracketWindow = 100

// findBracketsIndex runs the bracket pattern only around opening brackets
// followed by a capital letter, and returns submatch indexes into s.
func findBracketsIndex(s string) [][]int {
	var out [][]int
	lastEnd := 0
	for i := 0; i < len(s) && len(out) < maxAliasStatements; i++ {
		if s[i] != '(' && s[i] != '[' {
			continue
		}
		j := i + 1
		for j < len(s) && s[j] == ' ' {
			j++
		}
		if j >= len(s) || s[j] < 'A' || s[j] > 'Z' {
			continue
		}
		lo := max(lastEnd, i-bracketWindow)
		for lo > 0 && lo < len(s) && !utf8.RuneStart(s[lo]) {
			lo++
		}
		hi := min(len(s), i+bracketWindow)
		for hi < len(s) && !utf8.RuneStart(s[hi]) {
			hi++
		}
		for _, m := range bracketRe.FindAllStringSubmatchIndex(s[lo:hi], -1) {
			if lo+m[0] > i || lo+m[1] <= i {
				continue // not the bracket at i
			}
			for k := range m {
				if m[k] >= 0 {
					m[k] += lo
				}
			}
			out = append(out, m)
			lastEnd = m[1]
		}
	}
	return out
}

// submatches turns submatch indexes into strings.
func submatches(s string, idx [][]int) [][]string {
	var out [][]string
	for _, m := range idx {
		sub := make([]string, len(m)/2)
		for k := range sub {
			if m[2*k] >= 0 {
				sub[k] = s[m[2*k]:m[2*k+1]]
			}
		}
		out = append(out, sub)
	}
	return out
}

func trimThe(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"the ", "The "} {
		s = strings.TrimPrefix(s, p)
	}
	// A trailing generic word is not part of the name ("Islamic State terrorist organization").
	w := strings.Fields(s)
	for len(w) > 1 && !isCapitalised(w[len(w)-1]) {
		w = w[:len(w)-1]
	}
	return strings.Join(w, " ")
}

// hyphenatedAcronyms finds acronyms inside hyphenated words
// ("counter-ISIL") that the text states to be another name of something
// (another: the matches of anotherRe), as mentions of their own.
func hyphenatedAcronyms(s string, another [][]int, have []news.Mention) []news.Mention {
	var out []news.Mention
	for _, m := range another {
		start, end := m[2], m[3]
		covered := false
		for _, h := range have {
			if h.Start <= start && end <= h.End {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, news.Mention{Span: news.Span{Start: start, End: end}, Text: s[start:end], Type: news.ORG})
		}
	}
	return out
}

// coverAliasSpans makes sure every name in an alias statement is one
// mention: "Islamic State [IS, formerly ISIS]" tagged as "Islamic" alone
// becomes "Islamic State".
func coverAliasSpans(s string, brackets, another, aka [][]int, mentions []news.Mention) []news.Mention {
	owned := false // mentions is a copy of the caller's, to filter in place
	for _, sp := range aliasNameSpans(s, brackets, another, aka) {
		typ := news.ORG
		var keep []news.Mention
		if owned {
			keep = mentions[:0] // writes never pass the mention being read
		} else {
			keep = make([]news.Mention, 0, len(mentions)+1)
			owned = true
		}
		covered := false
		for _, m := range mentions {
			switch {
			case m.Start == sp.Start && m.End == sp.End:
				covered = true
				keep = append(keep, m)
			case m.Start < sp.End && sp.Start < m.End:
				if m.Type != news.PER {
					typ = m.Type
				}
			default:
				keep = append(keep, m)
			}
		}
		if !covered {
			keep = append(keep, news.Mention{Span: sp, Text: s[sp.Start:sp.End], Type: typ})
		}
		mentions = keep
	}
	return mentions
}

// aliasNameSpans returns the spans of the names in alias statements.
func aliasNameSpans(s string, brackets, another, aka [][]int) []news.Span {
	var out []news.Span
	for _, m := range brackets {
		out = append(out, nameSpan(s, m[2], m[3]))
		inner := s[m[4]:m[5]]
		off := m[4]
		for _, part := range strings.Split(inner, ",") {
			p := strings.TrimSpace(part)
			p = aliasWords.ReplaceAllString(p, "")
			if p == "" {
				off += len(part) + 1
				continue
			}
			i := strings.Index(s[off:], p)
			if i >= 0 {
				out = append(out, news.Span{Start: off + i, End: off + i + len(p)})
			}
			off += len(part) + 1
		}
	}
	for _, ms := range [][][]int{another, aka} {
		for _, m := range ms {
			out = append(out, nameSpan(s, m[2], m[3]), nameSpan(s, m[4], m[5]))
		}
	}
	return out
}

// nameSpan trims "the" and trailing lower-case words off a matched name.
func nameSpan(s string, a, b int) news.Span {
	t := trimThe(s[a:b])
	if i := strings.Index(s[a:b], t); i >= 0 && t != "" {
		return news.Span{Start: a + i, End: a + i + len(t)}
	}
	return news.Span{Start: a, End: b}
}

// splitLeadingRole separates a title the tagger included in a person's
// name ("Mayor Lena Ortiz" -> "Lena Ortiz", "Mayor").
func splitLeadingRole(name string) (string, string) {
	w := strings.Fields(name)
	i := 0
	core := false
	for i < len(w)-1 && hasLower(roleWords, w[i]) {
		core = core || hasLower(roleCore, w[i])
		i++
	}
	if i == 0 || !core {
		return name, ""
	}
	return strings.Join(w[i:], " "), strings.Join(w[:i], " ")
}

func hasCapital(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// Head nouns that settle the type of a multi-word name whatever the
// tagger guessed ("Marren Islands" is a place, "Ferry Crews Union" an
// organisation).
var (
	locHeads = map[string]bool{"islands": true, "island": true, "isles": true, "river": true, "mountains": true, "sea": true,
		"ocean": true, "bay": true, "valley": true, "lake": true, "gulf": true, "strait": true, "peninsula": true,
		"county": true, "province": true, "region": true, "coast": true, "desert": true, "street": true, "avenue": true,
		"square": true, "heights": true, "hills": true, "falls": true, "canyon": true, "harbour": true, "harbor": true}
	orgHeads = map[string]bool{"union": true, "authority": true, "party": true, "ministry": true, "council": true,
		"committee": true, "agency": true, "bank": true, "company": true, "corp": true, "corp.": true, "inc": true, "inc.": true,
		"university": true, "association": true, "commission": true, "court": true, "department": true, "army": true,
		"police": true, "times": true, "news": true, "institute": true, "foundation": true, "group": true, "federation": true,
		"office": true, "administration": true, "parliament": true, "senate": true, "congress": true, "duma": true}
)

func headType(name string, t news.EntityType) news.EntityType {
	if oneASCIIWord(name) {
		return t
	}
	w := strings.Fields(strings.ToLower(name))
	if len(w) < 2 {
		return t
	}
	switch head := w[len(w)-1]; {
	case locHeads[head]:
		return news.LOC
	case orgHeads[head]:
		return news.ORG
	}
	return t
}

// hasLower reports whether m has w lower-cased (m[strings.ToLower(w)])
// without building the lower-case string for short ASCII words. The sets
// passed hold words of at most maxLowerKey bytes; lower-casing shrinks a
// word at most threefold (KELVIN SIGN, 3 bytes, becomes "k").
func hasLower(m map[string]bool, w string) bool {
	if len(w) > 3*maxLowerKey {
		return false
	}
	var buf [3 * maxLowerKey]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return m[strings.ToLower(w)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return m[string(buf[:len(w)])]
}

// maxLowerKey is the longest word of the sets hasLower reads (checked by
// a test).
const maxLowerKey = 16

// oneASCIIWord reports an ASCII string without spaces, which is at most
// one field.
func oneASCIIWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// interjections and other capitalised words the tagger may take for names.
var interjections = map[string]bool{"oh": true, "well": true, "yes": true, "no": true, "hey": true, "ah": true,
	"okay": true, "ok": true, "please": true, "thanks": true, "wow": true, "mr": true, "mrs": true, "ms": true}

// partyLabel reports a US party-state label ("D-Wis.", "R-Va."), which
// follows names in brackets but is no alias.
func partyLabel(s string) bool {
	s = strings.TrimSuffix(s, ".")
	return len(s) >= 3 && len(s) <= 8 && (s[0] == 'D' || s[0] == 'R' || s[0] == 'I') && s[1] == '-'
}

// splitTrailingPerson splits "Supreme Court Justice Ruth Bader Ginsburg"
// into the role "Supreme Court Justice" and the person "Ruth Bader
// Ginsburg": a core role word followed by two to four capitalised words.
func splitTrailingPerson(s string) (role, person string, ok bool) {
	w := strings.Fields(s)
	for i := len(w) - 3; i >= 0; i-- {
		if !hasLower(roleCore, w[i]) {
			continue
		}
		rest := w[i+1:]
		if len(rest) < 2 || len(rest) > 4 {
			return "", "", false
		}
		for _, x := range rest {
			if !isCapitalised(x) || hasLower(roleWords, x) || hasLower(orgHeads, x) {
				return "", "", false
			}
		}
		return strings.Join(w[:i+1], " "), strings.Join(rest, " "), true
	}
	return "", "", false
}
