// Package story assigns articles to stories (the set of articles, from
// any outlets, that report one event) as they stream in, and spots
// near-duplicates (wire copies, syndicated and re-published articles).
//
// Representation. An article becomes a sparse TF-IDF vector over what
// reporters vary least: content words (stemmed, stop words dropped), named
// entities (canonical names from the entity stage, weight x2), numbers of
// two or more digits, with title terms counted again (x2). IDF comes from
// a background table of document frequencies (generated from
// bulk/allsides-37k by internal/story/cmd/idf, committed as idf.txt.gz)
// blended with the frequencies seen in the stream itself. Vectors are cut
// to their 60 heaviest terms and L2-normalised.
//
// Assignment. Each story keeps a centroid (the normalised sum of its
// members' vectors, cut to 100 terms) and an inverted index from its
// centroid terms to the story. A new article looks up candidate stories
// through its 20 heaviest terms (so the cost does not grow with the
// number of stories, only with the postings of rare terms), scores each
// candidate by cosine similarity with the centroid, and joins the best if
// the score reaches Threshold (0.18); otherwise it opens a new story.
//
// Time. When both the article and the story have dates, a story whose
// latest article is more than Window (48 h) older (or newer) than the
// article is not a candidate, nor is one whose first article is more than
// MaxSpan (48 h) away: a chain of daily developments on one topic
// ("Afghanistan, day after day") does not merge into one story. An undated
// article (ECB+ has no dates) uses the years its text mentions instead: it
// cannot join a story whose articles mention only years more than one
// year away from its own (two earthquakes in one region, 2008 and 2011,
// stay apart however alike the wording). A story untouched for Window of
// stream time goes dormant: it leaves
// the inverted index (memory stays bounded by the active window) but its
// id and summary remain findable. A story no article has joined for
// IdleArticles (5,000) arrivals goes dormant too, so undated or
// out-of-order streams stay bounded as well.
//
// Near-duplicates. Exact duplicates share a hash of the normalised text
// (lower case, letters and digits only). Near-duplicates are found with
// MinHash over word 5-shingles (64 hash functions) and LSH (16 bands of 4
// rows): a candidate pair whose estimated Jaccard similarity is at least
// DuplicateJaccard (0.8) is a near-duplicate; the article is reported as
// duplicate_of the earliest such article, and joins its story.
//
// Tuning. Threshold, Window and MaxSpan were chosen on the tuning half of
// the gold stories of ../shared/data/stories (split by a hash of the story
// id); `parallax eval stories` reports the held-out half separately.
//
// Story ids are "s-" plus the id of the story's first article, so they are
// stable for the same input order; everything is deterministic for the
// same input order.
//
// Memory. Centroids, member terms, the inverted index and the
// duplicate index hold only the active window (stories and articles of the
// last Window of stream time). What grows with the stream is a summary per
// dormant story (id, size, first and last time: about 100 bytes) and the
// stream's term frequencies (bounded by the vocabulary). Measured: 43 MB
// of clusterer heap after all 37,554 articles of allsides-37k (2,461
// stories active at the end). At 10M articles the summaries would reach a
// few hundred MB; they belong in the store (a later issue), leaving memory
// bounded by the active window alone.
package story
