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
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
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
  GMappedFile *map;
  GHashTable *lines;   /* id, as a pointer into the map, → the same pointer */
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

  if (length == 0 || length > 20)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0 || (guint) digit >= base)
        return FALSE;
      value = value * base + (guint) digit;
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
  const char *data = g_mapped_file_get_contents (index->map);
  gsize length = g_mapped_file_get_length (index->map);
  const char *body, *trailer;
  guint64 count, sum;

  if (data == NULL || length < strlen (HEADER) + 2 ||
      memcmp (data, HEADER, strlen (HEADER)) != 0 || data[length - 1] != '\n')
    return FALSE;
  body = data + strlen (HEADER);
  trailer = g_strrstr_len (body, (gssize) (length - 1 - (gsize) (body - data)), "\n");
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
  index->map = g_mapped_file_new_from_fd (fd, FALSE, NULL);
  close (fd);
  if (index->map == NULL)
    return NULL;
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
  g_clear_pointer (&index->map, g_mapped_file_unref);
  g_free (index);
}

static gboolean
split_line (const char *line,
            Field      *fields)
{
  const char *p = line;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      const char *end = p;

      while (*end != '\t' && *end != '\n')
        end++;
      fields[i].start = p;
      fields[i].length = (gsize) (end - p);
      if ((*end == '\n') != (i == N_FIELDS - 1))
        return FALSE;
      p = end + 1;
    }
  return TRUE;
}

static char *
unescape (const char *p,
          gsize       length)
{
  char *out, *q;

  if (length == 0)
    return NULL;
  if (memchr (p, '\\', length) == NULL)
    return g_strndup (p, length);
  out = q = g_malloc (length + 1);
  for (gsize i = 0; i < length; i++)
    {
      if (p[i] != '\\' || i + 1 == length)
        {
          *q++ = p[i];
          continue;
        }
      switch (p[++i])
        {
        case 't': *q++ = '\t'; break;
        case 'n': *q++ = '\n'; break;
        case 'r': *q++ = '\r'; break;
        case 'u': *q++ = TAG_SEPARATOR; break;
        default: *q++ = p[i]; break;
        }
    }
  *q = '\0';
  return out;
}

static char **
split_tags (const Field *field)
{
  GPtrArray *tags = g_ptr_array_new ();
  const char *p = field->start, *end = field->start + field->length;

  while (field->length > 0)
    {
      const char *sep = memchr (p, TAG_SEPARATOR, (gsize) (end - p));
      const char *stop = sep ? sep : end;
      char *tag = unescape (p, (gsize) (stop - p));

      g_ptr_array_add (tags, tag ? tag : g_strdup (""));
      if (sep == NULL)
        break;
      p = sep + 1;
    }
  g_ptr_array_add (tags, NULL);
  return (char **) g_ptr_array_free (tags, FALSE);
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
      status > CD_ARTICLE_STATUS_WITHDRAWN || n_photos > G_MAXUINT || warnings > G_MAXUINT ||
      size > G_MAXINT64)
    return FALSE;
  stamp->size = (gint64) size;
  stamp->ino = ino;
  s->status = (CdArticleStatus) status;
  s->n_photos = (guint) n_photos;
  s->warnings = (CdArticleWarnings) warnings;
  return TRUE;
}

static void
parse_texts (const Field      *f,
             CdArticleSummary *s)
{
  s->id = unescape (f[F_ID].start, f[F_ID].length);
  s->fingerprint = unescape (f[F_FINGERPRINT].start, f[F_FINGERPRINT].length);
  s->language = unescape (f[F_LANGUAGE].start, f[F_LANGUAGE].length);
  s->section = unescape (f[F_SECTION].start, f[F_SECTION].length);
  s->duplicate_of = unescape (f[F_DUPLICATE_OF].start, f[F_DUPLICATE_OF].length);
  g_strfreev (s->tags);
  s->tags = split_tags (&f[F_TAGS]);
  s->headline = unescape (f[F_HEADLINE].start, f[F_HEADLINE].length);
  s->standfirst = unescape (f[F_STANDFIRST].start, f[F_STANDFIRST].length);
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
  CdFileStamp recorded;
  const char *line = g_hash_table_lookup (index->lines, id);

  if (line == NULL || !split_line (line, fields))
    return NULL;
  summary = _cd_article_summary_new_empty ();
  if (!parse_numbers (fields, &recorded, summary))
    return NULL;
  if (!cd_file_stamp_equal (&recorded, stamp) || stamp->mtime_ns >= index->mtime_ns - RACY_NS)
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
append_entry (GString            *out,
              const CdIndexEntry *entry)
{
  CdArticleSummary *s = entry->summary;

  append_text (out, s->id);
  append_i64 (out, entry->stamp.size);
  append_i64 (out, entry->stamp.mtime_ns);
  append_u64 (out, entry->stamp.ino, 10);
  append_u64 (out, s->revision, 10);
  append_u64 (out, s->status, 10);
  append_i64 (out, s->created_usec);
  append_i64 (out, s->modified_usec);
  append_u64 (out, s->n_photos, 10);
  append_u64 (out, s->warnings, 10);
  append_u64 (out, s->simhash, 16);
  append_text (out, s->fingerprint);
  append_text (out, s->language);
  append_text (out, s->section);
  append_text (out, s->duplicate_of);
  for (guint i = 0; s->tags[i]; i++)
    {
      if (i > 0)
        g_string_append_c (out, TAG_SEPARATOR);
      append_escaped (out, s->tags[i]);
    }
  g_string_append_c (out, '\t');
  append_text (out, s->headline);
  append_escaped (out, s->standfirst);
  g_string_append_c (out, '\n');
}

/**
 * cd_store_index_serialize:
 *
 * Returns: (transfer full): the bytes of an index of @entries
 */
GBytes *
cd_store_index_serialize (CdIndexEntry **entries,
                          guint          n_entries)
{
  GString *out = g_string_sized_new (64 + (gsize) n_entries * 400);
  gsize body_start;

  g_string_append (out, HEADER);
  body_start = out->len;
  for (guint i = 0; i < n_entries; i++)
    append_entry (out, entries[i]);
  g_string_append_printf (out, "end %u %" G_GINT64_MODIFIER "x\n", n_entries,
                          checksum (out->str + body_start, out->len - body_start));
  return g_string_free_to_bytes (out);
}
