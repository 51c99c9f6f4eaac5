/* fuzz_jsonl.c - libFuzzer target: the jsonl reader (forced with --input-format jsonl). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fz_run_input(data, size, "jsonl"); }
