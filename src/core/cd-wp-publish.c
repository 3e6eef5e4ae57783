/* cd-wp-publish.c: CdWpClient's publish operation
 *
 * One publish is a chain of REST calls:
 *
 *   1. the post as the site has it now (an update), to catch edits made on
 *      the site since Copydesk last wrote it (CD_WP_ERROR_CONFLICT); or a
 *      look-up by the article's slug (a new post), so that a post left
 *      behind by an earlier attempt is reused instead of duplicated;
 *   2. the section as a category and the tags as tags, each looked up and
 *      created when missing (and remembered by the client for a while, so
 *      that a batch of articles, even published side by side, looks each
 *      term up once);
 *   3. each photo as a media item with caption (credit included) and alt
 *      text, found again by a slug made from the photo id and the image's
 *      hash, so a re-publish uploads nothing twice;
 *   4. the post itself, created or updated, and its answer checked: a
 *      WordPress 6.1 answers 200 even when it dropped an unknown
 *      featured_media or term id.
 *
 * The caller's article is only read until the very end: all work is done on
 * a copy, and the site binding is set on the caller's article only when the
 * whole chain succeeded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "copydesk-wp"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-markdown.h"
#include "cd-util.h"
#include "cd-wp-client-private.h"

#define MEDIA_FIELDS "id,slug,caption,alt_text,source_url"
/* How long a term id found is trusted.  A term deleted on the site within
 * that time shows up as a term WordPress dropped from the post (see
 * check_echo()), which empties the client's memory of terms. */
#define TERM_CACHE_SECONDS (10 * 60)

typedef struct
{
  const char *taxonomy;   /* "categories" or "tags" */
  char *name;
} TermJob;

/* One term the client knows or is looking up, in _cd_wp_client_get_terms(). */
typedef struct
{
  gint64 id;            /* 0 while a publish is looking it up */
  gint64 found_at;      /* monotonic time, in µs */
  GPtrArray *waiters;   /* GTask: publishes waiting for that look-up */
} TermEntry;

typedef struct
{
  CdArticle *original;
  CdArticle *article;           /* a copy; the original is touched only on success */
  char *site;
  GHashTable *photo_files;      /* photo id → GFile */
  CdWpStatus status;
  GDateTime *publish_at;        /* UTC; for CD_WP_STATUS_FUTURE */
  CdWpPublishFlags flags;

  char *slug;
  char *html;
  gint64 post_id;               /* 0 until known: then the post is created */
  char *recorded_modified;

  GPtrArray *terms;             /* TermJob */
  guint term_index;
  GArray *category_ids;
  GArray *tag_ids;

  guint photo_index;
  GBytes *photo_bytes;
  char *photo_type;
  char *photo_slug;
  gboolean upload_retried;
  GArray *media_ids;
  GPtrArray *media_urls;

  JsonNode *post_body;
  char *hash;
  gboolean create_retried;
} PublishState;

static void step_terms (GTask *task);
static void step_photos (GTask *task);
static void step_post (GTask *task);
static void send_post (GTask *task);
static void upload_photo (GTask *task);

static void
term_job_free (TermJob *job)
{
  g_free (job->name);
  g_free (job);
}

static void
publish_state_free (PublishState *state)
{
  g_clear_object (&state->original);
  g_clear_object (&state->article);
  g_free (state->site);
  g_clear_pointer (&state->photo_files, g_hash_table_unref);
  g_clear_pointer (&state->publish_at, g_date_time_unref);
  g_free (state->slug);
  g_free (state->html);
  g_free (state->recorded_modified);
  g_clear_pointer (&state->terms, g_ptr_array_unref);
  g_clear_pointer (&state->category_ids, g_array_unref);
  g_clear_pointer (&state->tag_ids, g_array_unref);
  g_clear_pointer (&state->photo_bytes, g_bytes_unref);
  g_free (state->photo_type);
  g_free (state->photo_slug);
  g_clear_pointer (&state->media_ids, g_array_unref);
  g_clear_pointer (&state->media_urls, g_ptr_array_unref);
  g_clear_pointer (&state->post_body, json_node_unref);
  g_free (state->hash);
  g_free (state);
}

static CdWpClient *
task_client (GTask *task)
{
  return g_task_get_source_object (task);
}

static PublishState *
task_state (GTask *task)
{
  return g_task_get_task_data (task);
}

static char *
format_wp_date (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (dt);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
}

/* WordPress answers "2026-11-28T01:49:27" (no zone, no fraction), but a
 * plugin may add either; compare on the first 19 characters. */
static gboolean
same_wp_date (const char *a,
              const char *b)
{
  return a && b && strlen (a) >= 19 && strlen (b) >= 19 && strncmp (a, b, 19) == 0;
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Same ids, whatever the order and repetition. */
static gboolean
same_id_set (GArray *sent,
             GArray *echoed)
{
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;
  guint i = 0, j = 0;

  if (echoed == NULL)
    return FALSE;
  a = g_array_copy (sent);
  b = g_array_copy (echoed);
  g_array_sort (a, compare_ids);
  g_array_sort (b, compare_ids);
  while (i < a->len || j < b->len)
    {
      if (i >= a->len || j >= b->len ||
          g_array_index (a, gint64, i) != g_array_index (b, gint64, j))
        return FALSE;
      /* Skip repeats on both sides. */
      do i++; while (i < a->len && g_array_index (a, gint64, i) == g_array_index (a, gint64, i - 1));
      do j++; while (j < b->len && g_array_index (b, gint64, j) == g_array_index (b, gint64, j - 1));
    }
  return TRUE;
}

static char *
format_ids (GArray *ids)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; ids && i < ids->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? ", " : "", g_array_index (ids, gint64, i));
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

static JsonNode *
ids_to_node (GArray *ids)
{
  JsonArray *array = json_array_sized_new (ids->len);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < ids->len; i++)
    json_array_add_int_element (array, g_array_index (ids, gint64, i));
  json_node_take_array (node, array);
  return node;
}

