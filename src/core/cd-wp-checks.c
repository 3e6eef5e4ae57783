/* cd-wp-checks.c: what must be true of an article before it goes to
 * WordPress, and the few text conversions the client shares
 *
 * Everything here is pure: no network and no file access, so a window can
 * run the checks on every keystroke and tests need no server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-util.h"
#include "cd-wp-checks.h"

#define SLUG_MAX_WORDS_CHARS 60

void
cd_wp_problem_free (CdWpProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray        *problems,
             CdWpProblemLevel  level,
             int               photo,
             char             *message)
{
  CdWpProblem *problem = g_new0 (CdWpProblem, 1);

  problem->level = level;
  problem->photo = photo;
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

static void
check_photo (GPtrArray  *problems,
             CdPhoto    *photo,
             guint       index,
             GHashTable *photo_files)
{
  guint n = index + 1;   /* editors count photos from 1 */

  if (cd_str_is_blank (cd_photo_get_caption (photo)))
    add_problem (problems, CD_WP_PROBLEM_BLOCKING, index,
                 g_strdup_printf (_("Photo %u has no caption."), n));
  if (!cd_photo_has_credit (photo))
    add_problem (problems, CD_WP_PROBLEM_BLOCKING, index,
                 g_strdup_printf (_("Photo %u has no credit: say who took it or where it "
                                    "comes from."), n));
  if (cd_str_is_blank (cd_photo_get_file (photo)) ||
      (photo_files != NULL && g_hash_table_lookup (photo_files, cd_photo_get_id (photo)) == NULL))
    add_problem (problems, CD_WP_PROBLEM_BLOCKING, index,
                 g_strdup_printf (_("Photo %u has no image file."), n));
  if (cd_str_is_blank (cd_photo_get_alt_text (photo)))
    add_problem (problems, CD_WP_PROBLEM_WARNING, index,
                 g_strdup_printf (_("Photo %u has no alt text describing it for readers who "
                                    "cannot see it."), n));
}

/* Checks what publishing needs.  photo_files maps a photo id to the GFile
 * of its image; when it is NULL, only the photo's file name is looked at.
 * headline_limit counts characters; 0 means no limit.  Returns a
 * GPtrArray of CdWpProblem, blocking ones first, empty when all is well. */
GPtrArray *
cd_wp_check_article (CdArticle  *article,
                     GHashTable *photo_files,
                     guint       headline_limit)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_wp_problem_free);
  g_autoptr(GPtrArray) sorted = NULL;
  const char *headline;

  g_return_val_if_fail (CD_IS_ARTICLE (article), NULL);

  headline = cd_article_get_headline (article);
  if (cd_str_is_blank (headline))
    add_problem (problems, CD_WP_PROBLEM_BLOCKING, -1, g_strdup (_("The headline is missing.")));
  else if (headline_limit > 0 && g_utf8_strlen (headline, -1) > headline_limit)
    {
      glong length = g_utf8_strlen (headline, -1);

      add_problem (problems, CD_WP_PROBLEM_BLOCKING, -1,
                   /* Translators: the headline's length, then the most it may have */
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "The headline is %ld character long; the limit is %u.",
                                                 "The headline is %ld characters long; the limit is %u.",
                                                 (gulong) length),
                                    length, headline_limit));
    }
  if (cd_str_is_blank (cd_article_get_body (article)))
    add_problem (problems, CD_WP_PROBLEM_BLOCKING, -1, g_strdup (_("The body is empty.")));

  for (guint i = 0; i < cd_article_get_n_photos (article); i++)
    check_photo (problems, cd_article_get_photo (article, i), i, photo_files);

  /* Blocking problems first, each group in the order found. */
  sorted = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_wp_problem_free);
  for (int pass = CD_WP_PROBLEM_BLOCKING; pass <= CD_WP_PROBLEM_WARNING; pass++)
    for (guint i = 0; i < problems->len; i++)
      {
        CdWpProblem *problem = g_ptr_array_index (problems, i);
        if (problem != NULL && (int) problem->level == pass)
          g_ptr_array_add (sorted, g_steal_pointer (&problems->pdata[i]));
      }
  return g_steal_pointer (&sorted);
}

gboolean
cd_wp_problems_have_blocking (GPtrArray *problems)
{
  g_return_val_if_fail (problems != NULL, FALSE);

  for (guint i = 0; i < problems->len; i++)
    if (((CdWpProblem *) g_ptr_array_index (problems, i))->level == CD_WP_PROBLEM_BLOCKING)
      return TRUE;
  return FALSE;
}

