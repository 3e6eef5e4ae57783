/* cd-toast.h: showing toasts without tripping libadwaita 1.2's overlay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* adw_toast_overlay_add_toast(), with every later dismissal of @toast
 * held back until it is safe (see cd-toast.c).  Takes @toast. */
void cd_toast_add                (AdwToastOverlay      *overlay,
                                  AdwToast             *toast);
/* The same for a preferences window's own overlay. */
void cd_toast_add_to_preferences (AdwPreferencesWindow *window,
                                  AdwToast             *toast);
/* Keeps the toasts of @overlay above @bar (a GtkRevealer at the overlay's
 * bottom, or a widget holding one) while it is revealed on screen. */
void cd_toast_keep_above         (AdwToastOverlay      *overlay,
                                  GtkWidget            *bar);

G_END_DECLS
