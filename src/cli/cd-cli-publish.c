/* cd-cli-publish.c: site check, publish, pull, queue
 *
 * The work is CdPublisher's (src/core/cd-publisher.c), which the window
 * uses too; this file parses the command line, runs the asynchronous
 * calls to their end on the default main context and prints the outcome.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-cli.h"
#include "cd-publisher.h"
#include "cd-util.h"

/* Requests in flight at once when publishing several articles: a site
 * answers them side by side (php -S and most hosting run several
 * workers), and the articles do not depend on one another. */
#define MAX_PARALLEL_PUBLISHES 4

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs the default main context until the asynchronous call finished. */
static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static CdPublisher *
open_publisher (CdCli       *cli,
                const char  *password_file,
                GError     **error)
{
  CdStore *store = cd_cli_open_store (cli, error);
  CdPublisher *publisher;

  if (store == NULL)
    return NULL;
  publisher = cd_publisher_new (store);
  cd_publisher_set_password_file (publisher, password_file);
  return publisher;
}

/* ------------------------------------------------------------------------
 * site check
 * ------------------------------------------------------------------------ */

int
cd_cli_site_check (CdCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autofree char *password_file = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdPublisher) publisher = NULL;
  g_autoptr(CdSite) site = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *user = NULL;
  const GOptionEntry entries[] = {
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("Read the application password from FILE (only you may read it)"), N_("FILE") },
    { NULL }
  };
  CdWpClient *client;
  int status;

  context = cd_cli_context_new ("site check", _("NAME"),
                                _("Find the site's REST API and log in with its user and "
                                  "application password."), entries);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return cd_cli_usage_error (context, _("Give the name of a site"));

  if ((publisher = open_publisher (cli, password_file, &error)) == NULL ||
      (site = cd_publisher_find_site (publisher, argv[1], &error)) == NULL ||
      (client = cd_publisher_get_client (publisher, argv[1], &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));

  cd_publisher_check_site_async (publisher, argv[1], NULL, store_result_cb, &result);
  user = cd_publisher_check_site_finish (publisher, wait_for (&result), &error);
  if (user == NULL)
    return cd_cli_fail (g_steal_pointer (&error));
  cd_cli_print (_("Logged in to %s (%s) as %s; the REST API is at %s\n"),
                cd_site_get_name (site), cd_site_get_url (site), user,
                cd_wp_client_get_rest_root (client));
  return CD_CLI_OK;
}

/* ------------------------------------------------------------------------
 * publish
 * ------------------------------------------------------------------------ */

typedef struct _PublishRun PublishRun;

typedef struct
{
  CdArticle *article;
  GAsyncResult *result;
  PublishRun *run;
  gboolean started;
} Item;

struct _PublishRun
{
  CdPublisher *publisher;
  GArray *items;            /* Item */
  const char *site;
  CdWpStatus status;
  GDateTime *at;
  CdWpPublishFlags flags;
};

static void start_next (PublishRun *run);

static void
item_clear (Item *item)
{
  g_clear_object (&item->article);
  g_clear_object (&item->result);
}

static void
on_item_published_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Item *item = user_data;

  item->result = g_object_ref (result);
  start_next (item->run);
}

/* Starts the next article waiting, if any. */
static void
start_next (PublishRun *run)
{
  for (guint i = 0; i < run->items->len; i++)
    {
      Item *item = &g_array_index (run->items, Item, i);

      if (item->started)
        continue;
      item->started = TRUE;
      item->run = run;
      cd_publisher_publish_async (run->publisher, item->article, run->site, run->status, run->at,
                                  run->flags, TRUE, NULL, on_item_published_cb, item);
      return;
    }
}

