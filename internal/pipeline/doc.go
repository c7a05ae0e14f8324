// Package pipeline runs Parallax's stages over a stream of documents with a
// bounded pool of workers, keeping input order in the output, reporting
// per-input errors without stopping the batch, and honouring cancellation.
package pipeline
