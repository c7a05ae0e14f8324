package story

// NewTrainer returns a clusterer for training the story model: every
// article goes to the story gold names for it (stories are named by
// their gold ids), and sample gets the features of every candidate story
// the article is measured against, with whether it is the article's gold
// story. Candidates are retrieved and filtered as in a normal run.
func NewTrainer(p Params, gold func(articleID string) (story string, ok bool), sample func(f *Features, same bool)) *Clusterer {
	c := New(p)
	c.gold, c.sample = gold, sample
	return c
}
