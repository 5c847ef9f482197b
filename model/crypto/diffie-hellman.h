/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_DIFFIE_HELLMAN_H
#define TCP_ENCAP_DIFFIE_HELLMAN_H

#include "ns3/random-bytes.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief Key exchange groups modelled, by IANA Transform Type 4 ID (RFC 7296 §3.3.2).
 */
enum class DhGroup : uint16_t
{
    MODP_2048 = 14,  //!< 2048-bit MODP group (RFC 3526 §3)
    ECP_256 = 19,    //!< NIST P-256 (RFC 5903); KE data is x | y, 64 bytes
    CURVE25519 = 31, //!< X25519 (RFC 8031, RFC 7748); the default
};

/**
 * \param group a group
 * \return its name: "modp2048", "ecp256" or "x25519"
 */
const char* ToString(DhGroup group);

/**
 * \param name "modp2048", "ecp256" or "x25519"
 * \param[out] group the group, when the name is known
 * \return whether the name is known
 */
bool ParseDhGroup(const std::string& name, DhGroup& group);

/**
 * \param id a Transform ID of type 4 (D-H) as carried in a KE payload
 * \param[out] group the group, when this model implements it
 * \return whether it does
 */
bool DhGroupFromId(uint16_t id, DhGroup& group);

/**
 * \ingroup tcp-encap
 * \brief What a key-exchange operation came to.
 */
enum class DhStatus : uint8_t
{
    OK,                   //!< done
    NO_KEY,               //!< no key pair yet (GenerateKeyPair or SetPrivateKey first)
    BAD_LENGTH,           //!< public value or private key of the wrong size for the group
    BAD_PRIVATE_KEY,      //!< private key out of range (ECP: 0 or not below the order)
    INVALID_PUBLIC_VALUE, //!< not on the curve, out of range, or a low-order point
    CRYPTO_ERROR,         //!< OpenSSL reported an internal error
};

/**
 * \param s a status
 * \return its name in lower case with dashes
 */
const char* ToString(DhStatus s);

/**
 * \param os output stream
 * \param s a status
 * \return os
 */
std::ostream& operator<<(std::ostream& os, DhStatus s);

/**
 * \ingroup tcp-encap
 * \brief One side of an IKEv2 key exchange (RFC 7296 §1.2, §3.4) in X25519, ECP-256 or
 * MODP-2048, over OpenSSL.
 *
 * The private key comes from a RandomBytesCallback (GenerateKeyPair), so that a simulation is
 * reproducible, or is given (SetPrivateKey, for known-answer tests). Public values and shared
 * secrets use the KE payload encodings: X25519 32 bytes (RFC 8031 §2); ECP-256 x | y, 64 bytes,
 * secret x, 32 bytes (RFC 5903 §7, §9); MODP-2048 256 bytes, big-endian, zero-padded on the
 * left (RFC 7296 §3.4), secret likewise.
 *
 * A peer value is validated before use and a bad one is a status, never a crash: wrong length;
 * X25519 a result of all zeros (RFC 7748 §6.1); ECP-256 a point not on the curve; MODP a
 * value outside 2 .. p-2 (RFC 7296 §5).
 * MODP private exponents are 256 bits (twice the group's strength, as RFC 3526 §8 suggests).
 */
class DiffieHellman
{
  public:
    /** \param group the group */
    explicit DiffieHellman(DhGroup group);
    ~DiffieHellman();
    DiffieHellman(const DiffieHellman&) = delete;
    DiffieHellman& operator=(const DiffieHellman&) = delete;

    /** \return the group */
    DhGroup GetGroup() const;

    /**
     * \param group a group
     * \return size of its public value (KE Key Exchange Data), bytes
     */
    static std::size_t GetPublicValueSize(DhGroup group);

    /**
     * \param group a group
     * \return size of its shared secret g^ir, bytes
     */
    static std::size_t GetSharedSecretSize(DhGroup group);

    /**
     * \param group a group
     * \return size of the private key SetPrivateKey takes, bytes
     */
    static std::size_t GetPrivateKeySize(DhGroup group);

    /** \return the MODP-2048 prime p of RFC 3526 §3, 256 bytes big-endian */
    static std::vector<uint8_t> GetModp2048Prime();

    /**
     * \brief Make a fresh key pair, drawing the private key from random (ECP-256 redraws the
     * rare values outside 1 .. n-1).
     * \param random the source of randomness
     * \return OK, or CRYPTO_ERROR
     */
    DhStatus GenerateKeyPair(RandomBytesCallback random);

    /**
     * \brief Use a given private key (X25519: the 32-byte scalar, clamped as RFC 7748 §5
     * says; ECP-256: the 32-byte big-endian scalar; MODP: the big-endian exponent, 32 bytes).
     * \param privateKey the key
     * \return OK, BAD_LENGTH or BAD_PRIVATE_KEY (then no key pair is held)
     */
    DhStatus SetPrivateKey(const std::vector<uint8_t>& privateKey);

    /** \return whether a key pair is held */
    bool HasKeyPair() const;

    /** \return the public value to send in the KE payload (empty without a key pair) */
    const std::vector<uint8_t>& GetPublicValue() const;

    /**
     * \brief Compute g^ir from the peer's KE data.
     * \param peerPublic the peer's public value
     * \param[out] secret the shared secret, when OK
     * \return OK or why not
     */
    DhStatus ComputeSharedSecret(const std::vector<uint8_t>& peerPublic,
                                 std::vector<uint8_t>& secret);

    class Impl; //!< \internal the group's OpenSSL objects (defined in the .cc)

  private:
    DhGroup m_group;                    //!< the group
    std::unique_ptr<Impl> m_impl;       //!< X25519, ECP or MODP arithmetic
    std::vector<uint8_t> m_publicValue; //!< our KE data
};

} // namespace ns3

#endif /* TCP_ENCAP_DIFFIE_HELLMAN_H */
