#ifndef BANTIN_HTML_H
#define BANTIN_HTML_H
/* libxml2's HTML parser behind a few plain functions. Swift does not import libxml2's headers
 * themselves: built with ICU, they clash with Foundation's own copy of ICU's. Nodes are
 * opaque pointers into the document, valid until bantin_html_free. */
#include <stddef.h>

/* The document, or NULL. `encoding` NULL: the page's declared charset (else UTF-8). Recovery on,
 * network off, no error output. */
void *bantin_html_read(const char *data, size_t length, const char *encoding);
void bantin_html_free(void *doc);
/* Whether iconv (through libxml2) can decode `name`. */
int bantin_html_encoding_known(const char *name);

void *bantin_html_root(void *doc);
/* 1 an element, 2 text (or CDATA), 0 anything else (comments, processing instructions). */
int bantin_html_kind(void *node);
const char *bantin_html_name(void *node);
const char *bantin_html_text(void *node);
void *bantin_html_first_child(void *node);
void *bantin_html_next(void *node);
void *bantin_html_first_attribute(void *node);
void *bantin_html_next_attribute(void *attribute);
const char *bantin_html_attribute_name(void *attribute);
/* The attribute's value, entities decoded; free with bantin_html_free_string. */
char *bantin_html_attribute_value(void *node, void *attribute);
void bantin_html_free_string(char *text);
#endif
