/* cd-line-reader.c: reads a text stream line by line, checking as it goes
 *
 * Imports must stream: a 100 MB page copy is read in 64 KiB chunks and
 * only the current line is looked at, never a copy of the whole file.
 * Every line is checked before anyone sees it, so that a parser never
 * acts on text that later turns out to be binary or not UTF-8, and the
 * error names the line and the byte offset where the file goes wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-import-error.h"
#include "cd-line-reader.h"

#define CHUNK_SIZE (64 * 1024)

struct _CdLineReader
{
  GInputStream *stream;
  guint8 *buf;
  gsize alloc;
  gsize start;          /* first byte not yet handed out */
  gsize scanned;        /* bytes from start known to hold no '\n' */
  gsize end;            /* end of the data read so far */
  guint64 offset;       /* file offset of buf[start] */
  guint line_number;
  guint eof : 1;
};

CdLineReader *
cd_line_reader_new (GInputStream *stream)
{
  CdLineReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_new0 (CdLineReader, 1);
  self->stream = g_object_ref (stream);
  self->alloc = CHUNK_SIZE;
  self->buf = g_malloc (self->alloc);
  return self;
}

void
cd_line_reader_free (CdLineReader *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->stream);
  g_free (self->buf);
  g_free (self);
}

/* Bytes handed out so far, i.e. the file size once the end was reached. */
guint64
cd_line_reader_get_n_bytes (CdLineReader *self)
{
  return self->offset;
}

static gboolean
is_control_byte (guchar c)
{
  /* Tab, line feed, vertical tab, form feed and carriage return are white
   * space a text editor writes; any other control byte means binary. */
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r') ||
         c == 0x7f;
}

static guint
count_lines (const char *data,
             gsize       len)
{
  guint n = 0;

  for (const char *p = data; (p = memchr (p, '\n', len - (p - data))) != NULL; p++)
    n++;
  return n;
}

/**
 * cd_check_text:
 * @first_line: the line number of @data's first byte
 * @offset: the file offset of @data's first byte
 *
 * Checks that @data is UTF-8 text without control bytes; the error names
 * the line and the byte offset of the first bad byte.
 */
gboolean
cd_check_text (const char  *data,
               gsize        len,
               guint        first_line,
               guint64      offset,
               GError     **error)
{
  const char *valid_end = data + len;
  g_autofree char *where = NULL;
  gsize pos;

  /* A NUL stops g_utf8_validate_len(), so the first bad byte is either
   * where validation stopped or a control byte before it. */
  g_utf8_validate_len (data, len, &valid_end);
  for (pos = 0; data + pos < valid_end; pos++)
    if (is_control_byte (data[pos]))
      break;

  if (data + pos == data + len)
    return TRUE;

  /* the offset is formatted apart: a 64-bit format macro inside a
   * translatable message is not something translators' tools can read */
  where = g_strdup_printf ("%" G_GUINT64_FORMAT, offset + pos);
  if (data + pos < valid_end || data[pos] == '\0')
    g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_BINARY,
                 _("line %u, byte %s: binary data (byte 0x%02X), this is not a text file"),
                 first_line + count_lines (data, pos), where, (guchar) data[pos]);
  else
    g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_NOT_UTF8,
                 _("line %u, byte %s: the text is not valid UTF-8 "
                   "(save the file as UTF-8 and import it again)"),
                 first_line + count_lines (data, pos), where);
  return FALSE;
}

/* Reads more bytes into the buffer; FALSE on error. */
static gboolean
fill (CdLineReader  *self,
      GCancellable  *cancellable,
      GError       **error)
{
  gssize n;

  if (self->start > 0)
    {
      memmove (self->buf, self->buf + self->start, self->end - self->start);
      self->end -= self->start;
      self->start = 0;
    }
  if (self->end == self->alloc)
    {
      /* A line longer than the buffer: grow, it has to be held whole. */
      self->alloc *= 2;
      self->buf = g_realloc (self->buf, self->alloc);
    }

  n = g_input_stream_read (self->stream, self->buf + self->end, self->alloc - self->end,
                           cancellable, error);
  if (n < 0)
    return FALSE;
  if (n == 0)
    self->eof = TRUE;
  self->end += n;
  return TRUE;
}

/**
 * cd_line_reader_next:
 *
 * Returns: %TRUE with @line filled; %FALSE at the end of the stream
 *   (@error unset) or on an error
 */
gboolean
cd_line_reader_next (CdLineReader  *self,
                     CdLine        *line,
                     GCancellable  *cancellable,
                     GError       **error)
{
  const guint8 *nl = NULL;
  gsize len;
  gsize skip = 0;

  for (;;)
    {
      nl = memchr (self->buf + self->start + self->scanned, '\n',
                   self->end - self->start - self->scanned);
      if (nl != NULL || self->eof)
        break;
      self->scanned = self->end - self->start;
      if (!fill (self, cancellable, error))
        return FALSE;
    }

  len = nl ? (gsize) (nl + 1 - (self->buf + self->start)) : self->end - self->start;
  if (len == 0)
    return FALSE;

  /* A byte-order mark is not text: it is dropped from the first line. */
  if (self->offset == 0 && len >= 3 && memcmp (self->buf, "\xef\xbb\xbf", 3) == 0)
    skip = 3;

  line->raw = (const char *) self->buf + self->start + skip;
  line->raw_len = len - skip;
  line->text_len = line->raw_len;
  if (nl)
    {
      line->text_len--;
      if (line->text_len > 0 && line->raw[line->text_len - 1] == '\r')
        line->text_len--;
    }
  line->number = ++self->line_number;
  line->offset = self->offset + skip;

  self->start += len;
  self->scanned = 0;
  self->offset += len;

  return cd_check_text (line->raw, line->raw_len, line->number, line->offset, error);
}
