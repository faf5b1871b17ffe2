// `qvm detections`: host list detection, every page, a detection per row.
#include "commands.hpp"
#include "connection_flags.hpp"
#include "detection_flags.hpp"
#include "host_flags.hpp"
#include "output_target.hpp"
#include "qvm/record_rows.hpp"
#include "run_summary.hpp"

namespace qvm::cli {
namespace {

struct DetectionsOptions {
  ConnectionFlags connection;
  HostFlags hosts;
  DetectionFlags filters;
  OutputOptions output;
};

Status run_detections(const DetectionsOptions& o) {
  RunSummary summary;
  DetectionQuery query;
  auto selection = host_selection(o.hosts);
  if (!selection) return std::unexpected(selection.error());
  query.hosts = *selection;
  if (auto s = apply_detection_flags(o.filters, query); !s) return s;
  auto target = OutputTarget::open(o.output);
  if (!target) return std::unexpected(target.error());
  auto connection = connect(o.connection);
  if (!connection) return std::unexpected(connection.error());

  RowWriter& writer = (*target)->writer();
  if (auto s = writer.begin(detection_columns()); !s) return s;
  std::vector<FieldValue> row;
  std::uint64_t hosts = 0, detections = 0;
  auto status = connection->client->detections(query, {.detection =
                                                           [&](const Host& h, const Detection& d) {
                                                             ++detections;
                                                             detection_row(h, d, row);
                                                             return writer.take_row(row);
                                                           },
                                                       .host_end =
                                                           [&](const Host&, size_t) {
                                                             ++hosts;
                                                             return Status{};
                                                           }});
  if (!status) return status;
  if (auto s = (*target)->commit(); !s) return s;
  summary.print(*connection->client,
                with_commas(hosts) + " hosts, " + with_commas(detections) + " detections");
  return {};
}

}  // namespace

void add_detections_command(CLI::App& app, Action& action) {
  auto o = std::make_shared<DetectionsOptions>();
  CLI::App* cmd =
      app.add_subcommand("detections", "List detections (host list detection API), every page");
  cmd->footer(
      "Examples:\n"
      "  qvm detections --demo --ips 10.0.0.0/24 --severities 4-5\n"
      "  qvm detections --platform US1 --all --format ndjson -o detections.ndjson");
  add_host_flags(*cmd, o->hosts);
  add_detection_flags(*cmd, o->filters);
  add_output_options(*cmd, o->output);
  add_connection_flags(*cmd, o->connection);
  cmd->callback([&action, o] { action = [o] { return run_detections(*o); }; });
}

}  // namespace qvm::cli
