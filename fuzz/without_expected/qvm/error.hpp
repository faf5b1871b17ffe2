// Stand-in for include/qvm/error.hpp in the fuzz build only: clang 14 cannot instantiate
// libstdc++ 12's std::expected with a non-trivial error type, so Status here is a small class
// with the part of std::expected's interface the xml layer and its test harness use.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace qvm {

enum class ErrorKind {
  kInternal,
  kUsage,
  kAuth,
  kApi,
  kLimit,
  kNetwork,
  kMalformed,
  kInterrupted,
  kIo
};

struct Error {
  Error() = default;
  Error(ErrorKind k, std::string m, std::string h = {}, int code = 0)
      : kind(k), message(std::move(m)), hint(std::move(h)), qualys_code(code) {}
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;
  std::string hint;
  int qualys_code = 0;
};

struct Unexpected {
  Error error;
};

class Status {
 public:
  Status() = default;
  Status(Unexpected u) : error_(std::move(u.error)) {}  // NOLINT: mirrors std::unexpected
  bool has_value() const { return !error_; }
  explicit operator bool() const { return has_value(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

inline Unexpected make_error(ErrorKind kind, std::string message, std::string hint = {},
                             int qualys_code = 0) {
  return {Error{kind, std::move(message), std::move(hint), qualys_code}};
}

}  // namespace qvm
