// Package extract turns a news.Document into a news.Article: clean body
// text and trustworthy metadata. HTML pages go through an extractor library;
// Markdown-ish scraped text is cleaned of the boilerplate scraped pages carry;
// structured records are normalised. Dates, outlets and language are filled
// by the sub-packages dates and outlet.
package extract
