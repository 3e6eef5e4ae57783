/* cd-cli.c: helpers shared by the commands of copydesk-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gunixinputstream.h>
#include <stdio.h>
#include <string.h>

#include "cd-cli.h"
#include "cd-util.h"

/* The command whose options are being read ("photo add"), for the hint
 * after a usage error; the program runs one command. */
static char *current_command;

/* "--store DIR" given after the command ("list --store DIR"): every
 * command's options take it as well, and being later on the line it
 * wins over one given before the command. */
static char *late_store_path;

static const GOptionEntry store_entries[] = {
  { "store", 's', 0, G_OPTION_ARG_FILENAME, &late_store_path,
    N_("Use the store in DIR"), N_("DIR") },
  { NULL }
};

static gboolean
is_store (const char *path)
{
  g_autofree char *articles = g_build_filename (path, "articles", NULL);

  return g_file_test (articles, G_FILE_TEST_IS_DIR);
}

CdStore *
cd_cli_open_store (CdCli   *cli,
                   GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr(CdStore) store = NULL;
  GPtrArray *problems;

  if (cli->store)
    return cli->store;

  if (late_store_path)
    path = g_strdup (late_store_path);
  else
    path = cli->store_path ? g_strdup (cli->store_path) : cd_store_default_path ();
  if (!cli->may_create && !is_store (path))
    {
      /* A mistyped --store must not quietly list an empty new store. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no Copydesk store in %s; check --store or $COPYDESK_STORE. "
                     "“copydesk-cli new” or “copydesk-cli import” creates one"), path);
      return NULL;
    }
  store = cd_store_new (path);
  if (!cd_store_open (store, NULL, error))
    return NULL;

  /* Damaged files were moved aside while opening: say so every time. */
  problems = cd_store_get_problems (store);
  for (guint i = 0; problems && i < problems->len; i++)
    g_printerr ("copydesk-cli: %s\n", (const char *) g_ptr_array_index (problems, i));

  cli->store = g_steal_pointer (&store);
  return cli->store;
}

int
cd_cli_fail (GError *error)
{
  g_printerr ("copydesk-cli: %s\n", error->message);
  g_error_free (error);
  return CD_CLI_FAILED;
}

int
cd_cli_usage_error (GOptionContext *context,
                    const char     *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("copydesk-cli: %s\n", message);
  if (context && current_command)
    g_printerr (_("Try “%s %s --help”.\n"), g_get_prgname (), current_command);
  else if (context)
    g_printerr (_("Try “%s --help”.\n"), g_get_prgname ());
  return CD_CLI_USAGE;
}

/* Parses the options; FALSE with *status set when the program must stop. */
gboolean
cd_cli_parse (GOptionContext   *context,
              int              *argc,
              char           ***argv,
              int              *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = cd_cli_usage_error (context, "%s", error->message);
      return FALSE;
    }
  /* An empty path would be the current folder: a store made by accident. */
  if (late_store_path != NULL && *late_store_path == '\0')
    {
      *status = cd_cli_usage_error (context, _("--store needs a folder, not an empty name"));
      return FALSE;
    }
  return TRUE;
}

/* The usage line names the command: "copydesk-cli [OPTION…] show ID". */
GOptionContext *
cd_cli_context_new (const char         *command,
                    const char         *parameter,
                    const char         *summary,
                    const GOptionEntry *entries)
{
  g_autofree char *usage = NULL;
  GOptionContext *context;

  if (command)
    {
      usage = g_strjoin (" ", command, parameter, NULL);
      g_free (current_command);
      current_command = g_strdup (command);
    }
  context = g_option_context_new (usage ? usage : parameter);

  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* The program's own options come before the command and are read by
   * main (); only --store is worth repeating after it. */
  if (command)
    g_option_context_add_main_entries (context, store_entries, GETTEXT_PACKAGE);
  return context;
}

/* Opens the store if need be and loads the article that id_or_prefix
 * names; the store is then cli->store. */
CdArticle *
cd_cli_load_article (CdCli       *cli,
                     const char  *id_or_prefix,
                     GError     **error)
{
  g_autofree char *id = NULL;
  CdStore *store = cd_cli_open_store (cli, error);

  if (store == NULL || (id = cd_store_resolve_id (store, id_or_prefix, error)) == NULL)
    return NULL;
  return cd_store_load_article (store, id, NULL, error);
}

void
cd_cli_print (const char *format,
              ...)
{
  va_list args;

  va_start (args, format);
  vprintf (format, args);
  va_end (args);
}