/* ------------------------------------------------------------------------
 * 1. The post as the site has it
 * ------------------------------------------------------------------------ */

static CdWpConflict *
make_conflict (PublishState *state,
               JsonObject   *remote)
{
  CdWpConflict *conflict = cd_wp_conflict_new ();

  conflict->post_id = g_strdup_printf ("%" G_GINT64_FORMAT, state->post_id);
  conflict->recorded_modified = g_strdup (state->recorded_modified);
  conflict->remote_modified = g_strdup (_cd_wp_get_string (remote, "modified_gmt"));
  conflict->local_title = g_strdup (cd_article_get_headline (state->article));
  conflict->local_excerpt = g_strdup (cd_article_get_standfirst (state->article));
  conflict->local_content = g_strdup (state->html);
  conflict->remote_title = g_strdup (_cd_wp_get_text (remote, "title", "raw"));
  conflict->remote_excerpt = g_strdup (_cd_wp_get_text (remote, "excerpt", "raw"));
  conflict->remote_content = g_strdup (_cd_wp_get_text (remote, "content", "raw"));
  return conflict;
}

/* The post changed on the site since Copydesk last published it. */
static GError *
conflict_error (PublishState *state,
                guint         status,
                const char   *remote_modified)
{
  g_autofree char *post_id = cd_int64_to_string (state->post_id);

  if (remote_modified && state->recorded_modified)
    return _cd_wp_error_new (CD_WP_ERROR_CONFLICT, status, NULL,
                             /* Translators: the post's number, when it changed on the site
                              * and when Copydesk last published it */
                             _("Post %s was changed on the site (at %s UTC) since Copydesk last "
                               "published it (at %s UTC); compare both versions, then publish "
                               "with force to overwrite the site's."),
                             post_id, remote_modified, state->recorded_modified);
  return _cd_wp_error_new (CD_WP_ERROR_CONFLICT, status, NULL,
                           /* Translators: %s is the post's number */
                           _("Post %s was changed on the site since Copydesk last published it; "
                             "compare both versions, then publish with force to overwrite the "
                             "site's."),
                           post_id);
}

