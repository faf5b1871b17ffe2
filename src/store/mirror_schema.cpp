// Schema version 1, the migrations to versions 2 and 3, and the open paths that apply them. Each
// migration runs in one transaction with its user_version bump, so a crash leaves either version.
#include "store/mirror_schema.hpp"

#include "qvm/mirror.hpp"

namespace qvm::store {
namespace {

// Version 1: hosts, tags, asset groups, detections (without RESULTS), KB with CVEs and
// Bugtraq, the sync bookkeeping.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE hosts (
  id INTEGER PRIMARY KEY, asset_id INTEGER, ip TEXT, ip_num INTEGER, ipv6 TEXT,
  trurisk_score INTEGER, asset_criticality_score INTEGER, tracking_method TEXT,
  network_id INTEGER, os TEXT, os_cpe TEXT, dns TEXT, dns_hostname TEXT, dns_domain TEXT,
  dns_fqdn TEXT, cloud_provider TEXT, cloud_service TEXT, cloud_resource_id TEXT,
  ec2_instance_id TEXT, netbios TEXT, qg_hostid TEXT, last_boot TEXT, serial_number TEXT,
  hardware_uuid TEXT, first_found_date TEXT, last_activity TEXT, agent_status TEXT,
  cloud_agent_running_on TEXT, last_vuln_scan_datetime TEXT, last_scan_datetime TEXT,
  last_vm_scanned_date TEXT, last_vm_scanned_duration INTEGER, last_vm_auth_scanned_date TEXT,
  last_vm_auth_scanned_duration INTEGER, last_pc_scanned_date TEXT,
  last_compliance_scan_datetime TEXT, last_scap_scan_datetime TEXT, owner TEXT, comments TEXT,
  seen_run INTEGER);
CREATE INDEX hosts_ip ON hosts(ip_num);
CREATE TABLE host_tags (
  host_id INTEGER NOT NULL, seq INTEGER NOT NULL, tag_id INTEGER, name TEXT NOT NULL,
  color TEXT, background_color TEXT, PRIMARY KEY (host_id, seq)) WITHOUT ROWID;
CREATE INDEX host_tags_name ON host_tags(name);
CREATE TABLE asset_groups (
  host_id INTEGER NOT NULL, asset_group_id INTEGER NOT NULL,
  PRIMARY KEY (host_id, asset_group_id)) WITHOUT ROWID;
CREATE INDEX asset_groups_id ON asset_groups(asset_group_id);
CREATE TABLE detections (
  host_id INTEGER NOT NULL, seq INTEGER NOT NULL, unique_vuln_id INTEGER, qid INTEGER NOT NULL,
  type TEXT NOT NULL, severity INTEGER, port INTEGER, protocol TEXT, fqdn TEXT, ssl INTEGER,
  instance TEXT, status TEXT, first_found_datetime TEXT, last_found_datetime TEXT, qds INTEGER,
  qds_severity TEXT, times_found INTEGER, last_test_datetime TEXT, last_update_datetime TEXT,
  last_fixed_datetime TEXT, first_reopened_datetime TEXT, last_reopened_datetime TEXT,
  times_reopened INTEGER, service TEXT, is_ignored INTEGER, is_disabled INTEGER,
  affect_running_kernel INTEGER, affect_running_service INTEGER,
  affect_exploitable_config INTEGER, last_processed_datetime TEXT, asset_cve TEXT,
  PRIMARY KEY (host_id, seq));
CREATE INDEX detections_qid ON detections(qid);
CREATE INDEX detections_status_severity ON detections(status, severity);
CREATE TABLE kb_vulns (
  qid INTEGER PRIMARY KEY, vuln_type TEXT, severity_level INTEGER, title TEXT, category TEXT,
  detection_info TEXT, last_customization_datetime TEXT, last_customization_user TEXT,
  last_service_modification_datetime TEXT, published_datetime TEXT, patchable INTEGER,
  diagnosis TEXT, diagnosis_comment TEXT, consequence TEXT, consequence_comment TEXT,
  solution TEXT, solution_comment TEXT, cvss_base TEXT, cvss_base_source TEXT,
  cvss_temporal TEXT, cvss_vector TEXT, cvss3_base TEXT, cvss3_temporal TEXT,
  cvss3_vector TEXT, cvss3_version TEXT, pci_flag INTEGER, automatic_pci_fail INTEGER,
  supported_modules TEXT, is_disabled INTEGER, discovery_remote INTEGER,
  discovery_additional_info TEXT);
CREATE TABLE kb_cves (
  qid INTEGER NOT NULL, seq INTEGER NOT NULL, cve_id TEXT NOT NULL, url TEXT,
  PRIMARY KEY (qid, seq)) WITHOUT ROWID;
CREATE INDEX kb_cves_id ON kb_cves(cve_id);
CREATE TABLE kb_bugtraq (
  qid INTEGER NOT NULL, seq INTEGER NOT NULL, bugtraq_id TEXT NOT NULL, url TEXT,
  PRIMARY KEY (qid, seq)) WITHOUT ROWID;
CREATE TABLE sync_runs (
  id INTEGER PRIMARY KEY, started TEXT NOT NULL, ended TEXT, mode TEXT NOT NULL, since TEXT,
  watermark TEXT, calls INTEGER NOT NULL DEFAULT 0, hosts INTEGER NOT NULL DEFAULT 0,
  detections INTEGER NOT NULL DEFAULT 0, vulns INTEGER NOT NULL DEFAULT 0,
  outcome TEXT NOT NULL, message TEXT);
CREATE TABLE sync_checkpoint (
  one INTEGER PRIMARY KEY CHECK (one = 1), run_id INTEGER NOT NULL, mode TEXT NOT NULL,
  selection TEXT NOT NULL, whole_kb INTEGER NOT NULL, since TEXT, watermark TEXT,
  phase TEXT NOT NULL, last_id INTEGER NOT NULL DEFAULT 0);
CREATE TABLE sync_pending (host_id INTEGER PRIMARY KEY);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
PRAGMA user_version = 1;
)sql";

