// The fast tokenizer before and after the root element: space, comments, PIs, and one DOCTYPE
// whose internal subset refuses every declaration.
#pragma once

#include <cstring>
#include <string>
#include <string_view>

#include "xml/dtd_refusal.hpp"
#include "xml/fast_tokenizer.hpp"

namespace qvm::xml {
namespace {

// Before and after the root element: space, comments, PIs, one DOCTYPE before the root.
inline const char* FastParser::outside(const char* p) {
  if (is_xml_space(byte(p))) return skip_space(p);
  if (*p != '<') {
    return fail(p, where_ == Where::kEpilog ? "junk after document element" : "syntax error");
  }
  if (end_ - p < 2) return p;
  switch (p[1]) {
    case '?':
      return processing_instruction(p);
    case '/':
      return fail(p, "syntax error");
    case '!': {
      const int comment = starts(p, "<!--");
      if (comment == 1) {
        inside_ = Inside::kComment;
        return p + 4;
      }
      const int doctype = starts(p, "<!DOCTYPE");
      if (doctype == 1) {
        if (where_ != Where::kProlog || doctype_seen_) return fail(p, "syntax error");
        return doctype_declaration(p);
      }
      if (comment == 0 || doctype == 0) return p;
      return fail(p, "syntax error");
    }
    default:
      return start_tag(p);
  }
}

// A quoted literal at q; returns past it, `nullptr` after a failure, or `end_` when cut.
inline const char* FastParser::literal(const char* q, bool public_id) {
  const char quote = *q;
  if (quote != '"' && quote != '\'') return fail(q, kInvalidToken);
  for (++q; q < end_; ++q) {
    const unsigned char c = byte(q);
    if (c == static_cast<unsigned char>(quote)) return q + 1;
    if (public_id) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == ' ' || c == '\r' || c == '\n' ||
                      std::strchr("-'()+,./:=?;!*#@$_%", c) != nullptr;
      if (!ok || c == 0) return fail(q, "illegal character(s) in public id");
      continue;
    }
    if (c >= 0x80) {
      const int n = utf8_sequence(q, end_);
      if (n == 0) return end_;
      if (n < 0) return fail(q, kInvalidToken);
      q += n - 1;
    } else if (c < 0x20 && !is_xml_space(c)) {
      return fail(q, kInvalidToken);
    }
  }
  return end_;
}

// `<!DOCTYPE name (SYSTEM "s" | PUBLIC "p" "s")? [` or `>`. Nothing is ever loaded.
inline const char* FastParser::doctype_declaration(const char* p) {
  const char* q = p + 9;
  if (q == end_) return p;
  if (!is_xml_space(byte(q))) return fail(q, kInvalidToken);
  q = skip_space(q);
  const char* name = q;
  q = name_end(q);
  if (q == end_) return p;
  if (q == name || byte(q) >= 0x80) return bad_name(q);
  const char* space = q;
  q = skip_space(q);
  if (q == end_) return p;
  bool external = false;
  if (*q != '[' && *q != '>') {
    if (q == space) return fail(q, kInvalidToken);
    const char* keyword = q;
    while (q < end_ && *q >= 'A' && *q <= 'Z')
      ++q;
    if (q == end_) return p;
    const std::string_view word(keyword, static_cast<std::size_t>(q - keyword));
    if (word != "SYSTEM" && word != "PUBLIC") return fail(keyword, "syntax error");
    for (bool public_id : {word == "PUBLIC", false}) {
      if (!is_xml_space(byte(q))) return fail(q, kInvalidToken);
      q = skip_space(q);
      if (q == end_) return p;
      q = literal(q, public_id);
      if (q == nullptr) return nullptr;
      if (q == end_) return p;
      if (!public_id) break;
    }
    external = true;
    q = skip_space(q);
    if (q == end_) return p;
  }
  if (*q != '[' && *q != '>') return fail(q, kInvalidToken);
  doctype_seen_ = true;
  has_external_id_ = external;
  if (*q == '[') where_ = Where::kSubset;
  return q + 1;
}

// The internal DTD subset: comments and PIs pass; every declaration and parameter-entity
// reference is refused, so nothing a DTD could define ever changes the document.
inline const char* FastParser::subset(const char* p) {
  if (is_xml_space(byte(p))) return skip_space(p);
  if (*p == ']') {
    const char* q = skip_space(p + 1);
    if (q == end_) return p;
    if (*q != '>') return fail(q, kInvalidToken);
    where_ = Where::kProlog;
    return q + 1;
  }
  if (*p == '%') return fail(p, kRefusedParameterEntity);
  if (*p != '<') return fail(p, kInvalidToken);
  if (end_ - p < 2) return p;
  if (p[1] == '?') return processing_instruction(p);
  const int comment = starts(p, "<!--");
  if (comment == 1) {
    inside_ = Inside::kComment;
    return p + 4;
  }
  const int entity = starts(p, "<!ENTITY");
  if (entity == 1) return entity_declaration(p);
  int pending = comment == 0 || entity == 0;
  for (std::string_view keyword : {"ELEMENT", "ATTLIST", "NOTATION"}) {
    const int found = starts(p, "<!" + std::string(keyword));
    if (found == 1) return fail(p, refused_declaration(keyword));
    pending |= found == 0;
  }
  return pending ? p : fail(p, kInvalidToken);
}

inline const char* FastParser::entity_declaration(const char* p) {
  const char* q = p + 8;
  if (q == end_) return p;
  if (!is_xml_space(byte(q))) return fail(q, kInvalidToken);
  q = skip_space(q);
  if (q == end_) return p;
  if (*q == '%') {
    ++q;
    if (q == end_) return p;
    if (!is_xml_space(byte(q))) return fail(q, kInvalidToken);
    q = skip_space(q);
  }
  const char* name = q;
  q = name_end(q);
  if (q == end_) return p;
  if (q == name || byte(q) >= 0x80) return bad_name(q);
  const std::string_view entity(name, static_cast<std::size_t>(q - name));
  if (!is_xml_space(byte(q))) return fail(q, kInvalidToken);
  q = skip_space(q);
  if (q == end_) return p;
  return fail(q, refused_entity(entity));
}

}  // namespace
}  // namespace qvm::xml
