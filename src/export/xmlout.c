/* xmlout.c - an xmlTextWriter whose output goes into an ng_buf as it is written, so an
 * exporter's XML reaches the output file in 1 MiB pieces (when the buffer has a sink)
 * instead of being held whole by libxml2 and copied at the end. */
#include <libxml/xmlwriter.h>
#include "exporters.h"

/* The error of the last failed append on this thread (a writer is used by one thread):
 * NG_ETOOBIG from a capped buffer, NG_EIO from the file behind it, NG_ENOMEM. */
static _Thread_local int sink_rc;

/* A failure is kept in sink_rc and reported by the next ngx_xw(); libxml2 is told the
 * write went through, or it would print "I/O error" on stderr by itself. */
static int append(void *ctx, const char *data, int len)
{
    if (!sink_rc) {
        int rc = ng_buf_put(ctx, data, (size_t)len);
        if (rc)
            sink_rc = rc;
    }
    return len;
}

int ngx_xw(int r)
{
    /* the buffer's own error (its message is already set) explains a failure best */
    if (sink_rc)
        return sink_rc;
    return r < 0 ? ng_error_set(NG_ENOMEM, "libxml2: xmlTextWriter failed") : 0;
}

static int close_noop(void *ctx)
{
    (void)ctx;
    return 0;
}

int ngx_xml_writer(ng_buf *out, void **writer)
{
    *writer = NULL;
    sink_rc = 0;
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(append, close_noop, out, NULL);
    if (!ob)
        return ng_error_set(NG_ENOMEM, "libxml2: cannot create an output buffer");
    xmlTextWriterPtr w = xmlNewTextWriter(ob); /* owns ob from here, even on failure */
    if (!w)
        return ng_error_set(NG_ENOMEM, "libxml2: cannot create a writer");
    int rc = ngx_xw(xmlTextWriterSetIndent(w, 1));
    if (rc || (rc = ngx_xw(xmlTextWriterSetIndentString(w, BAD_CAST "  ")))) {
        xmlFreeTextWriter(w);
        return rc;
    }
    *writer = w;
    return 0;
}

int ngx_xml_writer_close(void *writer)
{
    if (!writer)
        return 0;
    /* what libxml2 still holds goes through append() */
    int rc = ngx_xw(xmlTextWriterFlush(writer));
    xmlFreeTextWriter(writer);
    return rc;
}

int ngx_xml_root(void *writer, const char *root, const char *ns, const char *extra_attr, const char *extra_ns,
                 const char *schema_location)
{
    xmlTextWriterPtr w = writer;
    int rc = ngx_xw(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterStartElement(w, BAD_CAST root));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST ns));
    if (rc == 0 && extra_attr)
        rc = ngx_xw(xmlTextWriterWriteAttribute(w, BAD_CAST extra_attr, BAD_CAST extra_ns));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:xsi",
                                                BAD_CAST "http://www.w3.org/2001/XMLSchema-instance"));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(w, BAD_CAST "xsi:schemaLocation", BAD_CAST schema_location));
    return rc;
}
