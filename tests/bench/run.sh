#!/usr/bin/env bash
# Times listing large stores against reading every article file.
#
#   tests/bench/run.sh BUILD_DIR [N…]      (default N: 10000 100000)
#
# For each N, builds (once, then reuses) a store of N articles under
# BUILD_DIR/bench-stores, then prints:
#   - the time of `cat` of all article files (find | xargs cat),
#   - the time (whole process) and peak RSS of opening the store and
#     going through its list with tests/bench/bench-store;
# the times the best of three runs with warm caches, and PASS/FAIL against
# the targets: for 10,000 articles listing costs at most half of cat; for
# 100,000, at most 1.5 s and 300 MB. Then, for reference, the heap the open
# store holds per article (bench-store-memory; the same in every run).
set -euo pipefail

if [ $# -lt 1 ]; then
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
build_dir=$(cd "$1" && pwd)
shift
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)

bench=$build_dir/tests/bench/bench-store
[ -x "$bench" ] || { echo "run.sh: $bench is missing; build first" >&2; exit 1; }
stores=$build_dir/bench-stores
mkdir -p "$stores"

now_ns() { date +%s%N; }

# Best wall time in ms of three runs of "$@".
best_ms() {
  local best='' start end ms
  for _ in 1 2 3; do
    start=$(now_ns)
    "$@" >/dev/null
    end=$(now_ns)
    ms=$(( (end - start) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best"
}

# Best of three listings: sets list_ms, and open_ms and rss_kb of that
# run (the RSS is the highest of the three).
best_list() {
  local start end ms report rss
  list_ms='' rss_kb=0
  for _ in 1 2 3; do
    start=$(now_ns)
    report=$("$bench" list "$1")
    end=$(now_ns)
    ms=$(( (end - start) / 1000000 ))
    rss=$(echo "$report" | field maxrss_kb)
    [ "$rss" -gt "$rss_kb" ] && rss_kb=$rss
    if [ -z "$list_ms" ] || [ "$ms" -lt "$list_ms" ]; then
      list_ms=$ms
      open_ms=$(echo "$report" | field open_ms)
      free_ms=$(echo "$report" | field free_ms)
    fi
  done
}

cat_articles() {
  (cd "$1/articles" && find . -name '*.json' -print0 | xargs -0 cat >/dev/null)
}

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p; s/^$1=\([^ ]*\).*/\1/p" | head -n1; }

ensure_store() {
  local n=$1 store=$2 have
  have=$(find "$store/articles" -name '*.json' 2>/dev/null | wc -l || true)
  if [ "$have" != "$n" ]; then
    rm -rf "$store"
    echo "building a store of $n articles in $store …"
    "$bench" build "$store" "$n"
    # Files written in the last two seconds are re-read rather than trusted
    # to the index; wait, then let one listing rewrite the index.
    sleep 2.5
  fi
  "$bench" list "$store" >/dev/null
}

status=0
for n in "${sizes[@]}"; do
  store=$stores/store-$n
  ensure_store "$n" "$store"
  size_kb=$(du -sk "$store/articles" | cut -f1)
  cat_ms=$(best_ms cat_articles "$store")
  best_list "$store"
  rss_mb=$(( rss_kb / 1024 ))
  per_article=$("$build_dir/tests/bench/bench-store-memory" "$store" | field bytes_per_article)

  echo "N=$n  articles: ${size_kb} KB on disk"
  echo "  cat of all article files:        ${cat_ms} ms"
  echo "  list via the store (process):     ${list_ms} ms   (of which open ${open_ms} ms, freeing at exit ${free_ms} ms)"
  echo "  peak RSS of listing:              ${rss_mb} MB"
  echo "  heap of the open store:           ${per_article} bytes per article"

  verdict=PASS
  if [ "$n" -le 10000 ]; then
    if [ $(( list_ms * 2 )) -gt "$cat_ms" ]; then verdict=FAIL; fi
    echo "  target: list <= 1/2 of cat ($(( cat_ms / 2 )) ms): $verdict"
  else
    if [ "$list_ms" -gt 1500 ] || [ "$rss_mb" -gt 300 ]; then verdict=FAIL; fi
    echo "  target: list <= 1500 ms and <= 300 MB: $verdict"
  fi
  [ "$verdict" = PASS ] || status=1
done
exit $status
