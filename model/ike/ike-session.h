/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_SESSION_H
#define TCP_ENCAP_IKE_SESSION_H

#include "ns3/deterministic-random.h"
#include "ns3/diffie-hellman.h"
#include "ns3/event-id.h"
#include "ns3/ike-message.h"
#include "ns3/ike-proposals.h"
#include "ns3/ike-retransmit-policy.h"
#include "ns3/ike-sa.h"
#include "ns3/ike-signature-auth.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipsec-endpoint.h"
#include "ns3/ipsec-spd.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"
#include "ns3/type-id.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class IkeCredential;
class IkeMobikeMoves;
class IkePeer;
class IkeTransportMemory;
class IkeTransportSelection;
class SwitchableEncapTransport;
enum class IkeRequestKind : uint8_t; // ike-peer.h

/**
 * \ingroup tcp-encap
 * \brief One IKEv2 peer (RFC 7296) keying the Child SAs of an IpsecEndpoint, over whatever
 * transport the endpoint has: UDP (RFC 3948) or a TCP or TLS stream (RFC 9329).
 *
 * Exchanges: IKE_SA_INIT (SA, KE, Nonce, NAT_DETECTION_*; COOKIE and INVALID_KE_PAYLOAD
 * retries), IKE_AUTH (IDi/IDr, AUTH by pre-shared key or certificate, SA, TSi, TSr: the first
 * Child SA, keyed from KEYMAT = prf+(SK_d, Ni | Nr)), INFORMATIONAL (liveness checks, DELETE
 * of Child SAs and of the IKE SA) and CREATE_CHILD_SA (Child SA rekey, make-before-break,
 * optional PFS; IKE SA rekey). The transport's role decides the IKE role: the initiator is
 * the TCP originator.
 *
 * Requests, one at a time (window size 1): over UDP they are retransmitted by the
 * RetransmitPolicy; over a stream never on the same connection, but resent when a new
 * connection comes up while the response is outstanding, and given up after the policy's
 * total time (RFC 9329 §6.2). A responder answers a retransmitted request with the response
 * it keeps. When an exchange of an established IKE SA gets no response, the IKE SA and its
 * Child SAs are deleted. Only the original initiator starts rekeys (no simultaneous rekeys).
 *
 * Randomness (SPIs, nonces, DH private keys, cookie secret) comes from a DRBG seeded from an
 * ns-3 random stream (AssignStreams): same run, same bytes. A simulation choice: real IKE
 * must use a cryptographic random source.
 *
 * Structure (doc/ike-session.md): this class holds what is shared by whoever it talks to
 * (configuration, randomness, cookie secret, endpoint, counters, traces) and one IkePeer
 * (ike-peer.h) with everything about one IKE SA: its state, outstanding request, pending
 * requests (IkePendingQueue, a documented priority order), Child SAs, connection and timers.
 * A gateway for many clients (IpsecGateway) gives each client its own IkeSession, found by
 * SPI before Receive (see IkePeer). The initiator's choice of transport is an IkeTransportSelection
 * picked by TypeId (attribute TransportSelection, or the Fallback enum); moving an established SA
 * (MOBIKE) is IkeMobikeMoves. The methods are implemented in one file per responsibility:
 *  - ike-session.cc               attributes, configuration, start/stop, connection events
 *  - ike-session-counters.cc      the state, counters and handshake figures (getters)
 *  - ike-session-requests.cc      sending, retransmission, the pending queue, receiving and
 *                                 dispatching to one handler per exchange
 *  - ike-session-handshake.cc     IKE_SA_INIT and IKE_AUTH
 *  - ike-session-child-sa.cc      traffic selectors, installing and removing Child SAs
 *  - ike-session-informational.cc the established SA: liveness, DELETE, teardown
 *  - ike-session-rekey.cc         CREATE_CHILD_SA: Child SA rekey and IKE SA rekey
 */