// Version 2: RESULTS kept (analysts read it), vendor references, threat intelligence,
// software and PCI reasons of the KB, calls per endpoint in sync_runs, the vulns view. RESULTS
// of detections already stored cannot be known: the next sync is made a full one.
constexpr const char* kMigrateV1ToV2 = R"sql(
ALTER TABLE detections ADD COLUMN results TEXT;
ALTER TABLE sync_runs ADD COLUMN calls_by_endpoint TEXT;
CREATE TABLE kb_vendor_refs (
  qid INTEGER NOT NULL, seq INTEGER NOT NULL, vendor_ref_id TEXT NOT NULL, url TEXT,
  PRIMARY KEY (qid, seq)) WITHOUT ROWID;
CREATE TABLE kb_threat_intel (
  qid INTEGER NOT NULL, seq INTEGER NOT NULL, threat_id TEXT, text TEXT NOT NULL,
  PRIMARY KEY (qid, seq)) WITHOUT ROWID;
CREATE TABLE kb_software (
  qid INTEGER NOT NULL, seq INTEGER NOT NULL, product TEXT, vendor TEXT,
  PRIMARY KEY (qid, seq)) WITHOUT ROWID;
CREATE TABLE kb_pci_reasons (
  qid INTEGER NOT NULL, seq INTEGER NOT NULL, reason TEXT NOT NULL,
  PRIMARY KEY (qid, seq)) WITHOUT ROWID;
INSERT INTO settings (key, value)
  SELECT 'needs_full', 'schema 2 stores RESULTS' WHERE EXISTS (SELECT 1 FROM detections);
CREATE VIEW vulns AS
  SELECT d.host_id, COALESCE(h.ip, h.ipv6) AS ip, h.dns, h.netbios, h.os, h.tracking_method,
         h.asset_id, d.qid, d.type, d.severity, d.port, d.protocol, d.ssl, d.status,
         d.first_found_datetime, d.last_found_datetime, d.times_found, d.last_test_datetime,
         d.last_fixed_datetime, d.qds, d.results, k.title, k.vuln_type, k.category,
         k.severity_level,
         (SELECT group_concat(cve_id, ';') FROM kb_cves c WHERE c.qid = d.qid) AS cve_list,
         k.cvss_base, k.cvss_vector, k.cvss3_base, k.cvss3_vector, k.patchable,
         k.published_datetime, k.diagnosis, k.consequence, k.solution
  FROM detections d JOIN hosts h ON h.id = d.host_id LEFT JOIN kb_vulns k ON k.qid = d.qid;
