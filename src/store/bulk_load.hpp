// The journal mode of a mirror's first sync. WAL writes every page twice (into the WAL, then
// into the database at checkpoint); a rollback journal leaves pages appended to the file out of
// the journal, so loading an empty mirror writes each page once. Later syncs go back to WAL,
// where readers and the writer do not block each other.
#pragma once

#include "store/sqlite_statement.hpp"

namespace qvm::store {

// Switches to a rollback journal with synchronous=FULL (a crash or power loss rolls the open
// batch back, never corrupts). Outside any transaction. When another connection holds the
// database the mode cannot change: the load then simply stays in WAL.
Status enter_bulk_load(Connection& db);
// Back to WAL with synchronous=NORMAL, as open_mirror() leaves every other connection.
Status leave_bulk_load(Connection& db);

}  // namespace qvm::store
