/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-transport-selection.h"

#include "ns3/ike-peer.h"
#include "ns3/ike-sa.h"
#include "ns3/ike-session.h"
#include "ns3/ike-transport-memory.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/switchable-encap-transport.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeTransportSelection");
NS_OBJECT_ENSURE_REGISTERED(IkeTransportSelection);
NS_OBJECT_ENSURE_REGISTERED(IkeNoFallbackSelection);
NS_OBJECT_ENSURE_REGISTERED(IkeSequentialSelection);
NS_OBJECT_ENSURE_REGISTERED(IkeCachedSelection);
NS_OBJECT_ENSURE_REGISTERED(IkeRaceSelection);

// --- the base: hooks that do nothing, and the session seen from a policy ---------------------

TypeId
IkeTransportSelection::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::IkeTransportSelection").SetParent<Object>().SetGroupName("TcpEncap");
    return tid;
}

IkeTransportSelection::IkeTransportSelection() = default;

IkeTransportSelection::~IkeTransportSelection() = default;

void
IkeTransportSelection::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_session = nullptr;
    Object::DoDispose();
}

void
IkeTransportSelection::SetSession(IkeSession* session)
{
    NS_LOG_FUNCTION(this << session);
    m_session = session;
}

void
IkeTransportSelection::Begin(Ptr<SwitchableEncapTransport> sw)
{
    NS_LOG_FUNCTION(this << sw);
}

void
IkeTransportSelection::LimitWait(Time& /* wait */, bool& /* lastWait */) const
{
}

bool
IkeTransportSelection::OnRequestTimeout()
{
    return false;
}

bool
IkeTransportSelection::OnPathUp()
{
    return false;
}

bool
IkeTransportSelection::SelectInitAttempt(uint64_t spiI)
{
    Ptr<IkeSa> sa = m_session->m_peer->sa;
    return sa && sa->GetSpiI() == spiI;
}

void
IkeTransportSelection::OnInitResponse(Ptr<SwitchableEncapTransport> /* sw */)
{
}

void
IkeTransportSelection::OnInitAccepted(Ptr<SwitchableEncapTransport> /* sw */)
{
}

void
IkeTransportSelection::Stop()
{
}

Ptr<SwitchableEncapTransport>
IkeTransportSelection::GetSwitchable() const
{
    return m_session->GetSwitchable();
}

bool
IkeTransportSelection::IsInitOutstanding() const
{
    return m_session->m_peer->request.kind == IkeRequest::INIT;
}

const std::vector<uint8_t>&
IkeTransportSelection::GetRequestBytes() const
{
    return m_session->m_peer->request.bytes;
}

uint32_t
IkeTransportSelection::GetRequestSends() const
{
    return m_session->m_peer->request.sends;
}

bool
IkeTransportSelection::IsLastWait() const
{
    return m_session->m_peer->request.lastWait;
}

bool
IkeTransportSelection::IsOnStream() const
{
    return m_session->IsStream();
}

bool
IkeTransportSelection::IsPathUp() const
{
    return m_session->m_peer->pathUp;
}

Time
IkeTransportSelection::GetStartTime() const
{
    return m_session->m_peer->startTime;
}

Time
IkeTransportSelection::GetFallbackDelay() const
{
    return m_session->m_fallbackDelay;
}

Time
IkeTransportSelection::GetRaceHeadStart() const
{
    return m_session->m_raceHeadStart;
}

Ptr<IkeTransportMemory>
IkeTransportSelection::GetMemory() const
{
    return m_session->m_memory;
}

void
IkeTransportSelection::SendOn(int via, const std::vector<uint8_t>& bytes)
{
    m_session->SendBytes(bytes, via);
}

void
IkeTransportSelection::FallBackToStream()
{
    m_session->StartOverOnStream();
}

