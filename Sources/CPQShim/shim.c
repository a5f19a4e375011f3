#include "CPQShim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

// libpq is opened with dlopen on first use instead of being linked, as libcurl is (see
// CCurlShim): loading it and its dependencies (TLS, Kerberos, LDAP) would cost every process
// start, and only a run whose state is on PostgreSQL needs it. Each function is looked up once;
// when the library or a function is missing, every wrapper fails the way libpq itself reports
// failure, and chorus_pq_load_error() says why.

static struct {
    __typeof__(&PQconnectdbParams) connectdb_params;
    __typeof__(&PQstatus) status;
    __typeof__(&PQerrorMessage) error_message;
    __typeof__(&PQfinish) finish;
    __typeof__(&PQreset) reset;
    __typeof__(&PQserverVersion) server_version;
    __typeof__(&PQexec) exec;
    __typeof__(&PQexecParams) exec_params;
    __typeof__(&PQresultStatus) result_status;
    __typeof__(&PQresultErrorMessage) result_error_message;
    __typeof__(&PQresultErrorField) result_error_field;
    __typeof__(&PQntuples) ntuples;
    __typeof__(&PQnfields) nfields;
    __typeof__(&PQgetvalue) getvalue;
    __typeof__(&PQgetisnull) getisnull;
    __typeof__(&PQgetlength) getlength;
    __typeof__(&PQclear) clear;
    __typeof__(&PQsetNoticeProcessor) set_notice_processor;
} api;

static char load_error[256];
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void) {
    // CHORUS_LIBPQ names another build of the library (a path, or a soname to search).
    const char *name = getenv("CHORUS_LIBPQ");
    if (!name || !*name) name = "libpq.so.5";
    void *lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(load_error, sizeof load_error, "cannot load libpq: %s", dlerror());
        return;
    }
#define CHORUS_LOAD(sym, field) \
    if (!(*(void **)&api.field = dlsym(lib, #sym))) { \
        snprintf(load_error, sizeof load_error, "cannot load libpq: %s is missing from %s", #sym, name); \
        return; \
    }
    CHORUS_LOAD(PQconnectdbParams, connectdb_params)
    CHORUS_LOAD(PQstatus, status)
    CHORUS_LOAD(PQerrorMessage, error_message)
    CHORUS_LOAD(PQfinish, finish)
    CHORUS_LOAD(PQreset, reset)
    CHORUS_LOAD(PQserverVersion, server_version)
    CHORUS_LOAD(PQexec, exec)
    CHORUS_LOAD(PQexecParams, exec_params)
    CHORUS_LOAD(PQresultStatus, result_status)
    CHORUS_LOAD(PQresultErrorMessage, result_error_message)
    CHORUS_LOAD(PQresultErrorField, result_error_field)
    CHORUS_LOAD(PQntuples, ntuples)
    CHORUS_LOAD(PQnfields, nfields)
    CHORUS_LOAD(PQgetvalue, getvalue)
    CHORUS_LOAD(PQgetisnull, getisnull)
    CHORUS_LOAD(PQgetlength, getlength)
    CHORUS_LOAD(PQclear, clear)
    CHORUS_LOAD(PQsetNoticeProcessor, set_notice_processor)
#undef CHORUS_LOAD
}

/// 1 when every function is loaded.
static int ready(void) {
    pthread_once(&load_once, load);
    return load_error[0] == 0;
}

const char *chorus_pq_load_error(void) { return ready() ? NULL : load_error; }

/// Drops libpq's notices. Its default processor prints them to stderr, where a connection the
/// server ended between two statements would add a line ("message type 0x45 arrived from
/// server while idle") beside the one line chorus prints for the failure it causes.
static void quiet_notices(void *arg, const char *message) {
    (void)arg;
    (void)message;
}

PGconn *chorus_PQconnectdbParams(const char *const *keywords, const char *const *values, int expand_dbname) {
    if (!ready()) return NULL;
    PGconn *conn = api.connectdb_params(keywords, values, expand_dbname);
    if (conn) api.set_notice_processor(conn, quiet_notices, NULL);
    return conn;
}

ConnStatusType chorus_PQstatus(const PGconn *conn) {
    return ready() && conn ? api.status(conn) : CONNECTION_BAD;
}

char *chorus_PQerrorMessage(const PGconn *conn) {
    return ready() && conn ? api.error_message(conn) : (char *)"libpq is not loaded";
}

void chorus_PQfinish(PGconn *conn) {
    if (ready() && conn) api.finish(conn);
}

void chorus_PQreset(PGconn *conn) {
    if (ready() && conn) api.reset(conn);
}

int chorus_PQserverVersion(const PGconn *conn) {
    return ready() && conn ? api.server_version(conn) : 0;
}

PGresult *chorus_PQexec(PGconn *conn, const char *query) {
    return ready() ? api.exec(conn, query) : NULL;
}

PGresult *chorus_PQexecParams(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
                              const char *const *paramValues, const int *paramLengths, const int *paramFormats, int resultFormat) {
    return ready() ? api.exec_params(conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat) : NULL;
}

ExecStatusType chorus_PQresultStatus(const PGresult *res) {
    return ready() && res ? api.result_status(res) : PGRES_FATAL_ERROR;
}

char *chorus_PQresultErrorMessage(const PGresult *res) {
    return ready() && res ? api.result_error_message(res) : (char *)"";
}

char *chorus_PQresultErrorField(const PGresult *res, int fieldcode) {
    return ready() && res ? api.result_error_field(res, fieldcode) : NULL;
}

int chorus_PQntuples(const PGresult *res) { return ready() && res ? api.ntuples(res) : 0; }

int chorus_PQnfields(const PGresult *res) { return ready() && res ? api.nfields(res) : 0; }

char *chorus_PQgetvalue(const PGresult *res, int row, int column) {
    return ready() && res ? api.getvalue(res, row, column) : NULL;
}

int chorus_PQgetisnull(const PGresult *res, int row, int column) {
    return ready() && res ? api.getisnull(res, row, column) : 1;
}

int chorus_PQgetlength(const PGresult *res, int row, int column) {
    return ready() && res ? api.getlength(res, row, column) : 0;
}

void chorus_PQclear(PGresult *res) {
    if (ready() && res) api.clear(res);
}
