/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-session.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/ike-credential.h"
#include "ns3/ike-key-schedule.h"
#include "ns3/ike-nat-detection.h"
#include "ns3/ike-psk-auth.h"
#include "ns3/ike-signature-auth.h"
#include "ns3/ike-transport-memory.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/random-bytes.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/switchable-encap-transport.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeSession");
NS_OBJECT_ENSURE_REGISTERED(IkeSession);

namespace
{
/** \param type a Notify type \param data its data \return a Notify payload about the IKE SA */
IkePayload
Notify(uint16_t type, std::vector<uint8_t> data = {})
{
    IkeNotifyPayload n;
    n.type = type;
    n.data = std::move(data);
    return IkePayload(ike::PAYLOAD_NOTIFY, n);
}

/** \param payloads a chain \param type a payload type \return the first body of that type */
template<class T>
const T*
FindBody(const std::vector<IkePayload>& payloads, uint8_t type)
{
    for (const auto& p : payloads)
    {
        if (p.type == type)
        {
            return p.Get<T>();
        }
    }
    return nullptr;
}

/** \param payloads a chain \param type a Notify type \return the first such Notify */
const IkeNotifyPayload*
FindNotify(const std::vector<IkePayload>& payloads, uint16_t type)
{
    for (const auto& p : payloads)
    {
        const IkeNotifyPayload* n = p.Get<IkeNotifyPayload>();
        if (p.type == ike::PAYLOAD_NOTIFY && n && n->type == type)
        {
            return n;
        }
    }
    return nullptr;
}

/** \param payloads a chain \return the first error Notify's type, or 0 */
uint16_t
FirstError(const std::vector<IkePayload>& payloads)
{
    for (const auto& p : payloads)
    {
        const IkeNotifyPayload* n = p.Get<IkeNotifyPayload>();
        if (p.type == ike::PAYLOAD_NOTIFY && n && n->IsError())
        {
            return n->type;
        }
    }
    return 0;
}

/** \param v 4 bytes, big-endian \return the value */
uint32_t
ReadSpi32(const std::vector<uint8_t>& v)
{
    return (uint32_t{v[0]} << 24) | (uint32_t{v[1]} << 16) | (uint32_t{v[2]} << 8) | v[3];
}

/** \param spi a value \return 4 bytes, big-endian */
std::vector<uint8_t>
Spi32(uint32_t spi)
{
    return {static_cast<uint8_t>(spi >> 24),
            static_cast<uint8_t>(spi >> 16),
            static_cast<uint8_t>(spi >> 8),
            static_cast<uint8_t>(spi)};
}

/** \param spi a value \return 8 bytes, big-endian */
std::vector<uint8_t>
Spi64(uint64_t spi)
{
    std::vector<uint8_t> v(8);
    for (int i = 0; i < 8; ++i)
    {
        v[i] = static_cast<uint8_t>(spi >> (56 - 8 * i));
    }
    return v;
}

/** \param v 8 bytes, big-endian \return the value */
uint64_t
ReadSpi64(const std::vector<uint8_t>& v)
{
    uint64_t x = 0;
    for (int i = 0; i < 8; ++i)
    {
        x = (x << 8) | v[i];
    }
    return x;
}

/** \param network a network \param mask its mask \return the IKE selector of the range */
IkeTrafficSelector
Range(Ipv4Address network, Ipv4Mask mask)
{
    uint32_t start = network.CombineMask(mask).Get();
    return IkeTrafficSelector::Ipv4Range(Ipv4Address(start), Ipv4Address(start | ~mask.Get()));
}

/** \return whether some selector of ts lies inside network/mask */
bool
Inside(const IkeTsPayload* ts, Ipv4Address network, Ipv4Mask mask)
{
    if (!ts)
    {
        return false;
    }
    for (const auto& s : ts->selectors)
    {
        Ipv4Address start;
        Ipv4Address end;
        if (s.GetIpv4Range(start, end) && mask.IsMatch(start, network) && mask.IsMatch(end, network)
            && start.Get() <= end.Get())
        {
            return true;
        }
    }
    return false;
}
} // namespace

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
                              MakeTraceSourceAccessor(&IkeSession::m_stateTrace),
                              "ns3::IkeSession::StateTracedCallback")
              .AddTraceSource("MessageTx",
                              "An IKE message was sent (retransmissions included).",
                              MakeTraceSourceAccessor(&IkeSession::m_txTrace),
                              "ns3::IkeSession::MessageTracedCallback")
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

IkeSession::IkeSession()
    : m_rng(CreateObject<UniformRandomVariable>())
{
}

IkeSession::~IkeSession() = default;

void
IkeSession::DoDispose()
{
    Stop();
    m_endpoint = nullptr;
    m_sa = nullptr;
    m_oldSa = nullptr;
    m_request = Request();
    m_children.clear();
    m_credential = nullptr;
    m_memory = nullptr;
    m_random = nullptr;
    m_rng = nullptr;
    Object::DoDispose();
}

void
IkeSession::SetTransportMemory(Ptr<IkeTransportMemory> memory)
{
    m_memory = memory;
}

Ptr<SwitchableEncapTransport>
IkeSession::GetSwitchable() const
{
    return m_endpoint ? DynamicCast<SwitchableEncapTransport>(m_endpoint->GetTransport()) : nullptr;
}

void
IkeSession::SetEndpoint(Ptr<IpsecEndpoint> endpoint)
{
    m_endpoint = endpoint;
}

void
IkeSession::SetTrafficSelector(const TrafficSelector& selector)
{
    m_selector = selector;
    m_selectorSet = true;
}

void
IkeSession::SetChildSaSuite(const ChildSaSuite& suite)
{
    m_childSuite = suite;
}

void
IkeSession::SetCredentials(Ptr<IkeCredential> local,
                           const std::vector<uint8_t>& trustedPeerCertificate)
{
    m_credential = local;
    m_trustedPeerCert = trustedPeerCertificate;
}

int64_t
IkeSession::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

// --- configuration and small helpers --------------------------------------------------------

void
IkeSession::CheckConfiguration()
{
    NS_ABORT_MSG_IF(!m_endpoint || !m_endpoint->GetTransport(),
                    "IkeSession: SetEndpoint with an endpoint that has a transport first");
    NS_ABORT_MSG_IF(!m_selectorSet, "IkeSession: SetTrafficSelector first");
    NS_ABORT_MSG_IF(m_encrKeyBits != 128 && m_encrKeyBits != 256,
                    "IkeSession: EncryptionKeyBits must be 128 or 256, not " << m_encrKeyBits);
    m_suite.encrKeyBits = m_encrKeyBits;
    NS_ABORT_MSG_IF(!ParsePrfAlgorithm(m_prfName, m_suite.prf),
                    "IkeSession: unknown Prf '" << m_prfName << "' (hmac-sha2-256, hmac-sha2-384)");
    std::string bad;
    NS_ABORT_MSG_IF(!IkeProposals::ParseDhGroupList(m_dhGroupNames, m_suite.dhGroups, bad),
                    "IkeSession: unknown DH group '" << bad << "' in DhGroups '" << m_dhGroupNames
                                                     << "' (x25519, ecp256, modp2048)");
    m_keGroup = m_suite.dhGroups.front();
    NS_ABORT_MSG_IF(m_authMethod == PSK && m_psk.empty(), "IkeSession: PreSharedKey is empty");
    NS_ABORT_MSG_IF(m_authMethod == CERTIFICATE && (!m_credential || m_trustedPeerCert.empty()),
                    "IkeSession: CERTIFICATE authentication needs SetCredentials");
    GetPolicy(); // aborts on nonsense timers
}

void
IkeSession::SetState(State s)
{
    if (s == m_state)
    {
        return;
    }
    NS_LOG_INFO((IsInitiator() ? "initiator " : "responder ")
                << ToString(m_state) << " -> " << ToString(s));
    State old = m_state;
    m_state = s;
    m_stateTrace(old, s);
}

void
IkeSession::Random(uint8_t* out, std::size_t size)
{
    m_random->Generate(out, size);
}

uint64_t
IkeSession::NewIkeSpi()
{
    uint64_t spi = 0;
    while (spi == 0)
    {
        uint8_t b[8];
        Random(b, sizeof(b));
        spi = ReadSpi64(std::vector<uint8_t>(b, b + 8));
    }
    return spi;
}

uint32_t
IkeSession::NewChildSpi()
{
    uint32_t spi = 0;
    while (spi < 256 || m_endpoint->GetSad().Find(spi))
    {
        uint8_t b[4];
        Random(b, sizeof(b));
        spi = ReadSpi32(std::vector<uint8_t>(b, b + 4));
    }
    return spi;
}

std::vector<uint8_t>
IkeSession::NewNonce()
{
    std::vector<uint8_t> n(m_nonceSize);
    Random(n.data(), n.size());
    return n;
}

bool
IkeSession::IsInitiator() const
{
    return m_endpoint && m_endpoint->GetTransport()
           && m_endpoint->GetTransport()->GetRole() == EncapTransport::INITIATOR;
}

bool
IkeSession::IsStream() const
{
    return m_endpoint->GetTransport()->IsStream();
}

IkeRetransmitPolicy
IkeSession::GetPolicy() const
{
    Time initial = m_retransmitTimeout;
    if (initial.IsZero())
    {
        initial = m_policyKind == IkeRetransmitPolicy::STRONGSWAN ? Seconds(4) : MilliSeconds(500);
    }
    return IkeRetransmitPolicy(
        m_policyKind, initial, m_retransmitBudget, m_retransmitBase, m_retransmitTries);
}

// --- start, stop, path events ------------------------------------------------------------------

void
IkeSession::Start()
{
    if (m_state != IDLE)
    {
        return;
    }
    CheckConfiguration();
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
    if (!IsInitiator())
    {
        return; // the responder waits for IKE_SA_INIT
    }
    m_startTime = Simulator::Now();
    Ptr<SwitchableEncapTransport> sw = GetSwitchable();
    if (sw && m_fallback != NO_FALLBACK)
    {
        Ipv4AddressValue peer;
        sw->Get(SwitchableEncapTransport::DATAGRAM)->GetAttribute("PeerAddress", peer);
        bool stream = false;
        if (m_fallback == CACHED && m_memory && m_memory->Recall(peer.Get(), stream) && stream)
        {
            sw->Use(SwitchableEncapTransport::STREAM); // worked last time: go straight there
        }
        else
        {
            sw->Use(SwitchableEncapTransport::DATAGRAM);
            if (m_fallback == RACE)
            {
                m_fallbackEvent
                    = Simulator::Schedule(m_raceHeadStart, &IkeSession::StartRace, this);
            }
            // SEQUENTIAL and CACHED: the UDP attempt's own timer decides (RequestTimeout).
        }
    }
    if (IsStream() && !m_pathUp)
    {
        SetState(CONNECTING); // NAT detection hashes the connection's addresses: wait for it
        // Not forever: without a connection within the time an exchange may take, give up.
        m_request.timer
            = Simulator::Schedule(GetPolicy().GetTotalTime(), &IkeSession::ConnectTimeout, this);
        return;
    }
    SendInitRequest();
}

