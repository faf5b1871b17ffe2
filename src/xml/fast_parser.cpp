// The fast backend of the push interface: a resumable tokenizer that keeps only the unfinished
// tail of the input between feed() calls and reports the same events as the expat backend.
#include "xml/fast_parser.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "xml/char_classes.hpp"
#include "xml/character_reference.hpp"
#include "xml/dtd_refusal.hpp"
#include "xml/source_position.hpp"
#include "xml/xml_declaration.hpp"

namespace qvm::xml {
namespace {

constexpr std::size_t kMaxToken = std::size_t{1} << 20;  // longest tag, declaration or reference
constexpr std::size_t kCheapRetry = 1024;  // a tail this short is re-parsed on every feed()
constexpr std::size_t kFailed = static_cast<std::size_t>(-1);

constexpr std::string_view kInvalidToken = "not well-formed (invalid token)";
constexpr std::string_view kNonAsciiName =
    "non-ASCII element, attribute and entity names are not supported by the fast XML parser";

// Bytes that a comment, PI or CDATA body may hold as they are: printable ASCII other than
// `stop`, tab, newline and (outside CDATA, where it must become a newline) carriage return.
constexpr std::array<std::uint8_t, 256> plain_body(char stop, bool with_cr) {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0x20; c < 0x80; ++c)
    t[c] = 1;
  t['\t'] = t['\n'] = 1;
  t['\r'] = with_cr ? 1 : 0;
  t[static_cast<unsigned char>(stop)] = 0;
  return t;
}
constexpr auto kPlainComment = plain_body('-', true);
constexpr auto kPlainPi = plain_body('?', true);
constexpr auto kPlainCdata = plain_body(']', false);

inline unsigned char byte(const char* p) {
  return static_cast<unsigned char>(*p);
}

class FastParser final : public PushParser {
 public:
  explicit FastParser(Handler& handler) : handler_(handler) {}

  Status feed(std::string_view bytes) override {
    if (failed_) return failure();
    const std::string_view chunk = bytes;
    while (!bytes.empty()) {
      if (tail_.empty()) {
        const std::size_t n = run(bytes, false);
        if (n == kFailed) return failure();
        consume(bytes.substr(0, n));
        tail_.assign(bytes.substr(n));
        tried_at_ = tail_.size();
        terminator_retries_ = 0;
        return {};
      }
      // An unfinished token waits in the tail. Grow it by at most its own size, so that a big
      // chunk is not copied whole, and re-parse it only when that can pay off.
      const std::size_t step = std::min(bytes.size(), std::max(tail_.size(), kCheapRetry));
      const std::string_view added = bytes.substr(0, step);
      tail_.append(added);
      bytes.remove_prefix(step);
      if (!worth_retry(added)) continue;
      const std::size_t n = run(tail_, false);
      if (n == kFailed) return failure();
      consume(std::string_view(tail_).substr(0, n));
      tail_.erase(0, n);
      tried_at_ = tail_.size();
      if (n == 0) continue;
      terminator_retries_ = 0;
      if (tail_.size() <= step) {
        // All that is left came from this chunk: parse the rest of it in place.
        const std::size_t taken = static_cast<std::size_t>(bytes.data() - chunk.data());
        bytes = chunk.substr(taken - tail_.size());
        tail_.clear();
      }
    }
    return {};
  }

  Status finish() override {
    if (failed_) return failure();
    if (!tail_.empty()) {
      const std::size_t n = run(tail_, true);
      if (n == kFailed) return failure();
      consume(tail_);
      tail_.clear();
    }
    if (where_ != Where::kEpilog || inside_ != Inside::kNothing) {
      data_ = end_ = nullptr;
      fail(nullptr, where_ == Where::kContent || inside_ != Inside::kNothing ? "unclosed token"
                                                                             : "no element found");
      return failure();
    }
    return {};
  }

 private:
  enum class Where { kStart, kProlog, kSubset, kContent, kEpilog };
  enum class Inside { kNothing, kComment, kPi, kCdata };

  bool worth_retry(std::string_view added) {
    if (tried_at_ < kCheapRetry || tail_.size() >= 2 * tried_at_) return true;
    // Most tokens end at '>' (references at ';'); a bounded number of early retries keeps
    // events flowing without re-scanning a long token on every small chunk.
    if (terminator_retries_ < 16 && (std::memchr(added.data(), '>', added.size()) != nullptr ||
                                     std::memchr(added.data(), ';', added.size()) != nullptr)) {
      ++terminator_retries_;
      return true;
    }
    return false;
  }

  void consume(std::string_view consumed) {
    position_.advance(consumed);
    offset_ += consumed.size();
  }

