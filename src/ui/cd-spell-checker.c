/* cd-spell-checker.c: words checked against an Enchant dictionary
 *
 * GtkSourceView 5.6 has no spell checker and libspelling is not in
 * Debian 12, so the editor checks its body with Enchant (the library
 * gnome-text-editor 43 used) through this small class. Which words there
 * are in a text is decided by cd_spell_next_word(), which knows nothing of
 * Enchant and is tested on its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <enchant.h>

#include "cd-spell-checker.h"

struct _CdSpellChecker
{
  GObject parent_instance;

  EnchantBroker *broker;
  EnchantDict *dict;           /* NULL when no dictionary has the language */
  char *language;
  char *dictionary;            /* the dictionary's tag, e.g. "en_US" */
};

G_DEFINE_FINAL_TYPE (CdSpellChecker, cd_spell_checker, G_TYPE_OBJECT)

/* Word finding */

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Whitespace-separated chunks that are not prose: links, addresses. */
static gboolean
chunk_is_address (const char *chunk,
                  gsize       length)
{
  return g_strstr_len (chunk, length, "://") != NULL ||
         g_str_has_prefix (chunk, "www.") ||
         memchr (chunk, '@', length) != NULL;
}

static gsize
chunk_end (const char *text,
           gsize       length,
           gsize       position)
{
  while (position < length && !g_ascii_isspace (text[position]))
    position++;
  return position;
}

/* Acronyms (AFP, NATO) are names, not words a dictionary has. */
static gboolean
is_all_caps (const char *word,
             gsize       length)
{
  guint n_letters = 0;

  for (const char *p = word; p < word + length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        return FALSE;
      if (g_unichar_isupper (c))
        n_letters++;
    }
  return n_letters >= 2;
}

/**
 * cd_spell_next_word:
 * @position: (inout): where to look from, in bytes; moved past the word
 * @word: (out): the word found
 *
 * Finds the next word worth checking in @text: a run of letters and
 * marks (Arabic vowel signs stay with their word), with apostrophes inside
 * it ("don't", "editor’s"). Skipped: tokens with digits ("3rd", "mp3"),
 * single letters, acronyms in capitals, Markdown code between backticks,
 * and links and e-mail addresses.
 *
 * Returns: FALSE when there is no further word
 */
gboolean
cd_spell_next_word (const char   *text,
                    gsize         length,
                    gsize        *position,
                    CdSpellRange *word)
{
  gsize p = *position;

  while (p < length)
    {
      gunichar c = g_utf8_get_char (text + p);
      gsize start, end, n_chars = 0;
      gboolean has_digit = FALSE;

      if (c == '`')
        {
          const char *close = memchr (text + p + 1, '`', length - p - 1);

          p = close ? (gsize) (close - text) + 1 : length;
          continue;
        }
      if ((p == 0 || g_ascii_isspace (text[p - 1])) &&
          chunk_is_address (text + p, chunk_end (text, length, p) - p))
        {
          p = chunk_end (text, length, p);
          continue;
        }
      if (!is_word_char (c))
        {
          p = g_utf8_next_char (text + p) - text;
          continue;
        }

      start = p;
      end = p;
      while (p < length)
        {
          c = g_utf8_get_char (text + p);
          if (is_word_char (c))
            {
              has_digit |= g_unichar_isdigit (c);
              n_chars++;
              p = g_utf8_next_char (text + p) - text;
              end = p;
            }
          else if (is_apostrophe (c) && g_utf8_next_char (text + p) < text + length &&
                   is_word_char (g_utf8_get_char (g_utf8_next_char (text + p))))
            {
              p = g_utf8_next_char (text + p) - text;
            }
          else
            break;
        }

      if (has_digit || n_chars < 2 || is_all_caps (text + start, end - start))
        continue;
      word->start = start;
      word->end = end;
      *position = p;
      return TRUE;
    }
  *position = length;
  return FALSE;
}

/**
 * cd_spell_find_misspelt:
 * @check: says whether a word is spelt right
 *
 * Returns: (transfer full) (element-type CdSpellRange): the words of
 *   @text (see cd_spell_next_word()) that @check rejects, in order
 */
GArray *
cd_spell_find_misspelt (const char       *text,
                        gssize            length,
                        CdSpellCheckFunc  check,
                        gpointer          user_data)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (CdSpellRange));
  gsize position = 0;
  CdSpellRange word;

  g_return_val_if_fail (check != NULL, ranges);

  if (text == NULL)
    return ranges;
  if (length < 0)
    length = strlen (text);
  while (cd_spell_next_word (text, length, &position, &word))
    if (!check (text + word.start, word.end - word.start, user_data))
      g_array_append_val (ranges, word);
  return ranges;
}

/* Dictionaries */

typedef struct
{
  const char *primary;
  GPtrArray *tags;
} DictSearch;

static void
collect_dict (const char *tag,
              const char *provider_name,
              const char *provider_desc,
              const char *provider_file,
              void       *user_data)
{
  DictSearch *search = user_data;
  gsize n = strlen (search->primary);

  if (g_ascii_strncasecmp (tag, search->primary, n) == 0 && (tag[n] == '\0' || tag[n] == '_'))
    g_ptr_array_add (search->tags, g_strdup (tag));
}

static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* "en-GB" asks for en_GB; "en" takes the region of the user's locale
 * when it is English too, or else the first English dictionary there is. */
