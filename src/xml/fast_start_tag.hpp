// The fast tokenizer's start tags: the element name, attributes with their references decoded and
// whitespace normalised, the duplicate check, and the push onto the stack of open elements.
#pragma once

#include <cstddef>
#include <string_view>

#include "xml/character_reference.hpp"
#include "xml/fast_tokenizer.hpp"

namespace qvm::xml {
namespace {

inline const char* FastParser::start_tag(const char* p) {
  if (where_ == Where::kEpilog) return fail(p, "junk after document element");
  const char* name = p + 1;
  const char* q = name_end(name);
  if (q == end_) return p;
  if (q == name || byte(q) >= 0x80) return bad_name(q);
  const std::string_view element(name, static_cast<std::size_t>(q - name));
  spans_.clear();
  values_.clear();
  bool empty = false;
  for (;;) {
    const char* space = q;
    q = skip_space(q);
    if (q == end_) return p;
    if (*q == '>') {
      ++q;
      break;
    }
    if (*q == '/') {
      if (q + 1 == end_) return p;
      if (q[1] != '>') return fail(q, kInvalidToken);
      q += 2;
      empty = true;
      break;
    }
    if (q == space) return fail(q, kInvalidToken);  // attributes are separated by space
    const char* attribute = q;
    q = name_end(q);
    if (q == end_) return p;
    if (q == attribute || byte(q) >= 0x80) return bad_name(q);
    const std::size_t attribute_size = static_cast<std::size_t>(q - attribute);
    q = skip_space(q);
    if (q == end_) return p;
    if (*q != '=') return fail(q, kInvalidToken);
    q = skip_space(q + 1);
    if (q == end_) return p;
    const char quote = *q;
    if (quote != '"' && quote != '\'') return fail(q, kInvalidToken);
    const char* value = ++q;
    const char* piece = value;  // start of the bytes not yet copied (once rewriting)
    const std::size_t offset = values_.size();
    bool rewritten = false;
    for (;;) {
      while (q < end_ && kPlainValue[byte(q)])
        ++q;
      if (q == end_) return p;
      const unsigned char c = byte(q);
      if (c == static_cast<unsigned char>(quote)) break;
      if (c == '"' || c == '\'') {
        ++q;
        continue;
      }
      if (c == '<') return fail(q, kInvalidToken);
      if (c == '&') {
        const Reference r = read_reference(q, end_);
        switch (r.kind) {
          case Reference::kIncomplete:
            return p;
          case Reference::kMalformed:
            return fail(r.next, byte(r.next) >= 0x80 ? kNonAsciiName : kInvalidToken);
          case Reference::kBadCharacter:
            return fail(q, "reference to invalid character number");
          case Reference::kUndefined:
            if (!skip_undefined()) return fail(q, "undefined entity");
            break;
          case Reference::kDecoded:
            break;
        }
        values_.append(piece, q);
        values_.append(r.view());
        rewritten = true;
        q = piece = r.next;
        continue;
      }
      if (c == '\t' || c == '\n' || c == '\r') {  // attribute value normalisation
        if (c == '\r' && q + 1 == end_) return p;
        values_.append(piece, q);
        values_ += ' ';
        rewritten = true;
        q += c == '\r' && q[1] == '\n' ? 2 : 1;
        piece = q;
        continue;
      }
      if (c < 0x80) return fail(q, kInvalidToken);
      const int n = utf8_sequence(q, end_);
      if (n == 0) return p;
      if (n < 0) return fail(q, kInvalidToken);
      q += n;
    }
    const std::string_view attribute_name(attribute, attribute_size);
    for (const ValueSpan& s : spans_) {
      if (std::string_view(s.name, s.name_size) == attribute_name)
        return fail(attribute, "duplicate attribute");
    }
    if (rewritten) {
      values_.append(piece, q);
      spans_.push_back({attribute, attribute_size, nullptr, offset, values_.size() - offset});
    } else {
      spans_.push_back({attribute, attribute_size, value, 0, static_cast<std::size_t>(q - value)});
    }
    ++q;  // the closing quote
  }
  // The cap holds whether or not the tag arrived in one piece, so chunking never decides.
  if (static_cast<std::size_t>(q - p) > kMaxToken) return fail(p, too_long());
  attributes_.clear();
  for (const ValueSpan& s : spans_) {
    attributes_.push_back({std::string_view(s.name, s.name_size),
                           s.value ? std::string_view(s.value, s.size)
                                   : std::string_view(values_).substr(s.offset, s.size)});
  }
  where_ = Where::kContent;
  if (!handler_.on_start(element, attributes_)) return abort();
  if (empty) {
    if (!handler_.on_end(element)) return abort();
    if (open_ends_.empty()) where_ = Where::kEpilog;
  } else {
    open_.append(element);
    open_ends_.push_back(open_.size());
  }
  return q;
}

}  // namespace
}  // namespace qvm::xml
