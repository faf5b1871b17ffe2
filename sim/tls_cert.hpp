// A throwaway self-signed certificate for --tls, made at start with OpenSSL: valid for localhost,
// 127.0.0.1 and ::1, marked as a CA so clients can trust it directly from the written PEM file.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

#include "qvm/error.hpp"

namespace qvm::sim {

struct TlsIdentity {
  std::unique_ptr<X509, decltype(&X509_free)> cert{nullptr, X509_free};
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key{nullptr, EVP_PKEY_free};
};

Result<TlsIdentity> make_self_signed_identity();
// Writes the certificate as PEM (the client's CA file).
Status write_certificate_pem(const TlsIdentity& identity, const std::string& path);

}  // namespace qvm::sim
