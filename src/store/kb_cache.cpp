// SQLite storage of the KB cache: a table of entries and a table of settings.
#include "store/kb_cache.hpp"

#include <sqlite3.h>

namespace qvm::store {
namespace {

Error sqlite_error(sqlite3* db, const std::string& what) {
  return Error(ErrorKind::kIo, "KB cache: " + what + ": " + sqlite3_errmsg(db),
               "delete the cache file to rebuild it; it holds nothing that cannot be fetched "
               "again");
}

// A prepared statement finalised on scope exit.
struct Statement {
  sqlite3_stmt* stmt = nullptr;
  ~Statement() { sqlite3_finalize(stmt); }
};

}  // namespace

Result<std::unique_ptr<KbCache>> KbCache::open(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    Error e = sqlite_error(db, "cannot open " + path);
    sqlite3_close(db);
    return std::unexpected(e);
  }
  std::unique_ptr<KbCache> cache(new KbCache(db));
  sqlite3_busy_timeout(db, 10000);
  const char* schema =
      "PRAGMA journal_mode=WAL;"
      "CREATE TABLE IF NOT EXISTS kb_entries (qid INTEGER PRIMARY KEY, entry BLOB NOT NULL, "
      "  modified TEXT, cached_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
      "CREATE TABLE IF NOT EXISTS kb_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);";
  if (auto s = cache->exec(schema); !s) return std::unexpected(s.error());
  return cache;
}

KbCache::~KbCache() {
  sqlite3_close(db_);
}

Status KbCache::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    return make_error(ErrorKind::kIo, "KB cache: " + text);
  }
  return {};
}

Status KbCache::begin() {
  return exec("BEGIN IMMEDIATE");
}
Status KbCache::commit() {
  return exec("COMMIT");
}

Result<std::optional<std::string>> KbCache::get(std::uint64_t qid) {
  Statement s;
  if (sqlite3_prepare_v2(db_, "SELECT entry FROM kb_entries WHERE qid = ?", -1, &s.stmt, nullptr) !=
      SQLITE_OK) {
    return std::unexpected(sqlite_error(db_, "read"));
  }
  sqlite3_bind_int64(s.stmt, 1, static_cast<sqlite3_int64>(qid));
  int rc = sqlite3_step(s.stmt);
  if (rc == SQLITE_DONE) return std::optional<std::string>();
  if (rc != SQLITE_ROW) return std::unexpected(sqlite_error(db_, "read"));
  const void* blob = sqlite3_column_blob(s.stmt, 0);
  int size = sqlite3_column_bytes(s.stmt, 0);
  return std::optional<std::string>(
      std::string(static_cast<const char*>(blob), static_cast<size_t>(size)));
}

Status KbCache::put(std::uint64_t qid, std::string_view entry, std::optional<Timestamp> modified) {
  Statement s;
  if (sqlite3_prepare_v2(db_,
                         "INSERT OR REPLACE INTO kb_entries (qid, entry, modified) "
                         "VALUES (?, ?, ?)",
                         -1, &s.stmt, nullptr) != SQLITE_OK) {
    return std::unexpected(sqlite_error(db_, "write"));
  }
  sqlite3_bind_int64(s.stmt, 1, static_cast<sqlite3_int64>(qid));
  sqlite3_bind_blob(s.stmt, 2, entry.data(), static_cast<int>(entry.size()), SQLITE_TRANSIENT);
  std::string when = modified ? format_timestamp(*modified) : std::string();
  if (modified) {
    sqlite3_bind_text(s.stmt, 3, when.c_str(), -1, SQLITE_TRANSIENT);
  } else {
    sqlite3_bind_null(s.stmt, 3);
  }
  if (sqlite3_step(s.stmt) != SQLITE_DONE) return std::unexpected(sqlite_error(db_, "write"));
  return {};
}

Result<std::optional<Timestamp>> KbCache::refreshed_at() {
  Statement s;
  if (sqlite3_prepare_v2(db_, "SELECT value FROM kb_settings WHERE key = 'refreshed_at'", -1,
                         &s.stmt, nullptr) != SQLITE_OK) {
    return std::unexpected(sqlite_error(db_, "read"));
  }
  if (sqlite3_step(s.stmt) != SQLITE_ROW) return std::optional<Timestamp>();
  auto text = reinterpret_cast<const char*>(sqlite3_column_text(s.stmt, 0));
  return text ? parse_timestamp(text) : std::nullopt;
}

Status KbCache::set_refreshed_at(Timestamp t) {
  Statement s;
  if (sqlite3_prepare_v2(db_,
                         "INSERT OR REPLACE INTO kb_settings (key, value) "
                         "VALUES ('refreshed_at', ?)",
                         -1, &s.stmt, nullptr) != SQLITE_OK) {
    return std::unexpected(sqlite_error(db_, "write"));
  }
  std::string text = format_timestamp(t);
  sqlite3_bind_text(s.stmt, 1, text.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(s.stmt) != SQLITE_DONE) return std::unexpected(sqlite_error(db_, "write"));
  return {};
}

}  // namespace qvm::store
