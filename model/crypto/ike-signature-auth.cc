/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-signature-auth.h"

#include "openssl-ptr.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <algorithm>
#include <memory>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeSignatureAuth");

namespace
{

/**
 * RFC 7427 Appendix A.3.2: ecdsa-with-SHA256 (1.2.840.10045.4.3.2), no parameters; SHA384 and
 * SHA512 (.3, .4) differ only in the last octet.
 */
const uint8_t ECDSA_WITH_SHA2[]
    = {0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02};

/**
 * RFC 7427 Appendix A.1.2: sha256WithRSAEncryption (1.2.840.113549.1.1.11), NULL; sha384 and
 * sha512 (.12, .13) differ only in the OID's last octet.
 */
const uint8_t SHA2_WITH_RSA_ENCRYPTION[]
    = {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00};

/** Offset of the octet that names the hash, in each. */
constexpr std::size_t ECDSA_HASH_OCTET = 11;
constexpr std::size_t RSA_HASH_OCTET = 12; //!< in SHA2_WITH_RSA_ENCRYPTION

/** \param hash a hash \return its OpenSSL digest */
const EVP_MD*
Digest(IkeSignatureHash hash)
{
    switch (hash)
    {
        case IkeSignatureHash::SHA2_384:
            return EVP_sha384();
        case IkeSignatureHash::SHA2_512:
            return EVP_sha512();
        case IkeSignatureHash::SHA2_256:
            break;
    }
    return EVP_sha256();
}

/** RSA moduli accepted from a peer, bits (the model generates 2048). */
constexpr int MIN_RSA_BITS = 2048;
constexpr int MAX_RSA_BITS = 8192; //!< upper bound, bits

/**
 * \brief Decode one DER certificate and classify its key.
 * \param der the certificate
 * \param[out] cert the certificate, when OK
 * \param[out] type its key type, when OK
 * \return OK, BAD_CERTIFICATE or UNSUPPORTED_ALGORITHM
 */
IkeSignatureStatus
DecodeCertificate(const std::vector<uint8_t>& der, X509Ptr& cert, IkeKeyType& type)
{
    if (der.empty() || der.size() > IkeSignatureAuth::MAX_CERTIFICATE_SIZE)
    {
        return IkeSignatureStatus::BAD_CERTIFICATE;
    }
    const unsigned char* p = der.data();
    cert.reset(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    // One certificate and nothing after it.
    if (!cert || p != der.data() + der.size())
    {
        cert.reset();
        return IkeSignatureStatus::BAD_CERTIFICATE;
    }
    // Null when the SubjectPublicKeyInfo does not decode (an EC point off the curve, say).
    EVP_PKEY* key = X509_get0_pubkey(cert.get());
    if (!key)
    {
        return IkeSignatureStatus::BAD_CERTIFICATE;
    }
    switch (EVP_PKEY_get_base_id(key))
    {
        case EVP_PKEY_EC:
        {
            char group[64] = {};
            std::size_t len = 0;
            if (EVP_PKEY_get_group_name(key, group, sizeof(group), &len) != 1)
            {
                return IkeSignatureStatus::UNSUPPORTED_ALGORITHM; // explicit curve parameters
            }
            int nid = OBJ_sn2nid(group);
            if (nid == NID_undef)
            {
                nid = EC_curve_nist2nid(group);
            }
            if (nid != NID_X9_62_prime256v1)
            {
                return IkeSignatureStatus::UNSUPPORTED_ALGORITHM;
            }
            type = IkeKeyType::ECDSA_P256;
            return IkeSignatureStatus::OK;
        }
        case EVP_PKEY_RSA:
        {
            int bits = EVP_PKEY_get_bits(key);
            if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS)
            {
                return IkeSignatureStatus::UNSUPPORTED_ALGORITHM;
            }
            type = IkeKeyType::RSA_2048;
            return IkeSignatureStatus::OK;
        }
        default:
            return IkeSignatureStatus::UNSUPPORTED_ALGORITHM; // RSA-PSS-only, Ed25519, DSA, ...
    }
}

/**
 * \param sig a signature that claims to be an ECDSA-Sig-Value
 * \param size its size, bytes
 * \return whether it is exactly one, in DER (RFC 7427 §3 and RFC 3279 §2.2.3)
 */
bool
IsDerEcdsaSigValue(const uint8_t* sig, std::size_t size)
{
    const unsigned char* p = sig;
    EcdsaSigPtr decoded(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(size)));
    if (!decoded || p != sig + size)
    {
        return false;
    }
    // BER that is not DER (long-form lengths, padded integers) re-encodes differently.
    unsigned char* reencoded = nullptr;
    int len = i2d_ECDSA_SIG(decoded.get(), &reencoded);
    bool same = len > 0 && static_cast<std::size_t>(len) == size
                && std::equal(sig, sig + size, reencoded);
    OPENSSL_free(reencoded);
    return same;
}

/**
 * \param ctx a digest-sign or digest-verify context, after its init
 * \param type the key type
 * \return whether the padding could be set (RSA: PKCS#1 v1.5; ECDSA: nothing to set)
 */
