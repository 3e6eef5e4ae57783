#!/usr/bin/env bash
# Publishing 20 articles with one photo each: copydesk-cli against a
# sequential curl script making the same requests, both against the same
# loopback WordPress, in one run.
#
#   tests/wordpress/run-with-wordpress.sh tests/bench/bench-publish.sh [BUILD_DIR]
#
# Needs COPYDESK_TEST_WP_URL, COPYDESK_TEST_WP_USER and
# COPYDESK_SITE_PASSWORD (run-with-wordpress.sh sets them). BUILD_DIR
# defaults to ./build. COPYDESK_BENCH_ARTICLES changes the number of
# articles (default 20), COPYDESK_BENCH_ROUNDS the number of rounds
# (default 3; each round publishes fresh articles with both, alternating
# which goes first, and the median is compared).
#
# Each article has a headline, a two-paragraph body, a section, a tag and
# one 640×480 PNG of its own with caption, credit and alt text. The curl
# script makes, for each article, the requests a plain script needs:
#   GET  /wp/v2/categories?search=…    the section (POST once to create it)
#   GET  /wp/v2/tags?search=…          the tag (POST once to create it)
#   POST /wp/v2/media                  the photo, caption and alt text (multipart)
#   POST /wp/v2/posts                  the post, with featured_media and the terms
# Copydesk makes the same ones, and two more of its own for each article,
# so that a publish that was cut short is never duplicated when it is
# tried again: GET /wp/v2/posts?slug=… (is the post there already?) and
# GET /wp/v2/media?slug=… (is the photo?). With
# COPYDESK_BENCH_CURL_LOOKUPS=1 the curl script makes those two as well.
# curl runs once per request, one after the other, as a shell script
# would; it is told not to wait for "100 Continue" (php -S never sends
# one), so it is not slowed by that. Copydesk's time is the whole
# copydesk-cli process: start, opening the store, reading the articles,
# checks, publishing, saving each article's binding.
#
# Prints both times and PASS when Copydesk took no longer than curl, else
# FAIL (exit status 1).
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build_dir=$(cd "${1:-$top/build}" && pwd)
cli=$build_dir/src/cli/copydesk-cli
n=${COPYDESK_BENCH_ARTICLES:-20}
rounds=${COPYDESK_BENCH_ROUNDS:-3}
lookups=${COPYDESK_BENCH_CURL_LOOKUPS:-0}

say() { printf 'bench-publish: %s\n' "$*" >&2; }

for var in COPYDESK_TEST_WP_URL COPYDESK_TEST_WP_USER COPYDESK_SITE_PASSWORD; do
  if [ -z "${!var:-}" ]; then
    say "$var is unset: run me through tests/wordpress/run-with-wordpress.sh"
    exit 2
  fi
done
[ -x "$cli" ] || { say "$cli is missing; build first"; exit 2; }
command -v curl >/dev/null || { say "curl is missing (apt-get install curl)"; exit 2; }

url=$COPYDESK_TEST_WP_URL
api=$url/wp-json/wp/v2
work=$(mktemp -d "${TMPDIR:-/tmp}/cdbench.XXXXXX")
trap 'rm -rf "$work"' EXIT
# The password goes to curl through a config file, never on its command line.
auth_config=$work/curl-auth
( umask 077; printf 'user = "%s:%s"\n' "$COPYDESK_TEST_WP_USER" "$COPYDESK_SITE_PASSWORD" \
    > "$auth_config" )
# Keep copydesk-cli away from any Secret Service: the password comes from
# the environment, as in the tests.
export DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/copydesk-bench-bus

now_ns() { date +%s%N; }

# photo.py DIR PREFIX N: N distinct 640×480 PNGs, DIR/PREFIX-1.png…
make_photos() {
  /usr/bin/python3 - "$@" <<'EOF'
import struct, sys, zlib
out, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
w, h = 640, 480
def chunk(kind, data):
    c = struct.pack('>I', len(data)) + kind + data
    return c + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
base = bytes((x * 7) & 255 for x in range(3 * w * 2))
for i in range(1, count + 1):
    seed = (i * 37 + len(prefix) * 101) % (3 * w)
    rows = b''.join(b'\0' + base[(seed + y) % (3 * w):(seed + y) % (3 * w) + 3 * w]
                    for y in range(h))
    png = (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
           + chunk(b'IDAT', zlib.compress(rows, 6)) + chunk(b'IEND', b''))
    with open('%s/%s-%d.png' % (out, prefix, i), 'wb') as f:
        f.write(png)
EOF
}

# ------------------------------------------------------------------------
# Copydesk
# ------------------------------------------------------------------------

# prepare_copydesk STORE ROUND: a store of n articles ready to publish.
prepare_copydesk() {
  local store=$1 round=$2 i id
  "$cli" --store "$store" site add bench --url "$url" --user "$COPYDESK_TEST_WP_USER" >/dev/null
  make_photos "$work" "cd$round" "$n"
  : > "$store.ids"
  for i in $(seq 1 "$n"); do
    id=$("$cli" --store "$store" new --headline "Copydesk bench $round story $i")
    printf 'The harbour story number %s.\n\nIt has *two* paragraphs.\n' "$i" |
      "$cli" --store "$store" set-body "$id" - >/dev/null
    "$cli" --store "$store" set "$id" section "Bench cd $round" >/dev/null
    "$cli" --store "$store" set "$id" tags "bench-cd-$round" >/dev/null
    "$cli" --store "$store" photo add "$id" --caption "Harbour photo $i" \
      --credit "Staff photo" --alt "Boats in the harbour, picture $i" \
      --file "$work/cd$round-$i.png" >/dev/null
    echo "$id" >> "$store.ids"
  done
}