/* Prints text indented, each line of it, or "(empty)". */
static void
print_block (const char *label,
             const char *text)
{
  g_auto(GStrv) lines = NULL;

  g_printerr ("  %s\n", label);
  if (cd_str_is_blank (text))
    {
      g_printerr ("    %s\n", _("(empty)"));
      return;
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (lines[i][0] != '\0' || lines[i + 1] != NULL)
      g_printerr ("    %s\n", lines[i]);
}

static void
print_conflict (const char         *id,
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

  g_printerr (_("%s: post %s on site %s was changed on the site (at %s UTC) since Copydesk "
                "last published it (at %s UTC). Both versions:\n"),
              id, conflict->post_id, site,
              conflict->remote_modified ? conflict->remote_modified : "?",
              conflict->recorded_modified ? conflict->recorded_modified : "?");
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const char *field = _(parts[i].field);

      if (g_strcmp0 (parts[i].remote, parts[i].local) == 0)
        {
          /* Translators: %s is a field of the post: Title, Excerpt or Content */
          g_autofree char *text = g_strdup_printf (_("%s (the same in both)"), field);

          g_printerr ("%s\n", text);
          continue;
        }
      /* Translators: %s is a field of the post (Title, Excerpt or Content),
       * as the heading of both its versions */
      g_printerr (_("%s:\n"), field);
      print_block (_("On the site:"), parts[i].remote);
      print_block (_("In Copydesk:"), parts[i].local);
    }
  g_printerr (_("Nothing was changed. To overwrite the site's version, publish again with "
                "--force.\n"));
}

/* Lists what stands in the way; TRUE when nothing blocks. */
static gboolean
check_articles (CdPublisher *publisher,
                GArray      *items)
{
  gboolean ready = TRUE;

  for (guint i = 0; i < items->len; i++)
    {
      CdArticle *article = g_array_index (items, Item, i).article;
      g_autoptr(GPtrArray) problems = cd_publisher_check_article (publisher, article);

      for (guint j = 0; j < problems->len; j++)
        {
          CdWpProblem *problem = g_ptr_array_index (problems, j);

          if (problem->level == CD_WP_PROBLEM_BLOCKING)
            {
              g_printerr (_("copydesk-cli: %s is not ready to publish: %s\n"),
                          cd_article_get_id (article), problem->message);
              ready = FALSE;
            }
          else
            g_printerr (_("copydesk-cli: warning: %s: %s\n"), cd_article_get_id (article),
                        problem->message);
        }
    }
  if (!ready)
    g_printerr (_("copydesk-cli: nothing was published; fix the problems above first\n"));
  return ready;
}

/* "2026-05-01T09:00:00Z", "2026-05-01 11:00:00+02:00"; without a zone the
 * time is local. */
static GDateTime *
parse_time (const char *text)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *with_seconds = NULL;
  GDateTime *dt;

  if (text == NULL)
    return NULL;
  dt = g_date_time_new_from_iso8601 (text, local);
  if (dt == NULL && strlen (text) == 16)
    {
      /* "2026-05-01T09:00": seconds left out. */
      with_seconds = g_strconcat (text, ":00", NULL);
      dt = g_date_time_new_from_iso8601 (with_seconds, local);
    }
  return dt;
}

/* Prints one article's outcome; returns its exit status. */
static int
report_item (CdPublisher *publisher,
             Item        *item,
             const char  *site)
{
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(CdPublishJob) queued = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = cd_article_get_id (item->article);

  binding = cd_publisher_publish_finish (publisher, item->result, &queued, &error);
  if (binding)
    {
      cd_cli_print ("%s\t%s\t%s\n", id, cd_site_binding_get_post_id (binding),
                    cd_site_binding_get_link (binding) ? cd_site_binding_get_link (binding) : "");
      return CD_CLI_OK;
    }
  if (queued)
    {
      g_printerr (_("copydesk-cli: %s: %s\n"), id, error->message);
      g_printerr (_("copydesk-cli: %s was queued for site %s (job %s); publish it later with "
                    "“copydesk-cli queue run”\n"), id, site, cd_publish_job_get_id (queued));
      return CD_CLI_QUEUED;
    }
  if (g_error_matches (error, CD_WP_ERROR, CD_WP_ERROR_CONFLICT) &&
      cd_wp_error_get_conflict (error))
    print_conflict (id, site, cd_wp_error_get_conflict (error));
  else
    g_printerr (_("copydesk-cli: %s: %s\n"), id, error->message);
  return CD_CLI_FAILED;
}