  // Parses as many complete constructs of `data` as there are; returns the bytes consumed.
  std::size_t run(std::string_view data, bool final) {
    data_ = data.data();
    end_ = data_ + data.size();
    final_ = final;
    const char* p = data_;
    if (where_ == Where::kStart && p < end_) {
      if (byte(p) == 0xEF && end_ - p < 3 && !final) return 0;
      if (end_ - p >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        declaration_offset_ = 3;
      }
      where_ = Where::kProlog;
    }
    while (p < end_) {
      const char* next;
      switch (inside_) {
        case Inside::kComment:
          next = comment_body(p);
          break;
        case Inside::kPi:
          next = pi_body(p);
          break;
        case Inside::kCdata:
          next = cdata_body(p);
          break;
        case Inside::kNothing:
          next = where_ == Where::kContent  ? content(p)
                 : where_ == Where::kSubset ? subset(p)
                                            : outside(p);
          break;
      }
      if (next == nullptr) return kFailed;
      if (next == p) {  // cut off by the end of the data
        if (final) return fail(p, "unclosed token"), kFailed;
        if (static_cast<std::size_t>(end_ - p) > kMaxToken) {
          return fail(p, too_long()), kFailed;
        }
        break;
      }
      p = next;
    }
    return static_cast<std::size_t>(p - data_);
  }

  // Steps. Each returns the position after what it consumed, `p` itself when the construct is
  // cut off by the end of the data (call again with more), or nullptr after a failure.

  const char* content(const char* p) {
    if (*p == '<') return markup(p);
    if (*p == '&') return reference_in_text(p);
    return text(p);
  }

