/* main.c - the newsgraph command line: a thin layer over libnewsgraph.
 * One option table drives both parsing and --help. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <pthread.h>
#include <unistd.h>
#include <libxml/parser.h>
#include "newsgraph/newsgraph.h"
#include "pipeline.h"
#include "export/timeml.h"
#include "inputs.h"

/* Whether main frees the model before the process exits.  Freeing it walks every entity,
 * event and relation vector (about 35 M instructions over a 10 MB corpus, growing with the
 * model) only to hand pages back that exit returns at once.  Release builds skip it, as
 * git does with UNLEAK(): the model stays reachable through exit_model, so valgrind counts
 * it as still reachable, not lost.  Debug builds and sanitizer builds free it, so that
 * LeakSanitizer and the ASan test run still check that the model frees everything. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define NG_SANITIZED 1
#endif
#endif
#if !defined(NDEBUG) || defined(__SANITIZE_ADDRESS__) || defined(NG_SANITIZED)
#define NG_FREE_AT_EXIT 1
#else
#define NG_FREE_AT_EXIT 0
static ng_model *volatile exit_model; /* volatile: LTO drops a store nothing reads */
#endif

/* Exit codes (documented in README and --help). */
enum {
    EXIT_OK = 0,       /* everything was read and written */
    EXIT_INPUT = 1,    /* some input could not be read; the others were processed */
    EXIT_USAGE = 2,    /* bad command line */
    EXIT_OUTPUT = 3,   /* an output could not be written */
    EXIT_RESOURCE = 4  /* the lexicons or the tagger model could not be loaded */
};

typedef struct {
    const char *out_dir;
    const char *format;
    const char *date;
    const char *model;
    const char *data;
    const char *input_format;
    int quiet;
    int jobs;
    ng_filter filter;
    int filtered;
    int mode; /* MODE_RUN, MODE_EXTRACT, MODE_MERGE */
    const char *aliases;
    size_t max_spans; /* provenance spans kept per entity or event; 0: the library's default */
} options;

enum { MODE_RUN = 0, MODE_EXTRACT, MODE_MERGE };

typedef struct {
    const char *lng;
    char shrt;
    const char *arg;
    const char *help;
} opt_spec;

static const opt_spec OPTS[] = {
    {"output", 'o', "DIR", "write every format into DIR (default output/): graph.json, graph.dot,\n"
                           "                        graph.graphml, graph.gexf, timeline.txt, timeline.csv,\n"
                           "                        timeline.json (TimelineJS), graph.svg, graph.png, page.html"},
    {"format", 'f', "FORMAT", "write one format to standard output: json, dot, graphml, gexf, timeline,\n"
                              "                        csv, timelinejs, svg, png, html; timeml (each document's text\n"
                              "                        with TIMEX3 tags, one TimeML document per input document)"},
    {"date", 0, "DATE", "publication date (YYYY-MM-DD) for inputs that carry none"},
    {"input-format", 0, "FORMAT", "\n                        read every input as text, html, feed or jsonl (default: detected)"},
    {"model", 0, "FILE", "tagger model (default: the built-in models/ner.model; 'none': rules only)"},
    {"data", 0, "DIR", "lexicon directory (default: the built-in data/)"},
    {"aliases", 0, "FILE", "merge rules: 'merge NAME | ALIAS...', 'never NAME | NAME...' (docs/aliases.md)"},
    {"max-spans", 0, "N", "provenance spans kept per entity, event or reference list (default 1000;\n"
                          "                        counts are always whole)"},
    {"types", 0, "LIST", "show only these node types: person,org,place,event (comma-separated)"},
    {"top", 0, "N", "show only the N entities with the most mentions"},
    {"min-weight", 0, "N", "leave out co-occurrence edges seen fewer than N times"},
    {"since", 0, "DATE", "show only events dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)"},
    {"until", 0, "DATE", "show only events dated on or before DATE"},
    {"jobs", 'j', "N", "extract with N threads (default: the number of cores); output is the same"},
    {"quiet", 'q', NULL, "print no progress"},
    {"help", 'h', NULL, "show this help and exit"},
    {"version", 0, NULL, "show the version and exit"},
    {NULL, 0, NULL, NULL}};

