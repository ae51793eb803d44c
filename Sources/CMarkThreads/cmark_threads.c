// cmark-gfm 0.29.0.gfm.6 keeps one process-wide table of "special" inline characters. Each
// parser's cmark_parser_finish adds its extensions' characters (`~` for strikethrough, `:` `w`
// `@` for autolinks…) to that table before parsing inlines, then removes them after. Two
// threads parsing at once therefore race: one thread's removal makes the other's inline parser
// miss strikethrough or autolinks half way through a document.
//
// The library calls the function that adds and removes them,
// cmark_manage_extensions_special_characters, through its PLT, so this definition in the
// executable takes its place. Adding is passed on to the library's own; removing is skipped.
// Every Bantin parser attaches the same extensions, so once added the characters are exactly
// what every inline parse wants, and the table then never changes again: parses on several
// threads read it, none writes a different value. (Outside inline parsing the table is not
// read, so leaving the characters in changes no output; the stress test checks this.)
//
// Whether the library really calls this one is counted: Markdown.swift parses serially until it
// has seen a call.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include "cmark_threads.h"

typedef struct cmark_parser cmark_parser;
typedef void (*manage_fn)(cmark_parser *, int);

static atomic_long calls;

void cmark_manage_extensions_special_characters(cmark_parser *parser, int add) {
    static _Atomic(manage_fn) library;
    manage_fn real = atomic_load(&library);
    if (!real) {
        real = (manage_fn)dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters");
        atomic_store(&library, real);
    }
    atomic_fetch_add(&calls, 1);
    if (add && real) real(parser, add);
}

long bantin_cmark_special_character_calls(void) { return atomic_load(&calls); }
