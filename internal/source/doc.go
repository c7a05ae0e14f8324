// Package source is the reader layer: it turns inputs (files, directories,
// globs, stdin; later URLs and subscribed feeds) into a stream of
// news.Document values for the extraction stage.
//
// An Input is anything that opens to a named byte stream (a file, stdin;
// a URL source only has to implement Input too). Opener.Documents expands
// command-line arguments into Inputs and reads each one:
//
//   - the stream is sniffed, not trusted by extension: gzip (decompressed,
//     then sniffed again; multi-member gzip such as .warc.gz is read member
//     after member), WARC, JSON Lines, RSS/Atom/RDF feeds, HTML, binary junk
//     (rejected), and otherwise plain or Markdown-ish text;
//   - JSON Lines and WARC are read as streams, one record at a time, so
//     memory does not grow with the number of records; the size limit
//     applies per record there and per file for whole-file formats (HTML,
//     text, feeds);
//   - feeds are pre-scanned before gofeed sees them (feedscan.go): XML
//     nested over 1000 levels, more than 64 namespace prefixes in scope,
//     over 32 MB of resolved xml:base, or a second encoding declaration
//     cost its pull parser quadratic time or the process its stack, so
//     such a feed is cut there, the items before the cut are read and an
//     ErrTooComplex error names the input and the byte offset;
//   - HTML is decoded to UTF-8 from its declared charset (HTTP header,
//     BOM, <meta charset>); text that is not valid UTF-8 is decoded as
//     Windows-1252 with a warning.
//
// A reader never stops the batch: a bad input or record yields an *Error
// naming it (path, or path#N for the N-th record) and the stream goes on.
package source
