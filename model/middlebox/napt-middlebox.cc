/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "napt-middlebox.h"

#include "ns3/abort.h"
#include "ns3/enum.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"
#include "ns3/uinteger.h"

#include <numeric>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NaptMiddlebox");

NS_OBJECT_ENSURE_REGISTERED(NaptMiddlebox);

TypeId
NaptMiddlebox::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::NaptMiddlebox")
              .SetParent<Object>()
              .SetGroupName("TcpEncap")
              .AddConstructor<NaptMiddlebox>()
              .AddAttribute("OutsideAddress",
                            "Source address of translated packets; 0.0.0.0: the first address "
                            "of the outside interface.",
                            Ipv4AddressValue(Ipv4Address::GetAny()),
                            MakeIpv4AddressAccessor(&NaptMiddlebox::m_outsideAddress),
                            MakeIpv4AddressChecker())
              .AddAttribute("PortMin",
                            "First outside port allocated (sequentially, wrapping).",
                            UintegerValue(30000),
                            MakeUintegerAccessor(&NaptMiddlebox::m_portMin),
                            MakeUintegerChecker<uint16_t>(1))
              .AddAttribute("PortMax",
                            "Last outside port allocated (inclusive).",
                            UintegerValue(60000),
                            MakeUintegerAccessor(&NaptMiddlebox::m_portMax),
                            MakeUintegerChecker<uint16_t>(1))
              .AddAttribute("UdpTimeout",
                            "A UDP mapping idle this long is forgotten; the next packet gets a "
                            "new port (RFC 4787 REQ-5: at least 2 min; home gateways often use "
                            "30 s).",
                            TimeValue(Seconds(30)),
                            MakeTimeAccessor(&NaptMiddlebox::m_udpTimeout),
                            MakeTimeChecker(Time(0)))
              .AddAttribute("TcpTimeout",
                            "A TCP mapping idle this long is forgotten (RFC 5382 REQ-5: an "
                            "established connection's at least 2 h 4 min; FIN and RST are not "
                            "tracked).",
                            TimeValue(Seconds(300)),
                            MakeTimeAccessor(&NaptMiddlebox::m_tcpTimeout),
                            MakeTimeChecker(Time(0)))
              .AddAttribute("Filtering",
                            "Which outside packets a mapping admits (RFC 4787 Section 5): "
                            "ENDPOINT_INDEPENDENT, ADDRESS_DEPENDENT, ADDRESS_AND_PORT_DEPENDENT.",
                            EnumValue(ADDRESS_AND_PORT_DEPENDENT),
                            MakeEnumAccessor<NaptMiddlebox::Filtering>(&NaptMiddlebox::m_filtering),
                            MakeEnumChecker(ENDPOINT_INDEPENDENT,
                                            "ENDPOINT_INDEPENDENT",
                                            ADDRESS_DEPENDENT,
                                            "ADDRESS_DEPENDENT",
                                            ADDRESS_AND_PORT_DEPENDENT,
                                            "ADDRESS_AND_PORT_DEPENDENT"))
              .AddTraceSource("NewMapping",
                              "A mapping was created: protocol, inside address and port, "
                              "outside port.",
                              MakeTraceSourceAccessor(&NaptMiddlebox::m_newMappingTrace),
                              "ns3::NaptMiddlebox::NewMappingTracedCallback")
              .AddTraceSource("Drop",
                              "A packet was dropped (the IPv4 packet and the reason).",
                              MakeTraceSourceAccessor(&NaptMiddlebox::m_dropTrace),
                              "ns3::NaptMiddlebox::DropTracedCallback");
    return tid;
}

NaptMiddlebox::NaptMiddlebox()
    : m_outsideAddress(Ipv4Address::GetAny())
    , m_portMin(30000)
    , m_portMax(60000)
    , m_nextPort(30000)
    , m_udpTimeout(Seconds(30))
    , m_tcpTimeout(Seconds(300))
    , m_filtering(ADDRESS_AND_PORT_DEPENDENT)
    , m_translated(0)
{
    NS_LOG_FUNCTION(this);
}

