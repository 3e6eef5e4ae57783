/* cd-exporter.c: writes articles as ninjs, HTML, Markdown or plain text
 *
 * Articles are written one at a time to a stream, so exporting a large
 * store never holds more than one article's rendering in memory. The ninjs
 * export is one JSON array (see ninjs-profile.md); the others are one
 * document with the articles in order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-exporter.h"
#include "cd-markdown.h"
#include "cd-ninjs.h"
#include "cd-util.h"

struct _CdExporter
{
  GObject parent_instance;

  CdExportFormat format;
  char *photos_uri;
  GOutputStream *out;
  guint n_written;
};

G_DEFINE_FINAL_TYPE (CdExporter, cd_exporter, G_TYPE_OBJECT)
G_DEFINE_QUARK (cd-export-error-quark, cd_export_error)

static const struct {
  const char *name;
  CdExportFormat format;
} format_names[] = {
  { "ninjs", CD_EXPORT_FORMAT_NINJS },
  { "html", CD_EXPORT_FORMAT_HTML },
  { "markdown", CD_EXPORT_FORMAT_MARKDOWN },
  { "text", CD_EXPORT_FORMAT_TEXT },
};

static gboolean
write_all (CdExporter    *self,
           const char    *text,
           GCancellable  *cancellable,
           GError       **error)
{
  return g_output_stream_write_all (self->out, text, strlen (text), NULL, cancellable, error);
}

static char *
photo_href (CdExporter *self,
            CdPhoto    *photo)
{
  g_autofree char *escaped = NULL;

  if (cd_photo_get_file (photo) == NULL)
    return NULL;
  escaped = g_uri_escape_string (cd_photo_get_file (photo), NULL, FALSE);
  return g_strconcat (self->photos_uri ? self->photos_uri : "", escaped, NULL);
}

/* "Caption (Credit)", or either alone. */
static char *
caption_with_credit (CdPhoto *photo)
{
  const char *caption = cd_photo_get_caption (photo);
  const char *credit = cd_photo_get_credit (photo);

  if (cd_str_is_blank (credit))
    return g_strdup (caption);
  if (cd_str_is_blank (caption))
    return g_strdup_printf ("(%s)", credit);
  return g_strdup_printf ("%s (%s)", caption, credit);
}

static char *
render_ninjs (CdExporter *self,
              CdArticle  *article)
{
  g_autoptr(JsonNode) node = cd_ninjs_from_article (article, self->photos_uri,
                                                    CD_NINJS_BODY_MARKDOWN |
                                                    CD_NINJS_BODY_PLAIN |
                                                    CD_NINJS_BODY_HTML);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *json = NULL;
  g_auto(GStrv) lines = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, NULL);
  /* Indent the object by two spaces to sit inside the array. */
  lines = g_strsplit (json, "\n", -1);
  return g_strjoinv ("\n  ", lines);
}

static void
append_escaped_element (GString    *html,
                        const char *tag,
                        const char *klass,
                        const char *text)
{
  g_autofree char *escaped = NULL;

  if (cd_str_is_blank (text))
    return;
  escaped = g_markup_escape_text (text, -1);
  if (klass)
    g_string_append_printf (html, "<%s class=\"%s\">%s</%s>\n", tag, klass, escaped, tag);
  else
    g_string_append_printf (html, "<%s>%s</%s>\n", tag, escaped, tag);
}

static void
append_html_figure (CdExporter *self,
                    GString    *html,
                    CdPhoto    *photo)
{
  g_autofree char *href = photo_href (self, photo);
  g_autofree char *alt = g_markup_escape_text (cd_photo_get_alt_text (photo), -1);

  g_string_append (html, "<figure>\n");
  if (href)
    {
      g_autofree char *src = g_markup_escape_text (href, -1);
      g_string_append_printf (html, "<img src=\"%s\" alt=\"%s\"", src, alt);
      if (cd_photo_get_width (photo) && cd_photo_get_height (photo))
        g_string_append_printf (html, " width=\"%u\" height=\"%u\"",
                                cd_photo_get_width (photo), cd_photo_get_height (photo));
      g_string_append (html, ">\n");
    }
  g_string_append (html, "<figcaption>");
  if (!cd_str_is_blank (cd_photo_get_caption (photo)))
    {
      g_autofree char *caption = g_markup_escape_text (cd_photo_get_caption (photo), -1);
      g_string_append (html, caption);
    }
  if (!cd_str_is_blank (cd_photo_get_credit (photo)))
    {
      g_autofree char *credit = g_markup_escape_text (cd_photo_get_credit (photo), -1);
      g_string_append_printf (html, " <small class=\"credit\">%s</small>", credit);
    }
  g_string_append (html, "</figcaption>\n</figure>\n");
}

