/* test-article-merge.c: the three-way merge of two versions of an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-article-merge.h"
#include "cd-store.h"
#include "cli-runner.h"

/* A base with something in every part: fields, dates, photos, a
 * publishing record and kept ninjs properties. */
static CdArticle *
make_base (void)
{
  CdArticle *article = cd_article_new ();
  const char *tags[] = { "transport", "islands", NULL };
  g_autoptr(GDateTime) created = g_date_time_new_utc (2024, 3, 1, 9, 30, 0);
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(CdSiteBinding) binding = cd_site_binding_new ("daily");

  cd_article_set_headline (article, "Island Ferry Timetable Cut");
  cd_article_set_standfirst (article, "Fewer crossings until May");
  cd_article_set_byline (article, "A. Reporter");
  cd_article_set_dateline (article, "Harbour Town");
  cd_article_set_section (article, "Local");
  cd_article_set_tags (article, tags);
  cd_article_set_language (article, "en");
  cd_article_set_body (article, "The ferry runs twice a day.");
  cd_article_set_note (article, "Check the times");
  cd_article_set_source (article, "page copy");
  cd_article_set_source_url (article, "https://example.org/ferry");
  cd_article_set_created (article, created);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CdPhoto) photo = cd_photo_new ();
      g_autofree char *caption = g_strdup_printf ("Photo %u", i + 1);

      cd_photo_set_caption (photo, caption);
      cd_photo_set_credit (photo, "AFP");
      cd_article_add_photo (article, photo);
    }
  cd_site_binding_set_post_id (binding, "7");
  cd_article_set_binding (article, binding);
  json_object_set_string_member (extra, "embargoed", "2030-01-01T00:00:00Z");
  json_object_set_string_member (extra, "urgency", "3");
  cd_article_set_ninjs_extra (article, extra);
  return article;
}

static gboolean
is_merged_property (GParamSpec *pspec)
{
  return (pspec->flags & G_PARAM_WRITABLE) && !(pspec->flags & G_PARAM_CONSTRUCT_ONLY) &&
         !g_str_equal (pspec->name, "revision") && !g_str_equal (pspec->name, "modified");
}

/* Gives @pspec of @object another value, whatever its type. */
static void
change_property (GObject    *object,
                 GParamSpec *pspec,
                 const char *tag)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (type == G_TYPE_STRING)
    {
      g_autofree char *old = NULL;
      g_autofree char *value = NULL;

      g_object_get (object, pspec->name, &old, NULL);
      value = g_strconcat (old ? old : "", " ", tag, NULL);
      g_object_set (object, pspec->name, value, NULL);
    }
  else if (type == G_TYPE_STRV)
    {
      const char *value[] = { tag, NULL };

      g_object_set (object, pspec->name, value, NULL);
    }
  else if (type == G_TYPE_DATE_TIME)
    {
      g_autoptr(GDateTime) old = NULL;
      g_autoptr(GDateTime) value = NULL;

      g_object_get (object, pspec->name, &old, NULL);
      value = g_date_time_add_days (old, g_str_equal (tag, "theirs") ? 1 : 2);
      g_object_set (object, pspec->name, value, NULL);
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      GParamSpecEnum *spec = G_PARAM_SPEC_ENUM (pspec);
      int value;

      g_object_get (object, pspec->name, &value, NULL);
      value = (value + (g_str_equal (tag, "theirs") ? 1 : 2)) % (int) spec->enum_class->n_values;
      g_object_set (object, pspec->name, value, NULL);
    }
  else if (type == G_TYPE_UINT)
    {
      guint value;

      g_object_get (object, pspec->name, &value, NULL);
      g_object_set (object, pspec->name, value + (g_str_equal (tag, "theirs") ? 1 : 2), NULL);
    }
  else
    g_error ("the test does not know how to change “%s” of type %s", pspec->name,
             g_type_name (type));
}

static gboolean
has_name (GPtrArray  *names,
          const char *name)
{
  return g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL);
}

/* Three copies of one version: nothing to take, nothing clashes. */
static void
test_merge_identical (void)
{
  g_autoptr(CdArticle) base = make_base ();
  g_autoptr(CdArticle) mine = cd_article_copy (base);
  g_autoptr(CdArticle) theirs = cd_article_copy (base);
  g_autoptr(GPtrArray) clashes = cd_article_merge_find_clashes (base, mine, theirs);
  g_autoptr(GPtrArray) taken = NULL;

  taken = cd_article_merge_take_theirs (base, mine, theirs, CD_ARTICLE_MERGE_CLASHES_TAKE_THEIRS);
  g_assert_cmpuint (clashes->len, ==, 0);
  g_assert_cmpuint (taken->len, ==, 0);
  g_assert_true (cd_article_equal (mine, base));
}

/* For every field of the article: another program's change comes in
 * beside the editor's change of another field, and a change both made
 * differently is a clash that keeps the editor's value. */