static void usage(FILE *fp)
{
    fprintf(fp, "usage: newsgraph [options] FILE...\n"
                "       newsgraph extract [options] FILE... > PART.jsonl\n"
                "       newsgraph merge [-o DIR | -f FORMAT] PART.jsonl...\n"
                "Turn English news articles into an entity graph and a timeline.\n"
                "FILE '-' reads standard input.  'extract' writes one JSON line per document;\n"
                "'merge' builds from such lines the same outputs as one run over all the files.\n"
                "\noptions:\n");
    for (const opt_spec *o = OPTS; o->lng; o++) {
        char left[64];
        if (o->shrt)
            snprintf(left, sizeof left, "-%c, --%s%s%s", o->shrt, o->lng, o->arg ? " " : "", o->arg ? o->arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", o->lng, o->arg ? " " : "", o->arg ? o->arg : "");
        fprintf(fp, "  %-22s%s\n", left, o->help);
    }
    fprintf(fp, "\nexit codes:\n"
                "  0  success\n"
                "  1  some input could not be read (a message names it); the others were processed\n"
                "  2  usage error\n"
                "  3  an output could not be written\n"
                "  4  the lexicons or the tagger model could not be loaded\n");
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "newsgraph: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'newsgraph --help'.\n");
    return EXIT_USAGE;
}

/* "person,org,place,event" -> filter bits; returns nonzero on an unknown word. */
static int parse_types(const char *s, unsigned *bits)
{
    static const char *const names[] = {"person", "org", "place", "event"};
    static const unsigned vals[] = {1u << NG_PERSON, 1u << NG_ORG, 1u << NG_PLACE, NG_FILTER_EVENTS};
    *bits = 0;
    while (*s) {
        const char *c = strchr(s, ',');
        size_t n = c ? (size_t)(c - s) : strlen(s);
        int hit = 0;
        for (int i = 0; i < 4; i++)
            if (strlen(names[i]) == n && strncmp(names[i], s, n) == 0) {
                *bits |= vals[i];
                hit = 1;
            }
        if (!hit)
            return 1;
        s += n + (c != NULL);
    }
    return *bits == 0;
}

/* YYYY, YYYY-MM or YYYY-MM-DD. */
static int date_prefix_valid(const char *s)
{
    size_t n = strlen(s);
    if (n == 10)
        return ng_date_valid(s);
    if (n != 4 && n != 7)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (i == 4 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return 0;
    return n == 4 || (atoi(s + 5) >= 1 && atoi(s + 5) <= 12);
}

/* Parse argv into opts and the list of files; returns -1 to continue or an exit code. */
static int parse_args(int argc, char **argv, options *opts, char ***files, int *nfiles)
{
    *files = calloc((size_t)argc + 1, sizeof **files);
    if (!*files)
        return EXIT_RESOURCE;
    int only_files = 0;
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "extract") == 0) {
        opts->mode = MODE_EXTRACT;
        first = 2;
    } else if (argc > 1 && strcmp(argv[1], "merge") == 0) {
        opts->mode = MODE_MERGE;
        first = 2;
    }
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            (*files)[(*nfiles)++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = 1;
            continue;
        }
        const opt_spec *o = NULL;
        const char *val = NULL;
        if (a[1] == '-') {
            const char *name = a + 2;
            const char *eq = strchr(name, '=');
            size_t nl = eq ? (size_t)(eq - name) : strlen(name);
            for (const opt_spec *p = OPTS; p->lng; p++)
                if (strlen(p->lng) == nl && strncmp(p->lng, name, nl) == 0)
                    o = p;
            if (o && eq)
                val = eq + 1;
        } else if (a[2] == '\0' || (a[1] != 'h' && a[1] != 'q')) {
            for (const opt_spec *p = OPTS; p->lng; p++)
                if (p->shrt && p->shrt == a[1])
                    o = p;
            if (o && a[2])
                val = a + 2;
        }
        if (!o)
            return usage_error("unknown option '%s'", a);
        if (o->arg && !val) {
            if (i + 1 >= argc)
                return usage_error("option '%s' needs an argument", a);
            val = argv[++i];
        } else if (!o->arg && val) {
            return usage_error("option '%s' takes no argument", a);
        }
        if (strcmp(o->lng, "help") == 0) {
            usage(stdout);
            return EXIT_OK;
        }
        if (strcmp(o->lng, "version") == 0) {
            printf("newsgraph %s\n", ng_version());
            return EXIT_OK;
        }
        if (strcmp(o->lng, "output") == 0)
            opts->out_dir = val;
        else if (strcmp(o->lng, "format") == 0)
            opts->format = val;
        else if (strcmp(o->lng, "date") == 0)
            opts->date = val;
        else if (strcmp(o->lng, "model") == 0)
            opts->model = val;
        else if (strcmp(o->lng, "data") == 0)
            opts->data = val;
        else if (strcmp(o->lng, "input-format") == 0)
            opts->input_format = val;
        else if (strcmp(o->lng, "aliases") == 0)
            opts->aliases = val;
        else if (strcmp(o->lng, "quiet") == 0)
            opts->quiet = 1;
        else if (strcmp(o->lng, "types") == 0) {
            if (parse_types(val, &opts->filter.types))
                return usage_error("invalid --types '%s' (want person,org,place,event)", val);
            opts->filtered = 1;
        } else if (strcmp(o->lng, "top") == 0) {
            char *end;
            long long n = strtoll(val, &end, 10);
            if (*end || n < 1)
                return usage_error("invalid --top '%s' (want a positive number)", val);
            opts->filter.top = (size_t)n;
            opts->filtered = 1;
        } else if (strcmp(o->lng, "min-weight") == 0) {
            char *end;
            double n = strtod(val, &end);
            if (*end || !(n >= 0))
                return usage_error("invalid --min-weight '%s' (want a number)", val);
            opts->filter.min_weight = n;
            opts->filtered = 1;
        } else if (strcmp(o->lng, "since") == 0 || strcmp(o->lng, "until") == 0) {
            if (!date_prefix_valid(val))
                return usage_error("invalid date '%s' (want YYYY, YYYY-MM or YYYY-MM-DD)", val);
            if (o->lng[0] == 's')
                opts->filter.since = val;
            else
                opts->filter.until = val;
            opts->filtered = 1;
        } else if (strcmp(o->lng, "max-spans") == 0) {
            char *end;
            long long n = strtoll(val, &end, 10);
            if (*end || n < 1)
                return usage_error("invalid --max-spans '%s' (want a positive number)", val);
            opts->max_spans = (size_t)n;
        } else if (strcmp(o->lng, "jobs") == 0) {
            char *end;
            long j = strtol(val, &end, 10);
            if (*end || j < 1 || j > 256)
                return usage_error("invalid --jobs '%s' (want 1 to 256)", val);
            opts->jobs = (int)j;
        }
    }
    if (opts->format && strcmp(opts->format, "timeml") != 0 && ng_format_from_name(opts->format) < 0)
        return usage_error("unknown format '%s' (json, dot, graphml, gexf, timeline, csv, timelinejs, svg, "
                           "png, html, timeml)",
                           opts->format);
    if (opts->format && opts->out_dir)
        return usage_error("%s", "-o and -f exclude each other");
    if (opts->input_format && !ng_cli_input_format_valid(opts->input_format))
        return usage_error("unknown input format '%s' (text, html, feed, jsonl)", opts->input_format);
    if (opts->date && !ng_date_valid(opts->date))
        return usage_error("invalid --date '%s' (want YYYY-MM-DD)", opts->date);
    if (opts->mode == MODE_EXTRACT && (opts->format || opts->out_dir))
        return usage_error("%s", "extract writes JSON lines to standard output: no -o or -f");
    if (*nfiles == 0)
        return usage_error("%s", "no input files");
    return -1;
}