/* Publishes the articles, a few at a time, and prints each outcome in the
 * order the ids were given. */
static int
publish_all (PublishRun *run)
{
  int status = CD_CLI_OK;

  for (guint i = 0; i < MIN (run->items->len, MAX_PARALLEL_PUBLISHES); i++)
    start_next (run);

  for (guint i = 0; i < run->items->len; i++)
    {
      Item *item = &g_array_index (run->items, Item, i);
      int item_status;

      wait_for (&item->result);
      item_status = report_item (run->publisher, item, run->site);
      if (item_status == CD_CLI_FAILED || (item_status == CD_CLI_QUEUED && status == CD_CLI_OK))
        status = item_status;
    }
  return status;
}

int
cd_cli_publish (CdCli  *cli,
                int     argc,
                char  **argv)
{
  g_autofree char *site = NULL, *status_name = NULL, *at_text = NULL, *password_file = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdPublisher) publisher = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(CdSite) site_profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (Item));
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "site", 0, 0, G_OPTION_ARG_STRING, &site, N_("The site to publish to"), N_("NAME") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_name,
      N_("What the post becomes: draft, pending (for review), publish (the default) or "
         "future (scheduled, with --at)"), N_("STATUS") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_text,
      N_("When a scheduled post goes live, e.g. 2026-05-01T09:00:00Z; without a zone the "
         "time is local"), N_("TIME") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Overwrite a post that was changed on the site since it was last published"), NULL },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("Read the application password from FILE (only you may read it)"), N_("FILE") },
    { NULL }
  };
  CdWpStatus wp_status = CD_WP_STATUS_PUBLISH;
  PublishRun run;
  int status;

  g_array_set_clear_func (items, (GDestroyNotify) item_clear);
  context = cd_cli_context_new ("publish", _("ID…"),
                                _("Publish articles to a WordPress site and print, for each, "
                                  "its id, post id and link."), entries);
  g_option_context_set_description (context,
                                    _("A post published live marks its article published; a "
                                      "draft, pending or scheduled post leaves the article's "
                                      "status as it is.\n"
                                      "When the site cannot be reached the publish is queued: "
                                      "see “copydesk-cli queue”.\n"
                                      "Exit status: 0 published, 1 failed, 2 wrong command "
                                      "line, 3 queued for later."));
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (site == NULL)
    return cd_cli_usage_error (context, _("Say where to publish with --site NAME"));
  if (argc < 2)
    return cd_cli_usage_error (context, _("Give the ids of the articles to publish"));
  if (status_name && !cd_wp_status_from_string (status_name, &wp_status))
    return cd_cli_usage_error (context, _("“%s” is not a status: use draft, pending, publish "
                                          "or future"), status_name);
  if (at_text && (at = parse_time (at_text)) == NULL)
    return cd_cli_usage_error (context, _("“%s” is not a time; write it like "
                                          "2026-05-01T09:00:00Z"), at_text);
  if (at && status_name == NULL)
    wp_status = CD_WP_STATUS_FUTURE;
  if (wp_status == CD_WP_STATUS_FUTURE && at == NULL)
    return cd_cli_usage_error (context, _("A scheduled post needs --at TIME"));
  if (at && wp_status != CD_WP_STATUS_FUTURE)
    return cd_cli_usage_error (context, _("--at goes with --status future"));

  if ((publisher = open_publisher (cli, password_file, &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));

  /* Every id is resolved and every article checked before anything is
   * sent, so a typo or an unready article stops the whole command. */
  for (int i = 1; i < argc; i++)
    {
      Item item = { NULL, NULL, NULL, FALSE };

      if ((item.article = cd_cli_load_article (cli, argv[i], &error)) == NULL)
        return cd_cli_fail (g_steal_pointer (&error));
      g_array_append_val (items, item);
    }
  /* The site and the checks first, the password (perhaps a keyring
   * prompt) only for something that can go out. */
  if ((site_profile = cd_publisher_find_site (publisher, site, &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));
  if (!check_articles (publisher, items))
    return CD_CLI_FAILED;
  if (cd_publisher_get_client (publisher, site, &error) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));

  run.publisher = publisher;
  run.items = items;
  run.site = site;
  run.status = wp_status;
  run.at = at;
  run.flags = force ? CD_WP_PUBLISH_FORCE : CD_WP_PUBLISH_NONE;
  return publish_all (&run);
}