static void
test_merge_every_field (void)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (CD_TYPE_ARTICLE);
  g_autofree GParamSpec **pspecs = NULL;
  guint n, n_merged = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n);
  for (guint i = 0; i < n; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_autoptr(CdArticle) base = make_base ();
      g_autoptr(CdArticle) mine = cd_article_copy (base);
      g_autoptr(CdArticle) theirs = cd_article_copy (base);
      g_autoptr(CdArticle) expected = NULL;
      g_autoptr(GPtrArray) clashes = NULL;
      g_autoptr(GPtrArray) taken = NULL;
      gboolean local_is_body = g_str_equal (pspec->name, "body");

      if (!is_merged_property (pspec))
        continue;
      n_merged++;
      g_test_message ("field %s", pspec->name);

      /* The editor types in the body (or, for the body, the note). */
      if (local_is_body)
        cd_article_set_note (mine, "Typed here.");
      else
        cd_article_set_body (mine, "Typed here.");
      change_property (G_OBJECT (theirs), pspec, "theirs");
      expected = cd_article_copy (theirs);
      if (local_is_body)
        cd_article_set_note (expected, "Typed here.");
      else
        cd_article_set_body (expected, "Typed here.");

      clashes = cd_article_merge_find_clashes (base, mine, theirs);
      g_assert_cmpuint (clashes->len, ==, 0);
      taken = cd_article_merge_take_theirs (base, mine, theirs,
                                            CD_ARTICLE_MERGE_CLASHES_KEEP_MINE);
      g_assert_cmpuint (taken->len, ==, 1);
      g_assert_true (cd_article_equal (mine, expected));

      /* Both change it, differently: the editor's value stays. */
      g_clear_object (&mine);
      g_clear_pointer (&clashes, g_ptr_array_unref);
      g_clear_pointer (&taken, g_ptr_array_unref);
      mine = cd_article_copy (base);
      change_property (G_OBJECT (mine), pspec, "mine");
      g_clear_object (&expected);
      expected = cd_article_copy (mine);
      clashes = cd_article_merge_find_clashes (base, mine, theirs);
      g_assert_cmpuint (clashes->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (clashes, 0), !=, "");
      taken = cd_article_merge_take_theirs (base, mine, theirs,
                                            CD_ARTICLE_MERGE_CLASHES_KEEP_MINE);
      g_assert_cmpuint (taken->len, ==, 0);
      g_assert_true (cd_article_equal (mine, expected));

      /* Resolved for theirs: their value, and the editor's other edit
       * stays all the same. */
      g_clear_pointer (&taken, g_ptr_array_unref);
      g_clear_object (&expected);
      if (local_is_body)
        cd_article_set_note (mine, "Typed here.");
      else
        cd_article_set_body (mine, "Typed here.");
      expected = cd_article_copy (theirs);
      if (local_is_body)
        cd_article_set_note (expected, "Typed here.");
      else
        cd_article_set_body (expected, "Typed here.");
      taken = cd_article_merge_take_theirs (base, mine, theirs,
                                            CD_ARTICLE_MERGE_CLASHES_TAKE_THEIRS);
      g_assert_cmpuint (taken->len, ==, 1);
      g_assert_true (cd_article_equal (mine, expected));
    }
  /* headline … duplicate-of and created, at least */
  g_assert_cmpuint (n_merged, >=, 14);
}

static void
test_merge_dates_are_named (void)
{
  g_autoptr(CdArticle) base = make_base ();
  g_autoptr(CdArticle) mine = cd_article_copy (base);
  g_autoptr(CdArticle) theirs = cd_article_copy (base);
  g_autoptr(GDateTime) ours = g_date_time_new_utc (2023, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) other = g_date_time_new_utc (2022, 1, 1, 0, 0, 0);
  g_autoptr(GPtrArray) clashes = NULL;

  cd_article_set_created (mine, ours);
  cd_article_set_created (theirs, other);
  clashes = cd_article_merge_find_clashes (base, mine, theirs);
  g_assert_cmpuint (clashes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (clashes, 0), ==, "creation date");
}

/* What the store writes on each save is no one's edit. */
static void
test_merge_skips_bookkeeping (void)
{
  g_autoptr(CdArticle) base = make_base ();
  g_autoptr(CdArticle) mine = cd_article_copy (base);
  g_autoptr(CdArticle) theirs = cd_article_copy (base);
  g_autoptr(GDateTime) later = g_date_time_add_hours (cd_article_get_modified (base), 1);
  g_autoptr(GPtrArray) taken = NULL;

  cd_article_set_revision (theirs, 5);
  cd_article_set_modified (theirs, later);
  taken = cd_article_merge_take_theirs (base, mine, theirs,
                                        CD_ARTICLE_MERGE_CLASHES_KEEP_MINE);
  g_assert_cmpuint (taken->len, ==, 0);
  g_assert_cmpuint (cd_article_get_revision (mine), ==, 0);
}

