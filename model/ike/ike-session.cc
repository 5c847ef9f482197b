/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IkeSession: attributes, configuration, start and stop, connection events, counters.

#include "ike-session.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/ike-credential.h"
#include "ns3/ike-mobike.h"
#include "ns3/ike-payload-util.h"
#include "ns3/ike-peer.h"
#include "ns3/ike-transport-memory.h"
#include "ns3/ike-transport-selection.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/object-factory.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/switchable-encap-transport.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeSession");

NS_OBJECT_ENSURE_REGISTERED(IkeSession);

const char*
ToString(IkeSession::State s)
{
    switch (s)
    {
        case IkeSession::IDLE:
            return "IDLE";
        case IkeSession::CONNECTING:
            return "CONNECTING";
        case IkeSession::INIT:
            return "INIT";
        case IkeSession::AUTH:
            return "AUTH";
        case IkeSession::ESTABLISHED:
            return "ESTABLISHED";
        case IkeSession::CLOSED:
            return "CLOSED";
        case IkeSession::FAILED:
            return "FAILED";
    }
    return "?";
}

TypeId
IkeSession::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::IkeSession")
              .SetParent<Object>()
              .SetGroupName("TcpEncap")
              .AddConstructor<IkeSession>()
              .AddAttribute("Authentication",
                            "How this side authenticates: PSK, or CERTIFICATE (RFC 7427 "
                            "signature; needs SetCredentials).",
                            EnumValue(PSK),
                            MakeEnumAccessor<AuthMethod>(&IkeSession::m_authMethod),
                            MakeEnumChecker(PSK, "PSK", CERTIFICATE, "CERTIFICATE"))
              .AddAttribute("PreSharedKey",
                            "The pre-shared key (both sides must agree).",
                            StringValue("tcp-encap simulation key"),
                            MakeStringAccessor(&IkeSession::m_psk),
                            MakeStringChecker())
              .AddAttribute("LocalId",
                            "This side's FQDN identity (empty: client.tcp-encap.example for "
                            "the initiator, gateway.tcp-encap.example for the responder). With "
                            "certificates the identity is the certificate's subject.",
                            StringValue(""),
                            MakeStringAccessor(&IkeSession::m_localId),
                            MakeStringChecker())
              .AddAttribute("PeerId",
                            "The FQDN identity the peer must present (empty: any).",
                            StringValue(""),
                            MakeStringAccessor(&IkeSession::m_peerId),
                            MakeStringChecker())
              .AddAttribute("EncryptionKeyBits",
                            "AES-GCM-16 key of the SK payload: 128 or 256.",
                            UintegerValue(128),
                            MakeUintegerAccessor(&IkeSession::m_encrKeyBits),
                            MakeUintegerChecker<uint16_t>())
              .AddAttribute("Prf",
                            "PRF: hmac-sha2-256 or hmac-sha2-384.",
                            StringValue("hmac-sha2-256"),
                            MakeStringAccessor(&IkeSession::m_prfName),
                            MakeStringChecker())
              .AddAttribute("DhGroups",
                            "Key exchange groups by preference, comma-separated: x25519, "
                            "ecp256, modp2048. The initiator offers all and sends the first's "
                            "KE; the responder picks its first one offered (INVALID_KE_PAYLOAD "
                            "when that is not the KE sent).",
                            StringValue("x25519"),
                            MakeStringAccessor(&IkeSession::m_dhGroupNames),
                            MakeStringChecker())
              .AddAttribute("SignatureHashes",
                            "With CERTIFICATE authentication: the hashes announced in "
                            "SIGNATURE_HASH_ALGORITHMS (RFC 7427 §4) and the only ones accepted "
                            "in the peer's signature, comma-separated: sha2-256, sha2-384, "
                            "sha2-512. This side signs with the first of sha2-256, -384, -512 "
                            "that the peer announced.",
                            StringValue("sha2-256,sha2-384,sha2-512"),
                            MakeStringAccessor(&IkeSession::m_signatureHashNames),
                            MakeStringChecker())
              .AddAttribute("RetransmitPolicy",
                            "Retransmission over UDP: LIBRESWAN (Initial doubling within "
                            "Budget) or STRONGSWAN (Initial x Base^k, Tries retransmissions).",
                            EnumValue(IkeRetransmitPolicy::LIBRESWAN),
                            MakeEnumAccessor<IkeRetransmitPolicy::Kind>(&IkeSession::m_policyKind),
                            MakeEnumChecker(IkeRetransmitPolicy::LIBRESWAN,
                                            "LIBRESWAN",
                                            IkeRetransmitPolicy::STRONGSWAN,
                                            "STRONGSWAN"))
              .AddAttribute("RetransmitTimeout",
                            "First wait for a response (0: the policy's own, 0.5 s for "
                            "LIBRESWAN, 4 s for STRONGSWAN).",
                            TimeValue(Time(0)),
                            MakeTimeAccessor(&IkeSession::m_retransmitTimeout),
                            MakeTimeChecker(Time(0)))
              .AddAttribute("RetransmitBudget",
                            "LIBRESWAN: time from the first send to giving up; over a stream, "
                            "the time without a response after which the exchange fails.",
                            TimeValue(Seconds(60)),
                            MakeTimeAccessor(&IkeSession::m_retransmitBudget),
                            MakeTimeChecker(Time(0)))
              .AddAttribute("RetransmitBase",
                            "STRONGSWAN: growth factor of each wait.",
                            DoubleValue(1.8),
                            MakeDoubleAccessor(&IkeSession::m_retransmitBase),
                            MakeDoubleChecker<double>(1.0))
              .AddAttribute("RetransmitTries",
                            "STRONGSWAN: retransmissions before giving up.",
                            UintegerValue(5),
                            MakeUintegerAccessor(&IkeSession::m_retransmitTries),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("LivenessInterval",
                            "Send an empty INFORMATIONAL when nothing (IKE or ESP) came from "
                            "the peer for this long (dead peer detection); 0: never.",
                            TimeValue(Time(0)),
                            MakeTimeAccessor(&IkeSession::m_livenessInterval),
                            MakeTimeChecker(Time(0)))
              .AddAttribute("ChildLifetime",
                            "Initiator: rekey the Child SA after this time; 0: never.",
                            TimeValue(Hours(8)),
                            MakeTimeAccessor(&IkeSession::m_childLifetime),
                            MakeTimeChecker(Time(0)))
              .AddAttribute("ChildLifetimeBytes",
                            "Initiator: rekey the Child SA after this many payload bytes in "
                            "both directions; 0: never.",
                            UintegerValue(0),
                            MakeUintegerAccessor(&IkeSession::m_childLifetimeBytes),
                            MakeUintegerChecker<uint64_t>())
              .AddAttribute("IkeLifetime",
                            "Initiator: rekey the IKE SA after this time; 0: never.",
                            TimeValue(Hours(8)),
                            MakeTimeAccessor(&IkeSession::m_ikeLifetime),
                            MakeTimeChecker(Time(0)))
              .AddAttribute("Pfs",
                            "Child SA rekeys carry a KE payload (perfect forward secrecy).",
                            BooleanValue(false),
                            MakeBooleanAccessor(&IkeSession::m_pfs),
                            MakeBooleanChecker())
              .AddAttribute("CookieThreshold",
                            "Responder: demand a COOKIE when this many IKE SAs are half-open "
                            "(0: always).",
                            UintegerValue(10),
                            MakeUintegerAccessor(&IkeSession::m_cookieThreshold),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("NonceSize",
                            "Nonce Data bytes (16 to 256).",
                            UintegerValue(32),
                            MakeUintegerAccessor(&IkeSession::m_nonceSize),
                            MakeUintegerChecker<uint32_t>(ike::NONCE_MIN, ike::NONCE_MAX))
              .AddAttribute("InitialContact",
                            "Initiator: send INITIAL_CONTACT in IKE_AUTH.",
                            BooleanValue(true),
                            MakeBooleanAccessor(&IkeSession::m_sendInitialContact),
                            MakeBooleanChecker())
              .AddAttribute("Fallback",
                            "Initiator with UDP and TCP/TLS (SwitchableEncapTransport): "
                            "NO_FALLBACK, SEQUENTIAL (UDP, then TCP after FallbackDelay), RACE "
                            "(UDP, and TCP too after RaceHeadStart) or CACHED (what worked last "
                            "time, else SEQUENTIAL).",
                            EnumValue(NO_FALLBACK),
                            MakeEnumAccessor<FallbackPolicy>(&IkeSession::m_fallback),
                            MakeEnumChecker(NO_FALLBACK,
                                            "NO_FALLBACK",
                                            SEQUENTIAL,
                                            "SEQUENTIAL",
                                            RACE,
                                            "RACE",
                                            CACHED,
                                            "CACHED"))
              .AddAttribute("TransportSelection",
                            "Initiator with UDP and TCP/TLS: the IkeTransportSelection subclass "
                            "that picks IKE_SA_INIT's transport (ns3::IkeNoFallbackSelection, "
                            "IkeSequentialSelection, IkeRaceSelection, IkeCachedSelection or "
                            "one of your own). The default, ns3::IkeTransportSelection itself, "
                            "means: as the Fallback attribute says.",
                            TypeIdValue(IkeTransportSelection::GetTypeId()),
                            MakeTypeIdAccessor(&IkeSession::m_selectionType),
                            MakeTypeIdChecker())
              .AddAttribute("FallbackDelay",
                            "SEQUENTIAL: time from the first IKE_SA_INIT over UDP to trying TCP "
                            "(0: as soon as one retransmission went unanswered, RFC 9329 §5.1; "
                            "libreswan waits its whole 60 s budget). UDP's retransmission "
                            "budget ending first also moves to TCP.",
                            TimeValue(Time(0)),
                            MakeTimeAccessor(&IkeSession::m_fallbackDelay),
                            MakeTimeChecker(Time(0)))
              .AddAttribute("RaceHeadStart",
                            "RACE: UDP's head start before IKE_SA_INIT also goes over TCP (RFC "
                            "8305's 250 ms).",
                            TimeValue(MilliSeconds(250)),
                            MakeTimeAccessor(&IkeSession::m_raceHeadStart),
                            MakeTimeChecker(Time(0)))
              .AddAttribute("Mobike",
                            "Announce MOBIKE_SUPPORTED (RFC 4555) in IKE_AUTH.",
                            BooleanValue(true),
                            MakeBooleanAccessor(&IkeSession::m_mobike),
                            MakeBooleanChecker())
              .AddAttribute("MobikeSwitchTimeout",
                            "Initiator with MOBIKE on UDP and a TCP/TLS transport: a request "
                            "unanswered this long moves the IKE SA to TCP (UPDATE_SA_ADDRESSES); "
                            "also the wait for a return probe's answer.",
                            TimeValue(Seconds(2)),
                            MakeTimeAccessor(&IkeSession::m_mobikeSwitchTimeout),
                            MakeTimeChecker(MilliSeconds(1)))
              .AddAttribute("ReturnProbeInterval",
                            "Initiator with MOBIKE on TCP: try UDP again this often (an "
                            "UPDATE_SA_ADDRESSES over UDP; answered: move back); 0: never.",
                            TimeValue(Time(0)),
                            MakeTimeAccessor(&IkeSession::m_returnProbeInterval),
                            MakeTimeChecker(Time(0)))
              .AddTraceSource("State",
                              "The IKE SA changed state.",
                              MakeStateAccessor(),
                              "ns3::IkeSession::StateTracedCallback")
              .AddTraceSource("MessageTx",
                              "An IKE message was sent (retransmissions included).",
                              MakeTraceSourceAccessor(&IkeSession::m_txTrace),
                              "ns3::IkeSession::MessageTracedCallback")
              .AddTraceSource("MessageBytesTx",
                              "The bytes of an IKE message sent, and whether on a stream "
                              "transport (retransmissions included).",
                              MakeTraceSourceAccessor(&IkeSession::m_txBytesTrace),
                              "ns3::IkeSession::MessageBytesTracedCallback")
              .AddTraceSource("MessageRx",
                              "An IKE message arrived.",
                              MakeTraceSourceAccessor(&IkeSession::m_rxTrace),
                              "ns3::IkeSession::MessageTracedCallback")
              .AddTraceSource("Established",
                              "The IKE SA and its first Child SA are up.",
                              MakeTraceSourceAccessor(&IkeSession::m_establishedTrace),
                              "ns3::IkeSession::EstablishedTracedCallback")
              .AddTraceSource("IkeSaKeys",
                              "Keys of a new IKE SA (for key logs).",
                              MakeTraceSourceAccessor(&IkeSession::m_keysTrace),
                              "ns3::IkeSession::IkeSaKeysTracedCallback")
              .AddTraceSource("ChildSaRekeyed",
                              "A Child SA was rekeyed (old, new inbound SPI).",
                              MakeTraceSourceAccessor(&IkeSession::m_childRekeyTrace),
                              "ns3::IkeSession::RekeyTracedCallback")
              .AddTraceSource("IkeSaRekeyed",
                              "The IKE SA was rekeyed (old, new SPI of this side).",
                              MakeTraceSourceAccessor(&IkeSession::m_ikeRekeyTrace),
                              "ns3::IkeSession::RekeyTracedCallback")
              .AddTraceSource("Liveness",
                              "A liveness check ended (peer alive or not).",
                              MakeTraceSourceAccessor(&IkeSession::m_livenessTrace),
                              "ns3::IkeSession::LivenessTracedCallback");
    return tid;
}

Ptr<const TraceSourceAccessor>
IkeSession::MakeStateAccessor()
{
    // Like MakeTraceSourceAccessor(&T::member), for a TracedValue one step away (m_peer).
    struct Accessor : public TraceSourceAccessor
    {
        static TracedValue<State>*
        Source(ObjectBase* obj)
        {
            auto* session = dynamic_cast<IkeSession*>(obj);
            return session ? &session->m_peer->state : nullptr;
        }

        bool
        ConnectWithoutContext(ObjectBase* obj, const CallbackBase& cb) const override
        {
            TracedValue<State>* source = Source(obj);
            if (source)
            {
                source->ConnectWithoutContext(cb);
            }
            return source != nullptr;
        }

        bool
        Connect(ObjectBase* obj, std::string context, const CallbackBase& cb) const override
        {
            TracedValue<State>* source = Source(obj);
            if (source)
            {
                source->Connect(cb, context);
            }
            return source != nullptr;
        }

        bool
        DisconnectWithoutContext(ObjectBase* obj, const CallbackBase& cb) const override
        {
            TracedValue<State>* source = Source(obj);
            if (source)
            {
                source->DisconnectWithoutContext(cb);
            }
            return source != nullptr;
        }

        bool
        Disconnect(ObjectBase* obj, std::string context, const CallbackBase& cb) const override
        {
            TracedValue<State>* source = Source(obj);
            if (source)
            {
                source->Disconnect(cb, context);
            }
            return source != nullptr;
        }
    };

    return Ptr<const TraceSourceAccessor>(new Accessor(), false);
}

TypeId
IkeSession::GetSelectionTypeId(FallbackPolicy policy)
{
    switch (policy)
    {
        case SEQUENTIAL:
            return IkeSequentialSelection::GetTypeId();
        case RACE:
            return IkeRaceSelection::GetTypeId();
        case CACHED:
            return IkeCachedSelection::GetTypeId();
        case NO_FALLBACK:
            break;
    }
    return IkeNoFallbackSelection::GetTypeId();
}

IkeSession::IkeSession()
    : m_rng(CreateObject<UniformRandomVariable>())
    , m_mobikeMoves(CreateObject<IkeMobikeMoves>())
    , m_peer(std::make_unique<IkePeer>())
{
    NS_LOG_FUNCTION(this);
    m_mobikeMoves->SetSession(this);
}

IkeSession::~IkeSession() = default;

void
IkeSession::DoDispose()
{
    NS_LOG_FUNCTION(this);
    Stop();
    m_endpoint = nullptr;
    m_selectorCheck = MakeNullCallback<bool, const TrafficSelector&, const std::string&, bool>();
    m_spiInUse = MakeNullCallback<bool, uint32_t>();
    m_peer->sa = nullptr;
    m_peer->SetOldSa(nullptr);
    m_peer->request = IkeRequest();
    m_peer->children.clear();
    if (m_selection)
    {
        m_selection->Dispose();
        m_selection = nullptr;
    }
    m_mobikeMoves->Dispose();
    m_credential = nullptr;
    m_memory = nullptr;
    m_random = nullptr;
    m_rng = nullptr;
    Object::DoDispose();
}

void
IkeSession::SetTransportMemory(Ptr<IkeTransportMemory> memory)
{
    NS_LOG_FUNCTION(this << memory);
    m_memory = memory;
}

Ptr<SwitchableEncapTransport>
IkeSession::GetSwitchable() const
{
    NS_LOG_FUNCTION(this);
    return m_endpoint ? DynamicCast<SwitchableEncapTransport>(m_endpoint->GetTransport()) : nullptr;
}

void
IkeSession::SetEndpoint(Ptr<IpsecEndpoint> endpoint)
{
    NS_LOG_FUNCTION(this << endpoint);
    m_endpoint = endpoint;
}

void
IkeSession::SetSpiInUse(Callback<bool, uint32_t> inUse)
{
    NS_LOG_FUNCTION(this);
    m_spiInUse = inUse;
}

void
IkeSession::SetTrafficSelectorCheck(SelectorCheck check)
{
    NS_LOG_FUNCTION(this);
    m_selectorCheck = check;
}

const std::string&
IkeSession::GetPeerIdentity() const
{
    return m_peer->peerIdentity;
}

void
IkeSession::SetTrafficSelector(const TrafficSelector& selector)
{
    NS_LOG_FUNCTION(this);
    m_selector = selector;
    m_selectorSet = true;
}

void
IkeSession::SetChildSaSuite(const ChildSaSuite& suite)
{
    NS_LOG_FUNCTION(this);
    m_childSuite = suite;
}

void
IkeSession::SetCredentials(Ptr<IkeCredential> local,
                           const std::vector<uint8_t>& trustedPeerCertificate)
{
    NS_LOG_FUNCTION(this << local);
    m_credential = local;
    m_trustedPeerCert = trustedPeerCertificate;
}

int64_t
IkeSession::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_rng->SetStream(stream);
    return 1;
}

