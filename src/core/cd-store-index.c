/* cd-store-index.c: the store's cache of list fields
 *
 * Reading 100,000 JSON files to show a list is too slow, so the store keeps
 * what the list shows of each article in one file, index.tsv:
 *
 *   copydesk-index 1
 *   <id> TAB <size> TAB <mtime ns> TAB <inode> TAB <revision> TAB … LF   (one per article)
 *   end <number of lines> <checksum of the lines>
 *
 * Text fields escape backslash, tab, newline, carriage return and the unit
 * separator (which separates tags) with a backslash. It is parsed by hand:
 * a JSON parser would build a tree of the whole file first.
 *
 * The index is a cache and is never trusted on its own. A file whose end
 * line or checksum is wrong is ignored as a whole. An entry is used only
 * when the article file's size, modification time and inode are those the
 * entry records, and when the file was not modified so shortly before the
 * index was written that a later change could carry the same time stamp
 * (the trick git uses for its own index). Everything else is read from the
 * article files again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cd-article-summary-private.h"
#include "cd-store-index.h"

#define HEADER "copydesk-index 1\n"
#define TAG_SEPARATOR '\x1f'

/* File systems stamp times from a clock that ticks every few milliseconds
 * or, on some, every second or two. */
#define RACY_NS (G_GINT64_CONSTANT (2) * 1000000000)

enum {
  F_ID, F_SIZE, F_MTIME, F_INO, F_REVISION, F_STATUS, F_CREATED, F_MODIFIED,
  F_N_PHOTOS, F_WARNINGS, F_SIMHASH, F_FINGERPRINT, F_LANGUAGE, F_SECTION,
  F_DUPLICATE_OF, F_TAGS, F_HEADLINE, F_STANDFIRST, N_FIELDS
};

struct _CdStoreIndex
{
  char *data;          /* the whole file, mapped */
  gsize length;
  GHashTable *lines;   /* id, as a pointer into the data, → the same pointer */
  gint64 mtime_ns;
};

typedef struct
{
  const char *start;
  gsize length;
} Field;

void
cd_file_stamp_from_stat (CdFileStamp       *stamp,
                         const struct stat *st)
{
  stamp->size = st->st_size;
  stamp->mtime_ns = (gint64) st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
  stamp->ino = st->st_ino;
}

gboolean
cd_file_stamp_equal (const CdFileStamp *a,
                     const CdFileStamp *b)
{
  return a->size == b->size && a->mtime_ns == b->mtime_ns && a->ino == b->ino;
}

/* A checksum against damage, not against tampering: 8 bytes per step. */
static guint64
checksum (const char *data,
          gsize       length)
{
  guint64 h = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^ length;

  for (; length >= 8; data += 8, length -= 8)
    {
      guint64 word;

      memcpy (&word, data, 8);
      h = (h ^ word) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      h ^= h >> 32;
    }
  for (; length > 0; data++, length--)
    h = (h ^ (guchar) *data) * G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 29;
  return h;
}

/* ------------------------------------------------------------------------
 * Loading
 */

static gboolean
is_key_end (char c)
{
  return c == '\0' || c == '\t' || c == '\n';
}

/* Keys are ids inside the mapped file (ending in a tab) or the caller's
 * nul-terminated id: both hash and compare up to their end mark. */
static guint
key_hash (gconstpointer key)
{
  const char *p = key;
  guint h = 5381;

  for (; !is_key_end (*p); p++)
    h = h * 33 + (guchar) *p;
  return h;
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  const char *p = a, *q = b;

  for (;; p++, q++)
    {
      if (is_key_end (*p) || is_key_end (*q))
        return is_key_end (*p) && is_key_end (*q);
      if (*p != *q)
        return FALSE;
    }
}

static gboolean
parse_u64 (const char *p,
           gsize       length,
           guint       base,
           guint64    *out)
{
  guint64 value = 0;

  if (length == 0 || length > (base == 10 ? 20 : 16))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      guint digit;
      char c = p[i];

      if (c >= '0' && c <= '9')
        digit = (guint) (c - '0');
      else if (base == 16 && c >= 'a' && c <= 'f')
        digit = (guint) (c - 'a' + 10);
      else
        return FALSE;
      value = value * base + digit;
    }
  *out = value;
  return TRUE;
}

static gboolean
parse_i64 (const char *p,
           gsize       length,
           gint64     *out)
{
  guint64 magnitude;
  gboolean negative = length > 0 && p[0] == '-';

  if (!parse_u64 (p + negative, length - negative, 10, &magnitude) ||
      magnitude > G_MAXINT64)
    return FALSE;
  *out = negative ? -(gint64) magnitude : (gint64) magnitude;
  return TRUE;
}

