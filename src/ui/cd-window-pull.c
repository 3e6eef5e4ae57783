/* cd-window-pull.c: bringing a published post's changes back from its site
 *
 * win.pull fetches the post the open article is bound to (win.pull-from
 * names the site when there are several) through CdPublisher, with the
 * rules of `copydesk-cli pull`: a post unchanged since Copydesk last wrote
 * or pulled it brings nothing; a post changed on the site is taken only
 * when asked to, which here is a dialog saying what would be replaced.
 *
 * No text is lost on the way: what the editor has is saved first (or the
 * pull refused, saying why), the site's version is saved over the
 * revision the editor had (so an edit made meanwhile stops it), and the
 * version it replaced stays available to win.undo-pull until the article
 * is edited again or left.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cd-toast.h"
#include "cd-ui-utils.h"
#include "cd-window-private.h"

#define PULL_STATE_KEY "cd-pull-state"
#define PULL_DIALOG_KEY "cd-pull-dialog"

typedef struct
{
  GCancellable *cancellable;    /* cancelled when the window goes */
  CdArticle *before;            /* the open article before it took the site's version */
  CdArticle *after;             /* and just after: undo only while nothing changed since */
  guint pulling : 1;
} PullState;

typedef struct
{
  CdWindow *window;
  char *article_id;
  char *site;
} PullCall;

/* The fields a pull replaces, compared to say what it would change. */
typedef struct
{
  const char *label;
  gboolean  (*same) (CdArticle *a, CdArticle *b);
  void      (*copy) (CdArticle *dst, CdArticle *src);
} PulledField;

static void start_pull (CdWindow   *self,
                        const char *site,
                        gboolean    update);

static void
pull_state_free (PullState *state)
{
  if (state->cancellable)
    g_cancellable_cancel (state->cancellable);
  g_clear_object (&state->cancellable);
  g_clear_object (&state->before);
  g_clear_object (&state->after);
  g_free (state);
}

static void
pull_call_free (PullCall *call)
{
  g_object_unref (call->window);
  g_free (call->article_id);
  g_free (call->site);
  g_free (call);
}

static PullState *
get_state (CdWindow *self)
{
  return g_object_get_data (G_OBJECT (self), PULL_STATE_KEY);
}

/* The fields */

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a ? a : "", b ? b : "") == 0;
}

#define TEXT_FIELD(name)                                                     \
  static gboolean                                                           \
  name##_same (CdArticle *a, CdArticle *b)                                  \
  {                                                                         \
    return same_text (cd_article_get_##name (a), cd_article_get_##name (b)); \
  }                                                                         \
  static void                                                               \
  name##_copy (CdArticle *dst, CdArticle *src)                              \
  {                                                                         \
    cd_article_set_##name (dst, cd_article_get_##name (src));               \
  }

TEXT_FIELD (headline)
TEXT_FIELD (standfirst)
TEXT_FIELD (body)
TEXT_FIELD (section)

#undef TEXT_FIELD

static gboolean
tags_same (CdArticle *a,
           CdArticle *b)
{
  const char * const empty[] = { NULL };
  const char * const *ta = cd_article_get_tags (a);
  const char * const *tb = cd_article_get_tags (b);

  return g_strv_equal (ta ? ta : empty, tb ? tb : empty);
}

static void
tags_copy (CdArticle *dst,
           CdArticle *src)
{
  cd_article_set_tags (dst, cd_article_get_tags (src));
}

static gboolean
status_same (CdArticle *a,
             CdArticle *b)
{
  return cd_article_get_status (a) == cd_article_get_status (b);
}

static void
status_copy (CdArticle *dst,
             CdArticle *src)
{
  cd_article_set_status (dst, cd_article_get_status (src));
}

/* What cd_publisher_pull_article_async() replaces, in that order. */
static const PulledField pulled_fields[] = {
  { N_("headline"), headline_same, headline_copy },
  { N_("standfirst"), standfirst_same, standfirst_copy },
  { N_("body"), body_same, body_copy },
  { N_("section"), section_same, section_copy },
  { N_("tags"), tags_same, tags_copy },
  { N_("status"), status_same, status_copy },
};

/* The labels of the fields that differ, joined; "" when none does. */
static char *
describe_differences (CdArticle *mine,
                      CdArticle *theirs)
{
  const char *names[G_N_ELEMENTS (pulled_fields) + 1] = { NULL };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (pulled_fields); i++)
    if (!pulled_fields[i].same (mine, theirs))
      names[n++] = _(pulled_fields[i].label);
  return cd_ui_join_names (names);
}

static gboolean
same_pulled_fields (CdArticle *a,
                    CdArticle *b)
{
  for (guint i = 0; i < G_N_ELEMENTS (pulled_fields); i++)
    if (!pulled_fields[i].same (a, b))
      return FALSE;
  return TRUE;
}

