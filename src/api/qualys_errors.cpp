// What each Qualys error code means for the user: its category (exit code) and what to do.
#include <algorithm>
#include <cctype>
#include <string>

#include "qvm/parsers.hpp"

namespace qvm {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

struct CodeInfo {
  ErrorKind kind;
  const char* hint;
};

CodeInfo describe(int code) {
  switch (code) {
    case 999:
      return {ErrorKind::kApi, "Qualys reported an internal error; try again later"};
    case 1901:
      return {ErrorKind::kApi, "a parameter is not supported by this API or subscription"};
    case 1903:
      return {ErrorKind::kApi, "a required parameter is missing"};
    case 1904:
      return {ErrorKind::kApi, "give only one of the parameters named in the message"};
    case 1905:
      return {ErrorKind::kApi, "correct the parameter value named in the message"};
    case 1907:
      return {ErrorKind::kApi, "that combination of parameters is not supported"};
    case 1908:
      return {ErrorKind::kApi, "the parameter cannot be sent with this HTTP method"};
    case 1920:
    case 1960:
    case 1965:
      return {ErrorKind::kLimit,
              "the subscription's API rate or concurrency limit was reached; wait and retry, or "
              "raise --max-wait"};
    case 1922:
      return {ErrorKind::kApi, "give at least one of the parameters named in the message"};
    case 1981:
      return {ErrorKind::kApi, "Qualys is still processing the request; try again later"};
    case 1999:
      return {ErrorKind::kApi, "Qualys is under scheduled maintenance; try again later"};
    case 2000:
      return {ErrorKind::kAuth,
              "check the user name, the password and the platform URL (--platform/--url); the "
              "user also needs API access"};
    case 2001:
      return {ErrorKind::kAuth, "the Qualys account has expired; contact your Qualys manager"};
    case 2002:
      return {ErrorKind::kAuth, "the Qualys user is inactive; ask a Qualys manager to activate it"};
    case 2003:
      return {ErrorKind::kAuth, "complete the account registration in the Qualys UI first"};
    case 2007:
      return {ErrorKind::kAuth, "this machine's IP is not in the subscription's secure IP list"};
    case 2011:
      return {ErrorKind::kAuth, "SecureID is required for this account, which blocks API access"};
    case 2012:
      return {ErrorKind::kAuth, "the user's license does not allow this API"};
    default:
      return {ErrorKind::kApi, ""};
  }
}

}  // namespace

std::optional<std::string> SimpleReturn::item(std::string_view key) const {
  for (const auto& [k, v] : items) {
    if (iequals(k, key)) return v;
  }
  return std::nullopt;
}

Error qualys_error(const SimpleReturn& r) {
  int code = r.code.value_or(0);
  CodeInfo info = describe(code);
  Error error{info.kind, "Qualys " + std::to_string(code) + ": " + r.text, info.hint, code};
  return error;
}

Error qps_error(const QpsEnvelope& envelope) {
  const std::string& rc = envelope.response_code;
  ErrorKind kind = ErrorKind::kApi;
  std::string hint = envelope.error_resolution.value_or("");
  if (rc == "INVALID_CREDENTIALS" || rc == "UNAUTHORIZED" || rc == "EVALUATION_EXPIRED") {
    kind = ErrorKind::kAuth;
    if (hint.empty()) hint = "check the user name, the password and the platform URL";
  }
  std::string message = "Qualys " + rc;
  if (envelope.error_message) message += ": " + *envelope.error_message;
  return Error{kind, message, hint, 0};
}

}  // namespace qvm
