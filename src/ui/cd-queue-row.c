/* cd-queue-row.c: one publish waiting in the queue
 *
 * The row says what waits (the article's headline), for which site and
 * since when, and why, in plain words with the error message beneath as
 * the details.  It follows its job's changes, so a retry that fails again
 * shows at once.  Its buttons name the window's actions with the job's
 * id, so the keyboard, the mouse and the tests go the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-fold-bin.h"
#include "cd-queue-row.h"
#include "cd-ui-utils.h"

struct _CdQueueRow
{
  GtkListBoxRow parent_instance;

  CdFoldBin *fold_bin;
  GtkWidget *buttons_box;
  GtkLabel *headline_label;
  GtkLabel *where_label;
  GtkImage *problem_icon;
  GtkLabel *problem_label;
  GtkLabel *details_label;
  GtkWidget *retry_button;
  GtkWidget *remove_button;

  CdPublishJob *job;
  char *headline;
};

G_DEFINE_FINAL_TYPE (CdQueueRow, cd_queue_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_JOB,
  PROP_HEADLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

/* Those that pass by themselves wait; the others need the editor. */
static gboolean
needs_editor (CdPublishJob *job)
{
  return cd_publish_job_get_state (job) == CD_PUBLISH_JOB_FAILED;
}

static const char *
problem_icon_name (CdPublishProblem problem)
{
  switch (problem)
    {
    case CD_PUBLISH_PROBLEM_NONE:
      return "content-loading-symbolic";
    case CD_PUBLISH_PROBLEM_OFFLINE:
      return "network-offline-symbolic";
    case CD_PUBLISH_PROBLEM_SITE_TROUBLE:
      return "dialog-warning-symbolic";
    case CD_PUBLISH_PROBLEM_LOGIN:
    case CD_PUBLISH_PROBLEM_CONFLICT:
    case CD_PUBLISH_PROBLEM_ARTICLE:
    case CD_PUBLISH_PROBLEM_ARTICLE_GONE:
    case CD_PUBLISH_PROBLEM_SITE_GONE:
    case CD_PUBLISH_PROBLEM_OTHER:
    default:
      return "dialog-error-symbolic";
    }
}

static void
update_where (CdQueueRow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = cd_ui_format_relative_time (cd_publish_job_get_queued (self->job), now);
  g_autofree char *where = NULL;
  guint attempts = cd_publish_job_get_attempts (self->job);

  if (attempts == 0)
    /* Translators: the site's name, then when the publish was queued,
     * e.g. "newsroom · queued: 5 minutes ago" */
    where = g_strdup_printf (_("%s · queued: %s"), cd_publish_job_get_site (self->job), when);
  else
    /* Translators: the site's name, when the publish was queued, and how
     * many times sending it failed */
    where = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · queued: %s · %u failed attempt",
                                          "%s · queued: %s · %u failed attempts", attempts),
                             cd_publish_job_get_site (self->job), when, attempts);
  gtk_label_set_label (self->where_label, where);
}

static void
update_problem (CdQueueRow *self)
{
  CdPublishProblem problem = cd_publish_job_get_problem (self->job);
  const char *details = cd_publish_job_get_last_error (self->job);

  gtk_label_set_label (self->problem_label, cd_ui_publish_problem_text (problem));
  gtk_image_set_from_icon_name (self->problem_icon, problem_icon_name (problem));
  if (needs_editor (self->job))
    gtk_widget_add_css_class (GTK_WIDGET (self->problem_icon), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->problem_icon), "error");
  gtk_label_set_label (self->details_label, details ? details : "");
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), details && *details);
  /* The site's own words may be English in an Arabic window, or the other
   * way round: the line takes its own text's direction, or its full stop
   * and brackets land on the wrong side. */
  cd_ui_set_text_direction (GTK_WIDGET (self->details_label),
                            details ? cd_ui_text_is_rtl (details) : FALSE);
  update_where (self);
}

/* Callbacks */

static void
on_job_notify_cb (CdQueueRow *self)
{
  update_problem (self);
}

/* Narrow (folded), the buttons sit under the text, at its end: beside
 * it, a 360-pixel window left the headline a hundred pixels. */
static void
update_layout (CdQueueRow *self)
{
  gboolean folded = cd_fold_bin_get_folded (self->fold_bin);

  cd_ui_grid_place (self->buttons_box, folded ? 1 : 2, folded ? 1 : 0, 1);
  gtk_widget_set_halign (self->buttons_box, folded ? GTK_ALIGN_END : GTK_ALIGN_FILL);
}

