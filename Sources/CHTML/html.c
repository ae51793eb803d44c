#include "html.h"
#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>

void *bantin_html_read(const char *data, size_t length, const char *encoding) {
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING;
    return htmlReadMemory(data, (int) length, NULL, encoding, options);
}

void bantin_html_free(void *doc) { if (doc) xmlFreeDoc((xmlDocPtr) doc); }

int bantin_html_encoding_known(const char *name) {
    xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(name);
    if (!handler) return 0;
    xmlCharEncCloseFunc(handler);
    return 1;
}

void *bantin_html_root(void *doc) { return xmlDocGetRootElement((xmlDocPtr) doc); }

int bantin_html_kind(void *node) {
    switch (((xmlNodePtr) node)->type) {
    case XML_ELEMENT_NODE: return 1;
    case XML_TEXT_NODE: case XML_CDATA_SECTION_NODE: return 2;
    default: return 0;
    }
}

const char *bantin_html_name(void *node) { return (const char *) ((xmlNodePtr) node)->name; }
const char *bantin_html_text(void *node) { return (const char *) ((xmlNodePtr) node)->content; }
void *bantin_html_first_child(void *node) { return ((xmlNodePtr) node)->children; }
void *bantin_html_next(void *node) { return ((xmlNodePtr) node)->next; }
void *bantin_html_first_attribute(void *node) { return ((xmlNodePtr) node)->properties; }
void *bantin_html_next_attribute(void *attribute) { return ((xmlAttrPtr) attribute)->next; }
const char *bantin_html_attribute_name(void *attribute) { return (const char *) ((xmlAttrPtr) attribute)->name; }

char *bantin_html_attribute_value(void *node, void *attribute) {
    return (char *) xmlNodeListGetString(((xmlNodePtr) node)->doc, ((xmlAttrPtr) attribute)->children, 1);
}

void bantin_html_free_string(char *text) { if (text) xmlFree(text); }
