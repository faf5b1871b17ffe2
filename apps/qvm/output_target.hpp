// Where a command's rows go: stdout, or `-o FILE` written to a temporary file beside it and
// renamed into place only when the run succeeded, so a failed run never leaves a file that looks
// complete (and never clobbers the previous one).
#pragma once

#include <CLI/CLI.hpp>

#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "qvm/writers.hpp"

namespace qvm::cli {

struct OutputOptions {
  std::string format;  // empty: table on a terminal, ndjson otherwise
  std::string file;    // empty or "-": stdout
  bool decode_entities = false;
};

// Adds --format, -o/--output and --decode-entities to a command.
void add_output_options(CLI::App& command, OutputOptions& options);

class OutputTarget {
 public:
  static Result<std::unique_ptr<OutputTarget>> open(const OutputOptions& options,
                                                    WriterOptions writer_options = {});
  ~OutputTarget();

  RowWriter& writer() { return *writer_; }
  OutputFormat format() const { return format_; }
  // Ends the document and moves the file into place.
  Status commit();

 private:
  OutputTarget() = default;
  OutputFormat format_ = OutputFormat::kNdjson;
  std::string final_path_;
  std::string temp_path_;
  std::ofstream file_;
  std::unique_ptr<RowWriter> writer_;
  bool committed_ = false;
};

// Columns of the terminal on stdout, 0 when stdout is not a terminal.
size_t terminal_width();
bool stdout_is_terminal();

}  // namespace qvm::cli
