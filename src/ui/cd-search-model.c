/* cd-search-model.c: the articles of a list model that match a search
 *
 * A filter list model made for one job: typing in the search entry must
 * filter the headlines of 100,000 articles within one frame (16 ms).
 * GtkFilterListModel spends a few hundred nanoseconds per item around the
 * filter function (getting and reffing the item, calling the filter, a
 * bitset update) and then tells its views that everything between the
 * first and the last changed row changed, which is over a hundred
 * milliseconds at that size. Here the match is a strstr() over a plain
 * array:
 *
 *  - each article's headline and standfirst are folded once (NFKD,
 *    case-folded) into a search key kept beside the item, made again only
 *    when the source announces the item changed (CdStore emits
 *    items-changed for an article saved in place too);
 *    cd_search_model_prepare() makes them ahead, in idle time;
 *  - a query that grew is matched against the rows shown only, and the
 *    results of the last few queries are kept, so deleting what was just
 *    typed matches nothing at all;
 *  - the views are told about the rows between the first and the last
 *    that really differ, and nothing when the result did not change.
 *
 * Changes of the source (an article saved, imported or trashed) are
 * applied to the range they touch, so the view keeps its place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#if defined (__SSE2__)
#include <emmintrin.h>
#endif

#include "cd-search-model.h"
#include "cd-ui-utils.h"

/* The vector match reads up to this many bytes past a key's end. */
#define KEY_PADDING 16

typedef struct
{
  guint length;
  char text[];               /* folded headline, '\n', folded standfirst */
} SearchKey;

#define MAX_RECENT 8

/* The rows a query showed, for going back to it. */
typedef struct
{
  char *query_fold;
  GArray *shown;
} Recent;

static void
recent_free (gpointer data)
{
  Recent *recent = data;

  g_free (recent->query_fold);
  g_array_unref (recent->shown);
  g_free (recent);
}

struct _CdSearchModel
{
  GObject parent_instance;

  GListModel *source;
  GPtrArray *items;          /* the source's items, in its order */
  GPtrArray *keys;           /* search keys, parallel to items; NULL until made */
  GArray *shown;             /* guint positions in items that match, ascending */
  char *query;               /* as set, "" for none */
  char *query_fold;
  gsize query_len;
  int status;                /* a CdArticleStatus, or -1 for any */
  char *section;             /* NULL for any */
  GHashTable *extra;         /* ids matching some other way (bodies), or NULL */
  guint prepared;            /* keys are made below this position */
  GPtrArray *recent;         /* Recent, newest last; with today's filters */
};

static void cd_search_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CdSearchModel, cd_search_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cd_search_model_list_model_init))

/* Auxiliary methods */

#define LOWER(c) ((c) >= 'A' && (c) <= 'Z' ? (c) + ('a' - 'A') : (c))