void
IkeSession::ConnectTimeout()
{
    NS_LOG_INFO("no connection after " << (Simulator::Now() - m_startTime).As(Time::S));
    Fail(0);
}

void
IkeSession::FallBack()
{
    Ptr<SwitchableEncapTransport> sw = GetSwitchable();
    if (!sw || m_state != INIT || IsStream())
    {
        return;
    }
    NS_LOG_INFO("no answer over UDP after "
                << (Simulator::Now() - m_startTime).As(Time::MS) << ": trying "
                << sw->Get(SwitchableEncapTransport::STREAM)->GetName());
    ++m_fallbacks;
    m_fallbackEvent.Cancel();
    EndRequest();
    m_sa = nullptr; // a new IKE SA over the new transport
    m_cookie.clear();
    sw->Use(SwitchableEncapTransport::STREAM);
    if (!m_pathUp)
    {
        SetState(CONNECTING);
        m_request.timer
            = Simulator::Schedule(GetPolicy().GetTotalTime(), &IkeSession::ConnectTimeout, this);
        return;
    }
    SendInitRequest();
}

bool
IkeSession::FallsBackSequentially() const
{
    return m_request.kind == REQ_INIT && (m_fallback == SEQUENTIAL || m_fallback == CACHED)
           && GetSwitchable() && !IsStream();
}

void
IkeSession::StartRace()
{
    Ptr<SwitchableEncapTransport> sw = GetSwitchable();
    if (!sw || m_request.kind != REQ_INIT)
    {
        return; // answered already
    }
    NS_LOG_INFO("racing: IKE_SA_INIT over " << sw->Get(SwitchableEncapTransport::STREAM)->GetName()
                                            << " too");
    m_raceStarted = true;
    sw->StartStream();
    if (m_pathUp)
    {
        SendBytes(m_request.bytes, SwitchableEncapTransport::STREAM);
    }
    else
    {
        m_raceWaitingPath = true;
    }
}

void
IkeSession::Stop()
{
    m_fallbackEvent.Cancel();
    m_probeEvent.Cancel();
    m_request.timer.Cancel();
    m_livenessEvent.Cancel();
    m_childRekeyEvent.Cancel();
    m_ikeRekeyEvent.Cancel();
}

void
IkeSession::Delete()
{
    if (m_state != ESTABLISHED)
    {
        return;
    }
    m_wantDelete = true;
    NextRequest();
}

void
IkeSession::PathUp()
{
    m_pathUp = true;
    if (m_raceWaitingPath)
    {
        m_raceWaitingPath = false;
        if (m_request.kind == REQ_INIT)
        {
            // The same message as over UDP: whichever copy the responder answers, AUTH signs it.
            SendBytes(m_request.bytes, SwitchableEncapTransport::STREAM);
        }
        return;
    }
    if (m_state == CONNECTING)
    {
        SendInitRequest();
        return;
    }
    if (!IsStream())
    {
        return; // a stream transport that is not in use (MOBIKE, a lost race)
    }
    if (m_request.kind != REQ_NONE && m_request.sentOnPath
        && m_request.pathGeneration != m_pathGeneration)
    {
        // RFC 9329 §6.2: the request went down with the old connection; resend it here.
        NS_LOG_INFO("resending request " << m_request.messageId << " on a new connection");
        ++m_resends;
        SendBytes(m_request.bytes);
        m_request.sentOnPath = true;
        m_request.pathGeneration = m_pathGeneration;
        return;
    }
    if (m_state == ESTABLISHED && m_pathGeneration > 0)
    {
        // A new connection for an existing IKE SA: show the responder we are here.
        m_wantLiveness = true;
        NextRequest();
    }
}

void
IkeSession::PathDown()
{
    m_pathUp = false;
    ++m_pathGeneration;
}

// --- sending ------------------------------------------------------------------------------------

void
IkeSession::SendBytes(const std::vector<uint8_t>& bytes, int via)
{
    ++m_messagesTx;
    m_bytesTx += bytes.size();
    m_txTrace(
        bytes[18], (bytes[19] & ike::FLAG_RESPONSE) != 0, static_cast<uint32_t>(bytes.size()));
    Ptr<Packet> packet = Create<Packet>(bytes.data(), bytes.size());
    Ptr<SwitchableEncapTransport> sw = via >= 0 ? GetSwitchable() : nullptr;
    if (sw)
    {
        sw->SendIkeOn(static_cast<SwitchableEncapTransport::Kind>(via), packet);
        return;
    }
    m_endpoint->GetTransport()->SendIke(packet);
}

void
IkeSession::StartRequest(RequestKind kind,
                         Ptr<IkeSa> sa,
                         uint8_t exchangeType,
                         uint32_t messageId,
                         std::vector<uint8_t> bytes,
                         int via)
{
    NS_ASSERT_MSG(m_request.kind == REQ_NONE, "one request at a time");
    m_request.timer.Cancel();
    m_request = Request();
    m_request.kind = kind;
    m_request.sa = sa;
    m_request.exchangeType = exchangeType;
    m_request.messageId = messageId;
    m_request.bytes = std::move(bytes);
    m_request.via = via;
    m_request.firstSent = Simulator::Now();
    SendRequestNow();
}

void
IkeSession::SendRequestNow()
{
    SendBytes(m_request.bytes, m_request.via);
    ++m_request.sends;
    m_request.sentOnPath = !IsStream() || m_pathUp;
    m_request.pathGeneration = m_pathGeneration;
    IkeRetransmitPolicy policy = GetPolicy();
    Time elapsed = Simulator::Now() - m_request.firstSent;
    Time wait;
    if (m_request.kind == REQ_RETURN_PROBE)
    {
        // A probe of the UDP path: sent once, and an unanswered probe changes nothing.
        wait = m_mobikeSwitchTimeout;
        m_request.lastWait = true;
    }
    else if (IsStream())
    {
        // No retransmission on a reliable stream: one timer for the whole exchange.
        wait = policy.GetTotalTime() - elapsed;
        m_request.lastWait = true;
    }
    else
    {
        wait = policy.GetWait(m_request.sends, elapsed, m_request.lastWait);
        Ptr<SwitchableEncapTransport> sw = GetSwitchable();
        Time untilSwitch = m_request.firstSent + m_mobikeSwitchTimeout - Simulator::Now();
        if (m_state == ESTABLISHED && m_mobikeNegotiated && IsInitiator() && sw
            && untilSwitch.IsStrictlyPositive() && untilSwitch < wait)
        {
            wait = untilSwitch; // MOBIKE: look again when it is time to try TCP
            m_request.lastWait = false;
        }
        Time untilFallback = m_startTime + m_fallbackDelay - Simulator::Now();
        if (FallsBackSequentially() && m_fallbackDelay.IsStrictlyPositive()
            && untilFallback.IsStrictlyPositive() && untilFallback < wait)
        {
            wait = untilFallback; // SEQUENTIAL: look again when it is time to try TCP
            m_request.lastWait = false;
        }
    }
    m_request.timer = Simulator::Schedule(wait, &IkeSession::RequestTimeout, this);
}

void
IkeSession::RequestTimeout()
{
    if (m_request.kind == REQ_RETURN_PROBE)
    {
        // UDP still does not answer. The same request goes over the stream, so that the
        // Message IDs stay in step whether or not the peer saw the probe; its answer there
        // keeps the SA on the stream.
        NS_LOG_INFO("UDP still does not answer: staying on the stream");
        m_request.kind = REQ_PROBE_RECOVERY;
        m_request.via = -1;
        m_request.firstSent = Simulator::Now();
        m_request.sends = 0;
        SendRequestNow();
        return;
    }
    // SEQUENTIAL: UDP's IKE_SA_INIT gives way to the stream when one retransmission went
    // unanswered (FallbackDelay 0, RFC 9329 §5.1), when FallbackDelay has passed, or when UDP's
    // budget is spent, whichever comes first.
    if (FallsBackSequentially()
        && (m_request.lastWait
            || (m_fallbackDelay.IsZero() ? m_request.sends >= 2
                                         : Simulator::Now() >= m_startTime + m_fallbackDelay)))
    {
        FallBack();
        return;
    }
    if (ShouldMoveToStream())
    {
        RequestKind kind = m_request.kind;
        uint32_t childSpi = m_request.childSpi;
        // The abandoned exchange is tried again over TCP.
        m_wantChildRekey |= kind == REQ_REKEY_CHILD;
        m_wantIkeRekey |= kind == REQ_REKEY_IKE;
        m_wantDelete |= kind == REQ_DELETE_IKE;
        if (kind == REQ_DELETE_CHILD)
        {
            m_childDeletes.insert(m_childDeletes.begin(), childSpi);
        }
        MoveTransport(true);
        return;
    }
    if (!m_request.lastWait)
    {
        ++m_retransmissions;
        NS_LOG_INFO("retransmitting request " << m_request.messageId << " (send "
                                              << m_request.sends + 1 << ")");
        SendRequestNow();
        return;
    }
    RequestKind kind = m_request.kind;
    Time waited = Simulator::Now() - m_request.firstSent;
    Ptr<IkeSa> sa = m_request.sa;
    EndRequest();
    NS_LOG_INFO("no response after " << waited.As(Time::S));
    if (kind == REQ_LIVENESS)
    {
        m_livenessTrace(false, waited);
    }
    if (kind == REQ_DELETE_IKE && sa == m_oldSa)
    {
        m_oldSa = nullptr; // the old IKE SA after a rekey: gone either way
        NextRequest();
        return;
    }
    Fail(0);
}

void
IkeSession::EndRequest()
{
    m_request.timer.Cancel();
    m_request = Request();
}

std::vector<uint8_t>
IkeSession::Respond(Ptr<IkeSa> sa,
                    const IkeHeader& request,
                    const std::vector<IkePayload>& payloads,
                    bool protect)
{
    IkeHeader h = sa->MakeHeader(request.exchangeType, true, request.messageId);
    std::vector<uint8_t> bytes;
    if (protect)
    {
        bytes = sa->Protect(h, payloads);
    }
    else
    {
        IkeMessage m(h);
        for (const auto& p : payloads)
        {
            m.AddPayload(p);
        }
        bytes = m.Serialize();
    }
    sa->KeepResponse(request.messageId, bytes);
    SendBytes(bytes);
    return bytes;
}

