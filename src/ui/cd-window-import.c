/* cd-window-import.c: importing page copy from files, the clipboard and
 * the bundled samples
 *
 * Files are read and parsed in a worker thread; the review dialog then
 * shows what was found and what the cleanup removed, and only its Import
 * button writes to the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-import-dialog.h"
#include "cd-page-copy-parser.h"
#include "cd-window-private.h"

typedef struct
{
  GPtrArray *files;          /* GFile */
  char *default_language;
  char *samples_dir;         /* the bundled samples' folder, when importing them */
} ParseJob;

typedef struct
{
  char *name;
  GPtrArray *articles;       /* CdParsedArticle, or NULL */
  GError *error;
} ParseResult;

static void
parse_job_free (ParseJob *job)
{
  g_ptr_array_unref (job->files);
  g_free (job->default_language);
  g_free (job->samples_dir);
  g_free (job);
}

static void
parse_result_free (ParseResult *result)
{
  g_free (result->name);
  g_clear_pointer (&result->articles, g_ptr_array_unref);
  g_clear_error (&result->error);
  g_free (result);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseJob *job = task_data;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) parse_result_free);

  for (guint i = 0; i < job->files->len; i++)
    {
      GFile *file = g_ptr_array_index (job->files, i);
      ParseResult *result = g_new0 (ParseResult, 1);
      g_autoptr(GFileInputStream) stream = NULL;

      result->name = g_file_get_basename (file);
      stream = g_file_read (file, cancellable, &result->error);
      if (stream)
        result->articles = cd_page_copy_parse (G_INPUT_STREAM (stream), job->default_language,
                                               cancellable, &result->error);
      g_ptr_array_add (results, result);
    }
  g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify) g_ptr_array_unref);
}

typedef struct
{
  CdWindow *window;
  GPtrArray *articles;       /* CdArticle, being added */
} AddJob;

static void
set_string_member (JsonObject *object,
                   const char *name,
                   CdArticle  *article,
                   void      (*setter) (CdArticle *, const char *))
{
  if (json_object_has_member (object, name) &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (object, name)))
    setter (article, json_object_get_string_member (object, name));
}

/* Puts @names, files of @dir, into the store as the photos of @article,
 * in caption order. */
static void
attach_sample_photos (CdWindow   *self,
                      CdArticle  *article,
                      JsonArray  *names,
                      const char *dir)
{
  guint n = MIN (json_array_get_length (names), cd_article_get_n_photos (article));

  for (guint i = 0; i < n; i++)
    {
      const char *name = json_array_get_string_element (names, i);
      g_autoptr(GFile) file = name ? g_file_new_build_filename (dir, name, NULL) : NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *stored = NULL;
      CdPhoto *photo = cd_article_get_photo (article, i);
      guint width = 0, height = 0;

      if (file == NULL)
        continue;
      stored = cd_store_add_photo_file (self->store, file, &width, &height, &error);
      if (stored == NULL)
        {
          g_warning ("Sample photo %s: %s", name, error->message);
          continue;
        }
      cd_photo_set_file (photo, stored);
      cd_photo_set_width (photo, width);
      cd_photo_set_height (photo, height);
    }
}

/* The bundled samples come with what page copy cannot carry: section,
 * byline, dateline, language, tags and the photos themselves, in
 * details.json beside them, by headline. */
static void
apply_sample_details (CdWindow   *self,
                      GPtrArray  *articles,
                      const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "details.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_file (parser, path, &error))
    {
      g_warning ("%s: %s", path, error->message);
      return;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_warning ("%s: not a JSON object", path);
      return;
    }
  for (guint i = 0; i < articles->len; i++)
    {
      CdArticle *article = g_ptr_array_index (articles, i);
      JsonNode *node = json_object_get_member (json_node_get_object (root),
                                               cd_article_get_headline (article));
      JsonObject *details;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      details = json_node_get_object (node);
      set_string_member (details, "section", article, cd_article_set_section);
      set_string_member (details, "byline", article, cd_article_set_byline);
      set_string_member (details, "dateline", article, cd_article_set_dateline);
      set_string_member (details, "language", article, cd_article_set_language);
      if (json_object_has_member (details, "tags") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (details, "tags")))
        {
          JsonArray *tags = json_object_get_array_member (details, "tags");
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) strv = NULL;

          for (guint j = 0; j < json_array_get_length (tags); j++)
            if (json_array_get_string_element (tags, j))
              g_strv_builder_add (builder, json_array_get_string_element (tags, j));
          strv = g_strv_builder_end (builder);
          cd_article_set_tags (article, (const char * const *) strv);
        }
      if (json_object_has_member (details, "photos") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (details, "photos")))
        attach_sample_photos (self, article, json_object_get_array_member (details, "photos"), dir);
    }
}

