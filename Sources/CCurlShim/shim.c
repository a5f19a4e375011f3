#include "CCurlShim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

// libcurl is opened with dlopen on first use instead of being linked: loading it and its two
// dozen dependencies (TLS, IDN, SSH, LDAP, Kerberos...) costs several milliseconds of every
// process start, and most commands (parse, score, check) never fetch. Each function Chorus
// calls is looked up once; when the library or a function is missing, every wrapper fails the
// way libcurl itself reports failure, and chorus_curl_load_error() says why.

static struct {
    __typeof__(&curl_global_init) global_init;
    __typeof__(&curl_easy_init) easy_init;
    __typeof__(&curl_easy_cleanup) easy_cleanup;
    __typeof__(&curl_easy_reset) easy_reset;
    __typeof__(&curl_easy_strerror) easy_strerror;
    __typeof__(&curl_multi_init) multi_init;
    __typeof__(&curl_multi_cleanup) multi_cleanup;
    __typeof__(&curl_multi_add_handle) multi_add_handle;
    __typeof__(&curl_multi_remove_handle) multi_remove_handle;
    __typeof__(&curl_multi_perform) multi_perform;
    __typeof__(&curl_multi_poll) multi_poll;
    __typeof__(&curl_multi_wakeup) multi_wakeup;
    __typeof__(&curl_multi_info_read) multi_info_read;
    __typeof__(&curl_multi_strerror) multi_strerror;
    __typeof__(&curl_slist_append) slist_append;
    __typeof__(&curl_slist_free_all) slist_free_all;
    __typeof__(&curl_getdate) getdate;
    __typeof__(&curl_easy_setopt) easy_setopt;
    __typeof__(&curl_easy_getinfo) easy_getinfo;
    __typeof__(&curl_multi_setopt) multi_setopt;
} api;

static char load_error[256];
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void) {
    // CHORUS_LIBCURL names another build of the library (a path, or a soname to search).
    const char *name = getenv("CHORUS_LIBCURL");
    if (!name || !*name) name = "libcurl.so.4";
    void *lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(load_error, sizeof load_error, "cannot load libcurl: %s", dlerror());
        return;
    }
#define CHORUS_LOAD(sym, field) \
    if (!(*(void **)&api.field = dlsym(lib, #sym))) { \
        snprintf(load_error, sizeof load_error, "cannot load libcurl: %s is missing from %s", #sym, name); \
        return; \
    }
    CHORUS_LOAD(curl_global_init, global_init)
    CHORUS_LOAD(curl_easy_init, easy_init)
    CHORUS_LOAD(curl_easy_cleanup, easy_cleanup)
    CHORUS_LOAD(curl_easy_reset, easy_reset)
    CHORUS_LOAD(curl_easy_strerror, easy_strerror)
    CHORUS_LOAD(curl_multi_init, multi_init)
    CHORUS_LOAD(curl_multi_cleanup, multi_cleanup)
    CHORUS_LOAD(curl_multi_add_handle, multi_add_handle)
    CHORUS_LOAD(curl_multi_remove_handle, multi_remove_handle)
    CHORUS_LOAD(curl_multi_perform, multi_perform)
    CHORUS_LOAD(curl_multi_poll, multi_poll)
    CHORUS_LOAD(curl_multi_wakeup, multi_wakeup)
    CHORUS_LOAD(curl_multi_info_read, multi_info_read)
    CHORUS_LOAD(curl_multi_strerror, multi_strerror)
    CHORUS_LOAD(curl_slist_append, slist_append)
    CHORUS_LOAD(curl_slist_free_all, slist_free_all)
    CHORUS_LOAD(curl_getdate, getdate)
    CHORUS_LOAD(curl_easy_setopt, easy_setopt)
    CHORUS_LOAD(curl_easy_getinfo, easy_getinfo)
    CHORUS_LOAD(curl_multi_setopt, multi_setopt)
#undef CHORUS_LOAD
}

/// 1 when every function is loaded.
static int ready(void) {
    pthread_once(&load_once, load);
    return load_error[0] == 0;
}

const char *chorus_curl_load_error(void) { return ready() ? NULL : load_error; }

CURLcode chorus_curl_global_init(long flags) {
    return ready() ? api.global_init(flags) : CURLE_FAILED_INIT;
}

CURL *chorus_curl_easy_init(void) {
    return ready() ? api.easy_init() : NULL;
}

void chorus_curl_easy_cleanup(CURL *handle) {
    if (ready()) api.easy_cleanup(handle);
}

void chorus_curl_easy_reset(CURL *handle) {
    if (ready()) api.easy_reset(handle);
}

const char *chorus_curl_easy_strerror(CURLcode code) {
    return ready() ? api.easy_strerror(code) : "libcurl is not loaded";
}

CURLM *chorus_curl_multi_init(void) {
    return ready() ? api.multi_init() : NULL;
}

CURLMcode chorus_curl_multi_cleanup(CURLM *multi) {
    return ready() ? api.multi_cleanup(multi) : CURLM_BAD_HANDLE;
}

CURLMcode chorus_curl_multi_add_handle(CURLM *multi, CURL *easy) {
    return ready() ? api.multi_add_handle(multi, easy) : CURLM_BAD_HANDLE;
}

CURLMcode chorus_curl_multi_remove_handle(CURLM *multi, CURL *easy) {
    return ready() ? api.multi_remove_handle(multi, easy) : CURLM_BAD_HANDLE;
}

CURLMcode chorus_curl_multi_perform(CURLM *multi, int *running) {
    return ready() ? api.multi_perform(multi, running) : CURLM_BAD_HANDLE;
}

CURLMcode chorus_curl_multi_poll(CURLM *multi, struct curl_waitfd extra[], unsigned int count, int timeout_ms, int *numfds) {
    return ready() ? api.multi_poll(multi, extra, count, timeout_ms, numfds) : CURLM_BAD_HANDLE;
}

CURLMcode chorus_curl_multi_wakeup(CURLM *multi) {
    return ready() ? api.multi_wakeup(multi) : CURLM_BAD_HANDLE;
}

CURLMsg *chorus_curl_multi_info_read(CURLM *multi, int *queued) {
    return ready() ? api.multi_info_read(multi, queued) : NULL;
}

const char *chorus_curl_multi_strerror(CURLMcode code) {
    return ready() ? api.multi_strerror(code) : "libcurl is not loaded";
}

struct curl_slist *chorus_curl_slist_append(struct curl_slist *list, const char *string) {
    return ready() ? api.slist_append(list, string) : NULL;
}

void chorus_curl_slist_free_all(struct curl_slist *list) {
    if (ready()) api.slist_free_all(list);
}

time_t chorus_curl_getdate(const char *text, const time_t *unused) {
    return ready() ? api.getdate(text, unused) : -1;
}


CURLcode chorus_curl_global_init_all(void) { return chorus_curl_global_init(CURL_GLOBAL_ALL); }

CURLcode chorus_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return ready() ? api.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}

CURLcode chorus_easy_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return ready() ? api.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}

