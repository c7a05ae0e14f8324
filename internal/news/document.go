package news

// Format says what a Document's body is, and so which extractor reads it.
type Format string

// Document formats.
const (
	// FormatText is plain text or Markdown-ish text scraped from a web page.
	FormatText Format = "text"
	// FormatHTML is an HTML page (or an HTML fragment from a feed item).
	FormatHTML Format = "html"
	// FormatArticle is an already structured record (a JSONL line in our
	// schema): Hint holds the article and Body is empty.
	FormatArticle Format = "article"
)

// Document is one raw input record as a reader found it, before extraction.
// Readers fill what the container knows (a feed item's title and date, a
// WARC record's target URI, a whole JSONL article) into Hint; the extractor
// fills the rest from Body and lets Hint win where the container is more
// trustworthy than the page.
type Document struct {
	// Source is the input path, or path#N for the N-th record in a container.
	Source string
	Format Format
	// Body is the raw bytes (HTML or text), already decompressed and decoded
	// to UTF-8 where the reader knows the charset.
	Body []byte
	// Hint carries metadata known from the container (may be empty).
	Hint Article
}
