#ifndef CHORUS_CCURL_SHIM_H_TYPED
#define CHORUS_CCURL_SHIM_H_TYPED

// Chorus's only door to libcurl. libcurl is not linked: it is opened with dlopen the first
// time a wrapper is called (see shim.c), so commands that never fetch do not pay for loading
// it. Every function is chorus_<libcurl name> with libcurl's signature; the variadic entry
// points (setopt, getinfo), which Swift cannot call, have one typed wrapper per value type.
// Types and constants come from <curl/curl.h>.
#include <curl/curl.h>
#include <time.h>

/// NULL when libcurl is loaded (loading it if needed); else why it cannot be, e.g.
/// "cannot load libcurl: libcurl.so.4: cannot open shared object file: ...". When it cannot be
/// loaded, every wrapper fails: CURLE_FAILED_INIT, CURLM_BAD_HANDLE, NULL or -1.
const char *chorus_curl_load_error(void);

/// curl_global_init(CURL_GLOBAL_ALL)
CURLcode chorus_curl_global_init_all(void);

CURLcode chorus_curl_global_init(long flags);
CURL *chorus_curl_easy_init(void);
void chorus_curl_easy_cleanup(CURL *handle);
void chorus_curl_easy_reset(CURL *handle);
const char *chorus_curl_easy_strerror(CURLcode code);
CURLM *chorus_curl_multi_init(void);
CURLMcode chorus_curl_multi_cleanup(CURLM *multi);
CURLMcode chorus_curl_multi_add_handle(CURLM *multi, CURL *easy);
CURLMcode chorus_curl_multi_remove_handle(CURLM *multi, CURL *easy);
CURLMcode chorus_curl_multi_perform(CURLM *multi, int *running);
CURLMcode chorus_curl_multi_poll(CURLM *multi, struct curl_waitfd extra[], unsigned int count, int timeout_ms, int *numfds);
CURLMcode chorus_curl_multi_wakeup(CURLM *multi);
CURLMsg *chorus_curl_multi_info_read(CURLM *multi, int *queued);
const char *chorus_curl_multi_strerror(CURLMcode code);
struct curl_slist *chorus_curl_slist_append(struct curl_slist *list, const char *string);
void chorus_curl_slist_free_all(struct curl_slist *list);
time_t chorus_curl_getdate(const char *text, const time_t *unused);

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