static char *
pick_dictionary (EnchantBroker *broker,
                 const char    *language)
{
  g_autofree char *tag = g_strdelimit (g_strdup (language), "-", '_');
  g_autofree char *primary = g_strndup (tag, strcspn (tag, "_"));
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  const char * const *locales = g_get_language_names ();
  DictSearch search = { primary, tags };

  if (*primary == '\0')
    return NULL;
  if (enchant_broker_dict_exists (broker, tag))
    return g_steal_pointer (&tag);
  for (guint i = 0; locales[i]; i++)
    {
      g_autofree char *locale = g_strndup (locales[i], strcspn (locales[i], ".@"));

      if (g_str_has_prefix (locale, primary) && locale[strlen (primary)] == '_' &&
          enchant_broker_dict_exists (broker, locale))
        return g_steal_pointer (&locale);
    }
  enchant_broker_list_dicts (broker, collect_dict, &search);
  if (tags->len == 0)
    return NULL;
  g_ptr_array_sort (tags, compare_tags);
  return g_strdup (g_ptr_array_index (tags, 0));
}

/* Typographic apostrophes are the writer's choice; dictionaries list
 * words with the plain one. */
static char *
dup_word (const char *word,
          gssize      length)
{
  GString *copy = g_string_new_len (word, length < 0 ? (gssize) strlen (word) : length);

  g_string_replace (copy, "\u2019", "'", 0);
  return g_string_free (copy, FALSE);
}

/* Checkers are made in worker threads (a dictionary takes a while to
 * load) and freed on the main thread. Enchant brokers load and unload
 * their provider modules through shared state, so brokers are only ever
 * created or freed one at a time. */
G_LOCK_DEFINE_STATIC (enchant_brokers);

/* GObject overrides */

static void
cd_spell_checker_finalize (GObject *object)
{
  CdSpellChecker *self = CD_SPELL_CHECKER (object);

  G_LOCK (enchant_brokers);
  if (self->dict)
    enchant_broker_free_dict (self->broker, self->dict);
  enchant_broker_free (self->broker);
  G_UNLOCK (enchant_brokers);
  g_free (self->language);
  g_free (self->dictionary);

  G_OBJECT_CLASS (cd_spell_checker_parent_class)->finalize (object);
}

static void
cd_spell_checker_class_init (CdSpellCheckerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_spell_checker_finalize;
}

static void
cd_spell_checker_init (CdSpellChecker *self)
{
}

/* Public API */

/**
 * cd_spell_checker_new:
 * @language: a language code as articles carry them ("en", "ar-EG")
 *
 * Returns: (transfer full): a checker; it has no dictionary (and accepts
 *   every word) when none is installed for @language
 */
CdSpellChecker *
cd_spell_checker_new (const char *language)
{
  CdSpellChecker *self = g_object_new (CD_TYPE_SPELL_CHECKER, NULL);

  self->language = g_strdup (language ? language : "");
  G_LOCK (enchant_brokers);
  self->broker = enchant_broker_init ();
  self->dictionary = pick_dictionary (self->broker, self->language);
  if (self->dictionary)
    self->dict = enchant_broker_request_dict (self->broker, self->dictionary);
  G_UNLOCK (enchant_brokers);
  if (self->dict == NULL)
    g_clear_pointer (&self->dictionary, g_free);
  return self;
}

const char *
cd_spell_checker_get_language (CdSpellChecker *self)
{
  g_return_val_if_fail (CD_IS_SPELL_CHECKER (self), NULL);
  return self->language;
}

/* The dictionary in use ("en_US"), or NULL when there is none. */
const char *
cd_spell_checker_get_dictionary (CdSpellChecker *self)
{
  g_return_val_if_fail (CD_IS_SPELL_CHECKER (self), NULL);
  return self->dictionary;
}

gboolean
cd_spell_checker_check_word (CdSpellChecker *self,
                             const char     *word,
                             gssize          length)
{
  g_autofree char *copy = NULL;

  g_return_val_if_fail (CD_IS_SPELL_CHECKER (self), TRUE);
  g_return_val_if_fail (word != NULL, TRUE);

  if (self->dict == NULL)
    return TRUE;
  copy = dup_word (word, length);
  /* Enchant answers 0 for a known word, more for an unknown one and less
   * for an error, which is no reason to underline anything. */
  return enchant_dict_check (self->dict, copy, -1) <= 0;
}

/* Returns: (transfer full): up to a handful of replacements, best first */
char **
cd_spell_checker_get_suggestions (CdSpellChecker *self,
                                  const char     *word,
                                  gssize          length)
{
  g_autofree char *copy = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  char **suggestions;
  size_t n = 0;

  g_return_val_if_fail (CD_IS_SPELL_CHECKER (self), NULL);
  g_return_val_if_fail (word != NULL, NULL);

  if (self->dict)
    {
      copy = dup_word (word, length);
      suggestions = enchant_dict_suggest (self->dict, copy, -1, &n);
      for (size_t i = 0; i < n && i < 5; i++)
        g_strv_builder_add (builder, suggestions[i]);
      if (suggestions)
        enchant_dict_free_string_list (self->dict, suggestions);
    }
  return g_strv_builder_end (builder);
}

/* Accepts @word until the checker goes away; nothing is written to the
 * user's personal dictionary. */
void
cd_spell_checker_ignore_word (CdSpellChecker *self,
                              const char     *word,
                              gssize          length)
{
  g_autofree char *copy = NULL;

  g_return_if_fail (CD_IS_SPELL_CHECKER (self));
  g_return_if_fail (word != NULL);

  if (self->dict == NULL)
    return;
  copy = dup_word (word, length);
  enchant_dict_add_to_session (self->dict, copy, -1);
}
