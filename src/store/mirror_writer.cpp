// The INSERT side of the mirror: one prepared statement per table, rebound for every record.
#include "store/mirror_writer.hpp"

#include "qvm/selectors.hpp"

namespace qvm::store {
namespace {

constexpr const char* kUpsertHost = R"sql(
INSERT OR REPLACE INTO hosts (id, asset_id, ip, ip_num, ipv6, trurisk_score,
  asset_criticality_score, tracking_method, network_id, os, os_cpe, dns, dns_hostname,
  dns_domain, dns_fqdn, cloud_provider, cloud_service, cloud_resource_id, ec2_instance_id,
  netbios, qg_hostid, last_boot, serial_number, hardware_uuid, first_found_date, last_activity,
  agent_status, cloud_agent_running_on, last_vuln_scan_datetime, last_scan_datetime,
  last_vm_scanned_date, last_vm_scanned_duration, last_vm_auth_scanned_date,
  last_vm_auth_scanned_duration, last_pc_scanned_date, last_compliance_scan_datetime,
  last_scap_scan_datetime, owner, comments, seen_run)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
  ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29,
  COALESCE(?30, (SELECT last_scan_datetime FROM hosts WHERE id = ?1)), ?31, ?32, ?33, ?34,
  COALESCE(?35, (SELECT last_pc_scanned_date FROM hosts WHERE id = ?1)), ?36, ?37, ?38, ?39,
  ?40)
)sql";

constexpr const char* kInsertDetection = R"sql(
INSERT INTO detections (host_id, seq, unique_vuln_id, qid, type, severity, port, protocol, fqdn,
  ssl, instance, status, first_found_datetime, last_found_datetime, qds, qds_severity,
  times_found, last_test_datetime, last_update_datetime, last_fixed_datetime,
  first_reopened_datetime, last_reopened_datetime, times_reopened, service, is_ignored,
  is_disabled, affect_running_kernel, affect_running_service, affect_exploitable_config,
  last_processed_datetime, asset_cve, results)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
  ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32)
)sql";

constexpr const char* kUpsertVuln = R"sql(
INSERT OR REPLACE INTO kb_vulns (qid, vuln_type, severity_level, title, category,
  detection_info, last_customization_datetime, last_customization_user,
  last_service_modification_datetime, published_datetime, patchable, diagnosis,
  diagnosis_comment, consequence, consequence_comment, solution, solution_comment, cvss_base,
  cvss_base_source, cvss_temporal, cvss_vector, cvss3_base, cvss3_temporal, cvss3_vector,
  cvss3_version, pci_flag, automatic_pci_fail, supported_modules, is_disabled, discovery_remote,
  discovery_additional_info)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
  ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)
)sql";

constexpr const char* kKbChildren[] = {"kb_cves",         "kb_bugtraq",  "kb_vendor_refs",
                                       "kb_threat_intel", "kb_software", "kb_pci_reasons"};

// hosts.ip_num: the IPv4 address as an integer, so that IP ranges are index range scans.
std::optional<std::int64_t> ip_number(const Host& h) {
  if (!h.ip) return std::nullopt;
  auto n = parse_ipv4(*h.ip);
  return n ? std::optional<std::int64_t>(*n) : std::nullopt;
}

template <class T, class M>
std::optional<M> member(const std::optional<T>& outer, std::optional<M> T::*field) {
  return outer ? (*outer).*field : std::nullopt;
}

}  // namespace