static void
set_extra (CdArticle  *article,
           const char *key,
           const char *value)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  JsonObject *old = cd_article_get_ninjs_extra (article);
  g_autoptr(GList) members = old ? json_object_get_members (old) : NULL;

  for (GList *l = members; l; l = l->next)
    json_object_set_member (extra, l->data, json_node_copy (json_object_get_member (old, l->data)));
  if (value)
    json_object_set_string_member (extra, key, value);
  else
    json_object_remove_member (extra, key);
  cd_article_set_ninjs_extra (article, extra);
}

static const char *
get_extra (CdArticle  *article,
           const char *key)
{
  JsonObject *extra = cd_article_get_ninjs_extra (article);

  if (extra == NULL || !json_object_has_member (extra, key))
    return NULL;
  return json_object_get_string_member (extra, key);
}

/* Each kept ninjs property merges on its own. */
static void
test_merge_ninjs_extra (void)
{
  g_autoptr(CdArticle) base = make_base ();
  g_autoptr(CdArticle) mine = cd_article_copy (base);
  g_autoptr(CdArticle) theirs = cd_article_copy (base);
  g_autoptr(GPtrArray) clashes = NULL;
  g_autoptr(GPtrArray) taken = NULL;
  g_autoptr(GList) members = NULL;

  set_extra (theirs, "embargoed", "2031-06-01T00:00:00Z");
  set_extra (theirs, "urgency", NULL);
  set_extra (mine, "slugline", "ferry-cuts");
  clashes = cd_article_merge_find_clashes (base, mine, theirs);
  g_assert_cmpuint (clashes->len, ==, 0);
  taken = cd_article_merge_take_theirs (base, mine, theirs,
                                        CD_ARTICLE_MERGE_CLASHES_KEEP_MINE);
  g_assert_cmpuint (taken->len, ==, 2);
  g_assert_true (has_name (taken, "ninjs property “embargoed”"));
  g_assert_cmpstr (get_extra (mine, "embargoed"), ==, "2031-06-01T00:00:00Z");
  g_assert_null (get_extra (mine, "urgency"));
  g_assert_cmpstr (get_extra (mine, "slugline"), ==, "ferry-cuts");
  /* The members keep their order. */
  members = json_object_get_members (cd_article_get_ninjs_extra (mine));
  g_assert_cmpstr (members->data, ==, "embargoed");
  g_assert_cmpstr (members->next->data, ==, "slugline");

  /* Both moved the embargo, to different times. */
  g_clear_object (&mine);
  g_clear_pointer (&clashes, g_ptr_array_unref);
  mine = cd_article_copy (base);
  set_extra (mine, "embargoed", "2030-02-01T00:00:00Z");
  clashes = cd_article_merge_find_clashes (base, mine, theirs);
  g_assert_cmpuint (clashes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (clashes, 0), ==, "ninjs property “embargoed”");
}

/* Each field of a photo merges on its own, whatever else happens to the
 * list of photos. */
static void
test_merge_photos (void)
{
  g_autoptr(CdArticle) base = make_base ();
  g_autoptr(CdArticle) mine = cd_article_copy (base);
  g_autoptr(CdArticle) theirs = cd_article_copy (base);
  g_autoptr(CdPhoto) added = cd_photo_new ();
  g_autoptr(GPtrArray) clashes = NULL;
  g_autoptr(GPtrArray) taken = NULL;

  cd_photo_set_caption (cd_article_get_photo (mine, 0), "Mine");
  cd_photo_set_credit (cd_article_get_photo (theirs, 0), "Reuters");
  cd_photo_set_caption (cd_article_get_photo (theirs, 1), "Theirs");
  clashes = cd_article_merge_find_clashes (base, mine, theirs);
  g_assert_cmpuint (clashes->len, ==, 0);
  taken = cd_article_merge_take_theirs (base, mine, theirs,
                                        CD_ARTICLE_MERGE_CLASHES_KEEP_MINE);
  g_assert_true (has_name (taken, "credit of photo 1"));
  g_assert_true (has_name (taken, "caption of photo 2"));
  g_assert_cmpstr (cd_photo_get_caption (cd_article_get_photo (mine, 0)), ==, "Mine");
  g_assert_cmpstr (cd_photo_get_credit (cd_article_get_photo (mine, 0)), ==, "Reuters");
  g_assert_cmpstr (cd_photo_get_caption (cd_article_get_photo (mine, 1)), ==, "Theirs");

  /* Both captioned the first photo, differently. */
  g_clear_pointer (&clashes, g_ptr_array_unref);
  cd_photo_set_caption (cd_article_get_photo (theirs, 0), "Theirs too");
  clashes = cd_article_merge_find_clashes (base, mine, theirs);
  g_assert_cmpuint (clashes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (clashes, 0), ==, "caption of photo 1");

  /* They added a photo: with no photo changed here, it comes in. */
  g_clear_object (&mine);
  g_clear_object (&theirs);
  g_clear_pointer (&clashes, g_ptr_array_unref);
  g_clear_pointer (&taken, g_ptr_array_unref);
  mine = cd_article_copy (base);
  theirs = cd_article_copy (base);
  cd_article_add_photo (theirs, added);
  taken = cd_article_merge_take_theirs (base, mine, theirs,
                                        CD_ARTICLE_MERGE_CLASHES_KEEP_MINE);
  g_assert_cmpuint (cd_article_get_n_photos (mine), ==, 3);

  /* Added there while a caption changed here: both come in. */
  g_clear_object (&mine);
  g_clear_pointer (&taken, g_ptr_array_unref);
  mine = cd_article_copy (base);
  cd_photo_set_caption (cd_article_get_photo (mine, 0), "Mine");
  clashes = cd_article_merge_find_clashes (base, mine, theirs);
  g_assert_cmpuint (clashes->len, ==, 0);
  taken = cd_article_merge_take_theirs (base, mine, theirs,
                                        CD_ARTICLE_MERGE_CLASHES_KEEP_MINE);
  g_assert_cmpuint (cd_article_get_n_photos (mine), ==, 3);
  g_assert_cmpstr (cd_photo_get_caption (cd_article_get_photo (mine, 0)), ==, "Mine");
  g_assert_cmpstr (cd_photo_get_id (cd_article_get_photo (mine, 2)), ==, cd_photo_get_id (added));
}

