/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-mobike.h"

#include "ns3/ike-payload-util.h"
#include "ns3/ike-peer.h"
#include "ns3/ike-session.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/switchable-encap-transport.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeMobike");
NS_OBJECT_ENSURE_REGISTERED(IkeMobikeMoves);

TypeId
IkeMobikeMoves::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IkeMobikeMoves")
                            .SetParent<Object>()
                            .SetGroupName("TcpEncap")
                            .AddConstructor<IkeMobikeMoves>();
    return tid;
}

IkeMobikeMoves::IkeMobikeMoves() = default;

IkeMobikeMoves::~IkeMobikeMoves() = default;

void
IkeMobikeMoves::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_probeEvent.Cancel();
    m_session = nullptr;
    Object::DoDispose();
}

void
IkeMobikeMoves::SetSession(IkeSession* session)
{
    NS_LOG_FUNCTION(this << session);
    m_session = session;
}

void
IkeMobikeMoves::Stop()
{
    NS_LOG_FUNCTION(this);
    m_probeEvent.Cancel();
    m_owed = NOTHING;
}

void
IkeMobikeMoves::LimitWait(Time& wait, bool& lastWait) const
{
    const IkePeer& peer = *m_session->m_peer;
    Time untilSwitch = peer.request.firstSent + m_session->m_mobikeSwitchTimeout - Simulator::Now();
    if (peer.state == IkeSession::ESTABLISHED && peer.mobikeNegotiated && m_session->IsInitiator()
        && m_session->GetSwitchable() && untilSwitch.IsStrictlyPositive() && untilSwitch < wait)
    {
        NS_LOG_LOGIC("looking again in " << untilSwitch.As(Time::MS) << " (MobikeSwitchTimeout)");
        wait = untilSwitch; // look again when it is time to try TCP
        lastWait = false;
    }
}

bool
IkeMobikeMoves::OnProbeTimeout()
{
    IkeRequest& request = m_session->m_peer->request;
    if (request.kind != IkeRequest::RETURN_PROBE)
    {
        return false;
    }
    // UDP still does not answer. The same request goes over the stream, so that the Message
    // IDs stay in step whether or not the peer saw the probe; its answer there keeps the SA on
    // the stream.
    NS_LOG_INFO("UDP still does not answer: staying on the stream");
    request.kind = IkeRequest::PROBE_RECOVERY;
    request.via = -1;
    request.firstSent = Simulator::Now();
    request.sends = 0;
    m_session->SendRequestNow();
    return true;
}

bool
IkeMobikeMoves::ShouldMoveToStream() const
{
    const IkePeer& peer = *m_session->m_peer;
    Ptr<SwitchableEncapTransport> sw = m_session->GetSwitchable();
    return peer.state == IkeSession::ESTABLISHED && peer.mobikeNegotiated
           && m_session->IsInitiator() && sw
           && sw->GetActive() == SwitchableEncapTransport::DATAGRAM
           && peer.request.kind != IkeRequest::NONE && peer.request.kind != IkeRequest::RETURN_PROBE
           && Simulator::Now() - peer.request.firstSent >= m_session->m_mobikeSwitchTimeout;
}

bool
IkeMobikeMoves::OnRequestTimeout()
{
    if (!ShouldMoveToStream())
    {
        return false;
    }
    NS_LOG_FUNCTION(this);
    Move(true); // the unanswered request goes again over the stream, the same bytes
    return true;
}

void
IkeMobikeMoves::Move(bool toStream)
{
    NS_LOG_FUNCTION(this << toStream);
    IkePeer& peer = *m_session->m_peer;
    Ptr<SwitchableEncapTransport> sw = m_session->GetSwitchable();
    if (!m_session->IsInitiator() || !peer.mobikeNegotiated || !sw
        || peer.state != IkeSession::ESTABLISHED
        || (sw->GetActive() == SwitchableEncapTransport::STREAM) == toStream)
    {
        NS_LOG_LOGIC("no move: not an initiator with MOBIKE up, or there already");
        return;
    }
    if (!toStream)
    {
        // A probe of UDP: once the window is free (StartOwedUpdate), with a new Message ID.
        NS_LOG_INFO("MOBIKE: probing UDP");
        m_owed = PROBE;
        StartOwedUpdate();
        return;
    }
    NS_LOG_INFO("MOBIKE: moving to " << sw->Get(SwitchableEncapTransport::STREAM)->GetName());
    sw->Use(SwitchableEncapTransport::STREAM);
    m_owed = UPDATE;
    IkeRequest& request = peer.request;
    if (request.kind != IkeRequest::NONE)
    {
        // The peer may have this request (and its answer be what got lost): it keeps its
        // Message ID and its bytes, and goes again over the stream (RFC 7296 §2.1). The
        // UPDATE_SA_ADDRESSES follows its answer. A probe still out is what a move to the
        // stream cannot happen during (the SA is on the stream then).
        NS_LOG_INFO("request " << request.messageId << " again over the stream");
        request.via = -1;
        ++m_session->m_retransmissions;
        m_session->SendRequestNow();
        return;
    }
    StartOwedUpdate();
}

