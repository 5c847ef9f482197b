/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_PEER_H
#define TCP_ENCAP_IKE_PEER_H

#include "ns3/diffie-hellman.h"
#include "ns3/esp-sa.h"
#include "ns3/event-id.h"
#include "ns3/ike-pending-queue.h"
#include "ns3/ike-sa.h"
#include "ns3/ike-session.h"
#include "ns3/nstime.h"
#include "ns3/traced-value.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/** What an outstanding request is for: decides how its response (or its loss) is handled. */
enum class IkeRequestKind : uint8_t
{
    NONE,             //!< no request outstanding
    INIT,             //!< IKE_SA_INIT
    AUTH,             //!< IKE_AUTH
    LIVENESS,         //!< empty INFORMATIONAL
    DELETE_CHILD,     //!< INFORMATIONAL{D(ESP)}
    DELETE_IKE,       //!< INFORMATIONAL{D(IKE)}, of the current or the rekeyed IKE SA
    REKEY_CHILD,      //!< CREATE_CHILD_SA{N(REKEY_SA), ...}
    REKEY_IKE,        //!< CREATE_CHILD_SA{SA(IKE), ...}
    UPDATE_ADDRESSES, //!< MOBIKE: INFORMATIONAL{N(UPDATE_SA_ADDRESSES)} on the new path
    RETURN_PROBE,     //!< MOBIKE: the same, sent once over UDP while on TCP
    PROBE_RECOVERY,   //!< MOBIKE: an unanswered probe, sent again over the stream
};

/**
 * \ingroup tcp-encap
 * \brief The outstanding request of an IKE SA (window size 1).
 */
struct IkeRequest
{
    using Kind = IkeRequestKind;
    using enum IkeRequestKind; // IkeRequest::INIT, ...

    Kind kind{NONE};            //!< what for
    Ptr<IkeSa> sa;              //!< the IKE SA it belongs to
    uint8_t exchangeType{0};    //!< exchange
    uint32_t messageId{0};      //!< Message ID
    std::vector<uint8_t> bytes; //!< as sent
    uint32_t sends{0};          //!< times sent
    Time firstSent;             //!< first send
    bool sentOnPath{false};     //!< a stream connection was up when last sent
    uint32_t pathGeneration{0}; //!< connections lost before it was last sent
    EventId timer;              //!< retransmission or give-up timer
    bool lastWait{false};       //!< UDP: no retransmission after this wait
    int via{-1};                //!< SwitchableEncapTransport::Kind to send on, -1: active
    uint32_t childSpi{0};       //!< Child SA concerned (inbound SPI): rekey, delete
};

/**
 * \ingroup tcp-encap
 * \brief One installed Child SA pair.
 */
struct IkeChildSa
{
    uint32_t inSpi{0};  //!< inbound SPI (ours)
    uint32_t outSpi{0}; //!< outbound SPI (the peer's)
    Ptr<EspSa> in;      //!< opens
    Ptr<EspSa> out;     //!< seals
    Time installed;     //!< when
};

/**
 * \ingroup tcp-encap
 * \brief A CREATE_CHILD_SA exchange this side started (Child SA or IKE SA rekey).
 */
struct IkePendingRekey
{
    std::vector<uint8_t> ni;           //!< our nonce
    std::unique_ptr<DiffieHellman> dh; //!< PFS or IKE rekey key pair
    uint32_t newInSpi{0};              //!< Child: our new inbound SPI
    uint64_t newSpiI{0};               //!< IKE: our new SPI
};

/**
 * \ingroup tcp-encap
 * \brief Everything about one IKE peer: its IKE SA (and the one a rekey replaced, and at a
 * responder one negotiated beside it that waits for its IKE_AUTH), the exchange under way,
 * its Child SAs, its connection and its timers.
 *
 * IkeSession keeps what is shared by whoever it talks to: configuration, the random source,
 * the cookie secret, the endpoint, the transport selection, counters and traces; it holds one
 * IkePeer. A gateway serving many clients (IpsecGateway) finds the client by SPI before IKE
 * runs and gives each client its own IkeSession (and so its own IkePeer, endpoint, counters,
 * timers and traces): the per-client unit also holds the client's SAD, SPD and transport
 * views, and no handler has to learn which peer it acts on.
 *
 * A plain aggregate with public fields: IkeSession and its parts (transport selection,
 * MOBIKE) act on it; it has no behaviour of its own beyond lookups and keeping the pending
 * queue in step with the old IKE SA.
 */
