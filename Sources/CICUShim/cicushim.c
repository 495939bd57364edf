#include "cicushim.h"
#include <unicode/utypes.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <unicode/utrans.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/ucsdet.h>
#include <unicode/ucnv.h>
#include <unicode/uset.h>
#include <unicode/uversion.h>
#include <stdlib.h>
#include <string.h>

static int is_han_bmp(uint32_t c) {
    return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

/* One Han transliterator ("Traditional-Simplified" or "Simplified-Traditional") applied to every
   BMP Han code point it can change (its source set; the others map to themselves), in one call:
   the code points are joined by '\n' so no multi-character context applies, then split again. */
static int32_t build_han_map(const UChar *id, uint32_t *map /* 65536 */, int32_t *err) {
    for (uint32_t c = 0; c < 0x10000; c++) map[c] = c;
    UErrorCode e = U_ZERO_ERROR;
    UTransliterator *tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
    if (U_FAILURE(e)) { *err = e; return -1; }
    USet *source = uset_openEmpty();
    utrans_getSourceSet(tr, 0, source, &e);
    if (U_FAILURE(e)) { uset_close(source); utrans_close(tr); *err = e; return -1; }
    unsigned char *changes = malloc(0x10000);
    if (!changes) { uset_close(source); utrans_close(tr); return -1; }
    int32_t count = 0;
    for (uint32_t c = 0; c < 0x10000; c++) {
        changes[c] = is_han_bmp(c) && uset_contains(source, (UChar32)c);
        count += changes[c];
    }
    uset_close(source);
    int32_t cap = count * 4 + 64;
    UChar *buf = malloc(sizeof(UChar) * (size_t)cap);
    if (!buf) { free(changes); utrans_close(tr); return -1; }
    int32_t len = 0;
    for (uint32_t c = 0; c < 0x10000; c++) if (changes[c]) { buf[len++] = (UChar)c; buf[len++] = '\n'; }
    int32_t limit = len;
    utrans_transUChars(tr, buf, &len, cap, 0, &limit, &e);
    utrans_close(tr);
    if (U_FAILURE(e)) { free(buf); free(changes); *err = e; return -1; }
    /* Walk the output line by line; a line that is not exactly one BMP code point keeps identity. */
    int32_t i = 0;
    for (uint32_t c = 0; c < 0x10000 && i <= len; c++) {
        if (!changes[c]) continue;
        int32_t start = i;
        while (i < len && buf[i] != '\n') i++;
        if (i - start == 1 && !U16_IS_SURROGATE(buf[start])) map[c] = buf[start];
        i++; /* skip '\n' */
    }
    free(buf);
    free(changes);
    return 0;
}

static int32_t build_ts(uint32_t *ts /* 65536 */, int32_t *err) {
    static const UChar id[] = {'T','r','a','d','i','t','i','o','n','a','l','-','S','i','m','p','l','i','f','i','e','d',0};
    return build_han_map(id, ts, err);
}

int32_t cicushim_build_st_table(uint32_t *st, int32_t *err) {
    *err = 0;
    static const UChar id[] = {'S','i','m','p','l','i','f','i','e','d','-','T','r','a','d','i','t','i','o','n','a','l',0};
    return build_han_map(id, st, err);
}

void cicushim_icu_version(char *out, int32_t cap) {
    UVersionInfo v;
    u_getVersion(v);
    char buf[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(v, buf);
    int32_t k = 0;
    while (buf[k] && k < cap - 1) { out[k] = buf[k]; k++; }
    if (cap > 0) out[k] = 0;
}

int32_t cicushim_build_fold_table(uint32_t *entries, uint32_t *pool, int32_t pool_cap, int32_t *err) {
    *err = 0;
    uint32_t *ts = malloc(sizeof(uint32_t) * 0x10000);
    if (!ts) return -1;
    if (build_ts(ts, err) < 0) { free(ts); return -1; }
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nf = unorm2_getNFKCCasefoldInstance(&e);
    if (U_FAILURE(e)) { free(ts); *err = e; return -1; }
    int32_t used = 0;
    UChar src[2], dst[32];
    for (uint32_t c = 0; c < 0x10000; c++) {
        if (U16_IS_SURROGATE(c)) { entries[c] = c; continue; }
        src[0] = (UChar)c;
        e = U_ZERO_ERROR;
        int32_t n = unorm2_normalize(nf, src, 1, dst, 32, &e);
        if (U_FAILURE(e)) { n = 1; dst[0] = (UChar)c; }
        /* decode UTF-16, apply T→S per code point */
        uint32_t cps[32]; int32_t m = 0;
        for (int32_t k = 0; k < n && m < 32;) {
            UChar32 cp; U16_NEXT(dst, k, n, cp);
            cps[m++] = cp < 0x10000 ? ts[cp] : (uint32_t)cp;
        }
        if (m == 1) { entries[c] = cps[0]; continue; }
        if (used + m > pool_cap || used > 0x7FFFFF) { free(ts); return -2; }
        entries[c] = 0x80000000u | ((uint32_t)used << 8) | (uint32_t)m;
        for (int32_t k = 0; k < m; k++) pool[used++] = cps[k];
    }
    free(ts);
    return used;
}

int64_t cicushim_translit_ts_utf8(const uint8_t *s, int64_t n, uint8_t *out, int64_t cap, int32_t *err) {
    return cicushim_translit_utf8("Traditional-Simplified", s, n, out, cap, err);
}

int64_t cicushim_translit_utf8(const char *idc, const uint8_t *s, int64_t n, uint8_t *out, int64_t cap, int32_t *err) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t ulen = 0;
    u_strFromUTF8(NULL, 0, &ulen, (const char *)s, (int32_t)n, &e);
    if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e)) { *err = e; return -1; }
    e = U_ZERO_ERROR;
    int32_t ucap = ulen * 2 + 16;
    UChar *u = malloc(sizeof(UChar) * (size_t)ucap);
    if (!u) return -1;
    u_strFromUTF8(u, ucap, &ulen, (const char *)s, (int32_t)n, &e);
    UChar id[64];
    int32_t k = 0;
    while (idc[k] && k < 63) { id[k] = (UChar)idc[k]; k++; }
    id[k] = 0;
    UTransliterator *tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
    if (U_FAILURE(e)) { free(u); *err = e; return -1; }
    int32_t limit = ulen;
    utrans_transUChars(tr, u, &ulen, ucap, 0, &limit, &e);
    utrans_close(tr);
    if (U_FAILURE(e)) { free(u); *err = e; return -1; }
    int32_t olen = 0;
    u_strToUTF8((char *)out, (int32_t)cap, &olen, u, ulen, &e);
    free(u);
    if (U_FAILURE(e)) { *err = e; return -1; }
    return olen;
}