Result<MirrorWriter> MirrorWriter::prepare(const Connection& db) {
  MirrorWriter w;
  auto prep = [&](Statement& out, std::string_view sql) -> Status {
    auto s = Statement::prepare(db, sql);
    if (!s) return std::unexpected(s.error());
    out = std::move(*s);
    return {};
  };
  const std::pair<Statement*, const char*> all[] = {
      {&w.host_, kUpsertHost},
      {&w.host_tags_delete_, "DELETE FROM host_tags WHERE host_id = ?"},
      {&w.host_tag_,
       "INSERT INTO host_tags (host_id, seq, tag_id, name, color, background_color) "
       "VALUES (?, ?, ?, ?, ?, ?)"},
      {&w.ags_delete_, "DELETE FROM asset_groups WHERE host_id = ?"},
      {&w.ag_, "INSERT OR IGNORE INTO asset_groups (host_id, asset_group_id) VALUES (?, ?)"},
      {&w.detections_delete_, "DELETE FROM detections WHERE host_id = ?"},
      {&w.detection_, kInsertDetection},
      {&w.host_hld_update_,
       "UPDATE hosts SET last_scan_datetime = ?2, last_pc_scanned_date = ?3, seen_run = ?4 "
       "WHERE id = ?1"},
      {&w.host_hld_insert_,
       "INSERT OR IGNORE INTO hosts (id, asset_id, ip, ip_num, ipv6, tracking_method, "
       "network_id, os, dns, netbios, qg_hostid, last_scan_datetime, last_vm_scanned_date, "
       "last_vm_auth_scanned_date, last_pc_scanned_date, seen_run) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"},
      {&w.vuln_, kUpsertVuln},
      {&w.cve_, "INSERT INTO kb_cves (qid, seq, cve_id, url) VALUES (?, ?, ?, ?)"},
      {&w.bugtraq_, "INSERT INTO kb_bugtraq (qid, seq, bugtraq_id, url) VALUES (?, ?, ?, ?)"},
      {&w.vendor_ref_,
       "INSERT INTO kb_vendor_refs (qid, seq, vendor_ref_id, url) VALUES (?, ?, ?, ?)"},
      {&w.threat_, "INSERT INTO kb_threat_intel (qid, seq, threat_id, text) VALUES (?, ?, ?, ?)"},
      {&w.software_, "INSERT INTO kb_software (qid, seq, product, vendor) VALUES (?, ?, ?, ?)"},
      {&w.pci_reason_, "INSERT INTO kb_pci_reasons (qid, seq, reason) VALUES (?, ?, ?)"},
  };
  for (const auto& [statement, sql] : all) {
    if (auto s = prep(*statement, sql); !s) return std::unexpected(s.error());
  }
  for (const char* table : kKbChildren) {
    Statement s;
    if (auto p = prep(s, std::string("DELETE FROM ") + table + " WHERE qid = ?"); !p) {
      return std::unexpected(p.error());
    }
    w.kb_child_delete_.push_back(std::move(s));
  }
  return w;
}

Status MirrorWriter::upsert_host(const Host& h, std::int64_t run) {
  Statement& s = host_;
  s.bind(1, h.id);
  s.bind(2, h.asset_id);
  s.bind(3, h.ip);
  s.bind(4, ip_number(h));
  s.bind(5, h.ipv6);
  s.bind(6, h.trurisk_score);
  s.bind(7, h.asset_criticality_score);
  s.bind(8, h.tracking_method);
  s.bind(9, h.network_id);
  s.bind(10, h.os);
  s.bind(11, h.os_cpe);
  s.bind(12, h.dns);
  s.bind(13, member(h.dns_data, &DnsData::hostname));
  s.bind(14, member(h.dns_data, &DnsData::domain));
  s.bind(15, member(h.dns_data, &DnsData::fqdn));
  s.bind(16, h.cloud_provider);
  s.bind(17, h.cloud_service);
  s.bind(18, h.cloud_resource_id);
  s.bind(19, h.ec2_instance_id);
  s.bind(20, h.netbios);
  s.bind(21, h.qg_hostid);
  s.bind(22, h.last_boot);
  s.bind(23, h.serial_number);
  s.bind(24, h.hardware_uuid);
  s.bind(25, h.first_found_date);
  s.bind(26, h.last_activity);
  s.bind(27, h.agent_status);
  s.bind(28, h.cloud_agent_running_on);
  s.bind(29, h.last_vuln_scan_datetime);
  s.bind(30, h.last_scan_datetime);
  s.bind(31, h.last_vm_scanned_date);
  s.bind(32, h.last_vm_scanned_duration);
  s.bind(33, h.last_vm_auth_scanned_date);
  s.bind(34, h.last_vm_auth_scanned_duration);
  s.bind(35, h.last_pc_scanned_date);
  s.bind(36, h.last_compliance_scan_datetime);
  s.bind(37, h.last_scap_scan_datetime);
  s.bind(38, h.owner);
  s.bind(39, h.comments);
  s.bind(40, run);
  if (auto r = s.run(); !r) return r;

  if (!fresh_load_) {
    host_tags_delete_.bind(1, h.id);
    if (auto r = host_tags_delete_.run(); !r) return r;
  }
  for (size_t i = 0; i < h.tags.size(); ++i) {
    const HostTag& t = h.tags[i];
    host_tag_.bind(1, h.id);
    host_tag_.bind(2, static_cast<std::int64_t>(i));
    host_tag_.bind(3, t.tag_id);
    host_tag_.bind(4, t.name);
    host_tag_.bind(5, t.color);
    host_tag_.bind(6, t.background_color);
    if (auto r = host_tag_.run(); !r) return r;
  }
  if (!fresh_load_) {
    ags_delete_.bind(1, h.id);
    if (auto r = ags_delete_.run(); !r) return r;
  }
  for (auto ag : h.asset_group_ids) {
    ag_.bind(1, h.id);
    ag_.bind(2, ag);
    if (auto r = ag_.run(); !r) return r;
  }
  return {};
}

