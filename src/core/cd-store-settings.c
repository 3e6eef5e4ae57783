/* cd-store-settings.c: settings changed at once, written later
 *
 * Preferences change a setting at every step of a spin button. The
 * window must follow each step, but writing store.json (with an fsync)
 * each time would block the main thread over and over. So
 * cd_store_set_setting() changes the settings in memory only and keeps
 * the member as pending; cd_store_write_settings_async() writes the
 * pending members in a thread. It reads store.json under the lock as
 * another program may have left it, sets them there and replaces the
 * file atomically and durably, so that a site another program added
 * meanwhile is kept. Until a pending member is on disk, reading
 * store.json again (cd_store_reload_settings(), cd_store_open()) keeps
 * its value.
 *
 * One write is in flight at a time: callers who ask meanwhile share the
 * next write, which starts when it ends; two writes racing for the lock
 * could otherwise put an older value on disk last.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cd-article-file.h"
#include "cd-store-io.h"
#include "cd-store-private.h"

typedef struct
{
  char *dir;
  char *settings_path;
  char *lock_path;
  guint lock_timeout_ms;
  JsonObject *changes;      /* the pending members when the write began */
  JsonObject *written;      /* what store.json holds afterwards */
  gboolean newer;           /* store.json is from a newer Copydesk */
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->dir);
  g_free (data->settings_path);
  g_free (data->lock_path);
  g_clear_pointer (&data->changes, json_object_unref);
  g_clear_pointer (&data->written, json_object_unref);
  g_free (data);
}

static JsonObject *copy_object (JsonObject *object);

/* json_node_copy() shares an object, an array or a value with the
 * original; a copy that may be changed without touching the original
 * needs its own. */
static JsonNode *
copy_node (JsonNode *node)
{
  JsonNode *copy;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, copy_object (json_node_get_object (node)));
      return copy;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        JsonArray *elements = json_array_sized_new (json_array_get_length (array));

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (elements, copy_node (json_array_get_element (array, i)));
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, elements);
        return copy;
      }
    case JSON_NODE_VALUE:
      {
        /* A value node's setters change its value in place. */
        GValue value = G_VALUE_INIT;

        json_node_get_value (node, &value);
        copy = json_node_new (JSON_NODE_VALUE);
        json_node_set_value (copy, &value);
        g_value_unset (&value);
        return copy;
      }
    case JSON_NODE_NULL:
    default:
      return json_node_new (JSON_NODE_NULL);
    }
}

static JsonObject *
copy_object (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l; l = l->next)
    json_object_set_member (copy, l->data, copy_node (json_object_get_member (object, l->data)));
  return copy;
}

/* A copy of @settings that shares nothing with them. */
JsonObject *
cd_store_copy_settings (JsonObject *settings)
{
  return copy_object (settings);
}

gboolean
cd_store_settings_equal (JsonObject *a,
                         JsonObject *b)
{
  g_autoptr(JsonNode) na = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) nb = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (na, a);
  json_node_set_object (nb, b);
  return json_node_equal (na, nb);
}

/* store.json's text for @settings; sets "format" to what this Copydesk
 * writes, in @settings itself. */
GBytes *
cd_store_settings_to_bytes (JsonObject *settings)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  char *text;

  json_object_set_int_member (settings, "format", CD_ARTICLE_FILE_FORMAT);
  json_node_set_object (node, settings);
  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  return g_bytes_new_take (text, strlen (text));
}

/* Puts the values not yet on disk over @settings, as read from it. */
void
cd_store_overlay_pending_settings (CdStore    *self,
                                   JsonObject *settings)
{
  g_autoptr(GList) members = json_object_get_members (self->pending_settings);

  for (GList *l = members; l; l = l->next)
    json_object_set_member (settings, l->data,
                            copy_node (json_object_get_member (self->pending_settings, l->data)));
}

