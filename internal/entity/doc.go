// Package entity finds named entities (PER, ORG, LOC, MISC) in article text
// and groups their mentions into entities with canonical names.
package entity
