#include "ccrawlshim.h"
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <zlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct ccrawl_gunzip { z_stream z; int active; int ended; int failed; char msg[96]; };

ccrawl_gunzip *ccrawl_gunzip_open(void) {
    ccrawl_gunzip *g = calloc(1, sizeof(*g));
    if (!g) return NULL;
    if (inflateInit2(&g->z, 16 + MAX_WBITS) != Z_OK) { free(g); return NULL; }
    g->active = 1;
    return g;
}

void ccrawl_gunzip_close(ccrawl_gunzip *g) {
    if (!g) return;
    if (g->active) inflateEnd(&g->z);
    free(g);
}

int64_t ccrawl_gunzip_step(ccrawl_gunzip *g, const uint8_t *in, int64_t n, int64_t *consumed,
                           uint8_t *out, int64_t cap, int32_t *finished) {
    *consumed = 0;
    *finished = 0;
    if (g->failed) return -1;
    if (g->ended && n > 0) {            /* a further member follows */
        inflateReset(&g->z);
        g->ended = 0;
    }
    if (g->ended) { *finished = 1; return 0; }
    g->z.next_in = (Bytef *)in;
    g->z.avail_in = (uInt)(n > 0x40000000 ? 0x40000000 : n);
    g->z.next_out = out;
    g->z.avail_out = (uInt)(cap > 0x40000000 ? 0x40000000 : cap);
    int rc = inflate(&g->z, Z_NO_FLUSH);
    *consumed = (int64_t)(g->z.next_in - in);
    int64_t produced = (int64_t)(g->z.next_out - out);
    if (rc == Z_STREAM_END) {
        g->ended = 1;
        if (*consumed == n) *finished = 1;
        return produced;
    }
    if (rc == Z_OK || rc == Z_BUF_ERROR) return produced;
    /* a corrupt stream (a bad CRC is only seen at a member's end): what inflated before the
       error is handed on first; the error comes with the next call */
    g->failed = 1;
    snprintf(g->msg, sizeof g->msg, "%s", g->z.msg ? g->z.msg : "corrupt data");
    return produced > 0 ? produced : -1;
}

const char *ccrawl_gunzip_error(const ccrawl_gunzip *g) {
    return g->failed ? g->msg : "";
}

/* --- HTML --- */

typedef struct { uint8_t *buf; int64_t len, cap; int space; } sbuf;

static void put(sbuf *b, const char *s, int64_t n) {
    if (b->len + n + 1 > b->cap) {
        int64_t nc = (b->cap ? b->cap * 2 : 4096);
        while (nc < b->len + n + 1) nc *= 2;
        uint8_t *nb = realloc(b->buf, (size_t)nc);
        if (!nb) return;
        b->buf = nb; b->cap = nc;
    }
    memcpy(b->buf + b->len, s, (size_t)n);
    b->len += n;
}

static void newline(sbuf *b) {
    if (b->len > 0 && b->buf[b->len - 1] != '\n') put(b, "\n", 1);
    b->space = 0;
}

/* text with runs of white space collapsed to one space */
static void text(sbuf *b, const xmlChar *t) {
    for (const unsigned char *p = t; *p; p++) {
        unsigned char c = *p;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            if (b->len > 0 && b->buf[b->len - 1] != '\n') b->space = 1;
            continue;
        }
        if (b->space) { put(b, " ", 1); b->space = 0; }
        put(b, (const char *)p, 1);
    }
}

static int is_named(const xmlNode *n, const char *const *names) {
    for (int i = 0; names[i]; i++) if (!strcasecmp((const char *)n->name, names[i])) return 1;
    return 0;
}

static const char *const SKIP[] = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", NULL};
static const char *const BLOCK[] = {"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "header", "footer", "table", "ul", "ol", "dd", "dt", "dl", "blockquote", "pre",
    "form", "nav", "aside", "main", "option", "hr", "figcaption", "address", "center", NULL};

static void head_info(sbuf *b, xmlNode *root) {
    /* <title> and <meta name="description"> anywhere in the tree (first of each) */
    xmlNode *n = root; int title = 0, desc = 0;
    while (n) {
        if (n->type == XML_ELEMENT_NODE && n->name) {
            if (!title && !strcasecmp((const char *)n->name, "title")) {
                xmlChar *t = xmlNodeGetContent(n);
                if (t) { text(b, t); newline(b); xmlFree(t); }
                title = 1;
            } else if (!desc && !strcasecmp((const char *)n->name, "meta")) {
                xmlChar *nm = xmlGetProp(n, (const xmlChar *)"name");
                if (nm && (!strcasecmp((const char *)nm, "description") || !strcasecmp((const char *)nm, "keywords"))) {
                    xmlChar *c = xmlGetProp(n, (const xmlChar *)"content");
                    if (c) { text(b, c); newline(b); xmlFree(c); }
                    if (!strcasecmp((const char *)nm, "description")) desc = 1;
                }
                if (nm) xmlFree(nm);
            }
        }
        /* iterative pre-order walk */
        if (n->children && n->type == XML_ELEMENT_NODE) { n = n->children; continue; }
        while (n && !n->next) { n = n->parent; if (n == root || (n && n->type == XML_DOCUMENT_NODE)) { n = NULL; } }
        if (n) n = n->next;
    }
}

uint8_t *ccrawl_html_text(const uint8_t *html, int64_t n, int64_t *len) {
    *len = 0;
    if (n > 0x7fffffff) n = 0x7fffffff;
    htmlDocPtr doc = htmlReadMemory((const char *)html, (int)n, NULL, "UTF-8",
        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT);
    if (!doc) return NULL;
    sbuf b = {0};
    xmlNode *root = xmlDocGetRootElement(doc);
    if (root) {
        head_info(&b, root);
        /* body text: iterative walk, skipping invisible subtrees */
        xmlNode *node = root;
        while (node) {
            int descend = 0;
            if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
                if (node->content) text(&b, node->content);
            } else if (node->type == XML_ELEMENT_NODE && node->name) {
                if (is_named(node, SKIP)) {
                    descend = 0;
                } else {
                    if (is_named(node, BLOCK)) newline(&b);
                    descend = node->children != NULL;
                }
            }
            if (descend) { node = node->children; continue; }
            /* leave finished elements, breaking lines after blocks */
            while (node && !node->next) {
                node = node->parent;
                if (!node || node == root->parent) { node = NULL; break; }
                if (node->type == XML_ELEMENT_NODE && is_named(node, BLOCK)) newline(&b);
                if (node == root) { node = NULL; break; }
            }
            if (node) {
                if (node->type == XML_ELEMENT_NODE && is_named(node, BLOCK)) newline(&b);
                node = node->next;
            }
        }
    }
    xmlFreeDoc(doc);
    if (!b.buf) { b.buf = malloc(1); if (!b.buf) return NULL; }
    *len = b.len;
    return b.buf;
}

void ccrawl_free(void *p) { free(p); }