/* ------------------------------------------------------------------------
 * pull
 * ------------------------------------------------------------------------ */

int
cd_cli_pull (CdCli  *cli,
             int     argc,
             char  **argv)
{
  g_autofree char *site = NULL, *password_file = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdPublisher) publisher = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  gboolean update = FALSE;
  guint counts[CD_PULL_SKIPPED + 1] = { 0 };
  const GOptionEntry entries[] = {
    { "site", 0, 0, G_OPTION_ARG_STRING, &site, N_("The site to pull from"), N_("NAME") },
    { "update", 0, 0, G_OPTION_ARG_NONE, &update,
      N_("Let articles bound to a post that changed on the site take the site's version"),
      NULL },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("Read the application password from FILE (only you may read it)"), N_("FILE") },
    { NULL }
  };
  const char *words[] = {
    [CD_PULL_ADDED] = "added",
    [CD_PULL_UNCHANGED] = "unchanged",
    [CD_PULL_UPDATED] = "updated",
    [CD_PULL_SKIPPED] = "skipped",
  };
  int status;

  context = cd_cli_context_new ("pull", NULL,
                                _("Bring the site's posts into the store as articles bound to "
                                  "their posts, and print what became of each: added, "
                                  "unchanged, updated or skipped."), entries);
  g_option_context_set_description (context,
                                    _("A post already bound to an article is never added "
                                      "twice. When it changed on the site since, the article "
                                      "is left alone (skipped) unless --update is given."));
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (site == NULL)
    return cd_cli_usage_error (context, _("Say where to pull from with --site NAME"));
  if (argc > 1)
    return cd_cli_usage_error (context, _("Unexpected argument “%s”"), argv[1]);

  if ((publisher = open_publisher (cli, password_file, &error)) == NULL ||
      cd_publisher_get_client (publisher, site, &error) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));

  cd_publisher_pull_async (publisher, site, update, NULL, store_result_cb, &result);
  results = cd_publisher_pull_finish (publisher, wait_for (&result), &error);
  if (results == NULL)
    return cd_cli_fail (g_steal_pointer (&error));

  for (guint i = 0; i < results->len; i++)
    {
      CdPullResult *r = g_ptr_array_index (results, i);

      counts[r->action]++;
      cd_cli_print ("%s\t%s\t%s\t%s\n", words[r->action], r->article_id, r->post_id,
                    r->headline ? r->headline : "");
    }
  /* Translators: each count follows its label, so that no noun has to
   * agree with a number */
  g_printerr (_("copydesk-cli: posts: %u; added: %u, updated: %u, unchanged: %u, changed on the "
                "site and skipped: %u\n"), results->len, counts[CD_PULL_ADDED],
              counts[CD_PULL_UPDATED], counts[CD_PULL_UNCHANGED], counts[CD_PULL_SKIPPED]);
  if (counts[CD_PULL_SKIPPED] > 0)
    g_printerr (_("copydesk-cli: run “pull --update” to let the skipped articles take the "
                  "site's version\n"));
  return CD_CLI_OK;
}

/* ------------------------------------------------------------------------
 * queue
 * ------------------------------------------------------------------------ */

/* Why a publish waits, in plain words, with what to do about it from
 * here: the window's wording names its own buttons and Preferences, this
 * one the commands. */
