// Package quote finds quotations in article text and attributes them to
// speakers.
//
// Method:
//
//  1. Quotation spans. Opening and closing marks are paired within a
//     paragraph: curly double quotes, guillemets, straight double quotes
//     (an opening mark follows a space, a bracket or the paragraph start;
//     a closing mark follows a word or punctuation), and curly single
//     quotes. A paragraph that ends inside an open quotation and a next
//     paragraph that opens with a quotation mark make one quotation across
//     paragraphs. Emphasised paragraphs or sentences (*…*) right after a
//     quotation, in scraped pages, continue it.
//  2. Not quotations: one or two quoted words (scare quotes), quoted
//     capitalised titles without a verb of saying near them.
//  3. Kind: direct when the quotation is a sentence or more (it starts its
//     sentence, or follows "said:"), partial when it is a fragment inside a
//     reported sentence ("Russia 'was leaving the doors open' to anyone").
//  4. Attribution: the rest of the sentence around the quotation is
//     searched for a verb of saying (said, told, added, stressed, …,
//     "according to") and its subject or object: a named entity, a
//     pronoun, or a description ("the minister", "the newspaper"), with
//     any title or role before a name kept as the role. A quotation with
//     no attribution of its own continues the previous quotation's
//     speaker when it follows it directly (the next sentence or paragraph).
//  5. Resolution: pronouns go to the most recent speaker (or, failing
//     that, the most recent person named before the quotation);
//     descriptions go to the entity whose role has the same head noun
//     ("the minister" -> Foreign Minister Sergei Lavrov), else the most
//     recent speaker; "the newspaper"/"the agency" to the most recent
//     organisation.
//  6. Indirect speech: sentences without quotation marks where a named
//     speaker, pronoun or description is the subject of a verb of saying
//     followed by a clause ("Lavrov said the U.S. had declined the
//     offer"), or that open with "According to X,".
package quote
