// The one error type of libqvm: a category (which maps to the CLI's exit code), a message that
// reads "<what>: <why>", and a hint saying what to do about it.
#pragma once

#include <expected>
#include <string>

namespace qvm {

// Categories are a contract: the CLI maps each to a documented exit code that never changes.
enum class ErrorKind {
  kInternal,     // a bug or an unexpected condition in qvm itself
  kUsage,        // invalid option, IP, range, date, file argument
  kAuth,         // wrong credentials, expired or inactive account
  kApi,          // Qualys answered with an error code (SIMPLE_RETURN CODE, QPS responseCode)
  kLimit,        // rate or concurrency limit exhausted past the allowed wait
  kNetwork,      // connection, DNS, TLS, timeout
  kMalformed,    // malformed, truncated or unexpected response or input document
  kInterrupted,  // cancelled by the user (Ctrl-C)
  kIo,           // reading or writing a local file or database
};

struct Error {
  Error() = default;
  Error(ErrorKind k, std::string m, std::string h = {}, int code = 0)
      : kind(k), message(std::move(m)), hint(std::move(h)), qualys_code(code) {}

  ErrorKind kind = ErrorKind::kInternal;
  std::string message;  // "<what>: <why>"
  std::string hint;     // what to do; may be empty
  int qualys_code = 0;  // Qualys CODE for kApi/kAuth/kLimit when the server sent one
};

template <class T>
using Result = std::expected<T, Error>;
using Status = Result<void>;

inline std::unexpected<Error> make_error(ErrorKind kind, std::string message, std::string hint = {},
                                         int qualys_code = 0) {
  return std::unexpected(Error{kind, std::move(message), std::move(hint), qualys_code});
}

}  // namespace qvm