/* Photos by identity */

/* The captions of @article's photos, in order: "Photo 1, Mine, Photo 2". */
static char *
captions (CdArticle *article)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  for (guint i = 0; i < cd_article_get_n_photos (article); i++)
    g_ptr_array_add (list, (gpointer) cd_photo_get_caption (cd_article_get_photo (article, i)));
  g_ptr_array_add (list, NULL);
  return g_strjoinv (", ", (char **) list->pdata);
}

static void
insert_photo (CdArticle  *article,
              guint       position,
              const char *caption)
{
  g_autoptr(CdPhoto) photo = cd_photo_new ();

  cd_photo_set_caption (photo, caption);
  cd_article_insert_photo (article, position, photo);
}

/* The photo of @article captioned @caption. */
static CdPhoto *
photo_captioned (CdArticle  *article,
                 const char *caption)
{
  for (guint i = 0; i < cd_article_get_n_photos (article); i++)
    if (g_strcmp0 (cd_photo_get_caption (cd_article_get_photo (article, i)), caption) == 0)
      return cd_article_get_photo (article, i);
  g_error ("no photo captioned “%s”", caption);
}

/* Runs the merge the window runs without a clash, and checks it found
 * none; returns the captions of the result. */
static char *
merge_cleanly (CdArticle  *base,
               CdArticle  *mine,
               CdArticle  *theirs,
               GPtrArray **taken)
{
  g_autoptr(GPtrArray) clashes = cd_article_merge_find_clashes (base, mine, theirs);

  g_assert_cmpuint (clashes->len, ==, 0);
  *taken = cd_article_merge_take_theirs (base, mine, theirs, CD_ARTICLE_MERGE_CLASHES_KEEP_MINE);
  return captions (mine);
}

/* Each side adds a photo: both are kept, each after the photo it
 * followed on its side. */
static void
test_merge_photos_both_add (void)
{
  g_autoptr(CdArticle) base = make_base ();
  g_autoptr(CdArticle) mine = cd_article_copy (base);
  g_autoptr(CdArticle) theirs = cd_article_copy (base);
  g_autoptr(GPtrArray) taken = NULL;
  g_autofree char *result = NULL;

  insert_photo (mine, 2, "Mine");
  insert_photo (theirs, 0, "Theirs");
  result = merge_cleanly (base, mine, theirs, &taken);
  g_assert_cmpstr (result, ==, "Theirs, Photo 1, Photo 2, Mine");
  g_assert_cmpuint (taken->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (taken, 0), ==, "new photo 1");
}

/* Both add a photo at the same place: both are kept there, the
 * editor's first, and the photo after them stays after them. */
static void
test_merge_photos_add_same_place (void)
{
  g_autoptr(CdArticle) base = make_base ();
  g_autoptr(CdArticle) mine = cd_article_copy (base);
  g_autoptr(CdArticle) theirs = cd_article_copy (base);
  g_autoptr(GPtrArray) taken = NULL;
  g_autofree char *result = NULL;

  insert_photo (mine, 1, "Mine");
  insert_photo (theirs, 1, "Theirs A");
  insert_photo (theirs, 2, "Theirs B");
  result = merge_cleanly (base, mine, theirs, &taken);
  g_assert_cmpstr (result, ==, "Photo 1, Mine, Theirs A, Theirs B, Photo 2");
  g_assert_cmpuint (taken->len, ==, 2);
  /* Numbered as the editor now sees them. */
  g_assert_true (has_name (taken, "new photo 3"));
  g_assert_true (has_name (taken, "new photo 4"));
}

