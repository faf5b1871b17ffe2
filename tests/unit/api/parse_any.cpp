// Runs the factory of each response type with collecting callbacks, once per XML backend: every
// api test thereby also proves that expat and the fast tokenizer give the same outcome.
#include "parse_any.hpp"

#include <gtest/gtest.h>

namespace qvm::test {

FeedStrategy whole() {
  return [](ResponseParser& p, std::string_view body) -> Status {
    auto status = p.feed(body);
    if (!status) return status;
    return p.finish();
  };
}

FeedStrategy in_chunks(size_t size) {
  return [size](ResponseParser& p, std::string_view body) -> Status {
    for (size_t at = 0; at < body.size(); at += size) {
      auto status = p.feed(body.substr(at, size));
      if (!status) return status;
    }
    return p.finish();
  };
}

FeedStrategy at_cuts(std::vector<size_t> cuts) {
  return [cuts = std::move(cuts)](ResponseParser& p, std::string_view body) -> Status {
    size_t from = 0;
    for (size_t cut : cuts) {
      auto status = p.feed(body.substr(from, cut - from));
      if (!status) return status;
      from = cut;
    }
    auto status = p.feed(body.substr(from));
    if (!status) return status;
    return p.finish();
  };
}

bool Outcome::operator==(const Outcome& o) const {
  auto same_error = [](const std::optional<Error>& a, const std::optional<Error>& b) {
    if (a.has_value() != b.has_value()) return false;
    if (!a) return true;
    return a->kind == b->kind && a->message == b->message && a->hint == b->hint &&
           a->qualys_code == b->qualys_code;
  };
  return hosts == o.hosts && ids == o.ids && detections == o.detections &&
         host_ends == o.host_ends && vulns == o.vulns && scans == o.scans && assets == o.assets &&
         envelope == o.envelope && simple_return == o.simple_return && about == o.about &&
         datetime == o.datetime && warning == o.warning && same_error(error, o.error);
}

// A record callback that keeps a copy of each record.
template <class Record>
std::function<Status(const Record&)> append_to(std::vector<Record>& records) {
  return [&records](const Record& r) -> Status {
    records.push_back(r);
    return {};
  };
}

Outcome parse_with(XmlBackend backend, Doc doc, std::string_view body, const FeedStrategy& feed) {
  Outcome out;
  std::unique_ptr<ResponseParser> parser;
  switch (doc) {
    case Doc::kHostList:
      parser =
          make_host_list_parser({.host = append_to(out.hosts), .id = append_to(out.ids)}, backend);
      break;
    case Doc::kDetection:
    case Doc::kDetectionCsv: {
      DetectionCallbacks callbacks{.detection = [&](const Host& h, const Detection& d) -> Status {
                                     out.detections.emplace_back(h, d);
                                     return {};
                                   },
                                   .host_end = [&](const Host& h, size_t n) -> Status {
                                     out.host_ends.emplace_back(h, n);
                                     return {};
                                   }};
      parser = doc == Doc::kDetection ? make_detection_parser(std::move(callbacks), backend)
                                      : make_detection_csv_parser(std::move(callbacks));
      break;
    }
    case Doc::kKnowledgeBase:
      parser = make_knowledge_base_parser({.vuln = append_to(out.vulns), .id = append_to(out.ids)},
                                          backend);
      break;
    case Doc::kScanList:
      parser = make_scan_list_parser(append_to(out.scans), backend);
      break;
    case Doc::kHostAsset:
      parser = make_host_asset_parser({.asset = append_to(out.assets),
                                       .envelope = [&](const QpsEnvelope& e) { out.envelope = e; }},
                                      backend);
      break;
    case Doc::kSimpleReturn:
      parser = make_simple_return_parser(out.simple_return, backend);
      break;
    case Doc::kAbout:
      parser = make_about_parser(out.about, backend);
      break;
  }
  auto status = feed(*parser, body);
  if (!status) out.error = status.error();
  out.datetime = parser->datetime();
  out.warning = parser->warning();
  return out;
}

// The same outcome, except that malformed-XML messages may place the error differently.
bool same_outcome(const Outcome& a, const Outcome& b) {
  if (a == b) return true;
  if (!a.error || !b.error || a.error->kind != ErrorKind::kMalformed ||
      b.error->kind != ErrorKind::kMalformed || !a.error->message.starts_with("malformed XML: ") ||
      !b.error->message.starts_with("malformed XML: "))
    return false;
  Outcome a_without = a, b_without = b;
  a_without.error = b_without.error = Error{};
  return a_without == b_without;
}

Outcome parse_as(Doc doc, std::string_view body, const FeedStrategy& feed) {
  Outcome expat = parse_with(XmlBackend::kExpat, doc, body, feed);
  Outcome fast = parse_with(XmlBackend::kFast, doc, body, feed);
  EXPECT_TRUE(same_outcome(expat, fast))
      << "expat and the fast tokenizer disagree: expat "
      << (expat.error ? "failed: " + expat.error->message : "succeeded") << ", fast "
      << (fast.error ? "failed: " + fast.error->message : "succeeded");
  return fast;
}

Doc doc_for_fixture(std::string_view name) {
  if (name.starts_with("host_list_detection")) return Doc::kDetection;
  if (name.starts_with("host_list")) return Doc::kHostList;
  if (name.starts_with("kb_")) return Doc::kKnowledgeBase;
  if (name.starts_with("scan_list")) return Doc::kScanList;
  if (name.starts_with("qps_")) return Doc::kHostAsset;
  if (name.starts_with("simple_return_1905_hld")) return Doc::kDetection;
  if (name.starts_with("simple_return_1905_kb")) return Doc::kKnowledgeBase;
  if (name.starts_with("simple_return_2001")) return Doc::kHostList;
  if (name.ends_with(".csv")) return Doc::kDetectionCsv;
  if (name.starts_with("about")) return Doc::kAbout;
  return Doc::kSimpleReturn;
}

Timestamp ts(std::string_view text) {
  auto t = parse_timestamp(text);
  EXPECT_TRUE(t.has_value()) << "bad timestamp literal " << text;
  return t.value_or(Timestamp{});
}

}  // namespace qvm::test
