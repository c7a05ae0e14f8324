package pipeline

import (
	"context"
	"iter"
	"runtime"
	"sync"
)

// Map applies fn to every item of in using up to workers goroutines and
// yields the results in input order. An error from the input sequence or
// from fn is yielded in place of that item; the stream goes on. Stopping the
// iteration early, or cancelling ctx, stops the workers.
func Map[In, Out any](ctx context.Context, in iter.Seq2[In, error], workers int, fn func(In) (Out, error)) iter.Seq2[Out, error] {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type result struct {
		out Out
		err error
	}
	return func(yield func(Out, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		// Each job carries its own result channel; the ordered queue of those
		// channels keeps output in input order with bounded buffering.
		type job struct {
			in  In
			err error
			res chan result
		}
		jobs := make(chan job)
		order := make(chan chan result, workers*2)
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range jobs {
					if j.err != nil {
						j.res <- result{err: j.err}
						continue
					}
					o, err := fn(j.in)
					j.res <- result{out: o, err: err}
				}
			}()
		}
		go func() {
			defer close(order)
			defer close(jobs)
			for v, err := range in {
				res := make(chan result, 1)
				select {
				case order <- res:
				case <-ctx.Done():
					return
				}
				select {
				case jobs <- job{in: v, err: err, res: res}:
				case <-ctx.Done():
					return
				}
			}
		}()
		// However the loop ends (normally, stopped early, or by a panic in
		// the consumer), stop the producer, let the workers finish and wait
		// for them: no goroutine outlives the call.
		defer func() {
			cancel()
			for range order {
			}
			wg.Wait()
		}()
		for res := range order {
			var r result
			select {
			case r = <-res:
			case <-ctx.Done():
				return
			}
			if !yield(r.out, r.err) {
				return
			}
		}
	}
}