/* One side adds, the other removes: both happen. */
static void
test_merge_photos_add_remove (void)
{
  g_autoptr(CdArticle) base = make_base ();
  g_autoptr(CdArticle) mine = cd_article_copy (base);
  g_autoptr(CdArticle) theirs = cd_article_copy (base);
  g_autoptr(GPtrArray) taken = NULL;
  g_autofree char *result = NULL;

  insert_photo (mine, 1, "Mine");
  cd_article_remove_photo (theirs, 0);
  result = merge_cleanly (base, mine, theirs, &taken);
  g_assert_cmpstr (result, ==, "Mine, Photo 2");
  g_assert_cmpuint (taken->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (taken, 0), ==, "removal of photo 1");

  /* The other way round: removed here, and they add one after the
   * photo removed here, which goes after the photo before it. */
  g_clear_object (&mine);
  g_clear_object (&theirs);
  g_clear_pointer (&taken, g_ptr_array_unref);
  g_clear_pointer (&result, g_free);
  insert_photo (base, 2, "Photo 3");
  g_clear_object (&mine);
  g_clear_object (&theirs);
  mine = cd_article_copy (base);
  theirs = cd_article_copy (base);
  cd_article_remove_photo (mine, 1);
  insert_photo (theirs, 2, "Theirs");
  result = merge_cleanly (base, mine, theirs, &taken);
  g_assert_cmpstr (result, ==, "Photo 1, Theirs, Photo 3");
  g_assert_cmpuint (taken->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (taken, 0), ==, "new photo 2");
}

/* Changed here, removed there: a clash on that photo alone, and the
 * photo stays, as changed here, unless the user takes their version. */
static void
test_merge_photos_remove_edit (void)
{
  g_autoptr(CdArticle) base = make_base ();
  g_autoptr(CdArticle) mine = cd_article_copy (base);
  g_autoptr(CdArticle) theirs = cd_article_copy (base);
  g_autoptr(GPtrArray) clashes = NULL;
  g_autoptr(GPtrArray) taken = NULL;
  g_autofree char *result = NULL;

  /* Changed here, removed there; their other edit comes in. */
  cd_photo_set_caption (cd_article_get_photo (mine, 0), "Mine");
  cd_article_remove_photo (theirs, 0);
  cd_photo_set_credit (cd_article_get_photo (theirs, 0), "Reuters");
  clashes = cd_article_merge_find_clashes (base, mine, theirs);
  g_assert_cmpuint (clashes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (clashes, 0), ==,
                   "photo 1 (changed here, removed by the other program)");
  taken = cd_article_merge_take_theirs (base, mine, theirs, CD_ARTICLE_MERGE_CLASHES_KEEP_MINE);
  result = captions (mine);
  g_assert_cmpstr (result, ==, "Mine, Photo 2");
  g_assert_cmpstr (cd_photo_get_credit (cd_article_get_photo (mine, 1)), ==, "Reuters");
  g_assert_cmpuint (taken->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (taken, 0), ==, "credit of photo 2");

  /* The banner's Reload: their removal wins. */
  g_clear_object (&mine);
  g_clear_pointer (&taken, g_ptr_array_unref);
  g_clear_pointer (&result, g_free);
  mine = cd_article_copy (base);
  cd_photo_set_caption (cd_article_get_photo (mine, 0), "Mine");
  taken = cd_article_merge_take_theirs (base, mine, theirs, CD_ARTICLE_MERGE_CLASHES_TAKE_THEIRS);
  result = captions (mine);
  g_assert_cmpstr (result, ==, "Photo 2");
}

/* Removed here, changed there: Keep Mine means the editor's version
 * wins, so the removal stands and their change to that photo is
 * dropped, while their other edits still come in; Take Theirs brings
 * the photo back, changed, in its place. */
static void
test_merge_photos_removed_here_changed_there (void)
{
  CdArticleMergeClashes ways[] = { CD_ARTICLE_MERGE_CLASHES_KEEP_MINE,
                                   CD_ARTICLE_MERGE_CLASHES_TAKE_THEIRS };

  for (guint w = 0; w < G_N_ELEMENTS (ways); w++)
    {
      g_autoptr(CdArticle) base = make_base ();
      g_autoptr(CdArticle) mine = cd_article_copy (base);
      g_autoptr(CdArticle) theirs = cd_article_copy (base);
      g_autoptr(GPtrArray) clashes = NULL;
      g_autoptr(GPtrArray) taken = NULL;
      g_autofree char *result = NULL;
      const char *clash = "photo 1 (removed here, changed by the other program)";

      cd_article_remove_photo (mine, 0);
      cd_photo_set_caption (cd_article_get_photo (theirs, 0), "Theirs");
      cd_photo_set_credit (cd_article_get_photo (theirs, 1), "Reuters");
      clashes = cd_article_merge_find_clashes (base, mine, theirs);
      g_assert_cmpuint (clashes->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (clashes, 0), ==, clash);
      taken = cd_article_merge_take_theirs (base, mine, theirs, ways[w]);
      result = captions (mine);
      if (ways[w] == CD_ARTICLE_MERGE_CLASHES_KEEP_MINE)
        {
          g_assert_cmpstr (result, ==, "Photo 2");
          g_assert_false (has_name (taken, clash));
          g_assert_cmpuint (taken->len, ==, 1);
        }
      else
        {
          g_assert_cmpstr (result, ==, "Theirs, Photo 2");
          g_assert_true (has_name (taken, clash));
          g_assert_cmpuint (taken->len, ==, 2);
        }
      /* Their credit on the photo both kept comes in either way. */
      g_assert_cmpstr (cd_photo_get_credit (photo_captioned (mine, "Photo 2")), ==, "Reuters");
    }
}