void
IkeSession::RespondError(const IkeHeader& request,
                         uint16_t notifyType,
                         const std::vector<uint8_t>& data)
{
    // An unprotected answer to IKE_SA_INIT: no state is kept (RFC 7296 §2.6, §1.3).
    IkeHeader h;
    h.spiI = request.spiI;
    h.spiR = 0;
    h.exchangeType = request.exchangeType;
    h.flags = ike::FLAG_RESPONSE;
    h.messageId = request.messageId;
    IkeMessage m(h);
    m.AddPayload(Notify(notifyType, data));
    SendBytes(m.Serialize());
}

void
IkeSession::NextRequest()
{
    if (m_request.kind != REQ_NONE || m_state != ESTABLISHED)
    {
        return;
    }
    if (m_wantDelete)
    {
        m_wantDelete = false;
        IkeDeletePayload d;
        d.protocolId = ike::PROTO_IKE;
        uint32_t id = m_sa->TakeRequestId();
        StartRequest(REQ_DELETE_IKE,
                     m_sa,
                     ike::INFORMATIONAL,
                     id,
                     m_sa->Protect(m_sa->MakeHeader(ike::INFORMATIONAL, false, id),
                                   {IkePayload(ike::PAYLOAD_DELETE, d)}));
        return;
    }
    if (m_oldSa)
    {
        IkeDeletePayload d;
        d.protocolId = ike::PROTO_IKE;
        uint32_t id = m_oldSa->TakeRequestId();
        StartRequest(REQ_DELETE_IKE,
                     m_oldSa,
                     ike::INFORMATIONAL,
                     id,
                     m_oldSa->Protect(m_oldSa->MakeHeader(ike::INFORMATIONAL, false, id),
                                      {IkePayload(ike::PAYLOAD_DELETE, d)}));
        return;
    }
    if (!m_childDeletes.empty())
    {
        uint32_t spi = m_childDeletes.front();
        m_childDeletes.erase(m_childDeletes.begin());
        SendDeleteChild(spi);
        return;
    }
    if (m_wantIkeRekey)
    {
        m_wantIkeRekey = false;
        StartIkeRekey();
        return;
    }
    if (m_wantChildRekey)
    {
        m_wantChildRekey = false;
        StartChildRekey();
        return;
    }
    if (m_wantLiveness)
    {
        m_wantLiveness = false;
        SendEmptyInformational();
    }
}

// --- receiving ----------------------------------------------------------------------------------

void
IkeSession::Receive(Ptr<Packet> packet, const Address& from)
{
    std::vector<uint8_t> bytes(packet->GetSize());
    packet->CopyData(bytes.data(), bytes.size());
    ++m_messagesRx;
    m_bytesRx += bytes.size();
    if (!m_random)
    {
        ++m_drops; // not started
        return;
    }
    IkeParseResult r = IkeMessage::Parse(bytes);
    if (!r.IsOk())
    {
        NS_LOG_LOGIC("dropping an IKE message: " << r.error);
        ++m_drops;
        return;
    }
    const IkeMessage& message = r.message;
    const IkeHeader& h = message.GetHeader();
    m_rxTrace(h.exchangeType, h.IsResponse(), static_cast<uint32_t>(bytes.size()));

    if (h.exchangeType == ike::IKE_SA_INIT)
    {
        if (!h.IsResponse() && !IsInitiator() && h.IsInitiator() && h.spiR == 0 && h.messageId == 0)
        {
            HandleInitRequest(message, bytes, from);
        }
        else if (h.IsResponse() && IsInitiator() && m_request.kind == REQ_INIT
                 && h.spiI == m_sa->GetSpiI() && h.messageId == 0)
        {
            HandleInitResponse(message, bytes, from);
        }
        else
        {
            ++m_drops;
        }
        return;
    }

    Ptr<IkeSa> sa;
    for (const Ptr<IkeSa>& candidate : {m_sa, m_oldSa})
    {
        if (candidate && candidate->HasKeys() && candidate->GetSpiI() == h.spiI
            && candidate->GetSpiR() == h.spiR)
        {
            sa = candidate;
        }
    }
    if (!sa || m_state == FAILED || m_state == CLOSED
        || h.IsInitiator() == sa->IsOriginalInitiator())
    {
        ++m_drops; // unknown SPIs, a dead SA, or our own direction reflected
        return;
    }
    if (!h.IsResponse())
    {
        if (h.messageId != sa->GetExpectedRequestId())
        {
            const std::vector<uint8_t>* kept = sa->FindResponse(h.messageId);
            std::vector<IkePayload> ignored;
            IkeSkStatus status = kept ? sa->Unprotect(bytes, message, ignored) : IkeSkStatus::OK;
            if (kept && status == IkeSkStatus::OK)
            {
                // RFC 7296 §2.1: a retransmitted request gets the same response again, on
                // the path it came by (a new connection, or the other transport after MOBIKE).
                ++m_cachedResponses;
                if (!IsInitiator())
                {
                    m_endpoint->GetTransport()->ConfirmPeer(from);
                }
                SendBytes(*kept);
            }
            else
            {
                ++m_drops;
                m_icvFailures += status == IkeSkStatus::ICV_FAILURE ? 1 : 0;
            }
            return;
        }
    }
    else if (m_request.kind == REQ_NONE || m_request.sa != sa || m_request.messageId != h.messageId)
    {
        ++m_drops; // a late duplicate, or an answer to nothing we asked
        return;
    }

    std::vector<IkePayload> inner;
    IkeSkStatus status = sa->Unprotect(bytes, message, inner);
    if (status != IkeSkStatus::OK)
    {
        NS_LOG_LOGIC("dropping a protected IKE message: " << status);
        ++m_drops;
        if (status == IkeSkStatus::ICV_FAILURE)
        {
            ++m_icvFailures;
        }
        else if (status == IkeSkStatus::BAD_PAYLOADS && !h.IsResponse())
        {
            // Authentic but not well-formed: INVALID_SYNTAX, and the IKE SA is over (§2.21).
            Respond(sa, h, {Notify(ike::INVALID_SYNTAX)}, true);
            Fail(ike::INVALID_SYNTAX);
        }
        return;
    }
    m_lastRx = Simulator::Now();
    if (!IsInitiator() && !h.IsResponse())
    {
        // An authenticated request on a new connection or address: the peer is there now.
        // Not a response: the peer may answer our request on the path it is leaving, after
        // its request on the new one (a MOBIKE probe) has moved us.
        m_endpoint->GetTransport()->ConfirmPeer(from);
    }
    if (h.IsResponse())
    {
        HandleResponse(sa, h, inner);
    }
    else
    {
        HandleRequest(sa, h, inner);
    }
}

void
IkeSession::HandleRequest(Ptr<IkeSa> sa,
                          const IkeHeader& header,
                          const std::vector<IkePayload>& inner)
{
    switch (header.exchangeType)
    {
        case ike::IKE_AUTH:
            HandleAuthRequest(sa, header, inner);
            return;
        case ike::INFORMATIONAL:
            HandleInformationalRequest(sa, header, inner);
            return;
        case ike::CREATE_CHILD_SA:
            HandleCreateChildRequest(sa, header, inner);
            return;
        default:
            ++m_drops;
    }
}

void
IkeSession::HandleResponse(Ptr<IkeSa> sa,
                           const IkeHeader& /* header */,
                           const std::vector<IkePayload>& inner)
{
    RequestKind kind = m_request.kind;
    Time rtt = Simulator::Now() - m_request.firstSent;
    uint32_t childSpi = m_request.childSpi;
    EndRequest();
    switch (kind)
    {
        case REQ_AUTH:
            HandleAuthResponse(inner);
            break;
        case REQ_LIVENESS:
            m_livenessTrace(true, rtt);
            break;
        case REQ_DELETE_CHILD:
            RemoveChild(childSpi);
            break;
        case REQ_DELETE_IKE:
            if (sa == m_oldSa)
            {
                m_oldSa = nullptr;
            }
            else
            {
                TearDown(CLOSED);
            }
            break;
        case REQ_REKEY_CHILD:
            FinishChildRekey(inner);
            break;
        case REQ_REKEY_IKE:
            FinishIkeRekey(inner);
            break;
        case REQ_UPDATE_ADDRESSES:
            ++m_addressUpdates;
            if (m_returnProbeInterval.IsStrictlyPositive() && IsStream())
            {
                m_probeEvent.Cancel();
                m_probeEvent
                    = Simulator::Schedule(m_returnProbeInterval, &IkeSession::ProbeReturn, this);
            }
            break;
        case REQ_PROBE_RECOVERY:
            m_probeEvent.Cancel();
            m_probeEvent
                = Simulator::Schedule(m_returnProbeInterval, &IkeSession::ProbeReturn, this);
            break;
        case REQ_RETURN_PROBE:
            if (Ptr<SwitchableEncapTransport> sw = GetSwitchable())
            {
                NS_LOG_INFO("UDP answers again: moving back");
                ++m_addressUpdates;
                sw->Use(SwitchableEncapTransport::DATAGRAM);
                sw->StopStream();
            }
            break;
        default:
            break;
    }
    NextRequest();
}

// --- IKE_SA_INIT ------------------------------------------------------------------------------

void
IkeSession::SendInitRequest()
{
    if (!m_sa)
    {
        m_sa = Create<IkeSa>(true, NewIkeSpi());
        m_sa->ni = NewNonce();
    }
    if (!m_dh || m_dh->GetGroup() != m_keGroup)
    {
        m_dh = std::make_unique<DiffieHellman>(m_keGroup);
        DhStatus s = m_dh->GenerateKeyPair(MakeRandomBytesCallback(m_random));
        NS_ABORT_MSG_IF(s != DhStatus::OK, "IKE: cannot make a key pair: " << s);
    }
    std::vector<IkePayload> payloads;
    if (!m_cookie.empty())
    {
        payloads.push_back(Notify(ike::COOKIE, m_cookie)); // first (RFC 7296 §2.6)
    }
    payloads.emplace_back(ike::PAYLOAD_SA, IkeProposals::OfferIkeSa(m_suite, {}));
    IkeKePayload ke;
    ke.dhGroup = static_cast<uint16_t>(m_keGroup);
    ke.data = m_dh->GetPublicValue();
    payloads.emplace_back(ike::PAYLOAD_KE, ke);
    IkeNoncePayload nonce;
    nonce.data = m_sa->ni;
    payloads.emplace_back(ike::PAYLOAD_NONCE, nonce);
    AddNatDetection(payloads, m_sa->GetSpiI(), 0);

    IkeMessage m(m_sa->MakeHeader(ike::IKE_SA_INIT, false, 0));
    for (auto& p : payloads)
    {
        m.AddPayload(std::move(p));
    }
    m_sa->initRequest = m.Serialize();
    if (m_sa->PeekRequestId() == 0)
    {
        m_sa->TakeRequestId(); // IKE_SA_INIT is Message ID 0, its retries too
    }
    SetState(INIT);
    StartRequest(REQ_INIT, m_sa, ike::IKE_SA_INIT, 0, m_sa->initRequest);
}

