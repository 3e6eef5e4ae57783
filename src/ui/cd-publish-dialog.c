/* cd-publish-dialog.c: publish the open article to a site
 *
 * One dialog walks through a publish: the form (site, status, schedule)
 * with what the checks found, a progress page that can be cancelled, and
 * then either the end (the dialog closes; the window shows a toast with
 * the link, see cd-window-publish.c), both versions side by side when the
 * post changed on the site, or a page saying the publish was queued or
 * why it failed.
 *
 * The article given is the window's live one: on success CdWpClient sets
 * its site binding (and CdPublisher its status), which the window saves
 * like any edit; on failure it is left exactly as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-publish-dialog.h"

#define DEFAULT_SCHEDULE_HOUR 9

/* The rows of the status drop-down, in the order of the .ui file. */
static const CdWpStatus status_rows[] = {
  CD_WP_STATUS_PUBLISH, CD_WP_STATUS_DRAFT, CD_WP_STATUS_PENDING, CD_WP_STATUS_FUTURE,
};

struct _CdPublishDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkWidget *cancel_button;
  GtkWidget *publish_button;
  GtkStack *stack;
  AdwComboRow *site_row;
  GtkStringList *site_list;
  AdwComboRow *status_row;
  GtkWidget *date_row;
  GtkMenuButton *date_button;
  GtkCalendar *calendar;
  GtkWidget *time_row;
  GtkSpinButton *hour_spin;
  GtkSpinButton *minute_spin;
  GtkListBox *problem_list;
  GtkSpinner *spinner;
  GtkLabel *progress_label;
  GtkLabel *conflict_label;
  GtkGrid *conflict_grid;
  AdwStatusPage *result_page;
  GtkWidget *back_button;

  CdPublisher *publisher;
  CdArticle *article;
  GCancellable *cancellable;     /* the publish running, if any */
  GPtrArray *problems;           /* CdWpProblem, of the last check */
  guint n_sites;
  guint blocked : 1;             /* the checks found a blocking problem */
  guint schedule_invalid : 1;    /* scheduled, but not in the future */
};

G_DEFINE_FINAL_TYPE (CdPublishDialog, cd_publish_dialog, ADW_TYPE_WINDOW)

/* Auxiliary methods */

static CdWpStatus
selected_status (CdPublishDialog *self)
{
  guint row = adw_combo_row_get_selected (self->status_row);

  return row < G_N_ELEMENTS (status_rows) ? status_rows[row] : CD_WP_STATUS_PUBLISH;
}

static const char *
selected_site (CdPublishDialog *self)
{
  guint row = adw_combo_row_get_selected (self->site_row);

  if (self->n_sites == 0 || row == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->site_list, row);
}

/* The scheduled time in the local time zone, from the calendar and the
 * two spin buttons. */
static GDateTime *
dup_schedule (CdPublishDialog *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);

  return g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day),
                                gtk_spin_button_get_value_as_int (self->hour_spin),
                                gtk_spin_button_get_value_as_int (self->minute_spin), 0);
}

static void
update_actions (CdPublishDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean on_form = g_strcmp0 (page, "form") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.send",
                                 cd_publish_dialog_get_can_publish (self));
  gtk_widget_set_visible (self->publish_button, on_form);
  gtk_widget_set_visible (self->cancel_button, g_strcmp0 (page, "result") != 0);
}

static void
show_page (CdPublishDialog *self,
           const char      *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "progress"));
  update_actions (self);
}

static GtkWidget *
problem_row (const char *icon,
             const char *text,
             const char *kind)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *image = gtk_image_new_from_icon_name (icon);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kind);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, kind, -1);
  return row;
}

/* Runs the checks again and lists what they found, blocking problems
 * first, then the schedule if it has passed. */