/* UTC, whole seconds: "2026-11-28T02:08:11Z". */
char *
cd_cli_format_time (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = NULL;

  if (dt == NULL)
    return g_strdup ("-");
  utc = g_date_time_to_utc (dt);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* Headlines, bylines, captions… are one line: "list", "photo list" and
 * the exports print them on one. */
gboolean
cd_cli_is_one_line (const char *text)
{
  return strpbrk (text, "\r\n") == NULL;
}

/* One column of tab-separated output: a site's message may run over
 * several lines and a caption may hold a tab, yet each record stays one
 * line of columns. A missing value is an empty column, never words a
 * script would take for the value. */
char *
cd_cli_tsv_field (const char *text)
{
  char *field = g_strdup (text ? text : "");

  for (char *p = field; *p; p++)
    if (*p == '\t' || *p == '\n' || *p == '\r')
      *p = ' ';
  return field;
}

/* How many terminal columns text takes: combining marks (Arabic
 * harakat, accents given apart) and format characters none, East Asian
 * wide characters two, the rest one. Counting bytes, or even characters,
 * pushes the next column out on any Arabic, accented or Chinese text. */
guint
cd_cli_display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/* Does text hold a letter of a script written right to left? */
gboolean
cd_cli_has_rtl (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalpha (c))
        continue;
      switch ((int) g_unichar_get_script (c))
        {
        case G_UNICODE_SCRIPT_ARABIC:
        case G_UNICODE_SCRIPT_HEBREW:
        case G_UNICODE_SCRIPT_SYRIAC:
        case G_UNICODE_SCRIPT_THAANA:
        case G_UNICODE_SCRIPT_NKO:
        case G_UNICODE_SCRIPT_SAMARITAN:
        case G_UNICODE_SCRIPT_MANDAIC:
        case G_UNICODE_SCRIPT_ADLAM:
          return TRUE;
        default:
          break;
        }
    }
  return FALSE;
}

/* Text given on the command line: FALSE, with an error naming what it
 * was and the byte where it stops being UTF-8, when it is not. */
gboolean
cd_cli_check_utf8 (const char  *what,
                   const char  *text,
                   GError     **error)
{
  const char *end;

  if (g_utf8_validate (text, -1, &end))
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* Translators: %s is an option or a field as typed on the
                * command line (--headline, headline), not to be
                * translated; then the byte where the text breaks */
               _("%s is not valid UTF-8 at byte %zu"), what, (gsize) (end - text));
  return FALSE;
}

/* Reads a UTF-8 text file, or standard input for "-". */
char *
cd_cli_read_text_file (const char  *path,
                       GError     **error)
{
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autofree char *text = NULL;
  const char *end;

  if (g_strcmp0 (path, "-") == 0)
    in = G_INPUT_STREAM (g_unix_input_stream_new (0, FALSE));
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
      g_autoptr(GError) local_error = NULL;

      in = G_INPUT_STREAM (g_file_read (file, NULL, &local_error));
      if (in == NULL)
        {
          cd_file_error_reword (local_error, path);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                              G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
    return NULL;

  /* An empty stream has no data at all, and g_strndup (NULL, 0) is NULL. */
  if (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)) == 0)
    return g_strdup ("");
  text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
  if (strlen (text) != g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: contains a NUL byte at byte %zu; is it a text file?"),
                   path, strlen (text));
      return NULL;
    }
  if (!g_utf8_validate (text, -1, &end))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: not valid UTF-8 at byte %zu"), path, (gsize) (end - text));
      return NULL;
    }
  return g_steal_pointer (&text);
}

/* Runs the subcommand argv[1] of the command argv[0] ("photo add …"),
 * prints usage (already translated) for --help, and otherwise names
 * what is missing or wrong and the subcommands there are. */
int
cd_cli_run_subcommand (CdCli                 *cli,
                       const CdCliSubcommand *subcommands,
                       guint                  n_subcommands,
                       const char            *usage,
                       int                    argc,
                       char                 **argv)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; argc >= 2 && i < n_subcommands; i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      return subcommands[i].run (cli, argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      cd_cli_print ("%s", usage);
      return CD_CLI_OK;
    }

  for (guint i = 0; i < n_subcommands; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", subcommands[i].name);
  if (argc < 2)
    /* Translators: the command (photo, site…), the names of its
     * subcommands as typed ("add, set, list"), and the command again */
    return cd_cli_usage_error (NULL, _("“%s” needs one of: %s; see “copydesk-cli %s --help”"),
                               argv[0], names->str, argv[0]);
  return cd_cli_usage_error (NULL,
                             /* Translators: the command and the word that
                              * followed it, the names of the command's
                              * subcommands as typed, and the command again */
                             _("“%s %s” is not a command; use one of: %s; see "
                               "“copydesk-cli %s --help”"),
                             argv[0], argv[1], names->str, argv[0]);
}

/* "copydesk-cli 0.1.0": the name a script can match and meson's version. */
int
cd_cli_print_version (void)
{
  cd_cli_print ("%s %s\n", g_get_prgname (), PACKAGE_VERSION);
  return CD_CLI_OK;
}

int
cd_cli_version (CdCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  int status;

  context = cd_cli_context_new (argv[0], NULL, _("Print the program's name and version."),
                                NULL);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return cd_cli_usage_error (context, _("Unexpected argument “%s”"), argv[1]);
  return cd_cli_print_version ();
}
