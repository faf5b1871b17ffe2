// `qvm assets`: QPS host assets. --ips goes through the host list (IP → host ID = qwebHostId),
// since QPS does not take IP ranges; IDs go straight to a qwebHostId search.
#include "commands.hpp"
#include "connection_flags.hpp"
#include "host_flags.hpp"
#include "output_target.hpp"
#include "qvm/record_rows.hpp"
#include "run_summary.hpp"

namespace qvm::cli {
namespace {

// QPS IN lists are sent in batches of this many IDs.
constexpr size_t kIdsPerSearch = 500;

struct AssetsOptions {
  ConnectionFlags connection;
  HostFlags hosts;
  OutputOptions output;
  std::string name_contains;
};

Status run_assets(const AssetsOptions& o) {
  RunSummary summary;
  auto selection = host_selection(o.hosts);
  if (!selection) return std::unexpected(selection.error());
  auto target = OutputTarget::open(o.output);
  if (!target) return std::unexpected(target.error());
  auto connection = connect(o.connection);
  if (!connection) return std::unexpected(connection.error());
  Client& client = *connection->client;

  // The VM host IDs the selection stands for: one details=None host list call.
  std::vector<std::uint64_t> host_ids;
  bool everything = o.hosts.all;
  if (!everything) {
    HostListQuery ids_query;
    ids_query.hosts = *selection;
    ids_query.details = "None";
    ids_query.truncation_limit = 0;
    auto status = client.hosts(ids_query, {.host = nullptr, .id = [&](const IdRange& r) {
                                             for (auto id = r.first; id <= r.last; ++id) {
                                               host_ids.push_back(id);
                                             }
                                             return Status{};
                                           }});
    if (!status) return status;
  }

  RowWriter& writer = (*target)->writer();
  if (auto s = writer.begin(host_asset_columns()); !s) return s;
  std::vector<FieldValue> row;
  std::uint64_t assets = 0;
  auto write = [&](const HostAsset& a) {
    ++assets;
    host_asset_row(a, row);
    return writer.take_row(row);
  };
  auto search = [&](std::vector<QpsCriterion> criteria) {
    if (!o.name_contains.empty()) criteria.push_back({"name", "CONTAINS", o.name_contains});
    HostAssetQuery query;
    query.criteria = std::move(criteria);
    query.limit_results = 1000;
    return client.host_assets(query, write);
  };
  if (everything) {
    if (auto s = search({}); !s) return s;
  }
  for (size_t i = 0; i < host_ids.size(); i += kIdsPerSearch) {
    std::string list;
    for (size_t j = i; j < std::min(host_ids.size(), i + kIdsPerSearch); ++j) {
      if (!list.empty()) list += ',';
      list += std::to_string(host_ids[j]);
    }
    if (auto s = search({{"qwebHostId", "IN", list}}); !s) return s;
  }
  if (auto s = (*target)->commit(); !s) return s;
  summary.print(client, with_commas(assets) + " host assets");
  return {};
}

}  // namespace

void add_assets_command(CLI::App& app, Action& action) {
  auto o = std::make_shared<AssetsOptions>();
  CLI::App* cmd = app.add_subcommand("assets", "List QPS host assets (software, ports, agent)");
  cmd->footer(
      "Hosts given by --ips, --ids, asset groups or tags are resolved with one host list call\n"
      "to host IDs, then searched in QPS by qwebHostId (batches of 500).\n\n"
      "Examples:\n"
      "  qvm assets --demo --ips 10.0.0.1-10.0.0.20\n"
      "  qvm assets --platform US3 --all --name-contains web");
  add_host_flags(*cmd, o->hosts);
  cmd->add_option("--name-contains", o->name_contains, "only assets whose name contains TEXT");
  add_output_options(*cmd, o->output);
  add_connection_flags(*cmd, o->connection);
  cmd->callback([&action, o] { action = [o] { return run_assets(*o); }; });
}

}  // namespace qvm::cli