void
IkeSession::CheckConfiguration()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_endpoint || !m_endpoint->GetTransport(),
                    "IkeSession: SetEndpoint with an endpoint that has a transport first");
    NS_ABORT_MSG_IF(!m_selectorSet, "IkeSession: SetTrafficSelector first");
    NS_ABORT_MSG_IF(m_encrKeyBits != 128 && m_encrKeyBits != 256,
                    "IkeSession: EncryptionKeyBits must be 128 or 256, not " << m_encrKeyBits);
    m_suite.encrKeyBits = m_encrKeyBits;
    NS_ABORT_MSG_IF(!ParsePrfAlgorithm(m_prfName, m_suite.prf),
                    "IkeSession: unknown IkePrf '" << m_prfName
                                                   << "' (hmac-sha2-256, hmac-sha2-384)");
    std::string bad;
    NS_ABORT_MSG_IF(!IkeProposals::ParseDhGroupList(m_dhGroupNames, m_suite.dhGroups, bad),
                    "IkeSession: unknown DH group '" << bad << "' in DhGroups '" << m_dhGroupNames
                                                     << "' (x25519, ecp256, modp2048)");
    m_peer->keGroup = m_suite.dhGroups.front();
    NS_ABORT_MSG_IF(!ParseSignatureHashList(m_signatureHashNames, m_signatureHashes, bad),
                    "IkeSession: unknown hash '" << bad << "' in SignatureHashes '"
                                                 << m_signatureHashNames
                                                 << "' (sha2-256, sha2-384, sha2-512)");
    NS_ABORT_MSG_IF(m_authMethod == PSK && m_psk.empty(), "IkeSession: PreSharedKey is empty");
    NS_ABORT_MSG_IF(m_authMethod == CERTIFICATE && (!m_credential || m_trustedPeerCert.empty()),
                    "IkeSession: CERTIFICATE authentication needs SetCredentials");
    GetPolicy(); // aborts on nonsense timers
}

