// Package source is the reader layer: it turns inputs (files, directories,
// globs, stdin, and later URLs and feeds) into a stream of news.Document
// values. Each input kind has its own reader; the type of a file is detected
// from its content, not only its extension. A reader never stops the batch:
// a bad input yields an *Error naming it, and the stream goes on.
package source