PRAGMA user_version = 2;
)sql";

// Version 3: no (status, severity) index on detections. Every read of the mirror filters on
// status and wants host order: through that index SQLite sorted 1.8 M of 2 M rows (2.2 s
// against 0.7 s for the table scan), and building it cost every first sync 1.1 s.
constexpr const char* kMigrateV2ToV3 = R"sql(
DROP INDEX IF EXISTS detections_status_severity;
PRAGMA user_version = 3;
)sql";

Result<int> user_version(Connection& db) {
  auto s = Statement::prepare(db, "PRAGMA user_version");
  if (!s) return std::unexpected(s.error());
  auto row = s->step();
  if (!row) return std::unexpected(row.error());
  return static_cast<int>(s->int64(0));
}

Status in_transaction(Connection& db, const char* sql) {
  if (auto s = db.exec("BEGIN IMMEDIATE"); !s) return s;
  if (auto s = db.exec(sql); !s) {
    (void)db.exec("ROLLBACK");
    return s;
  }
  return db.exec("COMMIT");
}

Error newer_version(const Connection& db, int version) {
  return Error(ErrorKind::kIo,
               db.path() + ": schema version " + std::to_string(version) +
                   " is newer than this qvm knows (" + std::to_string(kMirrorSchemaVersion) + ")",
               "use the qvm that wrote this database, or sync into a new file");
}

}  // namespace

Status create_schema_v1(Connection& db) {
  return in_transaction(db, kSchemaV1);
}

Result<Connection> open_mirror(const std::string& path) {
  auto db = Connection::open(path, false);
  if (!db) return std::unexpected(db.error());
  // A 16 MB page cache keeps the detection indexes' hot pages in memory across the batches of
  // a sync, and fewer WAL checkpoints copy each page back fewer times.
  if (auto s = db->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                        "PRAGMA cache_size=-16384; PRAGMA wal_autocheckpoint=16384;");
      !s) {
    return std::unexpected(s.error());
  }
  auto version = user_version(*db);
  if (!version) return std::unexpected(version.error());
  if (*version > kMirrorSchemaVersion) return std::unexpected(newer_version(*db, *version));
  if (*version == 0) {
    auto tables = Statement::prepare(*db, "SELECT count(*) FROM sqlite_master");
    if (!tables) return std::unexpected(tables.error());
    if (auto r = tables->step(); !r) return std::unexpected(r.error());
    if (tables->int64(0) != 0) {
      return make_error(ErrorKind::kIo, path + ": not a qvm mirror (it has tables but no version)",
                        "give a new file name to --db");
    }
    if (auto s = create_schema_v1(*db); !s) return std::unexpected(s.error());
    version = 1;
  }
  // Every database, new ones included, reaches the current version through the migrations.
  if (*version == 1) {
    if (auto s = in_transaction(*db, kMigrateV1ToV2); !s) return std::unexpected(s.error());
    version = 2;
  }
  if (*version == 2) {
    if (auto s = in_transaction(*db, kMigrateV2ToV3); !s) return std::unexpected(s.error());
  }
  return db;
}

Result<Connection> open_mirror_read_only(const std::string& path) {
  auto db = Connection::open(path, true);
  if (!db) return std::unexpected(db.error());
  auto version = user_version(*db);
  if (!version) return std::unexpected(version.error());
  if (*version == 0) {
    return make_error(ErrorKind::kIo, path + ": not a qvm mirror",
                      "create it with `qvm sync --db " + path + "`");
  }
  if (*version > kMirrorSchemaVersion) return std::unexpected(newer_version(*db, *version));
  if (*version < kMirrorSchemaVersion) {
    return make_error(ErrorKind::kIo,
                      path + ": schema version " + std::to_string(*version) + " is older than " +
                          std::to_string(kMirrorSchemaVersion),
                      "run `qvm sync --db " + path + "` once: it migrates the database");
  }
  return db;
}

}  // namespace qvm::store
