/* cd-line-reader.h: reads a text stream line by line, checking as it goes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _CdLineReader CdLineReader;

/* One line as it stands in the file. The pointers stay valid until the
 * next call of cd_line_reader_next(). */
typedef struct
{
  const char *raw;          /* the line with its line end (a leading BOM left out) */
  gsize       raw_len;
  gsize       text_len;     /* raw_len less the "\n" or "\r\n" */
  guint       number;       /* 1-based */
  guint64     offset;       /* byte offset of raw in the file */
} CdLine;

CdLineReader *cd_line_reader_new          (GInputStream  *stream);
void          cd_line_reader_free         (CdLineReader  *self);
gboolean      cd_line_reader_next         (CdLineReader  *self,
                                           CdLine        *line,
                                           GCancellable  *cancellable,
                                           GError       **error);
guint64       cd_line_reader_get_n_bytes  (CdLineReader  *self);
gboolean      cd_check_text               (const char    *data,
                                           gsize          len,
                                           guint          first_line,
                                           guint64        offset,
                                           GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdLineReader, cd_line_reader_free)

G_END_DECLS
