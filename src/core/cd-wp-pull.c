/* cd-wp-pull.c: CdWpClient's pull operation, posts into new articles
 *
 * The posts are read page by page in the edit context (only that one has
 * the raw title, excerpt and content as they were typed) until
 * X-WP-TotalPages is reached, then the names of their categories and tags
 * are fetched in batches.  Each post becomes a new CdArticle bound to the
 * post's id, so publishing it later updates that same post.  One post can
 * be fetched alone too, by its id, with the same mapping.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "copydesk-wp"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cd-html-markdown.h"
#include "cd-markdown.h"
#include "cd-util.h"
#include "cd-wp-client-private.h"

#define DEFAULT_PER_PAGE 100
#define MAX_PER_PAGE 100     /* WordPress's own ceiling */
#define TERMS_PER_CALL 100

typedef struct
{
  char *site;
  guint per_page;
  guint page;
  guint total_pages;
  GPtrArray *posts;               /* JsonObject */
  const char *taxonomy;           /* the one whose names are being fetched */
  GArray *wanted;                 /* gint64 ids still to name */
  GHashTable *names[2];           /* categories, tags: id (gint64 *) → name */
} PullState;

static void fetch_page (GTask *task);
static void fetch_names (GTask *task);

static void
pull_state_free (PullState *state)
{
  g_free (state->site);
  g_clear_pointer (&state->posts, g_ptr_array_unref);
  g_clear_pointer (&state->wanted, g_array_unref);
  g_clear_pointer (&state->names[0], g_hash_table_unref);
  g_clear_pointer (&state->names[1], g_hash_table_unref);
  g_free (state);
}

static PullState *
pull_state_new (const char *site,
                guint       per_page)
{
  PullState *state = g_new0 (PullState, 1);

  state->site = g_strdup (site);
  state->per_page = per_page == 0 ? DEFAULT_PER_PAGE : MIN (per_page, MAX_PER_PAGE);
  state->page = 1;
  state->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  state->names[0] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  state->names[1] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  return state;
}

static GHashTable *
names_for (PullState  *state,
           const char *taxonomy)
{
  return state->names[g_str_equal (taxonomy, "categories") ? 0 : 1];
}

/* Every id in the posts' member (categories or tags) not named yet. */
static GArray *
collect_ids (PullState  *state,
             const char *member)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < state->posts->len; i++)
    {
      g_autoptr(GArray) list = _cd_wp_get_id_list (g_ptr_array_index (state->posts, i), member);

      for (guint j = 0; list && j < list->len; j++)
        {
          gint64 *id = &g_array_index (list, gint64, j);
          if (g_hash_table_contains (seen, id))
            continue;
          g_array_append_val (ids, *id);
          g_hash_table_add (seen, g_memdup2 (id, sizeof *id));
        }
    }
  return ids;
}

static GDateTime *
parse_wp_date (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (text == NULL)
    return NULL;
  return g_date_time_new_from_iso8601 (text, utc);
}

static CdArticleStatus
article_status_for (const char *wp_status)
{
  if (g_strcmp0 (wp_status, "publish") == 0 || g_strcmp0 (wp_status, "private") == 0)
    return CD_ARTICLE_STATUS_PUBLISHED;
  if (g_strcmp0 (wp_status, "future") == 0 || g_strcmp0 (wp_status, "pending") == 0)
    return CD_ARTICLE_STATUS_READY;
  if (g_strcmp0 (wp_status, "trash") == 0)
    return CD_ARTICLE_STATUS_WITHDRAWN;
  return CD_ARTICLE_STATUS_DRAFT;
}

static char *
name_of (PullState  *state,
         const char *taxonomy,
         gint64      id)
{
  const char *name = g_hash_table_lookup (names_for (state, taxonomy), &id);

  return name ? g_strdup (name) : NULL;
}

