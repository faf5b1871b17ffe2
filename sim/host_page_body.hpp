// The body of a host-paged VM list (host list, host list detection): prolog, RESPONSE/DATETIME,
// one record per matching host with keep-alive comments, the truncation WARNING carrying the
// next id_min, and the epilogue — streamed in flushes of kFlushBytes. A concrete body says which
// hosts match and how one is written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "body_source.hpp"
#include "endpoints.hpp"
#include "host_filter.hpp"
#include "params.hpp"
#include "vm_document.hpp"
#include "xml_writer.hpp"

namespace qvm::sim {

class HostPageBody : public BodySource {
 public:
  // `limit` is the page size in hosts (0: unlimited).
  HostPageBody(const RequestContext& ctx, std::string_view root, std::uint64_t limit,
               const HostFilter& filter)
      : options_(ctx.options),
        data_(ctx.data),
        params_(ctx.params),
        next_url_(ctx.next_url),
        root_(root),
        limit_(limit),
        cursor_(data_, filter) {}

  bool next(std::string& out) final;

 protected:
  // The index of the next host (from cursor()) that belongs in the body, if any.
  virtual std::optional<std::uint64_t> next_match() = 0;
  // HOST_LIST, or ID_SET for host-list IDs.
  virtual std::string_view list_element() const = 0;
  // Writes the host found by the last next_match().
  virtual void write_record(XmlWriter& w, std::uint64_t index) = 0;

  HostCursor& cursor() { return cursor_; }
  const DataView& data() const { return data_; }

 private:
  bool finish(std::string& out);

  const Options& options_;
  DataView data_;
  Params params_;
  std::string next_url_;
  std::string_view root_;
  std::uint64_t limit_;
  HostCursor cursor_;
  std::uint64_t emitted_ = 0;
  std::optional<std::uint64_t> pending_warning_id_;
  bool started_ = false;
};

}  // namespace qvm::sim
