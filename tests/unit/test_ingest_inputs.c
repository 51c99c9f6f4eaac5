/* test_ingest_inputs.c - the CLI's FILE argument expansion (src/cli/inputs.c, compiled
 * in here): directories walked recursively by extension and sorted, hidden entries and
 * other extensions skipped, @LIST files, problems reported one line each. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "cli/inputs.c"

static char root[64];

/* Create a file under root with some content. */
static void touch(const char *rel)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    FILE *fp = fopen(p, "w");
    assert_non_null(fp);
    fputs("x\n", fp);
    fclose(fp);
}

static void mk(const char *rel)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    assert_int_equal(mkdir(p, 0777), 0);
}

static int setup(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "/tmp/ng-inputs-XXXXXX");
    if (!mkdtemp(root))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

/* Expand one argument; returns problems and captures messages into err_out. */
static int expand1(ng_cli_inputs *out, const char *arg, char *err_out, size_t cap)
{
    FILE *err = tmpfile();
    assert_non_null(err);
    char *args[1] = {(char *)arg};
    int rc = ng_cli_inputs_expand(out, args, 1, err);
    rewind(err);
    size_t n = fread(err_out, 1, cap - 1, err);
    err_out[n] = '\0';
    fclose(err);
    return rc;
}

static void test_directory_walk(void **state)
{
    (void)state;
    mk("d");
    mk("d/sub");
    mk("d/.hidden");
    mk("d/x.txt"); /* a directory named like a file is walked */
    touch("d/b.html");
    touch("d/a.TXT");
    touch("d/notes.md");
    touch("d/.secret.txt");
    touch("d/.hidden/c.txt");
    touch("d/sub/z.rss");
    touch("d/sub/feed.atom");
    touch("d/x.txt/inner.jsonl");
    touch("d/data.json");
    touch("d/page.htm");
    touch("d/feed.xml");
    char link[512], target[512];
    snprintf(link, sizeof link, "%s/d/loop", root);
    snprintf(target, sizeof target, "%s/d", root);
    assert_int_equal(symlink(target, link), 0); /* not followed */
    char dir[512], err[1024];
    snprintf(dir, sizeof dir, "%s/d", root);
    ng_cli_inputs in = {0};
    assert_int_equal(expand1(&in, dir, err, sizeof err), 0);
    assert_string_equal(err, "");
    static const char *const want[] = {"a.TXT", "b.html", "data.json", "feed.xml", "page.htm", "sub/feed.atom",
                                       "sub/z.rss", "x.txt/inner.jsonl"};
    assert_int_equal(in.n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < in.n; i++) {
        char p[1100];
        snprintf(p, sizeof p, "%s/%s", dir, want[i]);
        assert_string_equal(in.v[i], p);
    }
    ng_cli_inputs_free(&in);

    /* a trailing slash is not doubled */
    char dir2[512];
    snprintf(dir2, sizeof dir2, "%s/d/sub/", root);
    assert_int_equal(expand1(&in, dir2, err, sizeof err), 0);
    assert_int_equal(in.n, 2);
    char p[512];
    snprintf(p, sizeof p, "%s/d/sub/feed.atom", root);
    assert_string_equal(in.v[0], p);
    ng_cli_inputs_free(&in);
}

static void test_empty_directory_and_plain_args(void **state)
{
    (void)state;
    mk("empty");
    touch("empty/readme.md");
    char dir[512], err[1024], want[1024];
    snprintf(dir, sizeof dir, "%s/empty", root);
    ng_cli_inputs in = {0};
    assert_int_equal(expand1(&in, dir, err, sizeof err), 1);
    snprintf(want, sizeof want,
             "newsgraph: %s: no input files in the directory (.txt .html .htm .xml .rss .atom .jsonl .json)\n", dir);
    assert_string_equal(err, want);
    assert_int_equal(in.n, 0);
    /* plain paths (even missing ones) and "-" are kept as given */
    assert_int_equal(expand1(&in, "missing.txt", err, sizeof err), 0);
    assert_int_equal(expand1(&in, "-", err, sizeof err), 0);
    assert_int_equal(in.n, 2);
    assert_string_equal(in.v[0], "missing.txt");
    assert_string_equal(in.v[1], "-");
    ng_cli_inputs_free(&in);
}

static void test_list_file(void **state)
{
    (void)state;
    mk("l");
    touch("l/one.txt");
    mk("l/dir");
    touch("l/dir/two.html");
    char list[512], arg[520], err[2048], want[2048];
    snprintf(list, sizeof list, "%s/list.txt", root);
    FILE *fp = fopen(list, "w");
    assert_non_null(fp);
    fprintf(fp, "# inputs\n\n  %s/l/one.txt  \r\n%s/l/dir\n%s/l/nothing.txt\n@not-a-list\n", root, root, root);
    fclose(fp);
    snprintf(arg, sizeof arg, "@%s", list);
    ng_cli_inputs in = {0};
    assert_int_equal(expand1(&in, arg, err, sizeof err), 0);
    assert_string_equal(err, "");
    assert_int_equal(in.n, 4);
    char p[512];
    snprintf(p, sizeof p, "%s/l/one.txt", root);
    assert_string_equal(in.v[0], p);
    snprintf(p, sizeof p, "%s/l/dir/two.html", root);
    assert_string_equal(in.v[1], p);
    snprintf(p, sizeof p, "%s/l/nothing.txt", root);
    assert_string_equal(in.v[2], p);
    assert_string_equal(in.v[3], "@not-a-list"); /* names in a list are literal */
    ng_cli_inputs_free(&in);

    snprintf(arg, sizeof arg, "@%s/no-such-list.txt", root);
    assert_int_equal(expand1(&in, arg, err, sizeof err), 1);
    snprintf(want, sizeof want, "newsgraph: %s/no-such-list.txt: No such file or directory\n", root);
    assert_string_equal(err, want);
    snprintf(arg, sizeof arg, "@%s/l", root);
    assert_int_equal(expand1(&in, arg, err, sizeof err), 1);
    snprintf(want, sizeof want, "newsgraph: %s/l: is a directory, not a list of files\n", root);
    assert_string_equal(err, want);
    assert_int_equal(in.n, 0);
    /* a lone "@" is a plain file name */
    assert_int_equal(expand1(&in, "@", err, sizeof err), 0);
    assert_string_equal(in.v[0], "@");
    ng_cli_inputs_free(&in);
}

static void test_format_names(void **state)
{
    (void)state;
    static const char *const ok[] = {"text", "txt", "html", "htm", "feed", "rss", "atom", "jsonl", "json", "ndjson"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        assert_true(ng_cli_input_format_valid(ok[i]));
    assert_false(ng_cli_input_format_valid("pdf"));
    assert_false(ng_cli_input_format_valid(""));
    assert_false(ng_cli_input_format_valid("HTML"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_directory_walk),
        cmocka_unit_test(test_empty_directory_and_plain_args),
        cmocka_unit_test(test_list_file),
        cmocka_unit_test(test_format_names),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
