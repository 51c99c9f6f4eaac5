/* fuzz_text.c - libFuzzer target: the text reader (forced with --input-format text). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fz_run_input(data, size, "text"); }
