/* cd-ui-utils.c: pure helpers of the window, testable without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "cd-ui-utils.h"

/* Adult readers manage about 230 words a minute in news copy; rounding up
 * keeps "1 min" for a short item instead of a discouraging "0 min". */
#define WORDS_PER_MINUTE 230

static const CdLanguage languages[] = {
  { "ar", N_("Arabic") },
  { "de", N_("German") },
  { "en", N_("English") },
  { "es", N_("Spanish") },
  { "fa", N_("Persian") },
  { "fr", N_("French") },
  { "he", N_("Hebrew") },
  { "it", N_("Italian") },
  { "nl", N_("Dutch") },
  { "pt", N_("Portuguese") },
  { "ru", N_("Russian") },
  { "sv", N_("Swedish") },
  { "tr", N_("Turkish") },
  { "ur", N_("Urdu") },
};

/* "5 minutes ago", "Yesterday 14:05", "3 May": @when as seen at @now, in
 * the time zone of @now (pass g_date_time_new_now_local()): asking for
 * the local zone anew reads /etc/localtime, too slow for every row. */
char *
cd_ui_format_relative_time (GDateTime *when,
                            GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  GDateTime *local_now = now;
  GTimeSpan span;
  int minutes, hours, days;

  if (when == NULL)
    return g_strdup (_("Unknown"));

  span = g_date_time_difference (now, when);
  if (span < 0)
    span = 0;
  minutes = span / G_TIME_SPAN_MINUTE;
  hours = span / G_TIME_SPAN_HOUR;
  local = g_date_time_to_timezone (when, g_date_time_get_timezone (now));
  days = g_date_time_get_day_of_year (local_now) - g_date_time_get_day_of_year (local);

  if (minutes < 1)
    return g_strdup (_("Just now"));
  if (hours < 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago",
                                         minutes), minutes);
  if (g_date_time_get_year (local) == g_date_time_get_year (local_now) && days == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", hours),
                            hours);
  if (g_date_time_get_year (local) == g_date_time_get_year (local_now) && days == 1)
    /* Translators: %H:%M is the time of day, see g_date_time_format() */
    return g_date_time_format (local, _("Yesterday %H:%M"));
  if (span < 7 * G_TIME_SPAN_DAY)
    /* Translators: the weekday and time, e.g. "Monday 14:05" */
    return g_date_time_format (local, _("%A %H:%M"));
  if (g_date_time_get_year (local) == g_date_time_get_year (local_now))
    /* Translators: day and month, e.g. "3 May" */
    return g_date_time_format (local, _("%e %B"));
  /* Translators: day, month and year, e.g. "3 May 2021" */
  return g_date_time_format (local, _("%e %B %Y"));
}

/* A word is a run of letters, digits or marks, so that punctuation and
 * Markdown syntax are not counted while Arabic words with their vowel
 * marks are counted once. */
guint
cd_ui_count_words (const char *text)
{
  gboolean in_word = FALSE;
  guint n = 0;

  if (text == NULL)
    return 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean word_char = g_unichar_isalnum (c) || g_unichar_ismark (c) ||
                           c == '\'' || c == 0x2019;

      if (word_char && !in_word)
        n++;
      in_word = word_char;
    }

  return n;
}

guint
cd_ui_reading_minutes (guint n_words)
{
  if (n_words == 0)
    return 0;
  return (n_words + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE;
}

char *
cd_ui_format_word_count (guint n_words)
{
  guint minutes = cd_ui_reading_minutes (n_words);
  g_autofree char *words = NULL;
  g_autofree char *reading = NULL;

  words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", n_words),
                           n_words);
  reading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u min read", "%u min read",
                                          minutes), minutes);
  /* Translators: word count and reading time, e.g. "412 words · 2 min read" */
  return g_strdup_printf (_("%s · %s"), words, reading);
}

char *
cd_ui_format_headline_count (const char *headline,
                             guint       limit,
                             gboolean   *over)
{
  glong n = headline ? g_utf8_strlen (headline, -1) : 0;

  if (over)
    *over = limit > 0 && n > (glong) limit;
  if (limit == 0)
    return g_strdup_printf ("%ld", n);
  /* Translators: characters used out of the headline limit, e.g. "42/90" */
  return g_strdup_printf (_("%ld/%u"), n, limit);
}

const char *
cd_ui_status_label (CdArticleStatus status)
{
  switch (status)
    {
    case CD_ARTICLE_STATUS_DRAFT: return _("Draft");
    case CD_ARTICLE_STATUS_EDITED: return _("Edited");
    case CD_ARTICLE_STATUS_READY: return _("Ready");
    case CD_ARTICLE_STATUS_PUBLISHED: return _("Published");
    case CD_ARTICLE_STATUS_WITHDRAWN: return _("Withdrawn");
    default: return _("Unknown");
    }
}