Status MirrorWriter::replace_detections(const Host& h, const std::vector<Detection>& detections,
                                        std::int64_t run) {
  host_hld_update_.bind(1, h.id);
  host_hld_update_.bind(2, h.last_scan_datetime);
  host_hld_update_.bind(3, h.last_pc_scanned_date);
  host_hld_update_.bind(4, run);
  if (auto r = host_hld_update_.run(); !r) return r;
  if (sqlite3_changes(sqlite3_db_handle(host_hld_update_.get())) == 0) {
    // A host that appeared between the host list call and this one.
    Statement& s = host_hld_insert_;
    s.bind(1, h.id);
    s.bind(2, h.asset_id);
    s.bind(3, h.ip);
    s.bind(4, ip_number(h));
    s.bind(5, h.ipv6);
    s.bind(6, h.tracking_method);
    s.bind(7, h.network_id);
    s.bind(8, h.os);
    s.bind(9, h.dns);
    s.bind(10, h.netbios);
    s.bind(11, h.qg_hostid);
    s.bind(12, h.last_scan_datetime);
    s.bind(13, h.last_vm_scanned_date);
    s.bind(14, h.last_vm_auth_scanned_date);
    s.bind(15, h.last_pc_scanned_date);
    s.bind(16, run);
    if (auto r = s.run(); !r) return r;
  }

  if (!fresh_load_) {
    detections_delete_.bind(1, h.id);
    if (auto r = detections_delete_.run(); !r) return r;
  }
  Statement& s = detection_;
  for (size_t i = 0; i < detections.size(); ++i) {
    const Detection& d = detections[i];
    s.bind(1, h.id);
    s.bind(2, static_cast<std::int64_t>(i));
    s.bind(3, d.unique_vuln_id);
    s.bind(4, d.qid);
    s.bind_borrowed(5, d.type);
    s.bind(6, d.severity);
    s.bind(7, d.port);
    s.bind_borrowed(8, d.protocol);
    s.bind_borrowed(9, d.fqdn);
    s.bind(10, d.ssl);
    s.bind_borrowed(11, d.instance);
    s.bind_borrowed(12, d.status);
    s.bind(13, d.first_found_datetime);
    s.bind(14, d.last_found_datetime);
    if (d.qds) {
      s.bind(15, d.qds->score);
      s.bind_borrowed(16, d.qds->severity);
    } else {
      s.bind_null(15);
      s.bind_null(16);
    }
    s.bind(17, d.times_found);
    s.bind(18, d.last_test_datetime);
    s.bind(19, d.last_update_datetime);
    s.bind(20, d.last_fixed_datetime);
    s.bind(21, d.first_reopened_datetime);
    s.bind(22, d.last_reopened_datetime);
    s.bind(23, d.times_reopened);
    s.bind_borrowed(24, d.service);
    s.bind(25, d.is_ignored);
    s.bind(26, d.is_disabled);
    s.bind(27, d.affect_running_kernel);
    s.bind(28, d.affect_running_service);
    s.bind(29, d.affect_exploitable_config);
    s.bind(30, d.last_processed_datetime);
    s.bind_borrowed(31, d.asset_cve);
    s.bind_borrowed(32, d.results);
    if (auto r = s.run(); !r) return r;
  }
  return {};
}