  const char* text(const char* p) {
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

  const char* reference_in_text(const char* p) {
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

  // expat skips references to undeclared entities when an external DTD could declare them.
  bool skip_undefined() const { return has_external_id_ && !standalone_; }

  // 1 when `literal` starts at p, 0 when the data ends before that is known, -1 when not.
  int starts(const char* p, std::string_view literal) const {
    const std::size_t have = std::min(literal.size(), static_cast<std::size_t>(end_ - p));
    if (std::memcmp(p, literal.data(), have) != 0) return -1;
    return have == literal.size() ? 1 : 0;
  }

  const char* markup(const char* p) {
    if (end_ - p < 2) return p;
    switch (p[1]) {
      case '/':
        return end_tag(p);
      case '?':
        return processing_instruction(p);
      case '!': {
        const int comment = starts(p, "<!--");
        if (comment == 1) {
          inside_ = Inside::kComment;
          return p + 4;
        }
        const int cdata = starts(p, "<![CDATA[");
        if (cdata == 1) {
          inside_ = Inside::kCdata;
          return p + 9;
        }
        if (comment == 0 || cdata == 0) return p;
        return fail(p, kInvalidToken);
      }
      default:
        return start_tag(p);
    }
  }

  const char* name_end(const char* q) const {
    if (q < end_ && kNameChar[byte(q)] == 1) {
      ++q;
      while (q < end_ && kNameChar[byte(q)] != 0)
        ++q;
    }
    return q;
  }

  // Fails for a name that is missing or goes on with non-ASCII characters at q.
  const char* bad_name(const char* q) {
    return fail(q, byte(q) >= 0x80 ? kNonAsciiName : kInvalidToken);
  }

  const char* skip_space(const char* q) const {
    while (q < end_ && is_xml_space(byte(q)))
      ++q;
    return q;
  }

  struct ValueSpan {
    const char* name;
    std::size_t name_size;
    const char* value;   // into the data, or nullptr when the value was rewritten into values_
    std::size_t offset;  // into values_ when rewritten
    std::size_t size;
  };

  const char* start_tag(const char* p) {
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
        spans_.push_back(
            {attribute, attribute_size, value, 0, static_cast<std::size_t>(q - value)});
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

  const char* end_tag(const char* p) {
    const char* name = p + 2;
    const char* q = name_end(name);
    if (q == end_) return p;
    if (q == name || byte(q) >= 0x80) return bad_name(q);
    const std::string_view element(name, static_cast<std::size_t>(q - name));
    q = skip_space(q);
    if (q == end_) return p;
    if (*q != '>') return fail(q, kInvalidToken);
    const std::size_t begin = open_ends_.size() > 1 ? open_ends_[open_ends_.size() - 2] : 0;
    if (std::string_view(open_).substr(begin) != element) return fail(name, "mismatched tag");
    if (!handler_.on_end(element)) return abort();
    open_.resize(begin);
    open_ends_.pop_back();
    if (open_ends_.empty()) where_ = Where::kEpilog;
    return q + 1;
  }

  const char* processing_instruction(const char* p) {
    const char* target = p + 2;
    const char* q = name_end(target);
    if (q == end_) return p;
    if (q == target || byte(q) >= 0x80) return bad_name(q);
    if (q - target == 3 && (target[0] | 0x20) == 'x' && (target[1] | 0x20) == 'm' &&
        (target[2] | 0x20) == 'l') {
      if (std::memcmp(target, "xml", 3) != 0) return fail(target, kInvalidToken);
      return xml_declaration(p, q);
    }
    if (*q == '?') {
      if (q + 1 == end_) return p;
      return q[1] == '>' ? q + 2 : fail(q, kInvalidToken);
    }
    if (!is_xml_space(byte(q))) return fail(q, kInvalidToken);
    inside_ = Inside::kPi;
    return q + 1;
  }

  const char* xml_declaration(const char* p, const char* body) {
    if (offset_ + static_cast<std::size_t>(p - data_) != declaration_offset_)
      return fail(p, "XML or text declaration not at start of entity");
    const char* q = body;
    for (;;) {
      while (q < end_ && kPlainPi[byte(q)])
        ++q;
      if (q == end_) return p;
      if (*q == '?') {
        if (q + 1 == end_) return p;
        if (q[1] == '>') break;
        ++q;
        continue;
      }
      if (byte(q) < 0x80) return fail(q, kInvalidToken);
      const int n = utf8_sequence(q, end_);
      if (n == 0) return p;
      if (n < 0) return fail(q, kInvalidToken);
      q += n;
    }
    if (!read_xml_declaration(std::string_view(body, static_cast<std::size_t>(q - body)),
                              standalone_))
      return fail(p, "XML declaration not well-formed");
    return q + 2;
  }

  // The body of a comment or PI, skipped in pieces as it arrives: it ends at "-->" or "?>".
  const char* skipped_body(const char* p, const std::array<std::uint8_t, 256>& plain, char stop) {
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
  const char* comment_body(const char* p) { return skipped_body(p, kPlainComment, '-'); }
  const char* pi_body(const char* p) { return skipped_body(p, kPlainPi, '?'); }

  const char* cdata_body(const char* p) {
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

  // Before and after the root element: space, comments, PIs, one DOCTYPE before the root.
  const char* outside(const char* p) {
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
  const char* literal(const char* q, bool public_id) {
    const char quote = *q;
    if (quote != '"' && quote != '\'') return fail(q, kInvalidToken);
    for (++q; q < end_; ++q) {
      const unsigned char c = byte(q);
      if (c == static_cast<unsigned char>(quote)) return q + 1;
      if (public_id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == ' ' || c == '\r' || c == '\n' ||
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
  const char* doctype_declaration(const char* p) {
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
  const char* subset(const char* p) {
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

  const char* entity_declaration(const char* p) {
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

  bool emit(const char* from, const char* to) {
    return emit(std::string_view(from, static_cast<std::size_t>(to - from)));
  }
  bool emit(std::string_view text) {
    if (handler_.on_text(text)) return true;
    abort();
    return false;
  }

  std::nullptr_t abort() {
    failed_ = true;
    failure_ = std::string(kAborted);
    return nullptr;
  }

  // Records a failure at `at` in the current data (nullptr: at the end of everything consumed).
  std::nullptr_t fail(const char* at, std::string_view reason) {
    const SourcePosition where =
        at ? position_.after(std::string_view(data_, static_cast<std::size_t>(end_ - data_)),
                             static_cast<std::size_t>(at - data_))
           : position_;
    failed_ = true;
    failure_ = "line " + std::to_string(where.line()) + ", column " +
               std::to_string(where.column()) + ": " + std::string(reason);
    return nullptr;
  }

  static std::string too_long() {
    return "token longer than " + std::to_string(kMaxToken) +
           " bytes (the limit of the fast XML parser)";
  }

  Status failure() const { return make_error(ErrorKind::kMalformed, failure_); }

  Handler& handler_;
  std::string tail_;          // the unfinished construct (and what follows) between feed() calls
  std::size_t tried_at_ = 0;  // tail size when it was last found unfinished
  int terminator_retries_ = 0;
  SourcePosition position_;               // of the first byte not yet consumed
  std::uint64_t offset_ = 0;              // its offset in the document
  std::uint64_t declaration_offset_ = 0;  // where an XML declaration may stand (after a BOM)

  // The data of the current run().
  const char* data_ = nullptr;
  const char* end_ = nullptr;
  bool final_ = false;

  Where where_ = Where::kStart;
  Inside inside_ = Inside::kNothing;
  bool doctype_seen_ = false;
  bool has_external_id_ = false;
  bool standalone_ = false;

  std::string open_;  // names of the open elements, one after the other
  std::vector<std::size_t> open_ends_;
  std::vector<ValueSpan> spans_;
  std::string values_;  // attribute values that needed decoding or normalisation
  std::vector<Attribute> attributes_;

  bool failed_ = false;
  std::string failure_;
};

}  // namespace

std::unique_ptr<PushParser> make_fast_parser(Handler& handler) {
  return std::make_unique<FastParser>(handler);
}

}  // namespace qvm::xml
