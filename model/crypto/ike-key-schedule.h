/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_KEY_SCHEDULE_H
#define TCP_ENCAP_IKE_KEY_SCHEDULE_H

#include "ns3/ike-prf.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief The seven IKE SA keys of RFC 7296 §2.14. With an AEAD cipher (AES-GCM, RFC 5282)
 * SK_ai and SK_ar are empty and SK_ei / SK_er are key | salt(4).
 */
struct IkeSaKeys
{
    std::vector<uint8_t> skD;  //!< derives Child SA keys
    std::vector<uint8_t> skAi; //!< integrity, initiator to responder (empty with AEAD)
    std::vector<uint8_t> skAr; //!< integrity, responder to initiator (empty with AEAD)
    std::vector<uint8_t> skEi; //!< encryption, initiator to responder
    std::vector<uint8_t> skEr; //!< encryption, responder to initiator
    std::vector<uint8_t> skPi; //!< the initiator's AUTH payload
    std::vector<uint8_t> skPr; //!< the responder's AUTH payload
};

/**
 * \ingroup tcp-encap
 * \brief The key material of one Child SA pair (RFC 7296 §2.17), split as ESP takes it:
 * each direction key | salt(4) for AES-GCM (RFC 4106 §8.1), or encryption then integrity key.
 */
struct ChildSaKeys
{
    std::vector<uint8_t> initiatorToResponder; //!< keys of the initiator's outbound SA
    std::vector<uint8_t> responderToInitiator; //!< keys of the responder's outbound SA
};

/**
 * \ingroup tcp-encap
 * \brief IKEv2 key derivation (RFC 7296 §2.14, §2.17, §2.18), on a IkePrf.
 *
 * Stateless functions: the caller (the IKE SA) owns the IkePrf, the nonces, SPIs and shared
 * secrets. SPIs are the 8-byte values of the IKE header, in network byte order.
 */
class IkeKeySchedule
{
  public:
    /**
     * \brief SKEYSEED = prf(Ni | Nr, g^ir) (RFC 7296 §2.14, HMAC PRFs use the whole nonces).
     * \param prf the negotiated PRF
     * \param ni initiator nonce
     * \param nr responder nonce
     * \param gir shared secret
     * \return SKEYSEED
     */
    static std::vector<uint8_t> ComputeSkeyseed(IkePrf& prf,
                                                const std::vector<uint8_t>& ni,
                                                const std::vector<uint8_t>& nr,
                                                const std::vector<uint8_t>& gir);

    /**
     * \brief {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr}
     *        = prf+(SKEYSEED, Ni | Nr | SPIi | SPIr) (RFC 7296 §2.14).
     * SK_d, SK_pi and SK_pr are as long as the PRF's preferred key size (its output).
     * \param prf the negotiated PRF
     * \param skeyseed SKEYSEED
     * \param ni initiator nonce
     * \param nr responder nonce
     * \param spiI initiator SPI
     * \param spiR responder SPI
     * \param encrKeySize bytes of each SK_e (AES-GCM: key + 4-byte salt, RFC 5282 §7.1)
     * \param integKeySize bytes of each SK_a (0 with an AEAD cipher)
     * \return the keys
     */
    static IkeSaKeys DeriveIkeSaKeys(IkePrf& prf,
                                     const std::vector<uint8_t>& skeyseed,
                                     const std::vector<uint8_t>& ni,
                                     const std::vector<uint8_t>& nr,
                                     uint64_t spiI,
                                     uint64_t spiR,
                                     std::size_t encrKeySize,
                                     std::size_t integKeySize);

    /**
     * \brief KEYMAT = prf+(SK_d, [g^ir (new) |] Ni | Nr) (RFC 7296 §2.17), split in the RFC's
     * order: initiator-to-responder keys first.
     * \param prf the negotiated PRF
     * \param skD SK_d of the IKE SA
     * \param ni initiator nonce (of this exchange)
     * \param nr responder nonce (of this exchange)
     * \param gir fresh shared secret with PFS (CREATE_CHILD_SA with KE), else empty
     * \param keySizePerDirection bytes of each direction (AES-GCM: key + 4-byte salt)
     * \return the two directions' key material
     */
    static ChildSaKeys DeriveChildSaKeys(IkePrf& prf,
                                         const std::vector<uint8_t>& skD,
                                         const std::vector<uint8_t>& ni,
                                         const std::vector<uint8_t>& nr,
                                         const std::vector<uint8_t>& gir,
                                         std::size_t keySizePerDirection);

    /**
     * \brief SKEYSEED of a rekeyed IKE SA: prf(SK_d (old), g^ir (new) | Ni | Nr)
     * (RFC 7296 §2.18).
     * \param prf the PRF of the old IKE SA
     * \param oldSkD SK_d of the old IKE SA
     * \param gir the new shared secret
     * \param ni initiator nonce of the CREATE_CHILD_SA exchange
     * \param nr responder nonce of the CREATE_CHILD_SA exchange
     * \return the new SKEYSEED
     */
    static std::vector<uint8_t> ComputeRekeySkeyseed(IkePrf& prf,
                                                     const std::vector<uint8_t>& oldSkD,
                                                     const std::vector<uint8_t>& gir,
                                                     const std::vector<uint8_t>& ni,
                                                     const std::vector<uint8_t>& nr);
};

} // namespace ns3

#endif /* TCP_ENCAP_IKE_KEY_SCHEDULE_H */
