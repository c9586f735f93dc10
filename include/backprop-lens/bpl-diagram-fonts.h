/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-diagram-fonts.h: the fonts the diagram draws with. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* For programs that only draw diagrams, such as backprop-lens-cli: gives
 * fontconfig a small configuration of the diagram's own (the system's font
 * folders and caches, none of its rules) in place of the system's. Reading
 * the system's fifty-odd files took longer than drawing a diagram, and its
 * rules (hinting, aliases) can make one machine's export differ from
 * another's. Nothing changes if FONTCONFIG_FILE or FONTCONFIG_PATH is set,
 * or if neither Cantarell nor DejaVu Sans is found that way. Call it before
 * anything uses fonts, and never in a GTK program: fontconfig's
 * configuration is the whole process's. */
void bpl_diagram_use_own_font_config (void);

G_END_DECLS
