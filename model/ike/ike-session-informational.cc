/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IkeSession: the established IKE SA: lifetimes, liveness, DELETE, teardown.

#include "ike-session.h"

#include "ns3/ike-mobike.h"
#include "ns3/ike-nat-detection.h"
#include "ns3/ike-payload-util.h"
#include "ns3/ike-peer.h"
#include "ns3/ike-transport-memory.h"
#include "ns3/ike-transport-selection.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/switchable-encap-transport.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeInformational");

void
IkeSession::Established()
{
    NS_LOG_FUNCTION(this);
    m_peer->handshakeTime = Simulator::Now() - m_peer->startTime;
    m_peer->handshakeBytes = m_bytesTx + m_bytesRx;
    m_peer->lastRx = Simulator::Now();
    SetState(ESTABLISHED);
    NS_LOG_INFO("established in " << m_peer->handshakeTime.As(Time::MS) << ", "
                                  << m_peer->handshakeBytes << " IKE bytes");
    m_establishedTrace(m_peer->handshakeTime);
    m_endpoint->GetTransport()->NotifyIkeSa(EncapTransport::IkeSaPresence::UP);
    Ptr<SwitchableEncapTransport> sw = GetSwitchable();
    if (sw && IsInitiator())
    {
        Ipv4AddressValue peer;
        sw->Get(SwitchableEncapTransport::DATAGRAM)->GetAttribute("PeerAddress", peer);
        if (m_memory)
        {
            m_memory->Remember(peer.Get(), IsStream()); // for CACHED, next time
        }
    }
    m_mobikeMoves->OnEstablished(); // on the stream: return probes
    ScheduleLifetimes();
    NextRequest();
}

void
IkeSession::ScheduleLifetimes()
{
    NS_LOG_FUNCTION(this);
    if (m_livenessInterval.IsStrictlyPositive() && !m_peer->livenessEvent.IsPending())
    {
        m_peer->livenessEvent
            = Simulator::Schedule(m_livenessInterval, &IkeSession::CheckLiveness, this);
    }
    if (!IsInitiator())
    {
        return;
    }
    m_peer->childRekeyEvent.Cancel();
    if (!m_peer->children.empty()
        && (m_childLifetime.IsStrictlyPositive() || m_childLifetimeBytes > 0))
    {
        Time next = m_childLifetimeBytes > 0 ? MilliSeconds(100) : m_childLifetime;
        if (m_childLifetime.IsStrictlyPositive())
        {
            next = std::min(next, m_childLifetime);
        }
        m_peer->childRekeyEvent = Simulator::Schedule(next, &IkeSession::CheckChildLifetime, this);
    }
    if (m_ikeLifetime.IsStrictlyPositive() && !m_peer->ikeRekeyEvent.IsPending())
    {
        m_peer->ikeRekeyEvent
            = Simulator::Schedule(m_ikeLifetime, &IkeSession::StartIkeRekeyWhenFree, this);
    }
}

void
IkeSession::CheckLiveness()
{
    NS_LOG_FUNCTION(this);
    if (m_peer->state != ESTABLISHED)
    {
        return;
    }
    m_peer->livenessEvent
        = Simulator::Schedule(m_livenessInterval, &IkeSession::CheckLiveness, this);
    uint64_t espRx = m_endpoint->GetRxCounters().Get(EspStatus::OK);
    if (espRx != m_peer->lastEspRx)
    {
        m_peer->lastEspRx = espRx;
        m_peer->lastRx = Simulator::Now();
    }
    if (Simulator::Now() - m_peer->lastRx >= m_livenessInterval)
    {
        NS_LOG_LOGIC("nothing from the peer for " << m_livenessInterval.As(Time::S));
        m_peer->pending.Add(IkePendingQueue::LIVENESS);
        NextRequest();
    }
}

void
IkeSession::SendEmptyInformational()
{
    NS_LOG_FUNCTION(this);
    uint32_t id = m_peer->sa->TakeRequestId();
    StartRequest(IkeRequest::LIVENESS,
                 m_peer->sa,
                 ike::INFORMATIONAL,
                 id,
                 m_peer->sa->Protect(m_peer->sa->MakeHeader(ike::INFORMATIONAL, false, id), {}));
}