static void
on_slug_lookup_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PublishState *state = task_state (task);
  g_autoptr(CdWpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *posts;

  response = _cd_wp_client_call_finish (CD_WP_CLIENT (source), result, &error);
  posts = response ? _cd_wp_expect_array (response->json, _("the look-up of a post by slug"), &error)
                   : NULL;
  if (posts == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (json_array_get_length (posts) > 0)
    {
      JsonObject *post = _cd_wp_expect_object (json_array_get_element (posts, 0),
                                               _("the look-up of a post by slug"), &error);
      if (post == NULL || !_cd_wp_get_id (post, "id", _("the look-up of a post by slug"),
                                          &state->post_id, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_debug ("post with slug %s exists already as %" G_GINT64_FORMAT ": updating it",
               state->slug, state->post_id);
    }
  step_terms (g_steal_pointer (&task));
}

static void
lookup_by_slug (GTask               *task,
                GAsyncReadyCallback  callback)
{
  PublishState *state = task_state (task);
  g_autofree char *query = _cd_wp_query ("slug", state->slug, "status", "any",
                                         "context", "edit", "_fields", "id,slug,status,modified_gmt",
                                         NULL);

  _cd_wp_client_call_async (task_client (task), "GET", "/wp/v2/posts", query, NULL,
                            CD_WP_CALL_IDEMPOTENT, g_task_get_cancellable (task), callback, task);
}

static void
on_remote_post_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PublishState *state = task_state (task);
  g_autoptr(CdWpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  const char *remote_modified;
  JsonObject *post;

  response = _cd_wp_client_call_finish (CD_WP_CLIENT (source), result, &error);
  if (response == NULL)
    {
      if (g_error_matches (error, CD_WP_ERROR, CD_WP_ERROR_NOT_FOUND) &&
          (state->flags & CD_WP_PUBLISH_FORCE))
        {
          /* Deleted on the site, and the editor insists: publish anew. */
          state->post_id = 0;
          lookup_by_slug (g_steal_pointer (&task), on_slug_lookup_cb);
          return;
        }
      if (g_error_matches (error, CD_WP_ERROR, CD_WP_ERROR_NOT_FOUND))
        {
          g_autofree char *post_id = cd_int64_to_string (state->post_id);

          /* Translators: %s is the post's number; WordPress's answer follows. */
          g_prefix_error (&error, _("Post %s is no longer on the site; publish with force to create it again. "),
                          post_id);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  post = _cd_wp_expect_object (response->json, _("the reading of the post"), &error);
  if (post == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  remote_modified = _cd_wp_get_string (post, "modified_gmt");
  if (g_strcmp0 (remote_modified, state->recorded_modified) != 0 &&
      !(state->flags & CD_WP_PUBLISH_FORCE))
    {
      GError *conflict = conflict_error (state, response->status, remote_modified);

      _cd_wp_error_take_conflict (conflict, make_conflict (state, post));
      g_task_return_error (task, conflict);
      return;
    }
  step_terms (g_steal_pointer (&task));
}

static void
step_remote (GTask *task)
{
  PublishState *state = task_state (task);
  CdSiteBinding *binding = cd_article_get_binding (state->article, state->site);
  const char *post_id = binding ? cd_site_binding_get_post_id (binding) : NULL;
  char *end = NULL;

  if (post_id && *post_id)
    {
      state->post_id = g_ascii_strtoll (post_id, &end, 10);
      if (*end != '\0' || state->post_id <= 0)
        {
          g_task_return_new_error (task, CD_WP_ERROR, CD_WP_ERROR_INVALID_ARTICLE,
                                   /* Translators: a site's name, then what the article
                                    * holds as its post's number there */
                                   _("The article's binding to “%s” holds “%s”, which is not a "
                                     "WordPress post id."), state->site, post_id);
          g_object_unref (task);
          return;
        }
      state->recorded_modified = g_strdup (cd_site_binding_get_remote_modified (binding));
    }

  if (state->post_id > 0)
    {
      g_autofree char *route = g_strdup_printf ("/wp/v2/posts/%" G_GINT64_FORMAT, state->post_id);
      _cd_wp_client_call_async (task_client (task), "GET", route, "context=edit", NULL,
                                CD_WP_CALL_IDEMPOTENT, g_task_get_cancellable (task),
                                on_remote_post_cb, task);
    }
  else
    lookup_by_slug (task, on_slug_lookup_cb);
}

/* ------------------------------------------------------------------------
 * 2. Section and tags
 * ------------------------------------------------------------------------ */

void
_cd_wp_term_entry_free (gpointer data)
{
  TermEntry *entry = data;

  if (entry == NULL)
    return;
  g_clear_pointer (&entry->waiters, g_ptr_array_unref);
  g_free (entry);
}

/* Forgets the terms found; look-ups under way finish as they are. */
void
_cd_wp_client_forget_terms (CdWpClient *self)
{
  GHashTableIter iter;
  gpointer entry;

  g_hash_table_iter_init (&iter, _cd_wp_client_get_terms (self));
  while (g_hash_table_iter_next (&iter, NULL, &entry))
    if (((TermEntry *) entry)->id > 0)
      g_hash_table_iter_remove (&iter);
}

static TermJob *
current_term (PublishState *state)
{
  return g_ptr_array_index (state->terms, state->term_index);
}

/* "tags\n<name, case-folded>": WordPress compares term names without case. */
static char *
term_key (TermJob *job)
{
  g_autofree char *folded = g_utf8_casefold (job->name, -1);

  return g_strconcat (job->taxonomy, "\n", folded, NULL);
}

/* Takes the task on to the next term. */
static void
term_found (GTask  *task,
            gint64  id)
{
  PublishState *state = task_state (task);
  TermJob *job = current_term (state);
  GArray *ids = g_str_equal (job->taxonomy, "categories") ? state->category_ids : state->tag_ids;

  g_array_append_val (ids, id);
  state->term_index++;
  step_terms (task);
}

/* The look-up this task made for its current term is over: id is the
 * term's, or 0 when it failed.  Remembers the id for the client and lets
 * the publishes waiting for the same term go on (after a failure, each
 * looks it up itself). */
static void
term_settled (GTask  *task,
              gint64  id)
{
  GHashTable *terms = _cd_wp_client_get_terms (task_client (task));
  g_autofree char *key = term_key (current_term (task_state (task)));
  TermEntry *entry = g_hash_table_lookup (terms, key);
  g_autoptr(GPtrArray) waiters = NULL;

  if (entry == NULL)
    return;
  waiters = g_steal_pointer (&entry->waiters);
  if (id > 0)
    {
      entry->id = id;
      entry->found_at = g_get_monotonic_time ();
    }
  else
    g_hash_table_remove (terms, key);

  for (guint i = 0; waiters && i < waiters->len; i++)
    {
      GTask *waiter = g_object_ref (g_ptr_array_index (waiters, i));

      if (id > 0)
        term_found (waiter, id);
      else
        step_terms (waiter);
    }
}

/* The term of the task's own look-up was found or made: takes the task. */
static void
term_resolved (GTask  *task,
               gint64  id)
{
  term_settled (task, id);
  term_found (task, id);
}

/* The task's own look-up failed: takes the task and returns error. */
static void
term_failed (GTask  *task_owned,
             GError *error)
{
  g_autoptr(GTask) task = task_owned;

  term_settled (task, 0);
  g_task_return_error (task, error);
}

static void
on_term_created_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PublishState *state = task_state (task);
  TermJob *job = g_ptr_array_index (state->terms, state->term_index);
  g_autoptr(CdWpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *term;
  gint64 id;

  response = _cd_wp_client_call_finish (CD_WP_CLIENT (source), result, &error);
  if (response == NULL)
    {
      /* Created meanwhile by someone else: WordPress names the existing one. */
      JsonObject *data = _cd_wp_error_get_data (error);
      JsonNode *term_id = data ? json_object_get_member (data, "term_id") : NULL;

      if (g_strcmp0 (cd_wp_error_get_wp_code (error), "term_exists") == 0 && term_id &&
          JSON_NODE_HOLDS_VALUE (term_id) && json_node_get_value_type (term_id) == G_TYPE_INT64)
        {
          term_resolved (g_steal_pointer (&task), json_node_get_int (term_id));
          return;
        }
      /* Translators: a category or tag, then the taxonomy (“categories”
       * or “tags”); the reason follows */
      g_prefix_error (&error, _("Could not create “%s” in %s: "), job->name, job->taxonomy);
      term_failed (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }
  term = _cd_wp_expect_object (response->json, _("the creation of a term"), &error);
  if (term == NULL || !_cd_wp_get_id (term, "id", _("the creation of a term"), &id, &error))
    {
      term_failed (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }
  term_resolved (g_steal_pointer (&task), id);
}

static gboolean
same_term_name (const char *wp_name,
                const char *wanted)
{
  g_autofree char *plain = cd_wp_unescape_html (wp_name);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (plain == NULL)
    return FALSE;
  a = g_utf8_casefold (g_strstrip (plain), -1);
  b = g_utf8_casefold (wanted, -1);
  return g_strcmp0 (a, b) == 0;
}

static void
on_term_search_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PublishState *state = task_state (task);
  TermJob *job = g_ptr_array_index (state->terms, state->term_index);
  g_autoptr(CdWpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *route = NULL;
  JsonArray *terms;

  response = _cd_wp_client_call_finish (CD_WP_CLIENT (source), result, &error);
  terms = response ? _cd_wp_expect_array (response->json, _("the search for a term"), &error) : NULL;
  if (terms == NULL)
    {
      term_failed (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < json_array_get_length (terms); i++)
    {
      JsonNode *node = json_array_get_element (terms, i);
      JsonObject *term = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      gint64 id;

      if (term && same_term_name (_cd_wp_get_string (term, "name"), job->name) &&
          _cd_wp_get_id (term, "id", _("the search for a term"), &id, NULL))
        {
          term_resolved (g_steal_pointer (&task), id);
          return;
        }
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, job->name);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  route = g_strdup_printf ("/wp/v2/%s", job->taxonomy);
  _cd_wp_client_call_async (task_client (task), "POST", route, "_fields=id,name", body,
                            CD_WP_CALL_NONE, g_task_get_cancellable (task), on_term_created_cb,
                            g_object_ref (task));
}

/* Takes the task through its terms: each is known to the client already,
 * being looked up by another publish (then the task waits for that), or
 * looked up now. */
static void
step_terms (GTask *task)
{
  PublishState *state = task_state (task);
  GHashTable *terms = _cd_wp_client_get_terms (task_client (task));
  g_autofree char *route = NULL;
  g_autofree char *query = NULL;
  g_autofree char *key = NULL;
  TermEntry *entry;
  TermJob *job;

  if (state->term_index >= state->terms->len)
    {
      step_photos (task);
      return;
    }
  job = current_term (state);
  key = term_key (job);
  entry = g_hash_table_lookup (terms, key);
  if (entry && entry->id > 0 &&
      g_get_monotonic_time () - entry->found_at < TERM_CACHE_SECONDS * G_USEC_PER_SEC)
    {
      term_found (task, entry->id);
      return;
    }
  if (entry && entry->id == 0)
    {
      g_ptr_array_add (entry->waiters, task);
      return;
    }
  entry = g_new0 (TermEntry, 1);
  entry->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_replace (terms, g_steal_pointer (&key), entry);

  route = g_strdup_printf ("/wp/v2/%s", job->taxonomy);
  query = _cd_wp_query ("search", job->name, "per_page", "100", "_fields", "id,name", NULL);
  _cd_wp_client_call_async (task_client (task), "GET", route, query, NULL, CD_WP_CALL_IDEMPOTENT,
                            g_task_get_cancellable (task), on_term_search_cb, task);
}

/* ------------------------------------------------------------------------
 * 3. Photos
 * ------------------------------------------------------------------------ */

static CdPhoto *
current_photo (PublishState *state)
{
  return cd_article_get_photo (state->article, state->photo_index);
}

static void
next_photo (GTask      *task,
            gint64      media_id,
            const char *source_url)
{
  PublishState *state = task_state (task);

  g_array_append_val (state->media_ids, media_id);
  g_ptr_array_add (state->media_urls, g_strdup (source_url ? source_url : ""));
  g_clear_pointer (&state->photo_bytes, g_bytes_unref);
  g_clear_pointer (&state->photo_type, g_free);
  g_clear_pointer (&state->photo_slug, g_free);
  state->upload_retried = FALSE;
  state->photo_index++;
  step_photos (task);
}

/* Does the media item carry the caption and alt text we want?  Raw caption
 * needs the edit context, which every answer used here has. */
static gboolean
media_matches (JsonObject *media,
               CdPhoto    *photo)
{
  g_autofree char *caption = cd_wp_photo_caption (photo);
  const char *alt = cd_photo_get_alt_text (photo);

  return g_strcmp0 (_cd_wp_get_text (media, "caption", "raw"), caption) == 0 &&
         g_strcmp0 (_cd_wp_get_string (media, "alt_text"), alt ? alt : "") == 0;
}

/* Checks the media item WordPress answered with; takes the task. */
static void
accept_media (GTask        *task_owned,
              CdWpResponse *response)
{
  g_autoptr(GTask) task = task_owned;
  PublishState *state = task_state (task);
  g_autoptr(GError) error = NULL;
  JsonObject *media;
  gint64 id;

  media = _cd_wp_expect_object (response->json, _("the upload of a photo"), &error);
  if (media == NULL || !_cd_wp_get_id (media, "id", _("the upload of a photo"), &id, &error))
    {
      /* Translators: the photo's number; the reason follows */
      g_prefix_error (&error, _("Photo %u: "), state->photo_index + 1);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!media_matches (media, current_photo (state)))
    {
      g_autofree char *media_id = cd_int64_to_string (id);

      g_task_return_error (task, _cd_wp_error_new (CD_WP_ERROR_NOT_APPLIED, response->status, NULL,
                                                   /* Translators: the photo's number, the
                                                    * site's host, the media item's number */
                                                   _("Photo %u: WordPress at %s kept another caption "
                                                     "or alt text than the one sent (media %s)."),
                                                   state->photo_index + 1,
                                                   _cd_wp_client_get_host (task_client (task)), media_id));
      return;
    }
  next_photo (g_steal_pointer (&task), id, _cd_wp_get_string (media, "source_url"));
}

static void
on_media_updated_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PublishState *state = task_state (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWpResponse) response = _cd_wp_client_call_finish (CD_WP_CLIENT (source), result, &error);

  if (response == NULL)
    {
      /* Translators: the photo's number; the reason follows */
      g_prefix_error (&error, _("Photo %u: "), state->photo_index + 1);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  accept_media (g_steal_pointer (&task), response);
}

static JsonNode *
media_fields (CdPhoto *photo)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *caption = cd_wp_photo_caption (photo);
  const char *alt = cd_photo_get_alt_text (photo);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "caption");
  json_builder_add_string_value (builder, caption);
  json_builder_set_member_name (builder, "alt_text");
  json_builder_add_string_value (builder, alt ? alt : "");
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
on_media_lookup_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PublishState *state = task_state (task);
  g_autoptr(CdWpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) fields = NULL;
  g_autofree char *route = NULL;
  JsonObject *media;
  JsonArray *found;
  gint64 id;

  response = _cd_wp_client_call_finish (CD_WP_CLIENT (source), result, &error);
  found = response ? _cd_wp_expect_array (response->json, _("the look-up of a photo"), &error) : NULL;
  if (found == NULL)
    {
      /* Translators: the photo's number; the reason follows */
      g_prefix_error (&error, _("Photo %u: "), state->photo_index + 1);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (json_array_get_length (found) == 0)
    {
      upload_photo (g_steal_pointer (&task));
      return;
    }

  media = _cd_wp_expect_object (json_array_get_element (found, 0), _("the look-up of a photo"), &error);
  if (media == NULL || !_cd_wp_get_id (media, "id", _("the look-up of a photo"), &id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (media_matches (media, current_photo (state)))
    {
      next_photo (g_steal_pointer (&task), id, _cd_wp_get_string (media, "source_url"));
      return;
    }
  /* The same image is there already; only its caption or alt text changed. */
  route = g_strdup_printf ("/wp/v2/media/%" G_GINT64_FORMAT, id);
  fields = media_fields (current_photo (state));
  _cd_wp_client_call_async (task_client (task), "POST", route, "context=edit&_fields=" MEDIA_FIELDS,
                            fields, CD_WP_CALL_IDEMPOTENT, g_task_get_cancellable (task),
                            on_media_updated_cb, g_object_ref (task));
}

static void
lookup_media (GTask *task)
{
  PublishState *state = task_state (task);
  g_autofree char *query = _cd_wp_query ("slug", state->photo_slug, "context", "edit",
                                         "_fields", MEDIA_FIELDS, NULL);

  _cd_wp_client_call_async (task_client (task), "GET", "/wp/v2/media", query, NULL,
                            CD_WP_CALL_IDEMPOTENT, g_task_get_cancellable (task),
                            on_media_lookup_cb, task);
}

static void
on_uploaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PublishState *state = task_state (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWpResponse) response = _cd_wp_client_call_finish (CD_WP_CLIENT (source), result, &error);

  if (response == NULL && _cd_wp_error_is_ambiguous (error) && !state->upload_retried)
    {
      /* The upload may have arrived: look for it before sending it again. */
      g_debug ("upload of photo %u got no answer; looking it up by slug", state->photo_index + 1);
      state->upload_retried = TRUE;
      lookup_media (g_steal_pointer (&task));
      return;
    }
  if (response == NULL)
    {
      /* Translators: the photo's number; the reason follows */
      g_prefix_error (&error, _("Photo %u: "), state->photo_index + 1);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  accept_media (g_steal_pointer (&task), response);
}

static const char *
extension_for (const char *mime_type)
{
  static const struct { const char *mime; const char *ext; } known[] = {
    { "image/png", "png" }, { "image/jpeg", "jpg" }, { "image/gif", "gif" },
    { "image/webp", "webp" }, { "image/avif", "avif" }, { "image/heic", "heic" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_strcmp0 (mime_type, known[i].mime) == 0)
      return known[i].ext;
  return "img";
}

/* One multipart request carries the file, its slug, caption and alt text. */
static void
upload_photo (GTask *task)
{
  PublishState *state = task_state (task);
  CdPhoto *photo = current_photo (state);
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *caption = cd_wp_photo_caption (photo);
  g_autofree char *filename = NULL;
  g_autofree char *content_type = NULL;
  const char *alt = cd_photo_get_alt_text (photo);

  filename = g_strdup_printf ("%s.%s", state->photo_slug, extension_for (state->photo_type));
  soup_multipart_append_form_string (multipart, "slug", state->photo_slug);
  soup_multipart_append_form_string (multipart, "title",
                                     cd_str_is_blank (cd_photo_get_caption (photo))
                                       ? state->photo_slug : cd_photo_get_caption (photo));
  soup_multipart_append_form_string (multipart, "caption", caption);
  soup_multipart_append_form_string (multipart, "alt_text", alt ? alt : "");
  soup_multipart_append_form_file (multipart, "file", filename, state->photo_type,
                                   state->photo_bytes);
  soup_multipart_to_message (multipart, headers, &body);

  /* The full value, boundary parameter included. */
  content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));

  _cd_wp_client_call_bytes_async (task_client (task), "POST", "/wp/v2/media",
                                  "context=edit&_fields=" MEDIA_FIELDS, body, content_type,
                                  CD_WP_CALL_NONE, g_task_get_cancellable (task),
                                  on_uploaded_cb, task);
}

/* "cd-photo-<first 8 of the photo id>-<first 12 of the image's SHA-256>":
 * the same image of the same photo is found again; a new image is not. */
static char *
make_photo_slug (CdPhoto *photo,
                 GBytes  *bytes)
{
  g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  GString *id = g_string_new (NULL);

  for (const char *p = cd_photo_get_id (photo); p && *p && id->len < 8; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (id, g_ascii_tolower (*p));
  g_string_prepend (id, "cd-photo-");
  g_string_append_printf (id, "-%.12s", sum);
  return g_string_free (id, FALSE);
}

/* The photo's file is empty or holds something other than an image. */
static GError *
not_an_image_error (guint       number,
                    const char *path,
                    const char *type,
                    gboolean    empty)
{
  if (empty)
    return g_error_new (CD_WP_ERROR, CD_WP_ERROR_INVALID_ARTICLE,
                        /* Translators: the photo's number and its file */
                        _("Photo %u (%s) is not an image: the file is empty."), number, path);
  if (type == NULL)
    return g_error_new (CD_WP_ERROR, CD_WP_ERROR_INVALID_ARTICLE,
                        /* Translators: the photo's number and its file */
                        _("Photo %u (%s) is not an image, nor any type of file Copydesk knows."),
                        number, path);
  return g_error_new (CD_WP_ERROR, CD_WP_ERROR_INVALID_ARTICLE,
                      /* Translators: the photo's number, its file and the type of what
                       * the file holds (text/plain) */
                      _("Photo %u (%s) is not an image (%s)."), number, path, type);
}

static void
on_photo_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PublishState *state = task_state (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *path = g_file_get_parse_name (G_FILE (source));
  gboolean uncertain = FALSE;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      /* Translators: the photo's number and its file; the reason follows */
      g_prefix_error (&error, _("Photo %u (%s): "), state->photo_index + 1, path);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  content_type = g_content_type_guess (path, (const guchar *) contents, length, &uncertain);
  state->photo_type = g_content_type_get_mime_type (content_type);
  if (state->photo_type == NULL || !g_str_has_prefix (state->photo_type, "image/") || length == 0)
    {
      g_task_return_error (task, not_an_image_error (state->photo_index + 1, path,
                                                     length == 0 ? NULL : state->photo_type,
                                                     length == 0));
      return;
    }
  state->photo_bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  state->photo_slug = make_photo_slug (current_photo (state), state->photo_bytes);
  lookup_media (g_steal_pointer (&task));
}

static void
step_photos (GTask *task)
{
  PublishState *state = task_state (task);
  GFile *file;

  if (state->photo_index >= cd_article_get_n_photos (state->article))
    {
      step_post (task);
      return;
    }
  file = state->photo_files
    ? g_hash_table_lookup (state->photo_files, cd_photo_get_id (current_photo (state)))
    : NULL;
  if (file == NULL)
    {
      g_task_return_new_error (task, CD_WP_ERROR, CD_WP_ERROR_INVALID_ARTICLE,
                               _("Photo %u has no image file."), state->photo_index + 1);
      g_object_unref (task);
      return;
    }
  g_file_load_contents_async (file, g_task_get_cancellable (task), on_photo_loaded_cb, task);
}

/* ------------------------------------------------------------------------
 * 4. The post
 * ------------------------------------------------------------------------ */

/* Photos after the first (which is the featured image) follow the body as
 * figures, caption and credit beneath. */
static char *
build_content (PublishState *state)
{
  GString *content = g_string_new (state->html);

  for (guint i = 1; i < state->media_ids->len; i++)
    {
      CdPhoto *photo = cd_article_get_photo (state->article, i);
      g_autofree char *caption = cd_wp_photo_caption (photo);
      g_autofree char *url = g_markup_escape_text (g_ptr_array_index (state->media_urls, i), -1);
      g_autofree char *alt = g_markup_escape_text (cd_photo_get_alt_text (photo), -1);
      g_autofree char *text = g_markup_escape_text (caption, -1);

      g_string_append_printf (content,
                              "\n<figure class=\"wp-block-image\"><img src=\"%s\" alt=\"%s\" "
                              "class=\"wp-image-%" G_GINT64_FORMAT "\"/>"
                              "<figcaption>%s</figcaption></figure>\n",
                              url, alt, g_array_index (state->media_ids, gint64, i), text);
    }
  return g_string_free (content, FALSE);
}

static JsonNode *
build_post_body (PublishState *state)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *content = build_content (state);
  gint64 featured = state->media_ids->len > 0 ? g_array_index (state->media_ids, gint64, 0) : 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, cd_article_get_headline (state->article));
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, content);
  json_builder_set_member_name (builder, "excerpt");
  json_builder_add_string_value (builder, cd_article_get_standfirst (state->article));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, cd_wp_status_to_string (state->status));
  if (state->status == CD_WP_STATUS_FUTURE)
    {
      g_autofree char *date = format_wp_date (state->publish_at);
      json_builder_set_member_name (builder, "date_gmt");
      json_builder_add_string_value (builder, date);
    }
  if (state->category_ids->len > 0)
    {
      json_builder_set_member_name (builder, "categories");
      json_builder_add_value (builder, ids_to_node (state->category_ids));
    }
  /* Always sent: the list replaces the post's tags, so removals carry over. */
  json_builder_set_member_name (builder, "tags");
  json_builder_add_value (builder, ids_to_node (state->tag_ids));
  json_builder_set_member_name (builder, "featured_media");
  json_builder_add_int_value (builder, featured);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static char *
hash_node (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize length = 0;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, length);
}

/* WordPress 6.1 answers 200 even when it dropped a featured_media or a term
 * id it did not know, or turned the status into another: compare what it
 * echoes with what was sent. */
/* The first thing WordPress did not apply as sent, as a whole sentence,
 * or NULL when it applied everything. */
static char *
echo_problem (PublishState *state,
              JsonObject   *post,
              const char   *host,
              const char   *post_id)
{
  JsonObject *sent = json_node_get_object (state->post_body);
  g_autoptr(GArray) categories = _cd_wp_get_id_list (post, "categories");
  g_autoptr(GArray) tags = _cd_wp_get_id_list (post, "tags");
  JsonNode *featured = json_object_get_member (post, "featured_media");
  gint64 sent_featured = json_object_get_int_member (sent, "featured_media");
  const char *status = _cd_wp_get_string (post, "status");
  const char *sent_status = cd_wp_status_to_string (state->status);
  const char *date = _cd_wp_get_string (post, "date_gmt");
  const char *sent_date = json_object_get_string_member_with_default (sent, "date_gmt", NULL);

  if (status == NULL)
    /* Translators: the site's host, the post's number, the status sent (“publish”) */
    return g_strdup_printf (_("WordPress at %s saved post %s without a status; “%s” was sent."),
                            host, post_id, sent_status);
  if (!g_str_equal (status, sent_status))
    /* Translators: the site's host, the post's number, then two WordPress statuses */
    return g_strdup_printf (_("WordPress at %s saved post %s, but its status is “%s”, not “%s”."),
                            host, post_id, status, sent_status);
  if (featured == NULL || !JSON_NODE_HOLDS_VALUE (featured) ||
      json_node_get_value_type (featured) != G_TYPE_INT64 ||
      json_node_get_int (featured) != sent_featured)
    {
      g_autofree char *got = cd_int64_to_string (featured && JSON_NODE_HOLDS_VALUE (featured)
                                                 ? json_node_get_int (featured) : -1);
      g_autofree char *want = cd_int64_to_string (sent_featured);

      /* Translators: the site's host, the post's number, then two media numbers */
      return g_strdup_printf (_("WordPress at %s saved post %s, but the featured image is %s, not %s."),
                              host, post_id, got, want);
    }
  if (state->category_ids->len > 0 && !same_id_set (state->category_ids, categories))
    {
      g_autofree char *want = format_ids (state->category_ids);
      g_autofree char *got = format_ids (categories);

      /* Translators: the site's host, the post's number, then two lists of numbers */
      return g_strdup_printf (_("WordPress at %s saved post %s, but the categories are %s, not %s."),
                              host, post_id, got, want);
    }
  if (!same_id_set (state->tag_ids, tags))
    {
      g_autofree char *want = format_ids (state->tag_ids);
      g_autofree char *got = format_ids (tags);

      /* Translators: the site's host, the post's number, then two lists of numbers */
      return g_strdup_printf (_("WordPress at %s saved post %s, but the tags are %s, not %s."),
                              host, post_id, got, want);
    }
  if (state->status == CD_WP_STATUS_FUTURE && date == NULL)
    /* Translators: the site's host, the post's number, the time sent */
    return g_strdup_printf (_("WordPress at %s saved post %s without a publication time; %s UTC was sent."),
                            host, post_id, sent_date);
  if (state->status == CD_WP_STATUS_FUTURE && !same_wp_date (date, sent_date))
    /* Translators: the site's host, the post's number, then two times */
    return g_strdup_printf (_("WordPress at %s saved post %s, but the publication time is %s UTC, not %s UTC."),
                            host, post_id, date, sent_date);
  return NULL;
}

/* WordPress 6.1 answers 200 even when it dropped a featured_media or a term
 * id it did not know, or turned the status into another: compare what it
 * echoes with what was sent. */
static gboolean
check_echo (PublishState  *state,
            JsonObject    *post,
            const char    *host,
            GError       **error)
{
  g_autofree char *post_id = cd_int64_to_string (state->post_id);
  g_autofree char *problem = echo_problem (state, post, host, post_id);

  if (problem == NULL)
    return TRUE;
  g_set_error (error, CD_WP_ERROR, CD_WP_ERROR_NOT_APPLIED, "%s %s", problem,
               _("Publish again; if it persists, a plugin or the site's settings are changing the post."));
  return FALSE;
}

static void
on_create_lookup_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PublishState *state = task_state (task);
  g_autoptr(CdWpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *posts;

  response = _cd_wp_client_call_finish (CD_WP_CLIENT (source), result, &error);
  posts = response ? _cd_wp_expect_array (response->json, _("the look-up of a post by slug"), &error)
                   : NULL;
  if (posts == NULL)
    {
      /* Translators: the reason follows */
      g_prefix_error (&error, _("Creating the post got no answer, and looking for it failed: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (json_array_get_length (posts) > 0)
    {
      JsonObject *post = _cd_wp_expect_object (json_array_get_element (posts, 0),
                                               _("the look-up of a post by slug"), &error);
      if (post == NULL || !_cd_wp_get_id (post, "id", _("the look-up of a post by slug"),
                                          &state->post_id, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* It did arrive: send the same values again as an update, which
       * also yields the full answer to check. */
      g_debug ("post %s was created as %" G_GINT64_FORMAT, state->slug, state->post_id);
    }
  send_post (g_steal_pointer (&task));
}

static void
on_post_saved_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PublishState *state = task_state (task);
  CdWpClient *self = task_client (task);
  g_autoptr(CdWpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autofree char *id_text = NULL;
  const char *modified;
  JsonObject *post;
  gint64 id;

  response = _cd_wp_client_call_finish (self, result, &error);
  if (response == NULL && state->post_id == 0 && _cd_wp_error_is_ambiguous (error) &&
      !state->create_retried)
    {
      /* The post may have been created although no answer came: find it
       * by its slug before sending the create again. */
      g_debug ("creating post %s got no answer; looking it up by slug", state->slug);
      state->create_retried = TRUE;
      lookup_by_slug (g_steal_pointer (&task), on_create_lookup_cb);
      return;
    }
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  post = _cd_wp_expect_object (response->json, _("the saving of the post"), &error);
  if (post == NULL || !_cd_wp_get_id (post, "id", _("the saving of the post"), &id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (state->post_id > 0 && id != state->post_id)
    {
      g_autofree char *sent_id = cd_int64_to_string (state->post_id);
      g_autofree char *got_id = cd_int64_to_string (id);

      g_task_return_new_error (task, CD_WP_ERROR, CD_WP_ERROR_INVALID_RESPONSE,
                               /* Translators: the site's host, then two post numbers */
                               _("WordPress at %s answered the update of post %s with post %s."),
                               _cd_wp_client_get_host (self), sent_id, got_id);
      return;
    }
  state->post_id = id;
  modified = _cd_wp_get_string (post, "modified_gmt");
  if (modified == NULL)
    {
      g_autofree char *got_id = cd_int64_to_string (id);

      g_task_return_new_error (task, CD_WP_ERROR, CD_WP_ERROR_INVALID_RESPONSE,
                               /* Translators: the site's host and the post's number */
                               _("WordPress at %s saved post %s but did not say when (no modified_gmt)."),
                               _cd_wp_client_get_host (self), got_id);
      return;
    }
  if (!check_echo (state, post, _cd_wp_client_get_host (self), &error))
    {
      /* Perhaps a term remembered was deleted on the site meanwhile. */
      _cd_wp_client_forget_terms (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Everything is on the site: only now does the caller's article change. */
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  binding = cd_site_binding_new (state->site);
  cd_site_binding_set_post_id (binding, id_text);
  cd_site_binding_set_link (binding, _cd_wp_get_string (post, "link"));
  cd_site_binding_set_remote_modified (binding, modified);
  cd_site_binding_set_published_hash (binding, state->hash);
  cd_article_set_binding (state->original, binding);
  g_task_return_pointer (task, g_steal_pointer (&binding), g_object_unref);
}

static void
send_post (GTask *task)
{
  PublishState *state = task_state (task);
  g_autoptr(JsonNode) body = json_node_copy (state->post_body);
  g_autofree char *route = NULL;

  if (state->post_id > 0)
    route = g_strdup_printf ("/wp/v2/posts/%" G_GINT64_FORMAT, state->post_id);
  else
    {
      /* The slug makes a create that got no answer findable (see above). */
      json_object_set_string_member (json_node_get_object (body), "slug", state->slug);
      route = g_strdup ("/wp/v2/posts");
    }
  /* An update sends the same values again: safe to retry. A create is not. */
  _cd_wp_client_call_async (task_client (task), "POST", route, "context=edit", body,
                            state->post_id > 0 ? CD_WP_CALL_IDEMPOTENT : CD_WP_CALL_NONE,
                            g_task_get_cancellable (task), on_post_saved_cb, task);
}

static void
step_post (GTask *task)
{
  PublishState *state = task_state (task);

  state->post_body = build_post_body (state);
  state->hash = hash_node (state->post_body);
  send_post (task);
}

/* ------------------------------------------------------------------------
 * Public API
 * ------------------------------------------------------------------------ */

static GPtrArray *
collect_terms (CdArticle *article)
{
  GPtrArray *terms = g_ptr_array_new_with_free_func ((GDestroyNotify) term_job_free);
  const char * const *tags = cd_article_get_tags (article);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *section = g_strstrip (g_strdup (cd_article_get_section (article)));

  if (*section != '\0')
    {
      TermJob *job = g_new0 (TermJob, 1);
      job->taxonomy = "categories";
      job->name = g_steal_pointer (&section);
      g_ptr_array_add (terms, job);
    }
  for (guint i = 0; tags && tags[i]; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (tags[i]));
      g_autofree char *key = g_utf8_casefold (name, -1);
      TermJob *job;

      if (*name == '\0' || g_hash_table_contains (seen, key))
        continue;
      g_hash_table_add (seen, g_steal_pointer (&key));
      job = g_new0 (TermJob, 1);
      job->taxonomy = "tags";
      job->name = g_steal_pointer (&name);
      g_ptr_array_add (terms, job);
    }
  return terms;
}

/* Publishes article to the site as a post with the given status.
 *
 * site names the site for the article's CdSiteBinding.  photo_files maps
 * each photo's id to the GFile of its image (from the store).  publish_at
 * is required for CD_WP_STATUS_FUTURE and ignored otherwise.  An article
 * already bound to a post on site updates that post, unless it changed on
 * the site since: then CD_WP_ERROR_CONFLICT, with both versions
 * (cd_wp_error_get_conflict()), unless flags has CD_WP_PUBLISH_FORCE.
 *
 * The article must pass cd_wp_check_article() without blocking problems,
 * or the error is CD_WP_ERROR_INVALID_ARTICLE listing them.  On success the
 * article's binding for site records the post id, link, the site's
 * modified_gmt and the SHA-256 of what was sent; on failure the article is
 * left exactly as it was. */
void
cd_wp_client_publish_async (CdWpClient          *self,
                            CdArticle           *article,
                            const char          *site,
                            GHashTable          *photo_files,
                            CdWpStatus           status,
                            GDateTime           *publish_at,
                            CdWpPublishFlags     flags,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  PublishState *state;

  g_return_if_fail (CD_IS_WP_CLIENT (self));
  g_return_if_fail (CD_IS_ARTICLE (article));
  g_return_if_fail (site != NULL && *site != '\0');
  g_return_if_fail (status <= CD_WP_STATUS_FUTURE);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_wp_client_publish_async);

  problems = cd_wp_check_article (article, photo_files, cd_wp_client_get_headline_limit (self));
  if (cd_wp_problems_have_blocking (problems))
    {
      g_autofree char *text = cd_wp_problems_describe (problems, CD_WP_PROBLEM_BLOCKING);
      g_task_return_new_error (task, CD_WP_ERROR, CD_WP_ERROR_INVALID_ARTICLE,
                               /* Translators: a list of problems follows, one a line */
                               _("The article is not ready to publish:\n%s"), text);
      return;
    }
  if (status == CD_WP_STATUS_FUTURE)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (publish_at == NULL)
        {
          g_task_return_new_error (task, CD_WP_ERROR, CD_WP_ERROR_INVALID_ARTICLE,
                                   _("A scheduled post needs a publication time."));
          return;
        }
      if (g_date_time_compare (publish_at, now) <= 0)
        {
          g_autofree char *when = format_wp_date (publish_at);
          g_task_return_new_error (task, CD_WP_ERROR, CD_WP_ERROR_INVALID_ARTICLE,
                                   /* Translators: %s is a date and time */
                                   _("The publication time %s UTC has passed; choose a later "
                                     "one, or publish now."), when);
          return;
        }
    }

  state = g_new0 (PublishState, 1);
  state->original = g_object_ref (article);
  state->article = cd_article_copy (article);
  state->site = g_strdup (site);
  state->photo_files = photo_files ? g_hash_table_ref (photo_files) : NULL;
  state->status = status;
  state->publish_at = publish_at ? g_date_time_to_utc (publish_at) : NULL;
  state->flags = flags;
  state->slug = cd_wp_make_slug (cd_article_get_headline (article), cd_article_get_id (article));
  state->html = cd_markdown_to_html (cd_article_get_body (article));
  state->terms = collect_terms (article);
  state->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  state->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  state->media_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  state->media_urls = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, state, (GDestroyNotify) publish_state_free);

  step_remote (g_steal_pointer (&task));
}

/* Returns the site binding now set on the article (a new reference). */
CdSiteBinding *
cd_wp_client_publish_finish (CdWpClient    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
