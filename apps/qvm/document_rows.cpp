// One parser per document type, each record written as a row as soon as it is parsed.
#include "document_rows.hpp"

#include "qvm/record_rows.hpp"

namespace qvm::cli {
namespace {

const std::vector<std::string>& id_columns() {
  static const std::vector<std::string> columns = {"id_first", "id_last"};
  return columns;
}

const std::vector<std::string>& simple_return_columns() {
  static const std::vector<std::string> columns = {"datetime", "code", "text", "items"};
  return columns;
}

const std::vector<std::string>& about_columns() {
  static const std::vector<std::string> columns = {"api_version", "versions"};
  return columns;
}

}  // namespace

Status RowSession::write(const std::vector<std::string>& row_columns,
                         std::span<const FieldValue> row) {
  if (!columns) {
    columns = &row_columns;
    if (auto s = writer.begin(row_columns); !s) return s;
  } else if (columns != &row_columns) {
    return make_error(ErrorKind::kUsage, "the documents hold different kinds of records",
                      "give qvm parse files of one kind at a time (all host lists, all "
                      "detections, …)");
  }
  ++rows;
  return writer.row(row);
}

Status RowSession::begin_if_empty(const std::vector<std::string>& fallback) {
  if (columns) return {};
  columns = &fallback;
  return writer.begin(fallback);
}

Status DocumentRows::finish() {
  if (auto s = parser_->finish(); !s) return s;
  if (type_ == DocumentType::kSimpleReturn) {
    const SimpleReturn& r = simple_return_;
    std::vector<std::string> items;
    for (const auto& [k, v] : r.items)
      items.push_back(k + "=" + v);
    row_ = {to_field(r.datetime), to_field(r.code), r.text, std::move(items)};
    return emit();
  }
  if (type_ == DocumentType::kAbout) {
    std::vector<std::string> versions;
    for (const auto& [k, v] : about_.versions)
      versions.push_back(k + "=" + v);
    row_ = {to_field(about_.api_version), std::move(versions)};
    return emit();
  }
  return {};
}

Result<std::unique_ptr<DocumentRows>> DocumentRows::create(DocumentType type, RowSession& session,
                                                           XmlBackend backend) {
  std::unique_ptr<DocumentRows> rows(new DocumentRows(session, type));
  DocumentRows* self = rows.get();
  auto id_row = [self](const IdRange& range) {
    self->row_ = {range.first, range.last};
    return self->emit();
  };
  switch (type) {
    case DocumentType::kHostList:
      // details=None documents hold only IDs; the columns follow the first record kind seen.
      self->columns_ = &host_columns();
      self->parser_ = make_host_list_parser({.host =
                                                 [self](const Host& h) {
                                                   host_row(h, self->row_);
                                                   return self->emit();
                                                 },
                                             .id =
                                                 [self, id_row](const IdRange& r) {
                                                   self->columns_ = &id_columns();
                                                   return id_row(r);
                                                 }},
                                            backend);
      break;
    case DocumentType::kHostListDetection:
    case DocumentType::kHostListDetectionCsv: {
      self->columns_ = &detection_columns();
      DetectionCallbacks callbacks{.detection =
                                       [self](const Host& h, const Detection& d) {
                                         detection_row(h, d, self->row_);
                                         return self->emit();
                                       },
                                   .host_end = nullptr};
      self->parser_ = type == DocumentType::kHostListDetection
                          ? make_detection_parser(std::move(callbacks), backend)
                          : make_detection_csv_parser(std::move(callbacks));
      break;
    }
    case DocumentType::kKnowledgeBase:
      self->columns_ = &vuln_columns();
      self->parser_ = make_knowledge_base_parser({.vuln =
                                                      [self](const Vuln& v) {
                                                        vuln_row(v, self->row_);
                                                        return self->emit();
                                                      },
                                                  .id = id_row},
                                                 backend);
      break;
    case DocumentType::kScanList:
      self->columns_ = &scan_columns();
      self->parser_ = make_scan_list_parser(
          [self](const Scan& s) {
            scan_row(s, self->row_);
            return self->emit();
          },
          backend);
      break;
    case DocumentType::kQpsServiceResponse:
      self->columns_ = &host_asset_columns();
      self->parser_ = make_host_asset_parser({.asset =
                                                  [self](const HostAsset& a) {
                                                    host_asset_row(a, self->row_);
                                                    return self->emit();
                                                  },
                                              .envelope = nullptr},
                                             backend);
      break;
    case DocumentType::kSimpleReturn:
      self->columns_ = &simple_return_columns();
      self->parser_ = make_simple_return_parser(self->simple_return_, backend);
      break;
    case DocumentType::kAbout:
      self->columns_ = &about_columns();
      self->parser_ = make_about_parser(self->about_, backend);
      break;
    case DocumentType::kUnknown:
      return make_error(ErrorKind::kUsage, "not a Qualys response qvm can read",
                        "qvm parse reads host list, host list detection (XML or CSV), "
                        "KnowledgeBase, scan list, QPS host asset, SIMPLE_RETURN and ABOUT "
                        "documents");
  }
  return rows;
}

}  // namespace qvm::cli
