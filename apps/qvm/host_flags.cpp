// Host selector flags → a validated HostSelection.
#include "host_flags.hpp"

#include <fstream>

namespace qvm::cli {
namespace {

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string item =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    size_t first = item.find_first_not_of(" \t");
    if (first != std::string::npos) {
      out.push_back(item.substr(first, item.find_last_not_of(" \t") - first + 1));
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

void add_host_flags(CLI::App& command, HostFlags& flags) {
  command
      .add_option("--ips", flags.ips, "IPs, ranges a-b and CIDR blocks, comma-separated, or @FILE")
      ->group("Hosts");
  command.add_option("--ipv6", flags.ipv6, "IPv6 addresses, comma-separated, or @FILE")
      ->group("Hosts");
  command.add_option("--ids", flags.ids, "host IDs and ranges a-b, or @FILE")->group("Hosts");
  command.add_option("--ag-ids", flags.ag_ids, "asset group IDs and ranges")->group("Hosts");
  command.add_option("--ag-titles", flags.ag_titles, "asset group titles, comma-separated")
      ->group("Hosts");
  command.add_option("--tags", flags.tags, "hosts with any of these tag names, comma-separated")
      ->group("Hosts");
  command.add_flag("--all", flags.all, "every host of the subscription")->group("Hosts");
}

Result<std::string> expand_at_file(const std::string& value, const std::string& option) {
  if (value.empty() || value[0] != '@') return value;
  std::string path = value.substr(1);
  std::ifstream in(path);
  if (!in) {
    return make_error(ErrorKind::kUsage, option + ": cannot read '" + path + "'",
                      "give a file with one entry per line");
  }
  std::string joined, line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    if (!joined.empty()) joined += ',';
    joined += line.substr(first);
  }
  if (joined.empty()) return make_error(ErrorKind::kUsage, option + ": '" + path + "' is empty");
  return joined;
}

Result<HostSelection> host_selection(const HostFlags& flags) {
  HostSelection selection;
  bool any = false;
  if (!flags.ips.empty()) {
    auto text = expand_at_file(flags.ips, "--ips");
    if (!text) return std::unexpected(text.error());
    auto ranges = parse_ipv4_ranges(*text);
    if (!ranges) return std::unexpected(ranges.error());
    selection.ips = *ranges;
    any = true;
  }
  if (!flags.ipv6.empty()) {
    auto text = expand_at_file(flags.ipv6, "--ipv6");
    if (!text) return std::unexpected(text.error());
    auto list = parse_ipv6_list(*text);
    if (!list) return std::unexpected(list.error());
    selection.ipv6 = *list;
    any = true;
  }
  if (!flags.ids.empty()) {
    auto text = expand_at_file(flags.ids, "--ids");
    if (!text) return std::unexpected(text.error());
    auto ids = parse_id_ranges(*text, "host ID");
    if (!ids) return std::unexpected(ids.error());
    selection.ids = *ids;
    any = true;
  }
  if (!flags.ag_ids.empty()) {
    auto ids = parse_id_ranges(flags.ag_ids, "asset group ID");
    if (!ids) return std::unexpected(ids.error());
    selection.ag_ids = *ids;
    any = true;
  }
  if (!flags.ag_titles.empty()) {
    selection.ag_titles = split_list(flags.ag_titles);
    any = true;
  }
  if (!flags.tags.empty()) {
    selection.tags = split_list(flags.tags);
    any = true;
  }
  if (!any && !flags.all) {
    return make_error(ErrorKind::kUsage, "no hosts selected",
                      "give --ips, --ipv6, --ids, --ag-ids, --ag-titles or --tags, or --all for "
                      "every host");
  }
  if (any && flags.all) {
    return make_error(ErrorKind::kUsage, "--all cannot be combined with other host selectors");
  }
  return selection;
}

}  // namespace qvm::cli
