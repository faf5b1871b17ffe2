// The fast tokenizer's class: the state it keeps between feed() calls and the steps run() is
// made of. Only fast_parser.cpp includes it (through the fast_*.hpp steps); callers use
// make_fast_parser().
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "xml/char_classes.hpp"
#include "xml/push_parser.hpp"
#include "xml/source_position.hpp"

namespace qvm::xml {
namespace {

// The longest tag, declaration or reference.
inline constexpr std::size_t kMaxToken = std::size_t{1} << 20;
inline constexpr std::size_t kCheapRetry = 1024;  // a tail this short is re-parsed on every feed()
inline constexpr std::size_t kFailed = static_cast<std::size_t>(-1);

inline constexpr std::string_view kInvalidToken = "not well-formed (invalid token)";
inline constexpr std::string_view kNonAsciiName =
    "non-ASCII element, attribute and entity names are not supported by the fast XML parser";

inline unsigned char byte(const char* p) {
  return static_cast<unsigned char>(*p);
}

// The members are defined, inline, in fast_parser.cpp and the fast_*.hpp files only it includes:
// the class stays local to that one file, so the compiler sees every caller and inlines the
// per-token steps into run() exactly as when the tokenizer was a single file.
class FastParser final : public PushParser {
 public:
  explicit FastParser(Handler& handler) : handler_(handler) {}

  Status feed(std::string_view bytes) override;
  Status finish() override;

 private:
  enum class Where { kStart, kProlog, kSubset, kContent, kEpilog };
  enum class Inside { kNothing, kComment, kPi, kCdata };

  bool worth_retry(std::string_view added);

  void consume(std::string_view consumed) {
    position_.advance(consumed);
    offset_ += consumed.size();
  }

  // Parses as many complete constructs of `data` as there are; returns the bytes consumed.
  std::size_t run(std::string_view data, bool final);

  // Steps. Each returns the position after what it consumed, `p` itself when the construct is
  // cut off by the end of the data (call again with more), or nullptr after a failure.

  // Elements and their content (fast_parser.cpp, fast_start_tag.hpp).
  const char* content(const char* p);
  const char* markup(const char* p);
  const char* start_tag(const char* p);
  const char* end_tag(const char* p);

  // Character data and the bodies of comments, PIs and CDATA sections (fast_character_data.hpp).
  const char* text(const char* p);
  const char* reference_in_text(const char* p);
  const char* skipped_body(const char* p, const std::array<std::uint8_t, 256>& plain, char stop);
  const char* comment_body(const char* p);
  const char* pi_body(const char* p);
  const char* cdata_body(const char* p);

  // Processing instructions and the XML declaration (fast_processing_instruction.hpp).
  const char* processing_instruction(const char* p);
  const char* xml_declaration(const char* p, const char* body);

  // Before and after the root element, the DOCTYPE and its internal subset (fast_prolog.hpp).
  const char* outside(const char* p);
  const char* literal(const char* q, bool public_id);
  const char* doctype_declaration(const char* p);
  const char* subset(const char* p);
  const char* entity_declaration(const char* p);

  // expat skips references to undeclared entities when an external DTD could declare them.
  bool skip_undefined() const { return has_external_id_ && !standalone_; }

  // 1 when `literal` starts at p, 0 when the data ends before that is known, -1 when not.
  int starts(const char* p, std::string_view literal) const {
    const std::size_t have = std::min(literal.size(), static_cast<std::size_t>(end_ - p));
    if (std::memcmp(p, literal.data(), have) != 0) return -1;
    return have == literal.size() ? 1 : 0;
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

  bool emit(const char* from, const char* to) {
    return emit(std::string_view(from, static_cast<std::size_t>(to - from)));
  }
  bool emit(std::string_view text) {
    if (handler_.on_text(text)) return true;
    abort();
    return false;
  }

  // Failures (fast_parser_errors.hpp).
  std::nullptr_t abort();
  // Records a failure at `at` in the current data (nullptr: at the end of everything consumed).
  std::nullptr_t fail(const char* at, std::string_view reason);
  static std::string too_long();
  Status failure() const;

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
}  // namespace qvm::xml
