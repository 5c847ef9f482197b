/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_SK_PROTECTION_H
#define TCP_ENCAP_IKE_SK_PROTECTION_H

#include "ns3/aes-gcm.h"
#include "ns3/ike-message.h"

#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{

/** \ingroup tcp-encap \brief Why a protected IKE message could not be opened. */
enum class IkeSkStatus : uint8_t
{
    OK,            //!< authenticated and decrypted
    NO_SK_PAYLOAD, //!< the message carries no Encrypted payload
    TOO_SHORT,     //!< the SK payload is shorter than IV, pad length and ICV
    ICV_FAILURE,   //!< the ICV does not verify: tampered, or other keys
    BAD_PADDING,   //!< the Pad Length points before the plaintext
    BAD_PAYLOADS,  //!< the decrypted payload chain does not parse
};

/** \param s a status \return its name */
const char* ToString(IkeSkStatus s);

/** \param os a stream \param s a status \return os */
std::ostream& operator<<(std::ostream& os, IkeSkStatus s);

/**
 * \ingroup tcp-encap
 * \brief The Encrypted and Authenticated payload of one IKE SA with AES-GCM-16 (RFC 7296
 * §3.14, RFC 5282): IV(8) | ciphertext of (payloads | padding | Pad Length) | ICV(16);
 * nonce = salt (the last 4 bytes of SK_e) | IV; AAD = the IKE header and the SK payload's
 * generic header (everything before the IV).
 *
 * The IV is a per-direction counter: unique per key as RFC 5282 §3.1 requires. Both cipher
 * contexts are made once per IKE SA. No padding is added (GCM needs no block alignment).
 */
class IkeSkProtection
{
  public:
    static constexpr std::size_t IV_SIZE = 8;   //!< explicit IV
    static constexpr std::size_t SALT_SIZE = 4; //!< from the end of SK_e
    static constexpr std::size_t OVERHEAD = 25; //!< IV, Pad Length, ICV

    /**
     * \param outKey SK_e of this side's direction (key | salt)
     * \param inKey SK_e of the peer's direction (key | salt)
     */
    IkeSkProtection(const std::vector<uint8_t>& outKey, const std::vector<uint8_t>& inKey);

    /**
     * \param header the header (Next Payload and Length are filled in)
     * \param inner the payloads to protect (an SK payload may not be among them)
     * \return the whole message as sent
     */
    std::vector<uint8_t> Seal(const IkeHeader& header, const std::vector<IkePayload>& inner);

    /**
     * \param bytes a received message
     * \param message the same message, parsed (its last payload is the SK payload)
     * \param[out] inner the decrypted payloads, when OK
     * \return the outcome
     */
    IkeSkStatus Open(const std::vector<uint8_t>& bytes,
                     const IkeMessage& message,
                     std::vector<IkePayload>& inner);

  private:
    AesGcm m_out;                   //!< keyed with our SK_e
    AesGcm m_in;                    //!< keyed with the peer's SK_e
    std::vector<uint8_t> m_outSalt; //!< our salt
    std::vector<uint8_t> m_inSalt;  //!< the peer's salt
    uint64_t m_nextIv{1};           //!< IV of the next message sealed
    std::vector<uint8_t> m_plain;   //!< work buffer
};

} // namespace ns3

#endif /* TCP_ENCAP_IKE_SK_PROTECTION_H */