static const char *
problem_text (CdPublishProblem problem)
{
  switch (problem)
    {
    case CD_PUBLISH_PROBLEM_NONE:
      return _("Not sent yet.");
    case CD_PUBLISH_PROBLEM_OFFLINE:
      return _("The site could not be reached. Run “queue run” again when the network or the "
               "site is back.");
    case CD_PUBLISH_PROBLEM_SITE_TROUBLE:
      return _("The site was busy or had an error of its own. Run “queue run” again later.");
    case CD_PUBLISH_PROBLEM_LOGIN:
      return _("The site refused the user name or application password. Check them with "
               "“site check”, then run “queue run”.");
    case CD_PUBLISH_PROBLEM_CONFLICT:
      return _("The post was changed on the site since Copydesk last published it. Publish the "
               "article again to see both versions, then remove this job.");
    case CD_PUBLISH_PROBLEM_ARTICLE:
      return _("The article is not ready to publish. Fix what the last error names, then run "
               "“queue run”.");
    case CD_PUBLISH_PROBLEM_ARTICLE_GONE:
      return _("The article is no longer in the store, so there is nothing to send. Remove "
               "this job.");
    case CD_PUBLISH_PROBLEM_SITE_GONE:
      return _("The site is no longer among the store's sites. Add it again with “site add”, "
               "or remove this job.");
    case CD_PUBLISH_PROBLEM_OTHER:
    default:
      return _("Publishing failed; the last error says what went wrong.");
    }
}

static void
print_job (CdPublishJob *job)
{
  g_autofree char *queued = cd_cli_format_time (cd_publish_job_get_queued (job));
  g_autofree char *last_error = cd_cli_tsv_field (cd_publish_job_get_last_error (job));
  g_autofree char *at = NULL;

  if (cd_publish_job_get_publish_at (job))
    {
      g_autofree char *when = cd_cli_format_time (cd_publish_job_get_publish_at (job));
      at = g_strdup_printf ("@%s", when);
    }
  cd_cli_print ("%s\t%s\t%s\t%s%s%s\t%s\t%u\t%s\t%s\t%s\n",
                cd_publish_job_get_id (job), cd_publish_job_get_article_id (job),
                cd_publish_job_get_site (job),
                cd_wp_status_to_string (cd_publish_job_get_status (job)), at ? at : "",
                cd_publish_job_get_flags (job) & CD_WP_PUBLISH_FORCE ? "+force" : "",
                cd_publish_job_get_state (job) == CD_PUBLISH_JOB_WAITING ? "waiting" : "failed",
                cd_publish_job_get_attempts (job), queued, last_error,
                problem_text (cd_publish_job_get_problem (job)));
}

static int
queue_list (CdCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdPublisher) publisher = NULL;
  g_autoptr(GError) error = NULL;
  CdPublishQueue *queue;
  int status;

  context = cd_cli_context_new ("queue list", NULL,
                                _("List the queued publishes, one line each, in columns "
                                  "separated by tabs: job, article, site, status, state "
                                  "(waiting or failed), attempts, time queued, last error, "
                                  "and why the publish waits."), NULL);
  g_option_context_set_description (context,
                                    _("The last column says in plain words why the publish "
                                      "waits and what to do about it: not sent yet, the site "
                                      "could not be reached, the site was busy or failed, the "
                                      "site refused the login, the post was changed on the "
                                      "site, the article is not ready or no longer in the "
                                      "store, or the site was removed. The last error before "
                                      "it is the message itself."));
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return cd_cli_usage_error (context, _("Unexpected argument “%s”"), argv[1]);
  if ((publisher = open_publisher (cli, NULL, &error)) == NULL ||
      (queue = cd_publisher_get_queue (publisher, &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (queue)); i++)
    {
      g_autoptr(CdPublishJob) job = g_list_model_get_item (G_LIST_MODEL (queue), i);
      print_job (job);
    }
  return CD_CLI_OK;
}

static void
on_replay_published_cb (CdPublisher   *publisher,
                        CdArticle     *article,
                        CdSiteBinding *binding,
                        gpointer       user_data)
{
  cd_cli_print ("%s\t%s\t%s\n", cd_article_get_id (article),
                cd_site_binding_get_post_id (binding),
                cd_site_binding_get_link (binding) ? cd_site_binding_get_link (binding) : "");
}