static char *
render_html (CdExporter *self,
             CdArticle  *article)
{
  GString *html = g_string_new (NULL);
  g_autofree char *lang = g_markup_escape_text (cd_article_get_language (article), -1);
  g_autofree char *body = cd_markdown_to_html (cd_article_get_body (article));

  g_string_append_printf (html, "<article id=\"%s\"", cd_article_get_id (article));
  if (*lang)
    g_string_append_printf (html, " lang=\"%s\"", lang);
  g_string_append_printf (html, " dir=\"%s\">\n", cd_article_is_rtl (article) ? "rtl" : "ltr");
  append_escaped_element (html, "h1", NULL, cd_article_get_headline (article));
  append_escaped_element (html, "p", "standfirst", cd_article_get_standfirst (article));
  append_escaped_element (html, "p", "byline", cd_article_get_byline (article));
  append_escaped_element (html, "p", "dateline", cd_article_get_dateline (article));
  for (guint i = 0; i < cd_article_get_n_photos (article); i++)
    append_html_figure (self, html, cd_article_get_photo (article, i));
  g_string_append (html, body);
  g_string_append (html, "</article>\n");
  return g_string_free (html, FALSE);
}

/* A plain-text field as one line: each run of white space that holds a
 * line break becomes one space (in a heading or emphasis a break would
 * end it), and the ends are trimmed, as CommonMark would trim them. */
static char *
one_line (const char *text)
{
  g_autoptr(GString) line = g_string_new (NULL);
  const char *p = text ? text : "";

  while (*p)
    {
      gsize blank = strspn (p, " \t\r\n");

      if (blank > 0 && memchr (p, '\n', blank) == NULL && memchr (p, '\r', blank) == NULL)
        g_string_append_len (line, p, (gssize) blank);
      else if (blank > 0)
        g_string_append_c (line, ' ');
      p += blank;
      blank = strcspn (p, " \t\r\n");
      g_string_append_len (line, p, (gssize) blank);
      p += blank;
    }
  return g_strstrip (g_string_free (g_steal_pointer (&line), FALSE));
}

/* Headline, standfirst, byline, dateline, captions and alternative text
 * are plain text: "1. Round one" or "*Breaking* 5 # of [3]" must come out
 * as those characters, not as a list, emphasis or a link. */
static char *
md_inline (const char *text)
{
  g_autofree char *line = one_line (text);

  return cd_markdown_escape_inline (line);
}

static char *
md_paragraph (const char *text)
{
  g_autofree char *line = one_line (text);

  return cd_markdown_escape_paragraph (line);
}

static void
append_markdown_photo (CdExporter *self,
                       GString    *md,
                       CdPhoto    *photo)
{
  g_autofree char *href = photo_href (self, photo);
  g_autofree char *credited = caption_with_credit (photo);
  g_autofree char *caption = md_paragraph (credited);

  if (href)
    {
      g_autofree char *alt = md_inline (cd_photo_get_alt_text (photo));
      g_string_append_printf (md, "![%s](<%s>)\n", alt, href);
    }
  g_string_append_printf (md, "%s\n\n", caption);
}

static char *
render_markdown (CdExporter *self,
                 CdArticle  *article)
{
  GString *md = g_string_new (NULL);
  g_autofree char *headline = md_inline (cd_article_get_headline (article));

  g_string_append_printf (md, "# %s\n\n", headline);
  if (!cd_str_is_blank (cd_article_get_standfirst (article)))
    {
      g_autofree char *standfirst = md_inline (cd_article_get_standfirst (article));
      g_string_append_printf (md, "*%s*\n\n", standfirst);
    }
  if (!cd_str_is_blank (cd_article_get_byline (article)))
    {
      g_autofree char *byline = md_inline (cd_article_get_byline (article));
      g_string_append_printf (md, "By %s\n\n", byline);
    }
  if (!cd_str_is_blank (cd_article_get_dateline (article)))
    {
      g_autofree char *dateline = md_paragraph (cd_article_get_dateline (article));
      g_string_append_printf (md, "%s\n\n", dateline);
    }
  for (guint i = 0; i < cd_article_get_n_photos (article); i++)
    append_markdown_photo (self, md, cd_article_get_photo (article, i));
  g_string_append (md, cd_article_get_body (article));
  if (md->len > 0 && md->str[md->len - 1] != '\n')
    g_string_append_c (md, '\n');
  return g_string_free (md, FALSE);
}

static char *
render_text (CdExporter *self,
             CdArticle  *article)
{
  GString *text = g_string_new (NULL);
  g_autofree char *body = cd_markdown_to_plain (cd_article_get_body (article));

  g_string_append_printf (text, "%s\n\n", cd_article_get_headline (article));
  if (!cd_str_is_blank (cd_article_get_standfirst (article)))
    g_string_append_printf (text, "%s\n\n", cd_article_get_standfirst (article));
  if (!cd_str_is_blank (cd_article_get_byline (article)))
    g_string_append_printf (text, "%s\n\n", cd_article_get_byline (article));
  if (!cd_str_is_blank (cd_article_get_dateline (article)))
    g_string_append_printf (text, "%s\n\n", cd_article_get_dateline (article));
  for (guint i = 0; i < cd_article_get_n_photos (article); i++)
    {
      g_autofree char *caption = caption_with_credit (cd_article_get_photo (article, i));
      g_string_append_printf (text, "%s\n", caption);
    }
  if (cd_article_get_n_photos (article) > 0)
    g_string_append_c (text, '\n');
  if (*body)
    g_string_append_printf (text, "%s\n", body);
  return g_string_free (text, FALSE);
}

