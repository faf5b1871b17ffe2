// The mirror's schema and its migrations: version 1 (the first layout) and the steps that bring
// any older database to kMirrorSchemaVersion. Opening a mirror always goes through here.
#pragma once

#include "store/sqlite_statement.hpp"

namespace qvm::store {

// Opens the mirror read-write, in WAL mode, created or migrated to the current version.
// A database from a newer qvm is refused (kIo) rather than touched.
Result<Connection> open_mirror(const std::string& path);
// Opens an existing mirror read-only (for offline queries); an old version is refused with a
// hint to run `qvm sync` (which migrates), a file that is no mirror is refused too.
Result<Connection> open_mirror_read_only(const std::string& path);

// Version 1 exactly as the first qvm wrote it (for the migration test).
Status create_schema_v1(Connection& db);

}  // namespace qvm::store
