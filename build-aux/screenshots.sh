#!/usr/bin/env bash
# Writes PNGs of Copydesk's main views into data/screenshots/: the welcome
# page, the import review, the list with the editor, the photo manager,
# an Arabic article, the store-wide captions view, and the list and the
# editor in a 360-pixel window. Runs the real window on the bundled
# samples (their photos included) under a private Xvfb.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${COPYDESK_BUILD_DIR:-$top/build}
out=$top/data/screenshots

if [ ! -f "$build_dir/build.ninja" ]; then
  meson setup "$build_dir" "$top"
fi
ninja -C "$build_dir" tests/display/cd-screenshooter data/gschemas.compiled
mkdir -p "$out"

export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR=$build_dir/data
export GSK_RENDERER=cairo
export GTK_A11Y=none
export NO_AT_BRIDGE=1
export COPYDESK_SAMPLES_DIR=$top/data/samples
export LC_ALL=C.UTF-8

xvfb-run -a -s '-screen 0 1400x900x24' "$build_dir/tests/display/cd-screenshooter" "$out"
