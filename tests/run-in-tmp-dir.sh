#!/bin/sh
# run-in-tmp-dir.sh: runs one test program with $TMPDIR set to a folder
# of its own inside the run's $TMPDIR, and cleans that folder afterwards.
#
# A test removes what it makes (tests/tmp-dir.h), but one that aborts or
# is killed at its timeout cannot. Its failure is reported already, so
# what it left is removed here: a crash leaves nothing behind, with or
# without build-aux/dev.sh. A test that passes and still leaves something
# has a leak: it is named, the test fails, and the folder stays for a
# look (dev.sh then reports it as well).
#
#   run-in-tmp-dir.sh PROGRAM [ARGS…]
set -u

name=$(basename "$1")
dir=$(mktemp -d "${TMPDIR:-/tmp}/$name.XXXXXX") || exit 99
pid=

clean() {
  # A test may have taken write permission away to make the store fail.
  chmod -R u+rwx "$dir" 2>/dev/null
  rm -rf "$dir"
}

# meson stops a test that ran out of time with SIGTERM to its process
# group, and waits half a second before SIGKILL: enough to clean.
on_signal() {
  [ -z "$pid" ] || kill -TERM "$pid" 2>/dev/null
  clean
  exit 143
}
trap on_signal TERM INT HUP

# In the background, so that a signal reaches on_signal at once.
TMPDIR=$dir "$@" <&0 &
pid=$!
wait "$pid"
status=$?
pid=

if [ "$status" -ne 0 ]; then
  clean
  if [ "$status" -gt 128 ]; then
    # Killed by a signal (an abort): end the same way, so that meson says
    # which signal it was.
    trap - TERM INT HUP
    kill -s "$(kill -l "$status")" $$
  fi
  exit "$status"
fi

left=$(cd "$dir" && find . -mindepth 1 -maxdepth 2 | sed 's|^\./||' | LC_ALL=C sort | head -n 40)
if [ -n "$left" ]; then
  echo "$name passed but left these in its \$TMPDIR, $dir:" >&2
  printf '%s\n' "$left" | sed 's/^/  /' >&2
  exit 1
fi
rmdir "$dir"
