// `qvm kb`: KnowledgeBase vulns, by QID or changed since a date.
#include "commands.hpp"
#include "connection_flags.hpp"
#include "output_target.hpp"
#include "qvm/record_rows.hpp"
#include "run_summary.hpp"

namespace qvm::cli {
namespace {

struct KbOptions {
  ConnectionFlags connection;
  OutputOptions output;
  std::string qids;
  std::string modified_since;
  std::string published_since;
  bool all = false;
  std::string details = "All";
};

Status run_kb(const KbOptions& o) {
  RunSummary summary;
  KnowledgeBaseQuery query;
  query.details = o.details;
  if (!o.qids.empty()) {
    auto ids = parse_id_ranges(o.qids, "QID");
    if (!ids) return std::unexpected(ids.error());
    query.ids = *ids;
  }
  if (!o.modified_since.empty()) {
    auto t = parse_date_option(o.modified_since, "--modified-since");
    if (!t) return std::unexpected(t.error());
    query.last_modified_after = *t;
  }
  if (!o.published_since.empty()) {
    auto t = parse_date_option(o.published_since, "--published-since");
    if (!t) return std::unexpected(t.error());
    query.published_after = *t;
  }
  if (query.ids.empty() && !query.last_modified_after && !query.published_after && !o.all) {
    return make_error(ErrorKind::kUsage, "no vulns selected",
                      "give --qids, --modified-since or --published-since, or --all for the "
                      "whole KnowledgeBase");
  }
  auto target = OutputTarget::open(o.output);
  if (!target) return std::unexpected(target.error());
  auto connection = connect(o.connection);
  if (!connection) return std::unexpected(connection.error());
  RowWriter& writer = (*target)->writer();
  if (auto s = writer.begin(vuln_columns()); !s) return s;
  std::vector<FieldValue> row;
  std::uint64_t vulns = 0;
  auto status = connection->client->knowledge_base(query, {.vuln =
                                                               [&](const Vuln& v) {
                                                                 ++vulns;
                                                                 vuln_row(v, row);
                                                                 return writer.take_row(row);
                                                               },
                                                           .id = nullptr});
  if (!status) return status;
  if (auto s = (*target)->commit(); !s) return s;
  summary.print(*connection->client, with_commas(vulns) + " vulns");
  return {};
}

}  // namespace

void add_kb_command(CLI::App& app, Action& action) {
  auto o = std::make_shared<KbOptions>();
  CLI::App* cmd = app.add_subcommand("kb", "List KnowledgeBase vulns");
  cmd->footer(
      "Examples:\n"
      "  qvm kb --demo --qids 38170,11000-11100\n"
      "  qvm kb --platform EU1 --modified-since 2024-06-01 --format json");
  cmd->add_option("--qids", o->qids, "QIDs and ranges (sent in batches, POSTed)");
  cmd->add_option("--modified-since", o->modified_since, "vulns modified after DATE (UTC)");
  cmd->add_option("--published-since", o->published_since, "vulns published after DATE (UTC)");
  cmd->add_flag("--all", o->all, "the whole KnowledgeBase (large)");
  cmd->add_option("--details", o->details, "Basic or All")
      ->check(CLI::IsMember({"Basic", "All"}))
      ->default_val("All");
  add_output_options(*cmd, o->output);
  add_connection_flags(*cmd, o->connection);
  cmd->callback([&action, o] { action = [o] { return run_kb(*o); }; });
}

}  // namespace qvm::cli
