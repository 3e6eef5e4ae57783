/* cd-spell-highlighter.h: misspelt words of a text buffer underlined
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cd-spell-checker.h"

G_BEGIN_DECLS

#define CD_TYPE_SPELL_HIGHLIGHTER (cd_spell_highlighter_get_type ())
G_DECLARE_FINAL_TYPE (CdSpellHighlighter, cd_spell_highlighter, CD, SPELL_HIGHLIGHTER, GObject)

CdSpellHighlighter *cd_spell_highlighter_new          (GtkTextBuffer      *buffer);
CdSpellChecker     *cd_spell_highlighter_get_checker  (CdSpellHighlighter *self);
void                cd_spell_highlighter_set_checker  (CdSpellHighlighter *self,
                                                       CdSpellChecker     *checker);
GtkTextTag         *cd_spell_highlighter_get_tag      (CdSpellHighlighter *self);
gboolean            cd_spell_highlighter_get_busy     (CdSpellHighlighter *self);
gboolean            cd_spell_highlighter_get_word_at  (CdSpellHighlighter *self,
                                                       const GtkTextIter  *iter,
                                                       GtkTextIter        *start,
                                                       GtkTextIter        *end);
void                cd_spell_highlighter_ignore       (CdSpellHighlighter *self,
                                                       const char         *word);

G_END_DECLS
