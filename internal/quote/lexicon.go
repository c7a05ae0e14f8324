package quote

import "strings"

// cues are the verbs (and phrases) of saying that attribute a quotation.
var cues = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "tells": true, "added": true, "adds": true,
	"stressed": true, "stresses": true, "noted": true, "notes": true, "explained": true, "explains": true,
	"warned": true, "warns": true, "claimed": true, "claims": true, "insisted": true, "insists": true,
	"argued": true, "argues": true, "wrote": true, "writes": true, "asked": true, "asks": true, "replied": true,
	"answered": true, "declared": true, "declares": true, "announced": true, "announces": true, "stated": true,
	"states": true, "continued": true, "recalled": true, "suggested": true, "suggests": true, "admitted": true,
	"acknowledged": true, "conceded": true, "complained": true, "urged": true, "emphasized": true,
	"emphasised": true, "reported": true, "reports": true, "tweeted": true, "posted": true, "commented": true,
	"remarked": true, "observed": true, "predicted": true, "vowed": true, "promised": true, "concluded": true,
	"testified": true, "cautioned": true, "alleged": true, "maintained": true, "confirmed": true, "denied": true,
	"countered": true, "responded": true, "joked": true, "quipped": true, "boasted": true, "lamented": true,
	"believes": true, "thinks": true, "believed": true, "thought": true, "agreed": true, "disputed": true,
	"charged": true, "contended": true, "estimated": true, "mused": true, "pleaded": true, "proclaimed": true,
	"recounted": true, "reiterated": true, "retorted": true, "shouted": true, "signaled": true,
	"signalled": true, "speculated": true, "blasted": true, "slammed": true, "accused": true, "demanded": true,
	"according": true, "saying": true, "telling": true, "adding": true, "noting": true, "writing": true,
	"explaining": true, "arguing": true, "warning": true, "insisting": true, "stressing": true, "claiming": true,
	"acknowledging": true, "retort": true, "calls": true, "called": true, "dubbed": true, "accusing": true,
	"describing": true, "calling": true, "reads": true, "read": true,
}

// indirectCues are the cues that introduce reported speech without marks
// (a subset: verbs that take a clause).
var indirectCues = map[string]bool{
	"said": true, "says": true, "told": true, "added": true, "stressed": true, "noted": true, "explained": true,
	"warned": true, "claimed": true, "insisted": true, "argued": true, "wrote": true, "declared": true,
	"announced": true, "stated": true, "suggested": true, "admitted": true, "acknowledged": true, "conceded": true,
	"complained": true, "emphasized": true, "emphasised": true, "reported": true, "reports": true, "tweeted": true,
	"predicted": true, "vowed": true, "promised": true, "concluded": true, "testified": true, "cautioned": true,
	"alleged": true, "maintained": true, "confirmed": true, "denied": true, "countered": true, "responded": true,
	"believes": true, "contended": true, "reiterated": true,
	"signaled": true, "signalled": true, "insists": true, "claims": true, "argues": true, "warns": true, "notes": true,
	"adds": true, "tells": true, "writes": true,
}

// pronouns that can stand for a speaker.
var pronouns = map[string]bool{"he": true, "she": true, "they": true, "it": true, "we": true, "i": true}

// determiners that open a description of a speaker ("the minister").
var determiners = map[string]bool{"the": true, "a": true, "an": true, "his": true, "her": true, "its": true, "their": true, "one": true, "another": true}

// orgNouns are heads of descriptions that refer to organisations.
var orgNouns = map[string]bool{
	"newspaper": true, "paper": true, "agency": true, "network": true, "channel": true, "company": true,
	"ministry": true, "government": true, "broadcaster": true, "outlet": true,
	"daily": true, "website": true, "magazine": true, "group": true, "organization": true, "organisation": true,
	"union": true, "party": true, "council": true, "court": true, "firm": true, "bank": true,
	"committee": true, "campaign": true, "department": true, "office": true, "administration": true, "kremlin": true,
}

// personNouns are heads of descriptions that refer to people.
var personNouns = map[string]bool{
	"minister": true, "diplomat": true, "president": true, "spokesman": true, "spokeswoman": true,
	"spokesperson": true, "official": true, "leader": true, "senator": true, "governor": true, "mayor": true,
	"director": true, "chairman": true, "secretary": true, "candidate": true, "nominee": true, "lawmaker": true,
	"congressman": true, "congresswoman": true, "chief": true, "general": true, "ambassador": true, "envoy": true,
	"premier": true, "chancellor": true, "king": true, "queen": true, "prince": true, "pope": true, "judge": true,
	"prosecutor": true, "lawyer": true, "attorney": true, "executive": true, "ceo": true, "founder": true,
	"businessman": true, "billionaire": true, "politician": true, "republican": true, "democrat": true, "man": true,
	"woman": true, "commander": true, "officer": true, "analyst": true, "expert": true, "professor": true,
	"economist": true, "activist": true, "adviser": true, "advisor": true, "aide": true, "host": true, "star": true,
	"actor": true, "actress": true, "singer": true, "coach": true, "player": true, "source": true, "witness": true,
}

// docNouns are texts that speak for their author ("the statement said",
// "the letter reads"): they stand for the speaker just quoted.
var docNouns = map[string]bool{"statement": true, "letter": true, "ad": true, "advertisement": true, "report": true,
	"release": true, "post": true, "tweet": true, "memo": true, "email": true, "note": true, "filing": true, "lawsuit": true}

// firstNames give the grammatical gender of common first names in
// English-language news, for "he"/"she" resolution when the text itself
// does not tell.
var femaleNames, maleNames = nameSet(`hillary nancy ruth susan elizabeth sarah michelle melania ivanka kamala
	condoleezza madeleine angela theresa marine christine janet sonia elena amy kirsten tulsi debbie dianne barbara
	laura jill kellyanne sarah huckabee nikki lisa maxine alexandria ilhan rashida ayanna liz kathleen mary maria
	patricia jennifer linda karen donna carol sandra ashley emily jessica anna margaret catherine kate helen lena
	michele carly meghan megan julia sheryl oprah hope betsy kirstjen gina loretta janet samantha valerie stephanie
	heidi claire tammy patty marsha joni shelley lindsey kelly kay cindy ann anne jane joan jean judy rebecca rachel
	nicole natalie olivia sophia emma chelsea malia sasha beyonce taylor`), nameSet(`donald barack joe george bill
	john mike michael mitt paul ted marco jeb rand chris ben bernie tim jim james robert william richard charles thomas
	david daniel mark steven steve kevin brian jason jeff jeffrey eric scott rick rudy newt mitch chuck harry vladimir
	sergei dmitry xi kim emmanuel boris justin benjamin bashar recep narendra josh sean reince stephen jared rex
	jeff jerome ron gavin andrew cory pete beto julian jay lindsey adam devin trey jerry anthony nicolas juan carlos
	luis jose felipe vicente enrique ed edward frank fred greg henry jack larry matt peter ray roger sam tom tony`)

func nameSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
