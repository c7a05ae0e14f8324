// Package news is Parallax's domain model: the plain structs every stage
// passes along (Document, Article, Sentence, Entity, Mention, Quote,
// Assignment). It has no dependencies beyond the standard library and does
// no I/O. Data flows one way: bytes -> Document (package source) -> Article
// (package extract) -> Analysis (packages text, entity, quote) -> Assignment
// (package story) -> a comparison report (package compare).
package news
