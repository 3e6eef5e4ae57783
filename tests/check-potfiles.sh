#!/usr/bin/env bash
# Fails when a source file that marks strings for translation (_(), N_(),
# ngettext, or translatable="yes" in a .ui file) is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist.
set -u
top=${1:-$(dirname "$0")/..}
cd "$top" || exit 1

listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)
status=0

while IFS= read -r file; do
  if ! grep -qxF "$file" <<<"$listed"; then
    echo "po/POTFILES.in is missing $file, which has translatable strings"
    status=1
  fi
done < <(
  {
    grep -rlE '\b(N?_|ngettext|C_|NC_)\s*\(' --include='*.c' src
    grep -rl 'translatable="yes"' --include='*.ui' src
    find data -name '*.desktop.in*' -o -name '*.metainfo.xml.in*' -o -name '*.gschema.xml' 2>/dev/null
  } | sort -u
)

while IFS= read -r file; do
  [ -n "$file" ] || continue
  if [ ! -e "$file" ]; then
    echo "po/POTFILES.in lists $file, which does not exist"
    status=1
  fi
done <<<"$listed"

[ $status -eq 0 ] && echo "po/POTFILES.in lists every translatable source ($(wc -l <<<"$listed") files)"
exit $status
