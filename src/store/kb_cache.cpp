// SQLite storage of the KB cache: a table of entries and a table of settings.
#include "store/kb_cache.hpp"

namespace qvm::store {

Result<std::unique_ptr<KbCache>> KbCache::open(const std::string& path) {
  auto db = Connection::open(path, false);
  if (!db) {
    Error e = db.error();
    e.hint =
        "check that the cache directory is writable; the cache holds nothing that cannot "
        "be fetched again";
    return std::unexpected(e);
  }
  std::unique_ptr<KbCache> cache(new KbCache(std::move(*db)));
  const char* schema =
      "PRAGMA journal_mode=WAL;"
      "CREATE TABLE IF NOT EXISTS kb_entries (qid INTEGER PRIMARY KEY, entry BLOB NOT NULL, "
      "  modified TEXT, cached_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
      "CREATE TABLE IF NOT EXISTS kb_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);";
  if (auto s = cache->db_.exec(schema); !s) return std::unexpected(s.error());
  auto get = Statement::prepare(cache->db_, "SELECT entry FROM kb_entries WHERE qid = ?");
  auto put = Statement::prepare(
      cache->db_, "INSERT OR REPLACE INTO kb_entries (qid, entry, modified) VALUES (?, ?, ?)");
  if (!get) return std::unexpected(get.error());
  if (!put) return std::unexpected(put.error());
  cache->get_ = std::move(*get);
  cache->put_ = std::move(*put);
  return cache;
}

Result<std::optional<std::string>> KbCache::get(std::uint64_t qid) {
  get_.reset();
  get_.bind(1, qid);
  auto row = get_.step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<std::string>();
  // An entry is a blob (it may hold NUL bytes): read it by size, not as C text.
  const void* blob = sqlite3_column_blob(get_.get(), 0);
  int size = sqlite3_column_bytes(get_.get(), 0);
  return std::optional<std::string>(
      std::string(static_cast<const char*>(blob), static_cast<size_t>(size)));
}

Status KbCache::put(std::uint64_t qid, std::string_view entry, std::optional<Timestamp> modified) {
  put_.bind(1, qid);
  sqlite3_bind_blob(put_.get(), 2, entry.data(), static_cast<int>(entry.size()), SQLITE_TRANSIENT);
  put_.bind(3, modified);
  return put_.run();
}

Result<std::optional<Timestamp>> KbCache::refreshed_at() {
  auto s = Statement::prepare(db_, "SELECT value FROM kb_settings WHERE key = 'refreshed_at'");
  if (!s) return std::unexpected(s.error());
  auto row = s->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<Timestamp>();
  return s->opt_time(0);
}

Status KbCache::set_refreshed_at(Timestamp t) {
  auto s = Statement::prepare(
      db_, "INSERT OR REPLACE INTO kb_settings (key, value) VALUES ('refreshed_at', ?)");
  if (!s) return std::unexpected(s.error());
  s->bind(1, t);
  return s->run();
}

}  // namespace qvm::store
