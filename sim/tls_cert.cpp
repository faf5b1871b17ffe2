// Self-signed certificate generation (EC P-256, SHA-256, 30 days) for the simulator's TLS mode.
#include "tls_cert.hpp"

#include <openssl/bn.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <cstdio>

namespace qvm::sim {
namespace {

bool add_extension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext) return false;
  const bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

}  // namespace

Result<TlsIdentity> make_self_signed_identity() {
  auto fail = [](const char* what) {
    return make_error(ErrorKind::kInternal, std::string("TLS certificate: ") + what);
  };
  TlsIdentity id;
  id.key.reset(EVP_EC_gen("P-256"));
  if (!id.key) return fail("key generation failed");
  id.cert.reset(X509_new());
  X509* cert = id.cert.get();
  X509_set_version(cert, 2);
  unsigned char serial[16];
  RAND_bytes(serial, sizeof serial);
  serial[0] &= 0x7f;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 30L * 24 * 3600);
  X509_set_pubkey(cert, id.key.get());
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("qvm-sim"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  if (!add_extension(cert, NID_basic_constraints, "critical,CA:TRUE") ||
      !add_extension(cert, NID_key_usage, "critical,digitalSignature,keyCertSign") ||
      !add_extension(cert, NID_ext_key_usage, "serverAuth") ||
      !add_extension(cert, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1") ||
      !add_extension(cert, NID_subject_key_identifier, "hash")) {
    return fail("extensions failed");
  }
  if (X509_sign(cert, id.key.get(), EVP_sha256()) == 0) return fail("signing failed");
  return id;
}

Status write_certificate_pem(const TlsIdentity& identity, const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "w");
  if (!f) return make_error(ErrorKind::kIo, "cannot write CA file " + path);
  const bool ok = PEM_write_X509(f, identity.cert.get()) == 1;
  std::fclose(f);
  if (!ok) return make_error(ErrorKind::kIo, "cannot write CA file " + path);
  return {};
}

}  // namespace qvm::sim
