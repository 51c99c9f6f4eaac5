/* fuzz_feed.c - libFuzzer target: the feed reader (forced with --input-format feed). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fz_run_input(data, size, "feed"); }
