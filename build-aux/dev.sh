#!/usr/bin/env bash
# Copydesk's developer entry point.
#
#   build-aux/dev.sh run [ARGS…]   install what is missing, build, start Copydesk
#   build-aux/dev.sh test [ARGS…]  install what the tests need, build, run every suite
#   build-aux/dev.sh bench [ARGS…] build optimised and run the benchmarks
#   build-aux/dev.sh build         install and build only
#
# Packages come from Debian 12 through apt-get. As root they are installed
# directly; as another user through sudo when it is there. When everything
# is installed already, nothing is asked for.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${COPYDESK_BUILD_DIR:-$top/build}

build_packages=(
  meson ninja-build gcc pkg-config gettext
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libcmark-dev libsoup-3.0-dev
  libsecret-1-dev libgdk-pixbuf-2.0-dev libxml2-dev
  libgtk-4-dev libadwaita-1-dev libgtksourceview-5-dev libenchant-2-dev
  libxml2-utils desktop-file-utils appstream
  hunspell-en-us hunspell-en-gb hunspell-ar
)
test_packages=(
  python3 python3-jsonschema xvfb xauth curl xdotool
)

say() { printf 'dev.sh: %s\n' "$*" >&2; }

missing_packages() {
  local pkg status
  for pkg in "$@"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = installed ] || printf '%s\n' "$pkg"
  done
}

install_packages() {
  local missing sudo=()
  mapfile -t missing < <(missing_packages "$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then
      sudo=(sudo)
    else
      say "these Debian packages are missing and I am not root: ${missing[*]}"
      say "install them with: apt-get install ${missing[*]}"
      exit 1
    fi
  fi
  # A fresh machine may have no package lists yet.
  if ! apt-cache policy "${missing[0]}" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    "${sudo[@]}" apt-get update -q
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q \
    -o DPkg::Lock::Timeout=900 --no-install-recommends "${missing[@]}"
}

configure_and_build() {
  if [ ! -f "$build_dir/build.ninja" ]; then
    meson setup "$build_dir" "$top" -Dwerror=true "$@"
  fi
  ninja -C "$build_dir"
}

cmd_run() {
  install_packages "${build_packages[@]}"
  configure_and_build
  if [ -x "$build_dir/src/ui/copydesk" ]; then
    # Run from the build tree: its settings schema and translations are
    # there, not installed.
    export GSETTINGS_SCHEMA_DIR="$build_dir/data"
    exec "$build_dir/src/ui/copydesk" "$@"
  fi
  # Until the window lands, show the default store through the CLI.
  exec "$build_dir/src/cli/copydesk-cli" list "$@"
}

# Runs CMD… with $TMPDIR set to a new, private folder, and fails when
# anything is left in it afterwards, naming what: every test removes what
# it makes (tests/tmp-dir.h), and tests/run-in-tmp-dir.sh removes what a
# crashed or timed-out test left, so a leftover is a leak of a test that
# passed (or of something outside the tests).  The folder is then deleted, unless
# COPYDESK_KEEP_TMPDIR=1 asks to keep it for a look.
#   with_private_tmpdir SUITE CMD [ARGS…]
with_private_tmpdir() {
  local suite=$1 tmp rc=0 n
  local -a left
  shift
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-tests.XXXXXX")
  TMPDIR=$tmp "$@" || rc=$?
  mapfile -t left < <(cd "$tmp" && find . -mindepth 1 -maxdepth 2 -printf '%P\n' | LC_ALL=C sort)
  if [ ${#left[@]} -gt 0 ]; then
    n=$(find "$tmp" -mindepth 1 | wc -l)
    say "FAIL: the $suite tests left $n files and folders in \$TMPDIR ($tmp), among them:"
    printf '  %s\n' "${left[@]:0:40}" >&2
    [ ${#left[@]} -le 40 ] || say "  … and more"
    rc=1
  fi
  if [ "${COPYDESK_KEEP_TMPDIR:-0}" = 1 ]; then
    say "kept the $suite tests' \$TMPDIR: $tmp"
  else
    rm -rf "$tmp"
  fi
  return $rc
}

cmd_test() {
  install_packages "${build_packages[@]}" "${test_packages[@]}"
  configure_and_build
  local rc=0
  with_private_tmpdir core \
    meson test -C "$build_dir" --print-errorlogs --no-suite display --no-suite wordpress "$@" \
    || rc=$?
  # Window tests need a display: a private Xvfb server for this run.
  with_private_tmpdir display \
    xvfb-run -a -s '-screen 0 1280x800x24' \
    meson test -C "$build_dir" --print-errorlogs --suite display --no-rebuild \
    --logbase display-testlog "$@" || rc=$?
  if [ "$(id -u)" -eq 0 ]; then
    # A private WordPress on 127.0.0.1 (the script installs Debian's
    # wordpress, mariadb-server and PHP when missing), stopped and wiped
    # afterwards, also when a test fails.
    with_private_tmpdir wordpress \
      "$top/tests/wordpress/run-with-wordpress.sh" \
      meson test -C "$build_dir" --print-errorlogs --suite wordpress --no-rebuild \
      --logbase wordpress-testlog "$@" || rc=$?
  else
    say "skipping the WordPress suite: its private MariaDB must run as root"
  fi
  return $rc
}

cmd_bench() {
  install_packages "${build_packages[@]}"
  local bench_dir=${COPYDESK_BENCH_BUILD_DIR:-$top/build-bench}
  build_dir=$bench_dir configure_and_build_release
  local rc=0
  echo "== store: listing against cat"
  "$top/tests/bench/run.sh" "$bench_dir" "$@" || rc=$?
  echo "== window: launch and memory against gnome-text-editor, search in 100,000"
  install_packages xvfb xauth dbus-daemon
  "$top/tests/bench/bench-window.sh" "$bench_dir" || rc=$?
  echo "== import: 10,000 articles of page copy against cat"
  "$top/tests/bench/bench-import.sh" "$bench_dir" || rc=$?
  if [ "$(id -u)" -eq 0 ]; then
    install_packages curl
    echo "== publish: 20 articles with a photo each against a sequential curl script"
    "$top/tests/wordpress/run-with-wordpress.sh" \
      "$top/tests/bench/bench-publish.sh" "$bench_dir" || rc=$?
  fi
  return $rc
}

configure_and_build_release() {
  if [ ! -f "$build_dir/build.ninja" ]; then
    meson setup "$build_dir" "$top" --buildtype=release
  fi
  ninja -C "$build_dir"
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  build) shift; install_packages "${build_packages[@]}"; configure_and_build "$@" ;;
  *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
