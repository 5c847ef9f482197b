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
    IkePeer& peer = *m_session->m_peer;
    IkeRequest::Kind kind = peer.request.kind;
    uint32_t childSpi = peer.request.childSpi;
    // The abandoned exchange is tried again over TCP. A DELETE of the IKE SA is queued as
    // DELETE_IKE_SA even when it was the rekeyed (old) SA's: that is what this code always did
    // (the old SA's DELETE is pending anyway while it exists).
    if (kind == IkeRequest::REKEY_CHILD)
    {
        peer.pending.Add(IkePendingQueue::REKEY_CHILD_SA);
    }
    if (kind == IkeRequest::REKEY_IKE)
    {
        peer.pending.Add(IkePendingQueue::REKEY_IKE_SA);
    }
    if (kind == IkeRequest::DELETE_IKE)
    {
        peer.pending.Add(IkePendingQueue::DELETE_IKE_SA);
    }
    if (kind == IkeRequest::DELETE_CHILD)
    {
        peer.pending.RetryChildDelete(childSpi);
    }
    Move(true);
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
    // A request still out is superseded; its Message ID is taken over, since the peer may
    // never have seen it and waits for that ID (RFC 7296 §2.2).
    bool reuse = peer.request.kind != IkeRequest::NONE && peer.request.sa == peer.sa;
    uint32_t id = reuse ? peer.request.messageId : peer.sa->TakeRequestId();
    m_session->EndRequest();
    if (toStream)
    {
        NS_LOG_INFO("MOBIKE: moving to " << sw->Get(SwitchableEncapTransport::STREAM)->GetName());
        sw->Use(SwitchableEncapTransport::STREAM);
        SendUpdateAddresses(-1, id);
        return;
    }
    NS_LOG_INFO("MOBIKE: probing UDP");
    ++m_session->m_returnProbes;
    SendUpdateAddresses(SwitchableEncapTransport::DATAGRAM, id);
}

void
IkeMobikeMoves::SendUpdateAddresses(int via, uint32_t id)
{
    Ptr<IkeSa> sa = m_session->m_peer->sa;
    m_session->StartRequest(via < 0 ? IkeRequest::UPDATE_ADDRESSES : IkeRequest::RETURN_PROBE,
                            sa,
                            ike::INFORMATIONAL,
                            id,
                            sa->Protect(sa->MakeHeader(ike::INFORMATIONAL, false, id),
                                        {ike::MakeNotify(ike::UPDATE_SA_ADDRESSES)}),
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
IkeMobikeMoves::HandleUpdateAddressesResponse()
{
    NS_LOG_FUNCTION(this);
    ++m_session->m_addressUpdates;
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
IkeMobikeMoves::HandleReturnProbeResponse()
{
    NS_LOG_FUNCTION(this);
    if (Ptr<SwitchableEncapTransport> sw = m_session->GetSwitchable())
    {
        NS_LOG_INFO("UDP answers again: moving back");
        ++m_session->m_addressUpdates;
        sw->Use(SwitchableEncapTransport::DATAGRAM);
        sw->StopStream();
    }
}

} // namespace ns3
