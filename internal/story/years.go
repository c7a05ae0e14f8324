package story

import "regexp"

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
		set |= yearOf(int(s[i]-'0')*1000 + int(s[i+1]-'0')*100 + int(s[i+2]-'0')*10 + int(s[i+3]-'0'))
	}
	return set
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// datelineWindow is how far into a text a dateline may start: a page
// scraped to text often opens with its headline and then its date
// ("Ellen DeGeneres to host Oscars August 2, 2013 | 08:06AM PT").
const datelineWindow = 200

const monthName = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`

// fullDate finds spans shaped like a full date ("August 2, 2013", "2 Aug
// 2013", "2013-08-02", "08/02/2013", with the spaces detokenised text puts
// around separators: "11 / 27 / 2005"); the year is the last group.
var fullDate = regexp.MustCompile(`(?i)\b(?:` +
	monthName + `\s+\d{1,2}(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)` +
	`|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthName + `,?\s+((?:19|20)\d\d)` +
	`|((?:19|20)\d\d)\s?[-/]\s?[01]?\d\s?[-/]\s?[0-3]?\d` +
	`|[0-3]?\d\s?[/.]\s?[0-3]?\d\s?[/.]\s?((?:19|20)\d\d)` +
	`)\b`)

// datelineYear is the year of the date a text states at its very start
// (its dateline), as a yearSet; 0 when there is none.
func datelineYear(text string) yearSet {
	head := text
	if len(head) > datelineWindow {
		head = head[:datelineWindow]
	}
	m := fullDate.FindStringSubmatch(head)
	for _, g := range m[min(1, len(m)):] {
		if g != "" {
			return mentionedYears(g)
		}
	}
	return 0
}

// yearOf is year y as a yearSet (0 outside 1990-2053).
func yearOf(y int) yearSet {
	if y >= firstYear && y < firstYear+64 {
		return 1 << (y - firstYear)
	}
	return 0
}

// meets says whether two sets of years share one, give or take a year
// ("last year" background must not keep two reports apart).
func (y yearSet) meets(o yearSet) bool { return y&(o|o<<1|o>>1) != 0 }

// storyYears is a story's time evidence: the years its members were
// written in (of their dates or datelines) and the years its undated
// members mention.
type storyYears struct{ written, mentioned yearSet }

// add adds a member's time evidence.
func (s *storyYears) add(p *Prepared) {
	if p.written {
		s.written |= p.years
	} else {
		s.mentioned |= p.years
	}
}

func (s storyYears) empty() bool { return s.written|s.mentioned == 0 }

// meets says whether an article's years (the year it was written in, or
// else the years it mentions) meet the story's. Two years of writing meet
// give or take one (December and January), and so do two texts' mentioned
// years; a text written in year W meets years mentioned in W or the year
// before ("last year"), but not later ones: a report of 2004 does not
// tell of a story that mentions 2005.
func (s storyYears) meets(y yearSet, written bool) bool {
	if written {
		return y.meets(s.written) || y&(s.mentioned|s.mentioned<<1) != 0
	}
	return y&(s.written|s.written>>1) != 0 || y.meets(s.mentioned)
}
