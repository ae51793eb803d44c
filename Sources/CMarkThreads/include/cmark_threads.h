#ifndef BANTIN_CMARK_THREADS_H
#define BANTIN_CMARK_THREADS_H

/// How many times cmark-gfm called Bantin's `cmark_manage_extensions_special_characters`
/// instead of its own (see cmark_threads.c). Zero after a parse means the library does not call
/// it through its PLT, and parsing must stay serialised.
long bantin_cmark_special_character_calls(void);

#endif