void
IkeSession::SetState(State s)
{
    NS_LOG_FUNCTION(this << ToString(s));
    if (s == m_peer->state)
    {
        return;
    }
    NS_LOG_INFO((IsInitiator() ? "initiator " : "responder ")
                << ToString(m_peer->state) << " -> " << ToString(s));
    m_peer->state = s; // a TracedValue: the "State" trace source fires (old, new)
}

void
IkeSession::Random(uint8_t* out, std::size_t size)
{
    NS_LOG_FUNCTION(this);
    m_random->Generate(out, size);
}

uint64_t
IkeSession::NewIkeSpi()
{
    NS_LOG_FUNCTION(this);
    uint64_t spi = 0;
    while (spi == 0)
    {
        uint8_t b[8];
        Random(b, sizeof(b));
        spi = ike::ReadSpi64(std::vector<uint8_t>(b, b + 8));
    }
    return spi;
}

uint32_t
IkeSession::NewChildSpi()
{
    NS_LOG_FUNCTION(this);
    uint32_t spi = 0;
    while (spi < 256 || m_endpoint->GetSad().Find(spi) || (!m_spiInUse.IsNull() && m_spiInUse(spi)))
    {
        uint8_t b[4];
        Random(b, sizeof(b));
        spi = ike::ReadSpi32(std::vector<uint8_t>(b, b + 4));
    }
    return spi;
}

