// One backend's whole parse of a document fed in given pieces, as a comparable record: the event
// stream with adjacent text joined (backends may split text differently), and the outcome.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "xml/push_parser.hpp"

namespace qvm::test {

struct EventStream {
  std::vector<std::string> events;  // "<name a=v …>", "text", "</name>"
  bool ok = true;
  std::string error;  // the failure message when !ok
};

// Feeds `doc` cut at `cuts` (ascending offsets, each <= doc.size()), then finishes.
EventStream parse_events(xml::Backend backend, std::string_view doc,
                         const std::vector<size_t>& cuts);

// The backends agree on `doc` cut at `cuts`: identical events, or both fail. The fast tokenizer
// may also refuse what it documents as unsupported (non-ASCII names, tokens over its size cap)
// where expat accepts. Returns a description of the disagreement, empty when they agree.
std::string disagreement(std::string_view doc, const std::vector<size_t>& cuts);

}  // namespace qvm::test
