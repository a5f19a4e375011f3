#ifndef CHORUS_CCURL_SHIM_H
#define CHORUS_CCURL_SHIM_H
#include <curl/curl.h>
#endif