std::vector<uint8_t>
IkeSession::NewNonce()
{
    NS_LOG_FUNCTION(this);
    std::vector<uint8_t> n(m_nonceSize);
    Random(n.data(), n.size());
    return n;
}

bool
IkeSession::IsInitiator() const
{
    NS_LOG_FUNCTION(this);
    return m_endpoint && m_endpoint->GetTransport()
           && m_endpoint->GetTransport()->GetRole() == EncapTransport::INITIATOR;
}

bool
IkeSession::IsStream() const
{
    NS_LOG_FUNCTION(this);
    return m_endpoint->GetTransport()->IsStream();
}

bool
IkeSession::GetPathOn(int via, InetSocketAddress& local, InetSocketAddress& peer) const
{
    Ptr<SwitchableEncapTransport> sw = via >= 0 ? GetSwitchable() : nullptr;
    Ptr<EncapTransport> transport = sw ? sw->Get(static_cast<SwitchableEncapTransport::Kind>(via))
                                       : m_endpoint->GetTransport();
    return transport->GetPath(local, peer);
}

IkeRetransmitPolicy
IkeSession::GetPolicy() const
{
    NS_LOG_FUNCTION(this);
    Time initial = m_retransmitTimeout;
    if (initial.IsZero())
    {
        initial = m_policyKind == IkeRetransmitPolicy::STRONGSWAN ? Seconds(4) : MilliSeconds(500);
    }
    return IkeRetransmitPolicy(
        m_policyKind, initial, m_retransmitBudget, m_retransmitBase, m_retransmitTries);
}