/* @written is on disk now: a pending member it holds as it is pending
 * is pending no more. One changed again meanwhile still is. */
void
cd_store_settle_pending_settings (CdStore    *self,
                                  JsonObject *written)
{
  g_autoptr(GList) members = json_object_get_members (self->pending_settings);

  for (GList *l = members; l; l = l->next)
    {
      JsonNode *on_disk = json_object_get_member (written, l->data);

      if (on_disk && json_node_equal (on_disk, json_object_get_member (self->pending_settings,
                                                                       l->data)))
        json_object_remove_member (self->pending_settings, l->data);
    }
}

static gboolean
read_current (WriteData   *data,
              JsonObject **out,
              GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  struct stat st;
  gsize length;

  if (!cd_read_file (data->settings_path, &text, &length, &st, &local_error))
    {
      if (!g_error_matches (local_error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      *out = cd_store_default_settings ();
      return TRUE;
    }
  *out = cd_article_file_parse_object (text, length, &local_error);
  if (*out != NULL)
    {
      cd_store_fill_default_settings (*out);
      return TRUE;
    }
  /* A damaged file stays as it is, for cd_store_open() to set aside. */
  data->newer = g_error_matches (local_error, CD_ARTICLE_FILE_ERROR,
                                 CD_ARTICLE_FILE_ERROR_NEWER_FORMAT);
  if (data->newer)
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NEWER_FORMAT,
                 /* Translators: %s is the settings file */
                 _("“%s” was written by a newer Copydesk; its settings are not replaced"),
                 data->settings_path);
  else
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ",
                                data->settings_path);
  return FALSE;
}

