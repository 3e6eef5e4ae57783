/* cd-credit.c: photo credits in captions, and the agency they name
 *
 * News pages print a photo's credit in parentheses at the end of its
 * caption: "Boats in the harbour at dawn (AFP/Getty Images)". The credit
 * is kept exactly as printed, since that is what must be published; for
 * filtering ("every Reuters photo") the many spellings of one agency are
 * folded to one key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-credit.h"

typedef struct
{
  const char *key;
  const char * const *aliases;   /* compared after fold_name() */
} Agency;

/* Aliases are written as printed; fold_name() turns them into the same
 * letters-only form as the credit they are compared with. */
static const char * const afp_aliases[] = {
  "AFP", "AFP Photo", "Agence France-Presse", "Agence France Presse",
  "أ.ف.ب", "ا ف ب", "فرانس برس", "فرانس برس أ.ف.ب", "وكالة فرانس برس",
  "وكالة الصحافة الفرنسية", NULL
};
static const char * const reuters_aliases[] = {
  "Reuters", "Reuters Photo", "Thomson Reuters", "رويترز", "رويتر", "وكالة رويترز", NULL
};
static const char * const ap_aliases[] = {
  "AP", "AP Photo", "AP Images", "Associated Press", "The Associated Press",
  "أ.ب", "أسوشيتد برس", "وكالة أسوشيتد برس", NULL
};
static const char * const getty_aliases[] = {
  "Getty", "Getty Images", "غيتي", "غيتي إيميجز", "جيتي إيماجز", NULL
};
static const char * const epa_aliases[] = {
  "EPA", "EPA-EFE", "European Pressphoto Agency", "إ.ب.أ", "إي بي إيه", NULL
};
static const char * const anadolu_aliases[] = {
  "Anadolu", "Anadolu Agency", "AA", "الأناضول", "وكالة الأناضول", NULL
};
static const char * const xinhua_aliases[] = {
  "Xinhua", "شينخوا", "وكالة شينخوا", NULL
};
static const char * const dpa_aliases[] = {
  "dpa", "Deutsche Presse-Agentur", NULL
};

static const Agency agencies[] = {
  { "afp", afp_aliases },
  { "reuters", reuters_aliases },
  { "ap", ap_aliases },
  { "getty-images", getty_aliases },
  { "epa", epa_aliases },
  { "anadolu", anadolu_aliases },
  { "xinhua", xinhua_aliases },
  { "dpa", dpa_aliases },
};

/* Labels that introduce a credit rather than name its source. */
static const char * const credit_labels[] = {
  "photo", "photos", "picture", "credit", "image", "صورة", "الصورة", "تصوير", "المصدر", NULL
};

static gboolean
is_trim_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x200f || c == 0x200e;   /* RLM, LRM */
}

