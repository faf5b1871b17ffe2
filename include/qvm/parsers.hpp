// Streaming parsers for every Qualys response type. Feed the body in chunks of any size; each
// complete record goes to its callback as soon as its closing tag is read, so memory is bounded
// by one record, never by the response.
//
// Every parser also accepts a SIMPLE_RETURN error document in place of its own (Qualys sends
// those with HTTP 200 too): a CODE in it makes feed()/finish() fail with the Qualys code, text and
// a hint. A callback that returns an error stops the parse and that error is returned.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "qvm/detection.hpp"
#include "qvm/error.hpp"
#include "qvm/host.hpp"
#include "qvm/host_asset.hpp"
#include "qvm/scan.hpp"
#include "qvm/simple_return.hpp"
#include "qvm/vuln.hpp"

namespace qvm {

// kFast: the in-house tokenizer, several times faster than expat with the same events (proven
// against it by differential tests and a fuzzer). kExpat: libexpat.
enum class XmlBackend { kExpat, kFast };

class ResponseParser {
 public:
  virtual ~ResponseParser() = default;
  virtual Status feed(std::string_view bytes) = 0;
  // Ends the document: a body cut before its root element closed is a kMalformed error.
  virtual Status finish() = 0;
  // RESPONSE/DATETIME (server time of the response), once read.
  virtual std::optional<Timestamp> datetime() const = 0;
  // RESPONSE/WARNING, present when the list was truncated and more pages remain.
  virtual const std::optional<Warning>& warning() const = 0;
};

struct HostListCallbacks {
  std::function<Status(const Host&)> host;   // details=Basic/All: HOST_LIST/HOST
  std::function<Status(const IdRange&)> id;  // details=None: ID_SET/ID and ID_RANGE
  // Client only (parsers ignore it): each page's RESPONSE/DATETIME once the page is complete.
  std::function<void(Timestamp)> page_datetime;
};
std::unique_ptr<ResponseParser> make_host_list_parser(HostListCallbacks callbacks,
                                                      XmlBackend backend = XmlBackend::kFast);

struct DetectionCallbacks {
  // Each DETECTION with the HOST it belongs to (every host field before DETECTION_LIST). The
  // detection is the callee's to keep: it may move from it (the parser starts a new one).
  std::function<Status(const Host&, Detection&)> detection;
  // Optional: each HOST once closed, with the number of detections it held.
  std::function<Status(const Host&, size_t detections)> host_end;
  // Client only (parsers ignore it): each page's RESPONSE/DATETIME once the page is complete.
  std::function<void(Timestamp)> page_datetime;
};
std::unique_ptr<ResponseParser> make_detection_parser(DetectionCallbacks callbacks,
                                                      XmlBackend backend = XmlBackend::kFast);

// The same detections from `output_format=CSV` (or CSV_NO_METADATA) bodies, streamed row by
// row. A footer saying "Truncated" becomes warning() with code 1980 and the next page's URL;
// a body cut before its footer is a kMalformed error. datetime() is always empty (CSV has none).
// A SIMPLE_RETURN body (Qualys errors stay XML) fails with the Qualys error as in the XML parser.
std::unique_ptr<ResponseParser> make_detection_csv_parser(DetectionCallbacks callbacks);

struct KnowledgeBaseCallbacks {
  std::function<Status(const Vuln&)> vuln;
  std::function<Status(const IdRange&)> id;  // details=None
  // Client only (parsers ignore it): each page's RESPONSE/DATETIME once the page is complete.
  std::function<void(Timestamp)> page_datetime;
};
std::unique_ptr<ResponseParser> make_knowledge_base_parser(KnowledgeBaseCallbacks callbacks,
                                                           XmlBackend backend = XmlBackend::kFast);

std::unique_ptr<ResponseParser> make_scan_list_parser(std::function<Status(const Scan&)> scan,
                                                      XmlBackend backend = XmlBackend::kFast);

// QPS ServiceResponse. A responseCode other than SUCCESS fails the parse with the QPS error;
// `envelope` receives responseCode/count/hasMoreRecords/lastId when the document ends.
struct HostAssetCallbacks {
  std::function<Status(const HostAsset&)> asset;
  std::function<void(const QpsEnvelope&)> envelope;
};
std::unique_ptr<ResponseParser> make_host_asset_parser(HostAssetCallbacks callbacks,
                                                       XmlBackend backend = XmlBackend::kFast);

// SIMPLE_RETURN as data (login/logout answers). A CODE still makes the parse fail.
std::unique_ptr<ResponseParser> make_simple_return_parser(SimpleReturn& out,
                                                          XmlBackend backend = XmlBackend::kFast);

std::unique_ptr<ResponseParser> make_about_parser(About& out,
                                                  XmlBackend backend = XmlBackend::kFast);

// The error a SIMPLE_RETURN with a CODE stands for: kAuth for 2000–2012, kLimit for 1960/1965
// (and 1920), kApi otherwise; message "Qualys <code>: <text>", with a hint saying what to do.
Error qualys_error(const SimpleReturn& simple_return);
// The error a QPS responseCode other than SUCCESS stands for.
Error qps_error(const QpsEnvelope& envelope);

}  // namespace qvm
