// `qvm parse FILE…`: saved Qualys responses to rows, offline, streaming in constant memory.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "connection_flags.hpp"
#include "document_rows.hpp"
#include "interrupt.hpp"
#include "output_target.hpp"
#include "qvm/record_rows.hpp"

namespace qvm::cli {
namespace {

constexpr size_t kChunk = 1 << 16;
// The prolog (declaration, DOCTYPE, banner comments) is small; past this much without a root
// element the input is not a Qualys response.
constexpr size_t kMaxProlog = 1 << 20;

struct ParseOptions {
  std::vector<std::string> files;
  OutputOptions output;
  std::string xml_parser = "fast";
};

Error in_file(Error error, const std::string& file) {
  std::string name = file == "-" ? "<stdin>" : file;
  if (error.kind == ErrorKind::kApi || error.kind == ErrorKind::kAuth ||
      error.kind == ErrorKind::kLimit) {
    error.message += " (in " + name + ")";
  } else {
    error.message = name + ": " + error.message;
  }
  return error;
}

// Streams one file into the session: sniff the type from the first bytes, then feed the rest.
Status parse_file(const std::string& file, RowSession& session, XmlBackend backend) {
  std::ifstream in_file_stream;
  std::istream* in = &std::cin;
  if (file != "-") {
    in_file_stream.open(file, std::ios::binary);
    if (!in_file_stream) {
      return make_error(ErrorKind::kUsage, "cannot open '" + file + "': " + std::strerror(errno),
                        "check the file name");
    }
    in = &in_file_stream;
  }
  std::string prefix;
  std::unique_ptr<DocumentRows> rows;
  std::vector<char> buffer(kChunk);
  while (true) {
    if (interrupted()) return make_error(ErrorKind::kInterrupted, "interrupted");
    in->read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    std::string_view chunk(buffer.data(), static_cast<size_t>(in->gcount()));
    if (chunk.empty() && in->bad()) {
      return make_error(ErrorKind::kIo, "reading failed: " + std::string(std::strerror(errno)));
    }
    if (!rows) {
      prefix.append(chunk);
      auto sniff = sniff_document(prefix);
      if (!sniff && !chunk.empty() && prefix.size() < kMaxProlog) continue;
      if (!sniff) {
        return make_error(ErrorKind::kMalformed,
                          prefix.empty() ? "the file is empty" : "no root element found");
      }
      auto created = DocumentRows::create(sniff->type, session, backend);
      if (!created) return std::unexpected(created.error());
      rows = std::move(*created);
      chunk = prefix;
    }
    if (!chunk.empty()) {
      if (auto s = rows->feed(chunk); !s) return s;
    }
    if (!prefix.empty()) prefix.clear();
    if (in->eof() || (chunk.empty() && !in->good())) break;
  }
  if (auto s = rows->finish(); !s) return s;
  return session.begin_if_empty(rows->columns());
}

Status run_parse(const ParseOptions& options) {
  auto target = OutputTarget::open(options.output);
  if (!target) return std::unexpected(target.error());
  RowSession session{(*target)->writer()};
  for (const auto& file : options.files) {
    if (auto s = parse_file(file, session, xml_backend(options.xml_parser)); !s)
      return std::unexpected(in_file(s.error(), file));
  }
  return (*target)->commit();
}

}  // namespace

void add_parse_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<ParseOptions>();
  CLI::App* cmd = app.add_subcommand("parse", "Convert saved Qualys responses to rows, offline");
  cmd->footer(
      "Convert saved Qualys API responses (XML, or host list detection CSV) to rows, offline.\n"
      "The document type is recognised from its root element: host list (a host per row),\n"
      "host list detection (a detection per row, with host_id and ip), KnowledgeBase (a vuln\n"
      "per row), scan list, QPS host assets, SIMPLE_RETURN and ABOUT. Field names are the\n"
      "Qualys element names in lower snake case. A Qualys error document, a malformed or a\n"
      "truncated file is an error (non-zero exit) and no output is presented as complete.\n\n"
      "Examples:\n"
      "  qvm parse detections.xml --format csv -o detections.csv\n"
      "  curl … | qvm parse - --format ndjson | jq .qid\n"
      "  qvm parse page1.xml page2.xml page3.xml --format json");
  cmd->add_option("files", options->files, "response files to read; - reads stdin")->required();
  add_output_options(*cmd, options->output);
  add_xml_parser_flag(*cmd, options->xml_parser);
  cmd->callback([&action, options] { action = [options] { return run_parse(*options); }; });
}

}  // namespace qvm::cli