static gboolean
is_ascii (const char *text,
          gsize      *length)
{
  const char *p;

  for (p = text; *p; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  *length = p - text;
  return TRUE;
}

static SearchKey *
new_key (gsize length)
{
  SearchKey *key = g_malloc (sizeof (SearchKey) + length + 1 + KEY_PADDING);

  key->length = length;
  memset (key->text + length, '\0', 1 + KEY_PADDING);
  return key;
}

/* The headline and the standfirst folded, joined by a newline, which
 * keeps a query from matching across the two: the entry holds one line.
 * Most headlines are ASCII, lowered straight into the key: a store of
 * 100,000 gets its keys in a few tens of milliseconds. */
static SearchKey *
make_key (CdArticleSummary *summary)
{
  const char *headline = cd_article_summary_get_headline (summary);
  const char *standfirst = cd_article_summary_get_standfirst (summary);
  gsize headline_len, standfirst_len;
  SearchKey *key;

  if (!is_ascii (headline, &headline_len) || !is_ascii (standfirst, &standfirst_len))
    {
      g_autofree char *folded_headline = cd_ui_fold_text (headline);
      g_autofree char *folded_standfirst = cd_ui_fold_text (standfirst);

      headline = folded_headline;
      standfirst = folded_standfirst;
      headline_len = strlen (headline);
      standfirst_len = strlen (standfirst);
      key = new_key (headline_len + 1 + standfirst_len);
      memcpy (key->text, headline, headline_len);
      key->text[headline_len] = '\n';
      memcpy (key->text + headline_len + 1, standfirst, standfirst_len);
      return key;
    }
  key = new_key (headline_len + 1 + standfirst_len);
  for (gsize i = 0; i < headline_len; i++)
    key->text[i] = LOWER (headline[i]);
  key->text[headline_len] = '\n';
  for (gsize i = 0; i < standfirst_len; i++)
    key->text[headline_len + 1 + i] = LOWER (standfirst[i]);
  return key;
}

/* Only the key is read, not the summary: going through 100,000 summaries
 * scattered in memory costs a cache miss each, more than the match. A
 * key is trusted until the source announces its item changed. */
static SearchKey *
get_key (CdSearchModel *self,
         guint          position)
{
  SearchKey *key = g_ptr_array_index (self->keys, position);

  if (key == NULL)
    {
      key = make_key (g_ptr_array_index (self->items, position));
      self->keys->pdata[position] = key;
    }
  return key;
}

/* strstr() for a needle known in advance, with the lengths known.
 *
 * A needle of one byte is memchr(). A longer one is looked for sixteen
 * places at a time: a place is a candidate only when both the needle's
 * first and its last byte are there, and only candidates are compared in
 * full. Testing the first byte alone is far too weak for the queries
 * editors type: "s" starts one English word in ten, and every Arabic
 * letter begins with one of two bytes, so most places would be compared;
 * a first and a last byte together rarely match by chance. */
#if defined (__SSE2__)
static gboolean
key_contains_long (const SearchKey *key,
                   const char      *needle,
                   gsize            needle_len)
{
  const __m128i first = _mm_set1_epi8 (needle[0]);
  const __m128i final = _mm_set1_epi8 (needle[needle_len - 1]);
  const char *text = key->text;
  gsize n_places = key->length - needle_len + 1;

  /* The loads reach at most needle_len + 14 bytes past the last place,
   * that is 15 past the key's end: inside its padding. */
  for (gsize i = 0; i < n_places; i += 16)
    {
      __m128i at_first = _mm_loadu_si128 ((const __m128i *) (text + i));
      __m128i at_final = _mm_loadu_si128 ((const __m128i *) (text + i + needle_len - 1));
      guint mask = (guint) _mm_movemask_epi8 (_mm_and_si128 (_mm_cmpeq_epi8 (at_first, first),
                                                             _mm_cmpeq_epi8 (at_final, final)));

      if (n_places - i < 16)
        mask &= (1u << (n_places - i)) - 1;
      for (; mask != 0; mask &= mask - 1)
        {
          guint place = i + (guint) __builtin_ctz (mask);

          if (memcmp (text + place + 1, needle + 1, needle_len - 2) == 0)
            return TRUE;
        }
    }
  return FALSE;
}
#else
static gboolean
key_contains_long (const SearchKey *key,
                   const char      *needle,
                   gsize            needle_len)
{
  const char *p = key->text;
  const char *last = key->text + key->length - needle_len;

  while (p <= last && (p = memchr (p, needle[0], last - p + 1)))
    {
      if (memcmp (p + 1, needle + 1, needle_len - 1) == 0)
        return TRUE;
      p++;
    }
  return FALSE;
}
#endif

static gboolean
key_contains (const SearchKey *key,
              const char      *needle,
              gsize            needle_len)
{
  if (needle_len > key->length)
    return FALSE;
  if (needle_len == 1)
    return memchr (key->text, needle[0], key->length) != NULL;
  return key_contains_long (key, needle, needle_len);
}

static gboolean
matches (CdSearchModel *self,
         guint          position)
{
  CdArticleSummary *summary = g_ptr_array_index (self->items, position);

  if (self->status >= 0 && cd_article_summary_get_status (summary) != (CdArticleStatus) self->status)
    return FALSE;
  if (self->section && g_strcmp0 (cd_article_summary_get_section (summary), self->section) != 0)
    return FALSE;
  if (self->query_len == 0)
    return TRUE;
  if (key_contains (get_key (self, position), self->query_fold, self->query_len))
    return TRUE;
  return self->extra && g_hash_table_contains (self->extra, cd_article_summary_get_id (summary));
}

/* Replaces @removed elements at @position by @added new ones (NULL when
 * @values is NULL), moving the tail once instead of once per element. */
static void
splice_array (GPtrArray *array,
              guint      position,
              guint      removed,
              gpointer  *values,
              guint      added)
{
  guint tail;

  if (removed > 0)
    g_ptr_array_remove_range (array, position, removed);
  if (added == 0)
    return;
  tail = array->len - position;
  g_ptr_array_set_size (array, array->len + added);
  memmove (array->pdata + position + added, array->pdata + position, tail * sizeof (gpointer));
  for (guint i = 0; i < added; i++)
    array->pdata[position + i] = values ? values[i] : NULL;
}

/* First index of shown whose value is at least @position. */
static guint
lower_bound (GArray *shown,
             guint   position)
{
  guint lo = 0, hi = shown->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (shown, guint, mid) < position)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Tells the views about the rows between the first and the last that
 * differ between @old and the new shown, or nothing when none does.
 *
 * A change that both removes and adds rows is told in two steps, the
 * removal and then the addition: when a row the view tracks (the focus,
 * the top row, a selected row) is among the removed, GTK 4.8's list item
 * manager looks for it among the added ones, fetching every one of them,
 * which for 100,000 rows costs more than the whole search. A selection
 * inside the range is lost this way; the list puts it back. */
static void
emit_difference (CdSearchModel *self,
                 GArray        *old)
{
  g_autoptr(GArray) fresh = NULL;
  guint prefix = 0, suffix = 0, removed, added;

  while (prefix < old->len && prefix < self->shown->len &&
         g_array_index (old, guint, prefix) == g_array_index (self->shown, guint, prefix))
    prefix++;
  while (suffix < old->len - prefix && suffix < self->shown->len - prefix &&
         g_array_index (old, guint, old->len - 1 - suffix) ==
         g_array_index (self->shown, guint, self->shown->len - 1 - suffix))
    suffix++;
  removed = old->len - prefix - suffix;
  added = self->shown->len - prefix - suffix;
  if (removed == 0 && added == 0)
    return;
  if (removed == 0 || added == 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
      return;
    }

  /* In between, the model holds what both have in common. */
  fresh = g_steal_pointer (&self->shown);
  self->shown = g_array_copy (fresh);
  g_array_remove_range (self->shown, prefix, added);
  g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, 0);
  g_array_unref (self->shown);
  self->shown = g_steal_pointer (&fresh);
  g_list_model_items_changed (G_LIST_MODEL (self), prefix, 0, added);
}