NaptMiddlebox::~NaptMiddlebox() = default;

void
NaptMiddlebox::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_ipv4 = nullptr;
    m_inside = nullptr;
    m_outside = nullptr;
    m_byInside.clear();
    m_byOutside.clear();
    Object::DoDispose();
}

void
NaptMiddlebox::Install(Ptr<NetDevice> inside, Ptr<NetDevice> outside)
{
    NS_LOG_FUNCTION(this << inside << outside);
    NS_ABORT_MSG_IF(m_ipv4, "NaptMiddlebox::Install called twice");
    NS_ABORT_MSG_IF(!inside || !outside || inside == outside,
                    "NaptMiddlebox needs two different devices");
    NS_ABORT_MSG_IF(inside->GetNode() != outside->GetNode(), "NaptMiddlebox: devices of two nodes");
    NS_ABORT_MSG_IF(m_portMin > m_portMax,
                    "NaptMiddlebox: PortMin " << m_portMin << " above PortMax " << m_portMax);
    m_ipv4 = inside->GetNode()->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!m_ipv4, "NaptMiddlebox needs a router with IPv4");
    int32_t outsideIf = m_ipv4->GetInterfaceForDevice(outside);
    NS_ABORT_MSG_IF(outsideIf < 0 || m_ipv4->GetInterfaceForDevice(inside) < 0,
                    "NaptMiddlebox: both devices need IPv4 interfaces");
    if (m_outsideAddress == Ipv4Address::GetAny())
    {
        NS_ABORT_MSG_IF(m_ipv4->GetNAddresses(outsideIf) == 0,
                        "NaptMiddlebox: the outside interface has no address");
        m_outsideAddress = m_ipv4->GetAddress(outsideIf, 0).GetLocal();
    }
    m_inside = inside;
    m_outside = outside;
    m_nextPort = m_portMin;
    MiddleboxHook::GetOrInstall(inside)->AddStage(
        MiddleboxHook::PRIORITY_SNAT,
        MakeCallback(&NaptMiddlebox::Outbound, Ptr<NaptMiddlebox>(this)));
    MiddleboxHook::GetOrInstall(outside)->AddStage(
        MiddleboxHook::PRIORITY_DNAT,
        MakeCallback(&NaptMiddlebox::Inbound, Ptr<NaptMiddlebox>(this)));
    NS_LOG_INFO("NAPT to " << m_outsideAddress << " ports " << m_portMin << "-" << m_portMax);
}

void
NaptMiddlebox::ExpireAll()
{
    NS_LOG_FUNCTION(this);
    NS_LOG_INFO("expiring " << m_byInside.size() << " mappings");
    m_byInside.clear();
    m_byOutside.clear();
}

uint32_t
NaptMiddlebox::GetMappings() const
{
    uint32_t live = 0;
    for (const auto& entry : m_byInside)
    {
        live += IsExpired(entry.second) ? 0 : 1;
    }
    return live;
}

uint16_t
NaptMiddlebox::GetOutsidePort(uint8_t protocol, const InetSocketAddress& inside) const
{
    auto it = m_byInside.find(InsideKey{protocol, inside.GetIpv4().Get(), inside.GetPort()});
    if (it == m_byInside.end() || IsExpired(it->second))
    {
        return 0;
    }
    return it->second.outsidePort;
}

Ipv4Address
NaptMiddlebox::GetOutsideAddress() const
{
    return m_outsideAddress;
}

uint64_t
NaptMiddlebox::GetTranslated() const
{
    return m_translated;
}

uint64_t
NaptMiddlebox::GetDropped() const
{
    return std::accumulate(m_dropped.begin(), m_dropped.end(), uint64_t{0});
}

uint64_t
NaptMiddlebox::GetDropped(DropReason reason) const
{
    return m_dropped.at(reason);
}

bool
NaptMiddlebox::IsExpired(const Mapping& m) const
{
    Time timeout = m.protocol == UdpL4Protocol::PROT_NUMBER ? m_udpTimeout : m_tcpTimeout;
    return Simulator::Now() - m.lastUsed >= timeout;
}

