// Byte-at-a-time RFC 4180 state machine; CR before LF outside quotes is dropped.
#include "api/csv_record_reader.hpp"

namespace qvm::api {

std::unexpected<Error> CsvRecordReader::malformed(std::string_view why) const {
  return make_error(ErrorKind::kMalformed,
                    "malformed CSV: line " + std::to_string(line_) + ": " + std::string(why));
}

Status CsvRecordReader::feed(std::string_view bytes) {
  if (failure_) return std::unexpected(*failure_);
  for (char c : bytes) {
    if (in_quotes_) {
      if (c == '"') {
        in_quotes_ = false;
        after_quote_ = true;
      } else {
        if (c == '\n') ++line_;
        field_.push_back(c);
      }
      continue;
    }
    if (after_quote_) {
      after_quote_ = false;
      if (c == '"') {  // a doubled quote stands for one
        field_.push_back('"');
        in_quotes_ = true;
        continue;
      }
      if (c != ',' && c != '\n' && c != '\r') {
        auto error = malformed("text after the closing quote of a field");
        failure_ = error.error();
        return error;
      }
    }
    Status status;
    switch (c) {
      case ',':
        record_started_ = true;
        status = end_field();
        break;
      case '\n':
        status = end_record();
        ++line_;
        record_line_ = line_;
        break;
      case '\r':
        break;
      case '"':
        if (!field_.empty() || field_quoted_) {
          status = malformed("a quote inside an unquoted field");
        } else {
          record_started_ = true;
          field_quoted_ = true;
          in_quotes_ = true;
        }
        break;
      default:
        record_started_ = true;
        field_.push_back(c);
    }
    if (!status) {
      failure_ = status.error();
      return status;
    }
  }
  return {};
}

Status CsvRecordReader::finish() {
  if (failure_) return std::unexpected(*failure_);
  if (in_quotes_) {
    auto error = malformed("the input ended inside a quoted field");
    failure_ = error.error();
    return error;
  }
  after_quote_ = false;
  if (record_started_) {
    auto status = end_record();
    if (!status) failure_ = status.error();
    return status;
  }
  return {};
}

Status CsvRecordReader::end_field() {
  if (fields_.size() <= used_) fields_.emplace_back();
  CsvField& f = fields_[used_++];
  f.text.swap(field_);
  f.quoted = field_quoted_;
  field_.clear();
  field_quoted_ = false;
  return {};
}

Status CsvRecordReader::end_record() {
  // An empty line is no record (Qualys ends sections with a line break).
  if (!record_started_) return {};
  end_field();
  record_started_ = false;
  size_t count = used_;
  used_ = 0;
  return handler_(std::span<const CsvField>(fields_.data(), count), record_line_);
}

}  // namespace qvm::api
