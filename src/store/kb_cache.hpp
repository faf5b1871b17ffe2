// The local KnowledgeBase cache of `qvm vulns`: one SQLite file in the user's cache directory,
// so that a second run makes no KB call for QIDs it already knows. It stores an opaque entry
// per QID (the caller's encoding) with the vuln's last modification time.
//
// Threads: one connection, used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "qvm/error.hpp"
#include "qvm/timestamp.hpp"
#include "store/sqlite_statement.hpp"

namespace qvm::store {

class KbCache {
 public:
  // Opens (creating if needed) the cache at `path`. Concurrent qvm processes may share it:
  // SQLite's locking serialises writers (WAL, with a busy timeout).
  static Result<std::unique_ptr<KbCache>> open(const std::string& path);

  Result<std::optional<std::string>> get(std::uint64_t qid);
  Status put(std::uint64_t qid, std::string_view entry, std::optional<Timestamp> modified);
  // When entries were last checked against Qualys (last_modified_after), if ever.
  Result<std::optional<Timestamp>> refreshed_at();
  Status set_refreshed_at(Timestamp t);

  Status begin() { return db_.exec("BEGIN IMMEDIATE"); }
  Status commit() { return db_.exec("COMMIT"); }

 private:
  explicit KbCache(Connection db) : db_(std::move(db)) {}
  Connection db_;
  Statement get_, put_;  // prepared once: called per QID
};

}  // namespace qvm::store