static gboolean
write_worker (WriteData  *data,
              GError    **error)
{
  g_autoptr(JsonObject) settings = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GList) members = NULL;
  gboolean ok;
  int fd;

  if (!cd_ensure_dir (data->dir, error))
    return FALSE;
  fd = cd_store_lock_acquire (data->lock_path, data->lock_timeout_ms, error);
  if (fd < 0)
    return FALSE;
  ok = read_current (data, &settings, error);
  if (ok)
    {
      members = json_object_get_members (data->changes);
      for (GList *l = members; l; l = l->next)
        json_object_set_member (settings, l->data,
                                copy_node (json_object_get_member (data->changes, l->data)));
      bytes = cd_store_settings_to_bytes (settings);
      ok = cd_write_file_atomic (data->dir, "store.json", bytes, TRUE, error);
    }
  cd_store_lock_release (fd);
  if (ok)
    data->written = g_steal_pointer (&settings);
  return ok;
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (write_worker (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void start_write (CdStore   *self,
                         GPtrArray *callers);

/* The store's settings become what is on disk now, with what was set
 * since on top. */
static void
apply_written (CdStore   *self,
               WriteData *data)
{
  g_autoptr(JsonObject) settings = cd_store_copy_settings (data->written);

  self->n_settings_writes++;
  cd_store_settle_pending_settings (self, data->written);
  cd_store_overlay_pending_settings (self, settings);
  cd_store_take_settings (self, g_steal_pointer (&settings));
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CdStore *self = CD_STORE (object);
  g_autoptr(GPtrArray) callers = g_steal_pointer (&self->settings_writing);
  WriteData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    apply_written (self, data);
  else if (data->newer)
    self->settings_read_only = TRUE;

  /* The next write begins before any caller hears of this one, so that a
   * caller asking again joins the queue rather than racing it. Callers
   * who asked meanwhile need none if this one wrote what they set. */
  if (self->settings_waiting != NULL && json_object_get_size (self->pending_settings) > 0)
    start_write (self, g_steal_pointer (&self->settings_waiting));
  else if (self->settings_waiting != NULL)
    g_ptr_array_extend_and_steal (callers, g_steal_pointer (&self->settings_waiting));
  for (guint i = 0; i < callers->len; i++)
    {
      GTask *task = g_ptr_array_index (callers, i);

      if (error)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

/* Takes @callers, GTasks that all complete when this write does. */
static void
start_write (CdStore   *self,
             GPtrArray *callers)
{
  g_autoptr(GTask) inner = NULL;
  WriteData *data;

  g_assert (self->settings_writing == NULL);

  data = g_new0 (WriteData, 1);
  data->dir = g_strdup (self->path);
  data->settings_path = g_strdup (self->settings_path);
  data->lock_path = g_strdup (self->lock_path);
  data->lock_timeout_ms = self->lock_timeout_ms;
  data->changes = cd_store_copy_settings (self->pending_settings);
  self->settings_writing = callers;
  /* Never cancelled: the values are the user's, and must land. */
  inner = g_task_new (self, NULL, write_done_cb, NULL);
  g_task_set_source_tag (inner, start_write);
  g_task_set_task_data (inner, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (inner, write_thread);
}

/**
 * cd_store_set_setting:
 * @name: a member of the settings, such as "headline-limit"
 * @value: its new value (copied)
 *
 * Changes one setting at once, in memory: the "settings" property is
 * notified when it differs. Nothing is written until
 * cd_store_write_settings_async(); meanwhile reading store.json again
 * keeps this value.
 *
 * Returns: %FALSE with %CD_STORE_ERROR_NEWER_FORMAT when store.json was
 *   written by a newer Copydesk (its settings are not replaced)
 */
gboolean
cd_store_set_setting (CdStore     *self,
                      const char  *name,
                      JsonNode    *value,
                      GError     **error)
{
  g_autoptr(JsonObject) settings = NULL;
  JsonNode *current;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (self->settings_read_only)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NEWER_FORMAT,
                   /* Translators: %s is the settings file */
                   _("“%s” was written by a newer Copydesk; its settings are not replaced"),
                   self->settings_path);
      return FALSE;
    }
  current = json_object_get_member (self->settings, name);
  if (current && json_node_equal (current, value))
    return TRUE;
  json_object_set_member (self->pending_settings, name, copy_node (value));
  /* Replaced, not changed in place: whoever holds the old object keeps
   * what it read. */
  settings = cd_store_copy_settings (self->settings);
  json_object_set_member (settings, name, copy_node (value));
  cd_store_take_settings (self, g_steal_pointer (&settings));
  return TRUE;
}

/**
 * cd_store_get_settings_pending:
 *
 * Returns: %TRUE while a setting changed by cd_store_set_setting() is not
 *   yet on disk: not written yet, or being written
 */
gboolean
cd_store_get_settings_pending (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  return json_object_get_size (self->pending_settings) > 0 || self->settings_writing != NULL;
}

/**
 * cd_store_write_settings_async:
 *
 * Writes the settings changed by cd_store_set_setting() to store.json,
 * in a thread: under the store's lock it reads the file as other
 * programs left it, sets those members and replaces it atomically and
 * durably. Then the store's settings are what the file holds, with any
 * setting changed meanwhile on top. Completes with %TRUE at once when
 * nothing is pending. A failed write leaves the settings pending, for
 * the next one. Cancelling only stops @callback from hearing of the
 * outcome: the write itself goes on.
 */
void
cd_store_write_settings_async (CdStore             *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *callers;

  g_return_if_fail (CD_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_store_write_settings_async);
  if (self->settings_writing == NULL && json_object_get_size (self->pending_settings) == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (self->settings_writing != NULL)
    {
      if (self->settings_waiting == NULL)
        self->settings_waiting = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (self->settings_waiting, g_steal_pointer (&task));
      return;
    }
  callers = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (callers, g_steal_pointer (&task));
  start_write (self, callers);
}

gboolean
cd_store_write_settings_finish (CdStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* How often this store object wrote store.json: for tests, which check
 * that many quick changes make one write. */
guint
cd_store_get_n_settings_writes (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), 0);
  return self->n_settings_writes;
}