void
IkeSession::SendDeleteChild(uint32_t inSpi)
{
    NS_LOG_FUNCTION(this << inSpi);
    IkeDeletePayload d;
    d.protocolId = ike::PROTO_ESP;
    d.spiSize = 4;
    d.spis.push_back(ike::Spi32(inSpi));
    uint32_t id = m_peer->sa->TakeRequestId();
    StartRequest(IkeRequest::DELETE_CHILD,
                 m_peer->sa,
                 ike::INFORMATIONAL,
                 id,
                 m_peer->sa->Protect(m_peer->sa->MakeHeader(ike::INFORMATIONAL, false, id),
                                     {IkePayload(ike::PAYLOAD_DELETE, d)}));
    m_peer->request.childSpi = inSpi;
}

void
IkeSession::HandleLivenessResponse(Time rtt)
{
    NS_LOG_FUNCTION(this << rtt);
    m_livenessTrace(true, rtt);
}

void
IkeSession::SendDeleteIke(Ptr<IkeSa> sa)
{
    NS_LOG_FUNCTION(this << sa);
    IkeDeletePayload d;
    d.protocolId = ike::PROTO_IKE;
    uint32_t id = sa->TakeRequestId();
    StartRequest(IkeRequest::DELETE_IKE,
                 sa,
                 ike::INFORMATIONAL,
                 id,
                 sa->Protect(sa->MakeHeader(ike::INFORMATIONAL, false, id),
                             {IkePayload(ike::PAYLOAD_DELETE, d)}));
}

void
IkeSession::HandleDeleteIkeResponse(Ptr<IkeSa> sa)
{
    NS_LOG_FUNCTION(this << sa);
    if (sa == m_peer->oldSa)
    {
        m_peer->SetOldSa(nullptr); // the rekeyed IKE SA is gone; the current one stays
        return;
    }
    TearDown(CLOSED);
}

void
IkeSession::HandleDeleteChildResponse(uint32_t inSpi)
{
    NS_LOG_FUNCTION(this << inSpi);
    RemoveChild(inSpi);
}

void
IkeSession::HandleInformationalRequest(Ptr<IkeSa> sa,
                                       const IkeHeader& header,
                                       const std::vector<IkePayload>& inner)
{
    NS_LOG_FUNCTION(this << sa);
    std::vector<IkePayload> out;
    if (ike::FindNotify(inner, ike::UPDATE_SA_ADDRESSES))
    {
        // MOBIKE: the move itself happened on receipt (ConfirmPeer): the peer is where this
        // came from. RFC 4555 §3.5: its NAT detection is checked against that path, and the
        // answer carries this side's for it.
        NS_LOG_INFO("the peer moved (UPDATE_SA_ADDRESSES)");
        ++m_addressUpdates;
        CheckPathNatDetection(inner, -1);
        AddNatDetection(out, sa->GetSpiI(), sa->GetSpiR());
    }
    for (const auto& p : inner)
    {
        const IkeDeletePayload* d = p.Get<IkeDeletePayload>();
        if (p.type == ike::PAYLOAD_DELETE && d && d->protocolId == ike::PROTO_IKE)
        {
            HandleDeleteIkeRequest(sa, header); // the rest of the message no longer matters
            return;
        }
    }
    // Deletes of Child SAs (answered with ours of each pair), a liveness check (empty), or an
    // error notification: one response for all of it.
    std::vector<uint32_t> removeAfter;
    for (const auto& p : inner)
    {
        const IkeDeletePayload* d = p.Get<IkeDeletePayload>();
        if (p.type != ike::PAYLOAD_DELETE || !d || d->protocolId != ike::PROTO_ESP)
        {
            continue;
        }
        IkeDeletePayload answer;
        answer.protocolId = ike::PROTO_ESP;
        answer.spiSize = 4;
        for (const auto& spi : d->spis)
        {
            // The peer names its inbound SPI: our outbound one of the pair (RFC 7296 §1.4.1).
            IkeChildSa* c
                = spi.size() == 4 ? m_peer->FindChildByOutbound(ike::ReadSpi32(spi)) : nullptr;
            if (c)
            {
                answer.spis.push_back(ike::Spi32(c->inSpi));
                removeAfter.push_back(c->inSpi);
            }
        }
        if (!answer.spis.empty())
        {
            out.emplace_back(ike::PAYLOAD_DELETE, answer);
        }
    }
    Respond(sa, header, out, true);
    for (uint32_t spi : removeAfter)
    {
        NS_LOG_INFO("the peer deleted Child SA 0x" << std::hex << spi << std::dec);
        RemoveChild(spi);
    }
    if (uint16_t error = ike::FirstError(inner))
    {
        Fail(error); // e.g. AUTHENTICATION_FAILED from an initiator that rejected our AUTH
    }
}

