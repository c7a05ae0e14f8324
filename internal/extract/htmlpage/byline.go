package htmlpage

import (
	"regexp"
	"strings"
)

var (
	bylinePrefix = regexp.MustCompile(`(?i)^\s*(?:(?:written|posted|published|reported|story|text|words|photos?|(?:view |see )?(?:all |more )?(?:posts|articles|stories)|alle beiträge|beiträge|artikel)\s+)?(?:by|von|par|por|di|door)\s*[:\-]?\s+`)
	bylineTail   = regexp.MustCompile(`(?i)\s*(?:[|•·,–—-]\s*)?(?:\b(?:last\s+)?(?:updated|published|posted)\b.*|\bedited\s+by\b.*|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b.*|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}.*|\d{1,2}[./]\d{1,2}[./]\d{2,4}.*|\d{4}-\d{2}-\d{2}.*|\d+\s+(?:hours?|minutes?|days?)\s+ago.*|\b(?:před|vor|il y a|hace)\s+\d+.*)$`)
	bylineEmail  = regexp.MustCompile(`\S+@\S+`)
	bylineStaff  = regexp.MustCompile(`(?i)^(?:staff|staff writer|staff reporter|editor|editors|admin|administrator|unknown|anonymous|guest|redaktion|newsroom)$`)
	bylineSep    = regexp.MustCompile(`\s*(?:;|\s\|\s)\s*`)
	// textCredit is a credit line in the article text: "Written by: Jane
	// Doe", "By Jane Doe", "Von Hans Muster" (two to four capitalised words).
	textCredit = regexp.MustCompile(`^(?i:(?:written|reported|text|words|story)\s+)?(?i:by|von|par|por)\s*:?\s+(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,3})\.?$`)
)

// textByline finds a credit line among the first and last three
// paragraphs of an article's text (a republished piece often credits its
// author at the end: "Written by: Jane Doe"), or "".
func textByline(text string) string {
	paras := strings.Split(text, "\n\n")
	for i, p := range paras {
		if i >= 3 && i < len(paras)-3 {
			continue
		}
		if p = strings.TrimSpace(p); len(p) > 80 {
			continue
		}
		if m := textCredit.FindStringSubmatch(p); m != nil {
			return m[1]
		}
	}
	return ""
}

// CleanByline reduces a byline to the names: "By Jane Doe and John Roe"
// -> "Jane Doe and John Roe"; dates, e-mail addresses and "Staff" go; the
// same name repeated (as in "Jane Doe; JANE DOE") is kept once.
func CleanByline(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return ""
	}
	parts := bylineSep.Split(s, -1)
	var out []string
	seen := map[string]bool{}
	for _, p := range parts {
		p = bylinePrefix.ReplaceAllString(p, "")
		p = bylineEmail.ReplaceAllString(p, "")
		p = bylineTail.ReplaceAllString(p, "")
		p = strings.Trim(p, " ,;:|-–—•·")
		if p == "" || bylineStaff.MatchString(p) || len(p) > 100 {
			continue
		}
		k := strings.ToLower(p)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, p)
	}
	return strings.Join(out, ", ")
}