class IkeSession : public Object
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();

    IkeSession();
    ~IkeSession() override;

    /** Where the IKE SA is. */
    enum State
    {
        IDLE,        //!< not started
        CONNECTING,  //!< initiator over a stream: waiting for the first connection
        INIT,        //!< IKE_SA_INIT under way
        AUTH,        //!< IKE_AUTH under way
        ESTABLISHED, //!< IKE SA up (with its Child SA unless that was refused)
        CLOSED,      //!< deleted by a DELETE exchange or Stop
        FAILED,      //!< negotiation failed, or the peer stopped answering
    };

    /**
     * How the initiator picks a transport when its endpoint has a SwitchableEncapTransport
     * (UDP and TCP/TLS); without one, the transport is simply the one installed.
     */
    enum FallbackPolicy
    {
        NO_FALLBACK, //!< use the active transport only
        SEQUENTIAL,  //!< UDP first; TCP after FallbackDelay (0: after one retransmission)
        RACE,        //!< UDP first; the same IKE_SA_INIT over TCP after RaceHeadStart too
        CACHED,      //!< what worked last time for this peer (IkeTransportMemory), else SEQUENTIAL
    };

    /**
     * \param policy a Fallback value
     * \return the IkeTransportSelection subclass that implements it
     */
    static TypeId GetSelectionTypeId(FallbackPolicy policy);

    /** How this side authenticates itself. */
    enum AuthMethod
    {
        PSK,         //!< pre-shared key (AUTH method 2)
        CERTIFICATE, //!< RFC 7427 digital signature with a certificate (AUTH method 14)
    };

    /**
     * TracedCallback signature for a state change.
     * \param from the old state
     * \param to the new state
     */
    typedef void (*StateTracedCallback)(State from, State to);

    /**
     * TracedCallback signature for an IKE message sent or received.
     * \param exchangeType ike::IKE_SA_INIT, ...
     * \param response whether a response
     * \param size bytes of the IKE message (header included, no marker or framing)
     */
    typedef void (*MessageTracedCallback)(uint8_t exchangeType, bool response, uint32_t size);

    /**
     * TracedCallback signature for the bytes of an IKE message sent.
     * \param bytes the message (header first; no marker, no framing), retransmissions too
     * \param stream whether it went out on a stream transport (TCP or TLS)
     */
    typedef void (*MessageBytesTracedCallback)(const std::vector<uint8_t>& bytes, bool stream);

    /**
     * TracedCallback signature for a completed handshake.
     * \param duration from Start (initiator) or the first IKE_SA_INIT request (responder)
     *        to the IKE SA and Child SA being usable
     */
    typedef void (*EstablishedTracedCallback)(Time duration);

    /**
     * TracedCallback signature for the keys of a new IKE SA (for Wireshark key logs).
     * \param spiI initiator SPI
     * \param spiR responder SPI
     * \param skEi SK_ei (key | salt)
     * \param skEr SK_er (key | salt)
     */
    typedef void (*IkeSaKeysTracedCallback)(uint64_t spiI,
                                            uint64_t spiR,
                                            const std::vector<uint8_t>& skEi,
                                            const std::vector<uint8_t>& skEr);

    /**
     * TracedCallback signature for a rekey.
     * \param oldSpi the replaced SA's inbound SPI (Child) or this side's SPI (IKE, low bits)
     * \param newSpi the new one's
     */
    typedef void (*RekeyTracedCallback)(uint64_t oldSpi, uint64_t newSpi);

    /**
     * TracedCallback signature for a liveness check's result.
     * \param alive whether the peer answered
     * \param rtt time to the answer (or to giving up)
     */
    typedef void (*LivenessTracedCallback)(bool alive, Time rtt);

    /**
     * \param endpoint the endpoint whose Child SAs this session keys (not owned)
     */
    void SetEndpoint(Ptr<IpsecEndpoint> endpoint);

    /**
     * \param selector the inner traffic of the Child SA, from this side's view (local =
     *        this side's inner addresses); the initiator proposes it as TSi/TSr, the
     *        responder accepts proposals inside it
     */
    void SetTrafficSelector(const TrafficSelector& selector);

    /**
     * Asked by a responder before it accepts a Child SA: the traffic it would cover (this
     * side's view, narrowed to what the initiator proposed), the initiator's authenticated
     * identity (IDi's data) and whether its IKE_AUTH carried INITIAL_CONTACT (RFC 7296 §2.4).
     * False refuses the Child SA with TS_UNACCEPTABLE (IKE_AUTH) or NO_PROPOSAL_CHOSEN
     * (CREATE_CHILD_SA). An IpsecGateway uses it to hand each client its own inner address.
     */
    typedef Callback<bool, const TrafficSelector&, const std::string&, bool> SelectorCheck;

    /** \param check asked before each Child SA is accepted (responder) */
    void SetTrafficSelectorCheck(SelectorCheck check);

    /**
     * \param inUse asked, besides the endpoint's SAD, whether an inbound Child SA SPI is taken:
     *        an IpsecGateway's clients share one SPI space (RFC 4301 §4.1)
     */
    void SetSpiInUse(Callback<bool, uint32_t> inUse);

    /**
     * \return the Child SAs' traffic: on a responder the part of its policy the initiator
     * proposed, once a Child SA was accepted; otherwise the policy of SetTrafficSelector
     */
    const TrafficSelector& GetChildSelector() const;

    /** \return the peer's authenticated identity (IDi/IDr data), empty before IKE_AUTH */
    const std::string& GetPeerIdentity() const;

    /** \param suite the ESP transform of the Child SAs */
    void SetChildSaSuite(const ChildSaSuite& suite);

    /**
     * \brief Certificate authentication: this side's key and certificate, and the peer's
     * certificate it trusts (pinned: the CERT payload received must be this one).
     * \param local this side's credential
     * \param trustedPeerCertificate the peer's certificate, DER
     */
    void SetCredentials(Ptr<IkeCredential> local,
                        const std::vector<uint8_t>& trustedPeerCertificate);

    /**
     * \param stream first stream index
     * \return number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * \param memory where the CACHED fallback policy remembers which transport worked for a
     *        peer (shared by the sessions of a study; nullptr: none)
     */
    void SetTransportMemory(Ptr<IkeTransportMemory> memory);

    /** \brief Start: the initiator begins IKE_SA_INIT (over a stream, once connected). */
    void Start();

    /** \brief Stop: cancel timers; SAs stay as they are (the simulation is ending). */
    void Stop();

    /** \brief Delete the IKE SA and its Child SAs with an INFORMATIONAL DELETE exchange. */
    void Delete();

    /**
     * \param message an IKE message (header first; no marker, no framing)
     * \param from where it came from
     */
    void Receive(Ptr<Packet> message, const Address& from);

    /** \return the state */
    State GetState() const;
    /** \return the time the handshake took, zero until ESTABLISHED */
    Time GetHandshakeTime() const;
    /** \return IKE bytes sent and received until ESTABLISHED, messages as in the trace */
    uint64_t GetHandshakeBytes() const;
    /** \return IKE messages sent (retransmissions and resends included) */
    uint64_t GetMessagesSent() const;
    /** \return IKE messages received */
    uint64_t GetMessagesReceived() const;
    /** \return IKE bytes sent */
    uint64_t GetBytesSent() const;
    /** \return IKE bytes received */
    uint64_t GetBytesReceived() const;
    /** \return requests retransmitted over UDP */
    uint64_t GetRetransmissions() const;
    /** \return requests resent on a new connection (stream transports) */
    uint64_t GetResends() const;
    /** \return retransmitted requests answered from the kept response (responder) */
    uint64_t GetCachedResponses() const;
    /** \return received IKE messages dropped (parse error, ICV, unknown SPI, Message ID) */
    uint64_t GetDrops() const;
    /** \return protected messages whose ICV failed */
    uint64_t GetIcvFailures() const;
    /** \return Child SA rekeys completed */
    uint64_t GetChildRekeys() const;
    /** \return IKE SA rekeys completed */
    uint64_t GetIkeRekeys() const;
    /** \return whether both sides announced MOBIKE_SUPPORTED (RFC 4555) */
    bool IsMobikeNegotiated() const;
    /** \return whether the IKE SA uses the stream transport now */
    bool IsOnStream() const;
    /** \return times the initiator gave up on UDP and started over on TCP (fallback) */
    uint64_t GetFallbacks() const;
    /** \return UPDATE_SA_ADDRESSES exchanges that moved the SA (sent or answered) */
    uint64_t GetAddressUpdates() const;
    /** \return probes of the UDP path sent while on TCP */
    uint64_t GetReturnProbes() const;
    /**
     * \brief MOBIKE (RFC 4555, RFC 9329 §7.1): move the IKE SA and its Child SAs to the other
     * transport with UPDATE_SA_ADDRESSES, as after a network change. Initiator only, with
     * MOBIKE negotiated and a SwitchableEncapTransport; otherwise nothing happens.
     * \param toStream true: to TCP/TLS; false: back to UDP
     */
    void MoveTransport(bool toStream);

    /**
     * \brief Rekey the newest Child SA now (CREATE_CHILD_SA with REKEY_SA, make before break),
     * as when its lifetime is over. Either side may start it (RFC 7296 §2.8): the side that
     * starts the exchange takes the first keys of KEYMAT (§2.17) and deletes the old pair.
     * Queued behind the request outstanding, if any; nothing happens unless ESTABLISHED.
     * Simultaneous rekeys of one Child SA by both sides (§2.8.1) are not resolved: do not
     * start one on each side at the same time.
     */
    void RekeyChildSa();

    /**
     * \brief Rekey the IKE SA now (CREATE_CHILD_SA with SA(IKE), RFC 7296 §1.3.2, §2.18). Either
     * side may start it; the side that starts it is the initiator of the new IKE SA and deletes
     * the old one. Queued as RekeyChildSa is.
     */
    void RekeyIkeSa();

    /** \return COOKIE and INVALID_KE_PAYLOAD retries of IKE_SA_INIT (initiator) */
    uint64_t GetInitRetries() const;
    /** \return the Notify error type that ended the negotiation, or 0 */
    uint16_t GetFailureNotify() const;
    /** \return whether NAT detection found a NAT between the peers */
    bool IsNatDetected() const;
    /** \return the current IKE SA, or nullptr */
    Ptr<IkeSa> GetIkeSa() const;
    /** \return the inbound SPI of the current Child SA, 0 if none */
    uint32_t GetChildInboundSpi() const;

  protected:
    void DoDispose() override;

  private:
    friend class IkeTransportSelection; // its protected helpers reach the session for policies
    friend class IkeMobikeMoves;        // moves the established IKE SA

    // --- ike-session.cc: set-up, helpers, start and stop, connection events ---
    /** \param s the IKE SA's new state ("State" trace) */
    void SetState(State s);
    /** \brief Check and parse the attributes (aborts with the attribute's name). */
    void CheckConfiguration();
    /** \param out where \param size bytes from the DRBG */
    void Random(uint8_t* out, std::size_t size);
    /** \return a new non-zero IKE SPI */
    uint64_t NewIkeSpi();
    /** \return a new inbound Child SA SPI, not in the SAD */
    uint32_t NewChildSpi();
    /** \return a new nonce of NonceSize bytes */
    std::vector<uint8_t> NewNonce();
    /** \return whether this side is the IKE initiator (the transport's initiator) */
    bool IsInitiator() const;
    /** \return whether the active transport is a stream */
    bool IsStream() const;
    /** \return the retransmission policy from the attributes */
    IkeRetransmitPolicy GetPolicy() const;
    /** \return the endpoint's SwitchableEncapTransport, or nullptr */
    Ptr<SwitchableEncapTransport> GetSwitchable() const;
    /** \brief Over a stream before the connection is up: CONNECTING, for a limited time. */
    void WaitForConnection();
    /** \brief No connection came up in time. */
    void ConnectTimeout();
    /** \brief Fallback: give up on UDP, start IKE_SA_INIT again on the stream. */
    void StartOverOnStream();
    /** \brief A stream connection came up. */
    void PathUp();
    /** \brief The stream connection went down. */
    void PathDown();
    /**
     * \brief The "State" trace source lives in IkePeer (a TracedValue): an accessor that
     * reaches it through m_peer.
     * \return the accessor
     */
    static Ptr<const TraceSourceAccessor> MakeStateAccessor();

    // --- ike-session-requests.cc: sending, requests, receiving and dispatch ---
    /**
     * \param bytes an IKE message, counted and traced
     * \param via SwitchableEncapTransport::Kind to send on, -1: the active transport
     */
    void SendBytes(const std::vector<uint8_t>& bytes, int via = -1);
    /**
     * \brief Send a request and keep it outstanding until answered or given up.
     * \param kind what for \param sa its IKE SA \param exchangeType exchange
     * \param messageId Message ID \param bytes the message \param via transport, -1: active
     */
    void StartRequest(IkeRequestKind kind,
                      Ptr<IkeSa> sa,
                      uint8_t exchangeType,
                      uint32_t messageId,
                      std::vector<uint8_t> bytes,
                      int via = -1);
    /** \brief (Re)send the outstanding request and arm its timer. */
    void SendRequestNow();
    /** \brief The outstanding request's timer: retransmit, move, fall back or give up. */
    void RequestTimeout();
    /** \brief No request outstanding any more. */
    void EndRequest();
    /** \brief Start the most urgent pending request (IkePendingQueue), if none is out. */
    void NextRequest();
    /**
     * \param sa the IKE SA \param request the request's header \param payloads the answer
     * \param protect inside SK \param via transport, -1: the active one
     * \return the response as sent (kept for retransmissions)
     */
    std::vector<uint8_t> Respond(Ptr<IkeSa> sa,
                                 const IkeHeader& request,
                                 const std::vector<IkePayload>& payloads,
                                 bool protect,
                                 int via = -1);
    /** \brief An unprotected error answer, no state kept: to IKE_SA_INIT, or
     *  INVALID_MAJOR_VERSION to a request in another version. */
    void RespondError(const IkeHeader& request,
                      uint16_t notifyType,
                      const std::vector<uint8_t>& data);
    /** \brief An authentic protected message that is malformed inside: INVALID_SYNTAX to a
     *  request, and the IKE SA is deleted (RFC 7296 §2.21.3). */
    void HandleBadSyntax(Ptr<IkeSa> sa, const IkeHeader& header);
    /** \brief A protected request: to its exchange's handler. */
    void HandleRequest(Ptr<IkeSa> sa,
                       const IkeHeader& header,
                       const std::vector<IkePayload>& inner);
    /** \brief The response to the outstanding request: to the handler of the request's kind. */
    void HandleResponse(Ptr<IkeSa> sa,
                        const IkeHeader& header,
                        const std::vector<IkePayload>& inner);

    // --- ike-session-handshake.cc: IKE_SA_INIT and IKE_AUTH ---
    /** \brief Initiator: IKE_SA_INIT (again after COOKIE or INVALID_KE_PAYLOAD). */
    void SendInitRequest();
    /**
     * \param sa the initiator's IKE SA it is for (its SPIi and nonce; the cookie only for
     *        the current one)
     * \param via transport it goes on, whose path NAT detection hashes; -1: the active one
     * \return the IKE_SA_INIT request
     */
    std::vector<uint8_t> BuildInitRequest(Ptr<IkeSa> sa, int via);
    /**
     * \param via SwitchableEncapTransport::Kind, -1: the active transport
     * \param local this side's address and port on that transport's path
     * \param peer the peer's
     * \return whether the path is known (over a stream: a connection is up)
     */
    bool GetPathOn(int via, InetSocketAddress& local, InetSocketAddress& peer) const;
    /** \brief Add NAT_DETECTION_*_IP for the path of a transport (-1: the one in use). */
    void AddNatDetection(std::vector<IkePayload>& payloads,
                         uint64_t spiI,
                         uint64_t spiR,
                         int via = -1) const;
    /**
     * \brief After the handshake (MOBIKE, RFC 4555 §3.5): compare the NAT_DETECTION hashes of
     * an UPDATE_SA_ADDRESSES or of its response with the path it came by, and follow it (NAT
     * state, NAT-keepalives over UDP). Nothing changes without the notifications.
     * \param payloads the message's payloads (inside SK)
     * \param via the transport it came by (-1: the active one)
     */
    void CheckPathNatDetection(const std::vector<IkePayload>& payloads, int via);
    /** \brief Compare the peer's NAT_DETECTION hashes with what this side sees. */
    void CheckNatDetection(const IkeMessage& message,
                           uint64_t spiI,
                           uint64_t spiR,
                           const Address& from);
    /** \return the COOKIE this responder expects for an IKE_SA_INIT request from there */
    std::vector<uint8_t> Cookie(const IkeMessage& message, const Address& from) const;
    /** \brief Responder: IKE_SA_INIT request (a new IKE SA, or a cookie/KE demand). */
    void HandleInitRequest(const IkeMessage& message,
                           const std::vector<uint8_t>& bytes,
                           const Address& from);
    /** \brief Initiator: IKE_SA_INIT response (keys, or a retry, or failure). */
    void HandleInitResponse(const IkeMessage& message,
                            const std::vector<uint8_t>& bytes,
                            const Address& from);
    /** \return whether the IKE SA's keys could be derived from the exchange */
    bool ComputeIkeSaKeys(Ptr<IkeSa> sa,
                          const IkeSaChoice& choice,
                          DiffieHellman& dh,
                          const IkeKePayload& peerKe);
    /** \brief Initiator: IKE_AUTH with the first Child SA. */
    void SendAuthRequest();
    /** \brief Responder: IKE_AUTH request (authenticate, install the Child SA). */
    void HandleAuthRequest(Ptr<IkeSa> sa,
                           const IkeHeader& header,
                           const std::vector<IkePayload>& inner);
    /** \brief Initiator: IKE_AUTH response (the IKE SA is up, with or without Child SA). */
    void HandleAuthResponse(const std::vector<IkePayload>& inner);
    /** \brief With certificates: SIGNATURE_HASH_ALGORITHMS, the hashes we verify (RFC 7427 §4). */
    void AddSignatureHashes(std::vector<IkePayload>& payloads) const;
    /** \brief With certificates: CERTREQ for the pinned peer certificate's key (RFC 7296 §3.7:
     *  a peer may send its CERT only when asked, as strongSwan's default does). */
    void AddCertificateRequest(std::vector<IkePayload>& payloads) const;
    /** \brief Note the hashes the peer's IKE_SA_INIT announced, if any. */
    void NoteSignatureHashes(const IkeMessage& message);
    /** \return this side's identity */
    IkeIdPayload LocalId() const;
    /** \brief Add ID, [CERT] and AUTH. */
    void AddAuthentication(Ptr<IkeSa> sa, std::vector<IkePayload>& payloads);
    /** \return whether the peer's ID and AUTH check out */
    bool VerifyAuthentication(Ptr<IkeSa> sa, const std::vector<IkePayload>& inner);

    // --- ike-session-child-sa.cc: Child SAs ---
    /** \return TSi and TSr as this side proposes them when it starts an exchange (TSi: its own
     *  side, RFC 7296 §2.9) */
    std::vector<IkePayload> TrafficSelectorPayloads() const;
    /**
     * \brief Responder: check the proposed TSi/TSr against this side's policy and the selector
     * check, and keep them as the IKE SA's Child SA traffic (IkePeer::selector).
     * \param inner the request's payloads
     * \return whether they lie inside the policy, match the IKE SA's earlier Child SAs and pass
     * the check
     */
    bool AcceptTrafficSelectors(const std::vector<IkePayload>& inner);
    /**
     * \brief Derive KEYMAT and install a Child SA pair in the endpoint.
     * \param sa the IKE SA whose SK_d keys it \param ni the exchange initiator's nonce
     * \param nr the exchange responder's nonce \param gir PFS shared secret, or empty
     * \param inSpi our SPI \param outSpi the peer's SPI
     * \param exchangeInitiator whether this side started the exchange that creates the pair:
     *        its outbound keys come first in KEYMAT (RFC 7296 §2.17), whatever the IKE roles
     * \param switchOutbound seal with the new outbound SA at once (else after SetOutboundSa)
     */
    void InstallChildSa(Ptr<IkeSa> sa,
                        const std::vector<uint8_t>& ni,
                        const std::vector<uint8_t>& nr,
                        const std::vector<uint8_t>& gir,
                        uint32_t inSpi,
                        uint32_t outSpi,
                        bool exchangeInitiator,
                        bool switchOutbound);
    /** \param inSpi the inbound SPI of the pair to remove from the endpoint */
    void RemoveChild(uint32_t inSpi);
    /** \brief Remove every Child SA. */
    void RemoveAllChildren();

    // --- ike-session-informational.cc: the established IKE SA ---
    /** \brief The IKE SA is up: traces, memory, MOBIKE probes, lifetimes, pending work. */
    void Established();
    /** \brief Arm the liveness, Child SA and IKE SA lifetime timers. */
    void ScheduleLifetimes();
    /** \brief Periodic: queue a liveness check when the peer has been silent. */
    void CheckLiveness();
    /** \brief Request: empty INFORMATIONAL (liveness, or a new connection). */
    void SendEmptyInformational();
    /** \param rtt time to the answer of a liveness check */
    void HandleLivenessResponse(Time rtt);
    /** \param sa the IKE SA to delete (current, or the one a rekey replaced) */
    void SendDeleteIke(Ptr<IkeSa> sa);
    /** \param sa the IKE SA whose DELETE was answered */
    void HandleDeleteIkeResponse(Ptr<IkeSa> sa);
    /** \param inSpi the inbound SPI of the Child SA pair to delete */
    void SendDeleteChild(uint32_t inSpi);
    /** \param inSpi the inbound SPI of the Child SA pair whose DELETE was answered */
    void HandleDeleteChildResponse(uint32_t inSpi);
    /** \brief INFORMATIONAL request: Child SA deletes, liveness, MOBIKE update, errors. */
    void HandleInformationalRequest(Ptr<IkeSa> sa,
                                    const IkeHeader& header,
                                    const std::vector<IkePayload>& inner);
    /** \brief INFORMATIONAL request with D(IKE): the IKE SA (or the rekeyed one) goes. */
    void HandleDeleteIkeRequest(Ptr<IkeSa> sa, const IkeHeader& header);
    /** \param notify the Notify type that ended the negotiation, or 0 */
    void Fail(uint16_t notify);
    /** \param to CLOSED or FAILED: timers off, Child SAs removed, nothing pending */
    void TearDown(State to);
    /**
     * \brief Responder: IKE_AUTH arrived for the IKE SA negotiated beside the current one
     * (IkePeer::halfOpen): it becomes the current one, replacing it (its Child SAs go).
     */
    void PromoteHalfOpen();

    // --- ike-session-rekey.cc: CREATE_CHILD_SA ---
    /** \brief Periodic: queue a Child SA rekey when its time or bytes are up. */
    void CheckChildLifetime();
    /** \brief The IKE SA's lifetime is over: queue its rekey. */
    void StartIkeRekeyWhenFree();
    /** \brief Request: CREATE_CHILD_SA{N(REKEY_SA), SA, Ni, [KEi], TSi, TSr}. */
    void StartChildRekey();
    /** \brief Rekey started here: the new Child SA pair goes in, the old one is queued for
     *  DELETE. */
    void HandleChildRekeyResponse(const std::vector<IkePayload>& inner);
    /** \brief Request: CREATE_CHILD_SA{SA(IKE), Ni, KEi}. */
    void StartIkeRekey();
    /** \brief Rekey started here: the new IKE SA takes over, the old one is queued for
     *  DELETE. */
    void HandleIkeRekeyResponse(const std::vector<IkePayload>& inner);
    /** \brief CREATE_CHILD_SA request: common checks, then one of the two handlers below. */
    void HandleCreateChildRequest(Ptr<IkeSa> sa,
                                  const IkeHeader& header,
                                  const std::vector<IkePayload>& inner);
    /** \brief Responder: IKE SA rekey (RFC 7296 §1.3.2). */
    void HandleIkeRekeyRequest(Ptr<IkeSa> sa,
                               const IkeHeader& header,
                               const std::vector<IkePayload>& inner,
                               const std::vector<uint8_t>& nonceR);
    /** \brief Responder: Child SA rekey, make before break (RFC 7296 §1.3.3). */
    void HandleChildRekeyRequest(Ptr<IkeSa> sa,
                                 const IkeHeader& header,
                                 const std::vector<IkePayload>& inner,
                                 const std::vector<uint8_t>& nonceR);

    // Configuration (attributes)
    AuthMethod m_authMethod;                //!< PSK or certificates
    std::string m_psk;                      //!< pre-shared key
    std::string m_localId;                  //!< this side's FQDN identity ("" = by role)
    std::string m_peerId;                   //!< required peer identity ("" = any)
    uint16_t m_encrKeyBits;                 //!< SK payload AES key
    std::string m_prfName;                  //!< PRF
    std::string m_dhGroupNames;             //!< groups by preference
    std::string m_signatureHashNames;       //!< RFC 7427 hashes announced and accepted
    IkeRetransmitPolicy::Kind m_policyKind; //!< retransmission schedule
    Time m_retransmitTimeout;               //!< first wait (0: the policy's default)
    Time m_retransmitBudget;                //!< libreswan total
    double m_retransmitBase;                //!< strongSwan growth
    uint32_t m_retransmitTries;             //!< strongSwan tries
    Time m_livenessInterval;                //!< 0: off
    Time m_childLifetime;                   //!< Child SA rekey time, 0: never
    uint64_t m_childLifetimeBytes;          //!< Child SA rekey volume, 0: never
    Time m_ikeLifetime;                     //!< IKE SA rekey time, 0: never
    bool m_pfs;                             //!< KE in Child SA rekeys
    uint32_t m_cookieThreshold;             //!< half-open SAs from which cookies are demanded
    uint32_t m_nonceSize;                   //!< bytes
    bool m_sendInitialContact;              //!< INITIAL_CONTACT in IKE_AUTH
    FallbackPolicy m_fallback;              //!< transport choice at start (the enum)
    TypeId m_selectionType;                 //!< the IkeTransportSelection (base: by m_fallback)
    Time m_fallbackDelay;                   //!< SEQUENTIAL: when to give up on UDP (0: auto)
    Time m_raceHeadStart;                   //!< RACE: UDP's head start
    bool m_mobike;                          //!< announce MOBIKE_SUPPORTED
    Time m_mobikeSwitchTimeout;             //!< unanswered on UDP this long: move to TCP
    Time m_returnProbeInterval;             //!< on TCP: probe UDP this often (0: never)
    Ptr<IkeTransportMemory> m_memory;       //!< CACHED: what worked before

    // Parsed configuration
    IkeSaSuite m_suite;                              //!< IKE SA algorithms
    ChildSaSuite m_childSuite;                       //!< ESP transform
    std::vector<IkeSignatureHash> m_signatureHashes; //!< parsed SignatureHashes
    TrafficSelector m_selector;                      //!< Child SA traffic
    bool m_selectorSet{false};                       //!< SetTrafficSelector was called
    SelectorCheck m_selectorCheck;                   //!< responder: asked before a Child SA
    Callback<bool, uint32_t> m_spiInUse;             //!< inbound SPIs taken elsewhere

    // Collaborators, shared by the peers
    Ptr<IpsecEndpoint> m_endpoint;          //!< the keyed endpoint
    Ptr<IkeCredential> m_credential;        //!< certificate authentication
    std::vector<uint8_t> m_trustedPeerCert; //!< pinned peer certificate
    Ptr<UniformRandomVariable> m_rng;       //!< seeds the DRBG
    Ptr<DeterministicRandom> m_random;      //!< SPIs, nonces, keys
    std::vector<uint8_t> m_cookieSecret;    //!< responder cookie key
    Ptr<IkeTransportSelection> m_selection; //!< initiator: picks IKE_SA_INIT's transport
    Ptr<IkeMobikeMoves> m_mobikeMoves;      //!< initiator: moves the established IKE SA

    // The peer: one IKE SA, its exchanges, Child SAs, connection and timers
    std::unique_ptr<IkePeer> m_peer; //!< the peer (a gateway has a session per client)

    // Counters (the session's: all peers together)
    uint64_t m_messagesTx{0};      //!< IKE messages sent
    uint64_t m_messagesRx{0};      //!< IKE messages received
    uint64_t m_bytesTx{0};         //!< IKE bytes sent
    uint64_t m_bytesRx{0};         //!< IKE bytes received
    uint64_t m_retransmissions{0}; //!< UDP retransmissions
    uint64_t m_resends{0};         //!< resends on a new connection
    uint64_t m_cachedResponses{0}; //!< answered from the kept response
    uint64_t m_drops{0};           //!< dropped messages
    uint64_t m_icvFailures{0};     //!< SK ICV failures
    uint64_t m_childRekeys{0};     //!< Child SA rekeys
    uint64_t m_ikeRekeys{0};       //!< IKE SA rekeys
    uint64_t m_initRetries{0};     //!< COOKIE and INVALID_KE retries
    uint64_t m_fallbacks{0};       //!< UDP given up for the stream
    uint64_t m_addressUpdates{0};  //!< MOBIKE moves
    uint64_t m_returnProbes{0};    //!< MOBIKE UDP probes

    // Traces ("State" is IkePeer::state)
    TracedCallback<uint8_t, bool, uint32_t> m_txTrace;
    TracedCallback<uint8_t, bool, uint32_t> m_rxTrace;
    TracedCallback<const std::vector<uint8_t>&, bool> m_txBytesTrace;
    TracedCallback<Time> m_establishedTrace;
    TracedCallback<uint64_t, uint64_t, const std::vector<uint8_t>&, const std::vector<uint8_t>&>
        m_keysTrace;
    TracedCallback<uint64_t, uint64_t> m_childRekeyTrace;
    TracedCallback<uint64_t, uint64_t> m_ikeRekeyTrace;
    TracedCallback<bool, Time> m_livenessTrace;
};

/** \param s a state \return its name */
const char* ToString(IkeSession::State s);

} // namespace ns3

#endif /* TCP_ENCAP_IKE_SESSION_H */