/* One line per warning, for a tooltip and an accessible description. */
char *
cd_ui_describe_warnings (CdArticleWarnings warnings)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();

  if (warnings & CD_ARTICLE_WARNING_NO_HEADLINE)
    g_ptr_array_add (lines, _("No headline"));
  if (warnings & CD_ARTICLE_WARNING_EMPTY_BODY)
    g_ptr_array_add (lines, _("The body is empty"));
  if (warnings & CD_ARTICLE_WARNING_PHOTO_NO_CREDIT)
    g_ptr_array_add (lines, _("A photo has no credit"));
  if (warnings & CD_ARTICLE_WARNING_POSSIBLE_DUPLICATE)
    g_ptr_array_add (lines, _("Possible duplicate of another article"));
  if (lines->len == 0)
    return NULL;
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* The review dialog's heading: what pressing Import does, one whole
 * sentence. @details gets the rest, one whole sentence a line, or NULL
 * when the heading says it all. */
char *
cd_ui_describe_import (const CdImportCounts *counts,
                       char                **details)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  char *heading;

  g_return_val_if_fail (counts != NULL, NULL);

  if (counts->n_new > 0)
    heading = g_strdup_printf (ngettext ("%u new article will be imported.",
                                         "%u new articles will be imported.", counts->n_new),
                               counts->n_new);
  else if (counts->n_in_store + counts->n_repeated > 0)
    heading = g_strdup (_("Nothing new to import."));
  else
    heading = g_strdup (_("Nothing to import."));

  if (counts->n_in_store > 0)
    g_ptr_array_add (lines, g_strdup_printf (ngettext ("%u article is already in the store and "
                                                       "will be left out.",
                                                       "%u articles are already in the store "
                                                       "and will be left out.",
                                                       counts->n_in_store), counts->n_in_store));
  if (counts->n_repeated > 0)
    g_ptr_array_add (lines, g_strdup_printf (ngettext ("%u article repeats one found earlier in "
                                                       "this import and will be left out.",
                                                       "%u articles repeat ones found earlier in "
                                                       "this import and will be left out.",
                                                       counts->n_repeated), counts->n_repeated));
  if (counts->n_near > 0)
    g_ptr_array_add (lines, g_strdup_printf (ngettext ("%u article looks like one already known "
                                                       "and will be marked as a possible "
                                                       "duplicate.",
                                                       "%u articles look like ones already "
                                                       "known and will be marked as possible "
                                                       "duplicates.",
                                                       counts->n_near), counts->n_near));
  if (counts->n_errors > 0)
    g_ptr_array_add (lines, g_strdup (_("What could not be read is listed below and is left "
                                        "out.")));
  else if (counts->n_new + counts->n_in_store + counts->n_repeated == 0)
    g_ptr_array_add (lines, g_strdup (_("No articles were found.")));

  if (details)
    {
      g_ptr_array_add (lines, NULL);
      *details = lines->len > 1 ? g_strjoinv ("\n", (char **) lines->pdata) : NULL;
    }
  return heading;
}

/* Why a queued publish waits, in the words of an editor, with what to do
 * about it; the error message itself is shown beside it as the details. */
const char *
cd_ui_publish_problem_text (CdPublishProblem problem)
{
  switch (problem)
    {
    case CD_PUBLISH_PROBLEM_NONE:
      return _("Not sent yet.");
    case CD_PUBLISH_PROBLEM_OFFLINE:
      return _("The site could not be reached. Copydesk tries again when the network or the "
               "site is back.");
    case CD_PUBLISH_PROBLEM_SITE_TROUBLE:
      return _("The site was busy or had an error of its own. Copydesk tries again later.");
    case CD_PUBLISH_PROBLEM_LOGIN:
      return _("The site refused the user name or application password. Check the site in "
               "Preferences, then retry.");
    case CD_PUBLISH_PROBLEM_CONFLICT:
      return _("The post was changed on the site since Copydesk last published it. Open the "
               "article and publish it again to choose which version to keep.");
    case CD_PUBLISH_PROBLEM_ARTICLE:
      return _("The article is not ready to publish. Open it, fix what the details name, then "
               "retry.");
    case CD_PUBLISH_PROBLEM_ARTICLE_GONE:
      return _("The article is no longer in the store, so there is nothing to send. Remove "
               "this publish.");
    case CD_PUBLISH_PROBLEM_SITE_GONE:
      return _("The site is no longer among the sites in Preferences. Add it again, or remove "
               "this publish.");
    case CD_PUBLISH_PROBLEM_OTHER:
    default:
      return _("Publishing failed; the details say what went wrong.");
    }
}

