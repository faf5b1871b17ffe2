// A cpp-httplib server on 127.0.0.1 with an ephemeral port, plain or TLS, started on its own
// thread for the duration of a test; plus a self-signed certificate for the TLS variant.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <thread>

namespace qvm::test {

// A self-signed certificate for CN=localhost with SAN 127.0.0.1, written as PEM files.
struct TestCertificate {
  std::filesystem::path cert;
  std::filesystem::path key;
};
TestCertificate make_self_signed_certificate(const std::filesystem::path& dir);

class LoopbackServer {
 public:
  LoopbackServer();                                     // plain HTTP
  explicit LoopbackServer(const TestCertificate& tls);  // HTTPS
  ~LoopbackServer();

  httplib::Server& http() { return *server_; }  // add handlers before start()
  void start();
  void stop();
  int port() const { return port_; }
  std::string url(const std::string& path) const;

 private:
  std::unique_ptr<httplib::Server> server_;
  std::string scheme_;
  int port_ = 0;
  std::thread thread_;
};

// A fresh empty directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace qvm::test
