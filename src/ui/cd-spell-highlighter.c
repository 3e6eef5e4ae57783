/* cd-spell-highlighter.c: misspelt words of a text buffer underlined
 *
 * Every change marks its paragraph (a buffer line) with a pending tag; an
 * idle callback checks pending paragraphs a few milliseconds at a time,
 * so typing never waits for the dictionary, and a 10,000-word article
 * loaded at once is checked over several idle runs. The word being typed
 * is left alone until the typing pauses, so it is not underlined after
 * each of its letters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-spell-highlighter.h"

#define CHUNK_USEC 3000                  /* checking per idle run */
#define TYPING_PAUSE_USEC (800 * 1000)   /* a word typed this recently can wait */

struct _CdSpellHighlighter
{
  GObject parent_instance;

  GtkTextBuffer *buffer;
  CdSpellChecker *checker;
  GtkTextTag *misspelt_tag;
  GtkTextTag *pending_tag;
  guint source;                /* the next check: an idle, or a timeout after typing */
  gint64 last_edit;            /* monotonic time of the last change */
};

G_DEFINE_FINAL_TYPE (CdSpellHighlighter, cd_spell_highlighter, G_TYPE_OBJECT)

static gboolean check_cb (gpointer user_data);

/* Auxiliary methods */

static void
schedule (CdSpellHighlighter *self)
{
  if (self->source == 0)
    self->source = g_idle_add_full (G_PRIORITY_LOW, check_cb, self, NULL);
}

/* Marks the whole paragraphs from @start to @end for checking. */
static void
mark_pending (CdSpellHighlighter *self,
              const GtkTextIter  *start,
              const GtkTextIter  *end)
{
  GtkTextIter line_start = *start;
  GtkTextIter line_end = *end;

  gtk_text_iter_set_line_offset (&line_start, 0);
  if (!gtk_text_iter_ends_line (&line_end))
    gtk_text_iter_forward_to_line_end (&line_end);
  gtk_text_buffer_apply_tag (self->buffer, self->pending_tag, &line_start, &line_end);
  schedule (self);
}

static void
mark_all_pending (CdSpellHighlighter *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  mark_pending (self, &start, &end);
}

static gboolean
check_word (const char *word,
            gsize       length,
            gpointer    user_data)
{
  CdSpellHighlighter *self = user_data;

  return self->checker == NULL || cd_spell_checker_check_word (self->checker, word, length);
}

static gboolean
is_being_typed (CdSpellHighlighter *self,
                const GtkTextIter  *start,
                const GtkTextIter  *end)
{
  GtkTextIter cursor;

  if (g_get_monotonic_time () - self->last_edit >= TYPING_PAUSE_USEC)
    return FALSE;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor, gtk_text_buffer_get_insert (self->buffer));
  return gtk_text_iter_in_range (&cursor, start, end) || gtk_text_iter_equal (&cursor, end);
}

/* Underlines the misspelt words of one paragraph; FALSE when a word was
 * left for later because it is being typed. */
static gboolean
check_line (CdSpellHighlighter *self,
            const GtkTextIter  *line_start,
            const GtkTextIter  *line_end)
{
  g_autofree char *text = gtk_text_iter_get_slice (line_start, line_end);
  g_autoptr(GArray) ranges = cd_spell_find_misspelt (text, -1, check_word, self);
  int line = gtk_text_iter_get_line (line_start);
  gboolean done = TRUE;

  gtk_text_buffer_remove_tag (self->buffer, self->misspelt_tag, line_start, line_end);
  for (guint i = 0; i < ranges->len; i++)
    {
      CdSpellRange *range = &g_array_index (ranges, CdSpellRange, i);
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_line_index (self->buffer, &start, line, range->start);
      gtk_text_buffer_get_iter_at_line_index (self->buffer, &end, line, range->end);
      if (is_being_typed (self, &start, &end))
        {
          done = FALSE;
          continue;
        }
      gtk_text_buffer_apply_tag (self->buffer, self->misspelt_tag, &start, &end);
    }
  return done;
}

/* Callbacks */

static gboolean
check_cb (gpointer user_data)
{
  CdSpellHighlighter *self = user_data;
  gint64 deadline = g_get_monotonic_time () + CHUNK_USEC;
  gboolean deferred = FALSE;
  GtkTextIter iter;

  self->source = 0;
  gtk_text_buffer_get_start_iter (self->buffer, &iter);
  while (gtk_text_iter_has_tag (&iter, self->pending_tag) ||
         gtk_text_iter_forward_to_tag_toggle (&iter, self->pending_tag))
    {
      GtkTextIter line_start = iter;
      GtkTextIter line_end;

      gtk_text_iter_set_line_offset (&line_start, 0);
      line_end = line_start;
      if (!gtk_text_iter_ends_line (&line_end))
        gtk_text_iter_forward_to_line_end (&line_end);

      iter = line_end;
      gtk_text_iter_forward_line (&iter);
      /* The paragraph's newline goes too: a change tags across them. */
      if (check_line (self, &line_start, &line_end))
        gtk_text_buffer_remove_tag (self->buffer, self->pending_tag, &line_start, &iter);
      else
        deferred = TRUE;
      if (gtk_text_iter_is_end (&iter))
        break;
      if (g_get_monotonic_time () >= deadline)
        {
          schedule (self);
          return G_SOURCE_REMOVE;
        }
    }
  if (deferred)
    self->source = g_timeout_add (TYPING_PAUSE_USEC / 1000, check_cb, self);
  return G_SOURCE_REMOVE;
}

