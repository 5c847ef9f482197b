/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_SA_H
#define TCP_ENCAP_IKE_SA_H

#include "ns3/ike-key-schedule.h"
#include "ns3/ike-prf.h"
#include "ns3/ike-proposals.h"
#include "ns3/ike-sk-protection.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief The state of one IKE SA (RFC 7296): its SPIs, negotiated algorithms, keys, SK
 * payload protection and Message IDs, with the last response kept for retransmitted requests
 * (§2.1, window size 1).
 *
 * The exchanges themselves are IkeSession's; an IkeSession holds one IkeSa, two while the IKE
 * SA is being rekeyed (§2.18).
 */
class IkeSa : public SimpleRefCount<IkeSa>
{
  public:
    /**
     * \param originalInitiator whether this side started the exchange that made the SA
     * \param spiI the initiator's SPI
     */
    IkeSa(bool originalInitiator, uint64_t spiI);

    /** \return whether this side is the SA's original initiator (I flag set on its messages) */
    bool IsOriginalInitiator() const;
    /** \return the initiator's SPI */
    uint64_t GetSpiI() const;
    /** \return the responder's SPI (0 until known) */
    uint64_t GetSpiR() const;
    /** \param spiR the responder's SPI */
    void SetSpiR(uint64_t spiR);

    /**
     * \brief Derive SK_d ... SK_pr from SKEYSEED and key the SK payload (both SPIs known).
     * \param choice the negotiated algorithms
     * \param skeyseed SKEYSEED (§2.14, or §2.18 for a rekeyed SA)
     * \param ni the initiator's nonce of the exchange that made the SA
     * \param nr the responder's nonce
     */
    void DeriveKeys(const IkeSaChoice& choice,
                    const std::vector<uint8_t>& skeyseed,
                    const std::vector<uint8_t>& ni,
                    const std::vector<uint8_t>& nr);

    /** \return whether DeriveKeys was called */
    bool HasKeys() const;
    /** \return the negotiated algorithms */
    const IkeSaChoice& GetChoice() const;
    /** \return the PRF (valid once the choice is known) */
    IkePrf& GetPrf();
    /** \return the keys */
    const IkeSaKeys& GetKeys() const;

    /**
     * \param exchangeType the exchange
     * \param response whether a response
     * \param messageId the Message ID
     * \return a header with this SA's SPIs and this side's I and R flags
     */
    IkeHeader MakeHeader(uint8_t exchangeType, bool response, uint32_t messageId) const;

    /**
     * \param header the header
     * \param inner the payloads to protect
     * \return the message as sent
     */
    std::vector<uint8_t> Protect(const IkeHeader& header, const std::vector<IkePayload>& inner);

    /**
     * \param bytes a received message
     * \param message it, parsed
     * \param[out] inner its decrypted payloads
     * \return the outcome
     */
    IkeSkStatus Unprotect(const std::vector<uint8_t>& bytes,
                          const IkeMessage& message,
                          std::vector<IkePayload>& inner);

    /** \return the Message ID for this side's next request, and count it used */
    uint32_t TakeRequestId();
    /** \return the Message ID this side's next request will use */
    uint32_t PeekRequestId() const;
    /** \return the Message ID the peer's next request must have */
    uint32_t GetExpectedRequestId() const;

    /**
     * \brief A request was answered: keep the response for a retransmission of it.
     * \param messageId the request's Message ID (must be the expected one)
     * \param response the response as sent
     */
    void KeepResponse(uint32_t messageId, const std::vector<uint8_t>& response);

    /**
     * \param messageId a request's Message ID
     * \return the response sent to it if it was the last request answered, else nullptr
     */
    const std::vector<uint8_t>* FindResponse(uint32_t messageId) const;

    std::vector<uint8_t> ni;           //!< initiator's nonce (of the exchange that made the SA)
    std::vector<uint8_t> nr;           //!< responder's nonce
    std::vector<uint8_t> initRequest;  //!< IKE_SA_INIT request as sent (AUTH signs it)
    std::vector<uint8_t> initResponse; //!< IKE_SA_INIT response as sent

  private:
    bool m_originalInitiator;                      //!< I flag on our messages
    uint64_t m_spiI;                               //!< initiator SPI
    uint64_t m_spiR{0};                            //!< responder SPI
    IkeSaChoice m_choice;                          //!< algorithms
    std::unique_ptr<IkePrf> m_prf;                 //!< the PRF, made once
    IkeSaKeys m_keys;                              //!< SK_d ... SK_pr
    std::unique_ptr<IkeSkProtection> m_protection; //!< SK payload, keyed
    uint32_t m_nextRequestId{0};                   //!< ours
    uint32_t m_expectedRequestId{0};               //!< the peer's
    bool m_hasResponse{false};                     //!< a response is kept
    uint32_t m_responseId{0};                      //!< the Message ID it answered
    std::vector<uint8_t> m_response;               //!< the last response sent
};

} // namespace ns3

#endif /* TCP_ENCAP_IKE_SA_H */
