/* tmp-dir.h: the tests' private folders under $TMPDIR, and their removal
 *
 * Every test that needs files makes its folder with cd_test_make_tmp_dir()
 * and removes it with cd_test_remove_tree(), so that a run leaves nothing
 * behind (build-aux/dev.sh test fails when it does). meson runs each
 * test program through tests/run-in-tmp-dir.sh, with a $TMPDIR of its
 * own: what a test that aborted or timed out left there is removed, and
 * anything a passing test left fails it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A new empty folder "$TMPDIR/NAME-XXXXXX", made for this process only
 * (mode 0700); aborts the test when it cannot be made. */
char  *cd_test_make_tmp_dir (const char *name);
/* Removes @path and everything under it, without following symbolic
 * links; a missing @path is not an error.  Anything that stays is named
 * in a warning, which a test run (g_test_init) makes fatal. */
void   cd_test_remove_tree  (const char *path);

G_END_DECLS