void
IkeSession::Start()
{
    NS_LOG_FUNCTION(this);
    if (m_peer->state != IDLE)
    {
        return;
    }
    CheckConfiguration();
    // The initiator's transport policy, by TypeId (or from the Fallback enum).
    ObjectFactory selection;
    selection.SetTypeId(m_selectionType == IkeTransportSelection::GetTypeId()
                            ? GetSelectionTypeId(m_fallback)
                            : m_selectionType);
    m_selection = selection.Create<IkeTransportSelection>();
    NS_ABORT_MSG_IF(!m_selection,
                    "IkeSession: TransportSelection " << m_selectionType.GetName()
                                                      << " is not an IkeTransportSelection");
    m_selection->SetSession(this);
    NS_LOG_LOGIC("transport selection " << m_selection->GetInstanceTypeId().GetName());
    std::array<uint8_t, DeterministicRandom::SEED_SIZE> seed;
    for (auto& b : seed)
    {
        b = static_cast<uint8_t>(m_rng->GetInteger(0, 255));
    }
    m_random = Create<DeterministicRandom>(seed);
    m_cookieSecret.resize(32);
    Random(m_cookieSecret.data(), m_cookieSecret.size());
    m_endpoint->GetTransport()->SetPathCallbacks(MakeCallback(&IkeSession::PathUp, this),
                                                 MakeCallback(&IkeSession::PathDown, this));
    // IKE keeps the transport's SAs: a stream closes connections that carry none (RFC 9329 §6.1).
    m_endpoint->GetTransport()->NotifyIkeSa(EncapTransport::IkeSaPresence::NEGOTIATING);
    if (!IsInitiator())
    {
        return; // the responder waits for IKE_SA_INIT
    }
    m_peer->startTime = Simulator::Now();
    if (Ptr<SwitchableEncapTransport> sw = GetSwitchable())
    {
        m_selection->Begin(sw); // which transport IKE_SA_INIT starts on
    }
    if (IsStream() && !m_peer->pathUp)
    {
        WaitForConnection(); // NAT detection hashes the connection's addresses: wait for it
        return;
    }
    SendInitRequest();
}

