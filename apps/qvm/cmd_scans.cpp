// `qvm scans`: the VM scan list.
#include "commands.hpp"
#include "connection_flags.hpp"
#include "output_target.hpp"
#include "qvm/record_rows.hpp"
#include "run_summary.hpp"

namespace qvm::cli {
namespace {

struct ScansOptions {
  ConnectionFlags connection;
  OutputOptions output;
  std::string state;
  std::string since;
};

Status run_scans(const ScansOptions& o) {
  RunSummary summary;
  ScanQuery query;
  if (!o.state.empty()) query.state = o.state;
  if (!o.since.empty()) {
    auto t = parse_date_option(o.since, "--since");
    if (!t) return std::unexpected(t.error());
    query.launched_after = *t;
  }
  auto target = OutputTarget::open(o.output);
  if (!target) return std::unexpected(target.error());
  auto connection = connect(o.connection);
  if (!connection) return std::unexpected(connection.error());
  RowWriter& writer = (*target)->writer();
  if (auto s = writer.begin(scan_columns()); !s) return s;
  std::vector<FieldValue> row;
  std::uint64_t scans = 0;
  auto status = connection->client->scans(query, [&](const Scan& s) {
    ++scans;
    scan_row(s, row);
    return writer.take_row(row);
  });
  if (!status) return status;
  if (auto s = (*target)->commit(); !s) return s;
  summary.print(*connection->client, with_commas(scans) + " scans");
  return {};
}

}  // namespace

void add_scans_command(CLI::App& app, Action& action) {
  auto o = std::make_shared<ScansOptions>();
  CLI::App* cmd = app.add_subcommand("scans", "List VM scans (by default the last 30 days)");
  cmd->footer("Examples:\n  qvm scans --demo\n  qvm scans --platform US1 --state Finished");
  cmd->add_option("--state", o->state, "Running, Paused, Canceled, Finished, Error, Queued, …");
  cmd->add_option("--since", o->since, "scans launched after DATE (UTC)");
  add_output_options(*cmd, o->output);
  add_connection_flags(*cmd, o->connection);
  cmd->callback([&action, o] { action = [o] { return run_scans(*o); }; });
}

}  // namespace qvm::cli
