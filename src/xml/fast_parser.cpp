// The fast backend of the push interface: a resumable tokenizer that keeps only the unfinished
// tail of the input between feed() calls and reports the same events as the expat backend.
// This file holds its feeding and main scan loop; the steps it calls are in fast_*.hpp.
#include "xml/fast_parser.hpp"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "xml/fast_character_data.hpp"
#include "xml/fast_parser_errors.hpp"
#include "xml/fast_processing_instruction.hpp"
#include "xml/fast_prolog.hpp"
#include "xml/fast_start_tag.hpp"
#include "xml/fast_tokenizer.hpp"

namespace qvm::xml {
namespace {

inline Status FastParser::feed(std::string_view bytes) {
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

inline Status FastParser::finish() {
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

inline bool FastParser::worth_retry(std::string_view added) {
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

inline std::size_t FastParser::run(std::string_view data, bool final) {
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

inline const char* FastParser::content(const char* p) {
  if (*p == '<') return markup(p);
  if (*p == '&') return reference_in_text(p);
  return text(p);
}

inline const char* FastParser::markup(const char* p) {
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

inline const char* FastParser::end_tag(const char* p) {
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

}  // namespace

std::unique_ptr<PushParser> make_fast_parser(Handler& handler) {
  return std::make_unique<FastParser>(handler);
}

}  // namespace qvm::xml
