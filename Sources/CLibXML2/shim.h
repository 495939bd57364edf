/* Only the C target CCrawlShim includes this. */
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
