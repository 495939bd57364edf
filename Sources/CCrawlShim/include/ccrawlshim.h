#ifndef ADSCAN_CCRAWLSHIM_H
#define ADSCAN_CCRAWLSHIM_H
/* Crawl inputs: gzip streams (zlib) and HTML visible text (libxml2). No library types leak. */
#include <stdint.h>

/* gzip: a streaming inflater that accepts concatenated members (as in .warc.gz). */
typedef struct ccrawl_gunzip ccrawl_gunzip;
ccrawl_gunzip *ccrawl_gunzip_open(void);
void ccrawl_gunzip_close(ccrawl_gunzip *g);
/* After a step returned -1: zlib's reason ("incorrect data check" for a bad CRC). */
const char *ccrawl_gunzip_error(const ccrawl_gunzip *g);
/* Feeds `in` (may be empty at end of input) and writes up to `cap` bytes to `out`.
   *consumed = input bytes used. Returns bytes written, or -1 on corrupt data.
   *finished = 1 when the last member ended cleanly and no input is pending. */
int64_t ccrawl_gunzip_step(ccrawl_gunzip *g, const uint8_t *in, int64_t n, int64_t *consumed,
                           uint8_t *out, int64_t cap, int32_t *finished);

/* HTML → visible text (UTF-8 in, UTF-8 out): script, style, noscript, template and comments
   dropped, entities decoded, block elements separated by line breaks, <title> and the meta
   description first. Returns a malloc'ed buffer (free with ccrawl_free) and its length in *len,
   or NULL when libxml2 could not build a document. */
uint8_t *ccrawl_html_text(const uint8_t *html, int64_t n, int64_t *len);
void ccrawl_free(void *p);
#endif