/* One side moves photos, the other changes one: its order and their
 * change, and the editor's photos stay the same objects. */
static void
test_merge_photos_reorder_edit (void)
{
  g_autoptr(CdArticle) base = make_base ();
  g_autoptr(CdArticle) mine = cd_article_copy (base);
  g_autoptr(CdArticle) theirs = cd_article_copy (base);
  g_autoptr(GPtrArray) taken = NULL;
  g_autofree char *result = NULL;
  CdPhoto *first, *second;

  cd_article_move_photo (mine, 1, 0);
  first = cd_article_get_photo (mine, 0);
  second = cd_article_get_photo (mine, 1);
  cd_photo_set_caption (cd_article_get_photo (theirs, 0), "Theirs");
  result = merge_cleanly (base, mine, theirs, &taken);
  g_assert_cmpstr (result, ==, "Photo 2, Theirs");
  g_assert_cmpuint (taken->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (taken, 0), ==, "caption of photo 2");
  g_assert_true (cd_article_get_photo (mine, 0) == first);
  g_assert_true (cd_article_get_photo (mine, 1) == second);

  /* They moved, the editor changed a caption. */
  g_clear_object (&mine);
  g_clear_object (&theirs);
  g_clear_pointer (&taken, g_ptr_array_unref);
  g_clear_pointer (&result, g_free);
  mine = cd_article_copy (base);
  theirs = cd_article_copy (base);
  cd_photo_set_caption (cd_article_get_photo (mine, 0), "Mine");
  cd_article_move_photo (theirs, 0, 1);
  first = cd_article_get_photo (mine, 0);
  result = merge_cleanly (base, mine, theirs, &taken);
  g_assert_cmpstr (result, ==, "Photo 2, Mine");
  g_assert_true (cd_article_get_photo (mine, 1) == first);
  g_assert_cmpuint (taken->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (taken, 0), ==, "order of the photos");
}

/* Both move photos, differently: a clash on the order alone. The
 * editor's order stays, and what they added goes after the photo it
 * followed on their side. */
static void
test_merge_photos_reorder_reorder (void)
{
  g_autoptr(CdArticle) base = make_base ();
  g_autoptr(CdArticle) mine = NULL;
  g_autoptr(CdArticle) theirs = NULL;
  g_autoptr(GPtrArray) clashes = NULL;
  g_autoptr(GPtrArray) taken = NULL;
  g_autofree char *result = NULL;

  insert_photo (base, 2, "Photo 3");
  mine = cd_article_copy (base);
  theirs = cd_article_copy (base);
  cd_article_move_photo (mine, 2, 0);      /* 3, 1, 2 */
  cd_article_move_photo (theirs, 1, 0);    /* 2, 1, 3 */
  insert_photo (theirs, 1, "Theirs");      /* 2, Theirs, 1, 3 */
  cd_photo_set_credit (photo_captioned (theirs, "Photo 3"), "Reuters");
  clashes = cd_article_merge_find_clashes (base, mine, theirs);
  g_assert_cmpuint (clashes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (clashes, 0), ==, "order of the photos");
  taken = cd_article_merge_take_theirs (base, mine, theirs, CD_ARTICLE_MERGE_CLASHES_KEEP_MINE);
  result = captions (mine);
  g_assert_cmpstr (result, ==, "Photo 3, Photo 1, Photo 2, Theirs");
  g_assert_cmpstr (cd_photo_get_credit (photo_captioned (mine, "Photo 3")), ==, "Reuters");
  g_assert_false (has_name (taken, "order of the photos"));

  /* The banner's Reload: their order. */
  g_clear_object (&mine);
  g_clear_pointer (&taken, g_ptr_array_unref);
  g_clear_pointer (&result, g_free);
  mine = cd_article_copy (base);
  cd_article_move_photo (mine, 2, 0);
  taken = cd_article_merge_take_theirs (base, mine, theirs, CD_ARTICLE_MERGE_CLASHES_TAKE_THEIRS);
  result = captions (mine);
  g_assert_cmpstr (result, ==, "Photo 2, Theirs, Photo 1, Photo 3");
  g_assert_true (has_name (taken, "order of the photos"));
}

/* Two photos with one id (a file edited by hand) are still two photos:
 * a change to the second reaches the second. */
