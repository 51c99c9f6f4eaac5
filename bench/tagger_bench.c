/* tagger_bench.c - throughput of the entity tagger alone (bench/tagger.sh builds and runs it).
 *
 *   tagger_bench MODEL DATADIR TEXTFILE
 *
 * Tokenizes and splits TEXTFILE with ng_text_analyze (timed separately), then tags every
 * sentence with ng_tagger_tag, labels and confidences, as the extractor does, on one thread.
 * Prints tokens, words (tokens with a letter or digit), seconds (wall and CPU) and rates. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "extract/lexicon.h"
#include "extract/tagger.h"
#include "text/text.h"
#include "util/util.h"

/* Seconds on the monotonic clock. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU seconds used by this thread (unaffected by waiting for a shared core). */
static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: tagger_bench MODEL DATADIR TEXTFILE\n");
        return 2;
    }
    ng_tagger *tg = NULL;
    ng_lexicon *lx = NULL;
    char *text = NULL;
    size_t len = 0;
    ng_tokens tk;
    if (ng_tagger_load(&tg, argv[1]) || ng_lexicon_load(&lx, argv[2], NULL) ||
        ng_read_file(argv[3], 0, &text, &len)) {
        fprintf(stderr, "tagger_bench: %s\n", ng_error_last());
        return 1;
    }
    double t0 = now();
    if (ng_text_analyze(&tk, text, len)) {
        fprintf(stderr, "tagger_bench: out of memory\n");
        return 1;
    }
    double t1 = now();
    size_t maxn = 0, words = 0, entities = 0;
    for (size_t s = 0; s < tk.nsents; s++)
        if (tk.sents[s].tok_end - tk.sents[s].tok_begin > maxn)
            maxn = tk.sents[s].tok_end - tk.sents[s].tok_begin;
    for (size_t i = 0; i < tk.ntoks; i++)
        words += (tk.toks[i].flags & (NG_TOK_ALPHA | NG_TOK_DIGIT)) != 0;
    uint8_t *lab = malloc(maxn + 1);
    float *conf = malloc((maxn + 1) * sizeof *conf);
    if (!lab || !conf)
        return 1;
    double csum = 0.0;
    double t2 = now(), c2 = cpu();
    for (size_t s = 0; s < tk.nsents; s++) {
        const ng_sentence *se = &tk.sents[s];
        size_t n = se->tok_end - se->tok_begin;
        if (ng_tagger_tag(tg, lx, text, tk.toks + se->tok_begin, n, lab, conf)) {
            fprintf(stderr, "tagger_bench: %s\n", ng_error_last());
            return 1;
        }
        for (size_t i = 0; i < n; i++) {
            entities += lab[i] == NG_TAG_B_PER || lab[i] == NG_TAG_B_ORG || lab[i] == NG_TAG_B_LOC;
            csum += conf[i];
        }
    }
    double t3 = now(), c3 = cpu();
    printf("text: %zu bytes, %zu sentences, %zu tokens, %zu words\n", len, tk.nsents, tk.ntoks, words);
    printf("tokenize+split: %.3f s, %.0f tokens/s\n", t1 - t0, (double)tk.ntoks / (t1 - t0));
    printf("tagger: %.3f s, %.0f tokens/s, %.0f words/s, %.1f MB/s (%zu entities, mean confidence %.3f)\n", t3 - t2,
           (double)tk.ntoks / (t3 - t2), (double)words / (t3 - t2), (double)len / (t3 - t2) / 1e6, entities,
           tk.ntoks ? csum / (double)tk.ntoks : 0.0);
    printf("tagger CPU time: %.3f s, %.0f words/s\n", c3 - c2, (double)words / (c3 - c2));
    free(lab);
    free(conf);
    free(text);
    ng_tokens_free(&tk);
    ng_lexicon_free(lx);
    ng_tagger_free(tg);
    return 0;
}
