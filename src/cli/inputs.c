/* inputs.c - expansion of FILE arguments: standard input, @LIST files, directories
 * walked recursively by extension and sorted, plain paths kept as given. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "inputs.h"
#include "ingest/ingest.h"
#include "util/util.h"

#define LIST_MAX ((size_t)64 << 20) /* cap on an @LIST file */
#define MAX_DEPTH 64                /* directory nesting followed */

static const char *const EXTS[] = {".txt", ".html", ".htm", ".xml", ".rss", ".atom", ".jsonl", ".json", NULL};

/* Append a copy of s[0..n); 0 or -1 (out of memory). */
static int push(ng_cli_inputs *out, const char *s, size_t n)
{
    char *c = ng_strndup(s, n);
    if (!c)
        return -1;
    if (ng_vec_push(*out, c)) {
        free(c);
        return -1;
    }
    return 0;
}

/* Whether name ends with an input extension (ASCII case-insensitive). */
static int has_input_ext(const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; EXTS[i]; i++) {
        size_t k = strlen(EXTS[i]);
        if (n > k) {
            size_t j = 0;
            for (; j < k; j++) {
                char c = name[n - k + j];
                if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != EXTS[i][j])
                    break;
            }
            if (j == k)
                return 1;
        }
    }
    return 0;
}

/* qsort comparison of C strings by bytes. */
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* "dir/name" as a new string (no doubled slash). */
static char *join(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    int slash = dl && dir[dl - 1] == '/';
    char *p = malloc(dl + nl + 2);
    if (p)
        snprintf(p, dl + nl + 2, "%s%s%s", dir, slash ? "" : "/", name);
    return p;
}

/* Walk a directory tree (iteratively), adding input files; sorted at the end.
 * Returns the number of problems reported, or -1 when out of memory. */
static int expand_dir(ng_cli_inputs *out, const char *top, FILE *err)
{
    NG_VEC(char *) stack = {0};
    NG_VEC(int) depth = {0};
    ng_cli_inputs found = {0};
    int problems = 0, rc = 0;
    char *t = ng_strdup(top);
    if (!t || ng_vec_push(stack, t) || ng_vec_push(depth, 0)) {
        free(t);
        rc = -1;
        goto done;
    }
    while (stack.n) {
        char *dir = stack.v[--stack.n];
        int d = depth.v[--depth.n];
        DIR *dp = opendir(dir);
        if (!dp) {
            fprintf(err, "newsgraph: %s: %s\n", dir, strerror(errno));
            problems++;
            free(dir);
            continue;
        }
        struct dirent *e;
        while ((e = readdir(dp))) {
            if (e->d_name[0] == '.')
                continue; /* ".", "..", hidden files and directories */
            char *p = join(dir, e->d_name);
            struct stat st, lst;
            if (!p) {
                rc = -1;
                break;
            }
            if (lstat(p, &lst) != 0 || stat(p, &st) != 0) {
                if (has_input_ext(e->d_name)) { /* a dangling link: report it when opened */
                    if (ng_vec_push(found, p)) {
                        free(p);
                        rc = -1;
                        break;
                    }
                } else {
                    free(p);
                }
                continue;
            }
            if (S_ISDIR(st.st_mode)) {
                if (S_ISLNK(lst.st_mode) || d + 1 > MAX_DEPTH) {
                    free(p);
                    continue;
                }
                if (ng_vec_push(stack, p)) {
                    free(p);
                    rc = -1;
                    break;
                }
                if (ng_vec_push(depth, d + 1)) {
                    rc = -1;
                    break;
                }
                continue;
            }
            if (has_input_ext(e->d_name)) {
                if (ng_vec_push(found, p)) {
                    free(p);
                    rc = -1;
                    break;
                }
                continue;
            }
            free(p);
        }
        closedir(dp);
        free(dir);
        if (rc)
            goto done;
    }
    if (found.n == 0) {
        fprintf(err, "newsgraph: %s: no input files in the directory (.txt .html .htm .xml .rss .atom .jsonl .json)\n",
                top);
        problems++;
    }
    if (found.n)
        qsort(found.v, found.n, sizeof *found.v, cmp_str);
    for (size_t i = 0; i < found.n; i++) {
        if (ng_vec_push(*out, found.v[i])) {
            rc = -1;
            goto done;
        }
        found.v[i] = NULL;
    }
done:
    for (size_t i = 0; i < stack.n; i++)
        free(stack.v[i]);
    for (size_t i = 0; i < found.n; i++)
        free(found.v[i]);
    free(stack.v);
    free(depth.v);
    free(found.v);
    return rc ? rc : problems;
}

/* Expand one path (not a list): a directory is walked, anything else kept. */
static int expand_path(ng_cli_inputs *out, const char *a, FILE *err)
{
    struct stat st;
    if (strcmp(a, "-") != 0 && stat(a, &st) == 0 && S_ISDIR(st.st_mode))
        return expand_dir(out, a, err);
    return push(out, a, strlen(a));
}

/* Expand an @LIST file. */
static int expand_list(ng_cli_inputs *out, const char *list, FILE *err)
{
    char *data = NULL;
    size_t len = 0;
    struct stat st;
    int rc;
    if (strcmp(list, "-") == 0)
        rc = ng_read_stream(stdin, LIST_MAX, &data, &len);
    else if (stat(list, &st) == 0 && S_ISDIR(st.st_mode))
        rc = ng_error_set(NG_EIO, "is a directory, not a list of files");
    else
        rc = ng_read_file(list, LIST_MAX, &data, &len);
    if (rc) {
        fprintf(err, "newsgraph: %s: %s\n", strcmp(list, "-") == 0 ? "(standard input)" : list, ng_error_last());
        return 1;
    }
    int problems = 0;
    size_t p = 0;
    while (p < len) {
        char *nl = memchr(data + p, '\n', len - p);
        size_t e = nl ? (size_t)(nl - data) : len, b = p;
        p = e + 1;
        while (b < e && (data[b] == ' ' || data[b] == '\t'))
            b++;
        while (e > b && (data[e - 1] == ' ' || data[e - 1] == '\t' || data[e - 1] == '\r'))
            e--;
        if (b == e || data[b] == '#')
            continue;
        if (memchr(data + b, '\0', e - b)) {
            fprintf(err, "newsgraph: %s: a listed path holds a NUL byte\n", list);
            problems++;
            continue;
        }
        data[e] = '\0';
        int r = expand_path(out, data + b, err);
        if (r < 0) {
            free(data);
            return -1;
        }
        problems += r;
    }
    free(data);
    return problems;
}

int ng_cli_inputs_expand(ng_cli_inputs *out, char *const *args, size_t nargs, FILE *err)
{
    int problems = 0;
    for (size_t i = 0; i < nargs; i++) {
        const char *a = args[i];
        int r = a[0] == '@' && a[1] ? expand_list(out, a + 1, err) : expand_path(out, a, err);
        if (r < 0)
            return -1;
        problems += r;
    }
    return problems;
}

void ng_cli_inputs_free(ng_cli_inputs *in)
{
    if (!in)
        return;
    for (size_t i = 0; i < in->n; i++)
        free(in->v[i]);
    free(in->v);
    in->v = NULL;
    in->n = in->cap = 0;
}

int ng_cli_input_format_valid(const char *format) { return ng_input_format_canonical(format) != NULL; }