void
IkeSession::AddNatDetection(std::vector<IkePayload>& payloads, uint64_t spiI, uint64_t spiR) const
{
    InetSocketAddress local(Ipv4Address::GetAny(), 0);
    InetSocketAddress peer(Ipv4Address::GetAny(), 0);
    if (!m_endpoint->GetTransport()->GetPath(local, peer))
    {
        return;
    }
    payloads.push_back(
        Notify(ike::NAT_DETECTION_SOURCE_IP, IkeNatDetectionHash(spiI, spiR, local)));
    payloads.push_back(
        Notify(ike::NAT_DETECTION_DESTINATION_IP, IkeNatDetectionHash(spiI, spiR, peer)));
}

void
IkeSession::CheckNatDetection(const IkeMessage& message,
                              uint64_t spiI,
                              uint64_t spiR,
                              const Address& from)
{
    const IkeNotifyPayload* src = message.FindNotify(ike::NAT_DETECTION_SOURCE_IP);
    const IkeNotifyPayload* dst = message.FindNotify(ike::NAT_DETECTION_DESTINATION_IP);
    InetSocketAddress local(Ipv4Address::GetAny(), 0);
    InetSocketAddress peer(Ipv4Address::GetAny(), 0);
    if (!src || !dst || !InetSocketAddress::IsMatchingType(from)
        || !m_endpoint->GetTransport()->GetPath(local, peer))
    {
        return;
    }
    bool peerBehindNat
        = src->data != IkeNatDetectionHash(spiI, spiR, InetSocketAddress::ConvertFrom(from));
    bool selfBehindNat = dst->data != IkeNatDetectionHash(spiI, spiR, local);
    m_natDetected = peerBehindNat || selfBehindNat;
    if (selfBehindNat)
    {
        // Keep the NAT's UDP mapping alive (RFC 3948 §2.3); stream transports send none.
        m_endpoint->GetTransport()->SetNatKeepalive(true);
    }
    NS_LOG_INFO("NAT detection: peer behind NAT " << peerBehindNat << ", this side "
                                                  << selfBehindNat);
}

std::vector<uint8_t>
IkeSession::Cookie(const IkeMessage& message, const Address& from) const
{
    // RFC 7296 §2.6: Cookie = <VersionIDofSecret> | Hash(Ni | IPi | SPIi | <secret>).
    const IkeNoncePayload* ni = nullptr;
    for (const auto& p : message.GetPayloads())
    {
        if (p.type == ike::PAYLOAD_NONCE)
        {
            ni = p.Get<IkeNoncePayload>();
        }
    }
    std::vector<uint8_t> input = ni ? ni->data : std::vector<uint8_t>();
    if (InetSocketAddress::IsMatchingType(from))
    {
        uint8_t ip[4];
        InetSocketAddress::ConvertFrom(from).GetIpv4().Serialize(ip);
        input.insert(input.end(), ip, ip + 4);
    }
    std::vector<uint8_t> spi = Spi64(message.GetHeader().spiI);
    input.insert(input.end(), spi.begin(), spi.end());
    Prf prf(PrfAlgorithm::HMAC_SHA2_256);
    std::vector<uint8_t> cookie{0}; // version of the secret
    std::vector<uint8_t> hash = prf.Compute(m_cookieSecret, input);
    cookie.insert(cookie.end(), hash.begin(), hash.end());
    return cookie;
}

void
IkeSession::HandleInitRequest(const IkeMessage& message,
                              const std::vector<uint8_t>& bytes,
                              const Address& from)
{
    const IkeHeader& h = message.GetHeader();
    if (m_sa && m_sa->GetSpiI() == h.spiI && m_sa->initRequest == bytes
        && !m_sa->initResponse.empty())
    {
        ++m_cachedResponses; // a retransmitted IKE_SA_INIT
        if (Ptr<SwitchableEncapTransport> sw = GetSwitchable())
        {
            // Answer where it came from without moving there: the copy a race sent on the
            // losing transport may arrive after IKE_AUTH settled the SA on the other one.
            sw->Get(sw->GetDelivering())->ConfirmPeer(from);
            SendBytes(m_sa->initResponse, sw->GetDelivering());
            return;
        }
        m_endpoint->GetTransport()->ConfirmPeer(from);
        SendBytes(m_sa->initResponse);
        return;
    }
    // Answer on the transport and address it came from (UDP or TCP, a new connection).
    m_endpoint->GetTransport()->ConfirmPeer(from);
    const auto& payloads = message.GetPayloads();
    const IkeSaPayload* saPayload = FindBody<IkeSaPayload>(payloads, ike::PAYLOAD_SA);
    const IkeKePayload* ke = FindBody<IkeKePayload>(payloads, ike::PAYLOAD_KE);
    const IkeNoncePayload* ni = FindBody<IkeNoncePayload>(payloads, ike::PAYLOAD_NONCE);
    if (!saPayload || !ke || !ni)
    {
        ++m_drops;
        RespondError(h, ike::INVALID_SYNTAX, {});
        return;
    }
    uint32_t halfOpen = (m_state == AUTH) ? 1 : 0;
    if (halfOpen >= m_cookieThreshold)
    {
        std::vector<uint8_t> expected = Cookie(message, from);
        const IkePayload& first = payloads.front();
        const IkeNotifyPayload* cookie = first.Get<IkeNotifyPayload>();
        if (first.type != ike::PAYLOAD_NOTIFY || !cookie || cookie->type != ike::COOKIE
            || cookie->data != expected)
        {
            NS_LOG_INFO("IKE_SA_INIT without a valid cookie: asking for one");
            RespondError(h, ike::COOKIE, expected);
            return;
        }
    }
    IkeSaChoice choice;
    IkeProposal accepted;
    if (!IkeProposals::ChooseIkeSa(*saPayload, m_suite, choice, accepted))
    {
        RespondError(h, ike::NO_PROPOSAL_CHOSEN, {});
        return;
    }
    if (ke->dhGroup != static_cast<uint16_t>(choice.dhGroup))
    {
        uint16_t g = static_cast<uint16_t>(choice.dhGroup);
        RespondError(
            h, ike::INVALID_KE_PAYLOAD, {static_cast<uint8_t>(g >> 8), static_cast<uint8_t>(g)});
        return;
    }

    // A new IKE SA; one from the same peer replaces the old (the initiator restarted).
    if (m_sa && m_state != IDLE)
    {
        RemoveAllChildren();
        m_request.timer.Cancel();
        m_request = Request();
    }
    Ptr<IkeSa> sa = Create<IkeSa>(false, h.spiI);
    sa->SetSpiR(NewIkeSpi());
    sa->ni = ni->data;
    sa->nr = NewNonce();
    sa->initRequest = bytes;
    DiffieHellman dh(choice.dhGroup);
    NS_ABORT_MSG_IF(dh.GenerateKeyPair(MakeRandomBytesCallback(m_random)) != DhStatus::OK,
                    "IKE: cannot make a key pair");
    if (!ComputeIkeSaKeys(sa, choice, dh, *ke))
    {
        RespondError(h, ike::INVALID_SYNTAX, {});
        return;
    }
    m_sa = sa;
    m_oldSa = nullptr;
    m_startTime = Simulator::Now();
    m_failure = 0;
    m_handshakeTime = Time(0);
    CheckNatDetection(message, h.spiI, 0, from);

    std::vector<IkePayload> out;
    IkeSaPayload answer;
    answer.proposals.push_back(accepted);
    out.emplace_back(ike::PAYLOAD_SA, answer);
    IkeKePayload ourKe;
    ourKe.dhGroup = static_cast<uint16_t>(choice.dhGroup);
    ourKe.data = dh.GetPublicValue();
    out.emplace_back(ike::PAYLOAD_KE, ourKe);
    IkeNoncePayload nr;
    nr.data = sa->nr;
    out.emplace_back(ike::PAYLOAD_NONCE, nr);
    AddNatDetection(out, sa->GetSpiI(), sa->GetSpiR());
    sa->initResponse = Respond(sa, h, out, false);
    SetState(AUTH);
}

bool
IkeSession::ComputeIkeSaKeys(Ptr<IkeSa> sa,
                             const IkeSaChoice& choice,
                             DiffieHellman& dh,
                             const IkeKePayload& peerKe)
{
    std::vector<uint8_t> gir;
    DhStatus s = dh.ComputeSharedSecret(peerKe.data, gir);
    if (s != DhStatus::OK)
    {
        NS_LOG_INFO("bad KE payload: " << s);
        return false;
    }
    Prf prf(choice.prf);
    std::vector<uint8_t> skeyseed = IkeKeySchedule::ComputeSkeyseed(prf, sa->ni, sa->nr, gir);
    sa->DeriveKeys(choice, skeyseed, sa->ni, sa->nr);
    m_keysTrace(sa->GetSpiI(), sa->GetSpiR(), sa->GetKeys().skEi, sa->GetKeys().skEr);
    return true;
}

