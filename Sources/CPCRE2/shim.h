#ifndef ADSCAN_CPCRE2_SHIM_H
#define ADSCAN_CPCRE2_SHIM_H
/* The width must be defined in the header: cSettings never reach Swift's ClangImporter. */
#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>
/* Casted macros are not imported into Swift; expose them as functions. */
static inline PCRE2_SIZE cpcre2_unset(void) { return PCRE2_UNSET; }
#endif
