/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_CREDENTIAL_H
#define TCP_ENCAP_IKE_CREDENTIAL_H

#include "ns3/deterministic-random.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

struct evp_pkey_st;

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief Key types an IKE peer can sign its AUTH payload with (RFC 7427).
 */
enum class IkeKeyType : uint8_t
{
    ECDSA_P256, //!< ECDSA on NIST P-256, signatures ecdsa-with-SHA256
    RSA_2048,   //!< RSA, 2048-bit modulus, signatures sha256WithRSAEncryption (PKCS#1 v1.5)
};

/**
 * \param type a key type
 * \return its name: "ecdsa-p256" or "rsa-2048"
 */
const char* ToString(IkeKeyType type);

/**
 * \param name "ecdsa-p256" or "rsa-2048"
 * \param[out] type the key type, when the name is known
 * \return whether the name is known
 */
bool ParseIkeKeyType(const std::string& name, IkeKeyType& type);

/**
 * \param os output stream
 * \param type a key type
 * \return os
 */
std::ostream& operator<<(std::ostream& os, IkeKeyType type);

/**
 * \ingroup tcp-encap
 * \brief An IKE peer's certificate credential: a private key and a self-signed X.509 v3
 * certificate for it, as used by certificate AUTH (RFC 7296 §2.15, RFC 7427).
 *
 * The key, the certificate serial and every random value the signatures draw come from a
 * DeterministicRandom (OpenSSL's RAND is redirected to it while Generate runs), and the
 * validity dates are fixed, so the same seed gives byte-identical keys and certificates: a
 * simulation choice, not security. The certificate has subject = issuer = CN=commonName,
 * validity 2024-01-01 to 2049-12-31, a 64-bit serial, a critical keyUsage of
 * digitalSignature, and is signed with its own key and SHA-256.
 */
class IkeCredential : public SimpleRefCount<IkeCredential>
{
  public:
    /**
     * \brief Generate a key pair and its certificate (aborts if OpenSSL fails).
     * \param type the key type
     * \param commonName the subject's CN (non-empty, at most 64 characters)
     * \param random where the key, the serial and the certificate signature draw from
     */
    IkeCredential(IkeKeyType type, const std::string& commonName, Ptr<DeterministicRandom> random);
    ~IkeCredential();

    IkeCredential(const IkeCredential&) = delete;
    IkeCredential& operator=(const IkeCredential&) = delete;

    /**
     * \param type the key type
     * \param commonName the subject's CN (non-empty, at most 64 characters)
     * \param random where the key, the serial and the certificate signature draw from
     * \return a fresh credential
     */
    static Ptr<IkeCredential> Generate(IkeKeyType type,
                                       const std::string& commonName,
                                       Ptr<DeterministicRandom> random);

    /** \return the key type */
    IkeKeyType GetKeyType() const;

    /** \return the certificate, DER (the CERT payload data, encoding 4, RFC 7296 §3.6) */
    const std::vector<uint8_t>& GetCertificateDer() const;

    /** \return the subject Name, DER (the ID payload data for ID_DER_ASN1_DN, §3.5) */
    const std::vector<uint8_t>& GetSubjectDer() const;

    /** \return the private key, for IkeSignatureAuth::Sign (owned by this credential) */
    evp_pkey_st* GetPrivateKey() const;

  private:
    /** Frees the key. */
    struct KeyFree
    {
        /** \param key the key */
        void operator()(evp_pkey_st* key) const;
    };

    IkeKeyType m_type;                           //!< key type
    std::unique_ptr<evp_pkey_st, KeyFree> m_key; //!< key pair
    std::vector<uint8_t> m_certificateDer;       //!< self-signed certificate
    std::vector<uint8_t> m_subjectDer;           //!< subject Name
};

} // namespace ns3

#endif /* TCP_ENCAP_IKE_CREDENTIAL_H */
