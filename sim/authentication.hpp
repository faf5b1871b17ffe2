// Who is calling: HTTP Basic credentials checked against the configured users, QualysSession
// cookies handed out by the session endpoint, and the accounts configured as expired.
#pragma once

#include <httplib.h>

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "qvm_sim/options.hpp"

namespace qvm::sim {

class Authenticator {
 public:
  // REQUIRES: `options` outlives the authenticator.
  explicit Authenticator(const Options& options) : options_(options) {}

  bool valid_password(std::string_view name, std::string_view password) const;
  bool expired(const std::string& user) const;

  // The user of valid "Authorization: Basic" credentials.
  std::optional<std::string> basic_user(const httplib::Request& req) const;
  // The user of the session named by the request's QualysSession cookie, while it is open.
  std::optional<std::string> session_user(const httplib::Request& req);

  // Opens a session for `user` and returns its id (the QualysSession cookie value).
  std::string open_session(const std::string& user);
  // Closes the session named by the request's cookie; false if there is none open.
  bool close_session(const httplib::Request& req);

 private:
  const Options& options_;
  std::mutex mutex_;
  std::map<std::string, std::string> sessions_;  // QualysSession id → user
};

}  // namespace qvm::sim
