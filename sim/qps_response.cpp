// ServiceResponse documents of QPS host assets.
#include "qps_response.hpp"

#include <fmt/format.h>

#include "endpoints.hpp"
#include "host_asset_xml.hpp"
#include "xml_writer.hpp"

namespace qvm::sim {
namespace {

std::string response_head(const Options& o) {
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ServiceResponse "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:noNamespaceSchemaLocation=\"https://{}/qps/xsd/2.0/am/hostasset.xsd\">",
      o.platform_host);
}

// Streams the matching assets of one page: they are generated one at a time.
class HostAssetPageBody final : public BodySource {
 public:
  HostAssetPageBody(const Options& o, DataView data, std::vector<std::uint64_t> page, bool more)
      : options_(o), data_(std::move(data)), page_(std::move(page)), more_(more) {}

  bool next(std::string& out) override {
    if (!started_) {
      started_ = true;
      out += response_head(options_);
      XmlWriter w(out, 1);
      w.text("responseCode", "SUCCESS");
      w.text("count", static_cast<std::int64_t>(page_.size()));
      if (page_.empty()) return finish(out);
      w.text("hasMoreRecords", more_ ? "true" : "false");
      if (more_) w.text("lastId", static_cast<std::int64_t>(data_.asset_id(page_.back())));
      w.open("data");
    }
    while (out.size() < kFlushBytes && next_ < page_.size()) {
      XmlWriter w(out, 2);
      write_host_asset(w, data_.host_asset(page_[next_++]));
    }
    if (next_ < page_.size()) return true;
    XmlWriter(out, 2).close("data");
    return finish(out);
  }

 private:
  bool finish(std::string& out) {
    out += "\n</ServiceResponse>";
    return false;
  }

  const Options& options_;
  DataView data_;
  std::vector<std::uint64_t> page_;
  bool more_;
  size_t next_ = 0;
  bool started_ = false;
};

}  // namespace

std::string qps_error_document(const Options& o, std::string_view response_code,
                               std::string_view message, std::string_view resolution) {
  std::string out = response_head(o);
  XmlWriter w(out, 1);
  w.text("responseCode", response_code);
  w.open("responseErrorDetails");
  w.text("errorMessage", message);
  if (!resolution.empty()) w.text("errorResolution", resolution);
  w.close("responseErrorDetails");
  out += "\n</ServiceResponse>";
  return out;
}

std::string qps_count_document(const Options& o, std::uint64_t count) {
  std::string out = response_head(o);
  XmlWriter w(out, 1);
  w.text("responseCode", "SUCCESS");
  w.text("count", static_cast<std::int64_t>(count));
  out += "\n</ServiceResponse>";
  return out;
}

std::unique_ptr<BodySource> host_asset_page_body(const Options& o, DataView data,
                                                 std::vector<std::uint64_t> page, bool more) {
  return std::make_unique<HostAssetPageBody>(o, std::move(data), std::move(page), more);
}

}  // namespace qvm::sim
