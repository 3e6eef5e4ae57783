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
# Leave half a minute between runs in the same folder: each run deletes
# its 20,000 files at the end, and ext4 is slow to create files among
# inodes freed in the last ~30 s, which shows as system time.
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

work=$(mktemp -d "${BENCH_DIR:-$build}/copydesk-bench-XXXXXX")
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
"$bench" import "$work/page-copy.txt" "$work/store"
echo "store:  $(du -sm "$work/store" | cut -f1) MB, $(ls "$work/store/articles" | wc -l) article files"
