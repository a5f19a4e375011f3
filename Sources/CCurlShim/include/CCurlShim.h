#ifndef CHORUS_CCURL_SHIM_H_TYPED
#define CHORUS_CCURL_SHIM_H_TYPED

// Typed wrappers for libcurl's variadic entry points (curl_easy_setopt, curl_easy_getinfo,
// curl_multi_setopt), which Swift cannot call directly, plus the few macros Swift cannot
// import. Everything else is used straight from <curl/curl.h>.
#include <curl/curl.h>

/// curl_global_init(CURL_GLOBAL_ALL)
CURLcode chorus_curl_global_init(void);

CURLcode chorus_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode chorus_easy_setopt_off(CURL *handle, CURLoption option, curl_off_t value);
CURLcode chorus_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode chorus_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode chorus_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);

CURLcode chorus_easy_set_write_function(CURL *handle, curl_write_callback callback, void *userdata);
CURLcode chorus_easy_set_header_function(CURL *handle, curl_write_callback callback, void *userdata);
CURLcode chorus_easy_set_opensocket_function(CURL *handle, curl_opensocket_callback callback, void *userdata);
CURLcode chorus_easy_set_prereq_function(CURL *handle, curl_prereq_callback callback, void *userdata);

CURLcode chorus_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode chorus_easy_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value);
CURLcode chorus_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value);

CURLMcode chorus_multi_setopt_long(CURLM *handle, CURLMoption option, long value);

/// The socket value libcurl treats as "no socket" (CURL_SOCKET_BAD).
curl_socket_t chorus_curl_socket_bad(void);

#endif
