// Test harness for qvm-sim: starts an in-process simulator on 127.0.0.1 and talks plain HTTP to
// it with cpp-httplib's client (never the qvm client), plus a small strict XML reader for
// assertions.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "qvm_sim/simulator.hpp"

namespace qvm::sim::test {

struct XmlNode {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::string text;  // concatenated character data (CDATA included)
  std::vector<XmlNode> children;

  const XmlNode* child(std::string_view n) const;
  std::vector<const XmlNode*> all(std::string_view n) const;
  // Text of a descendant path "A/B/C", or "" when absent.
  std::string at(std::string_view path) const;
  const XmlNode* find(std::string_view path) const;
};

// Parses a whole document; ok=false (with the expat error) when it is not well-formed.
struct ParsedXml {
  bool ok = false;
  std::string error;
  XmlNode root;
};
ParsedXml parse_xml(const std::string& text);

// Names of the element's children, in order.
std::vector<std::string> child_names(const XmlNode& node);

Options test_options();

class SimTest : public ::testing::Test {
 protected:
  // Starts a simulator with `options` (test_options() if not called before the first request).
  void start(Options options);
  void start() { start(test_options()); }
  httplib::Client& client();
  httplib::Headers auth_headers(const std::string& user = "demo",
                                const std::string& password = "demo") const;
  httplib::Result get(const std::string& target, httplib::Headers headers = {});
  httplib::Result post_form(const std::string& path, const std::string& body,
                            httplib::Headers headers = {});
  httplib::Result post_xml(const std::string& path, const std::string& body,
                           httplib::Headers headers = {});
  // Path+query of an absolute URL served by this simulator.
  std::string relative(const std::string& url) const;
  void TearDown() override;

  std::unique_ptr<Simulator> sim_;
  std::unique_ptr<httplib::Client> client_;
  std::string base_;
};

// Raw response bytes (status line + headers) read with a plain socket, for header-order checks.
std::string raw_exchange(int port, const std::string& request);

}  // namespace qvm::sim::test