static void
on_replay_save_failed_cb (CdPublisher *publisher,
                          CdArticle   *article,
                          GError      *error,
                          gpointer     user_data)
{
  g_printerr ("copydesk-cli: %s: %s\n", cd_article_get_id (article), error->message);
}

static int
queue_run (CdCli  *cli,
           int     argc,
           char  **argv)
{
  g_autofree char *password_file = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdPublisher) publisher = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("Read the application password from FILE (only you may read it), for every site "
         "in the queue"), N_("FILE") },
    { NULL }
  };
  CdPublishQueue *queue;
  guint waiting = 0, failed = 0, published = 0, n;
  int status;

  context = cd_cli_context_new ("queue run", NULL,
                                _("Publish what is queued, oldest first, and print each "
                                  "article published: id, post id, link."), entries);
  g_option_context_set_description (context,
                                    _("Exit status: 0 the queue is empty, 1 a job needs an "
                                      "editor (see “queue list”), 3 a site still cannot be "
                                      "reached."));
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return cd_cli_usage_error (context, _("Unexpected argument “%s”"), argv[1]);
  if ((publisher = open_publisher (cli, password_file, &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));

  g_signal_connect (publisher, "published", G_CALLBACK (on_replay_published_cb), NULL);
  g_signal_connect (publisher, "save-failed", G_CALLBACK (on_replay_save_failed_cb), NULL);
  cd_publisher_replay_async (publisher, NULL, store_result_cb, &result);
  if (!cd_publisher_replay_finish (publisher, wait_for (&result), &published, &error) ||
      (queue = cd_publisher_get_queue (publisher, &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));

  n = g_list_model_get_n_items (G_LIST_MODEL (queue));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdPublishJob) job = g_list_model_get_item (G_LIST_MODEL (queue), i);

      if (cd_publish_job_get_state (job) == CD_PUBLISH_JOB_WAITING)
        waiting++;
      else
        failed++;
      g_printerr (_("copydesk-cli: still queued: %s (article %s, site %s): %s\n"),
                  cd_publish_job_get_id (job), cd_publish_job_get_article_id (job),
                  cd_publish_job_get_site (job),
                  cd_publish_job_get_last_error (job) ? cd_publish_job_get_last_error (job) : "");
    }
  /* Translators: each count follows its label, so that no noun has to
   * agree with a number */
  g_printerr (_("copydesk-cli: published: %u, waiting for their site: %u, failed: %u\n"),
              published, waiting, failed);
  if (failed > 0)
    return CD_CLI_FAILED;
  return waiting > 0 ? CD_CLI_QUEUED : CD_CLI_OK;
}

static int
queue_remove (CdCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdPublisher) publisher = NULL;
  g_autoptr(GError) error = NULL;
  CdPublishQueue *queue;
  int status;

  context = cd_cli_context_new ("queue remove", _("JOB…"),
                                _("Drop queued publishes; their articles stay as they are."),
                                NULL);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return cd_cli_usage_error (context, _("Give the ids of the jobs (see “queue list”)"));
  if ((publisher = open_publisher (cli, NULL, &error)) == NULL ||
      (queue = cd_publisher_get_queue (publisher, &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));
  for (int i = 1; i < argc; i++)
    if (!cd_publish_queue_remove (queue, argv[i], &error))
      return cd_cli_fail (g_steal_pointer (&error));
  return CD_CLI_OK;
}

static const CdCliSubcommand queue_subcommands[] = {
  { "list", queue_list },
  { "run", queue_run },
  { "remove", queue_remove },
};

int
cd_cli_queue (CdCli  *cli,
              int     argc,
              char  **argv)
{
  return cd_cli_run_subcommand (cli, queue_subcommands, G_N_ELEMENTS (queue_subcommands),
                                _("Usage:\n"
                                  "  copydesk-cli queue list\n"
                                  "  copydesk-cli queue run [--password-file FILE]\n"
                                  "  copydesk-cli queue remove JOB…\n"
                                  "\n"
                                  "Publishes that found their site unreachable wait in the "
                                  "queue (publish-queue.json in the store) until “queue "
                                  "run”.\n"),
                                argc, argv);
}