static void
refresh_problems (CdPublishDialog *self)
{
  GtkWidget *child;
  guint n_shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problem_list))))
    gtk_list_box_remove (self->problem_list, child);

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = cd_publisher_check_article (self->publisher, self->article);
  self->blocked = cd_wp_problems_have_blocking (self->problems);
  for (guint i = 0; i < self->problems->len; i++)
    {
      CdWpProblem *problem = g_ptr_array_index (self->problems, i);
      gboolean blocking = problem->level == CD_WP_PROBLEM_BLOCKING;

      gtk_list_box_append (self->problem_list,
                           problem_row (blocking ? "dialog-error-symbolic" : "dialog-warning-symbolic",
                                        problem->message,
                                        blocking ? _("Must be fixed before publishing")
                                                 : _("Worth a look; does not stop publishing")));
      n_shown++;
    }

  self->schedule_invalid = FALSE;
  if (selected_status (self) == CD_WP_STATUS_FUTURE)
    {
      g_autoptr(GDateTime) when = dup_schedule (self);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      if (when == NULL || g_date_time_compare (when, now) <= 0)
        {
          self->schedule_invalid = TRUE;
          gtk_list_box_append (self->problem_list,
                               problem_row ("dialog-error-symbolic",
                                            _("The scheduled time has passed: choose a later one."),
                                            _("Must be fixed before publishing")));
          n_shown++;
        }
    }
  if (n_shown == 0)
    gtk_list_box_append (self->problem_list,
                         problem_row ("emblem-ok-symbolic", _("Ready to publish."),
                                      _("Nothing stands in the way")));
  update_actions (self);
}

static void
update_schedule_rows (CdPublishDialog *self)
{
  gboolean scheduled = selected_status (self) == CD_WP_STATUS_FUTURE;
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *label = NULL;

  if (self->calendar == NULL)
    return;
  day = gtk_calendar_get_date (self->calendar);
  label = g_date_time_format (day, "%x");

  gtk_widget_set_visible (self->date_row, scheduled);
  gtk_widget_set_visible (self->time_row, scheduled);
  gtk_menu_button_set_label (self->date_button, label);
}

static void
fill_sites (CdPublishDialog *self)
{
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  guint preferred = 0;

  sites = cd_publisher_load_sites (self->publisher, &error);
  if (sites == NULL)
    {
      g_warning ("The sites in store.json do not load: %s", error->message);
      sites = g_ptr_array_new_with_free_func (g_object_unref);
    }
  self->n_sites = sites->len;
  for (guint i = 0; i < sites->len; i++)
    {
      const char *name = cd_site_get_name (g_ptr_array_index (sites, i));

      gtk_string_list_append (self->site_list, name);
      /* Where the article went before is where it most likely goes again. */
      if (cd_article_get_binding (self->article, name))
        preferred = i;
    }
  if (sites->len > 0)
    adw_combo_row_set_selected (self->site_row, preferred);
}

static void
set_result (CdPublishDialog *self,
            const char      *icon,
            const char      *title,
            const char      *description,
            gboolean         can_go_back)
{
  /* The status page reads markup; an error message may hold "<" or "&". */
  g_autofree char *escaped = g_markup_escape_text (description ? description : "", -1);

  adw_status_page_set_icon_name (self->result_page, icon);
  adw_status_page_set_title (self->result_page, title);
  adw_status_page_set_description (self->result_page, escaped);
  gtk_widget_set_visible (self->back_button, can_go_back);
  show_page (self, "result");
}

static GtkWidget *
version_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text && *text ? text : _("(empty)"));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  if (text == NULL || *text == '\0')
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
show_conflict (CdPublishDialog    *self,
               const char         *site,
               const CdWpConflict *conflict)
{
  const struct {
    const char *field;
    const char *remote;
    const char *local;
  } parts[] = {
    { N_("Title"), conflict->remote_title, conflict->local_title },
    { N_("Excerpt"), conflict->remote_excerpt, conflict->local_excerpt },
    { N_("Content"), conflict->remote_content, conflict->local_content },
  };
  g_autofree char *text = NULL;
  GtkWidget *child;
  int row = 1;

  /* Row 0 holds the column headings; the rows below, an earlier conflict. */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->conflict_grid));
  while (child)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      int column, child_row;

      gtk_grid_query_child (self->conflict_grid, child, &column, &child_row, NULL, NULL);
      if (child_row > 0)
        gtk_grid_remove (self->conflict_grid, child);
      child = next;
    }

  text = g_strdup_printf (_("Post %s on %s was changed on the site since Copydesk last "
                            "published it. Compare both versions: overwrite the site’s, or "
                            "cancel and leave both as they are."), conflict->post_id, site);
  gtk_label_set_label (self->conflict_label, text);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      gboolean same = g_strcmp0 (parts[i].remote, parts[i].local) == 0;
      g_autofree char *heading = same ? g_strdup_printf (_("%s (the same in both)"), _(parts[i].field))
                                      : g_strdup (_(parts[i].field));
      GtkWidget *label = gtk_label_new (heading);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_set_margin_top (label, 12);
      gtk_grid_attach (self->conflict_grid, label, 0, row++, 2, 1);
      gtk_grid_attach (self->conflict_grid, version_label (parts[i].remote), 0, row, 1, 1);
      gtk_grid_attach (self->conflict_grid, version_label (parts[i].local), 1, row++, 1, 1);
    }
  show_page (self, "conflict");
}

