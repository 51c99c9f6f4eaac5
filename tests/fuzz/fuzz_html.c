/* fuzz_html.c - libFuzzer target: the html reader (forced with --input-format html). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fz_run_input(data, size, "html"); }