Status MirrorWriter::upsert_vuln(const Vuln& v) {
  Statement& s = vuln_;
  s.bind(1, v.qid);
  s.bind(2, v.vuln_type);
  s.bind(3, v.severity_level);
  s.bind(4, v.title);
  s.bind(5, v.category);
  s.bind(6, v.detection_info);
  s.bind(7, member(v.last_customization, &LastCustomization::datetime));
  s.bind(8, member(v.last_customization, &LastCustomization::user_login));
  s.bind(9, v.last_service_modification_datetime);
  s.bind(10, v.published_datetime);
  s.bind(11, v.patchable);
  s.bind(12, v.diagnosis);
  s.bind(13, v.diagnosis_comment);
  s.bind(14, v.consequence);
  s.bind(15, v.consequence_comment);
  s.bind(16, v.solution);
  s.bind(17, v.solution_comment);
  s.bind(18, member(v.cvss, &Cvss::base));
  s.bind(19, member(v.cvss, &Cvss::base_source));
  s.bind(20, member(v.cvss, &Cvss::temporal));
  s.bind(21, member(v.cvss, &Cvss::vector_string));
  s.bind(22, member(v.cvss_v3, &Cvss::base));
  s.bind(23, member(v.cvss_v3, &Cvss::temporal));
  s.bind(24, member(v.cvss_v3, &Cvss::vector_string));
  s.bind(25, member(v.cvss_v3, &Cvss::cvss3_version));
  s.bind(26, v.pci_flag);
  s.bind(27, v.automatic_pci_fail);
  s.bind(28, v.supported_modules);
  s.bind(29, v.is_disabled);
  s.bind(30, member(v.discovery, &Discovery::remote));
  s.bind(31, member(v.discovery, &Discovery::additional_info));
  if (auto r = s.run(); !r) return r;

  for (auto& del : kb_child_delete_) {
    del.bind(1, v.qid);
    if (auto r = del.run(); !r) return r;
  }
  auto references = [&](Statement& st, const std::vector<Reference>& refs) -> Status {
    for (size_t i = 0; i < refs.size(); ++i) {
      st.bind(1, v.qid);
      st.bind(2, static_cast<std::int64_t>(i));
      st.bind(3, refs[i].id);
      st.bind(4, refs[i].url);
      if (auto r = st.run(); !r) return r;
    }
    return {};
  };
  if (auto r = references(cve_, v.cve_list); !r) return r;
  if (auto r = references(bugtraq_, v.bugtraq_list); !r) return r;
  if (auto r = references(vendor_ref_, v.vendor_reference_list); !r) return r;
  for (size_t i = 0; i < v.threat_intelligence.size(); ++i) {
    threat_.bind(1, v.qid);
    threat_.bind(2, static_cast<std::int64_t>(i));
    threat_.bind(3, v.threat_intelligence[i].id);
    threat_.bind(4, v.threat_intelligence[i].text);
    if (auto r = threat_.run(); !r) return r;
  }
  for (size_t i = 0; i < v.software_list.size(); ++i) {
    software_.bind(1, v.qid);
    software_.bind(2, static_cast<std::int64_t>(i));
    software_.bind(3, v.software_list[i].product);
    software_.bind(4, v.software_list[i].vendor);
    if (auto r = software_.run(); !r) return r;
  }
  for (size_t i = 0; i < v.pci_reasons.size(); ++i) {
    pci_reason_.bind(1, v.qid);
    pci_reason_.bind(2, static_cast<std::int64_t>(i));
    pci_reason_.bind(3, v.pci_reasons[i]);
    if (auto r = pci_reason_.run(); !r) return r;
  }
  return {};
}

}  // namespace qvm::store