static void
cd_exporter_finalize (GObject *object)
{
  CdExporter *self = CD_EXPORTER (object);

  g_free (self->photos_uri);
  g_clear_object (&self->out);

  G_OBJECT_CLASS (cd_exporter_parent_class)->finalize (object);
}

static void
cd_exporter_class_init (CdExporterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_exporter_finalize;
}

static void
cd_exporter_init (CdExporter *self)
{
}

gboolean
cd_export_format_from_string (const char      *name,
                              CdExportFormat  *format,
                              GError         **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_strcmp0 (name, format_names[i].name) == 0)
      {
        *format = format_names[i].format;
        return TRUE;
      }
  g_set_error (error, CD_EXPORT_ERROR, CD_EXPORT_ERROR_UNKNOWN_FORMAT,
               _("Unknown export format “%s”: use ninjs, html, markdown or text"),
               name ? name : "");
  return FALSE;
}

/**
 * cd_exporter_new:
 * @photos_uri: the URI that photo file names are appended to, normally
 *   cd_store_dup_photos_uri()
 */
CdExporter *
cd_exporter_new (CdExportFormat  format,
                 const char     *photos_uri)
{
  CdExporter *self = g_object_new (CD_TYPE_EXPORTER, NULL);

  self->format = format;
  self->photos_uri = g_strdup (photos_uri);
  return self;
}

gboolean
cd_exporter_begin (CdExporter    *self,
                   GOutputStream *out,
                   GCancellable  *cancellable,
                   GError       **error)
{
  const char *opening = "";

  g_return_val_if_fail (CD_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  g_set_object (&self->out, out);
  self->n_written = 0;
  switch (self->format)
    {
    case CD_EXPORT_FORMAT_NINJS:
      opening = "[";
      break;
    case CD_EXPORT_FORMAT_HTML:
      opening = "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                "<title>Copydesk export</title>\n</head>\n<body>\n";
      break;
    case CD_EXPORT_FORMAT_MARKDOWN:
    case CD_EXPORT_FORMAT_TEXT:
    default:
      break;
    }
  return write_all (self, opening, cancellable, error);
}

gboolean
cd_exporter_add (CdExporter    *self,
                 CdArticle     *article,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autofree char *rendered = NULL;
  const char *separator = "";

  g_return_val_if_fail (CD_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (CD_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (self->out != NULL, FALSE);

  switch (self->format)
    {
    case CD_EXPORT_FORMAT_NINJS:
      rendered = render_ninjs (self, article);
      separator = self->n_written ? ",\n  " : "\n  ";
      break;
    case CD_EXPORT_FORMAT_HTML:
      rendered = render_html (self, article);
      break;
    case CD_EXPORT_FORMAT_MARKDOWN:
      rendered = render_markdown (self, article);
      separator = self->n_written ? "\n---\n\n" : "";
      break;
    case CD_EXPORT_FORMAT_TEXT:
    default:
      rendered = render_text (self, article);
      separator = self->n_written ? "\n\n" : "";
      break;
    }
  self->n_written++;
  return write_all (self, separator, cancellable, error) &&
         write_all (self, rendered, cancellable, error);
}

gboolean
cd_exporter_end (CdExporter    *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  const char *closing = "";

  g_return_val_if_fail (CD_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (self->out != NULL, FALSE);

  switch (self->format)
    {
    case CD_EXPORT_FORMAT_NINJS:
      closing = self->n_written ? "\n]\n" : "]\n";
      break;
    case CD_EXPORT_FORMAT_HTML:
      closing = "</body>\n</html>\n";
      break;
    case CD_EXPORT_FORMAT_MARKDOWN:
    case CD_EXPORT_FORMAT_TEXT:
    default:
      break;
    }
  if (!write_all (self, closing, cancellable, error))
    return FALSE;
  return g_output_stream_flush (self->out, cancellable, error);
}

char *
cd_exporter_export_to_string (CdExportFormat   format,
                              const char      *photos_uri,
                              GPtrArray       *articles,
                              GError         **error)
{
  g_autoptr(CdExporter) self = cd_exporter_new (format, photos_uri);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  if (!cd_exporter_begin (self, out, NULL, error))
    return NULL;
  for (guint i = 0; i < articles->len; i++)
    if (!cd_exporter_add (self, g_ptr_array_index (articles, i), NULL, error))
      return NULL;
  if (!cd_exporter_end (self, NULL, error) ||
      !g_output_stream_write_all (out, "", 1, NULL, NULL, error) ||
      !g_output_stream_close (out, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}
