#ifndef CHORUS_CPQ_SHIM_H
#define CHORUS_CPQ_SHIM_H

// Chorus's only door to libpq, PostgreSQL's C client. libpq is not linked: it is opened with
// dlopen the first time a wrapper is called (see shim.c), so a process whose state is SQLite
// (and parse, score, check on such a config) never loads it. Every function is
// chorus_<libpq name> with libpq's signature. Types and constants come from <libpq-fe.h>
// (Debian's libpq-dev installs it under postgresql/, found here without an include flag).
#include <postgresql/libpq-fe.h>

/// NULL when libpq is loaded (loading it if needed); else why it cannot be, e.g.
/// "cannot load libpq: libpq.so.5: cannot open shared object file: ...". When it cannot be
/// loaded, every wrapper fails: NULL, CONNECTION_BAD, PGRES_FATAL_ERROR or 0.
const char *chorus_pq_load_error(void);

PGconn *chorus_PQconnectdbParams(const char *const *keywords, const char *const *values, int expand_dbname);
ConnStatusType chorus_PQstatus(const PGconn *conn);
char *chorus_PQerrorMessage(const PGconn *conn);
void chorus_PQfinish(PGconn *conn);
void chorus_PQreset(PGconn *conn);
int chorus_PQserverVersion(const PGconn *conn);
PGresult *chorus_PQexec(PGconn *conn, const char *query);
PGresult *chorus_PQexecParams(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
                              const char *const *paramValues, const int *paramLengths, const int *paramFormats, int resultFormat);
ExecStatusType chorus_PQresultStatus(const PGresult *res);
char *chorus_PQresultErrorMessage(const PGresult *res);
char *chorus_PQresultErrorField(const PGresult *res, int fieldcode);
int chorus_PQntuples(const PGresult *res);
int chorus_PQnfields(const PGresult *res);
char *chorus_PQgetvalue(const PGresult *res, int row, int column);
int chorus_PQgetisnull(const PGresult *res, int row, int column);
int chorus_PQgetlength(const PGresult *res, int row, int column);
void chorus_PQclear(PGresult *res);

#endif
