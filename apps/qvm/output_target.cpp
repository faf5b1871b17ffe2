// Output selection and atomic file output.
#include "output_target.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace qvm::cli {

void add_output_options(CLI::App& command, OutputOptions& options) {
  command
      .add_option("--format", options.format,
                  "table|csv|json|ndjson (default: table on a terminal, ndjson otherwise). "
                  "csv, json and ndjson stream in constant memory; table holds all rows to "
                  "sort and size them")
      ->check(CLI::IsMember({"table", "csv", "json", "ndjson"}));
  command.add_option("-o,--output", options.file,
                     "write to FILE (created only when the run succeeds) instead of stdout");
  command.add_flag("--decode-entities", options.decode_entities,
                   "decode the HTML escapes Qualys leaves inside text (&apos; &quot; &lt; &gt; "
                   "&amp;); off by default because KB text is HTML where they are meaningful");
}

bool stdout_is_terminal() {
  return isatty(STDOUT_FILENO) == 1;
}

size_t terminal_width() {
  if (!stdout_is_terminal()) return 0;
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 120;
}

Result<std::unique_ptr<OutputTarget>> OutputTarget::open(const OutputOptions& options,
                                                         WriterOptions writer_options) {
  std::unique_ptr<OutputTarget> target(new OutputTarget());
  bool to_stdout = options.file.empty() || options.file == "-";
  if (options.format.empty()) {
    target->format_ =
        to_stdout && stdout_is_terminal() ? OutputFormat::kTable : OutputFormat::kNdjson;
  } else {
    auto format = parse_output_format(options.format);
    if (!format) return std::unexpected(format.error());
    target->format_ = *format;
  }
  writer_options.decode_entities = options.decode_entities;
  writer_options.pipelined = true;  // streamed formats write on their own thread
  if (target->format_ == OutputFormat::kTable && to_stdout && writer_options.table_width == 0) {
    writer_options.table_width = terminal_width();
  }
  std::ostream* out = &std::cout;
  // A device or a pipe (-o /dev/null, -o /dev/stdout, a FIFO) is written in place: only a
  // regular file can be replaced atomically, and renaming over a device would destroy it.
  std::error_code ec;
  auto status = std::filesystem::status(options.file, ec);
  bool special =
      !to_stdout && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status);
  if (special) {
    target->file_.open(options.file, std::ios::binary);
    if (!target->file_) {
      return make_error(ErrorKind::kIo, "cannot open '" + options.file + "' for writing");
    }
    out = &target->file_;
  } else if (!to_stdout) {
    target->final_path_ = options.file;
    target->temp_path_ = options.file + ".partial";
    target->file_.open(target->temp_path_, std::ios::binary | std::ios::trunc);
    if (!target->file_) {
      return make_error(ErrorKind::kIo, "cannot create output file '" + target->temp_path_ + "'",
                        "check that the folder exists and is writable");
    }
    out = &target->file_;
  }
  target->writer_ = make_writer(target->format_, *out, std::move(writer_options));
  return target;
}

Status OutputTarget::commit() {
  auto status = writer_->end();
  if (!status) return status;
  if (!temp_path_.empty()) {
    file_.close();
    if (!file_) return make_error(ErrorKind::kIo, "writing '" + temp_path_ + "' failed");
    std::error_code ec;
    std::filesystem::rename(temp_path_, final_path_, ec);
    if (ec) {
      return make_error(ErrorKind::kIo, "cannot move '" + temp_path_ + "' to '" + final_path_ +
                                            "': " + ec.message());
    }
  }
  committed_ = true;
  return {};
}

OutputTarget::~OutputTarget() {
  if (!committed_ && !temp_path_.empty()) {
    file_.close();
    std::remove(temp_path_.c_str());
  }
}

}  // namespace qvm::cli
