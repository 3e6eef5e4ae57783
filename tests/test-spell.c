/* test-spell.c: which words of a text are checked, and which are marked
 * misspelt, with a stand-in dictionary; no display needed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-spell-checker.h"

/* A dictionary of a few words, and a record of what it was asked. */
typedef struct
{
  const char * const *known;
  GPtrArray *asked;
} FakeDictionary;

static gboolean
fake_check (const char *word,
            gsize       length,
            gpointer    user_data)
{
  FakeDictionary *dict = user_data;
  g_autofree char *copy = g_strndup (word, length);

  g_ptr_array_add (dict->asked, g_strdup (copy));
  return g_strv_contains (dict->known, copy);
}

/* The words @text is made of, joined by "|". */
static char *
words_of (const char *text)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  gsize position = 0;
  CdSpellRange word;

  while (cd_spell_next_word (text, strlen (text), &position, &word))
    g_ptr_array_add (words, g_strndup (text + word.start, word.end - word.start));
  g_ptr_array_add (words, NULL);
  return g_strjoinv ("|", (char **) words->pdata);
}

static void
test_words_plain (void)
{
  g_autofree char *words = words_of ("The ferry, late again; it sailed at nine.");

  g_assert_cmpstr (words, ==, "The|ferry|late|again|it|sailed|at|nine");
}

static void
test_words_apostrophes (void)
{
  g_autofree char *straight = words_of ("Don't say 'maybe' twice");
  g_autofree char *curly = words_of ("The editor’s desk");

  /* Inside a word an apostrophe belongs to it; around it, it quotes. */
  g_assert_cmpstr (straight, ==, "Don't|say|maybe|twice");
  g_assert_cmpstr (curly, ==, "The|editor’s|desk");
}

static void
test_words_skipped (void)
{
  g_autofree char *digits = words_of ("The 3rd mp3 player, 2024 model");
  g_autofree char *caps = words_of ("AFP and NATO said I am here");
  g_autofree char *code = words_of ("Run `sudo aptget` now");
  g_autofree char *links = words_of ("See https://exmple.org/pagee or www.exmple.org or me@exmple.org today");

  g_assert_cmpstr (digits, ==, "The|player|model");
  /* Acronyms and single letters are not dictionary words. */
  g_assert_cmpstr (caps, ==, "and|said|am|here");
  g_assert_cmpstr (code, ==, "Run|now");
  g_assert_cmpstr (links, ==, "See|or|or|today");
}

static void
test_words_arabic (void)
{
  /* Vowel marks stay with their word: "kataba" with its harakat is one. */
  g_autofree char *words = words_of ("كَتَبَ المحرر، ثم نشر");

  g_assert_cmpstr (words, ==, "كَتَبَ|المحرر|ثم|نشر");
}

static void
test_find_misspelt (void)
{
  const char *known[] = { "The", "brown", "fox", NULL };
  FakeDictionary dict = { known, g_ptr_array_new_with_free_func (g_free) };
  const char *text = "The quikc brown fox jumpd.";
  g_autoptr(GArray) ranges = cd_spell_find_misspelt (text, -1, fake_check, &dict);
  CdSpellRange *range;

  g_assert_cmpuint (ranges->len, ==, 2);
  range = &g_array_index (ranges, CdSpellRange, 0);
  g_assert_cmpuint (range->start, ==, 4);
  g_assert_cmpuint (range->end, ==, 9);
  range = &g_array_index (ranges, CdSpellRange, 1);
  g_assert_cmpuint (range->start, ==, 20);
  g_assert_cmpuint (range->end, ==, 25);
  /* Every word was asked about once, in order. */
  g_assert_cmpuint (dict.asked->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (dict.asked, 4), ==, "jumpd");

  g_ptr_array_unref (dict.asked);
}

static void
test_find_misspelt_length (void)
{
  const char *known[] = { NULL };
  FakeDictionary dict = { known, g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GArray) ranges = NULL;

  /* Only the first @length bytes count: a paragraph out of a buffer. */
  ranges = cd_spell_find_misspelt ("alpha beta gamma", 10, fake_check, &dict);
  g_assert_cmpuint (ranges->len, ==, 2);
  g_assert_cmpuint (g_array_index (ranges, CdSpellRange, 1).end, ==, 10);

  g_ptr_array_unref (dict.asked);
}

static void
test_checker_without_dictionary (void)
{
  g_autoptr(CdSpellChecker) checker = cd_spell_checker_new ("xx-nowhere");
  g_auto(GStrv) suggestions = NULL;

  /* No dictionary: nothing is wrong and nothing is suggested. */
  g_assert_null (cd_spell_checker_get_dictionary (checker));
  g_assert_true (cd_spell_checker_check_word (checker, "qwzx", -1));
  suggestions = cd_spell_checker_get_suggestions (checker, "qwzx", -1);
  g_assert_cmpuint (g_strv_length (suggestions), ==, 0);
}

static void
test_checker_english (void)
{
  g_autoptr(CdSpellChecker) checker = cd_spell_checker_new ("en");
  g_auto(GStrv) suggestions = NULL;

  if (cd_spell_checker_get_dictionary (checker) == NULL)
    {
      g_test_skip ("no English dictionary for Enchant (hunspell-en-us)");
      return;
    }
  g_assert_true (g_str_has_prefix (cd_spell_checker_get_dictionary (checker), "en"));
  g_assert_true (cd_spell_checker_check_word (checker, "harbour ferry", 7) ||
                 cd_spell_checker_check_word (checker, "harbor", -1));
  g_assert_false (cd_spell_checker_check_word (checker, "ferrry", -1));
  /* A typographic apostrophe reads like a straight one. */
  g_assert_true (cd_spell_checker_check_word (checker, "don’t", -1));

  suggestions = cd_spell_checker_get_suggestions (checker, "ferrry", -1);
  g_assert_true (g_strv_contains ((const char * const *) suggestions, "ferry"));

  cd_spell_checker_ignore_word (checker, "ferrry", -1);
  g_assert_true (cd_spell_checker_check_word (checker, "ferrry", -1));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spell/words/plain", test_words_plain);
  g_test_add_func ("/spell/words/apostrophes", test_words_apostrophes);
  g_test_add_func ("/spell/words/skipped", test_words_skipped);
  g_test_add_func ("/spell/words/arabic", test_words_arabic);
  g_test_add_func ("/spell/find-misspelt", test_find_misspelt);
  g_test_add_func ("/spell/find-misspelt-length", test_find_misspelt_length);
  g_test_add_func ("/spell/checker/without-dictionary", test_checker_without_dictionary);
  g_test_add_func ("/spell/checker/english", test_checker_english);

  return g_test_run ();
}