static gboolean
parse_trailer (const char *line,
               gsize       length,
               guint64    *count,
               guint64    *sum)
{
  g_autofree char *text = g_strndup (line, length);
  g_auto(GStrv) words = g_strsplit (text, " ", -1);

  return g_strv_length (words) == 3 &&
         g_str_equal (words[0], "end") &&
         parse_u64 (words[1], strlen (words[1]), 10, count) &&
         parse_u64 (words[2], strlen (words[2]), 16, sum);
}

/* Records where each line starts; FALSE when the body is not what the
 * trailer says it is. */
static gboolean
index_lines (CdStoreIndex *index,
             const char   *body,
             const char   *end,
             guint64       count)
{
  guint64 n = 0;

  for (const char *line = body; line < end; n++)
    {
      const char *newline = memchr (line, '\n', (gsize) (end - line));

      if (newline == NULL || is_key_end (*line) ||
          !g_hash_table_add (index->lines, (gpointer) line))
        return FALSE;
      line = newline + 1;
    }
  return n == count;
}

static gboolean
validate (CdStoreIndex *index)
{
  const char *data = index->data;
  gsize length = index->length;
  const char *body, *trailer;
  guint64 count, sum;

  if (data == NULL || length < strlen (HEADER) + 2 ||
      memcmp (data, HEADER, strlen (HEADER)) != 0 || data[length - 1] != '\n')
    return FALSE;
  body = data + strlen (HEADER);
  trailer = memrchr (body, '\n', length - 1 - (gsize) (body - data));
  trailer = trailer ? trailer + 1 : body;
  if (!parse_trailer (trailer, (gsize) (data + length - 1 - trailer), &count, &sum) ||
      checksum (body, (gsize) (trailer - body)) != sum)
    return FALSE;
  return index_lines (index, body, trailer, count);
}

/**
 * cd_store_index_load:
 *
 * Returns: (transfer full) (nullable): the index, or %NULL when it is
 *   missing or damaged, which means every article file must be read
 */
CdStoreIndex *
cd_store_index_load (const char *path)
{
  g_autoptr(CdStoreIndex) index = g_new0 (CdStoreIndex, 1);
  struct stat st;
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    return NULL;
  if (fstat (fd, &st) != 0 || st.st_size == 0)
    {
      close (fd);
      return NULL;
    }
  index->mtime_ns = (gint64) st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
  /* Every page is read anyway: fault them all in at once. */
  index->data = mmap (NULL, (gsize) st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  close (fd);
  if (index->data == MAP_FAILED)
    {
      index->data = NULL;
      return NULL;
    }
  index->length = (gsize) st.st_size;
  index->lines = g_hash_table_new (key_hash, key_equal);
  if (!validate (index))
    return NULL;
  return g_steal_pointer (&index);
}

guint
cd_store_index_get_size (CdStoreIndex *index)
{
  return g_hash_table_size (index->lines);
}

void
cd_store_index_free (CdStoreIndex *index)
{
  if (index == NULL)
    return;
  g_clear_pointer (&index->lines, g_hash_table_unref);
  if (index->data != NULL)
    munmap (index->data, index->length);
  g_free (index);
}

static gboolean
split_line (const char *line,
            Field      *fields)
{
  const char *end = rawmemchr (line, '\n');
  const char *p = line;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      const char *tab = i + 1 < N_FIELDS ? memchr (p, '\t', (gsize) (end - p)) : end;

      if (tab == NULL)
        return FALSE;
      fields[i].start = p;
      fields[i].length = (gsize) (tab - p);
      p = tab + 1;
    }
  return p == end + 1;
}

/* Writes the unescaped field at @out; returns the end of what it wrote. */
static char *
unescape_into (char        *out,
               const char  *p,
               gsize        length)
{
  const char *backslash = memchr (p, '\\', length);

  if (backslash == NULL)
    {
      memcpy (out, p, length);
      return out + length;
    }
  for (gsize i = 0; i < length; i++)
    {
      if (p[i] != '\\' || i + 1 == length)
        {
          *out++ = p[i];
          continue;
        }
      switch (p[++i])
        {
        case 't': *out++ = '\t'; break;
        case 'n': *out++ = '\n'; break;
        case 'r': *out++ = '\r'; break;
        case 'u': *out++ = TAG_SEPARATOR; break;
        default: *out++ = p[i]; break;
        }
    }
  return out;
}

