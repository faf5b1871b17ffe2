// Which failures are transient.
#include "net/failure.hpp"

#include <string>

namespace qvm::net {

bool is_transient(const Failure& f) {
  switch (f.cause) {
    case Cause::kConnect:
    case Cause::kReset:
    case Cause::kStall:
    case Cause::kTruncated:
      return true;
    case Cause::kLimit:
      return f.qualys_code == 1960 || f.qualys_code == 1965;
    case Cause::kHttpStatus:
      return f.http_status >= 500 && f.http_status <= 599;
    case Cause::kQualysCode:
      return f.qualys_code == 999 || f.qualys_code == 1981;
    case Cause::kResolve:
    case Cause::kTls:
    case Cause::kInterrupted:
    case Cause::kCallback:
    case Cause::kOther:
      return false;
  }
  return false;
}

Failure http_status_failure(long status, std::string_view what) {
  Failure f;
  f.cause = Cause::kHttpStatus;
  f.http_status = status;
  std::string message = std::string(what) + ": HTTP " + std::to_string(status);
  std::string hint;
  ErrorKind kind = ErrorKind::kApi;
  if (status == 401 || status == 403) {
    kind = ErrorKind::kAuth;
    hint = "check the user name, password and platform URL, and that the user has API access";
  } else if (status >= 500) {
    kind = ErrorKind::kNetwork;
    hint = "the Qualys server failed; try again later";
  }
  f.error = Error{kind, std::move(message), std::move(hint)};
  return f;
}

Failure qualys_code_failure(Error error, long http_status,
                            std::optional<std::chrono::seconds> server_wait) {
  Failure f;
  f.qualys_code = error.qualys_code;
  f.cause = (f.qualys_code == 1960 || f.qualys_code == 1965) ? Cause::kLimit : Cause::kQualysCode;
  f.http_status = http_status;
  f.server_wait = server_wait;
  f.error = std::move(error);
  return f;
}

}  // namespace qvm::net