/* Largest graph (nodes + edges) that -o renders to SVG/PNG/HTML in-process. */
#define RENDER_LIMIT 20000

/* Write every format into dir; returns an exit code. */
/* The formats of -o DIR written by worker threads: Graphviz (cgraph, gvc) is not
 * thread-safe, so DOT and the renderings are written one after another by the calling
 * thread, while the other formats (libxml2, plain text) are shared out between threads. */
typedef struct {
    const ng_model *m;
    const char *dir;
    int render;
    pthread_mutex_t mu;
    int next;           /* next index into PLAIN */
    char *err[NG_FMT_COUNT]; /* "PATH: reason" per failed format, printed in format order */
    int failed[NG_FMT_COUNT];
} export_run;

/* Longest first (instructions on a 10 MB corpus: GEXF 1.9 G, GraphML 1.6 G, TimelineJS 1.0 G,
 * timeline 0.8 G, CSV 0.6 G, JSON 0.4 G; DOT 3.6 G on the calling thread), so the threads
 * run out of work at about the same time. */
static const ng_format PLAIN[] = {NG_FMT_GEXF, NG_FMT_GRAPHML, NG_FMT_TIMELINEJS, NG_FMT_TIMELINE, NG_FMT_CSV,
                                  NG_FMT_JSON};
static const ng_format GRAPHVIZ[] = {NG_FMT_DOT, NG_FMT_SVG, NG_FMT_PNG, NG_FMT_HTML};

