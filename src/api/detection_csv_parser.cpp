// HOST_LIST_VM_DETECTION output_format=CSV (and CSV_NO_METADATA): the ----BEGIN/END_RESPONSE_*
// sections, a body whose first row names the columns, one detection per row, and a footer that
// says "Finished" or "Truncated" with the next page's URL. Rows go to the same callbacks as the
// XML parser; with suppress_duplicated_data_from_csv=1 a host's fields come on a row of their
// own and its detection rows leave them empty.
#include <algorithm>
#include <cctype>

#include "api/csv_record_reader.hpp"
#include "api/field_table.hpp"
#include "qvm/parsers.hpp"

namespace qvm {
namespace {

// Column titles as Qualys prints them (QDOC HLD Samples 3-6), matched case-insensitively.
const api::FieldTable<Host>& host_columns() {
  static const api::FieldTable<Host> table = {
      {"host id", QVM_FIELD(Host, id)},
      {"asset id", QVM_FIELD(Host, asset_id)},
      {"ip address", QVM_FIELD(Host, ip)},
      {"ipv6 address", QVM_FIELD(Host, ipv6)},
      {"tracking method", QVM_FIELD(Host, tracking_method)},
      {"network id", QVM_FIELD(Host, network_id)},
      {"operating system", QVM_FIELD(Host, os)},
      {"dns name", QVM_FIELD(Host, dns)},
      {"netbios name", QVM_FIELD(Host, netbios)},
      {"qg hostid", QVM_FIELD(Host, qg_hostid)},
      {"last scan datetime", QVM_FIELD(Host, last_scan_datetime)},
      {"os cpe", QVM_FIELD(Host, os_cpe)},
      {"last vm scanned date", QVM_FIELD(Host, last_vm_scanned_date)},
      {"last vm scanned duration", QVM_FIELD(Host, last_vm_scanned_duration)},
      {"last vm auth scanned date", QVM_FIELD(Host, last_vm_auth_scanned_date)},
      {"last vm auth scanned duration", QVM_FIELD(Host, last_vm_auth_scanned_duration)},
      {"last pc scanned date", QVM_FIELD(Host, last_pc_scanned_date)},
  };
  return table;
}

const api::FieldTable<Detection>& detection_columns() {
  static const api::FieldTable<Detection> table = {
      {"unique vuln id", QVM_FIELD(Detection, unique_vuln_id)},
      {"qid", QVM_FIELD(Detection, qid)},
      {"type", QVM_FIELD(Detection, type)},
      {"port", QVM_FIELD(Detection, port)},
      {"protocol", QVM_FIELD(Detection, protocol)},
      {"fqdn", QVM_FIELD(Detection, fqdn)},
      {"ssl", QVM_FIELD(Detection, ssl)},
      {"instance", QVM_FIELD(Detection, instance)},
      {"status", QVM_FIELD(Detection, status)},
      {"severity", QVM_FIELD(Detection, severity)},
      {"first found datetime", QVM_FIELD(Detection, first_found_datetime)},
      {"last found datetime", QVM_FIELD(Detection, last_found_datetime)},
      {"last test datetime", QVM_FIELD(Detection, last_test_datetime)},
      {"last update datetime", QVM_FIELD(Detection, last_update_datetime)},
      {"last fixed datetime", QVM_FIELD(Detection, last_fixed_datetime)},
      {"first reopened datetime", QVM_FIELD(Detection, first_reopened_datetime)},
      {"last reopened datetime", QVM_FIELD(Detection, last_reopened_datetime)},
      {"times reopened", QVM_FIELD(Detection, times_reopened)},
      {"results", QVM_FIELD(Detection, results)},
      {"ignored", QVM_FIELD(Detection, is_ignored)},
      {"disabled", QVM_FIELD(Detection, is_disabled)},
      {"times found", QVM_FIELD(Detection, times_found)},
      {"service", QVM_FIELD(Detection, service)},
      {"last processed datetime", QVM_FIELD(Detection, last_processed_datetime)},
  };
  return table;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

struct Column {
  api::FieldSetter<Host> host = nullptr;
  api::FieldSetter<Detection> detection = nullptr;
};

enum class Section { kStart, kHeader, kBetween, kBodyColumns, kBodyRows, kFooter, kDone };

class DetectionCsvParser final : public ResponseParser {
 public:
  explicit DetectionCsvParser(DetectionCallbacks callbacks)
      : callbacks_(std::move(callbacks)),
        reader_([this](std::span<const api::CsvField> fields, size_t line) {
          return record(fields, line);
        }) {}

  Status feed(std::string_view bytes) override {
    if (failure_) return std::unexpected(*failure_);
    if (!sniffed_) {
      // Qualys answers errors with a SIMPLE_RETURN even when CSV was asked for.
      size_t first = bytes.find_first_not_of(" \t\r\n");
      if (first == std::string_view::npos) return {};
      sniffed_ = true;
      if (bytes[first] == '<') xml_error_body_ = make_simple_return_parser(simple_return_);
    }
    if (xml_error_body_) return keep(xml_error_body_->feed(bytes));
    return keep(reader_.feed(bytes));
  }

  Status finish() override {
    if (failure_) return std::unexpected(*failure_);
    if (xml_error_body_) {
      auto status = xml_error_body_->finish();
      if (!status) return keep(status);
      return keep(make_error(ErrorKind::kMalformed,
                             "unexpected response: expected CSV, got "
                             "SIMPLE_RETURN '" +
                                 simple_return_.text + "'"));
    }
    auto status = reader_.finish();
    if (!status) return keep(status);
    if (section_ == Section::kBodyRows && !with_sections_) return keep(end_host());
    if (section_ != Section::kDone) {
      return keep(make_error(ErrorKind::kMalformed,
                             "malformed CSV: the response ended before its footer (truncated "
                             "body?)"));
    }
    return {};
  }

  std::optional<Timestamp> datetime() const override { return std::nullopt; }
  const std::optional<Warning>& warning() const override { return warning_; }

 private:
  Status keep(Status status) {
    if (!status && !failure_) failure_ = status.error();
    return status;
  }

  static bool is_marker(std::span<const api::CsvField> fields, std::string_view marker) {
    return fields.size() == 1 && !fields[0].quoted && fields[0].text == marker;
  }

  Status record(std::span<const api::CsvField> fields, size_t line) {
    switch (section_) {
      case Section::kStart:
        if (is_marker(fields, "----BEGIN_RESPONSE_HEADER_CSV")) {
          with_sections_ = true;
          section_ = Section::kHeader;
          return {};
        }
        if (is_marker(fields, "----BEGIN_RESPONSE_BODY_CSV")) {
          with_sections_ = true;
          section_ = Section::kBodyColumns;
          return {};
        }
        // CSV_NO_METADATA: no sections, the first row names the columns.
        return set_columns(fields);
      case Section::kHeader:
        if (is_marker(fields, "----END_RESPONSE_HEADER_CSV")) section_ = Section::kBetween;
        return {};
      case Section::kBetween:
        if (is_marker(fields, "----BEGIN_RESPONSE_BODY_CSV")) {
          section_ = Section::kBodyColumns;
        } else if (is_marker(fields, "----BEGIN_RESPONSE_FOOTER_CSV")) {
          section_ = Section::kFooter;
        } else {
          return unexpected_line(line);
        }
        return {};
      case Section::kBodyColumns:
        return set_columns(fields);
      case Section::kBodyRows:
        if (with_sections_ && is_marker(fields, "----END_RESPONSE_BODY_CSV")) {
          section_ = Section::kBetween;
          return end_host();
        }
        return row(fields, line);
      case Section::kFooter:
        return footer(fields);
      case Section::kDone:
        return unexpected_line(line);
    }
    return {};
  }

  std::unexpected<Error> unexpected_line(size_t line) const {
    return make_error(ErrorKind::kMalformed,
                      "malformed CSV: line " + std::to_string(line) + ": unexpected content");
  }

  Status set_columns(std::span<const api::CsvField> fields) {
    columns_.clear();
    column_names_.clear();
    bool has_qid = false;
    for (const auto& f : fields) {
      std::string name = lower(f.text);
      Column c;
      if (auto* setter = host_columns().find(name)) c.host = *setter;
      if (auto* setter = detection_columns().find(name)) {
        c.detection = *setter;
      }
      has_qid = has_qid || name == "qid";
      host_id_column_ = name == "host id" ? columns_.size() : host_id_column_;
      qid_column_ = name == "qid" ? columns_.size() : qid_column_;
      columns_.push_back(c);
      column_names_.push_back(f.text);
    }
    if (!has_qid || host_id_column_ >= columns_.size()) {
      return make_error(ErrorKind::kMalformed,
                        "malformed CSV: the body's first row does not name the Host ID and QID "
                        "columns; is this a host list detection CSV?");
    }
    section_ = Section::kBodyRows;
    return {};
  }

  Status row(std::span<const api::CsvField> fields, size_t line) {
    if (fields.size() != columns_.size()) {
      return make_error(ErrorKind::kMalformed, "malformed CSV: line " + std::to_string(line) +
                                                   ": " + std::to_string(fields.size()) +
                                                   " fields, the column row has " +
                                                   std::to_string(columns_.size()));
    }
    // A row with a Host ID starts (or repeats) a host; one without belongs to the last host.
    if (!fields[host_id_column_].text.empty()) {
      if (in_host_ && fields[host_id_column_].text != host_id_text_) {
        auto status = end_host();
        if (!status) return status;
      }
      if (!in_host_) {
        host_id_text_ = fields[host_id_column_].text;
        detections_ = 0;
        in_host_ = true;
      }
      host_ = Host{};
      for (size_t i = 0; i < fields.size(); ++i) {
        if (!columns_[i].host || fields[i].text.empty()) continue;
        scratch_ = fields[i].text;
        auto status = columns_[i].host(host_, scratch_, column_names_[i]);
        if (!status) return at_line(status, line);
      }
    } else if (!in_host_) {
      return make_error(ErrorKind::kMalformed, "malformed CSV: line " + std::to_string(line) +
                                                   ": a detection row before any host row");
    }
    if (fields[qid_column_].text.empty()) return {};  // a host-only row
    Detection detection;
    for (size_t i = 0; i < fields.size(); ++i) {
      if (!columns_[i].detection || fields[i].text.empty()) continue;
      scratch_ = fields[i].text;
      auto status = columns_[i].detection(detection, scratch_, column_names_[i]);
      if (!status) return at_line(status, line);
    }
    ++detections_;
    return callbacks_.detection ? callbacks_.detection(host_, detection) : Status{};
  }

  static Status at_line(Status status, size_t line) {
    Error e = status.error();
    e.message = "malformed CSV: line " + std::to_string(line) + ": " + e.message;
    return std::unexpected(std::move(e));
  }

  Status end_host() {
    if (!in_host_) return {};
    in_host_ = false;
    return callbacks_.host_end ? callbacks_.host_end(host_, detections_) : Status{};
  }

  // Footer: a title row then a value row. "Status Message" / "Finished", or "Status Message",
  // "Next ID", "Next URL" / "Truncated", …; the activity-log form ("WARNING" line, then
  // "CODE","TEXT","URL") is read too.
  Status footer(std::span<const api::CsvField> fields) {
    if (is_marker(fields, "----END_RESPONSE_FOOTER_CSV")) {
      section_ = Section::kDone;
      return {};
    }
    if (is_marker(fields, "WARNING")) return {};
    if (footer_titles_.empty()) {
      for (const auto& f : fields)
        footer_titles_.push_back(lower(f.text));
      return {};
    }
    std::optional<std::string> status, next_url, code, text, url;
    for (size_t i = 0; i < fields.size() && i < footer_titles_.size(); ++i) {
      const std::string& title = footer_titles_[i];
      if (title == "status message") status = fields[i].text;
      if (title == "next url") next_url = fields[i].text;
      if (title == "code") code = fields[i].text;
      if (title == "text") text = fields[i].text;
      if (title == "url") url = fields[i].text;
    }
    if (status && *status == "Truncated") {
      warning_ = Warning{kTruncatedCode, *status, next_url};
    } else if (text) {
      Warning w{std::nullopt, *text, url};
      if (code) {
        auto status_code = api::assign_field(w.code, *code, "CODE");
        if (!status_code) return status_code;
      }
      warning_ = std::move(w);
    }
    return {};
  }

  // The code the XML form of the same truncation carries (RESPONSE/WARNING/CODE).
  static constexpr int kTruncatedCode = 1980;

  DetectionCallbacks callbacks_;
  api::CsvRecordReader reader_;
  Section section_ = Section::kStart;
  bool with_sections_ = false;
  std::vector<Column> columns_;
  std::vector<std::string> column_names_;  // as sent, for error messages
  size_t host_id_column_ = static_cast<size_t>(-1);
  size_t qid_column_ = static_cast<size_t>(-1);
  Host host_;
  std::string host_id_text_;
  bool in_host_ = false;
  size_t detections_ = 0;
  std::string scratch_;
  std::vector<std::string> footer_titles_;
  std::optional<Warning> warning_;
  bool sniffed_ = false;
  SimpleReturn simple_return_;
  std::unique_ptr<ResponseParser> xml_error_body_;
  std::optional<Error> failure_;
};

}  // namespace

std::unique_ptr<ResponseParser> make_detection_csv_parser(DetectionCallbacks callbacks) {
  return std::make_unique<DetectionCsvParser>(std::move(callbacks));
}

}  // namespace qvm
