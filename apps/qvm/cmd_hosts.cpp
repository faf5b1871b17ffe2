// `qvm hosts`: the host list, every page, as rows.
#include "commands.hpp"
#include "connection_flags.hpp"
#include "host_flags.hpp"
#include "output_target.hpp"
#include "qvm/record_rows.hpp"
#include "run_summary.hpp"

namespace qvm::cli {
namespace {

struct HostsOptions {
  ConnectionFlags connection;
  HostFlags hosts;
  OutputOptions output;
  std::string details = "All";
  bool ids_only = false;
};

Status run_hosts(const HostsOptions& o) {
  RunSummary summary;
  auto selection = host_selection(o.hosts);
  if (!selection) return std::unexpected(selection.error());
  auto target = OutputTarget::open(o.output);
  if (!target) return std::unexpected(target.error());
  auto connection = connect(o.connection);
  if (!connection) return std::unexpected(connection.error());

  RowWriter& writer = (*target)->writer();
  HostListQuery query;
  query.hosts = *selection;
  query.details = o.ids_only ? "None" : o.details;
  if (o.ids_only) query.truncation_limit = 0;
  query.show_asset_id = true;
  query.show_tags = !o.ids_only;
  std::vector<FieldValue> row;
  std::uint64_t hosts = 0;
  static const std::vector<std::string> kIdColumns = {"id_first", "id_last"};
  if (auto s = writer.begin(o.ids_only ? kIdColumns : host_columns()); !s) return s;
  auto status = connection->client->hosts(query, {.host =
                                                      [&](const Host& h) {
                                                        ++hosts;
                                                        host_row(h, row);
                                                        return writer.take_row(row);
                                                      },
                                                  .id =
                                                      [&](const IdRange& r) {
                                                        hosts += r.last - r.first + 1;
                                                        row = {r.first, r.last};
                                                        return writer.take_row(row);
                                                      }});
  if (!status) return status;
  if (auto s = (*target)->commit(); !s) return s;
  summary.print(*connection->client, with_commas(hosts) + " hosts");
  return {};
}

}  // namespace

void add_hosts_command(CLI::App& app, Action& action) {
  auto o = std::make_shared<HostsOptions>();
  CLI::App* cmd = app.add_subcommand("hosts", "List hosts (host list API), every page");
  cmd->footer(
      "Examples:\n"
      "  qvm hosts --demo --ips 10.0.0.0/24\n"
      "  qvm hosts --platform US2 --all --format csv -o hosts.csv\n"
      "  qvm hosts --url https://qualysapi.example --ids 1000-2000 --ids-only");
  add_host_flags(*cmd, o->hosts);
  cmd->add_option("--details", o->details, "Basic, Basic/AGs, All or All/AGs")
      ->check(CLI::IsMember({"Basic", "Basic/AGs", "All", "All/AGs"}))
      ->default_val("All");
  cmd->add_flag("--ids-only", o->ids_only, "only host IDs, as ranges (details=None, one call)");
  add_output_options(*cmd, o->output);
  add_connection_flags(*cmd, o->connection);
  cmd->callback([&action, o] { action = [o] { return run_hosts(*o); }; });
}

}  // namespace qvm::cli