bool
IkeMobikeMoves::StartOwedUpdate()
{
    IkePeer& peer = *m_session->m_peer;
    Ptr<SwitchableEncapTransport> sw = m_session->GetSwitchable();
    if (m_owed == NOTHING || !sw || peer.state != IkeSession::ESTABLISHED
        || peer.request.kind != IkeRequest::NONE)
    {
        return false;
    }
    if (m_owed == UPDATE)
    {
        if (sw->GetActive() != SwitchableEncapTransport::STREAM)
        {
            m_owed = NOTHING; // moved back meanwhile
            return false;
        }
        if (!peer.pathUp)
        {
            NS_LOG_LOGIC("UPDATE_SA_ADDRESSES waits for the connection (NAT detection)");
            return false;
        }
        m_owed = NOTHING;
        SendUpdateAddresses(-1);
        return true;
    }
    m_owed = NOTHING;
    if (sw->GetActive() != SwitchableEncapTransport::STREAM)
    {
        return false; // on UDP already
    }
    ++m_session->m_returnProbes;
    SendUpdateAddresses(SwitchableEncapTransport::DATAGRAM);
    return true;
}

bool
IkeMobikeMoves::OnPathUp()
{
    NS_LOG_FUNCTION(this);
    return m_owed == UPDATE && StartOwedUpdate();
}

void
IkeMobikeMoves::SendUpdateAddresses(int via)
{
    NS_LOG_FUNCTION(this << via);
    Ptr<IkeSa> sa = m_session->m_peer->sa;
    uint32_t id = sa->TakeRequestId();
    std::vector<IkePayload> payloads{ike::MakeNotify(ike::UPDATE_SA_ADDRESSES)};
    // RFC 4555 §3.5: NAT detection for the path the update goes on.
    m_session->AddNatDetection(payloads, sa->GetSpiI(), sa->GetSpiR(), via);
    m_session->StartRequest(via < 0 ? IkeRequest::UPDATE_ADDRESSES : IkeRequest::RETURN_PROBE,
                            sa,
                            ike::INFORMATIONAL,
                            id,
                            sa->Protect(sa->MakeHeader(ike::INFORMATIONAL, false, id), payloads),
                            via);
}

void
IkeMobikeMoves::ScheduleProbe(Time delay)
{
    m_probeEvent = Simulator::Schedule(delay, &IkeMobikeMoves::ProbeReturn, this);
}

void
IkeMobikeMoves::OnEstablished()
{
    Ptr<SwitchableEncapTransport> sw = m_session->GetSwitchable();
    if (sw && m_session->IsInitiator() && m_session->IsStream()
        && m_session->m_peer->mobikeNegotiated
        && m_session->m_returnProbeInterval.IsStrictlyPositive())
    {
        NS_LOG_LOGIC("up on the stream: probing UDP every " << m_session->m_returnProbeInterval);
        ScheduleProbe(m_session->m_returnProbeInterval);
    }
}

void
IkeMobikeMoves::ProbeReturn()
{
    NS_LOG_FUNCTION(this);
    Ptr<SwitchableEncapTransport> sw = m_session->GetSwitchable();
    if (m_session->m_peer->state != IkeSession::ESTABLISHED || !sw
        || sw->GetActive() != SwitchableEncapTransport::STREAM)
    {
        return;
    }
    if (m_session->m_peer->request.kind != IkeRequest::NONE)
    {
        NS_LOG_LOGIC("a request is out: probing later");
        ScheduleProbe(Seconds(1));
        return;
    }
    Move(false);
}

void
IkeMobikeMoves::HandleUpdateAddressesResponse(const std::vector<IkePayload>& inner)
{
    NS_LOG_FUNCTION(this);
    ++m_session->m_addressUpdates;
    m_session->CheckPathNatDetection(inner, SwitchableEncapTransport::STREAM);
    if (m_session->m_returnProbeInterval.IsStrictlyPositive() && m_session->IsStream())
    {
        m_probeEvent.Cancel();
        ScheduleProbe(m_session->m_returnProbeInterval);
    }
}

void
IkeMobikeMoves::HandleProbeRecoveryResponse()
{
    NS_LOG_FUNCTION(this);
    m_probeEvent.Cancel();
    ScheduleProbe(m_session->m_returnProbeInterval);
}

void
IkeMobikeMoves::HandleReturnProbeResponse(const std::vector<IkePayload>& inner)
{
    NS_LOG_FUNCTION(this);
    if (Ptr<SwitchableEncapTransport> sw = m_session->GetSwitchable())
    {
        NS_LOG_INFO("UDP answers again: moving back");
        ++m_session->m_addressUpdates;
        sw->Use(SwitchableEncapTransport::DATAGRAM);
        sw->StopStream();
        m_session->CheckPathNatDetection(inner, SwitchableEncapTransport::DATAGRAM);
    }
}

} // namespace ns3
