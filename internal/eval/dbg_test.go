package eval
import ("testing";"fmt";"os";"path/filepath";"sort";"strings"
 "github.com/parallax-news/parallax/internal/news"
 "github.com/parallax-news/parallax/internal/pipeline")
func TestDbgS(t *testing.T){
 an,_:=pipeline.NewAnalyser()
 dir:=filepath.Join(DataDir(),"quotes","polnear","dev")
 texts,_:=filepath.Glob(filepath.Join(dir,"text","*.txt")); sort.Strings(texts)
 n:=0
 for _,tp:=range texts {
  base:=strings.TrimSuffix(filepath.Base(tp),".txt")
  anns,_:=filepath.Glob(filepath.Join(dir,"attributions",base+"_*.ann")); sort.Strings(anns)
  b,_:=os.ReadFile(tp); s:=string(b)
  var gold []attribution
  for _,ap:=range anns { g,_:=readAnn(ap); if len(g)>len(gold){gold=g} }
  toBytes(s,gold)
  aa:=an.Analyse(news.Article{Text:s})
  for _,q:=range aa.Quotes { if q.Kind!=news.Direct {continue}
   for _,g:=range gold { c:=g.content; if !isDirectContent(s,c) {continue}; o:=overlap(q.Start,q.End,c.start,c.end); if 2*o<q.End-q.Start {continue}
     src:=strings.TrimSpace(g.source.text); if src=="" {break}
     if !sameSpeaker(q,src,src) && n<30 { n++; fmt.Printf("GOLD %q | GOT %q (%q)\n   %.220q\n", src, q.Speaker, q.SpeakerMention, s[max(0,q.Start-100):min(len(s),q.End+80)]) }
     break }
  }
 }
}
