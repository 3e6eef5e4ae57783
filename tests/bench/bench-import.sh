#!/bin/sh
# Times importing page copy into a new store, next to the time cat takes
# to read the same file.
#
#   tests/bench/bench-import.sh [BUILD_DIR] [N_ARTICLES]
#
# BUILD_DIR defaults to ./build, N_ARTICLES to 10000 (about 45 MB).
# The input and the store go to a scratch folder under BUILD_DIR (or
# BENCH_DIR if set): a store lives in the user's data folder, and on a
# shared machine /tmp can be far slower at creating files (its ext4
# block group is busy with every other program's temporary files).
# Each run deletes its 20,000 files at the end. ext4 without a journal
# (as on this machine) avoids reusing inodes freed in the last minute or
# five, and every file created in that block group pays for stepping over
# them: a run right after another in the same folder took twice as long,
# all of it system time. So every run gets its folder under a parent
# marked for spreading (chattr +T, ext4's "top of a directory tree"),
# which places it in a block group of its own, away from the last run's
# freed inodes. The "files" line still shows what this disk gives.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

build=${1:-build}
n=${2:-10000}
bench="$build/tests/bench-import"

if [ ! -x "$bench" ]; then
  echo "bench-import.sh: $bench not found; build first (ninja -C $build)" >&2
  exit 1
fi

runs="${BENCH_DIR:-$build}/bench-runs"
mkdir -p "$runs"
chattr +T "$runs" 2>/dev/null || true
work=$(mktemp -d "$runs/copydesk-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT

"$bench" generate "$work/page-copy.txt" "$n"
size=$(du -m "$work/page-copy.txt" | cut -f1)
echo "input: $n articles, $size MB of page copy"

# once to bring the file into the page cache, as the import will find it
cat "$work/page-copy.txt" > /dev/null
start=$(date +%s%N)
cat "$work/page-copy.txt" > /dev/null
end=$(date +%s%N)
ms=$(( (end - start) / 1000000 ))
printf 'cat:    %d.%03d s\n' $((ms / 1000)) $((ms % 1000))

"$bench" parse "$work/page-copy.txt"
"$bench" import "$work/page-copy.txt" "$work/store" | tee "$work/import.out"
seconds=$(sed -n 's/^import: *\([0-9.]*\) s.*/\1/p' "$work/import.out")
if awk -v s="$seconds" 'BEGIN { exit !(s != "" && s <= 5.0) }'; then
  echo "target: import of $n articles <= 5 s (cat of the input took above): PASS"
else
  echo "target: import of $n articles <= 5 s (cat of the input took above): FAIL"
fi
echo "store:  $(du -sm "$work/store" | cut -f1) MB, $(ls "$work/store/articles" | wc -l) article files"
