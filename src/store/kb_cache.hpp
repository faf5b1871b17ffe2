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

struct sqlite3;

namespace qvm::store {

class KbCache {
 public:
  // Opens (creating if needed) the cache at `path`. Concurrent qvm processes may share it:
  // SQLite's locking serialises writers (WAL, with a busy timeout).
  static Result<std::unique_ptr<KbCache>> open(const std::string& path);
  ~KbCache();
  KbCache(const KbCache&) = delete;
  KbCache& operator=(const KbCache&) = delete;

  Result<std::optional<std::string>> get(std::uint64_t qid);
  Status put(std::uint64_t qid, std::string_view entry, std::optional<Timestamp> modified);
  // When entries were last checked against Qualys (last_modified_after), if ever.
  Result<std::optional<Timestamp>> refreshed_at();
  Status set_refreshed_at(Timestamp t);

  Status begin();
  Status commit();

 private:
  explicit KbCache(sqlite3* db) : db_(db) {}
  Status exec(const char* sql);
  sqlite3* db_;
};

}  // namespace qvm::store
