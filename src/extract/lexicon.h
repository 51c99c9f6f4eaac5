/* lexicon.h - general word lists (data/ files and Debian's iso-codes), loaded once,
 * read-only afterwards (safe to share between threads). */
#ifndef NG_LEXICON_H
#define NG_LEXICON_H

#include <stddef.h>
#include <stdint.h>

/* Classes a (folded) word or phrase can belong to; a bitmask. */
enum {
    NG_LEX_COUNTRY = 1u << 0,   /* country name (iso_3166-1/-3, variants) */
    NG_LEX_CITY = 1u << 1,      /* capital or major city (data/places.txt) */
    NG_LEX_REGION = 1u << 2,    /* subdivision (iso_3166-2) or region (data/places.txt) */
    NG_LEX_DEMONYM = 1u << 3,   /* nationality adjective: French, Polish (data/demonyms.txt) */
    NG_LEX_TITLE = 1u << 4,     /* title/role word: President, Minister, envoy (data/titles.txt) */
    NG_LEX_ORGWORD = 1u << 5,   /* organization head word: News, Ministry, Party (data/orgwords.txt) */
    NG_LEX_FIRSTNAME = 1u << 6, /* common given name (data/firstnames.txt) */
    NG_LEX_MONTH = 1u << 7,
    NG_LEX_WEEKDAY = 1u << 8,
    NG_LEX_STOPCAP = 1u << 9,   /* words that are capitalized but never names: The, However (data/stopcaps.txt) */
    NG_LEX_ORG = 1u << 10,      /* known organization name or acronym (data/orgs.txt) */
    NG_LEX_TRIGGER = 1u << 11,  /* event trigger noun/verb (data/triggers.txt) */
    NG_LEX_TITLEQUAL = 1u << 12, /* qualifies a title without being one: Defense, Prime (data/title_qualifiers.txt) */
    NG_LEX_PLACE_ANY = NG_LEX_COUNTRY | NG_LEX_CITY | NG_LEX_REGION
};

typedef struct ng_lexicon ng_lexicon;

/* Load from data directory `datadir` (the project's data/) and iso-codes JSON dir
 * `isodir` (NULL: /usr/share/iso-codes/json).  Returns 0 or NG_EMODEL/NG_ENOMEM. */
int ng_lexicon_load(ng_lexicon **out, const char *datadir, const char *isodir);
void ng_lexicon_free(ng_lexicon *lx);

/* Classes of a word or phrase; matching is case-sensitive first, then on the
 * lower-cased folded form for the lower-case lists (titles, triggers, stopcaps).
 * The text is folded (apostrophes, diacritics) before lookup. */
uint32_t ng_lex_classes(const ng_lexicon *lx, const char *s, size_t n);
/* The same without the calling thread's cache of the classes of short strings (by their
 * exact bytes and the lexicon), which ng_lex_classes reads and fills. */
uint32_t ng_lex_classes_uncached(const ng_lexicon *lx, const char *s, size_t n);

/* A number unique to the lexicon object (0 for NULL): the owner of cached classes. */
uint64_t ng_lexicon_serial(const ng_lexicon *lx);

/* Canonical name for a variant (UK -> United Kingdom, Peking -> Beijing), from
 * data/variants.txt and iso-codes; NULL if none.  Owned by the lexicon. */
const char *ng_lex_canonical(const ng_lexicon *lx, const char *s, size_t n);

/* Country a demonym belongs to (French -> France); NULL if none. */
const char *ng_lex_demonym_country(const ng_lexicon *lx, const char *s, size_t n);

/* Event kind of a trigger word (case-insensitive): "talks" -> "talks", "met" -> "meeting"; NULL if none. */
const char *ng_lex_trigger_kind(const ng_lexicon *lx, const char *s, size_t n);

/* Longest number of tokens of a known multi-word entry starting at a phrase;
 * used by chunkers.  Max phrase length in tokens. */
#define NG_LEX_MAX_PHRASE 6

#endif