Ptr<IkeSa>
IkeTransportSelection::MakeInitAttempt(int via)
{
    NS_LOG_FUNCTION(this << via);
    Ptr<IkeSa> sa = Create<IkeSa>(true, m_session->NewIkeSpi());
    sa->ni = m_session->NewNonce();
    sa->TakeRequestId(); // IKE_SA_INIT is Message ID 0
    sa->initRequest = m_session->BuildInitRequest(sa, via);
    return sa;
}

void
IkeTransportSelection::AdoptInitAttempt(Ptr<IkeSa> sa)
{
    NS_LOG_FUNCTION(this << sa);
    IkePeer& peer = *m_session->m_peer;
    peer.sa = sa;
    peer.cookie.clear(); // the other attempt's, bound to its SPI and nonce
    peer.request.sa = sa;
    peer.request.bytes = sa->initRequest;
}

// --- NO_FALLBACK --------------------------------------------------------------------------------

TypeId
IkeNoFallbackSelection::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeNoFallbackSelection")
                            .SetParent<IkeTransportSelection>()
                            .SetGroupName("TcpEncap")
                            .AddConstructor<IkeNoFallbackSelection>();
    return tid;
}

// --- SEQUENTIAL ---------------------------------------------------------------------------------

TypeId
IkeSequentialSelection::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeSequentialSelection")
                            .SetParent<IkeTransportSelection>()
                            .SetGroupName("TcpEncap")
                            .AddConstructor<IkeSequentialSelection>();
    return tid;
}

void
IkeSequentialSelection::Begin(Ptr<SwitchableEncapTransport> sw)
{
    NS_LOG_FUNCTION(this << sw);
    NS_LOG_LOGIC("UDP first");
    sw->Use(SwitchableEncapTransport::DATAGRAM);
    // The UDP attempt's own timer decides when to try the stream (OnRequestTimeout).
}

bool
IkeSequentialSelection::MayFallBack() const
{
    return IsInitOutstanding() && GetSwitchable() && !IsOnStream();
}

void
IkeSequentialSelection::LimitWait(Time& wait, bool& lastWait) const
{
    Time delay = GetFallbackDelay();
    Time untilFallback = GetStartTime() + delay - Simulator::Now();
    if (MayFallBack() && delay.IsStrictlyPositive() && untilFallback.IsStrictlyPositive()
        && untilFallback < wait)
    {
        NS_LOG_LOGIC("looking again in " << untilFallback.As(Time::MS) << " (FallbackDelay)");
        wait = untilFallback; // look again when it is time to try TCP
        lastWait = false;
    }
}

bool
IkeSequentialSelection::OnRequestTimeout()
{
    NS_LOG_FUNCTION(this);
    // UDP's IKE_SA_INIT gives way to the stream when one retransmission went unanswered
    // (FallbackDelay 0, RFC 9329 §5.1), when FallbackDelay has passed, or when UDP's budget is
    // spent, whichever comes first.
    Time delay = GetFallbackDelay();
    if (MayFallBack()
        && (IsLastWait()
            || (delay.IsZero() ? GetRequestSends() >= 2
                               : Simulator::Now() >= GetStartTime() + delay)))
    {
        NS_LOG_INFO("UDP does not answer: falling back to the stream");
        FallBackToStream();
        return true;
    }
    return false;
}

// --- CACHED -------------------------------------------------------------------------------------

TypeId
IkeCachedSelection::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeCachedSelection")
                            .SetParent<IkeSequentialSelection>()
                            .SetGroupName("TcpEncap")
                            .AddConstructor<IkeCachedSelection>();
    return tid;
}

void
IkeCachedSelection::Begin(Ptr<SwitchableEncapTransport> sw)
{
    NS_LOG_FUNCTION(this << sw);
    Ipv4AddressValue peer;
    sw->Get(SwitchableEncapTransport::DATAGRAM)->GetAttribute("PeerAddress", peer);
    bool stream = false;
    Ptr<IkeTransportMemory> memory = GetMemory();
    if (memory && memory->Recall(peer.Get(), stream) && stream)
    {
        NS_LOG_INFO("the stream worked last time with " << peer.Get() << ": straight there");
        sw->Use(SwitchableEncapTransport::STREAM);
        return;
    }
    IkeSequentialSelection::Begin(sw);
}

