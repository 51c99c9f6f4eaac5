/* resolve.c - the per-result pass that runs where the document was extracted (a worker
 * thread), so that the merge, which adds documents one at a time on one thread, only reads
 * its outcome: within one document, a one-word name that is the last word of a person's
 * full name is that person; and the hashes of the names the model looks up. */
#include <stdlib.h>
#include "result.h"

/* Last word of a name (the name itself when it has one word). */
static const char *last_word(const char *s)
{
    const char *sp = strrchr(s, ' ');
    return sp ? sp + 1 : s;
}

int ng_surnames_find(const ng_doc_result *r, uint32_t *pick, char *why)
{
    ng_map latest = {0}; /* last word -> 1 + mention index of the latest full name so far */
    ng_map only = {0};   /* last word -> 1 + mention index of the only full name (0: several) */
    int rc = 0;
    for (size_t i = 0; i < r->mentions.n; i++) {
        const ng_mention *mt = &r->mentions.v[i];
        pick[i] = 0;
        why[i] = 0;
        if (mt->type != NG_PERSON || !strchr(mt->canon, ' '))
            continue;
        const char *lw = last_word(mt->canon);
        size_t v;
        if (ng_map_get(&only, lw, strlen(lw), &v)) {
            if (v && strcmp(r->mentions.v[v - 1].canon, mt->canon) != 0 && (rc = ng_map_put(&only, lw, strlen(lw), 0)))
                goto done;
        } else if ((rc = ng_map_put(&only, lw, strlen(lw), i + 1))) {
            goto done;
        }
    }
    if (!only.n)
        goto done;
    for (size_t i = 0; i < r->mentions.n; i++) {
        const ng_mention *mt = &r->mentions.v[i];
        size_t v;
        if (mt->type == NG_PERSON && strchr(mt->canon, ' ')) {
            const char *lw = last_word(mt->canon);
            if ((rc = ng_map_put(&latest, lw, strlen(lw), i + 1)))
                goto done;
            continue;
        }
        /* a one-word person or organization name, as written (not a variant of another name) */
        if (strchr(mt->canon, ' ') || mt->type == NG_PLACE || strcmp(mt->text, mt->canon) != 0)
            continue;
        if (ng_map_get(&latest, mt->canon, strlen(mt->canon), &v))
            pick[i] = (uint32_t)v, why[i] = 'f';
        else if (ng_map_get(&only, mt->canon, strlen(mt->canon), &v))
            pick[i] = (uint32_t)v, why[i] = 'o';
    }
done:
    ng_map_free(&latest);
    ng_map_free(&only);
    return rc ? ng_error_set(NG_ENOMEM, "out of memory") : 0;
}

int ng_doc_result_resolve(ng_doc_result *r)
{
    size_t n = r->mentions.n;
    if (n > UINT32_MAX - 1)
        return ng_error_set(NG_ETOOBIG, "more than 4 billion mentions in a document");
    uint32_t *pick = malloc((n + 1) * sizeof *pick);
    char *why = malloc(n + 1);
    int rc = pick && why ? ng_surnames_find(r, pick, why) : ng_error_set(NG_ENOMEM, "out of memory");
    for (size_t i = 0; i < n && !rc; i++) {
        ng_mention *mt = &r->mentions.v[i];
        mt->surname_of = pick[i];
        mt->surname_rule = why[i];
        mt->canon_len = strlen(mt->canon);
        mt->canon_hash = ng_hash(mt->canon, mt->canon_len);
    }
    if (!rc)
        r->resolved = 1;
    free(pick);
    free(why);
    return rc;
}
