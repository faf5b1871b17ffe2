// Classification of libcurl errors: DNS and TLS are permanent (retrying cannot fix a wrong host
// or a missing CA), connection faults, stalls and cut bodies are transient.
#include "net/curl_failure.hpp"

#include <curl/curl.h>

#include <string>

namespace qvm::net {

Failure curl_failure(int curl_code, std::string_view what, std::string_view detail,
                     bool got_response) {
  auto code = static_cast<CURLcode>(curl_code);
  std::string why = detail.empty() ? curl_easy_strerror(code) : std::string(detail);
  Failure f;
  std::string hint;
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      f.cause = Cause::kResolve;
      hint = "check the host name in --url or --platform, and your DNS or --proxy";
      break;
    case CURLE_COULDNT_CONNECT:
      f.cause = Cause::kConnect;
      hint = "check that the server is reachable from here (firewall, --proxy)";
      break;
    case CURLE_OPERATION_TIMEDOUT:
      if (why.find("too slow") != std::string::npos) {
        f.cause = Cause::kStall;
        why = "the server stopped sending (" + why + ")";
        hint = "the transfer stalled; it is retried, or raise the stall timeout";
      } else {
        f.cause = Cause::kConnect;
        hint = "check that the server is reachable from here (firewall, --proxy)";
      }
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
      f.cause = Cause::kTls;
      why = "TLS certificate verification failed (" + why + ")";
      hint =
          "use --cacert FILE with the CA that signed the server's certificate, or --insecure "
          "to skip verification (unsafe)";
      break;
    case CURLE_SSL_CACERT_BADFILE:
      f.cause = Cause::kTls;
      why = "cannot read the CA certificates (" + why + ")";
      hint = "check the file given to --cacert (PEM format)";
      break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_NOTFOUND:
      f.cause = Cause::kTls;
      why = "TLS handshake failed (" + why + ")";
      hint = "check --url (is it an HTTPS server?), --proxy and --cacert";
      break;
    case CURLE_PARTIAL_FILE:
    case CURLE_BAD_CONTENT_ENCODING:
      f.cause = Cause::kTruncated;
      why = "response cut short (" + why + ")";
      hint = "the connection dropped mid-response; it is retried";
      break;
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      f.cause = got_response ? Cause::kTruncated : Cause::kReset;
      why = (got_response ? "response cut short (" : "connection lost (") + why + ")";
      hint = "the connection dropped; it is retried";
      break;
    case CURLE_ABORTED_BY_CALLBACK:
      f.cause = Cause::kInterrupted;
      f.error = Error{ErrorKind::kInterrupted, std::string(what) + ": interrupted"};
      return f;
    default:
      f.cause = Cause::kOther;
      break;
  }
  f.error = Error{ErrorKind::kNetwork, std::string(what) + ": " + why, std::move(hint)};
  return f;
}

}  // namespace qvm::net
