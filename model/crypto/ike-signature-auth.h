/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_SIGNATURE_AUTH_H
#define TCP_ENCAP_IKE_SIGNATURE_AUTH_H

#include "ns3/deterministic-random.h"
#include "ns3/ike-credential.h"
#include "ns3/ptr.h"

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief Why a certificate or a signature AUTH payload was refused.
 */
enum class IkeSignatureStatus : uint8_t
{
    OK,                    //!< the signature is valid for the certificate's key
    BAD_CERTIFICATE,       //!< not one DER X.509 certificate with a readable public key
    UNSUPPORTED_ALGORITHM, //!< key or AlgorithmIdentifier not supported, or not matching
    MALFORMED_AUTH_DATA,   //!< Authentication Data framing or signature encoding wrong
    BAD_SIGNATURE,         //!< well-formed, but the signature does not verify
};

/**
 * \param s a status
 * \return its name in lower case with dashes
 */
const char* ToString(IkeSignatureStatus s);

/**
 * \param os output stream
 * \param s a status
 * \return os
 */
std::ostream& operator<<(std::ostream& os, IkeSignatureStatus s);

/**
 * \ingroup tcp-encap
 * \brief Hash algorithms of RFC 7427 signatures, by their IANA "IKEv2 Hash Algorithms" number
 * (the values the SIGNATURE_HASH_ALGORITHMS notification lists, RFC 7427 §4).
 */
enum class IkeSignatureHash : uint16_t
{
    SHA2_256 = 2, //!< SHA2-256
    SHA2_384 = 3, //!< SHA2-384
    SHA2_512 = 4, //!< SHA2-512
};

/** \param h a hash \return its name as the SignatureHashes attribute writes it ("sha2-256") */
const char* ToString(IkeSignatureHash h);

/** \param os a stream \param h a hash \return os */
std::ostream& operator<<(std::ostream& os, IkeSignatureHash h);

/** The hashes this model signs and verifies with, by preference. */
inline constexpr IkeSignatureHash IKE_SIGNATURE_HASHES[]
    = {IkeSignatureHash::SHA2_256, IkeSignatureHash::SHA2_384, IkeSignatureHash::SHA2_512};

/**
 * \param names comma-separated hash names: sha2-256, sha2-384, sha2-512 (no duplicates)
 * \param[out] hashes the list, in order
 * \param[out] bad the first name not understood
 * \return whether every name was understood and the list is not empty
 */
bool ParseSignatureHashList(const std::string& names,
                            std::vector<IkeSignatureHash>& hashes,
                            std::string& bad);

/**
 * \ingroup tcp-encap
 * \brief The AUTH payload data for Auth Method 14, "Digital Signature" (RFC 7427 §3), over
 * the SignedOctets of RFC 7296 §2.15 (built with IkePskAuth::BuildSignedOctets).
 *
 * Authentication Data = length of the AlgorithmIdentifier (1 octet) | AlgorithmIdentifier
 * (DER) | signature. ECDSA with SHA2-256, -384 or -512 (RFC 7427 Appendix A.3.2's encoding,
 * OIDs 1.2.840.10045.4.3.2-4; the signature is a DER ECDSA-Sig-Value, RFC 3279 §2.2.3) for
 * P-256 keys; sha256/384/512WithRSAEncryption (A.1.2's encoding with its NULL parameters,
 * OIDs 1.2.840.113549.1.1.11-13; RSASSA-PKCS1-v1_5, RFC 8017 §8.2) for RSA keys. Which hash
 * the signer uses is what the verifier announced in SIGNATURE_HASH_ALGORITHMS (RFC 7427 §4).
 *
 * Verify checks the certificate's form and key, the framing, that the algorithm is one of
 * these two and fits the key, and the signature; every refusal is a status, never a crash.
 * It does not decide whether the certificate is trusted (issuer, validity, revocation): the
 * caller compares it with the certificates it is configured to accept.
 */
class IkeSignatureAuth
{
  public:
    /** Largest certificate Verify looks at, bytes (a CERT payload's 16-bit Length bounds it). */
    static constexpr std::size_t MAX_CERTIFICATE_SIZE = 65535;

    /**
     * \param type a key type
     * \param hash the hash signed with
     * \return the DER AlgorithmIdentifier its signatures carry (RFC 7427 Appendix A.3.2's form
     *         for ECDSA_P256, 12 bytes; A.1.2's for RSA_2048, 15 bytes)
     */
    static std::vector<uint8_t> GetAlgorithmIdentifier(IkeKeyType type,
                                                       IkeSignatureHash hash
                                                       = IkeSignatureHash::SHA2_256);

    /**
     * \brief Pick the hash to sign with (RFC 7427 §4).
     * \param peerHashes the hash numbers the peer's SIGNATURE_HASH_ALGORITHMS listed
     * \param[out] hash the first of IKE_SIGNATURE_HASHES the peer listed
     * \return false when the peer listed none of them
     */
    static bool ChooseHash(const std::vector<uint16_t>& peerHashes, IkeSignatureHash& hash);

    /**
     * \brief Sign SignedOctets with the credential's key.
     * \param credential the signer's key and certificate
     * \param signedOctets RealMessage | peer nonce | prf(SK_p, IDx') (RFC 7296 §2.15)
     * \param random where an ECDSA nonce is drawn from (RSA PKCS#1 v1.5 draws only for
     *        blinding and gives the same signature for any generator)
     * \param hash the hash (one the verifier announced)
     * \return the Authentication Data of Auth Method 14
     */
    static std::vector<uint8_t> Sign(const IkeCredential& credential,
                                     const std::vector<uint8_t>& signedOctets,
                                     Ptr<DeterministicRandom> random,
                                     IkeSignatureHash hash = IkeSignatureHash::SHA2_256);

    /**
     * \brief Check a received Auth Method 14 AUTH against the peer's certificate.
     * \param peerCertDer the peer's certificate, DER (its CERT payload data)
     * \param signedOctets the SignedOctets the peer must have signed
     * \param authData the received Authentication Data
     * \param accepted the hashes this side announced (empty: all of IKE_SIGNATURE_HASHES)
     * \param[out] used when not null and OK: the hash the peer signed with
     * \return OK, or the first reason to refuse: the certificate, its key, the framing, the
     *         AlgorithmIdentifier (an accepted hash, in the family of the key's type), the
     *         signature's encoding, the signature
     */
    static IkeSignatureStatus Verify(const std::vector<uint8_t>& peerCertDer,
                                     const std::vector<uint8_t>& signedOctets,
                                     const std::vector<uint8_t>& authData,
                                     const std::vector<IkeSignatureHash>& accepted = {},
                                     IkeSignatureHash* used = nullptr);

    /**
     * \brief Read what the IKE session needs from a peer certificate (its form and key are
     * checked as Verify checks them).
     * \param certDer a certificate, DER
     * \param[out] keyType the type of its key, when OK (any RSA key of 2048 to 8192 bits is
     *             RSA_2048 here: the signature algorithm is the same)
     * \param[out] subjectDer its subject Name, DER, when OK (compare with an ID_DER_ASN1_DN)
     * \return OK, BAD_CERTIFICATE or UNSUPPORTED_ALGORITHM (a key other than P-256 or RSA)
     */
    static IkeSignatureStatus ParseCertificate(const std::vector<uint8_t>& certDer,
                                               IkeKeyType& keyType,
                                               std::vector<uint8_t>& subjectDer);
};

} // namespace ns3

#endif /* TCP_ENCAP_IKE_SIGNATURE_AUTH_H */
