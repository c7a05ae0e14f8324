package source

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/parallax-news/parallax/internal/news"
)

// readFeed reads an RSS, Atom or RDF feed: every item becomes an HTML
// document (its full content, else its description) with the item's title,
// link, date and authors as hints. A feed whose XML breaks part-way (a
// truncated download) still gives the items before the break, plus an error;
// so does a feed that crosses a limit of the pre-scan (see scanFeed), cut
// where it crosses it, before the parser is given the costly part.
func (o *Opener) readFeed(name string, b []byte, yield func(news.Document, error) bool) bool {
	b, cut, broken := checkFeed(b)
	var feed *gofeed.Feed
	if broken != nil {
		feed = salvageFeed(b[:cut])
	} else {
		var err error
		feed, err = gofeed.NewParser().Parse(bytes.NewReader(b))
		if err != nil {
			broken = fmt.Errorf("broken feed XML: %w", err)
			feed = salvageFeed(b)
		}
	}
	if broken != nil && feed == nil {
		return yield(news.Document{}, &Error{Input: name, Err: broken})
	}
	for i, it := range feed.Items {
		recName := name + "#" + strconv.Itoa(i+1)
		doc, err := feedItem(recName, feed, it)
		if err != nil {
			if !yield(news.Document{}, &Error{Input: recName, Err: err}) {
				return false
			}
			continue
		}
		if !yield(doc, nil) {
			return false
		}
	}
	if broken != nil {
		return yield(news.Document{}, &Error{Input: name, Err: fmt.Errorf("%w (read the %d items before the break)", broken, len(feed.Items))})
	}
	if len(feed.Items) == 0 {
		return yield(news.Document{}, &Error{Input: name, Err: errors.New("feed has no items")})
	}
	return true
}

// salvageFeed cuts a broken feed after its last complete item and closes
// the document, so the items before the damage can be read.
func salvageFeed(b []byte) *gofeed.Feed {
	for _, c := range []struct{ end, closing string }{
		{"</item>", "</channel></rss>"},
		{"</entry>", "</feed>"},
	} {
		i := bytes.LastIndex(b, []byte(c.end))
		if i < 0 {
			continue
		}
		cut := append(append([]byte{}, b[:i+len(c.end)]...), c.closing...)
		if f, err := gofeed.NewParser().Parse(bytes.NewReader(cut)); err == nil && len(f.Items) > 0 {
			return f
		}
	}
	return nil
}

func feedItem(recName string, feed *gofeed.Feed, it *gofeed.Item) (news.Document, error) {
	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Description
	}
	if strings.TrimSpace(body) == "" {
		return news.Document{}, fmt.Errorf("feed item %q has no content or description", it.Title)
	}
	h := news.Article{
		Title: strings.TrimSpace(it.Title),
		URL:   strings.TrimSpace(it.Link),
	}
	switch {
	case it.PublishedParsed != nil:
		h.Published = it.PublishedParsed.UTC().Format(time.RFC3339)
	case it.UpdatedParsed != nil:
		h.Published = it.UpdatedParsed.UTC().Format(time.RFC3339)
	default:
		h.Published = strings.TrimSpace(it.Published)
	}
	var authors []string
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			authors = append(authors, strings.TrimSpace(p.Name))
		}
	}
	if len(authors) == 0 && it.DublinCoreExt != nil {
		authors = append(authors, it.DublinCoreExt.Creator...)
	}
	h.Byline = strings.Join(authors, ", ")
	if feed.Title != "" {
		h.Outlet = strings.TrimSpace(feed.Title)
	}
	if feed.Language != "" {
		h.Language = strings.ToLower(strings.SplitN(feed.Language, "-", 2)[0])
	}
	if h.URL == "" && it.GUID != "" && strings.HasPrefix(it.GUID, "http") {
		h.URL = it.GUID
	}
	return news.Document{Source: recName, Format: news.FormatHTML, Body: []byte(body), Hint: h}, nil
}