/* The sites the article has a post on. */
static GPtrArray *
bound_sites (CdArticle *article)
{
  GPtrArray *sites = g_ptr_array_new ();
  GPtrArray *bindings = article ? cd_article_get_bindings (article) : NULL;

  for (guint i = 0; bindings && i < bindings->len; i++)
    {
      CdSiteBinding *binding = g_ptr_array_index (bindings, i);
      const char *post_id = cd_site_binding_get_post_id (binding);

      if (post_id && *post_id)
        g_ptr_array_add (sites, (gpointer) cd_site_binding_get_site (binding));
    }
  return sites;
}

static gboolean
is_open_article (CdWindow   *self,
                 const char *id)
{
  return self->article && g_strcmp0 (cd_article_get_id (self->article), id) == 0;
}

/* Dialogs */

static void
on_dialog_gone (gpointer  data,
                GObject  *where_the_dialog_was)
{
  CdWindow *self = data;

  if (g_object_get_data (G_OBJECT (self), PULL_DIALOG_KEY) == where_the_dialog_was)
    g_object_set_data (G_OBJECT (self), PULL_DIALOG_KEY, NULL);
}

static void
present_dialog (CdWindow  *self,
                GtkWidget *dialog)
{
  g_object_set_data (G_OBJECT (self), PULL_DIALOG_KEY, dialog);
  g_object_weak_ref (G_OBJECT (dialog), on_dialog_gone, self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_take_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PullCall         *call)
{
  if (g_str_equal (response, "take"))
    {
      if (is_open_article (call->window, call->article_id))
        start_pull (call->window, call->site, TRUE);
      else
        _cd_window_toast (call->window, _("Nothing was taken: another article is open now"));
    }
  else
    _cd_window_toast (call->window, _("Your version stays; publishing it asks before it "
                                      "replaces the site’s"));
}

/* The post changed on the site: the rule of `pull` is to leave the
 * article alone unless asked, so ask, naming what would be replaced. */
static void
ask_to_take (CdWindow  *self,
             PullCall  *call,
             CdArticle *pulled)
{
  g_autofree char *fields = describe_differences (self->article, pulled);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: the second %s lists fields, e.g. "headline, body" */
  body = g_strdup_printf (_("The post on %s was changed there since Copydesk last sent or "
                            "pulled it. Taking the site’s version replaces these fields of the "
                            "article: %s. Undo brings yours back until you edit or leave the "
                            "article."), call->site, fields);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Take the Site’s Version?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Mine"),
                                    "take", _("_Take the Site’s Version"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "take",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_take_response_cb),
                         g_steal_pointer (&call), (GClosureNotify) pull_call_free, 0);
  present_dialog (self, dialog);
}

static void
on_site_response_cb (CdWindow         *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  if (g_str_has_prefix (response, "site:"))
    start_pull (self, response + strlen ("site:"), FALSE);
}

/* The article is on several sites: which one's version? */
static void
ask_which_site (CdWindow  *self,
                GPtrArray *sites)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Bring Back Changes from Which Site?"),
                                   _("This article is published on several sites."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  for (guint i = 0; i < sites->len; i++)
    {
      g_autofree char *id = g_strconcat ("site:", g_ptr_array_index (sites, i), NULL);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), id,
                                       g_ptr_array_index (sites, i));
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_site_response_cb), self,
                           G_CONNECT_SWAPPED);
  present_dialog (self, dialog);
}

/* Pulling */

static void
set_pulling (CdWindow *self,
             gboolean  pulling)
{
  PullState *state = get_state (self);

  if (state == NULL)
    return;
  state->pulling = pulling;
  _cd_window_update_actions (self);
}

static void
report_updated (CdWindow     *self,
                CdPullResult *result,
                const char   *site)
{
  PullState *state = get_state (self);
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (is_open_article (self, result->article_id))
    {
      _cd_window_take_disk_version (self);
      g_clear_object (&state->after);
      if (state->before && self->article)
        state->after = cd_article_copy (self->article);
    }
  text = g_strdup_printf (_("“%s” now has the text of its post on %s"),
                          result->headline ? result->headline : "", site);
  toast = adw_toast_new (text);
  if (state->after)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo-pull");
    }
  adw_toast_set_timeout (toast, 10);
  cd_toast_add (self->toast_overlay, toast);
  _cd_window_update_actions (self);
}

static void
on_pulled_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PullCall *call = user_data;
  CdWindow *self = call->window;
  g_autoptr(CdPullResult) pull_result = NULL;
  g_autoptr(CdArticle) pulled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  pull_result = cd_publisher_pull_article_finish (CD_PUBLISHER (source), result, &pulled, &error);
  set_pulling (self, FALSE);
  if (pull_result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _cd_window_show_error (self, _("Could not bring back the site’s version"), error);
      pull_call_free (call);
      return;
    }
  switch (pull_result->action)
    {
    case CD_PULL_UPDATED:
      report_updated (self, pull_result, call->site);
      break;
    case CD_PULL_SKIPPED:
      if (!is_open_article (self, call->article_id))
        {
          text = g_strdup_printf (_("The post on %s was changed there; open “%s” again to take "
                                    "the site’s version"), call->site,
                                  pull_result->headline ? pull_result->headline : "");
          _cd_window_toast (self, text);
        }
      /* Changed on the site, yet the same in every field pulled (only its
       * time moved): taking it changes no text, so no question. */
      else if (same_pulled_fields (self->article, pulled))
        start_pull (self, call->site, TRUE);
      else
        ask_to_take (self, g_steal_pointer (&call), pulled);
      break;
    case CD_PULL_UNCHANGED:
    case CD_PULL_ADDED:
    default:
      text = g_strdup_printf (_("Nothing to bring back: the post on %s has not changed since "
                                "Copydesk last sent or pulled it"), call->site);
      _cd_window_toast (self, text);
      break;
    }
  if (call)
    pull_call_free (call);
}

