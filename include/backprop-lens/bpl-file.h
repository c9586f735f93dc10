/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-file.h: the network file (JSON "backprop-lens-network", versions 1 and
 * 2: version 2 adds softmax, the penalty, mini-batches and the optimiser
 * with its state; a network that uses none of them is written as version 1).
 * Every refusal is a BPL_ERROR whose message names the file, the field and
 * what was expected: "broken.json: weights: layers [2, 2, 2] need 8 weights,
 * found 7". */
#pragma once

#include <glib.h>

#include "bpl-network.h"

G_BEGIN_DECLS

/* Files larger than this are refused before parsing. */
#define BPL_FILE_MAX_SIZE (16 * 1024 * 1024)
/* JSON nested deeper than this is refused (hostile structure). */
#define BPL_FILE_MAX_DEPTH 16
/* More JSON values (array elements and object members) than this are refused
 * before parsing: json-glib builds a node of some 80 bytes for each, so a
 * 16 MiB file of "0," would otherwise take half a gigabyte. */
#define BPL_FILE_MAX_VALUES 300000

#define BPL_FILE_FORMAT_NAME "backprop-lens-network"
/* The newest version read and written. */
#define BPL_FILE_FORMAT_VERSION 2

/* @display_name names the source in error messages ("broken.json") and is
 * the default network name (without extension). */
BplNetwork *bpl_network_load_from_data (const char  *data,
                                        gsize        length,
                                        const char  *display_name,
                                        GError     **error);
BplNetwork *bpl_network_load_from_file (const char  *path,
                                        GError     **error);
/* The JSON text of @network, values at full precision (round-trips exactly). */
char       *bpl_network_to_data        (const BplNetwork *network,
                                        gsize            *length);
/* Atomic: writes a temporary file beside @path and renames it over, so a
 * failed save leaves the old file as it was. */
gboolean    bpl_network_save_to_file   (const BplNetwork *network,
                                        const char       *path,
                                        GError          **error);

G_END_DECLS
