// Test side of the parsers: run any response parser over a body split in a chosen way and
// collect everything it reports, so that tests can compare whole parses with operator==.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "qvm/parsers.hpp"

namespace qvm::test {

enum class Doc {
  kHostList,
  kDetection,
  kDetectionCsv,
  kKnowledgeBase,
  kScanList,
  kHostAsset,
  kSimpleReturn,
  kAbout
};

// Feeds a body to a parser and finishes it; the split is the strategy's business.
using FeedStrategy = std::function<Status(ResponseParser&, std::string_view)>;

FeedStrategy whole();
FeedStrategy in_chunks(size_t size);
// Cuts the body at the given offsets (ascending, each < body size).
FeedStrategy at_cuts(std::vector<size_t> cuts);

// The outcome of a parse, comparable as a whole.
struct Outcome {
  std::vector<Host> hosts;
  std::vector<IdRange> ids;
  std::vector<std::pair<Host, Detection>> detections;
  std::vector<std::pair<Host, size_t>> host_ends;
  std::vector<Vuln> vulns;
  std::vector<Scan> scans;
  std::vector<HostAsset> assets;
  std::optional<QpsEnvelope> envelope;
  SimpleReturn simple_return;
  About about;
  std::optional<Timestamp> datetime;
  std::optional<Warning> warning;
  // The parse's error, if it failed.
  std::optional<Error> error;

  bool ok() const { return !error.has_value(); }
  bool operator==(const Outcome& other) const;
};

// Parses with both XML backends, expects the same outcome (malformed-XML messages may place the
// error differently) and returns the fast tokenizer's.
Outcome parse_as(Doc doc, std::string_view body, const FeedStrategy& feed = whole());
// Parses with one backend.
Outcome parse_with(XmlBackend backend, Doc doc, std::string_view body,
                   const FeedStrategy& feed = whole());

// The parser a shared fixture is meant for, from its file name.
Doc doc_for_fixture(std::string_view file_name);

// `2018-04-13T03:48:50Z` as a Timestamp; fails the test on a bad literal.
Timestamp ts(std::string_view text);

}  // namespace qvm::test