static void
test_merge_photos_same_id (void)
{
  g_autoptr(CdArticle) base = cd_article_new ();
  g_autoptr(CdPhoto) one = cd_photo_new_with_id ("0b9f3c52-6a1e-4d2f-9c33-1f0e5a7b8c90");
  g_autoptr(CdPhoto) two = cd_photo_copy (one);
  g_autoptr(CdArticle) mine = NULL;
  g_autoptr(CdArticle) theirs = NULL;
  g_autoptr(GPtrArray) taken = NULL;
  g_autofree char *result = NULL;

  cd_photo_set_caption (one, "One");
  cd_photo_set_caption (two, "Two");
  cd_article_add_photo (base, one);
  cd_article_add_photo (base, two);
  mine = cd_article_copy (base);
  theirs = cd_article_copy (base);
  cd_photo_set_credit (cd_article_get_photo (mine, 0), "AFP");
  cd_photo_set_caption (cd_article_get_photo (theirs, 1), "Second");
  result = merge_cleanly (base, mine, theirs, &taken);
  g_assert_cmpstr (result, ==, "One, Second");
  g_assert_cmpstr (cd_photo_get_credit (cd_article_get_photo (mine, 0)), ==, "AFP");
}

/* Both sides add the same photo (one copied in twice), captioned
 * differently: a clash on that photo, and Reload takes their caption
 * into the photo the editor shows. */
static void
test_merge_photos_same_added (void)
{
  g_autoptr(CdArticle) base = make_base ();
  g_autoptr(CdArticle) mine = cd_article_copy (base);
  g_autoptr(CdArticle) theirs = cd_article_copy (base);
  g_autoptr(CdPhoto) photo = cd_photo_new ();
  g_autoptr(CdPhoto) copy = NULL;
  g_autoptr(GPtrArray) clashes = NULL;
  g_autoptr(GPtrArray) taken = NULL;
  CdPhoto *shown;

  cd_photo_set_caption (photo, "Mine");
  copy = cd_photo_copy (photo);
  cd_photo_set_caption (copy, "Theirs");
  cd_article_add_photo (mine, photo);
  cd_article_add_photo (theirs, copy);
  clashes = cd_article_merge_find_clashes (base, mine, theirs);
  g_assert_cmpuint (clashes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (clashes, 0), ==, "photo 3");
  taken = cd_article_merge_take_theirs (base, mine, theirs, CD_ARTICLE_MERGE_CLASHES_TAKE_THEIRS);
  shown = cd_article_get_photo (mine, 2);
  g_assert_true (shown == photo);
  g_assert_cmpstr (cd_photo_get_caption (shown), ==, "Theirs");
  g_assert_cmpuint (cd_article_get_n_photos (mine), ==, 3);
}

/* The merge matches photos by id: the ids must come back unchanged from
 * the disk, and through every photo command of the CLI (which loads the
 * article, changes it and saves it again). */
static CdArticle *
load_from_store (CliFixture *f,
                 const char *id)
{
  g_autoptr(CdStore) store = cd_store_new (f->store);
  g_autoptr(GError) error = NULL;
  CdArticle *article;

  g_assert_true (cd_store_open (store, NULL, &error));
  g_assert_no_error (error);
  article = cd_store_load_article (store, id, NULL, &error);
  g_assert_no_error (error);
  return article;
}

/* The photo ids of the article @id on disk, comma-separated. */
static char *
ids_on_disk (CliFixture *f,
             const char *id)
{
  g_autoptr(CdArticle) article = load_from_store (f, id);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < cd_article_get_n_photos (article); i++)
    {
      const char *photo_id = cd_photo_get_id (cd_article_get_photo (article, i));

      g_assert_true (g_uuid_string_is_valid (photo_id));
      g_ptr_array_add (ids, (gpointer) photo_id);
    }
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **) ids->pdata);
}

static char *
join3 (char **ids,
       guint  a,
       guint  b,
       guint  c)
{
  return g_strdup_printf ("%s,%s,%s", ids[a], ids[b], ids[c]);
}

static void
test_photo_ids_are_stable (CliFixture    *f,
                           gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "Island Ferry Timetable Cut", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) ids = NULL;

  g_assert_cmpint (cli_run (f, "photo", "add", id, "--caption", "A"), ==, 0);
  g_assert_cmpint (cli_run (f, "photo", "add", id, "--caption", "B"), ==, 0);
  g_assert_cmpint (cli_run (f, "photo", "add", id, "--caption", "C"), ==, 0);
  before = ids_on_disk (f, id);
  ids = g_strsplit (before, ",", -1);
  g_assert_cmpuint (g_strv_length (ids), ==, 3);
  g_assert_cmpstr (ids[0], !=, ids[1]);
  g_assert_cmpstr (ids[1], !=, ids[2]);
  g_assert_cmpstr (ids[0], !=, ids[2]);

  g_assert_cmpint (cli_run (f, "photo", "set", id, "2", "--credit", "AFP"), ==, 0);
  g_assert_cmpint (cli_run (f, "set", id, "headline", "Ferry Cut"), ==, 0);
  after = ids_on_disk (f, id);
  g_assert_cmpstr (after, ==, before);

  g_clear_pointer (&after, g_free);
  g_assert_cmpint (cli_run (f, "photo", "move", id, "3", "1"), ==, 0);
  after = ids_on_disk (f, id);
  expected = join3 (ids, 2, 0, 1);
  g_assert_cmpstr (after, ==, expected);

  g_clear_pointer (&after, g_free);
  g_clear_pointer (&expected, g_free);
  g_assert_cmpint (cli_run (f, "photo", "remove", id, "2"), ==, 0);
  after = ids_on_disk (f, id);
  expected = g_strdup_printf ("%s,%s", ids[2], ids[1]);
  g_assert_cmpstr (after, ==, expected);
}

