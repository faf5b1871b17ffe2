// `mirror_sql`: one statement over a read-only connection, its rows through a RowWriter with
// SQLite's types kept (integers, reals, text, NULL).
#include "qvm/mirror.hpp"
#include "store/sqlite_statement.hpp"

namespace qvm {

Status mirror_sql(const std::string& db_path, const std::string& sql, RowWriter& writer) {
  auto db = store::Connection::open(db_path, true);
  if (!db) return std::unexpected(db.error());
  // Belt and braces: the connection is read-only, and so is the statement.
  if (auto s = db->exec("PRAGMA query_only = 1"); !s) return s;
  const char* tail = nullptr;
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db->get(), sql.c_str(), static_cast<int>(sql.size()), &raw, &tail) !=
      SQLITE_OK) {
    return make_error(ErrorKind::kUsage, std::string("SQL: ") + sqlite3_errmsg(db->get()),
                      "the tables and the vulns view are described in README.md (qvm sync)");
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
  if (!stmt) return make_error(ErrorKind::kUsage, "SQL: no statement given");
  while (tail && (*tail == ' ' || *tail == '\n' || *tail == '\t' || *tail == ';'))
    ++tail;
  if (tail && *tail) return make_error(ErrorKind::kUsage, "SQL: give one statement only");
  if (!sqlite3_stmt_readonly(stmt.get())) {
    return make_error(ErrorKind::kUsage, "SQL: only statements that read are allowed",
                      "the mirror is written by qvm sync only");
  }
  int columns = sqlite3_column_count(stmt.get());
  std::vector<std::string> names;
  for (int i = 0; i < columns; ++i)
    names.emplace_back(sqlite3_column_name(stmt.get(), i));
  if (auto s = writer.begin(names); !s) return s;
  std::vector<FieldValue> row(static_cast<size_t>(columns));
  while (true) {
    int rc = sqlite3_step(stmt.get());
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      return make_error(ErrorKind::kUsage, std::string("SQL: ") + sqlite3_errmsg(db->get()));
    }
    for (int i = 0; i < columns; ++i) {
      auto& cell = row[static_cast<size_t>(i)];
      switch (sqlite3_column_type(stmt.get(), i)) {
        case SQLITE_INTEGER:
          cell = static_cast<std::int64_t>(sqlite3_column_int64(stmt.get(), i));
          break;
        case SQLITE_FLOAT:
          cell = sqlite3_column_double(stmt.get(), i);
          break;
        case SQLITE_NULL:
          cell = std::monostate{};
          break;
        default: {
          auto text = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), i));
          cell = std::string(text ? text : "",
                             static_cast<size_t>(sqlite3_column_bytes(stmt.get(), i)));
        }
      }
    }
    if (auto s = writer.row(row); !s) return s;
  }
  return {};
}

}  // namespace qvm