CURLcode chorus_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return ready() ? api.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}

CURLcode chorus_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return ready() ? api.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}

CURLcode chorus_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return ready() ? api.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}

CURLcode chorus_easy_set_write_function(CURL *handle, curl_write_callback callback, void *userdata) {
    if (!ready()) return CURLE_FAILED_INIT;
    CURLcode rc = api.easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
    return rc != CURLE_OK ? rc : api.easy_setopt(handle, CURLOPT_WRITEDATA, userdata);
}

CURLcode chorus_easy_set_header_function(CURL *handle, curl_write_callback callback, void *userdata) {
    if (!ready()) return CURLE_FAILED_INIT;
    CURLcode rc = api.easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
    return rc != CURLE_OK ? rc : api.easy_setopt(handle, CURLOPT_HEADERDATA, userdata);
}

CURLcode chorus_easy_set_opensocket_function(CURL *handle, curl_opensocket_callback callback, void *userdata) {
    if (!ready()) return CURLE_FAILED_INIT;
    CURLcode rc = api.easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, callback);
    return rc != CURLE_OK ? rc : api.easy_setopt(handle, CURLOPT_OPENSOCKETDATA, userdata);
}

CURLcode chorus_easy_set_prereq_function(CURL *handle, curl_prereq_callback callback, void *userdata) {
    if (!ready()) return CURLE_FAILED_INIT;
    CURLcode rc = api.easy_setopt(handle, CURLOPT_PREREQFUNCTION, callback);
    return rc != CURLE_OK ? rc : api.easy_setopt(handle, CURLOPT_PREREQDATA, userdata);
}

CURLcode chorus_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return ready() ? api.easy_getinfo(handle, info, value) : CURLE_FAILED_INIT;
}

CURLcode chorus_easy_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value) {
    return ready() ? api.easy_getinfo(handle, info, value) : CURLE_FAILED_INIT;
}

CURLcode chorus_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    return ready() ? api.easy_getinfo(handle, info, value) : CURLE_FAILED_INIT;
}

CURLMcode chorus_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return ready() ? api.multi_setopt(handle, option, value) : CURLM_BAD_HANDLE;
}

curl_socket_t chorus_curl_socket_bad(void) { return CURL_SOCKET_BAD; }