/* The messages of one level, one per line; NULL when there are none. */
char *
cd_wp_problems_describe (GPtrArray        *problems,
                         CdWpProblemLevel  level)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (problems != NULL, NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      CdWpProblem *problem = g_ptr_array_index (problems, i);

      if (problem->level != level)
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, problem->message);
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/* The slug Copydesk gives a new post: the headline in lower-case ASCII
 * words joined by '-', cut at a word boundary, plus the first 8 hex digits
 * of the article id.  The suffix makes it unique to the article, so a post
 * whose creation timed out can be found again by its slug instead of being
 * created twice.  A headline with no Latin letters gives "article-<id>". */
char *
cd_wp_make_slug (const char *headline,
                 const char *article_id)
{
  g_autofree char *ascii = g_str_to_ascii (headline ? headline : "", "C");
  g_autoptr(GString) slug = g_string_new (NULL);
  g_autoptr(GString) suffix = g_string_new (NULL);
  gboolean pending_dash = FALSE;

  for (const char *p = ascii; *p; p++)
    {
      if (!g_ascii_isalnum (*p))
        {
          pending_dash = slug->len > 0;
          continue;
        }
      if (pending_dash)
        {
          /* Stop at a word boundary once the words are long enough. */
          if (slug->len >= SLUG_MAX_WORDS_CHARS)
            break;
          g_string_append_c (slug, '-');
          pending_dash = FALSE;
        }
      g_string_append_c (slug, g_ascii_tolower (*p));
    }
  if (slug->len > SLUG_MAX_WORDS_CHARS + 20)
    g_string_truncate (slug, SLUG_MAX_WORDS_CHARS + 20);
  if (slug->len == 0)
    g_string_append (slug, "article");

  for (const char *p = article_id ? article_id : ""; *p && suffix->len < 8; p++)
    if (g_ascii_isxdigit (*p))
      g_string_append_c (suffix, g_ascii_tolower (*p));
  if (suffix->len > 0)
    g_string_append_printf (slug, "-%s", suffix->str);

  return g_string_free (g_steal_pointer (&slug), FALSE);
}

/* WordPress has no credit field, so the credit goes into the caption text:
 * "Caption (Credit)".  A caption that already ends with the credit in
 * parentheses, as captions saved from news pages do, is left as it is. */
char *
cd_wp_photo_caption (CdPhoto *photo)
{
  g_autofree char *caption = NULL;
  g_autofree char *credit = NULL;
  g_autofree char *tail = NULL;

  g_return_val_if_fail (CD_IS_PHOTO (photo), NULL);

  caption = g_strstrip (g_strdup (cd_photo_get_caption (photo)));
  credit = g_strstrip (g_strdup (cd_photo_get_credit (photo)));
  if (*credit == '\0')
    return g_steal_pointer (&caption);
  tail = g_strdup_printf ("(%s)", credit);
  if (g_str_has_suffix (caption, tail))
    return g_steal_pointer (&caption);
  if (*caption == '\0')
    return g_steal_pointer (&tail);
  return g_strdup_printf ("%s %s", caption, tail);
}

/* WordPress returns term names HTML-escaped ("Arts &amp; Culture"); this
 * undoes the escapes it uses, numeric ones included. */
char *
cd_wp_unescape_html (const char *text)
{
  static const struct { const char *entity; const char *text; } named[] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
    { "&apos;", "'" }, { "&nbsp;", "\xc2\xa0" },
  };
  GString *out;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; )
    {
      gboolean done = FALSE;

      if (*p == '&' && p[1] == '#')
        {
          const char *digits = p + 2;
          gboolean hex = (*digits == 'x' || *digits == 'X');
          char *end = NULL;
          guint64 cp = g_ascii_strtoull (digits + (hex ? 1 : 0), &end, hex ? 16 : 10);

          if (end && *end == ';' && end > digits + (hex ? 1 : 0) && cp > 0 && cp <= 0x10FFFF &&
              g_unichar_validate ((gunichar) cp))
            {
              g_string_append_unichar (out, (gunichar) cp);
              p = end + 1;
              done = TRUE;
            }
        }
      else if (*p == '&')
        for (guint i = 0; i < G_N_ELEMENTS (named) && !done; i++)
          if (g_str_has_prefix (p, named[i].entity))
            {
              g_string_append (out, named[i].text);
              p += strlen (named[i].entity);
              done = TRUE;
            }
      if (!done)
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}
