// Harness implementation: simulator lifecycle per test, HTTP helpers and the XML tree builder.
#include "sim_harness.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace qvm::sim::test {

const XmlNode* XmlNode::child(std::string_view n) const {
  for (const auto& c : children) {
    if (c.name == n) return &c;
  }
  return nullptr;
}

std::vector<const XmlNode*> XmlNode::all(std::string_view n) const {
  std::vector<const XmlNode*> out;
  for (const auto& c : children) {
    if (c.name == n) out.push_back(&c);
  }
  return out;
}

const XmlNode* XmlNode::find(std::string_view path) const {
  const XmlNode* node = this;
  while (node && !path.empty()) {
    auto slash = path.find('/');
    node = node->child(path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
  }
  return node;
}

std::string XmlNode::at(std::string_view path) const {
  const XmlNode* n = find(path);
  return n ? n->text : std::string();
}

std::vector<std::string> child_names(const XmlNode& node) {
  std::vector<std::string> out;
  for (const auto& c : node.children)
    out.push_back(c.name);
  return out;
}

namespace {

// A strict little XML reader for test assertions: elements, attributes, text, CDATA, comments,
// processing instructions and DOCTYPE; reports the first well-formedness error.
class MiniXml {
 public:
  explicit MiniXml(const std::string& s) : s_(s) {}

  ParsedXml run() {
    ParsedXml out;
    std::vector<XmlNode*> stack;
    bool have_root = false;
    while (pos_ < s_.size()) {
      if (s_.compare(pos_, 4, "<!--") == 0) {
        if (!skip_past("-->")) return fail(out, "unterminated comment");
      } else if (s_.compare(pos_, 9, "<![CDATA[") == 0) {
        auto end = s_.find("]]>", pos_ + 9);
        if (end == std::string::npos || stack.empty()) return fail(out, "bad CDATA");
        stack.back()->text += s_.substr(pos_ + 9, end - pos_ - 9);
        pos_ = end + 3;
      } else if (s_.compare(pos_, 2, "<?") == 0) {
        if (!skip_past("?>")) return fail(out, "unterminated declaration");
      } else if (s_.compare(pos_, 2, "<!") == 0) {
        if (!skip_past(">")) return fail(out, "unterminated DOCTYPE");
      } else if (s_.compare(pos_, 2, "</") == 0) {
        auto end = s_.find('>', pos_);
        if (end == std::string::npos) return fail(out, "unterminated end tag");
        auto name = trim(s_.substr(pos_ + 2, end - pos_ - 2));
        if (stack.empty() || stack.back()->name != name) return fail(out, "mismatched tag " + name);
        stack.pop_back();
        pos_ = end + 1;
      } else if (s_[pos_] == '<') {
        auto end = s_.find('>', pos_);
        if (end == std::string::npos) return fail(out, "unterminated tag");
        std::string inside = s_.substr(pos_ + 1, end - pos_ - 1);
        const bool self_closing = !inside.empty() && inside.back() == '/';
        if (self_closing) inside.pop_back();
        XmlNode node;
        size_t i = 0;
        while (i < inside.size() && !std::isspace(static_cast<unsigned char>(inside[i])))
          ++i;
        node.name = inside.substr(0, i);
        if (node.name.empty()) return fail(out, "empty tag name");
        while (i < inside.size()) {
          while (i < inside.size() && std::isspace(static_cast<unsigned char>(inside[i])))
            ++i;
          if (i >= inside.size()) break;
          auto eq = inside.find('=', i);
          if (eq == std::string::npos || eq + 1 >= inside.size()) return fail(out, "bad attribute");
          auto key = trim(inside.substr(i, eq - i));
          size_t q = eq + 1;
          while (q < inside.size() && std::isspace(static_cast<unsigned char>(inside[q])))
            ++q;
          if (q >= inside.size()) return fail(out, "bad attribute");
          char quote = inside[q];
          if (quote != '"' && quote != '\'') return fail(out, "unquoted attribute");
          auto close = inside.find(quote, q + 1);
          if (close == std::string::npos) return fail(out, "unterminated attribute");
          std::string value;
          if (!decode(inside.substr(q + 1, close - q - 1), value)) return fail(out, "bad entity");
          node.attributes[key] = value;
          i = close + 1;
        }
        XmlNode* placed;
        if (stack.empty()) {
          if (have_root) return fail(out, "second root element");
          have_root = true;
          out.root = std::move(node);
          placed = &out.root;
        } else {
          stack.back()->children.push_back(std::move(node));
          placed = &stack.back()->children.back();
        }
        if (!self_closing) stack.push_back(placed);
        pos_ = end + 1;
      } else {
        auto end = s_.find('<', pos_);
        auto raw = s_.substr(pos_, end == std::string::npos ? std::string::npos : end - pos_);
        if (stack.empty()) {
          if (!trim(raw).empty()) return fail(out, "text outside the root");
        } else {
          std::string text;
          if (!decode(raw, text)) return fail(out, "bad entity");
          stack.back()->text += text;
        }
        pos_ = end == std::string::npos ? s_.size() : end;
      }
    }
    if (!stack.empty()) return fail(out, "unclosed element " + stack.back()->name);
    if (!have_root) return fail(out, "no root element");
    out.ok = true;
    return out;
  }

 private:
  static std::string trim(std::string v) {
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back())))
      v.pop_back();
    size_t i = 0;
    while (i < v.size() && std::isspace(static_cast<unsigned char>(v[i])))
      ++i;
    return v.substr(i);
  }
  static bool decode(const std::string& raw, std::string& out) {
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '<') return false;
      if (raw[i] != '&') {
        out += raw[i];
        continue;
      }
      auto semi = raw.find(';', i);
      if (semi == std::string::npos) return false;
      auto e = raw.substr(i + 1, semi - i - 1);
      if (e == "amp")
        out += '&';
      else if (e == "lt")
        out += '<';
      else if (e == "gt")
        out += '>';
      else if (e == "quot")
        out += '"';
      else if (e == "apos")
        out += '\'';
      else if (e.starts_with("#"))
        out += static_cast<char>(std::stoi(e.substr(1)));
      else
        return false;
      i = semi;
    }
    return true;
  }
  bool skip_past(std::string_view end) {
    auto p = s_.find(end, pos_);
    if (p == std::string::npos) return false;
    pos_ = p + end.size();
    return true;
  }
  ParsedXml fail(ParsedXml& out, std::string why) {
    out.ok = false;
    out.error = why + " at byte " + std::to_string(pos_);
    return std::move(out);
  }

  const std::string& s_;
  size_t pos_ = 0;
};

}  // namespace

