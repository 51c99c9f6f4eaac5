/* main.c - the newsgraph command line: a thin layer over libnewsgraph.
 * One option table drives both parsing and --help. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "newsgraph/newsgraph.h"

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
    int quiet;
} options;

typedef struct {
    const char *lng;
    char shrt;
    const char *arg;
    const char *help;
} opt_spec;

static const opt_spec OPTS[] = {
    {"output", 'o', "DIR", "write every format into DIR (default output/): graph.json, graph.dot,\n"
                           "                        graph.graphml, timeline.txt"},
    {"format", 'f', "FORMAT", "write one format to standard output: json, dot, graphml, timeline"},
    {"date", 0, "DATE", "publication date (YYYY-MM-DD) for inputs that carry none"},
    {"model", 0, "FILE", "tagger model (default: the built-in models/ner.model; 'none': rules only)"},
    {"data", 0, "DIR", "lexicon directory (default: the built-in data/)"},
    {"quiet", 'q', NULL, "print no progress"},
    {"help", 'h', NULL, "show this help and exit"},
    {"version", 0, NULL, "show the version and exit"},
    {NULL, 0, NULL, NULL}};

static void usage(FILE *fp)
{
    fprintf(fp, "usage: newsgraph [options] FILE...\n"
                "Turn English news articles into an entity graph and a timeline.\n"
                "FILE '-' reads standard input.\n\noptions:\n");
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

/* Parse argv into opts and the list of files; returns -1 to continue or an exit code. */
static int parse_args(int argc, char **argv, options *opts, char ***files, int *nfiles)
{
    *files = calloc((size_t)argc + 1, sizeof **files);
    if (!*files)
        return EXIT_RESOURCE;
    int only_files = 0;
    for (int i = 1; i < argc; i++) {
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
        else if (strcmp(o->lng, "quiet") == 0)
            opts->quiet = 1;
    }
    if (opts->format && ng_format_from_name(opts->format) < 0)
        return usage_error("unknown format '%s' (json, dot, graphml, timeline)", opts->format);
    if (opts->format && opts->out_dir)
        return usage_error("%s", "-o and -f exclude each other");
    if (opts->date && !ng_date_valid(opts->date))
        return usage_error("invalid --date '%s' (want YYYY-MM-DD)", opts->date);
    if (*nfiles == 0)
        return usage_error("%s", "no input files");
    return -1;
}

/* Write every format into dir; returns an exit code. */
static int write_all(const ng_model *m, const char *dir)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "newsgraph: %s: %s\n", dir, strerror(errno));
        return EXIT_OUTPUT;
    }
    int status = EXIT_OK;
    for (int f = 0; f < NG_FMT_COUNT; f++) {
        size_t n = strlen(dir) + strlen(ng_format_filename((ng_format)f)) + 2;
        char *path = malloc(n);
        if (!path)
            return EXIT_OUTPUT;
        snprintf(path, n, "%s/%s", dir, ng_format_filename((ng_format)f));
        if (ng_export_file(m, (ng_format)f, path)) {
            fprintf(stderr, "newsgraph: %s: %s\n", path, ng_error_last());
            status = EXIT_OUTPUT;
        }
        free(path);
    }
    return status;
}

int main(int argc, char **argv)
{
    options opts = {0};
    char **files = NULL;
    int nfiles = 0;
    int status = parse_args(argc, argv, &opts, &files, &nfiles);
    ng_resources *res = NULL;
    ng_model *model = NULL;
    if (status >= 0)
        goto done;
    status = EXIT_OK;

    ng_resource_opts ro = {opts.data, opts.model, NULL};
    if (ng_resources_new(&res, &ro)) {
        fprintf(stderr, "newsgraph: %s\n", ng_error_last());
        status = EXIT_RESOURCE;
        goto done;
    }
    if (ng_model_new(&model, NULL)) {
        fprintf(stderr, "newsgraph: %s\n", ng_error_last());
        status = EXIT_RESOURCE;
        goto done;
    }
    ng_ingest_opts io = {opts.date, 0, NULL};
    for (int i = 0; i < nfiles; i++) {
        const char *shown = strcmp(files[i], "-") == 0 ? "(standard input)" : files[i];
        ng_input *in = NULL;
        if (ng_input_open(&in, files[i], &io)) {
            fprintf(stderr, "newsgraph: %s: %s\n", shown, ng_error_last());
            status = EXIT_INPUT;
            continue;
        }
        for (;;) {
            ng_document *doc = NULL;
            ng_doc_result *r = NULL;
            int got = ng_input_next(in, &doc);
            if (got == 0)
                break;
            if (got < 0 || ng_extract(&r, res, doc) || ng_model_add(model, r)) {
                fprintf(stderr, "newsgraph: %s: %s\n", shown, ng_error_last());
                status = EXIT_INPUT;
            }
            ng_doc_result_free(r);
            ng_document_free(doc);
            if (got < 0 && ng_input_format(in) && strcmp(ng_input_format(in), "text") == 0)
                break;
        }
        ng_input_free(in);
    }
    if (ng_model_finish(model)) {
        fprintf(stderr, "newsgraph: %s\n", ng_error_last());
        status = EXIT_RESOURCE;
        goto done;
    }
    if (opts.format) {
        char *out;
        size_t len;
        if (ng_export_buffer(model, (ng_format)ng_format_from_name(opts.format), &out, &len)) {
            fprintf(stderr, "newsgraph: %s\n", ng_error_last());
            status = EXIT_OUTPUT;
            goto done;
        }
        if (fwrite(out, 1, len, stdout) != len || fflush(stdout) != 0) {
            fprintf(stderr, "newsgraph: standard output: %s\n", strerror(errno));
            status = EXIT_OUTPUT;
        }
        free(out);
    } else {
        int w = write_all(model, opts.out_dir ? opts.out_dir : "output");
        if (w != EXIT_OK)
            status = w;
    }
done:
    ng_model_free(model);
    ng_resources_free(res);
    free(files);
    return status;
}