static char *
put_field (char        *out,
           const Field *field)
{
  out = unescape_into (out, field->start, field->length);
  *out++ = '\0';
  return out;
}

/* The tags field, each tag ending in a nul (the summary's form). */
static char *
put_tags (char        *out,
          const Field *field)
{
  const char *p = field->start, *end = field->start + field->length;

  if (field->length == 0)
    return out;
  for (;;)
    {
      const char *sep = memchr (p, TAG_SEPARATOR, (gsize) (end - p));
      Field tag = { p, (gsize) ((sep ? sep : end) - p) };

      out = put_field (out, &tag);
      if (sep == NULL)
        return out;
      p = sep + 1;
    }
}

static gboolean
parse_numbers (const Field      *f,
               CdFileStamp      *stamp,
               CdArticleSummary *s)
{
  guint64 size, ino, status, n_photos, warnings;

  if (!parse_u64 (f[F_SIZE].start, f[F_SIZE].length, 10, &size) ||
      !parse_i64 (f[F_MTIME].start, f[F_MTIME].length, &stamp->mtime_ns) ||
      !parse_u64 (f[F_INO].start, f[F_INO].length, 10, &ino) ||
      !parse_u64 (f[F_REVISION].start, f[F_REVISION].length, 10, &s->revision) ||
      !parse_u64 (f[F_STATUS].start, f[F_STATUS].length, 10, &status) ||
      !parse_i64 (f[F_CREATED].start, f[F_CREATED].length, &s->created_usec) ||
      !parse_i64 (f[F_MODIFIED].start, f[F_MODIFIED].length, &s->modified_usec) ||
      !parse_u64 (f[F_N_PHOTOS].start, f[F_N_PHOTOS].length, 10, &n_photos) ||
      !parse_u64 (f[F_WARNINGS].start, f[F_WARNINGS].length, 10, &warnings) ||
      !parse_u64 (f[F_SIMHASH].start, f[F_SIMHASH].length, 16, &s->simhash) ||
      !_cd_fingerprint_from_hex (s->fingerprint, f[F_FINGERPRINT].start, f[F_FINGERPRINT].length) ||
      status > CD_ARTICLE_STATUS_WITHDRAWN || n_photos > G_MAXUINT ||
      warnings > CD_SUMMARY_MAX_WARNINGS ||
      size > G_MAXINT64)
    return FALSE;
  stamp->size = (gint64) size;
  stamp->ino = ino;
  s->status = (CdArticleStatus) status;
  s->n_photos = (guint) n_photos;
  s->warnings = (CdArticleWarnings) warnings;
  return TRUE;
}

static GQuark
parse_quark (const Field *field)
{
  char stack[64];
  g_autofree char *heap = NULL;
  char *text = field->length < sizeof stack ? stack : (heap = g_malloc (field->length + 1));

  put_field (text, field);
  return _cd_summary_quark (text);
}

/* All text of the summary into one block. Unescaping only shortens, so
 * the fields' lengths and a nul after each part are room enough. */
static void
parse_texts (const Field      *f,
             CdArticleSummary *s)
{
  CdSummaryBlock block;

  _cd_summary_block_init (&block, f[F_ID].length + f[F_TAGS].length + f[F_HEADLINE].length +
                                  f[F_STANDFIRST].length + f[F_DUPLICATE_OF].length + 5);
  block.out = put_field (block.out, &f[F_ID]);
  _cd_summary_block_begin (&block, CD_SUMMARY_TAGS);
  block.out = put_tags (block.out, &f[F_TAGS]);
  _cd_summary_block_begin (&block, CD_SUMMARY_HEADLINE);
  block.out = put_field (block.out, &f[F_HEADLINE]);
  _cd_summary_block_begin (&block, CD_SUMMARY_STANDFIRST);
  block.out = put_field (block.out, &f[F_STANDFIRST]);
  _cd_summary_block_begin (&block, CD_SUMMARY_DUPLICATE_OF);
  block.out = put_field (block.out, &f[F_DUPLICATE_OF]);
  _cd_article_summary_take_block (s, &block);
  s->section = parse_quark (&f[F_SECTION]);
  s->language = parse_quark (&f[F_LANGUAGE]);
}

/**
 * cd_store_index_lookup:
 * @stamp: the article file as it is on disk now
 *
 * Returns: (transfer full) (nullable): the summary the index holds for
 *   @id, or %NULL when the article file must be read instead
 */
