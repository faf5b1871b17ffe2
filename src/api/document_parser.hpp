// The part every XML response parser shares: the element stack, the text of the current
// element, the root check, RESPONSE/DATETIME, RESPONSE/WARNING, and SIMPLE_RETURN error bodies.
// A concrete parser only maps elements to record fields (element_start / element_end).
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "qvm/parsers.hpp"
#include "xml/push_parser.hpp"

namespace qvm::api {

class DocumentParser : public ResponseParser, private xml::Handler {
 public:
  Status feed(std::string_view bytes) final;
  Status finish() final;
  std::optional<Timestamp> datetime() const final { return datetime_; }
  const std::optional<Warning>& warning() const final { return warning_; }

 protected:
  DocumentParser(std::string_view expected_root, XmlBackend backend);

  // Called for every element below the root of the expected document type.
  virtual Status element_start(std::string_view /*name*/,
                               std::span<const xml::Attribute> /*attributes*/) {
    return {};
  }
  // `text` is the element's character data (empty for elements with children); it may be
  // moved from.
  virtual Status element_end(std::string_view name, std::string& text) = 0;
  // Called once the root element closed and the document ended cleanly.
  virtual Status document_end() { return {}; }
  // Called when a complete SIMPLE_RETURN was read, before its CODE (if any) fails the parse, so
  // that callers who want its ITEM_LIST (SECONDS_TO_WAIT on a 409) still get it.
  virtual void simple_return_read(const SimpleReturn& /*simple_return*/) {}

  // Depth of the element being started or ended: the root is 0.
  size_t depth() const { return depth_ - 1; }
  // Name of the element `up` levels above the current one ("" above the root).
  std::string_view ancestor(size_t up = 1) const;

  // The SIMPLE_RETURN read when the root was SIMPLE_RETURN.
  const SimpleReturn& simple_return() const { return simple_return_; }

 private:
  bool on_start(std::string_view name, std::span<const xml::Attribute> attributes) override;
  bool on_text(std::string_view text) override;
  bool on_end(std::string_view name) override;

  bool fail(Error error);
  Status take_failure(Error xml_error);
  Status simple_return_end(std::string_view name, std::string& text);
  Status common_end(std::string_view name, std::string& text, bool& handled);

  std::string expected_root_;
  std::unique_ptr<xml::PushParser> xml_;
  // Names of the open elements; kept between elements so their storage is reused.
  std::vector<std::string> stack_;
  size_t depth_ = 0;
  std::string text_;
  bool is_simple_return_ = false;
  bool root_closed_ = false;
  std::optional<Error> failure_;
  std::optional<Timestamp> datetime_;
  std::optional<Warning> warning_;
  SimpleReturn simple_return_;
};

}  // namespace qvm::api