/* Remembers what the current query shows; only for what the query alone
 * decides (no body matches). */
static void
remember (CdSearchModel *self)
{
  Recent *recent;

  if (self->extra != NULL)
    return;
  for (guint i = 0; i < self->recent->len; i++)
    if (g_str_equal (((Recent *) g_ptr_array_index (self->recent, i))->query_fold,
                     self->query_fold))
      {
        g_ptr_array_remove_index (self->recent, i);
        break;
      }
  if (self->recent->len >= MAX_RECENT)
    g_ptr_array_remove_index (self->recent, 0);
  recent = g_new0 (Recent, 1);
  recent->query_fold = g_strdup (self->query_fold);
  recent->shown = g_array_copy (self->shown);
  g_ptr_array_add (self->recent, recent);
}

/* Shows again what the current query showed a moment ago, if anything has
 * been remembered for it. */
static gboolean
show_recent (CdSearchModel *self)
{
  for (guint i = 0; i < self->recent->len; i++)
    {
      Recent *recent = g_ptr_array_index (self->recent, i);
      g_autoptr(GArray) old = NULL;

      if (!g_str_equal (recent->query_fold, self->query_fold))
        continue;
      old = self->shown;
      self->shown = g_array_copy (recent->shown);
      emit_difference (self, old);
      return TRUE;
    }
  return FALSE;
}

static void
forget_recent (CdSearchModel *self)
{
  g_ptr_array_set_size (self->recent, 0);
}

/* Matches again the rows shown (@only_shown, for a stricter search) or
 * every row. */
static void
refilter (CdSearchModel *self,
          gboolean       only_shown)
{
  g_autoptr(GArray) old = self->shown;
  guint n = only_shown ? old->len : self->items->len;

  self->shown = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  for (guint i = 0; i < n; i++)
    {
      guint position = only_shown ? g_array_index (old, guint, i) : i;

      if (matches (self, position))
        g_array_append_val (self->shown, position);
    }
  remember (self);
  emit_difference (self, old);
}

/* Callbacks */