struct cicushim_wordbreaker { UBreakIterator *bi; UText *ut; };

cicushim_wordbreaker *cicushim_wb_open(int32_t *err) {
    UErrorCode e = U_ZERO_ERROR;
    cicushim_wordbreaker *wb = calloc(1, sizeof(*wb));
    if (!wb) return NULL;
    wb->bi = ubrk_open(UBRK_WORD, "zh", NULL, 0, &e);
    if (U_FAILURE(e)) { *err = e; free(wb); return NULL; }
    return wb;
}

void cicushim_wb_close(cicushim_wordbreaker *wb) {
    if (!wb) return;
    if (wb->ut) utext_close(wb->ut);
    ubrk_close(wb->bi);
    free(wb);
}

int32_t cicushim_wb_boundaries(cicushim_wordbreaker *wb, const uint8_t *s, int64_t n,
                               int32_t *out, int32_t cap, int32_t *err) {
    UErrorCode e = U_ZERO_ERROR;
    wb->ut = utext_openUTF8(wb->ut, (const char *)s, n, &e);
    if (U_FAILURE(e)) { *err = e; return -1; }
    ubrk_setUText(wb->bi, wb->ut, &e);
    if (U_FAILURE(e)) { *err = e; return -1; }
    int32_t count = 0;
    for (int32_t b = ubrk_first(wb->bi); b != UBRK_DONE; b = ubrk_next(wb->bi)) {
        if (count < cap) out[count] = b;
        count++;
    }
    return count;
}

int32_t cicushim_detect_charset(const uint8_t *s, int64_t n, char *name, int32_t cap) {
    UErrorCode e = U_ZERO_ERROR;
    UCharsetDetector *d = ucsdet_open(&e);
    if (U_FAILURE(e)) return -1;
    if (n > 65536) n = 65536;               /* a sample is enough and keeps detection cheap */
    ucsdet_setText(d, (const char *)s, (int32_t)n, &e);
    const UCharsetMatch *m = ucsdet_detect(d, &e);
    int32_t conf = -1;
    if (!U_FAILURE(e) && m) {
        const char *nm = ucsdet_getName(m, &e);
        conf = ucsdet_getConfidence(m, &e);
        if (!U_FAILURE(e) && nm) { strncpy(name, nm, (size_t)cap - 1); name[cap - 1] = 0; }
        else conf = -1;
    }
    ucsdet_close(d);
    return conf;
}

int64_t cicushim_to_utf8(const char *charset, const uint8_t *s, int64_t n, uint8_t *out, int64_t cap, int32_t *err) {
    UErrorCode e = U_ZERO_ERROR;
    if (n > 0x7fffffff || cap > 0x7fffffff) { *err = U_BUFFER_OVERFLOW_ERROR; return -1; }
    int32_t len = ucnv_convert("UTF-8", charset, (char *)out, (int32_t)cap, (const char *)s, (int32_t)n, &e);
    if (U_FAILURE(e)) { *err = e; return -1; }
    return len;
}