/* The separator of a list in the interface's language: ", " in English,
 * "، " in Arabic. */
const char *
cd_ui_list_separator (void)
{
  /* Translators: separates the items of a list: the names of fields
   * (“headline, body”), an article's tags (“harbour, ferries”). Use your
   * language's list comma; Arabic has “، ”. */
  return _(", ");
}

/* Tags are written with a comma or with the list separator of the
 * interface's language (what cd_ui_join_tags() puts between them). */
char **
cd_ui_split_tags (const char *text)
{
  g_autoptr(GString) normal = g_string_new (text ? text : "");
  g_autofree char *mark = g_strstrip (g_strdup (cd_ui_list_separator ()));
  g_auto(GStrv) parts = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  if (*mark != '\0' && !g_str_equal (mark, ","))
    g_string_replace (normal, mark, ",", 0);
  parts = g_strsplit (normal->str, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      char *tag = g_strstrip (parts[i]);

      if (*tag == '\0' || g_ptr_array_find_with_equal_func (seen, tag, g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, tag);
      g_strv_builder_add (builder, tag);
    }

  return g_strv_builder_end (builder);
}

char *
cd_ui_join_tags (const char * const *tags)
{
  if (tags == NULL)
    return g_strdup ("");
  return g_strjoinv (cd_ui_list_separator (), (char **) tags);
}

/* Names shown in a sentence (“headline, body”), joined with the
 * separator of the interface's language, which is not always “, ”. */
char *
cd_ui_join_names (const char * const *names)
{
  if (names == NULL)
    return g_strdup ("");
  return g_strjoinv (cd_ui_list_separator (), (char **) names);
}

#define FSI "\u2068"   /* first strong isolate */
#define PDI "\u2069"   /* pop directional isolate */

/* Joins @parts (NULL-terminated) with @separator, each part in a
 * first-strong isolate. Parts in different directions otherwise mix: in
 * an Arabic article's line "محليات · 4 minutes ago", the bidi algorithm
 * took the 4 for Arabic text and showed "minutes ago 4". Isolated, each
 * part keeps its own order and the parts keep the line's. */
char *
cd_ui_join_isolated (const char * const *parts,
                     const char         *separator)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; parts && parts[i]; i++)
    {
      if (i > 0)
        g_string_append (line, separator);
      g_string_append (line, FSI);
      g_string_append (line, parts[i]);
      g_string_append (line, PDI);
    }
  return g_string_free (g_steal_pointer (&line), FALSE);
}

const CdLanguage *
cd_ui_get_languages (guint *n_languages)
{
  *n_languages = G_N_ELEMENTS (languages);
  return languages;
}

/* Matches the primary subtag, so "ar-EG" finds Arabic. */
int
cd_ui_find_language (const char *code)
{
  g_autofree char *primary = NULL;
  const char *dash;

  if (code == NULL || *code == '\0')
    return -1;
  dash = strchr (code, '-');
  primary = g_ascii_strdown (code, dash ? dash - code : -1);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (languages[i].code, primary))
      return i;
  return -1;
}

/* What searching compares: the text in compatibility decomposition
 * (NFKD), case-folded, so "Café", "CAFE\u0301" and "café" come out the
 * same. Never NULL; "" for NULL or text that is not valid UTF-8. */
char *
cd_ui_fold_text (const char *text)
{
  g_autofree char *normal = NULL;
  const char *p;

  if (text == NULL || *text == '\0')
    return g_strdup ("");
  /* ASCII decomposes to itself and folds to lower case: most headlines
   * take this path, ten times faster than the Unicode one. */
  for (p = text; *p && (guchar) *p < 0x80; p++)
    ;
  if (*p == '\0')
    return g_ascii_strdown (text, -1);
  normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (normal == NULL)
    return g_strdup ("");
  return g_utf8_casefold (normal, -1);
}

/* Case-insensitive and accent-insensitive enough for a search box: both
 * sides are folded with cd_ui_fold_text(). */
gboolean
cd_ui_text_matches (const char *haystack,
                    const char *needle)
{
  g_autofree char *hay_fold = NULL;
  g_autofree char *needle_fold = NULL;

  if (needle == NULL || *needle == '\0')
    return TRUE;
  if (haystack == NULL || *haystack == '\0')
    return FALSE;

  hay_fold = cd_ui_fold_text (haystack);
  needle_fold = cd_ui_fold_text (needle);
  if (*needle_fold == '\0')
    return FALSE;
  return strstr (hay_fold, needle_fold) != NULL;
}