static void
on_source_items_changed_cb (CdSearchModel *self,
                            guint          position,
                            guint          removed,
                            guint          added,
                            GListModel    *source)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_full (added, NULL);
  g_autoptr(GArray) inserted = g_array_new (FALSE, FALSE, sizeof (guint));
  guint first, end;
  int shift = (int) added - (int) removed;

  for (guint i = 0; i < added; i++)
    g_ptr_array_add (fresh, g_list_model_get_item (source, position + i));
  splice_array (self->items, position, removed, fresh->pdata, added);
  splice_array (self->keys, position, removed, NULL, added);
  self->prepared = MIN (self->prepared, position);
  forget_recent (self);

  first = lower_bound (self->shown, position);
  end = lower_bound (self->shown, position + removed);
  g_array_remove_range (self->shown, first, end - first);
  for (guint i = first; i < self->shown->len; i++)
    g_array_index (self->shown, guint, i) += shift;
  for (guint i = 0; i < added; i++)
    if (matches (self, position + i))
      {
        guint value = position + i;

        g_array_append_val (inserted, value);
      }
  if (inserted->len > 0)
    g_array_insert_vals (self->shown, first, inserted->data, inserted->len);

  if (end > first || inserted->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), first, end - first, inserted->len);
}

/* GListModel interface */

static GType
cd_search_model_get_item_type (GListModel *model)
{
  return CD_TYPE_ARTICLE_SUMMARY;
}

static guint
cd_search_model_get_n_items (GListModel *model)
{
  return CD_SEARCH_MODEL (model)->shown->len;
}

static gpointer
cd_search_model_get_item (GListModel *model,
                          guint       position)
{
  CdSearchModel *self = CD_SEARCH_MODEL (model);

  if (position >= self->shown->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, g_array_index (self->shown, guint, position)));
}

static void
cd_search_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cd_search_model_get_item_type;
  iface->get_n_items = cd_search_model_get_n_items;
  iface->get_item = cd_search_model_get_item;
}

/* GObject overrides */

static void
cd_search_model_dispose (GObject *object)
{
  CdSearchModel *self = CD_SEARCH_MODEL (object);

  if (self->source)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (cd_search_model_parent_class)->dispose (object);
}

static void
cd_search_model_finalize (GObject *object)
{
  CdSearchModel *self = CD_SEARCH_MODEL (object);

  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->keys);
  g_array_unref (self->shown);
  g_ptr_array_unref (self->recent);
  g_free (self->query);
  g_free (self->query_fold);
  g_free (self->section);
  g_clear_pointer (&self->extra, g_hash_table_unref);

  G_OBJECT_CLASS (cd_search_model_parent_class)->finalize (object);
}

static void
cd_search_model_class_init (CdSearchModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_search_model_dispose;
  object_class->finalize = cd_search_model_finalize;
}

static void
cd_search_model_init (CdSearchModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->keys = g_ptr_array_new_with_free_func (g_free);
  self->shown = g_array_new (FALSE, FALSE, sizeof (guint));
  self->recent = g_ptr_array_new_with_free_func (recent_free);
  self->query = g_strdup ("");
  self->query_fold = g_strdup ("");
  self->status = -1;
}

/* Public API */

/* @source: a list model of CdArticleSummary, in the order to show (a
 * GtkSortListModel says its items are GObjects: they must be summaries) */