static char *
trim_copy (const char *start,
           const char *end)
{
  while (start < end && is_trim_space (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);
      if (!is_trim_space (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

/**
 * cd_credit_split_caption:
 * @line: a caption line of page copy
 * @caption: (out) (optional): the caption without its credit
 * @credit: (out) (optional): the credit as printed, or ""
 *
 * A caption that ends in a parenthesised group carries its credit there:
 * "… Dhi Qar, Iraq (AFP/Getty Images)" gives "… Dhi Qar, Iraq" and
 * "AFP/Getty Images". Parentheses inside the group are matched, so
 * "(Photo: Jo (Jack) Doe)" is one credit. An empty group is no credit.
 *
 * Returns: %TRUE when the line has a credit
 */
gboolean
cd_credit_split_caption (const char  *line,
                         char       **caption,
                         char       **credit)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *inner = NULL;
  char *open = NULL;
  gsize len;
  int depth = 0;

  g_return_val_if_fail (line != NULL, FALSE);

  trimmed = trim_copy (line, line + strlen (line));
  len = strlen (trimmed);

  if (len > 0 && trimmed[len - 1] == ')')
    {
      for (char *p = trimmed + len - 1; p >= trimmed; p--)
        {
          if (*p == ')')
            depth++;
          else if (*p == '(' && --depth == 0)
            {
              open = p;
              break;
            }
        }
    }

  if (open != NULL)
    inner = trim_copy (open + 1, trimmed + len - 1);

  if (inner == NULL || *inner == '\0')
    {
      if (caption)
        *caption = g_steal_pointer (&trimmed);
      if (credit)
        *credit = g_strdup ("");
      return FALSE;
    }

  if (caption)
    *caption = trim_copy (trimmed, open);
  if (credit)
    *credit = g_steal_pointer (&inner);
  return TRUE;
}

/* Folds a name to its letters and digits, case-folded, with the Arabic
 * letter variants that credits spell either way made one: "A.F.P." and
 * "afp" give "afp", "أ.ف.ب" and "ا ف ب" give "افب". */
static char *
fold_name (const char *name)
{
  g_autofree char *normal = g_utf8_normalize (name, -1, G_NORMALIZE_ALL_COMPOSE);
  g_autofree char *folded = g_utf8_casefold (normal ? normal : "", -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case 0x0622: case 0x0623: case 0x0625: case 0x0671:   /* alef with marks */
          c = 0x0627;
          break;
        case 0x0649:                                          /* alef maksura */
          c = 0x064a;
          break;
        case 0x0629:                                          /* teh marbuta */
          c = 0x0647;
          break;
        default:
          break;
        }
      if (g_unichar_isalnum (c) && g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Folded alias → agency key, built once. */
static GHashTable *
alias_table (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (agencies); i++)
        for (guint j = 0; agencies[i].aliases[j]; j++)
          g_hash_table_insert (t, fold_name (agencies[i].aliases[j]), (gpointer) agencies[i].key);
      g_once_init_leave (&table, t);
    }
  return table;
}

static GRegex *
separator_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex,
                       g_regex_new ("\\s*(?:/|,|،|;|\\s+via\\s+|\\s+عبر\\s+)\\s*",
                                    G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));
  return regex;
}

/* "Photo: AFP" names AFP; the label says nothing about the source. */
static char *
strip_label (const char *part)
{
  const char *colon = strchr (part, ':');
  g_autofree char *label_text = NULL;
  g_autofree char *label = NULL;

  if (colon == NULL)
    return g_strdup (part);
  label_text = g_strndup (part, colon - part);
  label = fold_name (label_text);
  for (guint i = 0; credit_labels[i]; i++)
    {
      g_autofree char *known = fold_name (credit_labels[i]);
      if (g_str_equal (label, known))
        return g_strdup (colon + 1);
    }
  return g_strdup (part);
}

/* The key of one source: a known agency's key, or else the name folded
 * to lower case with single spaces, so that "Staff Photo" and "staff
 * photo" still filter together. */
static char *
key_for_part (const char *part)
{
  g_autofree char *unlabelled = strip_label (part);
  g_autofree char *folded = fold_name (unlabelled);
  g_autofree char *lower = NULL;
  g_auto(GStrv) words = NULL;
  const char *key;

  if (*folded == '\0')
    return NULL;
  key = g_hash_table_lookup (alias_table (), folded);
  if (key)
    return g_strdup (key);

  lower = g_utf8_casefold (unlabelled, -1);
  words = g_strsplit_set (g_strstrip (lower), " \t", -1);
  {
    g_autoptr(GPtrArray) kept = g_ptr_array_new ();
    for (guint i = 0; words[i]; i++)
      if (*words[i])
        g_ptr_array_add (kept, words[i]);
    g_ptr_array_add (kept, NULL);
    return g_strjoinv (" ", (char **) kept->pdata);
  }
}

/**
 * cd_credit_agency_keys:
 * @credit: (nullable): a credit as printed, e.g. "AFP via Getty Images"
 *
 * A credit may name several sources, separated by "/", "," or " via ".
 * Each is mapped to one key: AFP, "Agence France-Presse" and "أ.ف.ب" all
 * give "afp". A source that is not a known agency gives its own name in
 * lower case. Keys appear once, in the order of the credit.
 *
 * Returns: (transfer full): the keys; empty for an empty credit
 */
char **
cd_credit_agency_keys (const char *credit)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;

  if (credit == NULL)
    return g_strv_builder_end (builder);

  parts = g_regex_split (separator_regex (), credit, 0);

  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *key = key_for_part (parts[i]);

      if (key == NULL || g_ptr_array_find_with_equal_func (seen, key, g_str_equal, NULL))
        continue;
      g_strv_builder_add (builder, key);
      g_ptr_array_add (seen, g_steal_pointer (&key));
    }
  return g_strv_builder_end (builder);
}

/**
 * cd_credit_agency_key:
 *
 * Returns: (transfer full) (nullable): the key of the first source the
 *   credit names, or %NULL when it names none
 */
char *
cd_credit_agency_key (const char *credit)
{
  g_auto(GStrv) keys = cd_credit_agency_keys (credit);

  return keys[0] ? g_strdup (keys[0]) : NULL;
}

/* TRUE when @query, folded, begins @key: "reu" and "Reut" already find
 * "reuters" while the name is typed. One letter would find most keys. */
static gboolean
query_starts_key (const char *query,
                  const char *key)
{
  g_autofree char *folded = g_utf8_casefold (query, -1);
  char *trimmed = g_strstrip (folded);

  return g_utf8_strlen (trimmed, -1) >= 2 && g_str_has_prefix (key, trimmed);
}

/**
 * cd_credit_names_agency:
 * @credit: (nullable): a credit as printed
 * @query: what the user typed to find an agency's photos, e.g. "afp",
 *   "Agence France-Presse" or "أ.ف.ب"
 *
 * Matches by agency key, not by spelling: "afp" finds a photo credited
 * "أ.ف.ب", and "رويترز" one credited "Reuters". Every source @query
 * names must be named by @credit ("AFP/Getty" wants both); a query that
 * is the start of a key ("reu") finds that key too. Plain text matching
 * is the caller's: this finds only what spelling alone would miss.
 *
 * Returns: %TRUE when @credit names the agencies @query names
 */
gboolean
cd_credit_names_agency (const char *credit,
                        const char *query)
{
  g_auto(GStrv) credit_keys = NULL;
  g_auto(GStrv) query_keys = NULL;
  gboolean all = TRUE;

  if (credit == NULL || query == NULL)
    return FALSE;
  credit_keys = cd_credit_agency_keys (credit);
  query_keys = cd_credit_agency_keys (query);
  if (credit_keys[0] == NULL || query_keys[0] == NULL)
    return FALSE;

  for (guint i = 0; query_keys[i] && all; i++)
    all = g_strv_contains ((const char * const *) credit_keys, query_keys[i]);
  if (all)
    return TRUE;
  if (query_keys[1] != NULL)
    return FALSE;
  for (guint i = 0; credit_keys[i]; i++)
    if (query_starts_key (query, credit_keys[i]))
      return TRUE;
  return FALSE;
}
