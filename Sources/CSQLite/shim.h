#ifndef TRAILMETER_CSQLITE_SHIM_H
#define TRAILMETER_CSQLITE_SHIM_H
#include <sqlite3.h>

/* SQLITE_TRANSIENT is a macro around a function-pointer cast that Swift cannot import. */
static inline sqlite3_destructor_type trailmeter_sqlite_transient(void) { return SQLITE_TRANSIENT; }

/* A virtual table and a cursor as SQLite sees them, each followed by a pointer to the Swift
   object behind it. SQLite only requires the base struct to come first. */
typedef struct trailmeter_vtab {
    sqlite3_vtab base;
    void *owner;
} trailmeter_vtab;

typedef struct trailmeter_vtab_cursor {
    sqlite3_vtab_cursor base;
    void *owner;
} trailmeter_vtab_cursor;

/* sqlite3_free as a function pointer value, for idxStr ownership handed to SQLite. */
static inline char *trailmeter_sqlite_strdup(const char *text) { return sqlite3_mprintf("%s", text); }
#endif
