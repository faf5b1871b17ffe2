// Base of the streamed writers: a reused line buffer and error-checked output.
#pragma once

#include <ostream>
#include <string>

#include "qvm/writers.hpp"

namespace qvm::report {

class StreamWriter : public RowWriter {
 public:
  StreamWriter(std::ostream& out, WriterOptions options)
      : out_(out), options_(std::move(options)) {}

 protected:
  Status flush_line() {
    out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
    if (!out_) return write_failed();
    return {};
  }
  Status flush() {
    out_.flush();
    if (!out_) return write_failed();
    return {};
  }

  std::ostream& out_;
  WriterOptions options_;
  std::string line_;

 private:
  static Status write_failed() {
    return make_error(ErrorKind::kIo, "writing the output failed",
                      "check the output file's disk space and permissions");
  }
};

std::unique_ptr<RowWriter> make_csv_writer(std::ostream& out, WriterOptions options);
std::unique_ptr<RowWriter> make_json_writer(std::ostream& out, WriterOptions options, bool lines);
std::unique_ptr<RowWriter> make_table_writer(std::ostream& out, WriterOptions options);

}  // namespace qvm::report