# run_copydesk STORE: prints the wall time in ms.
run_copydesk() {
  local store=$1 start end
  local -a ids
  mapfile -t ids < "$store.ids"
  start=$(now_ns)
  "$cli" --store "$store" publish --site bench "${ids[@]}" > "$store.out"
  end=$(now_ns)
  if [ "$(grep -c $'\t' "$store.out")" -ne "$n" ]; then
    say "copydesk-cli published $(grep -c $'\t' "$store.out") of $n articles"
    exit 1
  fi
  echo $(( (end - start) / 1000000 ))
}

# ------------------------------------------------------------------------
# curl
# ------------------------------------------------------------------------

# The first number after "id": in a JSON answer, or nothing.
first_id() {
  if [[ $1 =~ \"id\":([0-9]+) ]]; then
    printf '%s' "${BASH_REMATCH[1]}"
  fi
}

rest() {
  curl -sS --fail-with-body -K "$auth_config" -H 'Expect:' "$@"
}

# term TAXONOMY NAME: looks the term up, creates it when missing.
term() {
  local answer id
  answer=$(rest -G "$api/$1" --data-urlencode "search=$2" -d per_page=100 -d _fields=id,name)
  id=$(first_id "$answer")
  if [ -z "$id" ]; then
    answer=$(rest -X POST "$api/$1?_fields=id,name" -H 'Content-Type: application/json' \
               --data-binary "{\"name\":\"$2\"}")
    id=$(first_id "$answer")
  fi
  printf '%s' "$id"
}

# curl_article ROUND I
curl_article() {
  local round=$1 i=$2 slug media_slug category tag media answer post
  slug=curl-bench-$round-story-$i
  media_slug=curl-bench-$round-photo-$i
  if [ "$lookups" = 1 ]; then
    rest -G "$api/posts" -d "slug=$slug" -d status=any -d context=edit \
      -d _fields=id,slug,status,modified_gmt >/dev/null
  fi
  category=$(term categories "Bench curl $round")
  tag=$(term tags "bench-curl-$round")
  if [ "$lookups" = 1 ]; then
    rest -G "$api/media" -d "slug=$media_slug" -d context=edit \
      -d _fields=id,slug,caption,alt_text,source_url >/dev/null
  fi
  answer=$(rest -X POST "$api/media?context=edit&_fields=id,slug,caption,alt_text,source_url" \
             -F "slug=$media_slug" -F "title=Harbour photo $i" \
             -F "caption=Harbour photo $i (Staff photo)" \
             -F "alt_text=Boats in the harbour, picture $i" \
             -F "file=@$work/curl$round-$i.png;type=image/png;filename=$media_slug.png")
  media=$(first_id "$answer")
  post=$(rest -X POST "$api/posts?context=edit" -H 'Content-Type: application/json' \
           --data-binary "{\"title\":\"curl bench $round story $i\",\"content\":\"<p>The harbour story number $i.</p>\\n<p>It has <em>two</em> paragraphs.</p>\\n\",\"excerpt\":\"\",\"status\":\"publish\",\"categories\":[$category],\"tags\":[$tag],\"featured_media\":$media,\"slug\":\"$slug\"}")
  [ -n "$(first_id "$post")" ] || { say "curl: no post for article $i"; exit 1; }
}

# run_curl ROUND: prints the wall time in ms.
run_curl() {
  local round=$1 start end i
  start=$(now_ns)
  for i in $(seq 1 "$n"); do
    curl_article "$round" "$i"
  done
  end=$(now_ns)
  echo $(( (end - start) / 1000000 ))
}

# ------------------------------------------------------------------------

median() {
  sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}

# Warm up PHP's opcache and MariaDB before anything is timed.
rest "$api/posts?per_page=1" >/dev/null
rest "$api/media?per_page=1" >/dev/null

cd_times=() curl_times=()
for round in $(seq 1 "$rounds"); do
  store=$work/store-$round
  prepare_copydesk "$store" "$round"
  make_photos "$work" "curl$round" "$n"
  if [ $((round % 2)) -eq 1 ]; then
    cd_ms=$(run_copydesk "$store"); curl_ms=$(run_curl "$round")
  else
    curl_ms=$(run_curl "$round"); cd_ms=$(run_copydesk "$store")
  fi
  say "round $round: copydesk-cli $cd_ms ms, curl $curl_ms ms"
  cd_times+=("$cd_ms") curl_times+=("$curl_ms")
done

cd_median=$(printf '%s\n' "${cd_times[@]}" | median)
curl_median=$(printf '%s\n' "${curl_times[@]}" | median)
printf 'publishing %d articles with one photo each to %s (median of %d rounds)\n' \
  "$n" "$url" "$rounds"
printf '  copydesk-cli publish   %6d ms   (rounds: %s)\n' "$cd_median" "${cd_times[*]}"
printf '  sequential curl        %6d ms   (rounds: %s)%s\n' "$curl_median" "${curl_times[*]}" \
  "$([ "$lookups" = 1 ] && echo ', with the same look-ups as Copydesk')"
if [ "$cd_median" -le "$curl_median" ]; then
  echo "PASS: Copydesk took no longer than curl"
else
  echo "FAIL: Copydesk took longer than curl"
  exit 1
fi
