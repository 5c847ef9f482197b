/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_PSK_AUTH_H
#define TCP_ENCAP_IKE_PSK_AUTH_H

#include "ns3/ike-prf.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief The AUTH payload data for a pre-shared key (RFC 7296 §2.15, Auth Method 2, "Shared
 * Key Message Integrity Code").
 *
 * AUTH = prf(prf(PSK, "Key Pad for IKEv2"), <SignedOctets>), where SignedOctets =
 * RealMessage | peer's nonce | prf(SK_p, IDx'): RealMessage is the sender's IKE_SA_INIT message
 * from the IKE header on (no non-ESP marker, no stream Length), the nonce is the other
 * party's, SK_p is the sender's (SK_pi for the initiator, SK_pr for the responder) and IDx' is
 * the sender's ID payload without its generic header.
 * The verifier computes the same value with the peer's message, its own nonce and the peer's
 * SK_p and ID, and compares (VerifyPskAuth, in constant time).
 */
class IkePskAuth
{
  public:
    /** The key pad of RFC 7296 §2.15, 17 ASCII bytes without a terminator. */
    static constexpr char KEY_PAD[] = "Key Pad for IKEv2";

    /**
     * \param prf the negotiated PRF
     * \param realMessage the sender's IKE_SA_INIT message as sent
     * \param peerNonce the other party's Nonce Data
     * \param skP the sender's SK_p
     * \param idBody the sender's ID payload body (type, reserved, data)
     * \return SignedOctets = realMessage | peerNonce | prf(SK_p, IDx')
     */
    static std::vector<uint8_t> BuildSignedOctets(IkePrf& prf,
                                                  const std::vector<uint8_t>& realMessage,
                                                  const std::vector<uint8_t>& peerNonce,
                                                  const std::vector<uint8_t>& skP,
                                                  const std::vector<uint8_t>& idBody);

    /**
     * \param prf the negotiated PRF
     * \param psk the pre-shared key
     * \param realMessage the sender's IKE_SA_INIT message as sent
     * \param peerNonce the other party's Nonce Data
     * \param skP the sender's SK_p
     * \param idBody the sender's ID payload body
     * \return the Authentication Data, prf.GetOutputSize() bytes
     */
    static std::vector<uint8_t> Compute(IkePrf& prf,
                                        const std::vector<uint8_t>& psk,
                                        const std::vector<uint8_t>& realMessage,
                                        const std::vector<uint8_t>& peerNonce,
                                        const std::vector<uint8_t>& skP,
                                        const std::vector<uint8_t>& idBody);

    /**
     * \brief Check a received AUTH: same arguments as Compute, from the sender's side.
     * \param prf the negotiated PRF
     * \param psk the pre-shared key
     * \param realMessage the sender's IKE_SA_INIT message as received
     * \param peerNonce the verifier's own Nonce Data
     * \param skP the sender's SK_p
     * \param idBody the sender's ID payload body
     * \param received the Authentication Data received
     * \return whether it matches (constant-time comparison)
     */
    static bool Verify(IkePrf& prf,
                       const std::vector<uint8_t>& psk,
                       const std::vector<uint8_t>& realMessage,
                       const std::vector<uint8_t>& peerNonce,
                       const std::vector<uint8_t>& skP,
                       const std::vector<uint8_t>& idBody,
                       const std::vector<uint8_t>& received);
};

} // namespace ns3

#endif /* TCP_ENCAP_IKE_PSK_AUTH_H */