/* Write one format into the run's directory, keeping any message for later. */
static void export_one(export_run *x, ng_format f)
{
    const char *file = ng_format_filename(f);
    size_t n = strlen(x->dir) + strlen(file) + 2;
    char *path = malloc(n);
    if (!path) {
        x->failed[f] = 1;
        return;
    }
    snprintf(path, n, "%s/%s", x->dir, file);
    if (!x->render && ng_format_is_rendering(f)) {
        unlink(path); /* no stale rendering of an earlier run beside the new files */
    } else if (ng_export_file(x->m, f, path)) {
        const char *msg = ng_error_last();
        x->failed[f] = 1;
        size_t k = strlen(path) + strlen(msg) + 3;
        x->err[f] = malloc(k);
        if (x->err[f])
            snprintf(x->err[f], k, "%s: %s", path, msg);
    }
    free(path);
}

/* Take plain formats until none is left. */
static void *export_plain(void *arg)
{
    export_run *x = arg;
    for (;;) {
        pthread_mutex_lock(&x->mu);
        int i = x->next++;
        pthread_mutex_unlock(&x->mu);
        if (i >= (int)(sizeof PLAIN / sizeof *PLAIN))
            return NULL;
        export_one(x, PLAIN[i]);
    }
}

/* Write every format into dir with up to `jobs` threads; returns an exit code. */
static int write_all(const ng_model *m, const char *dir, int jobs)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "newsgraph: %s: %s\n", dir, strerror(errno));
        return EXIT_OUTPUT;
    }
    export_run x = {m, dir, 1, PTHREAD_MUTEX_INITIALIZER, 0, {0}, {0}};
    xmlInitParser(); /* once, before libxml2 is used from several threads */
    /* renderings cost a Graphviz layout: past a size, say so and leave them out */
    size_t size = ng_model_n_entities(m) + ng_model_n_events(m) + ng_model_n_relations(m);
    x.render = size <= RENDER_LIMIT;
    if (!x.render)
        fprintf(stderr,
                "newsgraph: note: the graph has %zu nodes and edges; graph.svg, graph.png and page.html are "
                "only rendered up to %d (use -f svg, or sfdp on graph.dot)\n",
                size, RENDER_LIMIT);
    int helpers = jobs > 1 ? jobs - 1 : 0;
    if (helpers > (int)(sizeof PLAIN / sizeof *PLAIN))
        helpers = (int)(sizeof PLAIN / sizeof *PLAIN);
    pthread_t th[sizeof PLAIN / sizeof *PLAIN];
    int started = 0;
    for (int i = 0; i < helpers; i++)
        if (pthread_create(&th[started], NULL, export_plain, &x) == 0)
            started++;
    for (size_t i = 0; i < sizeof GRAPHVIZ / sizeof *GRAPHVIZ; i++)
        export_one(&x, GRAPHVIZ[i]);
    export_plain(&x); /* then help with what is left */
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    int status = EXIT_OK;
    for (int f = 0; f < NG_FMT_COUNT; f++)
        if (x.failed[f]) {
            fprintf(stderr, "newsgraph: %s\n", x.err[f] ? x.err[f] : "out of memory");
            free(x.err[f]);
            status = EXIT_OUTPUT;
        }
    return status;
}

/* Sinks: add to the model, or print one JSON line. */
static int sink_model(void *arg, const ng_document *doc, ng_doc_result *r) { return ng_model_add(arg, r); }

/* -f timeml: each document's text with inline TIMEX3 tags, one TimeML document after another. */
static int sink_timeml(void *arg, const ng_document *doc, ng_doc_result *r)
{
    size_t len;
    const char *text = ng_document_text(doc, &len);
    ng_buf b = {0};
    int rc = ng_timeml_render(&b, ng_document_path(doc), text, len, r);
    if (!rc && (fwrite(b.data, 1, b.len, stdout) != b.len))
        rc = ng_error_set(NG_EIO, "standard output: %s", strerror(errno));
    ng_buf_free(&b);
    return rc;
}

static int sink_jsonl(void *arg, const ng_document *doc, ng_doc_result *r)
{
    char *line;
    int rc = ng_doc_result_to_json(r, &line);
    if (rc)
        return rc;
    if (fputs(line, stdout) == EOF || fputc('\n', stdout) == EOF)
        rc = ng_error_set(NG_EIO, "standard output: %s", strerror(errno));
    free(line);
    return rc;
}

/* Read result lines of PART files into the model; returns an exit code. */
static int merge_parts(ng_model *model, char **files, int nfiles)
{
    int status = EXIT_OK;
    for (int i = 0; i < nfiles; i++) {
        FILE *fp = strcmp(files[i], "-") == 0 ? stdin : fopen(files[i], "rb");
        if (!fp) {
            fprintf(stderr, "newsgraph: %s: %s\n", files[i], strerror(errno));
            status = EXIT_INPUT;
            continue;
        }
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        long lineno = 0;
        while ((n = getline(&line, &cap, fp)) > 0) {
            lineno++;
            while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
                n--;
            if (n == 0)
                continue;
            ng_doc_result *r = NULL;
            if (ng_doc_result_from_json(&r, line, (size_t)n) || ng_model_add(model, r)) {
                fprintf(stderr, "newsgraph: %s:%ld: %s\n", files[i], lineno, ng_error_last());
                status = EXIT_INPUT;
            }
            ng_doc_result_free(r);
        }
        free(line);
        if (fp != stdin)
            fclose(fp);
    }
    return status;
}