CdSearchModel *
cd_search_model_new (GListModel *source)
{
  CdSearchModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (source), NULL);

  self = g_object_new (CD_TYPE_SEARCH_MODEL, NULL);
  self->source = g_object_ref (source);
  g_signal_connect_object (source, "items-changed", G_CALLBACK (on_source_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  on_source_items_changed_cb (self, 0, 0, g_list_model_get_n_items (source), source);
  return self;
}

GListModel *
cd_search_model_get_source (CdSearchModel *self)
{
  g_return_val_if_fail (CD_IS_SEARCH_MODEL (self), NULL);
  return self->source;
}

/* Rows whose headline or standfirst contains @query, compared folded
 * (cd_ui_fold_text()); NULL or "" for every row. Matches added with
 * cd_search_model_add_matches() go with the old query. */
void
cd_search_model_set_query (CdSearchModel *self,
                           const char    *query)
{
  g_autofree char *old_fold = NULL;
  gboolean had_extra;

  g_return_if_fail (CD_IS_SEARCH_MODEL (self));

  if (g_strcmp0 (self->query, query ? query : "") == 0)
    return;
  g_free (self->query);
  self->query = g_strdup (query ? query : "");
  old_fold = g_steal_pointer (&self->query_fold);
  self->query_fold = cd_ui_fold_text (self->query);
  self->query_len = strlen (self->query_fold);
  had_extra = self->extra != NULL;
  g_clear_pointer (&self->extra, g_hash_table_unref);
  if (g_strcmp0 (old_fold, self->query_fold) == 0 && !had_extra)
    return;
  if (show_recent (self))
    return;
  refilter (self, cd_ui_search_change (old_fold, self->query_fold, had_extra) ==
                  GTK_FILTER_CHANGE_MORE_STRICT);
}

const char *
cd_search_model_get_query (CdSearchModel *self)
{
  g_return_val_if_fail (CD_IS_SEARCH_MODEL (self), NULL);
  return self->query;
}

/* @status: a CdArticleStatus, or -1 for any */
void
cd_search_model_set_status (CdSearchModel *self,
                            int            status)
{
  g_return_if_fail (CD_IS_SEARCH_MODEL (self));

  status = status < 0 ? -1 : status;
  if (self->status == status)
    return;
  self->status = status;
  forget_recent (self);
  refilter (self, FALSE);
}

/* @section: NULL for any */
void
cd_search_model_set_section (CdSearchModel *self,
                             const char    *section)
{
  g_return_if_fail (CD_IS_SEARCH_MODEL (self));

  if (g_strcmp0 (self->section, section) == 0)
    return;
  g_free (self->section);
  self->section = g_strdup (section);
  forget_recent (self);
  refilter (self, FALSE);
}

/* Articles found to match the current query another way, by their body:
 * @ids is a set of article ids, kept until the query changes. */
void
cd_search_model_add_matches (CdSearchModel *self,
                             GHashTable    *ids)
{
  GHashTableIter iter;
  gpointer id;

  g_return_if_fail (CD_IS_SEARCH_MODEL (self));
  g_return_if_fail (ids != NULL);

  if (g_hash_table_size (ids) == 0)
    return;
  if (self->extra == NULL)
    self->extra = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_hash_table_add (self->extra, g_strdup (id));
  refilter (self, FALSE);
}

/* Whether @summary is listed only because its body matches the query:
 * it is among the matches added with cd_search_model_add_matches() and
 * its headline and standfirst do not contain the query. FALSE when no
 * query is set. Its key is made afresh, without looking up its position:
 * this is asked only of the few rows on screen. */
gboolean
cd_search_model_is_body_match (CdSearchModel    *self,
                               CdArticleSummary *summary)
{
  SearchKey *key;
  gboolean in_key;

  g_return_val_if_fail (CD_IS_SEARCH_MODEL (self), FALSE);
  g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (summary), FALSE);

  if (self->extra == NULL || self->query_len == 0 ||
      !g_hash_table_contains (self->extra, cd_article_summary_get_id (summary)))
    return FALSE;
  key = make_key (summary);
  in_key = key_contains (key, self->query_fold, self->query_len);
  g_free (key);
  return !in_key;
}

/* The position of @summary among the rows shown, or
 * GTK_INVALID_LIST_POSITION (G_MAXUINT): without fetching any row. */
guint
cd_search_model_find (CdSearchModel    *self,
                      CdArticleSummary *summary)
{
  guint index, position;

  g_return_val_if_fail (CD_IS_SEARCH_MODEL (self), G_MAXUINT);

  if (summary == NULL || !g_ptr_array_find (self->items, summary, &index))
    return G_MAXUINT;
  position = lower_bound (self->shown, index);
  if (position < self->shown->len && g_array_index (self->shown, guint, position) == index)
    return position;
  return G_MAXUINT;
}

/* Makes search keys ahead until @deadline (monotonic time); TRUE when
 * every row has one. Call from an idle source once a search is likely. */
gboolean
cd_search_model_prepare (CdSearchModel *self,
                         gint64         deadline)
{
  g_return_val_if_fail (CD_IS_SEARCH_MODEL (self), TRUE);

  while (self->prepared < self->items->len)
    {
      guint end = MIN (self->prepared + 64, self->items->len);

      for (; self->prepared < end; self->prepared++)
        get_key (self, self->prepared);
      if (g_get_monotonic_time () >= deadline)
        break;
    }
  return self->prepared >= self->items->len;
}