class IkePeer
{
  public:
    // The IKE SA
    TracedValue<IkeSession::State> state{IkeSession::IDLE}; //!< where the IKE SA is ("State")
    Ptr<IkeSa> sa;                                          //!< the current IKE SA
    Ptr<IkeSa> oldSa;    //!< the rekeyed one, until deleted (SetOldSa)
    Ptr<IkeSa> halfOpen; //!< responder: another IKE_SA_INIT's SA, beside sa, until IKE_AUTH
    std::unique_ptr<DiffieHellman> dh;    //!< initiator: IKE_SA_INIT key pair
    std::vector<uint8_t> cookie;          //!< initiator: cookie to echo
    DhGroup keGroup{DhGroup::CURVE25519}; //!< initiator: group of the KE payload sent
    uint32_t childInSpi{0};               //!< initiator: the IKE_AUTH Child SA's inbound SPI
    bool natDetected{false};              //!< NAT between the peers
    bool mobikeNegotiated{false};         //!< both announced MOBIKE_SUPPORTED
    bool peerSentHashes{false};           //!< the peer's IKE_SA_INIT had SIGNATURE_HASH_ALGORITHMS
    std::vector<uint16_t> peerHashes;     //!< the hash numbers it listed (RFC 7427 §4)
    uint16_t failure{0};                  //!< Notify type of the failure
    std::string peerIdentity;             //!< the peer's authenticated ID data
    bool initialContact{false};           //!< responder: IKE_AUTH carried INITIAL_CONTACT

    // Exchanges
    IkeRequest request;      //!< outstanding request
    IkePendingRekey rekey;   //!< CREATE_CHILD_SA this side started
    IkePendingQueue pending; //!< requests to start, by priority

    // Child SAs
    std::vector<IkeChildSa> children; //!< installed Child SAs, newest last
    TrafficSelector selector;         //!< responder: their traffic, as accepted
    bool selectorSet{false};          //!< responder: a Child SA was accepted (selector holds)

    // The connection (stream transports)
    bool pathUp{false};         //!< a stream connection is up
    uint32_t pathGeneration{0}; //!< connections lost so far

    // Timing
    Time startTime;             //!< Start or first IKE_SA_INIT request
    Time handshakeTime;         //!< duration, once established
    uint64_t handshakeBytes{0}; //!< bytes until established
    Time lastRx;                //!< last IKE message or ESP from the peer
    uint64_t lastEspRx{0};      //!< ESP opened at the last liveness check
    EventId livenessEvent;      //!< next liveness check
    EventId childRekeyEvent;    //!< next Child SA lifetime check
    EventId ikeRekeyEvent;      //!< IKE SA rekey

    /**
     * \brief The IKE SA a rekey replaced, kept until deleted. The side that started the rekey
     * deletes it (RFC 7296 §2.18): for it DELETE_OLD_IKE_SA stays pending exactly while there
     * is one; the other side keeps it to answer on until that DELETE comes.
     * \param old the replaced IKE SA, or nullptr once it is gone
     * \param deleteIt whether this side started the rekey and so sends its DELETE
     */
    void SetOldSa(Ptr<IkeSa> old, bool deleteIt = false);

    /** \param spi an inbound SPI \return the Child SA pair, or nullptr */
    IkeChildSa* FindChildByInbound(uint32_t spi);
    /** \param spi an outbound SPI \return the Child SA pair, or nullptr */
    IkeChildSa* FindChildByOutbound(uint32_t spi);

    /** \brief Cancel the IKE SA's timers (the request's too). */
    void CancelTimers();
};

} // namespace ns3

#endif /* TCP_ENCAP_IKE_PEER_H */
