/* aliases.c - the user's merge rules (--aliases FILE, format in docs/aliases.md):
 *
 *     # comment
 *     merge Canonical Name | Alias | Other Alias
 *     never First Name | Second Name | Third Name
 *
 * "merge" makes every entity called by one of the aliases part of the entity called by the
 * canonical name (created by renaming when only aliases occur).  "never" forbids every
 * automatic merge (surname, initials, acronym) between any two of the names listed.
 * Names are compared after the same folding as extracted names (apostrophes, dashes,
 * spaces, diacritics), case kept. */
#include <stdio.h>
#include <stdlib.h>
#include "model_internal.h"
#include "../text/text.h"

/* Key of an unordered pair. */
static int pair_key(ng_buf *b, const char *a, const char *c)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    return ng_buf_printf(b, "%s\x1f%s", a, c);
}

int ng_aliases_never(const ng_model *m, const char *a, const char *b)
{
    if (!m->never.n || strcmp(a, b) == 0)
        return 0;
    ng_buf k = {0};
    int hit = 0;
    if (!pair_key(&k, a, b))
        hit = ng_map_get(&m->never, k.data, k.len, NULL);
    ng_buf_free(&k);
    return hit;
}

void ng_aliases_free(ng_model *m)
{
    for (size_t i = 0; i < m->user_merges.n; i++) {
        free(m->user_merges.v[i].canon);
        free(m->user_merges.v[i].alias);
    }
    free(m->user_merges.v);
    ng_map_free(&m->never);
}

/* Split s at '|' into folded, trimmed names; returns the count or a negative code. */
static int split_names(char *s, char **out, int max)
{
    int n = 0;
    for (char *p = s; p;) {
        char *bar = strchr(p, '|');
        if (bar)
            *bar = '\0';
        while (*p == ' ' || *p == '\t')
            p++;
        size_t len = strlen(p);
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
            len--;
        if (n == max) {
            for (int i = 0; i < n; i++)
                free(out[i]);
            return -2;
        }
        if (len == 0) {
            for (int i = 0; i < n; i++)
                free(out[i]);
            return -1;
        }
        out[n] = ng_fold(p, len, 0);
        if (!out[n]) {
            for (int i = 0; i < n; i++)
                free(out[i]);
            return -3;
        }
        n++;
        p = bar ? bar + 1 : NULL;
    }
    return n;
}

/* Apply one line; returns 0 or an error (message set). */
static int parse_line(ng_model *m, const char *path, size_t lineno, char *line)
{
    enum { MAXN = 64 };
    while (*line == ' ' || *line == '\t')
        line++;
    size_t len = strlen(line);
    while (len && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t'))
        line[--len] = '\0';
    if (!*line || *line == '#')
        return 0;
    char *sp = line;
    while (*sp && *sp != ' ' && *sp != '\t')
        sp++;
    size_t kl = (size_t)(sp - line);
    int merge = kl == 5 && strncmp(line, "merge", 5) == 0;
    int never = kl == 5 && strncmp(line, "never", 5) == 0;
    if (!merge && !never)
        return ng_error_set(NG_EFORMAT, "%s:%zu: unknown rule '%.*s' (want 'merge' or 'never')", path, lineno,
                            (int)(kl > 40 ? 40 : kl), line);
    char *names[MAXN];
    int n = split_names(sp, names, MAXN);
    if (n == -3)
        return ng_error_set(NG_ENOMEM, "out of memory");
    if (n == -2)
        return ng_error_set(NG_EFORMAT, "%s:%zu: more than %d names on one line", path, lineno, MAXN);
    if (n < 2) {
        if (n > 0)
            free(names[0]);
        return ng_error_set(NG_EFORMAT, "%s:%zu: '%s' needs at least two non-empty names separated by '|'", path,
                            lineno, merge ? "merge" : "never");
    }
    int rc = 0;
    ng_buf k = {0};
    if (merge) {
        for (int i = 1; i < n && !rc; i++) {
            user_merge_t u = {ng_strdup(names[0]), ng_strdup(names[i])};
            if (!u.canon || !u.alias || ng_vec_push(m->user_merges, u)) {
                free(u.canon);
                free(u.alias);
                rc = ng_error_set(NG_ENOMEM, "out of memory");
            }
        }
    } else {
        for (int i = 0; i < n && !rc; i++)
            for (int j = 0; j < n && !rc; j++)
                if (i != j && ((rc = pair_key(&k, names[i], names[j])) || (rc = ng_map_put(&m->never, k.data, k.len, 1))))
                    rc = ng_error_set(NG_ENOMEM, "out of memory");
    }
    ng_buf_free(&k);
    for (int i = 0; i < n; i++)
        free(names[i]);
    return rc;
}

int ng_model_load_aliases(ng_model *m, const char *path)
{
    if (m->docs.n || m->finished)
        return ng_error_set(NG_EINVAL, "aliases must be loaded before the first document");
    char *data = NULL;
    size_t len = 0;
    int rc = ng_read_file(path, 64u << 20, &data, &len);
    if (rc) {
        if (rc != NG_ENOMEM) {
            char why[256];
            snprintf(why, sizeof why, "%s", ng_error_last());
            rc = ng_error_set(NG_EIO, "%s: cannot read the aliases file: %s", path, why);
        }
        return rc;
    }
    if (memchr(data, '\0', len)) {
        free(data);
        return ng_error_set(NG_EFORMAT, "%s: not a text file", path);
    }
    size_t lineno = 0;
    for (char *p = data; p && *p && !rc;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        lineno++;
        rc = parse_line(m, path, lineno, p);
        p = nl ? nl + 1 : NULL;
    }
    free(data);
    return rc;
}
