#!/usr/bin/env bash
# Writes PNGs of Copydesk's main views into data/screenshots/: the welcome
# page, the import review, the list with the editor, the photo manager,
# an Arabic article, the store-wide captions view, the list and the editor
# in a 360-pixel window, and the whole window in Arabic (arabic-ui.png).
# Runs the real window on the bundled samples (their photos included)
# under a private Xvfb.
#
# build-aux/screenshots.sh --review LANGUAGE writes instead, into
# build/review-LANGUAGE/, every view of the pane (the queue with publishes
# waiting), the menus, the choice of site to pull from and the narrow
# window in that language: what a translator looks over for cut labels.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${COPYDESK_BUILD_DIR:-$top/build}
out=$top/data/screenshots
review_language=
if [ "${1:-}" = --review ]; then
  review_language=${2:?usage: $0 [--review LANGUAGE]}
  out=$build_dir/review-$review_language
fi

if [ ! -f "$build_dir/build.ninja" ]; then
  meson setup "$build_dir" "$top"
fi
ninja -C "$build_dir" tests/display/cd-screenshooter data/gschemas.compiled copydesk-gmo
mkdir -p "$out"

export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR=$build_dir/data
export GSK_RENDERER=cairo
export GTK_A11Y=none
export NO_AT_BRIDGE=1
export COPYDESK_SAMPLES_DIR=$top/data/samples
export LC_ALL=C.UTF-8
# The English screenshots stay English whatever the caller's LANGUAGE.
export LANGUAGE=

if [ -n "$review_language" ]; then
  # A locale of that language, when the machine has one, names the months too.
  review_locale=$(locale -a 2>/dev/null | grep -i "^${review_language}_.*utf-\{0,1\}8$" | head -n 1 || true)
  LANGUAGE=$review_language LC_ALL=${review_locale:-C.UTF-8} \
    xvfb-run -a -s '-screen 0 1400x900x24' "$build_dir/tests/display/cd-screenshooter" "$out" review
  exit 0
fi

xvfb-run -a -s '-screen 0 1400x900x24' "$build_dir/tests/display/cd-screenshooter" "$out"

# The Arabic interface, mirrored. An Arabic locale (Debian: enable
# ar_EG.UTF-8 in /etc/locale.gen, run locale-gen) also gives Arabic month
# names; without one, C.UTF-8 with LANGUAGE=ar still translates.
arabic_locale=C.UTF-8
if locale -a 2>/dev/null | grep -qix 'ar_EG.utf-\{0,1\}8'; then
  arabic_locale=ar_EG.UTF-8
fi
LANGUAGE=ar LC_ALL=$arabic_locale \
  xvfb-run -a -s '-screen 0 1400x900x24' "$build_dir/tests/display/cd-screenshooter" "$out" arabic-ui
