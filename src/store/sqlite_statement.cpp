// Connection and Statement: the thin layer over the sqlite3 C API every store file uses.
#include "store/sqlite_statement.hpp"

namespace qvm::store {

Result<Connection> Connection::open(const std::string& path, bool read_only) {
  // SQLite counts every allocation under a global mutex unless told not to; the counts are only
  // for sqlite3_memory_used(), and the mutex was 5% of a sync's profile. This has to happen
  // before SQLite initialises: if the host application already used SQLite, it fails harmlessly.
  static const bool no_memory_statistics = [] {
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)no_memory_statistics;
  Connection c;
  c.path_ = path;
  // One connection per thread: SQLite's own per-call locking is not needed.
  int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
              SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &c.db_, flags, nullptr) != SQLITE_OK) {
    Error e = c.error("cannot open the database");
    if (read_only) e.hint = "is the path right? `qvm sync --db " + path + "` creates it";
    return std::unexpected(e);
  }
  // Readers and the writer of a WAL database wait for each other's short transactions.
  sqlite3_busy_timeout(c.db_, 30000);
  return c;
}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    sqlite3_close(db_);
    db_ = other.db_;
    path_ = std::move(other.path_);
    other.db_ = nullptr;
  }
  return *this;
}

Connection::~Connection() {
  sqlite3_close(db_);
}

Error Connection::error(const std::string& what) const {
  return Error(ErrorKind::kIo,
               path_ + ": " + what + ": " + (db_ ? sqlite3_errmsg(db_) : "out of memory"),
               "check the path, the free space and the permissions of the database file");
}

Status Connection::exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string why = message ? message : "unknown error";
    sqlite3_free(message);
    return make_error(ErrorKind::kIo, path_ + ": " + why,
                      "check the free space and the permissions of the database file");
  }
  return {};
}

Result<Statement> Statement::prepare(const Connection& db, std::string_view sql) {
  Statement s;
  s.db_ = &db;
  if (sqlite3_prepare_v2(db.get(), sql.data(), static_cast<int>(sql.size()), &s.stmt_, nullptr) !=
      SQLITE_OK) {
    return std::unexpected(db.error("cannot prepare a statement"));
  }
  return s;
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = other.stmt_;
    db_ = other.db_;
    other.stmt_ = nullptr;
  }
  return *this;
}

Result<bool> Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return std::unexpected(db_->error("query failed"));
}

Status Statement::run() {
  auto r = step();
  sqlite3_reset(stmt_);
  if (!r) return std::unexpected(r.error());
  return {};
}

std::string Statement::text(int col) const {
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}

std::optional<std::string> Statement::opt_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

std::optional<int> Statement::opt_int(int col) const {
  if (is_null(col)) return std::nullopt;
  return sqlite3_column_int(stmt_, col);
}

std::optional<std::int64_t> Statement::opt_int64(int col) const {
  if (is_null(col)) return std::nullopt;
  return int64(col);
}

std::optional<std::uint64_t> Statement::opt_uint64(int col) const {
  if (is_null(col)) return std::nullopt;
  return uint64(col);
}

std::optional<bool> Statement::opt_bool(int col) const {
  if (is_null(col)) return std::nullopt;
  return int64(col) != 0;
}

std::optional<Timestamp> Statement::opt_time(int col) const {
  if (is_null(col)) return std::nullopt;
  return parse_timestamp(text(col));
}

}  // namespace qvm::store