/* How the set of matches moves when the folded query goes from @old_fold
 * to @new_fold, so a filter model re-examines only what can change: a
 * query that grew matches a subset, one that shrank a superset. Matches
 * found some other way (@had_other_matches, bodies) are dropped with the
 * old query, so a shrinking query can lose rows too. The two must differ. */
GtkFilterChange
cd_ui_search_change (const char *old_fold,
                     const char *new_fold,
                     gboolean    had_other_matches)
{
  old_fold = old_fold ? old_fold : "";
  new_fold = new_fold ? new_fold : "";

  if (strstr (new_fold, old_fold))
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (strstr (old_fold, new_fold) && !had_other_matches)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  return GTK_FILTER_CHANGE_DIFFERENT;
}

static void
load_thumbnail_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GFile *file = task_data;
  int size = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "size"));
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) rotated = NULL;
  GError *error = NULL;

  stream = g_file_read (file, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  pixbuf = gdk_pixbuf_new_from_stream_at_scale (G_INPUT_STREAM (stream), size, size, TRUE,
                                                cancellable, &error);
  if (pixbuf == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Camera photos carry their orientation in EXIF; honour it. */
  rotated = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  g_task_return_pointer (task, g_steal_pointer (&rotated), g_object_unref);
}

/* Decodes and scales the image in a worker thread: a 20-megapixel photo
 * takes long enough to decode that doing it here would stall typing. */
void
cd_ui_load_thumbnail_async (GFile               *file,
                            int                  size,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (size > 0);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_ui_load_thumbnail_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_object_set_data (G_OBJECT (task), "size", GINT_TO_POINTER (size));
  g_task_run_in_thread (task, load_thumbnail_thread);
}

GdkPaintable *
cd_ui_load_thumbnail_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  pixbuf = g_task_propagate_pointer (G_TASK (result), error);
  if (pixbuf == NULL)
    return NULL;
  return GDK_PAINTABLE (gdk_texture_new_for_pixbuf (pixbuf));
}

/* Text widgets follow the article's script, whatever the locale: an
 * Arabic story is edited right-to-left in an English desktop and the
 * other way round. Applies to @widget and everything inside it. */
void
cd_ui_set_text_direction (GtkWidget *widget,
                          gboolean   rtl)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_set_direction (widget, rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  /* A widget's direction is not inherited: a composite row's labels keep
   * the default one unless told. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    cd_ui_set_text_direction (child, rtl);
}

/* Direction of the first letter, as the Unicode bidi algorithm picks a
 * paragraph's direction; TRUE for Arabic, Hebrew and their neighbours. */
gboolean
cd_ui_text_is_rtl (const char *text)
{
  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeScript script;

      if (!g_unichar_isalpha (c))
        continue;
      script = g_unichar_get_script (c);
      return script == G_UNICODE_SCRIPT_ARABIC || script == G_UNICODE_SCRIPT_HEBREW ||
             script == G_UNICODE_SCRIPT_SYRIAC || script == G_UNICODE_SCRIPT_THAANA ||
             script == G_UNICODE_SCRIPT_NKO;
    }
  return FALSE;
}

static void
give_menu_cb (GtkMenuButton *button,
              gpointer       menu)
{
  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, menu);
}

/**
 * cd_ui_set_menu_on_open:
 * @button: a menu button without a menu
 * @menu: the menu it opens
 *
 * Gives @button its menu the first time it opens. A menu button builds a
 * widget for every item as soon as it has a menu, and in most sessions
 * most of the window's menus are never opened: at startup they would only
 * cost memory.
 */
void
cd_ui_set_menu_on_open (GtkMenuButton *button,
                        GMenuModel    *menu)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (G_IS_MENU_MODEL (menu));

  gtk_menu_button_set_create_popup_func (button, give_menu_cb, g_object_ref (menu),
                                         g_object_unref);
}

/* Moves @child of a GtkGrid (or of any widget laid out by a
 * GtkGridLayout) to @column, @row: how a layout changes for a narrow
 * window without taking widgets out and putting them back. */
void
cd_ui_grid_place (GtkWidget *child,
                  int        column,
                  int        row,
                  int        column_span)
{
  GtkLayoutManager *layout;
  GtkGridLayoutChild *layout_child;

  g_return_if_fail (GTK_IS_WIDGET (child));

  layout = gtk_widget_get_layout_manager (gtk_widget_get_parent (child));
  g_return_if_fail (GTK_IS_GRID_LAYOUT (layout));
  layout_child = GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout, child));
  gtk_grid_layout_child_set_column (layout_child, column);
  gtk_grid_layout_child_set_row (layout_child, row);
  gtk_grid_layout_child_set_column_span (layout_child, column_span);
}
