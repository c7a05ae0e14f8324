package main

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
)

// A bulk ingest allocates fast and keeps little (a live heap of 250 MB
// after allsides-37k), so with the default GOGC=100 the collector ran
// about 70 times and took 4.2 s of CPU. gcBudget lets the heap grow to
// four times the live heap (GOGC=300) within gcBudgetBytes, which cuts
// the collections by about two thirds for ~150 MB more peak RSS. The
// budget is raised with the live heap so that the collector never runs
// more often than with the default: the limit stays at least twice the
// live heap. It applies only when GOGC and GOMEMLIMIT are both unset.
const (
	gcBudgetPercent = 300
	gcBudgetBytes   = 700 << 20
)

type gcBudget struct {
	on     bool
	sample []metrics.Sample
}

// startGCBudget applies the budget to this process (see gcBudget); stop
// puts the runtime's defaults back.
func startGCBudget() *gcBudget {
	g := &gcBudget{on: os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == ""}
	if !g.on {
		return g
	}
	g.sample = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	debug.SetGCPercent(gcBudgetPercent)
	debug.SetMemoryLimit(gcBudgetBytes)
	return g
}

// adjust raises the limit to twice the live heap (plus room for the
// collector's own lag) once that passes the budget. It is cheap; call it
// every few hundred articles.
func (g *gcBudget) adjust() {
	if !g.on {
		return
	}
	metrics.Read(g.sample)
	if g.sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	live := int64(g.sample[0].Value.Uint64())
	debug.SetMemoryLimit(max(gcBudgetBytes, 2*live+64<<20))
}

func (g *gcBudget) stop() {
	if g.on {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64) // no limit, the default
	}
}
