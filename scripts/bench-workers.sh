#!/usr/bin/env bash
# Ingest benchmark: one input through the SQLite path and through the
# PostgreSQL job queue with 1, 2 and 4 worker processes, in one run.
#   scripts/bench-workers.sh [INPUT] [PG_BASE_URL]
# INPUT defaults to ../shared/data/bulk/allsides-37k.jsonl.gz; PG_BASE_URL to
# the local server. Each PostgreSQL run gets a fresh database.
set -euo pipefail
cd "$(dirname "$0")/.."
input=${1:-../shared/data/bulk/allsides-37k.jsonl.gz}
base=${2:-postgres://postgres@127.0.0.1:5432}
export PATH="$PATH:/usr/local/go/bin"
bin=$(mktemp -d)/parallax
go build -o "$bin" ./cmd/parallax
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=$(zcat -f "$input" | wc -l)
rate() { awk -v n="$n" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }
now() { date +%s.%N; }
echo "input: $input ($n records), $(nproc) CPUs"
t0=$(now); "$bin" ingest --db "$tmp/bench.db" "$input" 2>/dev/null || true; t1=$(now)
s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
echo "sqlite ingest           $(printf %6.1f "$s") s  $(rate "$s") articles/s"
for w in 1 2 4; do
  db="parallax_bench_$w"
  psql -q "$base/postgres" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  url="$base/$db?sslmode=disable"
  "$bin" enqueue --database-url "$url" "$input" 2>/dev/null || true
  t0=$(now)
  pids=()
  for i in $(seq "$w"); do "$bin" worker --database-url "$url" --drain 2>"$tmp/w$i.log" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done
  t1=$(now)
  s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
  stored=$(psql -tA "$url" -c "SELECT COUNT(*) FROM articles")
  echo "postgres, $w worker(s)    $(printf %6.1f "$s") s  $(rate "$s") articles/s  ($stored stored)"
  psql -q "$base/postgres" -c "DROP DATABASE IF EXISTS $db"
done