void
IkeSession::HandleInitResponse(const IkeMessage& message,
                               const std::vector<uint8_t>& bytes,
                               const Address& from)
{
    const IkeHeader& h = message.GetHeader();
    const auto& payloads = message.GetPayloads();
    Ptr<SwitchableEncapTransport> sw = GetSwitchable();
    if (sw && m_raceStarted)
    {
        sw->Use(sw->GetDelivering()); // the first answer decides the race
    }
    if (const IkeNotifyPayload* cookie = message.FindNotify(ike::COOKIE))
    {
        // RFC 9329 §6.4 (over TCP, too): retry at once on the same connection.
        EndRequest();
        if (++m_initRetries > 5 || cookie->data.empty())
        {
            Fail(ike::COOKIE);
            return;
        }
        m_cookie = cookie->data;
        SendInitRequest();
        return;
    }
    if (const IkeNotifyPayload* invalidKe = message.FindNotify(ike::INVALID_KE_PAYLOAD))
    {
        EndRequest();
        DhGroup g;
        if (invalidKe->data.size() != 2
            || !DhGroupFromId(static_cast<uint16_t>((invalidKe->data[0] << 8) | invalidKe->data[1]),
                              g)
            || g == m_keGroup
            || std::find(m_suite.dhGroups.begin(), m_suite.dhGroups.end(), g)
                   == m_suite.dhGroups.end()
            || ++m_initRetries > 5)
        {
            Fail(ike::INVALID_KE_PAYLOAD);
            return;
        }
        NS_LOG_INFO("responder wants group " << ToString(g));
        m_keGroup = g;
        SendInitRequest();
        return;
    }
    if (uint16_t error = message.FindNotify(ike::NO_PROPOSAL_CHOSEN) ? ike::NO_PROPOSAL_CHOSEN
                                                                     : FirstError(payloads))
    {
        EndRequest();
        Fail(error);
        return;
    }
    const IkeSaPayload* saPayload = FindBody<IkeSaPayload>(payloads, ike::PAYLOAD_SA);
    const IkeKePayload* ke = FindBody<IkeKePayload>(payloads, ike::PAYLOAD_KE);
    const IkeNoncePayload* nr = FindBody<IkeNoncePayload>(payloads, ike::PAYLOAD_NONCE);
    IkeSaChoice choice;
    std::vector<uint8_t> spi;
    if (!saPayload || !ke || !nr || h.spiR == 0
        || !IkeProposals::AcceptIkeSa(*saPayload, m_suite, choice, spi)
        || choice.dhGroup != m_keGroup || ke->dhGroup != static_cast<uint16_t>(m_keGroup))
    {
        ++m_drops;
        EndRequest();
        Fail(ike::INVALID_SYNTAX);
        return;
    }
    EndRequest();
    m_fallbackEvent.Cancel();
    if (sw && m_raceStarted && sw->GetActive() == SwitchableEncapTransport::DATAGRAM)
    {
        sw->StopStream(); // UDP won: the TCP connection is given up
    }
    m_raceStarted = false;
    m_raceWaitingPath = false;
    m_sa->SetSpiR(h.spiR);
    m_sa->nr = nr->data;
    m_sa->initResponse = bytes;
    if (!ComputeIkeSaKeys(m_sa, choice, *m_dh, *ke))
    {
        Fail(ike::INVALID_SYNTAX);
        return;
    }
    m_dh.reset();
    CheckNatDetection(message, h.spiI, h.spiR, from);
    SendAuthRequest();
}

// --- IKE_AUTH -----------------------------------------------------------------------------------

IkeIdPayload
IkeSession::LocalId() const
{
    IkeIdPayload id;
    if (m_authMethod == CERTIFICATE)
    {
        id.idType = ike::ID_DER_ASN1_DN;
        id.data = m_credential->GetSubjectDer();
        return id;
    }
    std::string name = m_localId;
    if (name.empty())
    {
        name = IsInitiator() ? "client.tcp-encap.example" : "gateway.tcp-encap.example";
    }
    id.idType = ike::ID_FQDN;
    id.data.assign(name.begin(), name.end());
    return id;
}

void
IkeSession::AddAuthentication(Ptr<IkeSa> sa, std::vector<IkePayload>& payloads)
{
    bool initiator = sa->IsOriginalInitiator();
    IkeIdPayload id = LocalId();
    payloads.emplace_back(initiator ? ike::PAYLOAD_IDI : ike::PAYLOAD_IDR, id);
    const std::vector<uint8_t>& realMessage = initiator ? sa->initRequest : sa->initResponse;
    const std::vector<uint8_t>& peerNonce = initiator ? sa->nr : sa->ni;
    const std::vector<uint8_t>& skP = initiator ? sa->GetKeys().skPi : sa->GetKeys().skPr;
    IkeAuthPayload auth;
    if (m_authMethod == CERTIFICATE)
    {
        IkeCertPayload cert;
        cert.encoding = ike::CERT_X509_SIGNATURE;
        cert.data = m_credential->GetCertificateDer();
        payloads.emplace_back(ike::PAYLOAD_CERT, cert);
        auth.method = ike::AUTH_DIGITAL_SIGNATURE;
        auth.data = IkeSignatureAuth::Sign(
            *m_credential,
            IkePskAuth::BuildSignedOctets(sa->GetPrf(), realMessage, peerNonce, skP, id.GetBody()),
            m_random);
    }
    else
    {
        auth.method = ike::AUTH_SHARED_KEY_MIC;
        auth.data = IkePskAuth::Compute(sa->GetPrf(),
                                        std::vector<uint8_t>(m_psk.begin(), m_psk.end()),
                                        realMessage,
                                        peerNonce,
                                        skP,
                                        id.GetBody());
    }
    payloads.emplace_back(ike::PAYLOAD_AUTH, auth);
}

bool
IkeSession::VerifyAuthentication(Ptr<IkeSa> sa, const std::vector<IkePayload>& inner)
{
    bool peerIsInitiator = !sa->IsOriginalInitiator();
    const IkeIdPayload* id
        = FindBody<IkeIdPayload>(inner, peerIsInitiator ? ike::PAYLOAD_IDI : ike::PAYLOAD_IDR);
    const IkeAuthPayload* auth = FindBody<IkeAuthPayload>(inner, ike::PAYLOAD_AUTH);
    if (!id || !auth)
    {
        return false;
    }
    if (!m_peerId.empty() && m_authMethod == PSK
        && (id->idType != ike::ID_FQDN
            || std::string(id->data.begin(), id->data.end()) != m_peerId))
    {
        NS_LOG_INFO("peer identity is not " << m_peerId);
        return false;
    }
    const std::vector<uint8_t>& realMessage = peerIsInitiator ? sa->initRequest : sa->initResponse;
    const std::vector<uint8_t>& ownNonce = peerIsInitiator ? sa->nr : sa->ni;
    const std::vector<uint8_t>& skP = peerIsInitiator ? sa->GetKeys().skPi : sa->GetKeys().skPr;
    if (m_authMethod == PSK)
    {
        return auth->method == ike::AUTH_SHARED_KEY_MIC
               && IkePskAuth::Verify(sa->GetPrf(),
                                     std::vector<uint8_t>(m_psk.begin(), m_psk.end()),
                                     realMessage,
                                     ownNonce,
                                     skP,
                                     id->GetBody(),
                                     auth->data);
    }
    const IkeCertPayload* cert = FindBody<IkeCertPayload>(inner, ike::PAYLOAD_CERT);
    if (auth->method != ike::AUTH_DIGITAL_SIGNATURE || !cert
        || cert->encoding != ike::CERT_X509_SIGNATURE || cert->data != m_trustedPeerCert)
    {
        NS_LOG_INFO("no signature, or a certificate that is not the trusted one");
        return false;
    }
    IkeSignatureStatus s = IkeSignatureAuth::Verify(
        cert->data,
        IkePskAuth::BuildSignedOctets(sa->GetPrf(), realMessage, ownNonce, skP, id->GetBody()),
        auth->data);
    NS_LOG_INFO("signature: " << ToString(s));
    return s == IkeSignatureStatus::OK;
}

std::vector<IkePayload>
IkeSession::TrafficSelectorPayloads() const
{
    // From the initiator's view: TSi is its own side.
    IkeTsPayload local;
    local.selectors.push_back(Range(m_selector.localNetwork, m_selector.localMask));
    IkeTsPayload remote;
    remote.selectors.push_back(Range(m_selector.remoteNetwork, m_selector.remoteMask));
    bool initiator = IsInitiator();
    return {IkePayload(ike::PAYLOAD_TSI, initiator ? local : remote),
            IkePayload(ike::PAYLOAD_TSR, initiator ? remote : local)};
}

bool
IkeSession::AcceptTrafficSelectors(const std::vector<IkePayload>& inner) const
{
    // Responder: TSi must lie in what this side reaches through the peer, TSr in its own side.
    return Inside(FindBody<IkeTsPayload>(inner, ike::PAYLOAD_TSI),
                  m_selector.remoteNetwork,
                  m_selector.remoteMask)
           && Inside(FindBody<IkeTsPayload>(inner, ike::PAYLOAD_TSR),
                     m_selector.localNetwork,
                     m_selector.localMask);
}

void
IkeSession::SendAuthRequest()
{
    std::vector<IkePayload> payloads;
    AddAuthentication(m_sa, payloads);
    if (m_mobike)
    {
        payloads.push_back(Notify(ike::MOBIKE_SUPPORTED));
    }
    if (m_sendInitialContact)
    {
        // After IDi, [CERT]: before AUTH is also allowed; kept after for simplicity.
        payloads.push_back(Notify(ike::INITIAL_CONTACT));
    }
    m_childInSpi = NewChildSpi();
    payloads.emplace_back(ike::PAYLOAD_SA,
                          IkeProposals::OfferChildSa(m_childSuite, m_childInSpi, 0));
    for (auto& ts : TrafficSelectorPayloads())
    {
        payloads.push_back(ts);
    }
    uint32_t id = m_sa->TakeRequestId();
    SetState(AUTH);
    StartRequest(REQ_AUTH,
                 m_sa,
                 ike::IKE_AUTH,
                 id,
                 m_sa->Protect(m_sa->MakeHeader(ike::IKE_AUTH, false, id), payloads));
}

void
IkeSession::HandleAuthRequest(Ptr<IkeSa> sa,
                              const IkeHeader& header,
                              const std::vector<IkePayload>& inner)
{
    if (m_state != AUTH || sa != m_sa)
    {
        ++m_drops;
        return;
    }
    if (!VerifyAuthentication(sa, inner))
    {
        NS_LOG_INFO("IKE_AUTH: the initiator's AUTH does not verify");
        Respond(sa, header, {Notify(ike::AUTHENTICATION_FAILED)}, true);
        Fail(ike::AUTHENTICATION_FAILED);
        return;
    }
    std::vector<IkePayload> out;
    AddAuthentication(sa, out);
    m_mobikeNegotiated = m_mobike && FindNotify(inner, ike::MOBIKE_SUPPORTED);
    if (m_mobikeNegotiated)
    {
        out.push_back(Notify(ike::MOBIKE_SUPPORTED));
    }
    const IkeSaPayload* childSa = FindBody<IkeSaPayload>(inner, ike::PAYLOAD_SA);
    uint32_t peerSpi = 0;
    uint8_t number = 0;
    if (!childSa || !IkeProposals::MatchChildSa(*childSa, m_childSuite, 0, peerSpi, number))
    {
        out.push_back(Notify(ike::NO_PROPOSAL_CHOSEN));
    }
    else if (!AcceptTrafficSelectors(inner))
    {
        out.push_back(Notify(ike::TS_UNACCEPTABLE));
    }
    else
    {
        uint32_t inSpi = NewChildSpi();
        IkeSaPayload answer = IkeProposals::OfferChildSa(m_childSuite, inSpi, 0);
        answer.proposals.front().number = number;
        out.emplace_back(ike::PAYLOAD_SA, answer);
        for (const auto& p : inner)
        {
            if (p.type == ike::PAYLOAD_TSI || p.type == ike::PAYLOAD_TSR)
            {
                out.push_back(p); // accepted as proposed (no narrowing)
            }
        }
        InstallChildSa(sa, sa->ni, sa->nr, {}, inSpi, peerSpi, true);
    }
    Respond(sa, header, out, true);
    Established();
}

