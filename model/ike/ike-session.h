/*
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
#include "ns3/ipsec-endpoint.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/spd.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class IkeCredential;
class IkeTransportMemory;
class SwitchableEncapTransport;

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
    /** What an outstanding request is for: decides how its response is handled. */
    enum RequestKind
    {
        REQ_NONE,
        REQ_INIT,
        REQ_AUTH,
        REQ_LIVENESS,
        REQ_DELETE_CHILD,
        REQ_DELETE_IKE,
        REQ_REKEY_CHILD,
        REQ_REKEY_IKE,
        REQ_UPDATE_ADDRESSES,
        REQ_RETURN_PROBE,
        REQ_PROBE_RECOVERY,
    };

    /** The outstanding request (window size 1). */
    struct Request
    {
        RequestKind kind{REQ_NONE}; //!< what for
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

    /** One Child SA pair. */
    struct ChildSa
    {
        uint32_t inSpi{0};  //!< inbound SPI (ours)
        uint32_t outSpi{0}; //!< outbound SPI (the peer's)
        Ptr<EspSa> in;      //!< opens
        Ptr<EspSa> out;     //!< seals
        Time installed;     //!< when
    };

    /** State of a CREATE_CHILD_SA exchange this side started. */
    struct PendingRekey
    {
        std::vector<uint8_t> ni;           //!< our nonce
        std::unique_ptr<DiffieHellman> dh; //!< PFS or IKE rekey key pair
        uint32_t newInSpi{0};              //!< Child: our new inbound SPI
        uint64_t newSpiI{0};               //!< IKE: our new SPI
    };

    // Set-up and helpers
    void SetState(State s);
    void CheckConfiguration();
    void Random(uint8_t* out, std::size_t size);
    uint64_t NewIkeSpi();
    uint32_t NewChildSpi();
    std::vector<uint8_t> NewNonce();
    bool IsInitiator() const;
    bool IsStream() const;
    IkeRetransmitPolicy GetPolicy() const;

    // Sending
    void SendBytes(const std::vector<uint8_t>& bytes, int via = -1);
    Ptr<SwitchableEncapTransport> GetSwitchable() const;
    /** \return whether the outstanding request is a SEQUENTIAL (or CACHED) IKE_SA_INIT over
     * UDP that may give way to the stream */
    bool FallsBackSequentially() const;
    void FallBack();
    void StartRace();
    void ProbeReturn();
    void SendUpdateAddresses(int via, uint32_t messageId);
    bool ShouldMoveToStream() const;
    void StartRequest(RequestKind kind,
                      Ptr<IkeSa> sa,
                      uint8_t exchangeType,
                      uint32_t messageId,
                      std::vector<uint8_t> bytes,
                      int via = -1);
    void SendRequestNow();
    void RequestTimeout();
    void EndRequest();
    std::vector<uint8_t> Respond(Ptr<IkeSa> sa,
                                 const IkeHeader& request,
                                 const std::vector<IkePayload>& payloads,
                                 bool protect);
    void RespondError(const IkeHeader& request,
                      uint16_t notifyType,
                      const std::vector<uint8_t>& data);
    void PathUp();
    void PathDown();
    void ConnectTimeout();
    void NextRequest();

    // IKE_SA_INIT and IKE_AUTH
    void SendInitRequest();
    void AddNatDetection(std::vector<IkePayload>& payloads, uint64_t spiI, uint64_t spiR) const;
    void CheckNatDetection(const IkeMessage& message,
                           uint64_t spiI,
                           uint64_t spiR,
                           const Address& from);
    void HandleInitRequest(const IkeMessage& message,
                           const std::vector<uint8_t>& bytes,
                           const Address& from);
    void HandleInitResponse(const IkeMessage& message,
                            const std::vector<uint8_t>& bytes,
                            const Address& from);
    bool ComputeIkeSaKeys(Ptr<IkeSa> sa,
                          const IkeSaChoice& choice,
                          DiffieHellman& dh,
                          const IkeKePayload& peerKe);
    void SendAuthRequest();
    void HandleAuthRequest(Ptr<IkeSa> sa,
                           const IkeHeader& header,
                           const std::vector<IkePayload>& inner);
    void HandleAuthResponse(const std::vector<IkePayload>& inner);
    IkeIdPayload LocalId() const;
    void AddAuthentication(Ptr<IkeSa> sa, std::vector<IkePayload>& payloads);
    bool VerifyAuthentication(Ptr<IkeSa> sa, const std::vector<IkePayload>& inner);
    std::vector<uint8_t> Cookie(const IkeMessage& message, const Address& from) const;

    // Child SAs
    std::vector<IkePayload> TrafficSelectorPayloads() const;
    bool AcceptTrafficSelectors(const std::vector<IkePayload>& inner) const;
    void InstallChildSa(Ptr<IkeSa> sa,
                        const std::vector<uint8_t>& ni,
                        const std::vector<uint8_t>& nr,
                        const std::vector<uint8_t>& gir,
                        uint32_t inSpi,
                        uint32_t outSpi,
                        bool switchOutbound);
    ChildSa* FindChildByInbound(uint32_t spi);
    ChildSa* FindChildByOutbound(uint32_t spi);
    void RemoveChild(uint32_t inSpi);
    void RemoveAllChildren();

    // Established SA
    void Established();
    void HandleRequest(Ptr<IkeSa> sa,
                       const IkeHeader& header,
                       const std::vector<IkePayload>& inner);
    void HandleInformationalRequest(Ptr<IkeSa> sa,
                                    const IkeHeader& header,
                                    const std::vector<IkePayload>& inner);
    void HandleCreateChildRequest(Ptr<IkeSa> sa,
                                  const IkeHeader& header,
                                  const std::vector<IkePayload>& inner);
    void HandleResponse(Ptr<IkeSa> sa,
                        const IkeHeader& header,
                        const std::vector<IkePayload>& inner);
    void ScheduleLifetimes();
    void CheckLiveness();
    void CheckChildLifetime();
    void StartChildRekey();
    void FinishChildRekey(const std::vector<IkePayload>& inner);
    void StartIkeRekey();
    void StartIkeRekeyWhenFree();
    void FinishIkeRekey(const std::vector<IkePayload>& inner);
    void SendDeleteChild(uint32_t inSpi);
    void SendEmptyInformational();
    void Fail(uint16_t notify);
    void TearDown(State to);

    // Configuration (attributes)
    AuthMethod m_authMethod;                //!< PSK or certificates
    std::string m_psk;                      //!< pre-shared key
    std::string m_localId;                  //!< this side's FQDN identity ("" = by role)
    std::string m_peerId;                   //!< required peer identity ("" = any)
    uint16_t m_encrKeyBits;                 //!< SK payload AES key
    std::string m_prfName;                  //!< PRF
    std::string m_dhGroupNames;             //!< groups by preference
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
    FallbackPolicy m_fallback;              //!< transport choice at start
    Time m_fallbackDelay;                   //!< SEQUENTIAL: when to give up on UDP (0: auto)
    Time m_raceHeadStart;                   //!< RACE: UDP's head start
    bool m_mobike;                          //!< announce MOBIKE_SUPPORTED
    Time m_mobikeSwitchTimeout;             //!< unanswered on UDP this long: move to TCP
    Time m_returnProbeInterval;             //!< on TCP: probe UDP this often (0: never)
    Ptr<IkeTransportMemory> m_memory;       //!< CACHED: what worked before

    // Parsed configuration
    IkeSaSuite m_suite;         //!< IKE SA algorithms
    ChildSaSuite m_childSuite;  //!< ESP transform
    TrafficSelector m_selector; //!< Child SA traffic
    bool m_selectorSet{false};  //!< SetTrafficSelector was called

    // Collaborators
    Ptr<IpsecEndpoint> m_endpoint;          //!< the keyed endpoint
    Ptr<IkeCredential> m_credential;        //!< certificate authentication
    std::vector<uint8_t> m_trustedPeerCert; //!< pinned peer certificate
    Ptr<UniformRandomVariable> m_rng;       //!< seeds the DRBG
    Ptr<DeterministicRandom> m_random;      //!< SPIs, nonces, keys
    std::vector<uint8_t> m_cookieSecret;    //!< responder cookie key

    // State
    State m_state{IDLE};                    //!< where we are
    Ptr<IkeSa> m_sa;                        //!< the current IKE SA
    Ptr<IkeSa> m_oldSa;                     //!< the rekeyed one, until deleted
    std::unique_ptr<DiffieHellman> m_dh;    //!< IKE_SA_INIT key pair
    std::vector<uint8_t> m_cookie;          //!< initiator: cookie to echo
    DhGroup m_keGroup{DhGroup::CURVE25519}; //!< initiator: group of the KE payload sent
    uint32_t m_childInSpi{0};               //!< initiator: the IKE_AUTH Child SA's inbound SPI
    Request m_request;                      //!< outstanding request
    PendingRekey m_rekey;                   //!< CREATE_CHILD_SA this side started
    std::vector<ChildSa> m_children;        //!< installed Child SAs, newest last
    bool m_pathUp{false};                   //!< a stream connection is up
    uint32_t m_pathGeneration{0};           //!< connections lost so far
    bool m_wantDelete{false};               //!< Delete() asked
    bool m_wantLiveness{false};             //!< a liveness check is due
    bool m_wantChildRekey{false};           //!< the Child SA's lifetime is over
    bool m_wantIkeRekey{false};             //!< the IKE SA's lifetime is over
    std::vector<uint32_t> m_childDeletes;   //!< inbound SPIs of replaced Child SAs to delete
    Time m_startTime;                       //!< Start or first IKE_SA_INIT request
    Time m_handshakeTime;                   //!< duration, once established
    uint64_t m_handshakeBytes{0};           //!< bytes until established
    Time m_lastRx;                          //!< last IKE message or ESP from the peer
    uint64_t m_lastEspRx{0};                //!< ESP opened at the last liveness check
    EventId m_livenessEvent;                //!< next liveness check
    EventId m_childRekeyEvent;              //!< next Child SA lifetime check
    EventId m_ikeRekeyEvent;                //!< IKE SA rekey
    bool m_natDetected{false};              //!< NAT between the peers
    uint16_t m_failure{0};                  //!< Notify type of the failure

    // Counters
    uint64_t m_messagesTx{0};
    uint64_t m_messagesRx{0};
    uint64_t m_bytesTx{0};
    uint64_t m_bytesRx{0};
    uint64_t m_retransmissions{0};
    uint64_t m_resends{0};
    uint64_t m_cachedResponses{0};
    uint64_t m_drops{0};
    uint64_t m_icvFailures{0};
    uint64_t m_childRekeys{0};
    uint64_t m_ikeRekeys{0};
    uint64_t m_initRetries{0};
    uint64_t m_fallbacks{0};
    uint64_t m_addressUpdates{0};
    uint64_t m_returnProbes{0};
    bool m_mobikeNegotiated{false}; //!< both announced MOBIKE_SUPPORTED
    bool m_peerMobike{false};       //!< responder: the initiator announced it
    bool m_raceStarted{false};      //!< RACE: IKE_SA_INIT also sent over TCP
    bool m_raceWaitingPath{false};  //!< RACE: waiting for the TCP connection
    EventId m_fallbackEvent;        //!< SEQUENTIAL with a delay / RACE head start
    EventId m_probeEvent;           //!< next UDP probe while on TCP

    // Traces
    TracedCallback<State, State> m_stateTrace;
    TracedCallback<uint8_t, bool, uint32_t> m_txTrace;
    TracedCallback<uint8_t, bool, uint32_t> m_rxTrace;
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
