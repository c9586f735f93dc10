/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The libFuzzer entry point, implemented by each fuzz-*.c and driven either
 * by libFuzzer (-Dfuzzing=true with clang) or by replay.c over the corpus. */
#pragma once

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);
