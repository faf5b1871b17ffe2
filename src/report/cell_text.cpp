// Cell rendering without per-cell allocation: numbers with std::to_chars into the row buffer.
#include "report/cell_text.hpp"

#include <charconv>

#include "report/byte_scan.hpp"

namespace qvm::report {
namespace {

template <class Number>
void append_number(std::string& out, Number n) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, n);
  out.append(buffer, end);
}

void append_timestamp(std::string& out, Timestamp t) {
  auto text = timestamp_chars(t);
  out.append(text.data(), text.size());
}

void append_maybe_decoded(std::string& out, std::string_view text, bool decode) {
  if (decode && text.find('&') != std::string_view::npos) {
    out += decode_html_entities(text);
  } else {
    out += text;
  }
}

}  // namespace

void append_text(std::string& out, const FieldValue& value, bool decode_entities) {
  struct Visitor {
    std::string& out;
    bool decode;
    void operator()(std::monostate) const {}
    void operator()(std::int64_t n) const { append_number(out, n); }
    void operator()(std::uint64_t n) const { append_number(out, n); }
    void operator()(double n) const { append_number(out, n); }
    void operator()(bool b) const { out += b ? '1' : '0'; }
    void operator()(const std::string& s) const { append_maybe_decoded(out, s, decode); }
    void operator()(Timestamp t) const { append_timestamp(out, t); }
    void operator()(const std::vector<std::string>& list) const {
      for (size_t i = 0; i < list.size(); ++i) {
        if (i) out += ';';
        append_maybe_decoded(out, list[i], decode);
      }
    }
  };
  std::visit(Visitor{out, decode_entities}, value);
}

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t run = 0;  // start of the pending run of characters needing no escape
  for (size_t i = find_first_in_class(text, 0, JsonEscaped{}); i < text.size();
       i = find_first_in_class(text, i + 1, JsonEscaped{})) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    out.append(text.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xf];
    }
  }
  out.append(text.substr(run));
  out += '"';
}

void append_json(std::string& out, const FieldValue& value, bool decode_entities) {
  struct Visitor {
    std::string& out;
    bool decode;
    void string(std::string_view s) const {
      if (decode && s.find('&') != std::string_view::npos) {
        append_json_string(out, decode_html_entities(s));
      } else {
        append_json_string(out, s);
      }
    }
    void operator()(std::monostate) const { out += "null"; }
    void operator()(std::int64_t n) const { append_number(out, n); }
    void operator()(std::uint64_t n) const { append_number(out, n); }
    void operator()(double n) const { append_number(out, n); }
    void operator()(bool b) const { out += b ? "true" : "false"; }
    void operator()(const std::string& s) const { string(s); }
    void operator()(Timestamp t) const {
      out += '"';
      append_timestamp(out, t);
      out += '"';
    }
    void operator()(const std::vector<std::string>& list) const {
      out += '[';
      for (size_t i = 0; i < list.size(); ++i) {
        if (i) out += ',';
        string(list[i]);
      }
      out += ']';
    }
  };
  std::visit(Visitor{out, decode_entities}, value);
}

}  // namespace qvm::report
