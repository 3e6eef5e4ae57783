/* cd-cli-articles.c: new, list, show, set, set-body, delete, restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-cli.h"
#include "cd-enums.h"
#include "cd-exporter.h"
#include "cd-ninjs.h"
#include "cd-util.h"

static const char * const settable_fields[] = {
  "headline", "standfirst", "byline", "dateline", "section", "tags", "language", "status",
  "note", NULL
};

static int
save_or_fail (CdStore   *store,
              CdArticle *article)
{
  g_autoptr(GError) error = NULL;

  if (!cd_store_save_article (store, article, NULL, &error))
    return cd_cli_fail (g_steal_pointer (&error));
  return CD_CLI_OK;
}

int
cd_cli_article_new (CdCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autofree char *headline = NULL;
  g_autofree char *body_file = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    /* FILENAME keeps the bytes as given: STRING would convert from the
     * locale's charset and fail on any accent under LC_ALL=C. The text is
     * checked to be UTF-8 below, as the positional values of "set" are. */
    { "headline", 0, 0, G_OPTION_ARG_FILENAME, &headline, N_("The headline"), N_("TEXT") },
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &body_file,
      N_("Read the body (CommonMark) from FILE, or standard input for -"), N_("FILE") },
    { NULL }
  };
  CdStore *store;
  int status;

  context = cd_cli_context_new (argv[0], NULL, _("Create an article and print its id."),
                                entries);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return cd_cli_usage_error (context, _("Unexpected argument “%s”"), argv[1]);
  if (headline == NULL || cd_str_is_blank (headline))
    return cd_cli_usage_error (context, _("A new article needs --headline TEXT"));
  if (!cd_cli_check_utf8 ("--headline", headline, &error))
    return cd_cli_usage_error (context, "%s", error->message);
  if (!cd_cli_is_one_line (headline))
    return cd_cli_usage_error (context, _("The headline must be one line; it holds a line break"));
  if (body_file && (body = cd_cli_read_text_file (body_file, &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));

  if ((store = cd_cli_open_store (cli, &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));

  article = cd_article_new ();
  cd_article_set_headline (article, headline);
  cd_article_set_body (article, body);
  cd_article_set_language (article, cd_store_get_default_language (store));
  if ((status = save_or_fail (store, article)) != CD_CLI_OK)
    return status;

  cd_cli_print ("%s\n", cd_article_get_id (article));
  return CD_CLI_OK;
}

static JsonNode *
summary_to_json (CdArticleSummary *summary)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) modified = NULL;
  g_autofree char *id = NULL, *headline = NULL, *section = NULL, *language = NULL;
  g_autofree char *created_text = NULL, *modified_text = NULL;
  CdArticleStatus status;
  guint n_photos;
  guint64 revision;

  g_object_get (summary, "id", &id, "headline", &headline, "section", &section,
                "language", &language, "status", &status, "created", &created,
                "modified", &modified, "n-photos", &n_photos, "revision", &revision, NULL);
  created_text = cd_datetime_to_rfc3339 (created);
  modified_text = cd_datetime_to_rfc3339 (modified);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, cd_article_status_to_string (status));
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created_text);
  json_builder_set_member_name (builder, "modified");
  json_builder_add_string_value (builder, modified_text);
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, (gint64) revision);
  json_builder_set_member_name (builder, "headline");
  json_builder_add_string_value (builder, headline);
  json_builder_set_member_name (builder, "section");
  json_builder_add_string_value (builder, section);
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, language);
  json_builder_set_member_name (builder, "photos");
  json_builder_add_int_value (builder, n_photos);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  cd_cli_print ("%s\n", text);
}

static void
print_summary_line (CdArticleSummary *summary)
{
  g_autoptr(GDateTime) modified = NULL;
  g_autofree char *id = NULL, *headline = NULL, *when = NULL;
  CdArticleStatus status;

  g_object_get (summary, "id", &id, "headline", &headline, "status", &status,
                "modified", &modified, NULL);
  when = cd_cli_format_time (modified);
  cd_cli_print ("%s  %-9s  %s  %s\n", id, cd_article_status_to_string (status), when, headline);
}

