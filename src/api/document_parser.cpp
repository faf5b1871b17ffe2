// Shared document handling for the XML response parsers.
#include "api/document_parser.hpp"

#include "api/field_assign.hpp"

namespace qvm::api {
namespace {

xml::Backend to_xml_backend(XmlBackend backend) {
  switch (backend) {
    case XmlBackend::kExpat:
      return xml::Backend::kExpat;
    case XmlBackend::kFast:
      return xml::Backend::kFast;
  }
  return xml::Backend::kExpat;
}

}  // namespace

DocumentParser::DocumentParser(std::string_view expected_root, XmlBackend backend)
    : expected_root_(expected_root), xml_(xml::make_push_parser(to_xml_backend(backend), *this)) {}

Status DocumentParser::feed(std::string_view bytes) {
  if (failure_) return std::unexpected(*failure_);
  auto status = xml_->feed(bytes);
  if (!status) return take_failure(status.error());
  return {};
}

Status DocumentParser::finish() {
  if (failure_) return std::unexpected(*failure_);
  auto status = xml_->finish();
  if (!status) return take_failure(status.error());
  if (!root_closed_) {
    failure_ = Error{ErrorKind::kMalformed,
                     "malformed XML: the document ended before its root "
                     "element closed"};
    return std::unexpected(*failure_);
  }
  if (is_simple_return_) {
    simple_return_read(simple_return_);
    if (simple_return_.code) {
      failure_ = qualys_error(simple_return_);
      return std::unexpected(*failure_);
    }
    if (expected_root_ != "SIMPLE_RETURN") {
      failure_ =
          Error{ErrorKind::kMalformed, "unexpected response: expected " + expected_root_ +
                                           ", got SIMPLE_RETURN '" + simple_return_.text + "'"};
      return std::unexpected(*failure_);
    }
  }
  auto end = document_end();
  if (!end) failure_ = end.error();
  return end;
}

Status DocumentParser::take_failure(Error xml_error) {
  // A handler stop carries no reason of its own: the reason is the failure we recorded.
  if (!failure_) {
    xml_error.message = "malformed XML: " + xml_error.message;
    failure_ = std::move(xml_error);
  }
  return std::unexpected(*failure_);
}

bool DocumentParser::fail(Error error) {
  failure_ = std::move(error);
  return false;
}

std::string_view DocumentParser::ancestor(size_t up) const {
  if (up >= depth_) return {};
  return stack_[depth_ - 1 - up];
}

bool DocumentParser::on_start(std::string_view name, std::span<const xml::Attribute> attributes) {
  if (depth_ == 0) {
    if (root_closed_) return fail({ErrorKind::kMalformed, "malformed XML: content after the root"});
    if (name == "SIMPLE_RETURN") {
      is_simple_return_ = true;
    } else if (name != expected_root_) {
      return fail({ErrorKind::kMalformed, "unexpected response: expected " + expected_root_ +
                                              ", got " + std::string(name)});
    }
  }
  if (stack_.size() <= depth_) stack_.emplace_back();
  stack_[depth_].assign(name);
  ++depth_;
  text_.clear();
  if (is_simple_return_ || depth_ == 1) return true;
  auto status = element_start(name, attributes);
  return status ? true : fail(status.error());
}

bool DocumentParser::on_text(std::string_view text) {
  if (depth_ > 1) text_.append(text);
  return true;
}

bool DocumentParser::on_end(std::string_view name) {
  Status status;
  if (depth_ == 1) {
    root_closed_ = true;
  } else if (is_simple_return_) {
    status = simple_return_end(name, text_);
  } else {
    bool handled = false;
    status = common_end(name, text_, handled);
    if (status && !handled) status = element_end(name, text_);
  }
  --depth_;
  text_.clear();
  return status ? true : fail(status.error());
}

// RESPONSE/DATETIME and RESPONSE/WARNING are the same in every VM list response.
Status DocumentParser::common_end(std::string_view name, std::string& text, bool& handled) {
  if (depth() == 2 && ancestor() == "RESPONSE" && name == "DATETIME") {
    handled = true;
    return assign_field(datetime_, text, name);
  }
  if (depth() == 2 && ancestor() == "RESPONSE" && name == "WARNING") {
    handled = true;
    if (!warning_) warning_.emplace();
    return {};
  }
  if (depth() == 3 && ancestor() == "WARNING" && ancestor(2) == "RESPONSE") {
    handled = true;
    if (!warning_) warning_.emplace();
    if (name == "CODE") return assign_field(warning_->code, text, name);
    if (name == "TEXT") return assign_field(warning_->text, text, name);
    if (name == "URL") return assign_field(warning_->url, text, name);
  }
  return {};
}

Status DocumentParser::simple_return_end(std::string_view name, std::string& text) {
  SimpleReturn& r = simple_return_;
  if (ancestor() == "RESPONSE") {
    if (name == "DATETIME") {
      auto status = assign_field(r.datetime, text, name);
      if (status) datetime_ = r.datetime;
      return status;
    }
    if (name == "CODE") return assign_field(r.code, text, name);
    if (name == "TEXT") return assign_field(r.text, text, name);
  } else if (ancestor() == "ITEM") {
    if (name == "KEY") r.items.emplace_back(std::move(text), std::string());
    if (name == "VALUE" && !r.items.empty()) r.items.back().second = std::move(text);
  }
  return {};
}

}  // namespace qvm::api