void
IkeSession::HandleAuthResponse(const std::vector<IkePayload>& inner)
{
    if (FindNotify(inner, ike::AUTHENTICATION_FAILED))
    {
        Fail(ike::AUTHENTICATION_FAILED);
        return;
    }
    if (!VerifyAuthentication(m_sa, inner))
    {
        uint16_t error = FirstError(inner);
        Fail(error != 0 ? error : ike::AUTHENTICATION_FAILED);
        return;
    }
    m_mobikeNegotiated = m_mobike && FindNotify(inner, ike::MOBIKE_SUPPORTED);
    const IkeSaPayload* childSa = FindBody<IkeSaPayload>(inner, ike::PAYLOAD_SA);
    uint32_t peerSpi = 0;
    uint8_t number = 0;
    if (childSa && IkeProposals::MatchChildSa(*childSa, m_childSuite, 0, peerSpi, number)
        && FindBody<IkeTsPayload>(inner, ike::PAYLOAD_TSI)
        && FindBody<IkeTsPayload>(inner, ike::PAYLOAD_TSR))
    {
        InstallChildSa(m_sa, m_sa->ni, m_sa->nr, {}, m_childInSpi, peerSpi, true);
    }
    else
    {
        // The IKE SA stands; the Child SA was refused (RFC 7296 §1.2).
        m_failure = FirstError(inner);
        NS_LOG_INFO("the responder refused the Child SA: notify " << m_failure);
    }
    Established();
}

// --- Child SAs ----------------------------------------------------------------------------------

void
IkeSession::InstallChildSa(Ptr<IkeSa> sa,
                           const std::vector<uint8_t>& ni,
                           const std::vector<uint8_t>& nr,
                           const std::vector<uint8_t>& gir,
                           uint32_t inSpi,
                           uint32_t outSpi,
                           bool switchOutbound)
{
    ChildSaKeys keys = IkeKeySchedule::DeriveChildSaKeys(
        sa->GetPrf(), sa->GetKeys().skD, ni, nr, gir, GetKeyMaterialSize(m_childSuite.cipher));
    bool initiator = sa->IsOriginalInitiator();
    EspSaParams out;
    out.spi = outSpi;
    out.cipher = m_childSuite.cipher;
    out.esn = m_childSuite.esn;
    out.replayWindow = m_childSuite.replayWindow;
    out.keyMaterial = initiator ? keys.initiatorToResponder : keys.responderToInitiator;
    EspSaParams in = out;
    in.spi = inSpi;
    in.keyMaterial = initiator ? keys.responderToInitiator : keys.initiatorToResponder;
    ChildSa child;
    child.inSpi = inSpi;
    child.outSpi = outSpi;
    child.in = Create<EspSa>(in);
    child.out = Create<EspSa>(out);
    child.installed = Simulator::Now();
    m_endpoint->InstallChildSa(
        m_selector, child.out, child.in, switchOutbound || m_children.empty());
    m_children.push_back(child);
    NS_LOG_INFO("Child SA in 0x" << std::hex << inSpi << " out 0x" << outSpi << std::dec);
}

IkeSession::ChildSa*
IkeSession::FindChildByInbound(uint32_t spi)
{
    for (auto& c : m_children)
    {
        if (c.inSpi == spi)
        {
            return &c;
        }
    }
    return nullptr;
}

IkeSession::ChildSa*
IkeSession::FindChildByOutbound(uint32_t spi)
{
    for (auto& c : m_children)
    {
        if (c.outSpi == spi)
        {
            return &c;
        }
    }
    return nullptr;
}

void
IkeSession::RemoveChild(uint32_t inSpi)
{
    auto it = std::find_if(m_children.begin(),
                           m_children.end(),
                           [inSpi](const ChildSa& c)
                           {
                               return c.inSpi == inSpi;
                           });
    if (it == m_children.end())
    {
        return;
    }
    m_endpoint->RemoveInboundSa(inSpi);
    m_children.erase(it);
    if (m_children.empty())
    {
        m_endpoint->RemovePolicy(m_selector);
    }
    else
    {
        m_endpoint->SetOutboundSa(m_selector, m_children.back().out);
    }
}

void
IkeSession::RemoveAllChildren()
{
    while (!m_children.empty())
    {
        RemoveChild(m_children.front().inSpi);
    }
}

uint32_t
IkeSession::GetChildInboundSpi() const
{
    return m_children.empty() ? 0 : m_children.back().inSpi;
}

// --- the established IKE SA ------------------------------------------------------------------

void
IkeSession::Established()
{
    m_handshakeTime = Simulator::Now() - m_startTime;
    m_handshakeBytes = m_bytesTx + m_bytesRx;
    m_lastRx = Simulator::Now();
    SetState(ESTABLISHED);
    NS_LOG_INFO("established in " << m_handshakeTime.As(Time::MS) << ", " << m_handshakeBytes
                                  << " IKE bytes");
    m_establishedTrace(m_handshakeTime);
    Ptr<SwitchableEncapTransport> sw = GetSwitchable();
    if (sw && IsInitiator())
    {
        Ipv4AddressValue peer;
        sw->Get(SwitchableEncapTransport::DATAGRAM)->GetAttribute("PeerAddress", peer);
        if (m_memory)
        {
            m_memory->Remember(peer.Get(), IsStream());
        }
        if (IsStream() && m_mobikeNegotiated && m_returnProbeInterval.IsStrictlyPositive())
        {
            m_probeEvent
                = Simulator::Schedule(m_returnProbeInterval, &IkeSession::ProbeReturn, this);
        }
    }
    ScheduleLifetimes();
    NextRequest();
}

void
IkeSession::ScheduleLifetimes()
{
    if (m_livenessInterval.IsStrictlyPositive() && !m_livenessEvent.IsPending())
    {
        m_livenessEvent = Simulator::Schedule(m_livenessInterval, &IkeSession::CheckLiveness, this);
    }
    if (!IsInitiator())
    {
        return;
    }
    m_childRekeyEvent.Cancel();
    if (!m_children.empty() && (m_childLifetime.IsStrictlyPositive() || m_childLifetimeBytes > 0))
    {
        Time next = m_childLifetimeBytes > 0 ? MilliSeconds(100) : m_childLifetime;
        if (m_childLifetime.IsStrictlyPositive())
        {
            next = std::min(next, m_childLifetime);
        }
        m_childRekeyEvent = Simulator::Schedule(next, &IkeSession::CheckChildLifetime, this);
    }
    if (m_ikeLifetime.IsStrictlyPositive() && !m_ikeRekeyEvent.IsPending())
    {
        m_ikeRekeyEvent
            = Simulator::Schedule(m_ikeLifetime, &IkeSession::StartIkeRekeyWhenFree, this);
    }
}

void
IkeSession::StartIkeRekeyWhenFree()
{
    m_wantIkeRekey = true;
    NextRequest();
}

void
IkeSession::CheckLiveness()
{
    if (m_state != ESTABLISHED)
    {
        return;
    }
    m_livenessEvent = Simulator::Schedule(m_livenessInterval, &IkeSession::CheckLiveness, this);
    uint64_t espRx = m_endpoint->GetRxCounters().Get(EspStatus::OK);
    if (espRx != m_lastEspRx)
    {
        m_lastEspRx = espRx;
        m_lastRx = Simulator::Now();
    }
    if (Simulator::Now() - m_lastRx >= m_livenessInterval)
    {
        m_wantLiveness = true;
        NextRequest();
    }
}

void
IkeSession::CheckChildLifetime()
{
    if (m_state != ESTABLISHED || m_children.empty())
    {
        return;
    }
    const ChildSa& c = m_children.back();
    Time age = Simulator::Now() - c.installed;
    uint64_t bytes = c.in->GetBytes() + c.out->GetBytes();
    if ((m_childLifetime.IsStrictlyPositive() && age >= m_childLifetime)
        || (m_childLifetimeBytes > 0 && bytes >= m_childLifetimeBytes))
    {
        m_wantChildRekey = true;
        NextRequest();
        return; // rescheduled when the new Child SA is in place
    }
    Time next = m_childLifetimeBytes > 0 ? MilliSeconds(100) : m_childLifetime - age;
    if (m_childLifetime.IsStrictlyPositive())
    {
        next = std::min(next, m_childLifetime - age);
    }
    m_childRekeyEvent = Simulator::Schedule(next, &IkeSession::CheckChildLifetime, this);
}

void
IkeSession::SendEmptyInformational()
{
    uint32_t id = m_sa->TakeRequestId();
    StartRequest(REQ_LIVENESS,
                 m_sa,
                 ike::INFORMATIONAL,
                 id,
                 m_sa->Protect(m_sa->MakeHeader(ike::INFORMATIONAL, false, id), {}));
}

void
IkeSession::SendDeleteChild(uint32_t inSpi)
{
    IkeDeletePayload d;
    d.protocolId = ike::PROTO_ESP;
    d.spiSize = 4;
    d.spis.push_back(Spi32(inSpi));
    uint32_t id = m_sa->TakeRequestId();
    StartRequest(REQ_DELETE_CHILD,
                 m_sa,
                 ike::INFORMATIONAL,
                 id,
                 m_sa->Protect(m_sa->MakeHeader(ike::INFORMATIONAL, false, id),
                               {IkePayload(ike::PAYLOAD_DELETE, d)}));
    m_request.childSpi = inSpi;
}