void
IkeSession::WaitForConnection()
{
    NS_LOG_FUNCTION(this);
    SetState(CONNECTING);
    // Not forever: without a connection within the time an exchange may take, give up.
    m_peer->request.timer
        = Simulator::Schedule(GetPolicy().GetTotalTime(), &IkeSession::ConnectTimeout, this);
}

void
IkeSession::ConnectTimeout()
{
    NS_LOG_FUNCTION(this);
    NS_LOG_INFO("no connection after " << (Simulator::Now() - m_peer->startTime).As(Time::S));
    Fail(0);
}

void
IkeSession::StartOverOnStream()
{
    NS_LOG_FUNCTION(this);
    Ptr<SwitchableEncapTransport> sw = GetSwitchable();
    if (!sw || m_peer->state != INIT || IsStream())
    {
        return;
    }
    NS_LOG_INFO("no answer over UDP after "
                << (Simulator::Now() - m_peer->startTime).As(Time::MS) << ": trying "
                << sw->Get(SwitchableEncapTransport::STREAM)->GetName());
    ++m_fallbacks;
    EndRequest();
    m_peer->sa = nullptr; // a new IKE SA over the new transport
    m_peer->cookie.clear();
    sw->Use(SwitchableEncapTransport::STREAM);
    if (!m_peer->pathUp)
    {
        WaitForConnection();
        return;
    }
    SendInitRequest();
}

