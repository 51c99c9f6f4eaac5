/* arena.c - a string arena: many small strings carved from a few blocks and released
 * together (a document's result holds a few hundred names, titles and labels; one
 * malloc and one free per block instead of one per string). */
#include <stdlib.h>
#include "util.h"

/* Bytes of an ordinary block (a typical document's strings fit in one or two). */
#define ARENA_BLOCK 4000

struct ng_arena_block {
    struct ng_arena_block *next;
    char data[];
};

void *ng_arena_alloc(ng_arena *a, size_t n)
{
    if (n <= a->left) {
        char *p = a->p;
        a->p += n;
        a->left -= n;
        return p;
    }
    /* a large piece gets a block of its own, behind the current one (which keeps its room) */
    int own = n > ARENA_BLOCK / 4;
    size_t size = own ? n : ARENA_BLOCK;
    if (size > SIZE_MAX - sizeof(ng_arena_block))
        return NULL;
    ng_arena_block *b = malloc(sizeof *b + size);
    if (!b)
        return NULL;
    if (own && a->head) {
        b->next = a->head->next;
        a->head->next = b;
        return b->data;
    }
    b->next = a->head;
    a->head = b;
    a->p = b->data + n;
    a->left = size - n;
    return b->data;
}

char *ng_arena_strndup(ng_arena *a, const char *s, size_t n)
{
    char *p = n < SIZE_MAX ? ng_arena_alloc(a, n + 1) : NULL;
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *ng_arena_strdup(ng_arena *a, const char *s) { return s ? ng_arena_strndup(a, s, strlen(s)) : NULL; }

void ng_arena_free(ng_arena *a)
{
    ng_arena_block *b = a->head;
    while (b) {
        ng_arena_block *next = b->next;
        free(b);
        b = next;
    }
    memset(a, 0, sizeof *a);
}