ParsedXml parse_xml(const std::string& text) {
  return MiniXml(text).run();
}

Options test_options() {
  Options o;
  o.hosts = 60;
  o.seed = 7;
  o.kb_size = 400;
  o.threads = 8;
  o.keep_alive_timeout = std::chrono::seconds(1);
  o.limits = Limits{0, std::chrono::seconds(3600), 0};
  return o;
}

void SimTest::start(Options options) {
  sim_ = std::make_unique<Simulator>(std::move(options));
  auto url = sim_->start();
  ASSERT_TRUE(url.has_value()) << url.error().message;
  base_ = *url;
  if (!sim_->options().tls) {
    client_ = std::make_unique<httplib::Client>("127.0.0.1", sim_->port());
    client_->set_read_timeout(20, 0);
  }
}

httplib::Client& SimTest::client() {
  if (!sim_) start();
  return *client_;
}

httplib::Headers SimTest::auth_headers(const std::string& user, const std::string& password) const {
  return {httplib::make_basic_authentication_header(user, password),
          {"X-Requested-With", "qvm-sim tests"}};
}

httplib::Result SimTest::get(const std::string& target, httplib::Headers headers) {
  auto& c = client();
  if (headers.empty()) headers = auth_headers();
  return c.Get(target.c_str(), headers);
}

httplib::Result SimTest::post_form(const std::string& path, const std::string& body,
                                   httplib::Headers headers) {
  auto& c = client();
  if (headers.empty()) headers = auth_headers();
  return c.Post(path.c_str(), headers, body, "application/x-www-form-urlencoded");
}

httplib::Result SimTest::post_xml(const std::string& path, const std::string& body,
                                  httplib::Headers headers) {
  auto& c = client();
  if (headers.empty()) headers = auth_headers();
  return c.Post(path.c_str(), headers, body, "text/xml");
}

std::string SimTest::relative(const std::string& url) const {
  EXPECT_TRUE(url.starts_with(base_)) << url;
  return url.substr(base_.size());
}

void SimTest::TearDown() {
  client_.reset();
  if (sim_) sim_->stop();
}

std::string raw_exchange(int port, const std::string& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return {};
  }
  timeval tv{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string out;
  char buf[65536];
  for (;;) {
    auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

}  // namespace qvm::sim::test