CdArticleSummary *
cd_store_index_lookup (CdStoreIndex      *index,
                       const char        *id,
                       const CdFileStamp *stamp)
{
  g_autoptr(CdArticleSummary) summary = NULL;
  Field fields[N_FIELDS];
  const char *line = g_hash_table_lookup (index->lines, id);

  if (line == NULL || !split_line (line, fields))
    return NULL;
  summary = _cd_article_summary_new_empty ();
  if (!parse_numbers (fields, &summary->stamp, summary))
    return NULL;
  if (!cd_file_stamp_equal (&summary->stamp, stamp) ||
      stamp->mtime_ns >= index->mtime_ns - RACY_NS)
    return NULL;
  parse_texts (fields, summary);
  return g_steal_pointer (&summary);
}

/* ------------------------------------------------------------------------
 * Writing
 */

static void
append_escaped (GString    *out,
                const char *text)
{
  if (text == NULL)
    return;
  for (const char *p = text; *p; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      case TAG_SEPARATOR: g_string_append (out, "\\u"); break;
      default: g_string_append_c (out, *p); break;
      }
}

static void
append_u64 (GString *out,
            guint64  value,
            guint    base)
{
  char digits[24];
  int n = 0;

  do
    {
      digits[n++] = "0123456789abcdef"[value % base];
      value /= base;
    }
  while (value > 0);
  while (n > 0)
    g_string_append_c (out, digits[--n]);
  g_string_append_c (out, '\t');
}

static void
append_i64 (GString *out,
            gint64   value)
{
  if (value < 0)
    {
      g_string_append_c (out, '-');
      append_u64 (out, -(guint64) value, 10);
    }
  else
    append_u64 (out, (guint64) value, 10);
}

static void
append_text (GString    *out,
             const char *text)
{
  append_escaped (out, text);
  g_string_append_c (out, '\t');
}

static void
append_fingerprint (GString          *out,
                    CdArticleSummary *s)
{
  char hex[2 * CD_FINGERPRINT_SIZE + 1];

  _cd_fingerprint_to_hex (s->fingerprint, hex);
  append_text (out, hex);
}

/* The summary's tags, joined by the separator. */
static void
append_tags (GString          *out,
             CdArticleSummary *s)
{
  const char *tag = _cd_article_summary_get_part (s, CD_SUMMARY_TAGS);
  const char *end = _cd_article_summary_get_part (s, CD_SUMMARY_HEADLINE);

  for (; tag < end; tag += strlen (tag) + 1)
    {
      if (tag > _cd_article_summary_get_part (s, CD_SUMMARY_TAGS))
        g_string_append_c (out, TAG_SEPARATOR);
      append_escaped (out, tag);
    }
  g_string_append_c (out, '\t');
}

static void
append_entry (GString          *out,
              CdArticleSummary *s)
{
  append_text (out, cd_article_summary_get_id (s));
  append_i64 (out, s->stamp.size);
  append_i64 (out, s->stamp.mtime_ns);
  append_u64 (out, s->stamp.ino, 10);
  append_u64 (out, s->revision, 10);
  append_u64 (out, s->status, 10);
  append_i64 (out, s->created_usec);
  append_i64 (out, s->modified_usec);
  append_u64 (out, s->n_photos, 10);
  append_u64 (out, s->warnings, 10);
  append_u64 (out, s->simhash, 16);
  append_fingerprint (out, s);
  append_text (out, cd_article_summary_get_language (s));
  append_text (out, cd_article_summary_get_section (s));
  append_text (out, cd_article_summary_get_duplicate_of (s));
  append_tags (out, s);
  append_text (out, cd_article_summary_get_headline (s));
  append_escaped (out, cd_article_summary_get_standfirst (s));
  g_string_append_c (out, '\n');
}

/**
 * cd_store_index_serialize:
 *
 * Returns: (transfer full): the bytes of an index of @summaries, each
 *   with the stamp of the file it was read from
 */
GBytes *
cd_store_index_serialize (CdArticleSummary **summaries,
                          guint              n_summaries)
{
  GString *out = g_string_sized_new (64 + (gsize) n_summaries * 400);
  gsize body_start;

  g_string_append (out, HEADER);
  body_start = out->len;
  for (guint i = 0; i < n_summaries; i++)
    append_entry (out, summaries[i]);
  g_string_append_printf (out, "end %u %" G_GINT64_MODIFIER "x\n", n_summaries,
                          checksum (out->str + body_start, out->len - body_start));
  return g_string_free_to_bytes (out);
}
