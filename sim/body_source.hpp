// A response body produced piece by piece, so the server streams it with a chunked content
// provider instead of building it: memory stays bounded by one piece.
#pragma once

#include <memory>
#include <string>

namespace qvm::sim {

class BodySource {
 public:
  virtual ~BodySource() = default;
  // Appends the next piece to `out`. Returns false once the body is complete (the last piece may
  // come with the false).
  virtual bool next(std::string& out) = 0;
};

// A body already in memory (small documents: errors, login answers, Apache pages).
class StringBody final : public BodySource {
 public:
  explicit StringBody(std::string text) : text_(std::move(text)) {}
  bool next(std::string& out) override {
    out += text_;
    text_.clear();
    return false;
  }

 private:
  std::string text_;
};

inline std::unique_ptr<BodySource> string_body(std::string text) {
  return std::make_unique<StringBody>(std::move(text));
}

// Pieces are flushed when the buffer passes this size.
inline constexpr std::size_t kFlushBytes = 32 * 1024;

}  // namespace qvm::sim
