/* cd-preferences-window.h: the store's settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-publisher.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* How long after the last change the settings changed here are written:
 * holding a spin button down writes once. */
#define CD_PREFERENCES_WINDOW_SAVE_DELAY_MS 500

#define CD_TYPE_PREFERENCES_WINDOW (cd_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (CdPreferencesWindow, cd_preferences_window, CD, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *cd_preferences_window_new           (CdStore             *store);
void       cd_preferences_window_set_publisher (CdPreferencesWindow *self,
                                                CdPublisher         *publisher);
gint64     cd_preferences_window_get_save_due  (CdPreferencesWindow *self);

G_END_DECLS