bool
NaptMiddlebox::IsTranslatable(const MiddleboxHook::Flow& flow)
{
    uint8_t protocol = flow.ip.GetProtocol();
    // ns-3's Ipv4Header writes no options back, and later fragments have no ports to map.
    return (protocol == UdpL4Protocol::PROT_NUMBER || protocol == TcpL4Protocol::PROT_NUMBER)
           && flow.hasPorts && flow.ip.GetFragmentOffset() == 0 && flow.ip.IsLastFragment()
           && flow.ip.GetSerializedSize() == 20;
}

void
NaptMiddlebox::Remove(const InsideKey& key)
{
    NS_LOG_FUNCTION(this);
    auto it = m_byInside.find(key);
    if (it != m_byInside.end())
    {
        m_byOutside.erase(OutsideKey{it->second.protocol, it->second.outsidePort});
        m_byInside.erase(it);
    }
}

NaptMiddlebox::Mapping*
NaptMiddlebox::FindOrCreate(uint8_t protocol, const InetSocketAddress& inside)
{
    NS_LOG_FUNCTION(this << protocol << inside);
    InsideKey key{protocol, inside.GetIpv4().Get(), inside.GetPort()};
    auto it = m_byInside.find(key);
    if (it != m_byInside.end() && !IsExpired(it->second))
    {
        return &it->second;
    }
    // Forget every expired mapping (this one included): it frees their ports.
    for (auto i = m_byInside.begin(); i != m_byInside.end();)
    {
        if (IsExpired(i->second))
        {
            m_byOutside.erase(OutsideKey{i->second.protocol, i->second.outsidePort});
            i = m_byInside.erase(i);
        }
        else
        {
            ++i;
        }
    }
    uint32_t range = uint32_t(m_portMax) - m_portMin + 1;
    for (uint32_t tries = 0; tries < range; ++tries)
    {
        uint16_t port = m_nextPort;
        m_nextPort = port == m_portMax ? m_portMin : port + 1;
        if (m_byOutside.count(OutsideKey{protocol, port}) != 0)
        {
            continue;
        }
        Mapping m{protocol, inside.GetIpv4(), inside.GetPort(), port, Simulator::Now(), {}};
        auto inserted = m_byInside.emplace(key, std::move(m)).first;
        m_byOutside.emplace(OutsideKey{protocol, port}, key);
        NS_LOG_INFO("new mapping " << unsigned(protocol) << " " << inside.GetIpv4() << ":"
                                   << inside.GetPort() << " -> " << m_outsideAddress << ":"
                                   << port);
        m_newMappingTrace(protocol, inside, port);
        return &inserted->second;
    }
    return nullptr;
}

bool
NaptMiddlebox::Drop(Ptr<const Packet> packet, DropReason reason)
{
    NS_LOG_FUNCTION(this << packet);
    NS_LOG_WARN("dropping a packet: reason " << reason);
    ++m_dropped.at(reason);
    m_dropTrace(packet, reason);
    return true;
}

bool
NaptMiddlebox::Outbound(Ptr<Packet> packet)
{
    NS_LOG_FUNCTION(this << packet);
    MiddleboxHook::Flow flow;
    if (!MiddleboxHook::ParseFlow(packet, flow))
    {
        return false; // not IPv4 that the router could forward: its stack decides
    }
    Ipv4Address dst = flow.ip.GetDestination();
    if (dst.IsBroadcast() || dst.IsMulticast() || m_ipv4->GetInterfaceForAddress(dst) >= 0)
    {
        return false; // for the router itself
    }
    // Translate only what the router will send out of the outside device.
    Socket::SocketErrno err;
    Ptr<Ipv4Route> route = m_ipv4->GetRoutingProtocol()->RouteOutput(packet, flow.ip, nullptr, err);
    if (!route || route->GetOutputDevice() != m_outside)
    {
        return false;
    }
    if (!IsTranslatable(flow))
    {
        return Drop(packet, UNSUPPORTED);
    }
    uint8_t protocol = flow.ip.GetProtocol();
    Mapping* m = FindOrCreate(protocol, InetSocketAddress(flow.ip.GetSource(), flow.sourcePort));
    if (!m)
    {
        return Drop(packet, PORTS_EXHAUSTED);
    }
    m->lastUsed = Simulator::Now();
    m->peers.emplace(dst.Get(), flow.destinationPort);
    Rewrite(packet, true, m_outsideAddress, m->outsidePort);
    ++m_translated;
    return false;
}

