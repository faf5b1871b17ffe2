// libxml2's SAX2 push parser (xmlCreatePushParserCtxt + xmlParseChunk) with a counting handler:
// the fastest widely used C push parser, as a reference point (bench-only dependency).
#pragma once

#include <libxml/parser.h>

#include <cstring>
#include <string>

#include "competitors/tally.hpp"

namespace qvm::bench {

class Libxml2SaxCount {
 public:
  Libxml2SaxCount() {
    std::memset(&sax_, 0, sizeof sax_);
    sax_.initialized = XML_SAX2_MAGIC;
    sax_.startElementNs = &Libxml2SaxCount::start;
    sax_.endElementNs = &Libxml2SaxCount::end;
    sax_.characters = &Libxml2SaxCount::text;
    sax_.cdataBlock = &Libxml2SaxCount::text;
    ctxt_ = xmlCreatePushParserCtxt(&sax_, this, nullptr, 0, nullptr);
    xmlCtxtUseOptions(ctxt_, XML_PARSE_NONET | XML_PARSE_HUGE);
  }
  ~Libxml2SaxCount() { xmlFreeParserCtxt(ctxt_); }
  Libxml2SaxCount(const Libxml2SaxCount&) = delete;
  Libxml2SaxCount& operator=(const Libxml2SaxCount&) = delete;

  bool feed(std::string_view bytes) { return chunk(bytes, 0); }
  bool finish() { return chunk({}, 1); }
  const Tally& tally() const { return tally_; }
  const std::string& error() const { return error_; }

 private:
  bool chunk(std::string_view bytes, int terminate) {
    if (xmlParseChunk(ctxt_, bytes.data(), static_cast<int>(bytes.size()), terminate) != 0) {
      const xmlError* e = xmlCtxtGetLastError(ctxt_);
      error_ = e && e->message ? e->message : "libxml2 error";
      return false;
    }
    return true;
  }
  static std::string_view name_of(const xmlChar* n) { return reinterpret_cast<const char*>(n); }
  static void start(void* self_ptr, const xmlChar* name, const xmlChar*, const xmlChar*, int,
                    const xmlChar**, int, int, const xmlChar**) {
    auto* self = static_cast<Libxml2SaxCount*>(self_ptr);
    const std::string_view n = name_of(name);
    if (n == "DETECTION")
      ++self->tally_.detections;
    else if (n == "HOST")
      ++self->tally_.hosts;
    else if (n == "QID")
      self->in_qid_ = true, self->qid_.clear();
  }
  static void end(void* self_ptr, const xmlChar* name, const xmlChar*, const xmlChar*) {
    auto* self = static_cast<Libxml2SaxCount*>(self_ptr);
    if (self->in_qid_ && name_of(name) == "QID") {
      self->tally_.qid_sum += digits_value(self->qid_);
      self->in_qid_ = false;
    }
  }
  static void text(void* self_ptr, const xmlChar* s, int len) {
    auto* self = static_cast<Libxml2SaxCount*>(self_ptr);
    if (self->in_qid_)
      self->qid_.append(reinterpret_cast<const char*>(s), static_cast<size_t>(len));
  }

  xmlSAXHandler sax_;
  xmlParserCtxtPtr ctxt_;
  Tally tally_;
  bool in_qid_ = false;
  std::string qid_;
  std::string error_;
};

}  // namespace qvm::bench
