// qvm's own detection parser (make_detection_parser) on a backend: the whole cost of turning the
// body into Host and Detection records, as `qvm detections` pays it.
#pragma once

#include <memory>
#include <string>

#include "competitors/tally.hpp"
#include "qvm/parsers.hpp"

namespace qvm::bench {

class QvmRecordsCount {
 public:
  explicit QvmRecordsCount(XmlBackend backend) {
    parser_ =
        make_detection_parser({.detection = [this](const Host&, const Detection& d) -> Status {
                                 ++tally_.detections;
                                 tally_.qid_sum += static_cast<std::uint64_t>(d.qid);
                                 return {};
                               },
                               .host_end = [this](const Host&, size_t) -> Status {
                                 ++tally_.hosts;
                                 return {};
                               }},
                              backend);
  }
  bool feed(std::string_view bytes) { return check(parser_->feed(bytes)); }
  bool finish() { return check(parser_->finish()); }
  const Tally& tally() const { return tally_; }
  const std::string& error() const { return error_; }

 private:
  bool check(const Status& s) {
    if (!s) error_ = s.error().message;
    return s.has_value();
  }
  std::unique_ptr<ResponseParser> parser_;
  Tally tally_;
  std::string error_;
};

}  // namespace qvm::bench
