package quote

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
	"ministry": true, "government": true, "report": true, "statement": true, "broadcaster": true, "outlet": true,
	"daily": true, "website": true, "magazine": true, "group": true, "organization": true, "organisation": true,
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