void
IkeSession::Stop()
{
    NS_LOG_FUNCTION(this);
    if (m_selection)
    {
        m_selection->Stop();
    }
    m_mobikeMoves->Stop();
    m_peer->CancelTimers();
}

void
IkeSession::Delete()
{
    NS_LOG_FUNCTION(this);
    if (m_peer->state != ESTABLISHED)
    {
        return;
    }
    m_peer->pending.Add(IkePendingQueue::DELETE_IKE_SA);
    NextRequest();
}

void
IkeSession::PathUp()
{
    NS_LOG_FUNCTION(this);
    m_peer->pathUp = true;
    if (m_selection->OnPathUp())
    {
        return; // the transport selection used it (a race's IKE_SA_INIT)
    }
    if (m_peer->state == CONNECTING)
    {
        SendInitRequest();
        return;
    }
    if (!IsStream())
    {
        return; // a stream transport that is not in use (MOBIKE, a lost race)
    }
    if (m_mobikeMoves->OnPathUp())
    {
        return; // a MOBIKE move's UPDATE_SA_ADDRESSES waited for the connection's ports
    }
    if (m_peer->request.kind != IkeRequest::NONE && m_peer->request.sentOnPath
        && m_peer->request.pathGeneration != m_peer->pathGeneration)
    {
        // RFC 9329 §6.2: the request went down with the old connection; resend it here. The
        // initiator on the connection it opened; the responder on the one the initiator came
        // back on (the transport confirms it).
        NS_LOG_INFO("resending request " << m_peer->request.messageId << " on a new connection");
        ++m_resends;
        SendBytes(m_peer->request.bytes);
        m_peer->request.sentOnPath = true;
        m_peer->request.pathGeneration = m_peer->pathGeneration;
        return;
    }
    if (m_peer->state == ESTABLISHED && m_peer->pathGeneration > 0 && IsInitiator())
    {
        // A new connection for an existing IKE SA: show the responder we are here.
        m_peer->pending.Add(IkePendingQueue::LIVENESS);
        NextRequest();
    }
}

void
IkeSession::PathDown()
{
    NS_LOG_FUNCTION(this);
    m_peer->pathUp = false;
    ++m_peer->pathGeneration;
}

void
IkeSession::MoveTransport(bool toStream)
{
    NS_LOG_FUNCTION(this << toStream);
    m_mobikeMoves->Move(toStream);
}

} // namespace ns3