static const char *
post_id (CdArticle  *article,
         const char *site)
{
  CdSiteBinding *binding = cd_article_get_binding (article, site);

  g_assert_nonnull (binding);
  return cd_site_binding_get_post_id (binding);
}

/* Each site's publishing record merges on its own. */
static void
test_merge_bindings (void)
{
  g_autoptr(CdArticle) base = make_base ();
  g_autoptr(CdArticle) mine = cd_article_copy (base);
  g_autoptr(CdArticle) theirs = cd_article_copy (base);
  g_autoptr(CdSiteBinding) weekly = cd_site_binding_new ("weekly");
  g_autoptr(CdSiteBinding) evening = cd_site_binding_new ("evening");
  g_autoptr(GPtrArray) clashes = NULL;
  g_autoptr(GPtrArray) taken = NULL;

  cd_site_binding_set_post_id (weekly, "12");
  cd_site_binding_set_post_id (evening, "99");
  cd_article_set_binding (theirs, weekly);
  cd_article_remove_binding (theirs, "daily");
  cd_article_set_binding (mine, evening);
  clashes = cd_article_merge_find_clashes (base, mine, theirs);
  g_assert_cmpuint (clashes->len, ==, 0);
  taken = cd_article_merge_take_theirs (base, mine, theirs,
                                        CD_ARTICLE_MERGE_CLASHES_KEEP_MINE);
  g_assert_cmpuint (taken->len, ==, 2);
  g_assert_null (cd_article_get_binding (mine, "daily"));
  g_assert_cmpstr (post_id (mine, "weekly"), ==, "12");
  g_assert_cmpstr (post_id (mine, "evening"), ==, "99");

  /* Both published to the same site, as different posts. */
  g_clear_pointer (&clashes, g_ptr_array_unref);
  g_clear_object (&mine);
  mine = cd_article_copy (base);
  cd_site_binding_set_post_id (cd_article_get_binding (mine, "daily"), "8");
  cd_site_binding_set_post_id (cd_article_get_binding (theirs, "weekly"), "13");
  g_clear_object (&evening);
  evening = cd_site_binding_new ("daily");
  cd_site_binding_set_post_id (evening, "9");
  cd_article_set_binding (theirs, evening);
  clashes = cd_article_merge_find_clashes (base, mine, theirs);
  g_assert_cmpuint (clashes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (clashes, 0), ==, "publishing record for daily");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/article-merge/identical", test_merge_identical);
  g_test_add_func ("/article-merge/every-field", test_merge_every_field);
  g_test_add_func ("/article-merge/dates-are-named", test_merge_dates_are_named);
  g_test_add_func ("/article-merge/skips-bookkeeping", test_merge_skips_bookkeeping);
  g_test_add_func ("/article-merge/ninjs-extra", test_merge_ninjs_extra);
  g_test_add_func ("/article-merge/photos", test_merge_photos);
  g_test_add_func ("/article-merge/photos/both-add", test_merge_photos_both_add);
  g_test_add_func ("/article-merge/photos/add-same-place", test_merge_photos_add_same_place);
  g_test_add_func ("/article-merge/photos/add-remove", test_merge_photos_add_remove);
  g_test_add_func ("/article-merge/photos/remove-edit", test_merge_photos_remove_edit);
  g_test_add_func ("/article-merge/photos/removed-here-changed-there",
                   test_merge_photos_removed_here_changed_there);
  g_test_add_func ("/article-merge/photos/reorder-edit", test_merge_photos_reorder_edit);
  g_test_add_func ("/article-merge/photos/reorder-reorder", test_merge_photos_reorder_reorder);
  g_test_add_func ("/article-merge/photos/same-id", test_merge_photos_same_id);
  g_test_add_func ("/article-merge/photos/same-added", test_merge_photos_same_added);
  g_test_add_func ("/article-merge/bindings", test_merge_bindings);
  g_test_add ("/article-merge/photo-ids-are-stable", CliFixture, NULL, cli_fixture_set_up,
              test_photo_ids_are_stable, cli_fixture_tear_down);

  return g_test_run ();
}
