/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_PROPOSALS_H
#define TCP_ENCAP_IKE_PROPOSALS_H

#include "ns3/diffie-hellman.h"
#include "ns3/esp-sa.h"
#include "ns3/ike-prf.h"
#include "ns3/ike-sa-payload.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief The algorithms of an IKE SA one side is configured with: AES-GCM-16 for the SK
 * payload, a PRF and the key exchange groups in order of preference (the first one's KE
 * payload goes in IKE_SA_INIT).
 */
struct IkeSaSuite
{
    uint16_t encrKeyBits{128};                          //!< AES-GCM-16 key: 128 or 256
    PrfAlgorithm prf{PrfAlgorithm::HMAC_SHA2_256};      //!< PRF
    std::vector<DhGroup> dhGroups{DhGroup::CURVE25519}; //!< by preference, never empty
};

/**
 * \ingroup tcp-encap
 * \brief What an IKE SA negotiation settled on.
 */
struct IkeSaChoice
{
    uint16_t encrKeyBits{128};                     //!< AES-GCM-16 key
    PrfAlgorithm prf{PrfAlgorithm::HMAC_SHA2_256}; //!< PRF
    DhGroup dhGroup{DhGroup::CURVE25519};          //!< key exchange
};

/**
 * \ingroup tcp-encap
 * \brief The ESP transform of the Child SAs one side is configured with.
 */
struct ChildSaSuite
{
    EspCipher cipher{EspCipher::AES_GCM_16_128}; //!< AES-GCM-16 128 or 256
    bool esn{false};                             //!< extended sequence numbers
    uint32_t replayWindow{64};                   //!< inbound anti-replay window, packets
};

/**
 * \ingroup tcp-encap
 * \brief Build and choose SA payloads (RFC 7296 §2.7, §3.3): one proposal per SA with every
 * configured group, AES-GCM without an integrity transform.
 */
class IkeProposals
{
  public:
    /**
     * \param suite this side's algorithms
     * \param spi empty in IKE_SA_INIT, the new 8-byte SPI when rekeying the IKE SA
     * \return an SA payload with one IKE proposal
     */
    static IkeSaPayload OfferIkeSa(const IkeSaSuite& suite, const std::vector<uint8_t>& spi);

    /**
     * \brief Responder: pick from the initiator's proposals. The group is this side's most
     * preferred group the initiator offered (it may differ from the initiator's KE payload:
     * then the answer is INVALID_KE_PAYLOAD).
     * \param offered the initiator's SA payload
     * \param suite this side's algorithms
     * \param[out] choice what was chosen
     * \param[out] accepted the chosen proposal reduced to one transform of each type, as the
     *             response carries it (its SPI is left to the caller)
     * \return whether a proposal fits (false: NO_PROPOSAL_CHOSEN)
     */
    static bool ChooseIkeSa(const IkeSaPayload& offered,
                            const IkeSaSuite& suite,
                            IkeSaChoice& choice,
                            IkeProposal& accepted);

    /**
     * \brief Initiator: check the responder's answer is one proposal, one transform of each
     * type, among what was offered.
     * \param answer the responder's SA payload
     * \param suite what this side offered
     * \param[out] choice what the responder chose
     * \param[out] spi the responder's SPI in the proposal (rekey), may be empty
     * \return whether the answer is acceptable
     */
    static bool AcceptIkeSa(const IkeSaPayload& answer,
                            const IkeSaSuite& suite,
                            IkeSaChoice& choice,
                            std::vector<uint8_t>& spi);

    /**
     * \param suite the ESP transform
     * \param spi this side's inbound SPI
     * \param pfsGroup the group of a KE payload sent along (PFS), or 0 for none
     * \return an SA payload with one ESP proposal
     */
    static IkeSaPayload OfferChildSa(const ChildSaSuite& suite, uint32_t spi, uint16_t pfsGroup);

    /**
     * \brief Either side: the one ESP proposal of the peer matches this side's transform
     * (and, with pfsGroup non-zero, offers that group).
     * \param sa the peer's SA payload
     * \param suite this side's transform
     * \param pfsGroup the group required, or 0 for none
     * \param[out] peerSpi the peer's inbound SPI (our outbound)
     * \param[out] proposalNumber the matching proposal's number
     * \return whether it matches
     */
    static bool MatchChildSa(const IkeSaPayload& sa,
                             const ChildSaSuite& suite,
                             uint16_t pfsGroup,
                             uint32_t& peerSpi,
                             uint8_t& proposalNumber);

    /**
     * \param list comma-separated names ("x25519,ecp256,modp2048")
     * \param[out] groups the groups in order, when every name is known
     * \param[out] error the first unknown name, when not
     * \return whether every name is known and the list is not empty
     */
    static bool ParseDhGroupList(const std::string& list,
                                 std::vector<DhGroup>& groups,
                                 std::string& error);
};

} // namespace ns3

#endif /* TCP_ENCAP_IKE_PROPOSALS_H */