static CdArticle *
article_from_post (PullState  *state,
                   JsonObject *post,
                   gint64      id)
{
  CdArticle *article = cd_article_new ();
  g_autoptr(CdSiteBinding) binding = cd_site_binding_new (state->site);
  g_autoptr(GArray) categories = _cd_wp_get_id_list (post, "categories");
  g_autoptr(GArray) tag_ids = _cd_wp_get_id_list (post, "tags");
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) created = parse_wp_date (_cd_wp_get_string (post, "date_gmt"));
  g_autoptr(GDateTime) modified = parse_wp_date (_cd_wp_get_string (post, "modified_gmt"));
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *title = _cd_wp_get_text (post, "title", "raw");
  g_autofree char *title_plain = NULL;

  /* Raw text when the edit context gave it; rendered text otherwise. */
  if (title == NULL)
    title = title_plain = cd_wp_unescape_html (_cd_wp_get_text (post, "title", "rendered"));
  cd_article_set_headline (article, title);
  cd_article_set_standfirst (article, _cd_wp_get_text (post, "excerpt", "raw"));
  cd_article_set_body (article, _cd_wp_get_text (post, "content", "raw"));
  cd_article_set_status (article, article_status_for (_cd_wp_get_string (post, "status")));
  if (created)
    cd_article_set_created (article, created);
  if (modified)
    cd_article_set_modified (article, modified);

  for (guint i = 0; categories && i < categories->len; i++)
    {
      g_autofree char *name = name_of (state, "categories", g_array_index (categories, gint64, i));
      if (name)
        {
          cd_article_set_section (article, name);
          break;
        }
    }
  for (guint i = 0; tag_ids && i < tag_ids->len; i++)
    {
      char *name = name_of (state, "tags", g_array_index (tag_ids, gint64, i));
      if (name)
        g_ptr_array_add (tags, name);
    }
  g_ptr_array_add (tags, NULL);
  cd_article_set_tags (article, (const char * const *) tags->pdata);

  cd_site_binding_set_post_id (binding, id_text);
  cd_site_binding_set_link (binding, _cd_wp_get_string (post, "link"));
  cd_site_binding_set_remote_modified (binding, _cd_wp_get_string (post, "modified_gmt"));
  cd_article_set_binding (article, binding);
  return article;
}