bool
SetPadding(EVP_PKEY_CTX* ctx, IkeKeyType type)
{
    return type != IkeKeyType::RSA_2048
           || EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1;
}

} // namespace

const char*
ToString(IkeSignatureHash h)
{
    switch (h)
    {
        case IkeSignatureHash::SHA2_256:
            return "sha2-256";
        case IkeSignatureHash::SHA2_384:
            return "sha2-384";
        case IkeSignatureHash::SHA2_512:
            return "sha2-512";
    }
    return "unknown";
}

std::ostream&
operator<<(std::ostream& os, IkeSignatureHash h)
{
    return os << ToString(h);
}

bool
ParseSignatureHashList(const std::string& names,
                       std::vector<IkeSignatureHash>& hashes,
                       std::string& bad)
{
    hashes.clear();
    std::size_t start = 0;
    while (start <= names.size())
    {
        std::size_t end = names.find(',', start);
        std::string name = names.substr(start, end == std::string::npos ? end : end - start);
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        const IkeSignatureHash* h = std::find_if(std::begin(IKE_SIGNATURE_HASHES),
                                                 std::end(IKE_SIGNATURE_HASHES),
                                                 [&name](IkeSignatureHash candidate)
                                                 {
                                                     return name == ToString(candidate);
                                                 });
        if (h == std::end(IKE_SIGNATURE_HASHES))
        {
            bad = name;
            return false;
        }
        if (std::find(hashes.begin(), hashes.end(), *h) != hashes.end())
        {
            bad = name + " (twice)";
            return false;
        }
        hashes.push_back(*h);
        if (end == std::string::npos)
        {
            break;
        }
        start = end + 1;
    }
    return !hashes.empty();
}

const char*
ToString(IkeSignatureStatus s)
{
    switch (s)
    {
        case IkeSignatureStatus::OK:
            return "ok";
        case IkeSignatureStatus::BAD_CERTIFICATE:
            return "bad-certificate";
        case IkeSignatureStatus::UNSUPPORTED_ALGORITHM:
            return "unsupported-algorithm";
        case IkeSignatureStatus::MALFORMED_AUTH_DATA:
            return "malformed-auth-data";
        case IkeSignatureStatus::BAD_SIGNATURE:
            return "bad-signature";
    }
    return "unknown";
}

std::ostream&
operator<<(std::ostream& os, IkeSignatureStatus s)
{
    return os << ToString(s);
}

std::vector<uint8_t>
IkeSignatureAuth::GetAlgorithmIdentifier(IkeKeyType type, IkeSignatureHash hash)
{
    // The last arc of both OID families counts up with the hash: SHA2-256, -384, -512.
    const auto step = static_cast<uint8_t>(static_cast<uint16_t>(hash)
                                           - static_cast<uint16_t>(IkeSignatureHash::SHA2_256));
    if (type == IkeKeyType::RSA_2048)
    {
        std::vector<uint8_t> id(std::begin(SHA2_WITH_RSA_ENCRYPTION),
                                std::end(SHA2_WITH_RSA_ENCRYPTION));
        id[RSA_HASH_OCTET] += step;
        return id;
    }
    std::vector<uint8_t> id(std::begin(ECDSA_WITH_SHA2), std::end(ECDSA_WITH_SHA2));
    id[ECDSA_HASH_OCTET] += step;
    return id;
}

bool
IkeSignatureAuth::ChooseHash(const std::vector<uint16_t>& peerHashes, IkeSignatureHash& hash)
{
    for (IkeSignatureHash h : IKE_SIGNATURE_HASHES)
    {
        if (std::find(peerHashes.begin(), peerHashes.end(), static_cast<uint16_t>(h))
            != peerHashes.end())
        {
            hash = h;
            return true;
        }
    }
    return false;
}

std::vector<uint8_t>
IkeSignatureAuth::Sign(const IkeCredential& credential,
                       const std::vector<uint8_t>& signedOctets,
                       Ptr<DeterministicRandom> random,
                       IkeSignatureHash hash)
{
    NS_LOG_FUNCTION(credential.GetKeyType() << signedOctets.size() << static_cast<uint16_t>(hash));
    NS_ABORT_MSG_IF(!random, "IkeSignatureAuth::Sign needs a random generator");
    DeterministicRandom::InstallAsOpenSslRand();
    DeterministicRandom::Scope scope(PeekPointer(random));
    const IkeKeyType type = credential.GetKeyType();

    MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    NS_ABORT_MSG_UNLESS(
        ctx
            && EVP_DigestSignInit(
                   ctx.get(), &pctx, Digest(hash), nullptr, credential.GetPrivateKey())
                   == 1
            && SetPadding(pctx, type),
        "IkeSignatureAuth: cannot set up " << type << " signing");
    std::size_t sigLen = 0;
    NS_ABORT_UNLESS(EVP_DigestSign(ctx.get(), nullptr, &sigLen, signedOctets.data(), 0) == 1);
    std::vector<uint8_t> sig(sigLen);
    NS_ABORT_MSG_UNLESS(
        EVP_DigestSign(ctx.get(), sig.data(), &sigLen, signedOctets.data(), signedOctets.size())
            == 1,
        "IkeSignatureAuth: " << type << " signing failed");
    sig.resize(sigLen); // an ECDSA-Sig-Value is often shorter than the maximum

    // RFC 7427 §3: ASN.1 Length | AlgorithmIdentifier ASN.1 object | Signature Value.
    const std::vector<uint8_t> algorithm = GetAlgorithmIdentifier(type, hash);
    std::vector<uint8_t> authData(1 + algorithm.size() + sig.size());
    authData[0] = static_cast<uint8_t>(algorithm.size());
    std::copy(sig.begin(), sig.end(), std::copy(algorithm.begin(), algorithm.end(), &authData[1]));
    return authData;
}