static void
start_pull (CdWindow   *self,
            const char *site,
            gboolean    update)
{
  PullState *state = get_state (self);
  g_autoptr(GError) error = NULL;
  PullCall *call;

  if (state == NULL || state->pulling || self->article == NULL || !self->store_open)
    return;
  /* The pull compares with, and replaces, what is on disk: the editor's
   * text goes there first, or nothing happens. */
  if (!_cd_window_flush (self, &error))
    {
      _cd_window_show_error (self, _("Nothing was brought back: the article could not be saved "
                                     "first"), error);
      return;
    }
  if (update)
    {
      g_clear_object (&state->after);
      g_clear_object (&state->before);
      state->before = cd_article_copy (self->article);
    }
  call = g_new0 (PullCall, 1);
  call->window = g_object_ref (self);
  call->article_id = g_strdup (cd_article_get_id (self->article));
  call->site = g_strdup (site);
  set_pulling (self, TRUE);
  cd_publisher_pull_article_async (cd_window_get_publisher (self), self->article, site, update,
                                   state->cancellable, on_pulled_cb, call);
}

/* Actions */

static void
pull_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  g_autoptr(GPtrArray) sites = bound_sites (self->article);

  if (sites->len == 0)
    _cd_window_toast (self, _("This article has not been published yet; there is nothing to "
                              "bring back"));
  else if (sites->len == 1)
    start_pull (self, g_ptr_array_index (sites, 0), FALSE);
  else
    ask_which_site (self, sites);
}

static void
pull_from_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  start_pull (CD_WINDOW (widget), g_variant_get_string (param, NULL), FALSE);
}

/* Gives the open article back the fields the pull replaced, as long as
 * nothing changed them since; the post binding stays the site's, so the
 * next publish sends this text over the site's version. */
static void
undo_pull_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  PullState *state = get_state (self);

  if (state == NULL || state->before == NULL || state->after == NULL)
    return;
  if (!is_open_article (self, cd_article_get_id (state->before)) ||
      !same_pulled_fields (self->article, state->after))
    _cd_window_toast (self, _("The article changed since; its earlier text cannot be brought "
                              "back"));
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (pulled_fields); i++)
        pulled_fields[i].copy (self->article, state->before);
      _cd_window_save_now (self);
      _cd_window_toast (self, _("Your text is back; publish the article to send it to the site"));
    }
  g_clear_object (&state->before);
  g_clear_object (&state->after);
  _cd_window_update_actions (self);
}

static void
on_window_destroy_cb (CdWindow *self)
{
  PullState *state = get_state (self);
  GtkWidget *dialog = g_object_get_data (G_OBJECT (self), PULL_DIALOG_KEY);

  if (dialog)
    gtk_window_destroy (GTK_WINDOW (dialog));
  if (state)
    g_cancellable_cancel (state->cancellable);
}

/* Private API */

void
_cd_window_class_pull_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.pull", NULL, pull_action);
  gtk_widget_class_install_action (widget_class, "win.pull-from", "s", pull_from_action);
  gtk_widget_class_install_action (widget_class, "win.undo-pull", NULL, undo_pull_action);
}

void
_cd_window_pull_init (CdWindow *self)
{
  PullState *state = g_new0 (PullState, 1);

  state->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (self), PULL_STATE_KEY, state,
                          (GDestroyNotify) pull_state_free);
  g_signal_connect (self, "destroy", G_CALLBACK (on_window_destroy_cb), NULL);
}

void
_cd_window_update_pull_actions (CdWindow *self)
{
  PullState *state = get_state (self);
  g_autoptr(GPtrArray) sites = bound_sites (self->article);
  gboolean can_pull = state && !state->pulling && self->store_open && self->article;

  /* An undo left over from another article does not apply to this one. */
  if (state && state->before && !is_open_article (self, cd_article_get_id (state->before)))
    {
      g_clear_object (&state->before);
      g_clear_object (&state->after);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.pull", can_pull && sites->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.pull-from", can_pull);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-pull",
                                 state && state->before && state->after);
}

/* Public API */

/* The dialog of a pull (which site, or take the site's version?), while
 * one is showing. */
GtkWidget *
cd_window_get_pull_dialog (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);
  return g_object_get_data (G_OBJECT (self), PULL_DIALOG_KEY);
}

/* TRUE while a post is being fetched for the open article. */
gboolean
cd_window_get_pulling (CdWindow *self)
{
  PullState *state;

  g_return_val_if_fail (CD_IS_WINDOW (self), FALSE);

  state = get_state (self);
  return state && state->pulling;
}
