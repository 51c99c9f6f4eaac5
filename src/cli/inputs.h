/* inputs.h - expansion of the command line's FILE arguments into the inputs to read. */
#ifndef NG_CLI_INPUTS_H
#define NG_CLI_INPUTS_H

#include <stddef.h>
#include <stdio.h>

/* The expanded inputs, in order; every string is owned by the list. */
typedef struct {
    char **v;
    size_t n, cap;
} ng_cli_inputs;

/* Expand FILE arguments:
 *   -            standard input (kept as "-")
 *   @LIST        the paths listed in LIST, one a line ('#' comments and blank lines
 *                skipped; "@-" reads the list from standard input); listed directories
 *                are expanded too, listed "@" names are taken literally
 *   DIRECTORY    its files with an input extension (.txt .html .htm .xml .rss .atom
 *                .jsonl .json, any case), recursively, hidden entries skipped, symbolic
 *                links to directories not followed, sorted by byte order of the path
 *   anything else   kept as given (a missing file is reported when it is opened)
 * Problems (an unreadable list or directory, a directory without inputs) are printed on
 * err as "newsgraph: ARG: reason".  Returns the number of problems, or -1 when out of
 * memory. */
int ng_cli_inputs_expand(ng_cli_inputs *out, char *const *args, size_t nargs, FILE *err);

void ng_cli_inputs_free(ng_cli_inputs *in);

/* Whether FORMAT is a valid --input-format value (text, html, feed, rss, atom, jsonl, json). */
int ng_cli_input_format_valid(const char *format);

#endif
