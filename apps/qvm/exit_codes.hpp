// The exit codes of qvm: a contract with scripts, never renumbered (README and --help list them).
#pragma once

#include "qvm/error.hpp"

namespace qvm::cli {

enum ExitCode : int {
  kExitSuccess = 0,
  kExitInternal = 1,       // a bug in qvm, or an unexpected condition
  kExitUsage = 2,          // invalid option, IP, range, date or file argument
  kExitAuth = 3,           // authentication failed: wrong credentials, expired or inactive account
  kExitApi = 4,            // Qualys answered with an error code
  kExitLimit = 5,          // rate or concurrency limit exhausted past --max-wait
  kExitNetwork = 6,        // network or TLS failure
  kExitMalformed = 7,      // malformed or truncated response or input file
  kExitIo = 8,             // cannot write the output file or database
  kExitInterrupted = 130,  // interrupted (Ctrl-C)
};

inline int exit_code_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInternal:
      return kExitInternal;
    case ErrorKind::kUsage:
      return kExitUsage;
    case ErrorKind::kAuth:
      return kExitAuth;
    case ErrorKind::kApi:
      return kExitApi;
    case ErrorKind::kLimit:
      return kExitLimit;
    case ErrorKind::kNetwork:
      return kExitNetwork;
    case ErrorKind::kMalformed:
      return kExitMalformed;
    case ErrorKind::kInterrupted:
      return kExitInterrupted;
    case ErrorKind::kIo:
      return kExitIo;
  }
  return kExitInternal;
}

// The table printed at the end of `qvm --help`.
inline constexpr const char* kExitCodeHelp =
    "Exit codes:\n"
    "  0    success\n"
    "  1    internal error (a bug in qvm)\n"
    "  2    usage error: invalid option, IP, range, date or file\n"
    "  3    authentication failed: wrong credentials, expired or inactive account\n"
    "  4    Qualys API error (the message gives the Qualys code and text)\n"
    "  5    rate or concurrency limit exhausted past --max-wait\n"
    "  6    network or TLS failure\n"
    "  7    malformed or truncated response or input file\n"
    "  8    cannot write the output file or database\n"
    "  130  interrupted (Ctrl-C)\n";

}  // namespace qvm::cli
