/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-reset-injector.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpResetInjector");

NS_OBJECT_ENSURE_REGISTERED(TcpResetInjector);

TypeId
TcpResetInjector::GetTypeId()
{
    static TypeId tid = TypeId("ns3::TcpResetInjector")
                            .SetParent<Object>()
                            .SetGroupName("TcpEncap")
                            .AddConstructor<TcpResetInjector>();
    return tid;
}

TcpResetInjector::TcpResetInjector()
    : m_armed(false)
    , m_port(0)
    , m_resets(0)
{
    NS_LOG_FUNCTION(this);
}

TcpResetInjector::~TcpResetInjector() = default;

void
TcpResetInjector::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_router = nullptr;
    Object::DoDispose();
}

void
TcpResetInjector::Install(Ptr<Node> router)
{
    NS_LOG_FUNCTION(this << router);
    m_router = router;
    Ptr<Ipv4L3Protocol> ip = router->GetObject<Ipv4L3Protocol>();
    NS_ABORT_MSG_IF(!ip, "TcpResetInjector needs a router with IPv4");
    ip->TraceConnectWithoutContext("Rx", MakeCallback(&TcpResetInjector::Inspect, this));
}

void
TcpResetInjector::ScheduleReset(Time at, uint16_t port)
{
    NS_LOG_FUNCTION(this << at << port);
    Simulator::Schedule(at - Simulator::Now(), &TcpResetInjector::Arm, this, port);
}

void
TcpResetInjector::Arm(uint16_t port)
{
    NS_LOG_FUNCTION(this << port);
    m_armed = true;
    m_port = port;
}

uint32_t
TcpResetInjector::GetResets() const
{
    return m_resets;
}

void
TcpResetInjector::Inspect(Ptr<const Packet> packet, Ptr<Ipv4> /* ipv4 */, uint32_t /* ifIndex */)
{
    NS_LOG_FUNCTION(this << packet);
    if (!m_armed)
    {
        return;
    }
    Ptr<Packet> p = packet->Copy();
    Ipv4Header ip;
    TcpHeader tcp;
    p->RemoveHeader(ip);
    if (ip.GetProtocol() != 6 || ip.GetFragmentOffset() != 0 || p->RemoveHeader(tcp) == 0)
    {
        return;
    }
    if (tcp.GetSourcePort() != m_port && tcp.GetDestinationPort() != m_port)
    {
        return;
    }
    m_armed = false;
    ++m_resets;
    uint32_t payload = p->GetSize();
    uint32_t nextSeq = (tcp.GetSequenceNumber() + payload).GetValue();
    uint32_t ack = tcp.GetAckNumber().GetValue();
    Ipv4Address a = ip.GetSource();
    Ipv4Address b = ip.GetDestination();
    uint16_t pa = tcp.GetSourcePort();
    uint16_t pb = tcp.GetDestinationPort();
    NS_LOG_INFO("resetting " << a << ":" << pa << " <-> " << b << ":" << pb);
    // Forge after this packet is handled, not from inside the router's receive path.
    Simulator::ScheduleNow(&TcpResetInjector::SendReset, this, a, pa, b, pb, nextSeq);
    Simulator::ScheduleNow(&TcpResetInjector::SendReset, this, b, pb, a, pa, ack);
}

void
TcpResetInjector::SendReset(
    Ipv4Address src, uint16_t srcPort, Ipv4Address dst, uint16_t dstPort, uint32_t seq)
{
    NS_LOG_FUNCTION(this << src << srcPort << dst << dstPort << seq);
    TcpHeader tcp;
    tcp.SetSourcePort(srcPort);
    tcp.SetDestinationPort(dstPort);
    tcp.SetSequenceNumber(SequenceNumber32(seq));
    tcp.SetFlags(TcpHeader::RST);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(tcp);
    Ipv4Header ip;
    ip.SetSource(src);
    ip.SetDestination(dst);
    ip.SetProtocol(6);
    ip.SetTtl(64);
    ip.SetPayloadSize(p->GetSize());
    Ptr<Ipv4L3Protocol> l3 = m_router->GetObject<Ipv4L3Protocol>();
    Socket::SocketErrno err;
    Ptr<Ipv4Route> route = l3->GetRoutingProtocol()->RouteOutput(p, ip, nullptr, err);
    if (route)
    {
        l3->SendWithHeader(p, ip, route);
    }
}

} // namespace ns3