void
IkeSession::HandleDeleteIkeRequest(Ptr<IkeSa> sa, const IkeHeader& header)
{
    NS_LOG_FUNCTION(this << sa);
    Respond(sa, header, {}, true);
    if (sa == m_peer->oldSa)
    {
        m_peer->SetOldSa(nullptr); // the old IKE SA after a rekey
        return;
    }
    NS_LOG_INFO("the peer deleted the IKE SA");
    TearDown(CLOSED);
}

void
IkeSession::CheckPathNatDetection(const std::vector<IkePayload>& payloads, int via)
{
    NS_LOG_FUNCTION(this << via);
    InetSocketAddress local(Ipv4Address::GetAny(), 0);
    InetSocketAddress peer(Ipv4Address::GetAny(), 0);
    if (!GetPathOn(via, local, peer))
    {
        return;
    }
    // The path's peer is where the message came from: a responder moved there on receipt
    // (ConfirmPeer), an initiator sent the request there.
    IkeNatVerdict v
        = IkeCheckNatDetection(payloads, m_peer->sa->GetSpiI(), m_peer->sa->GetSpiR(), local, peer);
    if (!v.present)
    {
        return;
    }
    m_peer->natDetected = v.peerBehindNat || v.selfBehindNat;
    // Keep the NAT's UDP mapping alive while behind one (RFC 3948 §2.3); a stream sends none.
    m_endpoint->GetTransport()->SetNatKeepalive(v.selfBehindNat);
}

void
IkeSession::PromoteHalfOpen()
{
    NS_LOG_FUNCTION(this);
    Ptr<IkeSa> next = m_peer->halfOpen;
    m_peer->halfOpen = nullptr;
    if (m_peer->state != AUTH)
    {
        // The peer authenticates a new IKE SA: the one it replaces goes, with its Child SAs.
        NS_LOG_INFO("a new IKE SA from the peer replaces the current one");
        m_peer->CancelTimers();
        m_peer->request = IkeRequest();
        RemoveAllChildren();
        m_peer->SetOldSa(nullptr);
        m_peer->pending.Clear();
    }
    // Else both were half-open (a RACE's two IKE_SA_INITs): the other is forgotten.
    m_peer->sa = next;
    m_peer->failure = 0;
    m_peer->handshakeTime = Time(0);
    SetState(AUTH);
}

void
IkeSession::Fail(uint16_t notify)
{
    NS_LOG_FUNCTION(this << notify);
    m_peer->failure = notify;
    NS_LOG_INFO("IKE SA failed (notify " << notify << ")");
    TearDown(FAILED);
}

void
IkeSession::TearDown(State to)
{
    NS_LOG_FUNCTION(this << ToString(to));
    Stop();
    m_peer->request = IkeRequest();
    RemoveAllChildren();
    m_peer->SetOldSa(nullptr);
    m_peer->halfOpen = nullptr;
    m_peer->pending.Clear();
    SetState(to);
    // No IKE SA left on the transport: an originator closes its connection, a responder
    // lets its idle timer close what the originator leaves (RFC 9329 §6.1).
    m_endpoint->GetTransport()->NotifyIkeSa(EncapTransport::IkeSaPresence::GONE);
}

} // namespace ns3
