/* cd-spell-checker.h: words checked against an Enchant dictionary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A word of text, in bytes from its start. */
typedef struct
{
  guint start;
  guint end;
} CdSpellRange;

/* TRUE when the @length bytes at @word are spelt right. */
typedef gboolean (*CdSpellCheckFunc) (const char *word,
                                      gsize       length,
                                      gpointer    user_data);

GArray   *cd_spell_find_misspelt           (const char       *text,
                                            gssize            length,
                                            CdSpellCheckFunc  check,
                                            gpointer          user_data);
gboolean  cd_spell_next_word               (const char       *text,
                                            gsize             length,
                                            gsize            *position,
                                            CdSpellRange     *word);

#define CD_TYPE_SPELL_CHECKER (cd_spell_checker_get_type ())
G_DECLARE_FINAL_TYPE (CdSpellChecker, cd_spell_checker, CD, SPELL_CHECKER, GObject)

CdSpellChecker *cd_spell_checker_new              (const char     *language);
const char     *cd_spell_checker_get_language     (CdSpellChecker *self);
const char     *cd_spell_checker_get_dictionary   (CdSpellChecker *self);
gboolean        cd_spell_checker_check_word       (CdSpellChecker *self,
                                                   const char     *word,
                                                   gssize          length);
char          **cd_spell_checker_get_suggestions  (CdSpellChecker *self,
                                                   const char     *word,
                                                   gssize          length);
void            cd_spell_checker_ignore_word      (CdSpellChecker *self,
                                                   const char     *word,
                                                   gssize          length);

G_END_DECLS
