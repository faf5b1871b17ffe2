// A prepared SQLite statement with typed binds and reads of qvm's optional fields, and the
// connection it belongs to, both released on scope exit. Errors are kIo naming the database.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "qvm/error.hpp"
#include "qvm/timestamp.hpp"

namespace qvm::store {

class Connection {
 public:
  // Opens `path`; read_only opens it SQLITE_OPEN_READONLY (and fails if it does not exist).
  static Result<Connection> open(const std::string& path, bool read_only);
  Connection() = default;
  Connection(Connection&& other) noexcept : db_(other.db_), path_(std::move(other.path_)) {
    other.db_ = nullptr;
  }
  Connection& operator=(Connection&& other) noexcept;
  ~Connection();

  sqlite3* get() const { return db_; }
  const std::string& path() const { return path_; }
  Status exec(std::string_view sql);
  // The error of the last failed call, as "<path>: <what>: <sqlite message>".
  Error error(const std::string& what) const;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

class Statement {
 public:
  Statement() = default;
  static Result<Statement> prepare(const Connection& db, std::string_view sql);
  Statement(Statement&& other) noexcept : stmt_(other.stmt_), db_(other.db_) {
    other.stmt_ = nullptr;
  }
  Statement& operator=(Statement&& other) noexcept;
  ~Statement() { sqlite3_finalize(stmt_); }

  // Binds are 1-based, as SQLite's; nullopt binds NULL.
  void bind(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void bind(int i, std::uint64_t v) { sqlite3_bind_int64(stmt_, i, static_cast<sqlite3_int64>(v)); }
  void bind(int i, int v) { sqlite3_bind_int(stmt_, i, v); }
  void bind(int i, bool v) { sqlite3_bind_int(stmt_, i, v ? 1 : 0); }
  void bind(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
  void bind(int i, std::string_view v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void bind(int i, const std::string& v) { bind(i, std::string_view(v)); }
  void bind(int i, const char* v) { bind(i, std::string_view(v)); }
  void bind(int i, Timestamp v) {
    auto text = timestamp_chars(v);
    bind(i, std::string_view(text.data(), text.size()));
  }
  void bind_null(int i) { sqlite3_bind_null(stmt_, i); }
  // Text that stays alive and unchanged until the statement has run: SQLite reads it in place
  // instead of copying it at bind time (a sync binds millions of RESULTS).
  void bind_borrowed(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  }
  void bind_borrowed(int i, const std::optional<std::string>& v) {
    if (v) {
      bind_borrowed(i, *v);
    } else {
      bind_null(i);
    }
  }
  void bind_borrowed(int i, std::string&&) = delete;  // a temporary would be gone by then
  void bind_borrowed(int i, std::optional<std::string>&&) = delete;
  template <class T>
  void bind(int i, const std::optional<T>& v) {
    if (v) {
      bind(i, *v);
    } else {
      bind_null(i);
    }
  }

  // One step: true when a row is ready, false when done.
  Result<bool> step();
  // Runs a statement that returns no row, then resets it for the next binds. The bindings stay
  // (SQLite then reuses their buffers instead of allocating per value): callers rebind every
  // parameter, NULLs included, for each row.
  Status run();
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::uint64_t uint64(int col) const { return static_cast<std::uint64_t>(int64(col)); }
  std::string text(int col) const;
  std::optional<std::string> opt_text(int col) const;
  std::optional<int> opt_int(int col) const;
  std::optional<std::int64_t> opt_int64(int col) const;
  std::optional<std::uint64_t> opt_uint64(int col) const;
  std::optional<bool> opt_bool(int col) const;
  std::optional<Timestamp> opt_time(int col) const;
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  const Connection* db_ = nullptr;
};

}  // namespace qvm::store
