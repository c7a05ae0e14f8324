package pipeline

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"testing"
)

func ints(n int, failAt int) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for i := range n {
			var err error
			if i == failAt {
				err = errors.New("bad input")
			}
			if !yield(i, err) {
				return
			}
		}
	}
}

func TestMapKeepsOrderAndErrors(t *testing.T) {
	var got []string
	for v, err := range Map(context.Background(), ints(100, 7), 4, func(i int) (string, error) {
		if i == 50 {
			return "", fmt.Errorf("item %d failed", i)
		}
		return fmt.Sprint(i), nil
	}) {
		if err != nil {
			got = append(got, "err:"+err.Error())
			continue
		}
		got = append(got, v)
	}
	if len(got) != 100 {
		t.Fatalf("got %d results, want 100", len(got))
	}
	for i, g := range got {
		want := fmt.Sprint(i)
		switch i {
		case 7:
			want = "err:bad input"
		case 50:
			want = "err:item 50 failed"
		}
		if g != want {
			t.Fatalf("result %d = %q, want %q", i, g, want)
		}
	}
}

func TestMapStopsEarly(t *testing.T) {
	n := 0
	for range Map(context.Background(), ints(1000, -1), 3, func(i int) (int, error) { return i, nil }) {
		n++
		if n == 10 {
			break
		}
	}
	if n != 10 {
		t.Fatalf("n = %d", n)
	}
}

func TestMapConsumerPanicDoesNotHang(t *testing.T) {
	done := make(chan any)
	go func() {
		defer func() { done <- recover() }()
		for v := range Map(context.Background(), ints(10000, -1), 2, func(i int) (int, error) { return i, nil }) {
			if v == 100 {
				panic("consumer failed")
			}
		}
	}()
	if r := <-done; r != "consumer failed" {
		t.Fatalf("recovered %v", r)
	}
}