static void
on_published_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CdPublishDialog) self = user_data;
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(CdPublishJob) queued = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *site;

  binding = cd_publisher_publish_finish (CD_PUBLISHER (source), result, &queued, &error);
  g_clear_object (&self->cancellable);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  if (binding)
    {
      /* The window's toast carries the link from here. */
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      show_page (self, "form");
      return;
    }

  site = selected_site (self);
  if (queued)
    {
      text = g_strdup_printf (_("%s cannot be reached right now. The article will be published "
                                "when the site answers again; it stays as it is until then.\n\n%s"),
                              site, error->message);
      set_result (self, "network-offline-symbolic", _("Queued for Later"), text, FALSE);
    }
  else if (g_error_matches (error, CD_WP_ERROR, CD_WP_ERROR_CONFLICT) &&
           cd_wp_error_get_conflict (error))
    show_conflict (self, site, cd_wp_error_get_conflict (error));
  else
    set_result (self, "dialog-error-symbolic", _("Not Published"), error->message, TRUE);
}

static void
send (CdPublishDialog  *self,
      CdWpPublishFlags  flags)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *text = NULL;
  const char *site = selected_site (self);
  CdWpStatus status = selected_status (self);

  if (site == NULL)
    return;
  if (status == CD_WP_STATUS_FUTURE)
    when = dup_schedule (self);
  text = g_strdup_printf (_("Publishing to %s…"), site);
  gtk_label_set_label (self->progress_label, text);
  show_page (self, "progress");
  self->cancellable = g_cancellable_new ();
  cd_publisher_publish_async (self->publisher, self->article, site, status, when, flags, FALSE,
                              self->cancellable, on_published_cb, g_object_ref (self));
}

/* Callbacks */

static void
on_status_changed_cb (CdPublishDialog *self)
{
  update_schedule_rows (self);
  if (self->publisher)
    refresh_problems (self);
}

static void
on_schedule_changed_cb (CdPublishDialog *self)
{
  update_schedule_rows (self);
  if (self->publisher)
    refresh_problems (self);
}

/* Actions */

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CdPublishDialog *self = CD_PUBLISH_DIALOG (widget);

  /* The article may have changed since the dialog opened. */
  refresh_problems (self);
  if (cd_publish_dialog_get_can_publish (self))
    send (self, CD_WP_PUBLISH_NONE);
}

static void
overwrite_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  send (CD_PUBLISH_DIALOG (widget), CD_WP_PUBLISH_FORCE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CdPublishDialog *self = CD_PUBLISH_DIALOG (widget);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CdPublishDialog *self = CD_PUBLISH_DIALOG (widget);

  refresh_problems (self);
  show_page (self, "form");
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  if (parent)
    gtk_widget_activate_action (GTK_WIDGET (parent), "app.preferences", NULL);
  gtk_window_close (GTK_WINDOW (widget));
}

/* GObject overrides */

static void
cd_publish_dialog_dispose (GObject *object)
{
  CdPublishDialog *self = CD_PUBLISH_DIALOG (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_PUBLISH_DIALOG);

  G_OBJECT_CLASS (cd_publish_dialog_parent_class)->dispose (object);
}

static void
cd_publish_dialog_finalize (GObject *object)
{
  CdPublishDialog *self = CD_PUBLISH_DIALOG (object);

  g_clear_object (&self->publisher);
  g_clear_object (&self->article);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_publish_dialog_parent_class)->finalize (object);
}