int
cd_cli_article_list (CdCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(GError) error = NULL;
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  CdStore *store;
  guint n;
  int status;

  context = cd_cli_context_new (argv[0], NULL,
                                _("List the articles, newest first: id, status, last "
                                  "saved (UTC) and headline."), entries);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return cd_cli_usage_error (context, _("Unexpected argument “%s”"), argv[1]);
  if ((store = cd_cli_open_store (cli, &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));

  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  array = json_array_new ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdArticleSummary) summary = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (as_json)
        json_array_add_element (array, summary_to_json (summary));
      else
        print_summary_line (summary);
    }
  if (as_json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (root, array);
      print_json (root);
    }
  return CD_CLI_OK;
}

/* The labels of "show", in the order printed. The photo labels keep the
 * two spaces their messages always had; the indent is applied in code,
 * whatever a translation does with them. */
static const char * const article_labels[] = {
  N_("Id"), N_("Headline"), N_("Standfirst"), N_("Byline"), N_("Dateline"), N_("Section"),
  N_("Tags"), N_("Language"), N_("Status"), N_("Created"), N_("Modified"), N_("Revision"),
  N_("Note"), N_("Duplicate of"),
};
static const char * const photo_labels[] = {
  N_("  Caption"), N_("  Credit"), N_("  Alt text"), N_("  Photographer"), N_("  File"),
};
#define PHOTO_INDENT 2

/* Unicode's first-strong isolate and its closing mark. */
#define FSI "\xe2\x81\xa8"
#define PDI "\xe2\x81\xa9"

static const char *
label_text (const char *label)
{
  const char *text = _(label);

  while (*text == ' ')
    text++;
  return text;
}

/* The column where values start: one past the widest label, counted in
 * terminal columns, so that it holds for Arabic labels too. */
static guint
value_column (void)
{
  guint width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (article_labels); i++)
    width = MAX (width, cd_cli_display_width (label_text (article_labels[i])));
  for (guint i = 0; i < G_N_ELEMENTS (photo_labels); i++)
    width = MAX (width, PHOTO_INDENT + cd_cli_display_width (label_text (photo_labels[i])));
  return width + 1;
}

static void
print_spaces (guint n)
{
  for (guint i = 0; i < n; i++)
    cd_cli_print (" ");
}

/* Each line of a value is its own isolate when the line holds right-to-
 * left text: a terminal that lays out bidirectional text (in either
 * paragraph direction) then keeps the label, the padding and the value in
 * their places, instead of joining the padding to an Arabic label or
 * value, or reading a date after an Arabic label as Arabic numbers. The
 * text itself is printed in its own order, never reordered. */
static void
print_value_line (const char *line,
                  gboolean    rtl_label)
{
  g_autofree char *text = g_strdup (line);
  gsize length = strlen (text);

  if (length > 0 && text[length - 1] == '\r')
    text[length - 1] = '\0';
  if (*text == '\0')
    cd_cli_print ("\n");
  else if (rtl_label || cd_cli_has_rtl (text))
    cd_cli_print (FSI "%s" PDI "\n", text);
  else
    cd_cli_print ("%s\n", text);
}

static void
print_field (guint       column,
             guint       indent,
             const char *label,
             const char *value)
{
  g_auto(GStrv) lines = NULL;
  const char *text;

  if (cd_str_is_blank (value))
    return;
  text = label_text (label);
  lines = g_strsplit (value, "\n", -1);
  print_spaces (indent);
  cd_cli_print ("%s", text);
  /* A note runs on over several lines, each starting in the column. */
  for (guint i = 0; lines[i]; i++)
    {
      print_spaces (i == 0 ? column - indent - cd_cli_display_width (text) : column);
      print_value_line (lines[i], cd_cli_has_rtl (text));
    }
}

static void
print_photo (CdPhoto *photo,
             guint    number,
             guint    column)
{
  const char *credit = cd_photo_get_credit (photo);

  cd_cli_print (_("Photo %u"), number);
  cd_cli_print ("\n");
  print_field (column, PHOTO_INDENT, photo_labels[0], cd_photo_get_caption (photo));
  print_field (column, PHOTO_INDENT, photo_labels[1],
               cd_str_is_blank (credit) ? _("(none — needed before publishing)") : credit);
  print_field (column, PHOTO_INDENT, photo_labels[2], cd_photo_get_alt_text (photo));
  print_field (column, PHOTO_INDENT, photo_labels[3], cd_photo_get_photographer (photo));
  print_field (column, PHOTO_INDENT, photo_labels[4], cd_photo_get_file (photo));
}