static void
finish_pull (GTask *task_owned)
{
  g_autoptr(GTask) task = task_owned;
  PullState *state = g_task_get_task_data (task);
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < state->posts->len; i++)
    {
      JsonObject *post = g_ptr_array_index (state->posts, i);
      gint64 id;

      if (!_cd_wp_get_id (post, "id", _("the list of posts"), &id, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_ptr_array_add (articles, article_from_post (state, post, id));
    }
  g_task_return_pointer (task, g_steal_pointer (&articles), (GDestroyNotify) g_ptr_array_unref);
}

static void
on_names_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PullState *state = g_task_get_task_data (task);
  g_autoptr(CdWpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *terms;

  response = _cd_wp_client_call_finish (CD_WP_CLIENT (source), result, &error);
  terms = response ? _cd_wp_expect_array (response->json, _("the list of terms"), &error) : NULL;
  if (terms == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < json_array_get_length (terms); i++)
    {
      JsonNode *node = json_array_get_element (terms, i);
      JsonObject *term = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name = _cd_wp_get_string (term, "name");
      gint64 id;

      if (term && name && _cd_wp_get_id (term, "id", _("the list of terms"), &id, NULL))
        g_hash_table_insert (names_for (state, state->taxonomy), g_memdup2 (&id, sizeof id),
                             cd_wp_unescape_html (name));
    }
  fetch_names (g_steal_pointer (&task));
}

/* Names the ids of state->wanted, TERMS_PER_CALL at a time, categories
 * first, then tags. */
static void
fetch_names (GTask *task)
{
  PullState *state = g_task_get_task_data (task);
  g_autoptr(GString) include = g_string_new (NULL);
  g_autofree char *query = NULL;
  g_autofree char *route = NULL;
  g_autofree char *count = NULL;
  guint n;

  while (state->wanted == NULL || state->wanted->len == 0)
    {
      g_clear_pointer (&state->wanted, g_array_unref);
      if (state->taxonomy == NULL)
        state->taxonomy = "categories";
      else if (g_str_equal (state->taxonomy, "categories"))
        state->taxonomy = "tags";
      else
        {
          finish_pull (task);
          return;
        }
      state->wanted = collect_ids (state, state->taxonomy);
    }

  n = MIN (state->wanted->len, TERMS_PER_CALL);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (include, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            g_array_index (state->wanted, gint64, i));
  g_array_remove_range (state->wanted, 0, n);

  count = g_strdup_printf ("%u", TERMS_PER_CALL);
  query = _cd_wp_query ("include", include->str, "per_page", count, "_fields", "id,name", NULL);
  route = g_strdup_printf ("/wp/v2/%s", state->taxonomy);
  _cd_wp_client_call_async (g_task_get_source_object (task), "GET", route, query, NULL,
                            CD_WP_CALL_IDEMPOTENT, g_task_get_cancellable (task), on_names_cb, task);
}

static void
on_page_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PullState *state = g_task_get_task_data (task);
  g_autoptr(CdWpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  const char *total;
  JsonArray *posts;
  guint n;

  response = _cd_wp_client_call_finish (CD_WP_CLIENT (source), result, &error);
  posts = response ? _cd_wp_expect_array (response->json, _("the list of posts"), &error) : NULL;
  if (posts == NULL)
    {
      /* Translators: %u is a page number; the reason follows */
      g_prefix_error (&error, _("Page %u of the posts: "), state->page);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  n = json_array_get_length (posts);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *post = _cd_wp_expect_object (json_array_get_element (posts, i),
                                               _("the list of posts"), &error);
      if (post == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_ptr_array_add (state->posts, json_object_ref (post));
    }

  total = soup_message_headers_get_one (response->headers, "X-WP-TotalPages");
  if (total)
    state->total_pages = (guint) MIN (g_ascii_strtoull (total, NULL, 10), G_MAXUINT);
  else
    /* No header (a proxy may strip it): a short page is the last one. */
    state->total_pages = n < state->per_page ? state->page : state->page + 1;

  g_debug ("pulled page %u of %u (%u posts)", state->page, state->total_pages, n);
  if (state->page >= state->total_pages || n == 0)
    {
      fetch_names (g_steal_pointer (&task));
      return;
    }
  state->page++;
  fetch_page (g_steal_pointer (&task));
}

static void
fetch_page (GTask *task)
{
  PullState *state = g_task_get_task_data (task);
  g_autofree char *page = g_strdup_printf ("%u", state->page);
  g_autofree char *per_page = g_strdup_printf ("%u", state->per_page);
  /* Oldest first by id: a post published meanwhile lands on the last
   * page instead of shifting every page by one. */
  g_autofree char *query = _cd_wp_query ("context", "edit", "status", "any",
                                         "per_page", per_page, "page", page,
                                         "orderby", "id", "order", "asc", NULL);

  _cd_wp_client_call_async (g_task_get_source_object (task), "GET", "/wp/v2/posts", query, NULL,
                            CD_WP_CALL_IDEMPOTENT, g_task_get_cancellable (task), on_page_cb, task);
}

/* Downloads every post of the site (any status but trash), per_page at a
 * time (0 for WordPress's maximum, 100), as new CdArticles bound to their
 * post ids on site: title → headline, raw excerpt → standfirst, raw
 * content → body as it is, first category → section, tags → tags. */
void
cd_wp_client_pull_async (CdWpClient          *self,
                         const char          *site,
                         guint                per_page,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CD_IS_WP_CLIENT (self));
  g_return_if_fail (site != NULL && *site != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_wp_client_pull_async);
  g_task_set_task_data (task, pull_state_new (site, per_page), (GDestroyNotify) pull_state_free);
  fetch_page (task);
}

static void
on_post_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PullState *state = g_task_get_task_data (task);
  g_autoptr(CdWpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *post;

  response = _cd_wp_client_call_finish (CD_WP_CLIENT (source), result, &error);
  post = response ? _cd_wp_expect_object (response->json, "the post", &error) : NULL;
  if (post == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_ptr_array_add (state->posts, json_object_ref (post));
  fetch_names (g_steal_pointer (&task));
}

static gboolean
is_post_id (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* Downloads one post of the site, in the edit context, as a new CdArticle
 * bound to it on site, mapped as by cd_wp_client_pull_async(). */
void
cd_wp_client_pull_post_async (CdWpClient          *self,
                              const char          *site,
                              const char          *post_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  g_autofree char *route = NULL;

  g_return_if_fail (CD_IS_WP_CLIENT (self));
  g_return_if_fail (site != NULL && *site != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_wp_client_pull_post_async);
  g_task_set_task_data (task, pull_state_new (site, 1), (GDestroyNotify) pull_state_free);
  if (!is_post_id (post_id))
    {
      g_task_return_new_error (task, CD_WP_ERROR, CD_WP_ERROR_INVALID_REQUEST,
                               _("“%s” is not a WordPress post id."), post_id ? post_id : "");
      g_object_unref (task);
      return;
    }
  route = g_strdup_printf ("/wp/v2/posts/%s", post_id);
  _cd_wp_client_call_async (self, "GET", route, "context=edit", NULL, CD_WP_CALL_IDEMPOTENT,
                            cancellable, on_post_cb, task);
}

/* Returns: (transfer full): the post as a new article */
CdArticle *
cd_wp_client_pull_post_finish (CdWpClient    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_autoptr(GPtrArray) articles = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  articles = g_task_propagate_pointer (G_TASK (result), error);
  if (articles == NULL)
    return NULL;
  g_assert (articles->len == 1);
  return g_object_ref (g_ptr_array_index (articles, 0));
}

/* Whether content, a post's raw content, is what publishing the Markdown
 * body made of it: the body rendered, perhaps followed by the figures of
 * the further photos.  Then the site did not change the text, and a pull
 * has no reason to replace the body with HTML. */
gboolean
cd_wp_content_is_body (const char *content,
                       const char *body)
{
  g_autofree char *html = cd_markdown_to_html (body ? body : "");
  const char *rest;

  g_strchomp (html);
  if (content == NULL)
    return *html == '\0';
  if (strncmp (content, html, strlen (html)) != 0)
    return FALSE;
  rest = content + strlen (html);
  while (g_ascii_isspace (*rest))
    rest++;
  return *rest == '\0' || g_str_has_prefix (rest, "<figure class=\"wp-block-image\"");
}

/**
 * cd_wp_content_to_markdown:
 * @content: a post's raw content, written or edited on the site
 * @n_own_figures: how many figures at the end of @content are the
 *   further photos Copydesk appended when it published the post (0 for a
 *   post Copydesk did not publish); they are left out, since they come
 *   back from the article's photos on the next publish
 *
 * The body Copydesk keeps for a post whose text the site changed.  Content
 * without the block editor's "<!-- wp:" comments is classic content, which
 * WordPress shows through wpautop (blank lines make paragraphs, newlines
 * line breaks); it is read that way, as has_blocks() decides on the site.
 *
 * Returns: (transfer full): the content as Markdown, or NULL with @error
 *   (CD_HTML_MARKDOWN_ERROR) when it cannot be read
 */
char *
cd_wp_content_to_markdown (const char  *content,
                           guint        n_own_figures,
                           GError     **error)
{
  CdHtmlMarkdownFlags flags = CD_HTML_MARKDOWN_NONE;

  if (content == NULL)
    return g_strdup ("");
  if (strstr (content, "<!-- wp:") == NULL)
    flags |= CD_HTML_MARKDOWN_AUTOP;
  return cd_html_to_markdown_full (content, flags, n_own_figures, error);
}

/* Returns a GPtrArray of new CdArticle, oldest post first. */
GPtrArray *
cd_wp_client_pull_finish (CdWpClient    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