static void
cd_publish_dialog_class_init (CdPublishDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_publish_dialog_dispose;
  object_class->finalize = cd_publish_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/copydesk/Copydesk/cd-publish-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdPublishDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CdPublishDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CdPublishDialog, publish_button);
  gtk_widget_class_bind_template_child (widget_class, CdPublishDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CdPublishDialog, site_row);
  gtk_widget_class_bind_template_child (widget_class, CdPublishDialog, site_list);
  gtk_widget_class_bind_template_child (widget_class, CdPublishDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, CdPublishDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, CdPublishDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, CdPublishDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, CdPublishDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, CdPublishDialog, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, CdPublishDialog, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, CdPublishDialog, problem_list);
  gtk_widget_class_bind_template_child (widget_class, CdPublishDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CdPublishDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CdPublishDialog, conflict_label);
  gtk_widget_class_bind_template_child (widget_class, CdPublishDialog, conflict_grid);
  gtk_widget_class_bind_template_child (widget_class, CdPublishDialog, result_page);
  gtk_widget_class_bind_template_child (widget_class, CdPublishDialog, back_button);
  gtk_widget_class_bind_template_callback (widget_class, on_status_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_schedule_changed_cb);

  gtk_widget_class_install_action (widget_class, "publish.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "publish.overwrite", NULL, overwrite_action);
  gtk_widget_class_install_action (widget_class, "publish.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "publish.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "publish.preferences", NULL,
                                   preferences_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "publish.cancel", NULL);
}

static void
cd_publish_dialog_init (CdPublishDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* A scheduled post defaults to tomorrow morning. */
  gtk_calendar_select_day (self->calendar, tomorrow);
  gtk_spin_button_set_value (self->hour_spin, DEFAULT_SCHEDULE_HOUR);
  gtk_spin_button_set_value (self->minute_spin, 0);
  update_schedule_rows (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->publish_button);
}

/* Public API */

GtkWidget *
cd_publish_dialog_new (GtkWindow   *parent,
                       CdPublisher *publisher,
                       CdArticle   *article)
{
  CdPublishDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CD_IS_PUBLISHER (publisher), NULL);
  g_return_val_if_fail (CD_IS_ARTICLE (article), NULL);

  self = g_object_new (CD_TYPE_PUBLISH_DIALOG, "transient-for", parent, NULL);
  self->publisher = g_object_ref (publisher);
  self->article = g_object_ref (article);
  adw_window_title_set_subtitle (self->window_title, cd_article_get_headline (article));
  fill_sites (self);
  refresh_problems (self);
  show_page (self, self->n_sites > 0 ? "form" : "no-sites");
  return GTK_WIDGET (self);
}

/* "form", "no-sites", "progress", "conflict" or "result". */
const char *
cd_publish_dialog_get_page (CdPublishDialog *self)
{
  g_return_val_if_fail (CD_IS_PUBLISH_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* A site is chosen, and neither the checks nor the schedule stand in the
 * way. */
gboolean
cd_publish_dialog_get_can_publish (CdPublishDialog *self)
{
  g_return_val_if_fail (CD_IS_PUBLISH_DIALOG (self), FALSE);
  return self->n_sites > 0 && !self->blocked && !self->schedule_invalid &&
         self->cancellable == NULL &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "form") == 0;
}

/* The problems listed, one per line, as shown. */
char *
cd_publish_dialog_dup_problems (CdPublishDialog *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (CD_IS_PUBLISH_DIALOG (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->problem_list)); row;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row))
      g_string_append_printf (text, "%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  return g_string_free (text, FALSE);
}

void
cd_publish_dialog_set_site (CdPublishDialog *self,
                            const char      *site)
{
  g_return_if_fail (CD_IS_PUBLISH_DIALOG (self));

  for (guint i = 0; i < self->n_sites; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->site_list, i), site) == 0)
      adw_combo_row_set_selected (self->site_row, i);
}

void
cd_publish_dialog_set_status (CdPublishDialog *self,
                              CdWpStatus       status)
{
  g_return_if_fail (CD_IS_PUBLISH_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (status_rows); i++)
    if (status_rows[i] == status)
      adw_combo_row_set_selected (self->status_row, i);
}

/* Sets the schedule's date and time (in local time). */
void
cd_publish_dialog_set_publish_at (CdPublishDialog *self,
                                  GDateTime       *when)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_if_fail (CD_IS_PUBLISH_DIALOG (self));
  g_return_if_fail (when != NULL);

  local = g_date_time_to_local (when);
  gtk_calendar_select_day (self->calendar, local);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (local));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (local));
  on_schedule_changed_cb (self);
}
