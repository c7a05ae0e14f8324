// Package eval scores Parallax on the public data in ../shared/data:
// extraction, entities, quotations and stories. Each scorer is used both by
// `parallax eval ...` and by tests that fail under CI when a score drops
// below its floor.
package eval