void
IkeSession::HandleInformationalRequest(Ptr<IkeSa> sa,
                                       const IkeHeader& header,
                                       const std::vector<IkePayload>& inner)
{
    std::vector<IkePayload> out;
    std::vector<uint32_t> removeAfter;
    bool deleteIke = false;
    for (const auto& p : inner)
    {
        const IkeDeletePayload* d = p.Get<IkeDeletePayload>();
        if (p.type != ike::PAYLOAD_DELETE || !d)
        {
            continue;
        }
        if (d->protocolId == ike::PROTO_IKE)
        {
            deleteIke = true;
            continue;
        }
        if (d->protocolId != ike::PROTO_ESP)
        {
            continue;
        }
        IkeDeletePayload answer;
        answer.protocolId = ike::PROTO_ESP;
        answer.spiSize = 4;
        for (const auto& spi : d->spis)
        {
            // The peer names its inbound SPI: our outbound one of the pair (RFC 7296 §1.4.1).
            ChildSa* c = spi.size() == 4 ? FindChildByOutbound(ReadSpi32(spi)) : nullptr;
            if (c)
            {
                answer.spis.push_back(Spi32(c->inSpi));
                removeAfter.push_back(c->inSpi);
            }
        }
        if (!answer.spis.empty())
        {
            out.emplace_back(ike::PAYLOAD_DELETE, answer);
        }
    }
    if (FindNotify(inner, ike::UPDATE_SA_ADDRESSES))
    {
        // The move itself happened on receipt (ConfirmPeer): the peer is where this came from.
        ++m_addressUpdates;
    }
    if (deleteIke)
    {
        Respond(sa, header, {}, true);
        if (sa == m_oldSa)
        {
            m_oldSa = nullptr; // the old IKE SA after a rekey
            return;
        }
        TearDown(CLOSED);
        return;
    }
    Respond(sa, header, out, true);
    for (uint32_t spi : removeAfter)
    {
        RemoveChild(spi);
    }
    if (uint16_t error = FirstError(inner))
    {
        Fail(error); // e.g. AUTHENTICATION_FAILED from an initiator that rejected our AUTH
    }
}

void
IkeSession::StartChildRekey()
{
    if (m_children.empty())
    {
        return;
    }
    uint32_t oldSpi = m_children.back().inSpi;
    m_rekey = PendingRekey();
    m_rekey.newInSpi = NewChildSpi();
    m_rekey.ni = NewNonce();
    uint16_t pfsGroup = 0;
    std::vector<IkePayload> payloads;
    IkeNotifyPayload rekeySa;
    rekeySa.protocolId = ike::PROTO_ESP;
    rekeySa.type = ike::REKEY_SA;
    rekeySa.spi = Spi32(oldSpi);
    payloads.emplace_back(ike::PAYLOAD_NOTIFY, rekeySa);
    if (m_pfs)
    {
        DhGroup g = m_sa->GetChoice().dhGroup;
        pfsGroup = static_cast<uint16_t>(g);
        m_rekey.dh = std::make_unique<DiffieHellman>(g);
        NS_ABORT_MSG_IF(m_rekey.dh->GenerateKeyPair(MakeRandomBytesCallback(m_random))
                            != DhStatus::OK,
                        "IKE: cannot make a key pair");
    }
    payloads.emplace_back(ike::PAYLOAD_SA,
                          IkeProposals::OfferChildSa(m_childSuite, m_rekey.newInSpi, pfsGroup));
    IkeNoncePayload ni;
    ni.data = m_rekey.ni;
    payloads.emplace_back(ike::PAYLOAD_NONCE, ni);
    if (m_rekey.dh)
    {
        IkeKePayload ke;
        ke.dhGroup = pfsGroup;
        ke.data = m_rekey.dh->GetPublicValue();
        payloads.emplace_back(ike::PAYLOAD_KE, ke);
    }
    for (auto& ts : TrafficSelectorPayloads())
    {
        payloads.push_back(ts);
    }
    uint32_t id = m_sa->TakeRequestId();
    StartRequest(REQ_REKEY_CHILD,
                 m_sa,
                 ike::CREATE_CHILD_SA,
                 id,
                 m_sa->Protect(m_sa->MakeHeader(ike::CREATE_CHILD_SA, false, id), payloads));
    m_request.childSpi = oldSpi;
}

void
IkeSession::FinishChildRekey(const std::vector<IkePayload>& inner)
{
    const IkeSaPayload* sa = FindBody<IkeSaPayload>(inner, ike::PAYLOAD_SA);
    const IkeNoncePayload* nr = FindBody<IkeNoncePayload>(inner, ike::PAYLOAD_NONCE);
    const IkeKePayload* ke = FindBody<IkeKePayload>(inner, ike::PAYLOAD_KE);
    uint16_t pfsGroup = m_rekey.dh ? static_cast<uint16_t>(m_rekey.dh->GetGroup()) : 0;
    uint32_t peerSpi = 0;
    uint8_t number = 0;
    std::vector<uint8_t> gir;
    if (!sa || !nr || !IkeProposals::MatchChildSa(*sa, m_childSuite, pfsGroup, peerSpi, number)
        || (m_rekey.dh
            && (!ke || ke->dhGroup != pfsGroup
                || m_rekey.dh->ComputeSharedSecret(ke->data, gir) != DhStatus::OK)))
    {
        NS_LOG_INFO("Child SA rekey refused or malformed (notify " << FirstError(inner)
                                                                   << "): keep the old one");
        m_childRekeyEvent = Simulator::Schedule(Seconds(10), &IkeSession::CheckChildLifetime, this);
        return;
    }
    uint32_t oldSpi = m_children.back().inSpi;
    InstallChildSa(m_sa, m_rekey.ni, nr->data, gir, m_rekey.newInSpi, peerSpi, true);
    ++m_childRekeys;
    m_childRekeyTrace(oldSpi, m_rekey.newInSpi);
    m_childDeletes.push_back(oldSpi); // the old pair goes once the new one is in use
    m_rekey = PendingRekey();
    ScheduleLifetimes();
}

void
IkeSession::StartIkeRekey()
{
    m_rekey = PendingRekey();
    m_rekey.newSpiI = NewIkeSpi();
    m_rekey.ni = NewNonce();
    DhGroup g = m_sa->GetChoice().dhGroup;
    m_rekey.dh = std::make_unique<DiffieHellman>(g);
    NS_ABORT_MSG_IF(m_rekey.dh->GenerateKeyPair(MakeRandomBytesCallback(m_random)) != DhStatus::OK,
                    "IKE: cannot make a key pair");
    IkeSaSuite suite{m_sa->GetChoice().encrKeyBits, m_sa->GetChoice().prf, {g}};
    std::vector<IkePayload> payloads;
    payloads.emplace_back(ike::PAYLOAD_SA, IkeProposals::OfferIkeSa(suite, Spi64(m_rekey.newSpiI)));
    IkeNoncePayload ni;
    ni.data = m_rekey.ni;
    payloads.emplace_back(ike::PAYLOAD_NONCE, ni);
    IkeKePayload ke;
    ke.dhGroup = static_cast<uint16_t>(g);
    ke.data = m_rekey.dh->GetPublicValue();
    payloads.emplace_back(ike::PAYLOAD_KE, ke);
    uint32_t id = m_sa->TakeRequestId();
    StartRequest(REQ_REKEY_IKE,
                 m_sa,
                 ike::CREATE_CHILD_SA,
                 id,
                 m_sa->Protect(m_sa->MakeHeader(ike::CREATE_CHILD_SA, false, id), payloads));
}

void
IkeSession::FinishIkeRekey(const std::vector<IkePayload>& inner)
{
    const IkeSaPayload* sa = FindBody<IkeSaPayload>(inner, ike::PAYLOAD_SA);
    const IkeNoncePayload* nr = FindBody<IkeNoncePayload>(inner, ike::PAYLOAD_NONCE);
    const IkeKePayload* ke = FindBody<IkeKePayload>(inner, ike::PAYLOAD_KE);
    IkeSaSuite suite{
        m_sa->GetChoice().encrKeyBits, m_sa->GetChoice().prf, {m_rekey.dh->GetGroup()}};
    IkeSaChoice choice;
    std::vector<uint8_t> spiR;
    std::vector<uint8_t> gir;
    if (!sa || !nr || !ke || !IkeProposals::AcceptIkeSa(*sa, suite, choice, spiR)
        || spiR.size() != 8 || ReadSpi64(spiR) == 0
        || m_rekey.dh->ComputeSharedSecret(ke->data, gir) != DhStatus::OK)
    {
        NS_LOG_INFO("IKE SA rekey refused or malformed: keep the old one");
        m_ikeRekeyEvent
            = Simulator::Schedule(Seconds(10), &IkeSession::StartIkeRekeyWhenFree, this);
        return;
    }
    Ptr<IkeSa> next = Create<IkeSa>(true, m_rekey.newSpiI);
    next->SetSpiR(ReadSpi64(spiR));
    next->ni = m_rekey.ni;
    next->nr = nr->data;
    std::vector<uint8_t> skeyseed = IkeKeySchedule::ComputeRekeySkeyseed(
        m_sa->GetPrf(), m_sa->GetKeys().skD, gir, next->ni, next->nr);
    next->DeriveKeys(choice, skeyseed, next->ni, next->nr);
    m_keysTrace(next->GetSpiI(), next->GetSpiR(), next->GetKeys().skEi, next->GetKeys().skEr);
    ++m_ikeRekeys;
    m_ikeRekeyTrace(m_sa->GetSpiI(), next->GetSpiI());
    m_oldSa = m_sa; // deleted next, on the old SA (RFC 7296 §2.18)
    m_sa = next;
    m_rekey = PendingRekey();
    m_ikeRekeyEvent = Simulator::Schedule(m_ikeLifetime, &IkeSession::StartIkeRekeyWhenFree, this);
}

