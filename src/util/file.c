/* file.c - capped file reading and atomic writing (temporary + rename). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util.h"

int ng_read_stream(void *fpv, size_t max, char **out, size_t *len)
{
    FILE *fp = fpv;
    ng_buf b = {0};
    b.max = max;
    char chunk[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if ((rc = ng_buf_put(&b, chunk, n))) {
            if (rc == NG_ETOOBIG)
                ng_error_set(rc, "larger than the input cap of %zu bytes", max);
            goto done;
        }
    }
    if (ferror(fp)) {
        rc = ng_error_set(NG_EIO, "read error: %s", strerror(errno));
        goto done;
    }
    *len = b.len;
    *out = ng_buf_detach(&b);
done:
    ng_buf_free(&b);
    return rc;
}

int ng_read_file(const char *path, size_t max, char **out, size_t *len)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return ng_error_set(NG_EIO, "%s", strerror(errno));
    if (S_ISDIR(st.st_mode))
        return ng_error_set(NG_EIO, "is a directory");
    if (max && S_ISREG(st.st_mode) && (size_t)st.st_size > max)
        return ng_error_set(NG_ETOOBIG, "larger than the input cap of %zu bytes", max);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return ng_error_set(NG_EIO, "%s", strerror(errno));
    int rc = ng_read_stream(fp, max, out, len);
    fclose(fp);
    return rc;
}

int ng_write_atomic(const char *path, const char *data, size_t len)
{
    void *fp;
    char *tmp;
    int rc = ng_atomic_open(path, &fp, &tmp);
    if (rc)
        return rc;
    if (fwrite(data, 1, len, fp) != len) {
        rc = ng_error_set(NG_EIO, "%s: %s", path, strerror(errno));
        ng_atomic_abort(fp, tmp);
        return rc;
    }
    return ng_atomic_commit(fp, tmp, path);
}

int ng_atomic_open(const char *path, void **fp, char **tmp)
{
    size_t pl = strlen(path);
    *fp = NULL;
    *tmp = malloc(pl + 32);
    if (!*tmp)
        return ng_error_set(NG_ENOMEM, "out of memory");
    snprintf(*tmp, pl + 32, "%s.tmp.%ld", path, (long)getpid());
    *fp = fopen(*tmp, "wb");
    if (!*fp) {
        int rc = ng_error_set(NG_EIO, "%s: %s", path, strerror(errno));
        free(*tmp);
        *tmp = NULL;
        return rc;
    }
    return 0;
}

int ng_atomic_commit(void *fp, char *tmp, const char *path)
{
    int rc = 0;
    if (fflush(fp) != 0 || ferror((FILE *)fp)) {
        rc = ng_error_set(NG_EIO, "%s: %s", path, strerror(errno));
        fclose(fp);
        unlink(tmp);
    } else if (fclose(fp) != 0 || rename(tmp, path) != 0) {
        rc = ng_error_set(NG_EIO, "%s: %s", path, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    return rc;
}

void ng_atomic_abort(void *fp, char *tmp)
{
    if (fp)
        fclose(fp);
    if (tmp)
        unlink(tmp);
    free(tmp);
}