IkeSignatureStatus
IkeSignatureAuth::Verify(const std::vector<uint8_t>& peerCertDer,
                         const std::vector<uint8_t>& signedOctets,
                         const std::vector<uint8_t>& authData,
                         const std::vector<IkeSignatureHash>& accepted,
                         IkeSignatureHash* used)
{
    NS_LOG_FUNCTION(peerCertDer.size() << signedOctets.size() << authData.size());
    X509Ptr cert;
    IkeKeyType keyType = IkeKeyType::ECDSA_P256;
    IkeSignatureStatus status = DecodeCertificate(peerCertDer, cert, keyType);
    if (status != IkeSignatureStatus::OK)
    {
        ERR_clear_error();
        return status;
    }

    // Length octet, at least one octet of AlgorithmIdentifier, at least one of signature.
    if (authData.size() < 3 || authData[0] == 0 || authData.size() < 1u + authData[0] + 1u)
    {
        return IkeSignatureStatus::MALFORMED_AUTH_DATA;
    }
    const std::size_t algLen = authData[0];
    const uint8_t* alg = authData.data() + 1;
    const uint8_t* sig = alg + algLen;
    const std::size_t sigLen = authData.size() - 1 - algLen;

    // Only the exact encodings of Appendix A, only for a hash this side announced, and only
    // the family that fits the key.
    std::vector<IkeSignatureHash> hashes = accepted;
    if (hashes.empty())
    {
        hashes.assign(std::begin(IKE_SIGNATURE_HASHES), std::end(IKE_SIGNATURE_HASHES));
    }
    auto hash
        = std::find_if(hashes.begin(),
                       hashes.end(),
                       [&](IkeSignatureHash h)
                       {
                           std::vector<uint8_t> id = GetAlgorithmIdentifier(keyType, h);
                           return algLen == id.size() && std::equal(id.begin(), id.end(), alg);
                       });
    if (hash == hashes.end())
    {
        return IkeSignatureStatus::UNSUPPORTED_ALGORITHM;
    }

    EVP_PKEY* key = X509_get0_pubkey(cert.get());
    if (keyType == IkeKeyType::ECDSA_P256
            ? !IsDerEcdsaSigValue(sig, sigLen)
            : sigLen != static_cast<std::size_t>(EVP_PKEY_get_size(key)))
    {
        ERR_clear_error();
        return IkeSignatureStatus::MALFORMED_AUTH_DATA;
    }

    MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    NS_ABORT_MSG_UNLESS(
        ctx && EVP_DigestVerifyInit(ctx.get(), &pctx, Digest(*hash), nullptr, key) == 1
            && SetPadding(pctx, keyType),
        "IkeSignatureAuth: cannot set up " << keyType << " verification");
    // 0 is a wrong signature; below 0 (an RSA value not below the modulus, say) as well.
    int ok = EVP_DigestVerify(ctx.get(), sig, sigLen, signedOctets.data(), signedOctets.size());
    ERR_clear_error();
    if (ok == 1 && used)
    {
        *used = *hash;
    }
    return ok == 1 ? IkeSignatureStatus::OK : IkeSignatureStatus::BAD_SIGNATURE;
}

IkeSignatureStatus
IkeSignatureAuth::ParseCertificate(const std::vector<uint8_t>& certDer,
                                   IkeKeyType& keyType,
                                   std::vector<uint8_t>& subjectDer)
{
    NS_LOG_FUNCTION_NOARGS();
    X509Ptr cert;
    IkeKeyType type = IkeKeyType::ECDSA_P256;
    IkeSignatureStatus status = DecodeCertificate(certDer, cert, type);
    if (status == IkeSignatureStatus::OK)
    {
        int len = i2d_X509_NAME(X509_get_subject_name(cert.get()), nullptr);
        if (len <= 0)
        {
            status = IkeSignatureStatus::BAD_CERTIFICATE;
        }
        else
        {
            subjectDer.resize(static_cast<std::size_t>(len));
            unsigned char* p = subjectDer.data();
            i2d_X509_NAME(X509_get_subject_name(cert.get()), &p);
            keyType = type;
        }
    }
    ERR_clear_error();
    return status;
}

} // namespace ns3
