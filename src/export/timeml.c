/* timeml.c - TimeML output (TempEval-3 style) of one document through libxml2's
 * xmlTextWriter: the DCT and the text with inline TIMEX3 elements. */
#include <libxml/xmlstring.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>
#include "timeml.h"
#include "../text/text.h"

/* Map an xmlTextWriter result to a return code. */
static int xw(int r)
{
    return r < 0 ? ng_error_set(NG_ENOMEM, "libxml2: xmlTextWriter failed") : 0;
}

/* Write text[a..b) as character data: invalid UTF-8 becomes U+FFFD, control
 * characters other than tab/newline/CR become spaces (XML 1.0 forbids them). */
static int write_text(xmlTextWriterPtr w, const char *text, size_t a, size_t b, ng_buf *tmp)
{
    tmp->len = 0;
    if (tmp->data)
        tmp->data[0] = '\0';
    int rc = 0;
    for (size_t i = a; i < b && !rc;) {
        uint32_t cp;
        int k = ng_utf8_decode(text, b, i, &cp);
        unsigned char c0 = (unsigned char)text[i];
        if (cp == 0xFFFD && !(k == 3 && c0 == 0xEF))
            rc = ng_buf_puts(tmp, "\xEF\xBF\xBD"); /* an invalid byte */
        else if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF)
            rc = ng_buf_putc(tmp, ' ');
        else
            rc = ng_buf_put(tmp, text + i, (size_t)k);
        i += (size_t)k;
    }
    if (rc)
        return ng_error_set(NG_ENOMEM, "timeml: out of memory");
    if (!tmp->len)
        return 0;
    return xw(xmlTextWriterWriteString(w, BAD_CAST tmp->data));
}

/* Indexes of the timexes to write, in text order, without overlaps. */
static size_t *order_timexes(const ng_doc_result *r, size_t len, size_t *n)
{
    size_t cnt = r->timexes.n;
    size_t *ix = malloc((cnt ? cnt : 1) * sizeof *ix);
    if (!ix)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < cnt; i++) {
        const ng_timex_m *t = &r->timexes.v[i];
        if (t->start >= t->end || t->end > len)
            continue;
        /* insertion by start offset (stable: equal starts keep their order) */
        size_t j = k;
        while (j > 0 && r->timexes.v[ix[j - 1]].start > t->start) {
            ix[j] = ix[j - 1];
            j--;
        }
        ix[j] = i;
        k++;
    }
    /* drop overlaps */
    size_t m = 0;
    uint32_t last_end = 0;
    for (size_t i = 0; i < k; i++) {
        const ng_timex_m *t = &r->timexes.v[ix[i]];
        if (m && t->start < last_end)
            continue;
        ix[m++] = ix[i];
        last_end = t->end;
    }
    *n = m;
    return ix;
}

int ng_timeml_render(ng_buf *out, const char *docid, const char *text, size_t len, const ng_doc_result *r)
{
    if (!out || !r || (!text && len))
        return ng_error_set(NG_EINVAL, "timeml: missing argument");
    int rc = 0;
    ng_buf tmp = {0};
    size_t *ix = NULL, nix = 0;
    xmlBufferPtr xb = xmlBufferCreate();
    xmlTextWriterPtr w = xb ? xmlNewTextWriterMemory(xb, 0) : NULL;
    if (!w) {
        rc = ng_error_set(NG_ENOMEM, "timeml: out of memory");
        goto done;
    }
    if (!(ix = order_timexes(r, len, &nix))) {
        rc = ng_error_set(NG_ENOMEM, "timeml: out of memory");
        goto done;
    }
    if ((rc = xw(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL))) ||
        (rc = xw(xmlTextWriterStartElement(w, BAD_CAST "TimeML"))) ||
        (rc = xw(xmlTextWriterWriteString(w, BAD_CAST "\n"))) ||
        (rc = xw(xmlTextWriterStartElement(w, BAD_CAST "DOCID"))) ||
        (rc = write_text(w, docid ? docid : "", 0, docid ? strlen(docid) : 0, &tmp)) ||
        (rc = xw(xmlTextWriterEndElement(w))) || (rc = xw(xmlTextWriterWriteString(w, BAD_CAST "\n"))))
        goto done;
    if (r->date && *r->date) {
        if ((rc = xw(xmlTextWriterStartElement(w, BAD_CAST "DCT"))) ||
            (rc = xw(xmlTextWriterStartElement(w, BAD_CAST "TIMEX3"))) ||
            (rc = xw(xmlTextWriterWriteAttribute(w, BAD_CAST "tid", BAD_CAST "t0"))) ||
            (rc = xw(xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST "DATE"))) ||
            (rc = xw(xmlTextWriterWriteAttribute(w, BAD_CAST "value", BAD_CAST r->date))) ||
            (rc = xw(xmlTextWriterWriteAttribute(w, BAD_CAST "temporalFunction", BAD_CAST "false"))) ||
            (rc = xw(xmlTextWriterWriteAttribute(w, BAD_CAST "functionInDocument", BAD_CAST "CREATION_TIME"))) ||
            (rc = write_text(w, r->date, 0, strlen(r->date), &tmp)) || (rc = xw(xmlTextWriterEndElement(w))) ||
            (rc = xw(xmlTextWriterEndElement(w))) || (rc = xw(xmlTextWriterWriteString(w, BAD_CAST "\n"))))
            goto done;
    }
    if ((rc = xw(xmlTextWriterStartElement(w, BAD_CAST "TEXT"))))
        goto done;
    size_t pos = 0;
    for (size_t i = 0; i < nix; i++) {
        const ng_timex_m *t = &r->timexes.v[ix[i]];
        char tid[24];
        snprintf(tid, sizeof tid, "t%zu", i + 1);
        if ((rc = write_text(w, text, pos, t->start, &tmp)) ||
            (rc = xw(xmlTextWriterStartElement(w, BAD_CAST "TIMEX3"))) ||
            (rc = xw(xmlTextWriterWriteAttribute(w, BAD_CAST "tid", BAD_CAST tid))) ||
            (rc = xw(xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST t->type))) ||
            (rc = xw(xmlTextWriterWriteAttribute(w, BAD_CAST "value", BAD_CAST t->value))) ||
            (rc = write_text(w, text, t->start, t->end, &tmp)) || (rc = xw(xmlTextWriterEndElement(w))))
            goto done;
        pos = t->end;
    }
    if ((rc = write_text(w, text, pos, len, &tmp)) || (rc = xw(xmlTextWriterEndElement(w))) ||
        (rc = xw(xmlTextWriterWriteString(w, BAD_CAST "\n"))) || (rc = xw(xmlTextWriterEndElement(w))) ||
        (rc = xw(xmlTextWriterEndDocument(w))))
        goto done;
    xmlFreeTextWriter(w); /* flushes into xb */
    w = NULL;
    if (ng_buf_put(out, xmlBufferContent(xb), (size_t)xmlBufferLength(xb)))
        rc = ng_error_set(NG_ENOMEM, "timeml: out of memory");
done:
    if (w)
        xmlFreeTextWriter(w);
    if (xb)
        xmlBufferFree(xb);
    ng_buf_free(&tmp);
    free(ix);
    return rc;
}