/* GObject overrides */

static void
cd_queue_row_dispose (GObject *object)
{
  CdQueueRow *self = CD_QUEUE_ROW (object);

  if (self->job)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  /* The row's child is a named template child: see cd_photo_row_dispose(). */
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_QUEUE_ROW);

  G_OBJECT_CLASS (cd_queue_row_parent_class)->dispose (object);
}

static void
cd_queue_row_finalize (GObject *object)
{
  CdQueueRow *self = CD_QUEUE_ROW (object);

  g_free (self->headline);

  G_OBJECT_CLASS (cd_queue_row_parent_class)->finalize (object);
}

static void
cd_queue_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CdQueueRow *self = CD_QUEUE_ROW (object);

  switch (prop_id)
    {
    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;
    case PROP_HEADLINE:
      g_value_set_string (value, self->headline);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_job (CdQueueRow   *self,
         CdPublishJob *job)
{
  GVariant *target;

  g_assert (self->job == NULL);
  self->job = g_object_ref (job);
  target = g_variant_new_string (cd_publish_job_get_id (job));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->retry_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->remove_button), target);
  g_signal_connect_object (job, "notify", G_CALLBACK (on_job_notify_cb), self, G_CONNECT_SWAPPED);
  update_problem (self);
}

static void
set_headline (CdQueueRow *self,
              const char *headline)
{
  g_free (self->headline);
  /* An article deleted since it was queued has no headline to show. */
  self->headline = g_strdup (headline && *headline ? headline
                                                   : _("An article no longer in the store"));
  gtk_label_set_label (self->headline_label, self->headline);
}

static void
cd_queue_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CdQueueRow *self = CD_QUEUE_ROW (object);

  switch (prop_id)
    {
    case PROP_JOB:
      set_job (self, g_value_get_object (value));
      break;
    case PROP_HEADLINE:
      set_headline (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_queue_row_class_init (CdQueueRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_queue_row_dispose;
  object_class->finalize = cd_queue_row_finalize;
  object_class->get_property = cd_queue_row_get_property;
  object_class->set_property = cd_queue_row_set_property;

  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL, CD_TYPE_PUBLISH_JOB,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEADLINE] =
    g_param_spec_string ("headline", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CD_TYPE_FOLD_BIN);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/copydesk/Copydesk/cd-queue-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CdQueueRow, fold_bin);
  gtk_widget_class_bind_template_child (widget_class, CdQueueRow, buttons_box);
  gtk_widget_class_bind_template_callback (widget_class, update_layout);
  gtk_widget_class_bind_template_child (widget_class, CdQueueRow, headline_label);
  gtk_widget_class_bind_template_child (widget_class, CdQueueRow, where_label);
  gtk_widget_class_bind_template_child (widget_class, CdQueueRow, problem_icon);
  gtk_widget_class_bind_template_child (widget_class, CdQueueRow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, CdQueueRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, CdQueueRow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, CdQueueRow, remove_button);
}

static void
cd_queue_row_init (CdQueueRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
cd_queue_row_new (CdPublishJob *job,
                  const char   *headline)
{
  g_return_val_if_fail (CD_IS_PUBLISH_JOB (job), NULL);

  return g_object_new (CD_TYPE_QUEUE_ROW, "job", job, "headline", headline, NULL);
}

CdPublishJob *
cd_queue_row_get_job (CdQueueRow *self)
{
  g_return_val_if_fail (CD_IS_QUEUE_ROW (self), NULL);
  return self->job;
}

const char *
cd_queue_row_get_headline (CdQueueRow *self)
{
  g_return_val_if_fail (CD_IS_QUEUE_ROW (self), NULL);
  return self->headline;
}

/* The reason shown, in plain words. */
const char *
cd_queue_row_get_problem_text (CdQueueRow *self)
{
  g_return_val_if_fail (CD_IS_QUEUE_ROW (self), NULL);
  return gtk_label_get_label (self->problem_label);
}

/* The error message under it ("" before the first attempt). */
const char *
cd_queue_row_get_details (CdQueueRow *self)
{
  g_return_val_if_fail (CD_IS_QUEUE_ROW (self), NULL);
  return gtk_label_get_label (self->details_label);
}

/* The direction the error message is laid out in: its own text's. */
GtkTextDirection
cd_queue_row_get_details_direction (CdQueueRow *self)
{
  g_return_val_if_fail (CD_IS_QUEUE_ROW (self), GTK_TEXT_DIR_NONE);
  return gtk_widget_get_direction (GTK_WIDGET (self->details_label));
}