static void
add_job_free (AddJob *job)
{
  g_object_unref (job->window);
  g_ptr_array_unref (job->articles);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AddJob, add_job_free)

static void
on_articles_added_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AddJob) job = user_data;
  CdWindow *self = job->window;
  guint n = job->articles->len;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  self->importing = FALSE;
  g_object_notify (G_OBJECT (self), "busy");
  if (!cd_store_add_articles_finish (CD_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _cd_window_show_error (self, _("Could not import the articles"), error);
      return;
    }
  /* the articles are in the store; a closed window has nothing to show */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article imported",
                                       "%u articles imported", n), n);
  _cd_window_toast (self, text);
  cd_article_list_set_search_text (self->article_list, NULL);
  cd_article_list_set_status_filter (self->article_list, -1);
  cd_article_list_set_section_filter (self->article_list, NULL);
  cd_window_select_article (self, cd_article_get_id (g_ptr_array_index (job->articles, 0)));
}

/* The files are written in a thread: hundreds of articles must not hold
 * up the window. */
static void
on_import_accepted_cb (CdWindow       *self,
                       CdImportDialog *dialog)
{
  const char *samples_dir;
  AddJob *job;

  job = g_new0 (AddJob, 1);
  job->articles = cd_import_dialog_dup_articles (dialog);
  if (job->articles->len == 0)
    {
      g_ptr_array_unref (job->articles);
      g_free (job);
      return;
    }
  samples_dir = g_object_get_data (G_OBJECT (dialog), "cd-samples-dir");
  if (samples_dir)
    apply_sample_details (self, job->articles, samples_dir);
  job->window = g_object_ref (self);
  self->importing = TRUE;
  g_object_notify (G_OBJECT (self), "busy");
  cd_store_add_articles_async (self->store, job->articles, self->cancellable,
                               on_articles_added_cb, job);
}

static void
on_import_dialog_gone (gpointer  data,
                       GObject  *where_the_dialog_was)
{
  CdWindow *self = data;

  if (g_object_get_data (G_OBJECT (self), "cd-import-dialog") == where_the_dialog_was)
    g_object_set_data (G_OBJECT (self), "cd-import-dialog", NULL);
}

static CdImportDialog *
new_import_dialog (CdWindow *self)
{
  GtkWidget *dialog = cd_import_dialog_new (GTK_WINDOW (self), self->store);

  g_signal_connect_object (dialog, "accepted", G_CALLBACK (on_import_accepted_cb), self,
                           G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (self), "cd-import-dialog", dialog);
  g_object_weak_ref (G_OBJECT (dialog), on_import_dialog_gone, self);
  return CD_IMPORT_DIALOG (dialog);
}

