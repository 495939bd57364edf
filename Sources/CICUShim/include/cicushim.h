#ifndef ADSCAN_CICUSHIM_H
#define ADSCAN_CICUSHIM_H
/* The only door to ICU. This header deliberately has no ICU types, so Swift modules that also
   load Foundation (which bundles its own ICU headers) can import it safely. */
#include <stdint.h>

/* Fold table for U+0000..U+FFFF: fold(c) = Traditional→Simplified(NFKC_Casefold(c)).
   entries[c] (65536 of them):
     bit 31 clear      -> the single code point the entry holds
     bit 31 set        -> (entry & 0xFF) code points starting at pool[(entry >> 8) & 0x7FFFFF];
                          length 0 means the code point folds away (e.g. zero-width characters).
   Returns the number of pool slots used, or -1 on an ICU failure (*err > 0 holds the ICU code)
   or -2 when pool_cap is too small. */
int32_t cicushim_build_fold_table(uint32_t *entries, uint32_t *pool, int32_t pool_cap, int32_t *err);

/* Simplified→Traditional per BMP Han code point (ICU's "Simplified-Traditional" on each code point
   alone; st[c] = c where it changes nothing or gives more than one code point). Returns 0, or -1
   on an ICU failure (*err holds the ICU code). */
int32_t cicushim_build_st_table(uint32_t *st, int32_t *err);
/* The ICU version the process runs with ("72.1"), NUL-terminated in out (cap bytes). */
void cicushim_icu_version(char *out, int32_t cap);

/* ICU's own Traditional→Simplified transliterator over UTF-8, used by tests to check the table.
   Returns the output length in bytes, or -1 on failure. */
int64_t cicushim_translit_ts_utf8(const uint8_t *s, int64_t n, uint8_t *out, int64_t cap, int32_t *err);
/* Any ICU transliterator by id (e.g. "Simplified-Traditional"), for tests. */
int64_t cicushim_translit_utf8(const char *id, const uint8_t *s, int64_t n, uint8_t *out, int64_t cap, int32_t *err);

/* Word boundaries (ICU dictionary-based segmentation, locale zh) over UTF-8 text.
   One breaker per thread; the object is not thread-safe. */
typedef struct cicushim_wordbreaker cicushim_wordbreaker;
cicushim_wordbreaker *cicushim_wb_open(int32_t *err);
void cicushim_wb_close(cicushim_wordbreaker *wb);
/* Writes boundary offsets (UTF-8 bytes, ascending, including 0 and n) into out; returns how many
   were found (which may exceed cap: only cap are written), or -1 on failure. */
int32_t cicushim_wb_boundaries(cicushim_wordbreaker *wb, const uint8_t *s, int64_t n,
                               int32_t *out, int32_t cap, int32_t *err);
/* Charsets. Detection: ICU's statistical detector over the bytes (optionally hinted with a
   declared charset); writes the best charset name into name (cap bytes) and returns its
   confidence 0–100, or -1. Conversion: any ICU converter name to UTF-8; returns the output
   length, or -1 on failure; invalid input sequences become U+FFFD. */
int32_t cicushim_detect_charset(const uint8_t *s, int64_t n, char *name, int32_t cap);
int64_t cicushim_to_utf8(const char *charset, const uint8_t *s, int64_t n, uint8_t *out, int64_t cap, int32_t *err);
#endif