/* Write the finished model as asked; returns an exit code. */
static int write_outputs(const ng_model *model, const options *opts)
{
    if (!opts->format)
        return write_all(model, opts->out_dir ? opts->out_dir : "output", opts->jobs);
    /* streamed: a large graph is never held whole in memory */
    if (ng_export_stream_jobs(model, (ng_format)ng_format_from_name(opts->format), stdout, opts->jobs)) {
        const char *msg = ng_error_last();
        if (ferror(stdout))
            fprintf(stderr, "newsgraph: standard output: %s\n", strerror(errno));
        else
            fprintf(stderr, "newsgraph: %s\n", msg);
        return EXIT_OUTPUT;
    }
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    options opts = {0};
    char **files = NULL;
    int nfiles = 0;
    int status = parse_args(argc, argv, &opts, &files, &nfiles);
    ng_resources *res = NULL;
    ng_model *model = NULL;
    ng_progress *progress = NULL;
    if (status >= 0)
        goto done;
    status = EXIT_OK;
    if (opts.jobs == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        opts.jobs = n > 0 && n <= 256 ? (int)n : 1;
    }

    if (opts.mode != MODE_MERGE) {
        ng_resource_opts ro = {opts.data, opts.model, NULL, opts.jobs};
        if (ng_resources_new(&res, &ro)) {
            fprintf(stderr, "newsgraph: %s\n", ng_error_last());
            status = EXIT_RESOURCE;
            goto done;
        }
    }
    ng_model_opts mo = {opts.max_spans, opts.aliases};
    if (opts.mode != MODE_EXTRACT && ng_model_new(&model, &mo)) {
        fprintf(stderr, "newsgraph: %s\n", ng_error_last());
        status = EXIT_RESOURCE;
        goto done;
    }
    if (opts.mode == MODE_MERGE) {
        status = merge_parts(model, files, nfiles);
    } else {
        ng_ingest_opts io = {opts.date, 0, opts.input_format};
        ng_cli_inputs inputs = {0};
        int bad = ng_cli_inputs_expand(&inputs, files, (size_t)nfiles, stderr);
        if (!opts.quiet)
            progress = ng_progress_new(inputs.v, inputs.n);
        int sink_failed = 0;
        int timeml = opts.format && strcmp(opts.format, "timeml") == 0;
        ng_sink_fn sink = opts.mode == MODE_EXTRACT ? sink_jsonl : timeml ? sink_timeml : sink_model;
        int st = ng_pipeline_run(inputs.v, inputs.n, &io, res, opts.jobs, sink,
                                 sink == sink_model ? (void *)model : NULL, progress, &sink_failed);
        ng_progress_free(progress);
        progress = NULL;
        ng_cli_inputs_free(&inputs);
        status = sink_failed ? EXIT_OUTPUT : bad < 0 ? EXIT_RESOURCE : st || bad ? EXIT_INPUT : EXIT_OK;
        if (opts.mode == MODE_EXTRACT || timeml) {
            if (fflush(stdout) != 0)
                status = EXIT_OUTPUT;
            goto done;
        }
    }
    if (ng_model_finish_jobs(model, opts.jobs)) {
        fprintf(stderr, "newsgraph: %s\n", ng_error_last());
        status = EXIT_RESOURCE;
        goto done;
    }
    if (!opts.format && status == EXIT_INPUT && ng_model_n_documents(model) == 0) {
        /* every input failed: keep the previous outputs of -o DIR rather than empty them */
        fprintf(stderr, "newsgraph: no input could be read; %s left as it was\n",
                opts.out_dir ? opts.out_dir : "output");
        goto done;
    }
    if (opts.filtered && ng_model_filter(model, &opts.filter)) {
        fprintf(stderr, "newsgraph: %s\n", ng_error_last());
        status = EXIT_RESOURCE;
        goto done;
    }
    int w = write_outputs(model, &opts);
    if (w != EXIT_OK)
        status = w;
done:
#if NG_FREE_AT_EXIT
    ng_model_free(model);
#else
    exit_model = model;
#endif
    ng_resources_free(res);
    free(files);
    return status;
}
