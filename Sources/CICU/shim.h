#ifndef ADSCAN_CICU_SHIM_H
#define ADSCAN_CICU_SHIM_H
/* Only the C target CICUShim includes this; no Swift module imports it (see Package.swift). */
#include <unicode/utypes.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <unicode/utrans.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#endif
