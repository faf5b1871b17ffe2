// A qvm push-parser backend (fast tokenizer or expat) with a counting handler: the tokenizer
// cost alone, as any response parser built on it pays it.
#pragma once

#include <memory>
#include <string>

#include "competitors/tally.hpp"
#include "xml/push_parser.hpp"

namespace qvm::bench {

class PushBackendCount final : public xml::Handler {
 public:
  explicit PushBackendCount(xml::Backend backend)
      : parser_(xml::make_push_parser(backend, *this)) {}
  bool feed(std::string_view bytes) { return check(parser_->feed(bytes)); }
  bool finish() { return check(parser_->finish()); }
  const Tally& tally() const { return tally_; }
  const std::string& error() const { return error_; }

  bool on_start(std::string_view name, std::span<const xml::Attribute>) override {
    if (name == "DETECTION")
      ++tally_.detections;
    else if (name == "HOST")
      ++tally_.hosts;
    else if (name == "QID")
      in_qid_ = true, qid_.clear();
    return true;
  }
  bool on_text(std::string_view text) override {
    if (in_qid_) qid_ += text;
    return true;
  }
  bool on_end(std::string_view name) override {
    if (in_qid_ && name == "QID") {
      tally_.qid_sum += digits_value(qid_);
      in_qid_ = false;
    }
    return true;
  }

 private:
  bool check(const Status& s) {
    if (!s) error_ = s.error().message;
    return s.has_value();
  }
  std::unique_ptr<xml::PushParser> parser_;
  Tally tally_;
  bool in_qid_ = false;
  std::string qid_;
  std::string error_;
};

}  // namespace qvm::bench