static void
on_insert_text_cb (CdSpellHighlighter *self,
                   GtkTextIter        *location,
                   const char         *text,
                   int                 length,
                   GtkTextBuffer      *buffer)
{
  GtkTextIter start = *location;

  /* Connected after the default handler: @location is past the text. */
  gtk_text_iter_backward_chars (&start, g_utf8_strlen (text, length));
  self->last_edit = g_get_monotonic_time ();
  if (self->checker)
    mark_pending (self, &start, location);
}

static void
on_delete_range_cb (CdSpellHighlighter *self,
                    GtkTextIter        *start,
                    GtkTextIter        *end,
                    GtkTextBuffer      *buffer)
{
  self->last_edit = g_get_monotonic_time ();
  if (self->checker)
    mark_pending (self, start, start);
}

/* GObject overrides */

static void
cd_spell_highlighter_dispose (GObject *object)
{
  CdSpellHighlighter *self = CD_SPELL_HIGHLIGHTER (object);

  g_clear_handle_id (&self->source, g_source_remove);
  if (self->buffer)
    g_signal_handlers_disconnect_by_data (self->buffer, self);
  g_clear_object (&self->buffer);
  g_clear_object (&self->checker);

  G_OBJECT_CLASS (cd_spell_highlighter_parent_class)->dispose (object);
}

static void
cd_spell_highlighter_class_init (CdSpellHighlighterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cd_spell_highlighter_dispose;
}

static void
cd_spell_highlighter_init (CdSpellHighlighter *self)
{
}

/* Public API */

CdSpellHighlighter *
cd_spell_highlighter_new (GtkTextBuffer *buffer)
{
  CdSpellHighlighter *self;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), NULL);

  self = g_object_new (CD_TYPE_SPELL_HIGHLIGHTER, NULL);
  self->buffer = g_object_ref (buffer);
  self->misspelt_tag = gtk_text_buffer_create_tag (buffer, NULL,
                                                   "underline", PANGO_UNDERLINE_ERROR,
                                                   NULL);
  self->pending_tag = gtk_text_buffer_create_tag (buffer, NULL, NULL);
  g_signal_connect_object (buffer, "insert-text", G_CALLBACK (on_insert_text_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (buffer, "delete-range", G_CALLBACK (on_delete_range_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  return self;
}

CdSpellChecker *
cd_spell_highlighter_get_checker (CdSpellHighlighter *self)
{
  g_return_val_if_fail (CD_IS_SPELL_HIGHLIGHTER (self), NULL);
  return self->checker;
}

/* @checker: NULL to check nothing (and underline nothing) */
void
cd_spell_highlighter_set_checker (CdSpellHighlighter *self,
                                  CdSpellChecker     *checker)
{
  GtkTextIter start, end;

  g_return_if_fail (CD_IS_SPELL_HIGHLIGHTER (self));
  g_return_if_fail (!checker || CD_IS_SPELL_CHECKER (checker));

  if (!g_set_object (&self->checker, checker))
    return;
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  if (checker)
    {
      mark_all_pending (self);
      return;
    }
  g_clear_handle_id (&self->source, g_source_remove);
  gtk_text_buffer_remove_tag (self->buffer, self->misspelt_tag, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->pending_tag, &start, &end);
}

/* The tag misspelt words carry. */
GtkTextTag *
cd_spell_highlighter_get_tag (CdSpellHighlighter *self)
{
  g_return_val_if_fail (CD_IS_SPELL_HIGHLIGHTER (self), NULL);
  return self->misspelt_tag;
}

/* TRUE while some text waits to be checked. */
gboolean
cd_spell_highlighter_get_busy (CdSpellHighlighter *self)
{
  g_return_val_if_fail (CD_IS_SPELL_HIGHLIGHTER (self), FALSE);
  return self->source != 0;
}

/* The misspelt word at @iter or just before it (the cursor after a
 * word), as it is underlined. */
gboolean
cd_spell_highlighter_get_word_at (CdSpellHighlighter *self,
                                  const GtkTextIter  *iter,
                                  GtkTextIter        *start,
                                  GtkTextIter        *end)
{
  g_return_val_if_fail (CD_IS_SPELL_HIGHLIGHTER (self), FALSE);
  g_return_val_if_fail (iter != NULL, FALSE);

  *start = *iter;
  if (!gtk_text_iter_has_tag (iter, self->misspelt_tag))
    {
      if (!gtk_text_iter_ends_tag (iter, self->misspelt_tag))
        return FALSE;
      gtk_text_iter_backward_char (start);
    }
  *end = *start;
  if (!gtk_text_iter_starts_tag (start, self->misspelt_tag))
    gtk_text_iter_backward_to_tag_toggle (start, self->misspelt_tag);
  gtk_text_iter_forward_to_tag_toggle (end, self->misspelt_tag);
  return TRUE;
}

/* Accepts @word from now on (in this checker's session) and checks the
 * buffer again. */
void
cd_spell_highlighter_ignore (CdSpellHighlighter *self,
                             const char         *word)
{
  g_return_if_fail (CD_IS_SPELL_HIGHLIGHTER (self));
  g_return_if_fail (word != NULL);

  if (self->checker == NULL)
    return;
  cd_spell_checker_ignore_word (self->checker, word, -1);
  mark_all_pending (self);
}
