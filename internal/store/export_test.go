package store

// AppendAnalysisJSON exposes appendAnalysisJSON to the external tests.
var AppendAnalysisJSON = appendAnalysisJSON

// DecodeAnalysisJSON exposes decodeAnalysisJSON to the external tests.
var DecodeAnalysisJSON = decodeAnalysisJSON

// DecodesFast reports whether decodeAnalysisJSON reads b itself, without
// json.Unmarshal.
func DecodesFast(b []byte) bool {
	d := analysisDecoder{s: string(b)}
	_, ok := d.analysis()
	return ok
}
