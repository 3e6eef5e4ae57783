#!/usr/bin/env bash
# Fails when a translation listed in po/LINGUAS is broken or incomplete:
#
#  1. msgfmt --check finds an error (format directives that do not match
#     the English, a bad header or plural formula) or a mnemonic (“_”)
#     lost or doubled;
#  2. the catalog holds fuzzy or untranslated messages;
#  3. and, as a note that does not fail (developers change strings far
#     more often than translators can follow), which strings of the
#     sources the catalog does not translate yet: they are extracted
#     afresh with xgettext, exactly as `ninja -C build copydesk-pot` does,
#     and merged into a copy of each catalog.
#
# To catch up: ninja -C build copydesk-update-po, translate what msgfmt
# --statistics reports, and run this again.
set -u
top=${1:-$(dirname "$0")/..}
cd "$top" || exit 1
export LC_ALL=C.UTF-8 LANGUAGE=

for tool in msgfmt msgmerge msgattrib xgettext; do
  if ! command -v "$tool" >/dev/null; then
    echo "$tool is missing; install Debian's gettext package"
    exit 1
  fi
done

mapfile -t languages < <(sed -e 's/#.*//' po/LINGUAS | tr -s ' \t' '\n' | sed '/^$/d')
if [ ${#languages[@]} -eq 0 ]; then
  echo "po/LINGUAS lists no language; nothing to check"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# Prints “N translated messages, F fuzzy …” and fails on anything but
# translated messages.
check_statistics () {
  local what=$1 file=$2 stats
  stats=$(msgfmt --statistics -o /dev/null "$file" 2>&1)
  if grep -qE 'fuzzy|untranslated' <<<"$stats"; then
    echo "$what: $stats"
    msgattrib --only-fuzzy --no-obsolete --no-wrap "$file" | sed '1,/^$/d' | grep -E '^#: |^msgid ' | sed 's/^/    fuzzy: /'
    msgattrib --untranslated --no-obsolete --no-wrap "$file" | sed '1,/^$/d' | grep -E '^#: |^msgid ' | sed 's/^/    untranslated: /'
    return 1
  fi
  echo "$what: $stats"
  return 0
}

# The same extraction as meson's i18n.gettext(preset: 'glib').
xgettext --package-name=copydesk -p "$tmp" -f po/POTFILES.in -D . -k_ -o copydesk.pot \
  --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
  2>"$tmp/xgettext.log"
if [ ! -s "$tmp/copydesk.pot" ]; then
  echo "xgettext could not extract the strings of po/POTFILES.in:"
  cat "$tmp/xgettext.log"
  exit 1
fi

for lang in "${languages[@]}"; do
  po=po/$lang.po
  if [ ! -f "$po" ]; then
    echo "po/LINGUAS lists $lang, but $po does not exist"
    status=1
    continue
  fi
  if ! grep -qx "\"Language: $lang\\\\n\"" "$po"; then
    echo "$po: the header must say “Language: $lang”"
    status=1
  fi
  if ! msgfmt --check --check-accelerators=_ -o /dev/null "$po" 2>"$tmp/msgfmt.log"; then
    echo "$po has errors:"
    cat "$tmp/msgfmt.log"
    status=1
    continue
  fi
  check_statistics "$po" "$po" || status=1

  if ! msgmerge --quiet --no-wrap -o "$tmp/$lang.po" "$po" "$tmp/copydesk.pot" 2>"$tmp/msgmerge.log"; then
    echo "$po does not merge with the strings of the sources:"
    cat "$tmp/msgmerge.log"
    status=1
    continue
  fi
  check_statistics "note: $po merged with the current sources" "$tmp/$lang.po" || true
done

for po in po/*.po; do
  [ -e "$po" ] || continue
  lang=$(basename "$po" .po)
  if ! printf '%s\n' "${languages[@]}" | grep -qxF "$lang"; then
    echo "note: $po is not listed in po/LINGUAS, so it is neither built nor checked"
  fi
done

[ $status -eq 0 ] && echo "every catalog in po/LINGUAS is sound and complete (${languages[*]})"
exit $status