bool
NaptMiddlebox::Inbound(Ptr<Packet> packet)
{
    NS_LOG_FUNCTION(this << packet);
    MiddleboxHook::Flow flow;
    if (!MiddleboxHook::ParseFlow(packet, flow) || flow.ip.GetDestination() != m_outsideAddress)
    {
        return false; // not for the NAT's address: routed as usual
    }
    if (!IsTranslatable(flow))
    {
        return Drop(packet, UNSUPPORTED);
    }
    auto it = m_byOutside.find(OutsideKey{flow.ip.GetProtocol(), flow.destinationPort});
    if (it == m_byOutside.end())
    {
        return Drop(packet, NO_MAPPING);
    }
    InsideKey key = it->second;
    Mapping& m = m_byInside.at(key);
    if (IsExpired(m))
    {
        Remove(key);
        return Drop(packet, NO_MAPPING);
    }
    uint32_t src = flow.ip.GetSource().Get();
    bool admitted = true;
    if (m_filtering == ADDRESS_AND_PORT_DEPENDENT)
    {
        admitted = m.peers.count({src, flow.sourcePort}) != 0;
    }
    else if (m_filtering == ADDRESS_DEPENDENT)
    {
        auto peer = m.peers.lower_bound({src, 0});
        admitted = peer != m.peers.end() && peer->first == src;
    }
    if (!admitted)
    {
        return Drop(packet, FILTERED);
    }
    m.lastUsed = Simulator::Now();
    Rewrite(packet, false, m.insideAddress, m.insidePort);
    ++m_translated;
    return false;
}

void
NaptMiddlebox::Rewrite(Ptr<Packet> packet, bool source, Ipv4Address address, uint16_t port)
{
    NS_LOG_FUNCTION(packet << source << address << port);
    Ipv4Header ip;
    packet->RemoveHeader(ip);
    if (source)
    {
        ip.SetSource(address);
    }
    else
    {
        ip.SetDestination(address);
    }
    // Checksums are written only when the simulation computes them (GlobalValue
    // ChecksumEnabled); otherwise ns-3 writes zeros and checks nothing.
    bool checksums = Node::ChecksumEnabled();
    if (ip.GetProtocol() == UdpL4Protocol::PROT_NUMBER)
    {
        UdpHeader old;
        packet->RemoveHeader(old);
        // A fresh header: one read back keeps the old checksum and a wrong Length.
        UdpHeader udp;
        udp.SetSourcePort(source ? port : old.GetSourcePort());
        udp.SetDestinationPort(source ? old.GetDestinationPort() : port);
        if (checksums)
        {
            udp.EnableChecksums();
            udp.InitializeChecksum(ip.GetSource(), ip.GetDestination(), UdpL4Protocol::PROT_NUMBER);
        }
        packet->AddHeader(udp);
    }
    else
    {
        TcpHeader tcp;
        packet->RemoveHeader(tcp);
        if (source)
        {
            tcp.SetSourcePort(port);
        }
        else
        {
            tcp.SetDestinationPort(port);
        }
        if (checksums)
        {
            tcp.EnableChecksums();
            tcp.InitializeChecksum(ip.GetSource(), ip.GetDestination(), TcpL4Protocol::PROT_NUMBER);
        }
        packet->AddHeader(tcp);
    }
    if (checksums)
    {
        ip.EnableChecksum();
    }
    packet->AddHeader(ip);
}

} // namespace ns3