void
IkeSession::HandleCreateChildRequest(Ptr<IkeSa> sa,
                                     const IkeHeader& header,
                                     const std::vector<IkePayload>& inner)
{
    const IkeSaPayload* saPayload = FindBody<IkeSaPayload>(inner, ike::PAYLOAD_SA);
    const IkeNoncePayload* ni = FindBody<IkeNoncePayload>(inner, ike::PAYLOAD_NONCE);
    const IkeKePayload* ke = FindBody<IkeKePayload>(inner, ike::PAYLOAD_KE);
    if (!saPayload || !ni || saPayload->proposals.empty() || sa != m_sa || m_state != ESTABLISHED)
    {
        Respond(
            sa, header, {Notify(sa != m_sa ? ike::TEMPORARY_FAILURE : ike::INVALID_SYNTAX)}, true);
        return;
    }
    std::vector<uint8_t> nonceR = NewNonce();
    IkeNoncePayload nr;
    nr.data = nonceR;

    if (saPayload->proposals.front().protocolId == ike::PROTO_IKE)
    {
        // IKE SA rekey (RFC 7296 §1.3.2).
        IkeSaSuite suite{sa->GetChoice().encrKeyBits, sa->GetChoice().prf, m_suite.dhGroups};
        IkeSaChoice choice;
        IkeProposal accepted;
        if (!ke || !IkeProposals::ChooseIkeSa(*saPayload, suite, choice, accepted)
            || saPayload->proposals.front().spi.size() != 8)
        {
            Respond(sa, header, {Notify(ike::NO_PROPOSAL_CHOSEN)}, true);
            return;
        }
        if (ke->dhGroup != static_cast<uint16_t>(choice.dhGroup))
        {
            uint16_t g = static_cast<uint16_t>(choice.dhGroup);
            Respond(sa,
                    header,
                    {Notify(ike::INVALID_KE_PAYLOAD,
                            {static_cast<uint8_t>(g >> 8), static_cast<uint8_t>(g)})},
                    true);
            return;
        }
        DiffieHellman dh(choice.dhGroup);
        std::vector<uint8_t> gir;
        if (dh.GenerateKeyPair(MakeRandomBytesCallback(m_random)) != DhStatus::OK
            || dh.ComputeSharedSecret(ke->data, gir) != DhStatus::OK)
        {
            Respond(sa, header, {Notify(ike::INVALID_SYNTAX)}, true);
            return;
        }
        Ptr<IkeSa> next = Create<IkeSa>(false, ReadSpi64(saPayload->proposals.front().spi));
        next->SetSpiR(NewIkeSpi());
        next->ni = ni->data;
        next->nr = nonceR;
        std::vector<uint8_t> skeyseed = IkeKeySchedule::ComputeRekeySkeyseed(
            sa->GetPrf(), sa->GetKeys().skD, gir, next->ni, next->nr);
        next->DeriveKeys(choice, skeyseed, next->ni, next->nr);
        accepted.spi = Spi64(next->GetSpiR());
        IkeSaPayload answer;
        answer.proposals.push_back(accepted);
        IkeKePayload ourKe;
        ourKe.dhGroup = static_cast<uint16_t>(choice.dhGroup);
        ourKe.data = dh.GetPublicValue();
        Respond(sa,
                header,
                {IkePayload(ike::PAYLOAD_SA, answer),
                 IkePayload(ike::PAYLOAD_NONCE, nr),
                 IkePayload(ike::PAYLOAD_KE, ourKe)},
                true);
        m_keysTrace(next->GetSpiI(), next->GetSpiR(), next->GetKeys().skEi, next->GetKeys().skEr);
        ++m_ikeRekeys;
        m_ikeRekeyTrace(sa->GetSpiR(), next->GetSpiR());
        m_oldSa = sa; // until the initiator deletes it
        m_sa = next;
        return;
    }

    // Child SA rekey (RFC 7296 §1.3.3); a new Child SA without REKEY_SA is not offered.
    const IkeNotifyPayload* rekey = FindNotify(inner, ike::REKEY_SA);
    if (!rekey)
    {
        Respond(sa, header, {Notify(ike::NO_ADDITIONAL_SAS)}, true);
        return;
    }
    ChildSa* old = rekey->spi.size() == 4 ? FindChildByOutbound(ReadSpi32(rekey->spi)) : nullptr;
    if (!old)
    {
        IkeNotifyPayload n;
        n.protocolId = ike::PROTO_ESP;
        n.type = ike::CHILD_SA_NOT_FOUND;
        n.spi = rekey->spi;
        Respond(sa, header, {IkePayload(ike::PAYLOAD_NOTIFY, n)}, true);
        return;
    }
    uint16_t pfsGroup = ke ? ke->dhGroup : 0;
    DhGroup g;
    uint32_t peerSpi = 0;
    uint8_t number = 0;
    if ((ke
         && (!DhGroupFromId(ke->dhGroup, g)
             || std::find(m_suite.dhGroups.begin(), m_suite.dhGroups.end(), g)
                    == m_suite.dhGroups.end()))
        || !IkeProposals::MatchChildSa(*saPayload, m_childSuite, pfsGroup, peerSpi, number)
        || !AcceptTrafficSelectors(inner))
    {
        Respond(sa, header, {Notify(ike::NO_PROPOSAL_CHOSEN)}, true);
        return;
    }
    std::vector<uint8_t> gir;
    std::unique_ptr<DiffieHellman> dh;
    if (ke)
    {
        dh = std::make_unique<DiffieHellman>(g);
        if (dh->GenerateKeyPair(MakeRandomBytesCallback(m_random)) != DhStatus::OK
            || dh->ComputeSharedSecret(ke->data, gir) != DhStatus::OK)
        {
            Respond(sa, header, {Notify(ike::INVALID_SYNTAX)}, true);
            return;
        }
    }
    uint32_t oldIn = old->inSpi;
    uint32_t inSpi = NewChildSpi();
    IkeSaPayload answer = IkeProposals::OfferChildSa(m_childSuite, inSpi, pfsGroup);
    answer.proposals.front().number = number;
    std::vector<IkePayload> out;
    out.emplace_back(ike::PAYLOAD_SA, answer);
    out.emplace_back(ike::PAYLOAD_NONCE, nr);
    if (dh)
    {
        IkeKePayload ourKe;
        ourKe.dhGroup = pfsGroup;
        ourKe.data = dh->GetPublicValue();
        out.emplace_back(ike::PAYLOAD_KE, ourKe);
    }
    for (const auto& p : inner)
    {
        if (p.type == ike::PAYLOAD_TSI || p.type == ike::PAYLOAD_TSR)
        {
            out.push_back(p);
        }
    }
    // Make before break: accept the new inbound SA now, seal with the new outbound one once
    // the initiator deletes the old pair (it switches when it gets this response).
    InstallChildSa(sa, ni->data, nonceR, gir, inSpi, peerSpi, false);
    Respond(sa, header, out, true);
    ++m_childRekeys;
    m_childRekeyTrace(oldIn, inSpi);
}

// --- ending
// ---------------------------------------------------------------------------------------

void
IkeSession::Fail(uint16_t notify)
{
    m_failure = notify;
    NS_LOG_INFO("IKE SA failed (notify " << notify << ")");
    TearDown(FAILED);
}

void
IkeSession::TearDown(State to)
{
    Stop();
    m_request = Request();
    RemoveAllChildren();
    m_oldSa = nullptr;
    m_childDeletes.clear();
    m_wantDelete = m_wantLiveness = m_wantChildRekey = m_wantIkeRekey = false;
    SetState(to);
}

// --- observation --------------------------------------------------------------------------------

IkeSession::State
IkeSession::GetState() const
{
    return m_state;
}

Time
IkeSession::GetHandshakeTime() const
{
    return m_handshakeTime;
}

uint64_t
IkeSession::GetHandshakeBytes() const
{
    return m_handshakeBytes;
}

uint64_t
IkeSession::GetMessagesSent() const
{
    return m_messagesTx;
}

uint64_t
IkeSession::GetMessagesReceived() const
{
    return m_messagesRx;
}

uint64_t
IkeSession::GetBytesSent() const
{
    return m_bytesTx;
}

uint64_t
IkeSession::GetBytesReceived() const
{
    return m_bytesRx;
}

uint64_t
IkeSession::GetRetransmissions() const
{
    return m_retransmissions;
}

uint64_t
IkeSession::GetResends() const
{
    return m_resends;
}

uint64_t
IkeSession::GetCachedResponses() const
{
    return m_cachedResponses;
}

uint64_t
IkeSession::GetDrops() const
{
    return m_drops;
}

uint64_t
IkeSession::GetIcvFailures() const
{
    return m_icvFailures;
}

uint64_t
IkeSession::GetChildRekeys() const
{
    return m_childRekeys;
}

uint64_t
IkeSession::GetIkeRekeys() const
{
    return m_ikeRekeys;
}

uint64_t
IkeSession::GetInitRetries() const
{
    return m_initRetries;
}

bool
IkeSession::IsMobikeNegotiated() const
{
    return m_mobikeNegotiated;
}

bool
IkeSession::IsOnStream() const
{
    return m_endpoint && m_endpoint->GetTransport() && IsStream();
}

uint64_t
IkeSession::GetFallbacks() const
{
    return m_fallbacks;
}

uint64_t
IkeSession::GetAddressUpdates() const
{
    return m_addressUpdates;
}

uint64_t
IkeSession::GetReturnProbes() const
{
    return m_returnProbes;
}

bool
IkeSession::ShouldMoveToStream() const
{
    Ptr<SwitchableEncapTransport> sw = GetSwitchable();
    return m_state == ESTABLISHED && m_mobikeNegotiated && IsInitiator() && sw
           && sw->GetActive() == SwitchableEncapTransport::DATAGRAM && m_request.kind != REQ_NONE
           && m_request.kind != REQ_RETURN_PROBE
           && Simulator::Now() - m_request.firstSent >= m_mobikeSwitchTimeout;
}

void
IkeSession::MoveTransport(bool toStream)
{
    Ptr<SwitchableEncapTransport> sw = GetSwitchable();
    if (!IsInitiator() || !m_mobikeNegotiated || !sw || m_state != ESTABLISHED
        || (sw->GetActive() == SwitchableEncapTransport::STREAM) == toStream)
    {
        return;
    }
    // A request still out is superseded; its Message ID is taken over, since the peer may
    // never have seen it and waits for that ID (RFC 7296 §2.2).
    bool reuse = m_request.kind != REQ_NONE && m_request.sa == m_sa;
    uint32_t id = reuse ? m_request.messageId : m_sa->TakeRequestId();
    EndRequest();
    if (toStream)
    {
        NS_LOG_INFO("MOBIKE: moving to " << sw->Get(SwitchableEncapTransport::STREAM)->GetName());
        sw->Use(SwitchableEncapTransport::STREAM);
        SendUpdateAddresses(-1, id);
        return;
    }
    ++m_returnProbes;
    SendUpdateAddresses(SwitchableEncapTransport::DATAGRAM, id);
}

void
IkeSession::SendUpdateAddresses(int via, uint32_t id)
{
    StartRequest(via < 0 ? REQ_UPDATE_ADDRESSES : REQ_RETURN_PROBE,
                 m_sa,
                 ike::INFORMATIONAL,
                 id,
                 m_sa->Protect(m_sa->MakeHeader(ike::INFORMATIONAL, false, id),
                               {Notify(ike::UPDATE_SA_ADDRESSES)}),
                 via);
}

void
IkeSession::ProbeReturn()
{
    Ptr<SwitchableEncapTransport> sw = GetSwitchable();
    if (m_state != ESTABLISHED || !sw || sw->GetActive() != SwitchableEncapTransport::STREAM)
    {
        return;
    }
    if (m_request.kind != REQ_NONE)
    {
        m_probeEvent = Simulator::Schedule(Seconds(1), &IkeSession::ProbeReturn, this);
        return;
    }
    MoveTransport(false);
}

uint16_t
IkeSession::GetFailureNotify() const
{
    return m_failure;
}

bool
IkeSession::IsNatDetected() const
{
    return m_natDetected;
}

Ptr<IkeSa>
IkeSession::GetIkeSa() const
{
    return m_sa;
}

} // namespace ns3