static void
print_article (CdArticle *article)
{
  g_autofree char *tags = g_strjoinv (", ", (char **) cd_article_get_tags (article));
  g_autofree char *created = cd_cli_format_time (cd_article_get_created (article));
  g_autofree char *modified = cd_cli_format_time (cd_article_get_modified (article));
  g_autofree char *revision = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                               cd_article_get_revision (article));
  const char *values[] = {
    cd_article_get_id (article), cd_article_get_headline (article),
    cd_article_get_standfirst (article), cd_article_get_byline (article),
    cd_article_get_dateline (article), cd_article_get_section (article), tags,
    cd_article_get_language (article),
    cd_article_status_to_string (cd_article_get_status (article)), created, modified, revision,
    cd_article_get_note (article), cd_article_get_duplicate_of (article),
  };
  guint column = value_column ();

  G_STATIC_ASSERT (G_N_ELEMENTS (values) == G_N_ELEMENTS (article_labels));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    print_field (column, 0, article_labels[i], values[i]);
  for (guint i = 0; i < cd_article_get_n_photos (article); i++)
    print_photo (cd_article_get_photo (article, i), i + 1, column);
  if (!cd_str_is_blank (cd_article_get_body (article)))
    cd_cli_print ("\n%s\n", cd_article_get_body (article));
}

int
cd_cli_article_show (CdCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the article as a ninjs object"),
      NULL },
    { NULL }
  };
  CdStore *store;
  int status;

  context = cd_cli_context_new (argv[0], _("ID"), _("Show one article."), entries);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return cd_cli_usage_error (context, _("Give exactly one article id"));
  if ((article = cd_cli_load_article (cli, argv[1], &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));
  store = cli->store;

  if (as_json)
    {
      g_autofree char *photos_uri = cd_store_dup_photos_uri (store);
      g_autoptr(JsonNode) node = cd_ninjs_from_article (article, photos_uri,
                                                        CD_NINJS_BODY_MARKDOWN);
      print_json (node);
    }
  else
    print_article (article);
  return CD_CLI_OK;
}

static gboolean
set_field (CdArticle   *article,
           const char  *field,
           const char  *value,
           GError     **error)
{
  if (!g_str_equal (field, "note") && !cd_cli_is_one_line (value))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: %s is the field as typed on the command
                    * line, such as headline or tags: a keyword, not to be
                    * translated */
                   _("The value of %s must be one line; it holds a line break"), field);
      return FALSE;
    }
  if (g_str_equal (field, "headline") && cd_str_is_blank (value))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("The headline cannot be empty"));
      return FALSE;
    }
  if (g_str_equal (field, "status"))
    {
      CdArticleStatus status;

      if (!cd_article_status_from_string (value, &status))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not a status: use draft, edited, ready, published or "
                         "withdrawn"), value);
          return FALSE;
        }
      cd_article_set_status (article, status);
    }
  else if (g_str_equal (field, "tags"))
    {
      g_auto(GStrv) parts = g_strsplit (value, ",", -1);
      g_autoptr(GPtrArray) tags = g_ptr_array_new ();

      for (guint i = 0; parts[i]; i++)
        if (!cd_str_is_blank (g_strstrip (parts[i])) &&
            !g_ptr_array_find_with_equal_func (tags, parts[i], g_str_equal, NULL))
          g_ptr_array_add (tags, parts[i]);
      g_ptr_array_add (tags, NULL);
      cd_article_set_tags (article, (const char * const *) tags->pdata);
    }
  else
    g_object_set (article, field, value, NULL); /* the other fields are properties */
  return TRUE;
}

