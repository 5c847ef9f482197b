/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-credential.h"

#include "openssl-ptr.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeCredential");

namespace
{

/** ub-common-name, RFC 5280 Appendix A.1. */
constexpr std::size_t MAX_COMMON_NAME = 64;
/** Serial number size, bytes (RFC 5280 §4.1.2.2 allows up to 20). */
constexpr std::size_t SERIAL_SIZE = 8;
// Fixed validity: the certificate's bytes must not depend on the wall clock.
constexpr char NOT_BEFORE[] = "20240101000000Z"; //!< notBefore, GeneralizedTime
constexpr char NOT_AFTER[] = "20491231235959Z";  //!< notAfter, GeneralizedTime

/**
 * \param cert a certificate
 * \return its DER encoding
 */
std::vector<uint8_t>
CertificateToDer(X509* cert)
{
    int len = i2d_X509(cert, nullptr);
    NS_ABORT_MSG_UNLESS(len > 0, "cannot encode the certificate");
    std::vector<uint8_t> der(static_cast<std::size_t>(len));
    unsigned char* p = der.data();
    NS_ABORT_UNLESS(i2d_X509(cert, &p) == len);
    return der;
}

/**
 * \param name a Name
 * \return its DER encoding
 */
std::vector<uint8_t>
NameToDer(const X509_NAME* name)
{
    int len = i2d_X509_NAME(name, nullptr);
    NS_ABORT_MSG_UNLESS(len > 0, "cannot encode the subject name");
    std::vector<uint8_t> der(static_cast<std::size_t>(len));
    unsigned char* p = der.data();
    NS_ABORT_UNLESS(i2d_X509_NAME(name, &p) == len);
    return der;
}

} // namespace

const char*
ToString(IkeKeyType type)
{
    switch (type)
    {
        case IkeKeyType::ECDSA_P256:
            return "ecdsa-p256";
        case IkeKeyType::RSA_2048:
            return "rsa-2048";
    }
    return "unknown";
}

bool
ParseIkeKeyType(const std::string& name, IkeKeyType& type)
{
    for (IkeKeyType t : {IkeKeyType::ECDSA_P256, IkeKeyType::RSA_2048})
    {
        if (name == ToString(t))
        {
            type = t;
            return true;
        }
    }
    return false;
}

std::ostream&
operator<<(std::ostream& os, IkeKeyType type)
{
    return os << ToString(type);
}

void
IkeCredential::KeyFree::operator()(evp_pkey_st* key) const
{
    EVP_PKEY_free(key);
}

IkeCredential::IkeCredential(IkeKeyType type,
                             const std::string& commonName,
                             Ptr<DeterministicRandom> random)
    : m_type(type)
{
    NS_LOG_FUNCTION(this << commonName << random);
    NS_ABORT_MSG_IF(!random, "IkeCredential needs a random generator");
    NS_ABORT_MSG_IF(commonName.empty() || commonName.size() > MAX_COMMON_NAME,
                    "IkeCredential: the common name must have 1 to 64 characters");
    DeterministicRandom::InstallAsOpenSslRand();
    // Every draw below (key, serial, the ECDSA nonce of the self-signature) comes from random.
    DeterministicRandom::Scope scope(PeekPointer(random));

    // The serial is positive and always 8 bytes long: top bit clear, next bit set.
    uint8_t serial[SERIAL_SIZE];
    random->Generate(serial, sizeof(serial));
    serial[0] = (serial[0] & 0x7f) | 0x40;

    m_key.reset(type == IkeKeyType::RSA_2048 ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256"));
    NS_ABORT_MSG_UNLESS(m_key, "IkeCredential: " << type << " key generation failed");

    X509Ptr cert(X509_new());
    X509* x = cert.get();
    NS_ABORT_UNLESS(x && X509_set_version(x, 2) == 1); // v3 (RFC 5280 §4.1.2.1)
    BnPtr serialBn(BN_bin2bn(serial, sizeof(serial), nullptr));
    NS_ABORT_UNLESS(serialBn
                    && BN_to_ASN1_INTEGER(serialBn.get(), X509_get_serialNumber(x)) != nullptr);
    NS_ABORT_UNLESS(ASN1_TIME_set_string_X509(X509_getm_notBefore(x), NOT_BEFORE) == 1);
    NS_ABORT_UNLESS(ASN1_TIME_set_string_X509(X509_getm_notAfter(x), NOT_AFTER) == 1);
    X509_NAME* name = X509_get_subject_name(x);
    NS_ABORT_UNLESS(
        X509_NAME_add_entry_by_txt(name,
                                   "CN",
                                   MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(commonName.data()),
                                   static_cast<int>(commonName.size()),
                                   -1,
                                   0)
        == 1);
    NS_ABORT_UNLESS(X509_set_issuer_name(x, name) == 1);
    NS_ABORT_UNLESS(X509_set_pubkey(x, m_key.get()) == 1);
    // The key signs AUTH payloads and nothing else (RFC 5280 §4.2.1.3).
    X509ExtensionPtr keyUsage(
        X509V3_EXT_conf_nid(nullptr, nullptr, NID_key_usage, "critical,digitalSignature"));
    NS_ABORT_UNLESS(keyUsage && X509_add_ext(x, keyUsage.get(), -1) == 1);
    NS_ABORT_MSG_UNLESS(X509_sign(x, m_key.get(), EVP_sha256()) > 0,
                        "IkeCredential: certificate signing failed");

    m_certificateDer = CertificateToDer(x);
    m_subjectDer = NameToDer(name);
    ERR_clear_error();
}

IkeCredential::~IkeCredential() = default;

Ptr<IkeCredential>
IkeCredential::Generate(IkeKeyType type,
                        const std::string& commonName,
                        Ptr<DeterministicRandom> random)
{
    NS_LOG_FUNCTION(commonName << random);
    return Create<IkeCredential>(type, commonName, random);
}

IkeKeyType
IkeCredential::GetKeyType() const
{
    return m_type;
}

const std::vector<uint8_t>&
IkeCredential::GetCertificateDer() const
{
    return m_certificateDer;
}

const std::vector<uint8_t>&
IkeCredential::GetSubjectDer() const
{
    return m_subjectDer;
}

evp_pkey_st*
IkeCredential::GetPrivateKey() const
{
    return m_key.get();
}

} // namespace ns3