// --- RACE ---------------------------------------------------------------------------------------

TypeId
IkeRaceSelection::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeRaceSelection")
                            .SetParent<IkeTransportSelection>()
                            .SetGroupName("TcpEncap")
                            .AddConstructor<IkeRaceSelection>();
    return tid;
}

void
IkeRaceSelection::Begin(Ptr<SwitchableEncapTransport> sw)
{
    NS_LOG_FUNCTION(this << sw);
    sw->Use(SwitchableEncapTransport::DATAGRAM);
    m_headStartEvent = Simulator::Schedule(GetRaceHeadStart(), &IkeRaceSelection::StartRace, this);
}

void
IkeRaceSelection::StartRace()
{
    NS_LOG_FUNCTION(this);
    Ptr<SwitchableEncapTransport> sw = GetSwitchable();
    if (!sw || !IsInitOutstanding())
    {
        NS_LOG_LOGIC("answered already: no race");
        return;
    }
    NS_LOG_INFO("racing: IKE_SA_INIT over " << sw->Get(SwitchableEncapTransport::STREAM)->GetName()
                                            << " too");
    m_started = true;
    sw->StartStream();
    if (IsPathUp())
    {
        SendStreamAttempt();
    }
    else
    {
        m_waitingPath = true;
    }
}

void
IkeRaceSelection::SendStreamAttempt()
{
    NS_LOG_FUNCTION(this);
    // Its own IKE SA, hashed for the connection (RFC 9329 §6.1), so that the responder checks
    // NAT detection against the path it arrives on and the UDP request keeps its bytes.
    m_streamAttempt = MakeInitAttempt(SwitchableEncapTransport::STREAM);
    SendOn(SwitchableEncapTransport::STREAM, m_streamAttempt->initRequest);
}

bool
IkeRaceSelection::OnPathUp()
{
    NS_LOG_FUNCTION(this);
    if (!m_waitingPath)
    {
        return false;
    }
    m_waitingPath = false;
    if (IsInitOutstanding())
    {
        NS_LOG_LOGIC("connected: an IKE_SA_INIT over the stream too");
        SendStreamAttempt();
    }
    return true;
}

bool
IkeRaceSelection::SelectInitAttempt(uint64_t spiI)
{
    if (m_streamAttempt && m_streamAttempt->GetSpiI() == spiI)
    {
        NS_LOG_INFO("the stream's IKE_SA_INIT was answered: its IKE SA goes on");
        AdoptInitAttempt(m_streamAttempt);
        m_streamAttempt = nullptr;
        return true;
    }
    return IkeTransportSelection::SelectInitAttempt(spiI);
}

void
IkeRaceSelection::OnInitResponse(Ptr<SwitchableEncapTransport> sw)
{
    NS_LOG_FUNCTION(this << sw);
    if (sw && m_started)
    {
        NS_LOG_LOGIC("the first answer decides the race");
        sw->Use(sw->GetDelivering());
    }
}

void
IkeRaceSelection::OnInitAccepted(Ptr<SwitchableEncapTransport> sw)
{
    NS_LOG_FUNCTION(this << sw);
    m_headStartEvent.Cancel();
    if (sw && m_started && sw->GetActive() == SwitchableEncapTransport::DATAGRAM)
    {
        NS_LOG_INFO("UDP won the race: giving up the stream");
        sw->StopStream();
    }
    m_started = false;
    m_waitingPath = false;
    m_streamAttempt = nullptr;
}

void
IkeRaceSelection::Stop()
{
    NS_LOG_FUNCTION(this);
    m_headStartEvent.Cancel();
}

} // namespace ns3
