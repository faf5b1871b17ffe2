// The fast tokenizer's scans between markup: text with its references and CR LF normalisation,
// CDATA sections, and the skipped bodies of comments and PIs.
#pragma once

#include "xml/character_reference.hpp"
#include "xml/fast_tokenizer.hpp"

namespace qvm::xml {
namespace {

inline const char* FastParser::text(const char* p) {
  const char* q = p;
  for (;;) {
    q = skip_plain_text(q, end_);
    if (q == end_) break;
    const unsigned char c = byte(q);
    if (c == '<' || c == '&') break;
    if (c == ']') {
      if (end_ - q >= 3) {
        if (q[1] == ']' && q[2] == '>') return fail(q + 2, kInvalidToken);  // where expat says
        ++q;
        continue;
      }
      if (final_ || (end_ - q == 2 && q[1] != ']')) {
        ++q;
        continue;
      }
      break;  // "]" or "]]" at the end may begin "]]>"
    }
    if (c == '\r') {
      if (q + 1 == end_ && !final_) break;  // a CR LF pair may be cut
      if (!emit(p, q) || !emit("\n")) return nullptr;
      return q + 1 < end_ && q[1] == '\n' ? q + 2 : q + 1;
    }
    if (c < 0x80) return fail(q, kInvalidToken);
    const int n = utf8_sequence(q, end_);
    if (n > 0) {
      q += n;
      continue;
    }
    if (n == 0 && !final_) break;
    return fail(q, n == 0 ? "partial character" : kInvalidToken);
  }
  if (q > p && !emit(p, q)) return nullptr;
  return q;
}

inline const char* FastParser::reference_in_text(const char* p) {
  const Reference r = read_reference(p, end_);
  switch (r.kind) {
    case Reference::kIncomplete:
      return p;
    case Reference::kMalformed:
      return fail(r.next, byte(r.next) >= 0x80 ? kNonAsciiName : kInvalidToken);
    case Reference::kBadCharacter:
      return fail(p, "reference to invalid character number");
    case Reference::kUndefined:
      return skip_undefined() ? r.next : fail(p, "undefined entity");
    case Reference::kDecoded:
      return emit(r.view()) ? r.next : nullptr;
  }
  return nullptr;
}

// The body of a comment or PI, skipped in pieces as it arrives: it ends at "-->" or "?>".
inline const char* FastParser::skipped_body(const char* p,
                                            const std::array<std::uint8_t, 256>& plain, char stop) {
  const char* q = p;
  for (;;) {
    while (q < end_ && plain[byte(q)])
      ++q;
    if (q == end_) return q;
    if (*q == stop) {
      if (stop == '-') {  // "--" may only end the comment
        if (end_ - q < 2) return q;
        if (q[1] != '-') {
          ++q;
          continue;
        }
        if (end_ - q < 3) return q;
        if (q[2] != '>') return fail(q, kInvalidToken);
        inside_ = Inside::kNothing;
        return q + 3;
      }
      if (end_ - q < 2) return q;
      if (q[1] == '>') {
        inside_ = Inside::kNothing;
        return q + 2;
      }
      ++q;
      continue;
    }
    if (byte(q) < 0x80) return fail(q, kInvalidToken);
    const int n = utf8_sequence(q, end_);
    if (n == 0) return q;
    if (n < 0) return fail(q, kInvalidToken);
    q += n;
  }
}
inline const char* FastParser::comment_body(const char* p) {
  return skipped_body(p, kPlainComment, '-');
}
inline const char* FastParser::pi_body(const char* p) {
  return skipped_body(p, kPlainPi, '?');
}

inline const char* FastParser::cdata_body(const char* p) {
  const char* q = p;
  for (;;) {
    while (q < end_ && kPlainCdata[byte(q)])
      ++q;
    if (q == end_) break;
    const unsigned char c = byte(q);
    if (c == ']') {
      if (end_ - q < 3) break;
      if (q[1] == ']' && q[2] == '>') {
        if (q > p && !emit(p, q)) return nullptr;
        inside_ = Inside::kNothing;
        return q + 3;
      }
      ++q;
      continue;
    }
    if (c == '\r') {
      if (q + 1 == end_ && !final_) break;
      if (!emit(p, q) || !emit("\n")) return nullptr;
      return q + 1 < end_ && q[1] == '\n' ? q + 2 : q + 1;
    }
    if (c < 0x80) return fail(q, kInvalidToken);
    const int n = utf8_sequence(q, end_);
    if (n > 0) {
      q += n;
      continue;
    }
    if (n == 0 && !final_) break;
    return fail(q, n == 0 ? "partial character" : kInvalidToken);
  }
  if (q > p && !emit(p, q)) return nullptr;
  return q;
}

}  // namespace
}  // namespace qvm::xml
