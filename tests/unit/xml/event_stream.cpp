// Runs a backend over a cut document and records its events; compares expat with the fast
// tokenizer.
#include "event_stream.hpp"

namespace qvm::test {
namespace {

class Recorder final : public xml::Handler {
 public:
  explicit Recorder(std::vector<std::string>& events) : events_(events) {}
  bool on_start(std::string_view name, std::span<const xml::Attribute> attributes) override {
    std::string line = "<" + std::string(name);
    for (const auto& a : attributes)
      line += " " + std::string(a.name) + "=\"" + std::string(a.value) + "\"";
    events_.push_back(line + ">");
    in_text_ = false;
    return true;
  }
  bool on_text(std::string_view text) override {
    if (!in_text_) events_.emplace_back();
    events_.back() += text;
    in_text_ = true;
    return true;
  }
  bool on_end(std::string_view name) override {
    events_.push_back("</" + std::string(name) + ">");
    in_text_ = false;
    return true;
  }

 private:
  std::vector<std::string>& events_;
  bool in_text_ = false;
};

bool documented_refusal(const std::string& error) {
  return error.find("non-ASCII element, attribute and entity names") != std::string::npos ||
         error.find("the limit of the fast XML parser") != std::string::npos;
}

std::string show(const EventStream& s) {
  std::string out = s.ok ? "ok" : "failed: " + s.error;
  out += " after " + std::to_string(s.events.size()) + " events";
  return out;
}

}  // namespace

EventStream parse_events(xml::Backend backend, std::string_view doc,
                         const std::vector<size_t>& cuts) {
  EventStream out;
  Recorder recorder(out.events);
  auto parser = xml::make_push_parser(backend, recorder);
  size_t from = 0;
  Status status;
  for (size_t cut : cuts) {
    status = parser->feed(doc.substr(from, cut - from));
    if (!status) break;
    from = cut;
  }
  if (status) status = parser->feed(doc.substr(from));
  if (status) status = parser->finish();
  if (!status) {
    out.ok = false;
    out.error = status.error().message;
  }
  return out;
}

std::string disagreement(std::string_view doc, const std::vector<size_t>& cuts) {
  const EventStream expat = parse_events(xml::Backend::kExpat, doc, cuts);
  const EventStream fast = parse_events(xml::Backend::kFast, doc, cuts);
  if (!expat.ok && !fast.ok) return {};
  if (expat.ok && fast.ok) {
    if (expat.events == fast.events) return {};
    size_t i = 0;
    while (i < expat.events.size() && i < fast.events.size() && expat.events[i] == fast.events[i])
      ++i;
    auto at = [i](const EventStream& s) {
      return i < s.events.size() ? "'" + s.events[i] + "'" : std::string("(end)");
    };
    return "events differ at #" + std::to_string(i) + ": expat " + at(expat) + ", fast " + at(fast);
  }
  if (!fast.ok && documented_refusal(fast.error)) return {};
  return "expat " + show(expat) + "; fast " + show(fast);
}

}  // namespace qvm::test
