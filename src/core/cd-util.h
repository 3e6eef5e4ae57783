/* cd-util.h: small helpers shared by the core classes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean  cd_set_str             (char       **field,
                                  const char  *value);
gboolean  cd_str_is_blank        (const char  *str);
gboolean  cd_is_uuid             (const char  *str);
char     *cd_datetime_to_rfc3339 (GDateTime   *dt);
GDateTime *cd_datetime_from_rfc3339 (const char *str);
char     *cd_int64_to_string     (gint64       value);
const char *cd_locale_dir        (void);
gboolean  cd_file_error_reword   (GError      *error,
                                  const char  *shown);
const char *cd_file_error_reason (const GError *error);
GTask    *cd_task_new_inner      (GTask       *task,
                                  GAsyncReadyCallback done);

G_END_DECLS
