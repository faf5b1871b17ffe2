// Turns a Qualys response of a given type into writer rows, streaming: the parser for the type
// with callbacks that hand each record to the writer as a row.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "qvm/document_type.hpp"
#include "qvm/parsers.hpp"
#include "qvm/writers.hpp"

namespace qvm::cli {

// The writer shared by the documents of one run: begun once, with the columns of the first
// record, and every later record must have the same columns.
struct RowSession {
  RowWriter& writer;
  const std::vector<std::string>* columns = nullptr;
  size_t rows = 0;

  Status write(const std::vector<std::string>& row_columns, std::span<const FieldValue> row);
  // Begins the output with `fallback` columns when no record was written (an empty result).
  Status begin_if_empty(const std::vector<std::string>& fallback);
};

class DocumentRows {
 public:
  // Fails (kUsage) for document types qvm cannot turn into rows.
  static Result<std::unique_ptr<DocumentRows>> create(DocumentType type, RowSession& session,
                                                      XmlBackend backend);

  Status feed(std::string_view bytes) { return parser_->feed(bytes); }
  // Ends the document; SIMPLE_RETURN and ABOUT documents become one row here.
  Status finish();
  const std::vector<std::string>& columns() const { return *columns_; }

 private:
  DocumentRows(RowSession& session, DocumentType type) : session_(session), type_(type) {}
  Status emit() { return session_.write(*columns_, row_); }

  RowSession& session_;
  DocumentType type_;
  const std::vector<std::string>* columns_ = nullptr;
  std::unique_ptr<ResponseParser> parser_;
  std::vector<FieldValue> row_;
  SimpleReturn simple_return_;
  About about_;
};

}  // namespace qvm::cli
