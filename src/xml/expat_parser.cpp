// The expat backend of the push interface, hardened for untrusted input: no external entity or
// DTD is ever loaded, and any entity declaration is refused (Qualys never declares one), which
// stops XXE and billion-laughs documents before any expansion. Element, attribute-list and
// notation declarations and parameter-entity references are refused too (dtd_refusal.hpp).
#include "xml/expat_parser.hpp"

#include <expat.h>

#include <string>
#include <vector>

#include "xml/dtd_refusal.hpp"

namespace qvm::xml {
namespace {

class ExpatParser final : public PushParser {
 public:
  explicit ExpatParser(Handler& handler) : handler_(handler) {
    parser_ = XML_ParserCreate("UTF-8");
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &ExpatParser::start, &ExpatParser::end);
    XML_SetCharacterDataHandler(parser_, &ExpatParser::text);
    XML_SetEntityDeclHandler(parser_, &ExpatParser::entity_declared);
    // Parameter entities (and so the external DTD subset) are never parsed.
    XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
    // Inside the DOCTYPE, the default handler sees the declarations no other handler takes.
    XML_SetDoctypeDeclHandler(parser_, &ExpatParser::doctype_started, &ExpatParser::doctype_ended);
  }
  ~ExpatParser() override { XML_ParserFree(parser_); }
  ExpatParser(const ExpatParser&) = delete;
  ExpatParser& operator=(const ExpatParser&) = delete;

  Status feed(std::string_view bytes) override { return parse(bytes, false); }
  Status finish() override { return parse({}, true); }

 private:
  Status parse(std::string_view bytes, bool final) {
    if (failed_) return make_error(ErrorKind::kMalformed, failure_);
    // expat takes an int length; feed very large chunks in slices.
    constexpr size_t kSlice = 1 << 30;
    do {
      size_t n = bytes.size() < kSlice ? bytes.size() : kSlice;
      bool last = final && n == bytes.size();
      if (XML_Parse(parser_, bytes.data(), static_cast<int>(n), last) == XML_STATUS_ERROR) {
        return fail();
      }
      bytes.remove_prefix(n);
    } while (!bytes.empty());
    return {};
  }

  Status fail() {
    failed_ = true;
    if (aborted_) {
      failure_ = std::string(kAborted);
    } else {
      std::string reason = refusal_.empty() ? XML_ErrorString(XML_GetErrorCode(parser_)) : refusal_;
      failure_ = "line " + std::to_string(XML_GetCurrentLineNumber(parser_)) + ", column " +
                 std::to_string(XML_GetCurrentColumnNumber(parser_) + 1) + ": " + reason;
    }
    return make_error(ErrorKind::kMalformed, failure_);
  }

  void stop() {
    aborted_ = true;
    XML_StopParser(parser_, XML_FALSE);
  }

  static void XMLCALL start(void* self_ptr, const XML_Char* name, const XML_Char** atts) {
    auto* self = static_cast<ExpatParser*>(self_ptr);
    self->attributes_.clear();
    for (const XML_Char** a = atts; *a; a += 2)
      self->attributes_.push_back({a[0], a[1]});
    if (!self->handler_.on_start(name, self->attributes_)) self->stop();
  }

  static void XMLCALL end(void* self_ptr, const XML_Char* name) {
    auto* self = static_cast<ExpatParser*>(self_ptr);
    if (!self->handler_.on_end(name)) self->stop();
  }

  static void XMLCALL text(void* self_ptr, const XML_Char* s, int len) {
    auto* self = static_cast<ExpatParser*>(self_ptr);
    if (!self->handler_.on_text(std::string_view(s, static_cast<size_t>(len)))) self->stop();
  }

  static void XMLCALL doctype_started(void* self_ptr, const XML_Char*, const XML_Char*,
                                      const XML_Char*, int) {
    auto* self = static_cast<ExpatParser*>(self_ptr);
    XML_SetDefaultHandlerExpand(self->parser_, &ExpatParser::in_doctype);
  }

  static void XMLCALL doctype_ended(void* self_ptr) {
    auto* self = static_cast<ExpatParser*>(self_ptr);
    XML_SetDefaultHandlerExpand(self->parser_, nullptr);
  }

  static void XMLCALL in_doctype(void* self_ptr, const XML_Char* s, int len) {
    auto* self = static_cast<ExpatParser*>(self_ptr);
    const std::string_view token(s, static_cast<size_t>(len));
    if (token.starts_with('%')) {
      self->refuse(std::string(kRefusedParameterEntity));
      return;
    }
    for (std::string_view keyword : {"ELEMENT", "ATTLIST", "NOTATION"}) {
      if (token.starts_with("<!") && token.substr(2) == keyword) {
        self->refuse(refused_declaration(keyword));
        return;
      }
    }
  }

  void refuse(std::string reason) {
    if (!refusal_.empty()) return;
    refusal_ = std::move(reason);
    XML_StopParser(parser_, XML_FALSE);
  }

  static void XMLCALL entity_declared(void* self_ptr, const XML_Char* name, int, const XML_Char*,
                                      int, const XML_Char*, const XML_Char*, const XML_Char*,
                                      const XML_Char*) {
    auto* self = static_cast<ExpatParser*>(self_ptr);
    self->refuse(refused_entity(name));
  }

  Handler& handler_;
  XML_Parser parser_;
  std::vector<Attribute> attributes_;
  bool aborted_ = false;
  bool failed_ = false;
  std::string refusal_;
  std::string failure_;
};

}  // namespace

std::unique_ptr<PushParser> make_expat_parser(Handler& handler) {
  return std::make_unique<ExpatParser>(handler);
}

}  // namespace qvm::xml