int
cd_cli_article_set (CdCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fields = g_strjoinv (", ", (char **) settable_fields);
  g_autofree char *description = g_strdup_printf (_("FIELD is one of: %s.\n"
                                                    "Tags are given comma-separated."), fields);
  CdStore *store;
  int status;

  context = cd_cli_context_new (argv[0], _("ID FIELD VALUE"),
                                _("Change one field of an article."), NULL);
  g_option_context_set_description (context, description);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 4)
    return cd_cli_usage_error (context, _("Give an article id, a field and a value"));
  if (!g_strv_contains (settable_fields, argv[2]))
    return cd_cli_usage_error (context, _("“%s” is not a field; use one of: %s"), argv[2], fields);
  if (!cd_cli_check_utf8 (argv[2], argv[3], &error))
    return cd_cli_usage_error (context, "%s", error->message);

  if ((article = cd_cli_load_article (cli, argv[1], &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));
  store = cli->store;
  if (!set_field (article, argv[2], argv[3], &error))
    return cd_cli_usage_error (context, "%s", error->message);
  return save_or_fail (store, article);
}

int
cd_cli_article_set_body (CdCli  *cli,
                         int     argc,
                         char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  int status;

  context = cd_cli_context_new (argv[0], _("ID FILE|-"),
                                _("Replace the body (CommonMark) of an article with the "
                                  "text of FILE, or of standard input for -."), NULL);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return cd_cli_usage_error (context, _("Give an article id and a file"));

  /* Read first: a bad file must not leave the article half-changed. */
  if ((body = cd_cli_read_text_file (argv[2], &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));
  /* An empty file is far more often a mistake (a failed save, a wrong
   * redirect) than a wish to erase the body, which cannot be undone. */
  if (cd_str_is_blank (body))
    return cd_cli_fail (g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                     _("%s: the file is empty; the body was left as it was"),
                                     g_strcmp0 (argv[2], "-") == 0 ? _("standard input")
                                                                  : argv[2]));
  if ((article = cd_cli_load_article (cli, argv[1], &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));
  cd_article_set_body (article, body);
  return save_or_fail (cli->store, article);
}

int
cd_cli_article_delete (CdCli  *cli,
                       int     argc,
                       char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  CdStore *store;
  int status;

  context = cd_cli_context_new (argv[0], _("ID"),
                                _("Move an article to the trash; “restore” brings it back."),
                                NULL);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return cd_cli_usage_error (context, _("Give exactly one article id"));
  if ((store = cd_cli_open_store (cli, &error)) == NULL ||
      (id = cd_store_resolve_id (store, argv[1], &error)) == NULL ||
      !cd_store_trash_article (store, id, &error))
    return cd_cli_fail (g_steal_pointer (&error));
  cd_cli_print (_("Moved %s to the trash\n"), id);
  return CD_CLI_OK;
}

/* Finds the one trashed article whose id starts with prefix. */
static char *
resolve_trashed_id (CdStore     *store,
                    const char  *prefix,
                    GError     **error)
{
  g_autoptr(GPtrArray) trash = cd_store_list_trash (store, error);
  g_autofree char *lower = g_ascii_strdown (prefix, -1);
  char *found = NULL;

  if (trash == NULL)
    return NULL;
  for (guint i = 0; i < trash->len; i++)
    {
      g_autofree char *id = NULL;

      g_object_get (g_ptr_array_index (trash, i), "id", &id, NULL);
      if (!g_str_has_prefix (id, lower))
        continue;
      if (found)
        {
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_AMBIGUOUS,
                       _("“%s” matches more than one article in the trash"), prefix);
          g_free (found);
          return NULL;
        }
      found = g_steal_pointer (&id);
    }
  if (found == NULL)
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                 _("No article in the trash has an id starting with “%s”"), prefix);
  return found;
}

int
cd_cli_article_restore (CdCli  *cli,
                        int     argc,
                        char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  CdStore *store;
  int status;

  context = cd_cli_context_new (argv[0], _("ID"), _("Bring an article back from the trash."),
                                NULL);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return cd_cli_usage_error (context, _("Give exactly one article id"));
  if ((store = cd_cli_open_store (cli, &error)) == NULL ||
      (id = resolve_trashed_id (store, argv[1], &error)) == NULL ||
      !cd_store_restore_article (store, id, &error))
    return cd_cli_fail (g_steal_pointer (&error));
  cd_cli_print (_("Restored %s\n"), id);
  return CD_CLI_OK;
}
