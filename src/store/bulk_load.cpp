// The two journal modes of a mirror, as PRAGMAs.
#include "store/bulk_load.hpp"

namespace qvm::store {

Status enter_bulk_load(Connection& db) {
  // PRAGMA journal_mode answers with the mode in force: a refused change is not an error.
  return db.exec("PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL;");
}

Status leave_bulk_load(Connection& db) {
  return db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
}

}  // namespace qvm::store
