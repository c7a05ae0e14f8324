// Package compare turns a story (the analysed articles of one event, from
// several outlets) into a Report: what each outlet reported, which facts
// several outlets corroborate and which only one carries, whom each outlet
// quotes and whom it leaves unheard, which names each mentions, and how
// each framed the event (headline, lead, time).
//
// Claims. Every sentence of every article (and every headline) becomes a
// bag of normalised terms: content-word stems, a small news paraphrase
// lexicon folding synonyms together (refuse/reject/decline/refusal ->
// refuse, proposal/offer/propose -> propose, deal/accord -> agreement, …),
// named entities keyed by their canonical name (people by surname, so
// "Lavrov" and "Sergei Lavrov" meet; "U.S.", "US", "United States" and
// "Washington" as the same place), and numbers. Terms are weighted by
// inverse document frequency (the story package's background table).
// Sentences are grouped greedily in article order: a sentence joins the
// claim group whose best member it resembles most (cosine >= 0.28, and at least two shared terms rarer than the commonest news words) when
// that group has no sentence from the same article yet, else it opens a
// new group. Candidate groups come from an inverted index over terms, so
// cost grows with the story's sentences, not their square. A group whose
// sentences come from two or more outlets is corroborated; one outlet's
// groups are its exclusives. Near-duplicate articles (wire copies) are
// shown once, under the article they copy, and do not corroborate it.
//
// Disagreements. Inside a corroborated group, numbers attached to the
// same unit word ("4 percent" vs "3.5 percent", "eleven hours" vs
// "twelve hours") that differ between outlets are flagged.
//
// Voices. Quotations are grouped by speaker (people by surname within the
// story); the same quotation carried by several outlets is grouped when
// their words overlap (Jaccard >= 0.5), so wording differences stay
// visible side by side. For each outlet: the voices it quotes and the
// story's voices it leaves out.
package compare
