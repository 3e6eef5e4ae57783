#!/usr/bin/env bash
# Runs CMD… against a fresh, private WordPress on 127.0.0.1.
#
#   tests/wordpress/run-with-wordpress.sh CMD [ARGS…]
#
# Starts an instance with build-aux/wordpress-loopback.sh in a new temporary
# directory on a free port, runs CMD with
#   COPYDESK_TEST_WP_URL    the site's address, http://127.0.0.1:PORT
#   COPYDESK_TEST_WP_USER   the WordPress user
#   COPYDESK_SITE_PASSWORD  that user's application password
# in its environment, then stops the instance and deletes the directory,
# whatever happens: CMD failing, the start failing half-way, Ctrl-C or TERM.
# The exit status is CMD's (130/143 after INT/TERM).
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
loopback=$top/build-aux/wordpress-loopback.sh
prog=${0##*/}

say() { printf '%s: %s\n' "$prog" "$*" >&2; }

if [ $# -eq 0 ]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi

# Short on purpose: MariaDB's socket lives in here (under 100 characters).
dir=$(mktemp -d "${TMPDIR:-/tmp}/cdwp.XXXXXX") || exit 1
child=''

# shellcheck disable=SC2317  # called through the EXIT trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$child" ] && kill -0 "$child" 2>/dev/null; then
    kill -TERM "$child" 2>/dev/null
    wait "$child" 2>/dev/null
  fi
  "$loopback" stop "$dir" || say "stopping the WordPress in $dir failed"
  rm -rf "$dir"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A port outside Linux's ephemeral range (32768-60999), so no outgoing
# connection holds it; start says 4 when it is taken after all.
pick_port() {
  echo $((20000 + RANDOM % 12000))
}

state=''
for attempt in 1 2 3 4 5; do
  port=$(pick_port)
  state=$("$loopback" start "$dir" "$port")
  rc=$?
  [ "$rc" -eq 0 ] && break
  if [ "$rc" -ne 4 ] || [ "$attempt" -eq 5 ]; then
    say "could not start WordPress (status $rc); logs were in $dir/log:"
    tail -n 20 "$dir"/log/*.log "$dir"/log/*.err 2>/dev/null >&2
    exit 1
  fi
done

value_of() {
  sed -n "s/^$1=//p" <<<"$state"
}

COPYDESK_TEST_WP_URL=$(value_of url)
COPYDESK_TEST_WP_USER=$(value_of user)
COPYDESK_SITE_PASSWORD=$(cat "$(value_of password_file)") || exit 1
export COPYDESK_TEST_WP_URL COPYDESK_TEST_WP_USER COPYDESK_SITE_PASSWORD
say "WordPress at $COPYDESK_TEST_WP_URL (data in $dir)"

# In the background, so that INT/TERM reach our traps at once instead of
# after CMD has finished; cleanup then ends CMD before the servers.
"$@" <&0 &
child=$!
wait "$child"
rc=$?
child=''
exit "$rc"