static void
on_parsed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CdWindow *self = CD_WINDOW (object);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  CdImportDialog *dialog;
  ParseJob *job;

  results = g_task_propagate_pointer (G_TASK (result), &error);
  g_object_set_data (G_OBJECT (self), "cd-importing", NULL);
  if (results == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _cd_window_show_error (self, _("Could not read the page copy"), error);
      return;
    }

  dialog = new_import_dialog (self);
  job = g_task_get_task_data (G_TASK (result));
  if (job->samples_dir)
    g_object_set_data_full (G_OBJECT (dialog), "cd-samples-dir", g_strdup (job->samples_dir),
                            g_free);
  for (guint i = 0; i < results->len; i++)
    {
      ParseResult *r = g_ptr_array_index (results, i);

      if (r->error)
        cd_import_dialog_add_error (dialog, r->name, r->error);
      else
        cd_import_dialog_add_articles (dialog, r->name, r->articles);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_files (CdWindow    *self,
              GFile      **files,
              int          n_files,
              const char  *samples_dir)
{
  g_autoptr(GTask) task = NULL;
  ParseJob *job;

  if (n_files <= 0)
    return;
  job = g_new0 (ParseJob, 1);
  job->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (int i = 0; i < n_files; i++)
    g_ptr_array_add (job->files, g_object_ref (files[i]));
  job->default_language = g_strdup (cd_store_get_default_language (self->store));
  job->samples_dir = g_strdup (samples_dir);

  g_object_set_data (G_OBJECT (self), "cd-importing", GINT_TO_POINTER (1));
  task = g_task_new (self, self->cancellable, on_parsed_cb, NULL);
  g_task_set_source_tag (task, import_files);
  g_task_set_task_data (task, job, (GDestroyNotify) parse_job_free);
  g_task_run_in_thread (task, parse_thread);
}

/* Window-side entry point: files from the command line, the file
 * chooser or a drop on the window. */
void
cd_window_import_files (CdWindow  *self,
                        GFile    **files,
                        int        n_files)
{
  g_return_if_fail (CD_IS_WINDOW (self));
  import_files (self, files, n_files, NULL);
}

/* The review dialog of the import in progress, if one is showing. */
GtkWidget *
cd_window_get_import_dialog (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);
  return g_object_get_data (G_OBJECT (self), "cd-import-dialog");
}

gboolean
cd_window_get_importing (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), FALSE);
  return g_object_get_data (G_OBJECT (self), "cd-importing") != NULL;
}

static void
on_import_chooser_response_cb (CdWindow             *self,
                               int                   response,
                               GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      guint n = g_list_model_get_n_items (list);
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (files, g_list_model_get_item (list, i));
      cd_window_import_files (self, (GFile **) files->pdata, files->len);
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Page Copy"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_file_filter_set_name (filter, _("Text files"));
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static int
compare_files (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *na = g_file_get_basename (*(GFile * const *) a);
  g_autofree char *nb = g_file_get_basename (*(GFile * const *) b);

  return g_strcmp0 (na, nb);
}

static void
import_samples_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  g_autofree char *path = cd_application_dup_samples_dir ();
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, &error);
  if (children == NULL)
    {
      _cd_window_show_error (self, _("Could not find the sample stories"), error);
      return;
    }
  while ((info = g_file_enumerator_next_file (children, NULL, NULL)))
    {
      if (g_str_has_suffix (g_file_info_get_name (info), ".txt"))
        g_ptr_array_add (files, g_file_get_child (dir, g_file_info_get_name (info)));
      g_object_unref (info);
    }
  g_ptr_array_sort (files, compare_files);
  import_files (self, (GFile **) files->pdata, files->len, path);
}

static void
on_clipboard_text_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  CdImportDialog *dialog;
  gsize length;

  if (text == NULL || *text == '\0')
    {
      _cd_window_toast (self, _("The clipboard holds no text to import"));
      return;
    }
  length = strlen (text);
  bytes = g_bytes_new_take (g_steal_pointer (&text), length);
  dialog = new_import_dialog (self);
  parsed = cd_page_copy_parse_bytes (bytes, cd_store_get_default_language (self->store), &error);
  if (parsed == NULL)
    cd_import_dialog_add_error (dialog, _("Clipboard"), error);
  else
    cd_import_dialog_add_articles (dialog, _("Clipboard"), parsed);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
paste_import_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  gdk_clipboard_read_text_async (clipboard, NULL, on_clipboard_text_cb, g_object_ref (widget));
}

static gboolean
on_window_drop_cb (CdWindow      *self,
                   const GValue  *value,
                   double         x,
                   double         y,
                   GtkDropTarget *target)
{
  GSList *list;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = g_value_get_boxed (value);
  for (GSList *l = list; l; l = l->next)
    g_ptr_array_add (files, l->data);
  cd_window_import_files (self, (GFile **) files->pdata, files->len);
  return files->len > 0;
}

void
_cd_window_import_init (CdWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  /* Dropped on the list side: page copy. The photo manager takes its
   * own drops (images) before they reach here. */
  g_signal_connect_object (target, "drop", G_CALLBACK (on_window_drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->list_pane, GTK_EVENT_CONTROLLER (target));
}

void
_cd_window_class_import_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-samples", NULL, import_samples_action);
  gtk_widget_class_install_action (widget_class, "win.paste-import", NULL, paste_import_action);
}
