/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "packet-firewall.h"

#include "ns3/abort.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/simulator.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/udp-l4-protocol.h"

#include <numeric>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PacketFirewall");

NS_OBJECT_ENSURE_REGISTERED(PacketFirewall);

namespace
{
constexpr uint16_t IKE_PORT = 500;    //!< RFC 7296 Section 2
constexpr uint16_t NAT_T_PORT = 4500; //!< RFC 7296 Section 2.23, RFC 3948
constexpr uint16_t HTTPS_PORT = 443;  //!< what restrictive networks still let through
} // namespace

TypeId
PacketFirewall::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::PacketFirewall")
              .SetParent<Object>()
              .SetGroupName("TcpEncap")
              .AddConstructor<PacketFirewall>()
              .AddAttribute("Policy",
                            "What forwarded IPv4 packets are dropped: PASS (none), DROP_UDP, "
                            "DROP_IKE_UDP (UDP port 500 or 4500 at either end, RFC 7296 / RFC "
                            "3948), ONLY_TCP_443 (all but TCP port 443 at either end).",
                            EnumValue(PASS),
                            MakeEnumAccessor<PacketFirewall::Policy>(&PacketFirewall::m_policy),
                            MakeEnumChecker(PASS,
                                            "PASS",
                                            DROP_UDP,
                                            "DROP_UDP",
                                            DROP_IKE_UDP,
                                            "DROP_IKE_UDP",
                                            ONLY_TCP_443,
                                            "ONLY_TCP_443"))
              .AddTraceSource("Drop",
                              "A forwarded packet the policy forbids (the IPv4 packet).",
                              MakeTraceSourceAccessor(&PacketFirewall::m_dropTrace),
                              "ns3::PacketFirewall::DropTracedCallback");
    return tid;
}

PacketFirewall::PacketFirewall()
    : m_policy(PASS)
{
    NS_LOG_FUNCTION(this);
}

PacketFirewall::~PacketFirewall() = default;

void
PacketFirewall::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_ipv4 = nullptr;
    Object::DoDispose();
}

void
PacketFirewall::Install(Ptr<Node> router)
{
    NS_LOG_FUNCTION(this << router);
    NS_ABORT_MSG_IF(m_ipv4, "PacketFirewall::Install called twice");
    m_ipv4 = router->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!m_ipv4, "PacketFirewall needs a router with IPv4");
    uint32_t hooked = 0;
    for (uint32_t i = 0; i < router->GetNDevices(); ++i)
    {
        Ptr<NetDevice> dev = router->GetDevice(i);
        if (DynamicCast<PointToPointNetDevice>(dev))
        {
            MiddleboxHook::GetOrInstall(dev)->AddStage(
                MiddleboxHook::PRIORITY_FILTER,
                MakeCallback(&PacketFirewall::Inspect, Ptr<PacketFirewall>(this)));
            ++hooked;
        }
    }
    NS_ABORT_MSG_IF(hooked == 0, "PacketFirewall: the router has no point-to-point device");
}

void
PacketFirewall::SetPolicy(Policy policy)
{
    NS_LOG_FUNCTION(this);
    NS_LOG_INFO("policy " << PolicyName(m_policy) << " -> " << PolicyName(policy));
    m_policy = policy;
}

void
PacketFirewall::SetPolicyAt(Time at, Policy policy)
{
    NS_LOG_FUNCTION(this << at);
    NS_ABORT_MSG_IF(at < Simulator::Now(), "PacketFirewall::SetPolicyAt: " << at << " is past");
    Simulator::Schedule(at - Simulator::Now(), &PacketFirewall::SetPolicy, this, policy);
}

PacketFirewall::Policy
PacketFirewall::GetPolicy() const
{
    return m_policy;
}

uint64_t
PacketFirewall::GetDropped() const
{
    return std::accumulate(m_droppedByPolicy.begin(), m_droppedByPolicy.end(), uint64_t{0});
}

uint64_t
PacketFirewall::GetDropped(Policy policy) const
{
    return m_droppedByPolicy.at(policy);
}

uint64_t
PacketFirewall::GetDroppedOfProtocol(uint8_t protocol) const
{
    auto it = m_droppedByProtocol.find(protocol);
    return it == m_droppedByProtocol.end() ? 0 : it->second;
}

std::string
PacketFirewall::PolicyName(Policy policy)
{
    NS_LOG_FUNCTION_NOARGS();
    switch (policy)
    {
        case PASS:
            return "PASS";
        case DROP_UDP:
            return "DROP_UDP";
        case DROP_IKE_UDP:
            return "DROP_IKE_UDP";
        case ONLY_TCP_443:
            return "ONLY_TCP_443";
    }
    return "UNKNOWN";
}

bool
PacketFirewall::Forbids(const MiddleboxHook::Flow& flow) const
{
    uint8_t protocol = flow.ip.GetProtocol();
    auto hasPort = [&flow](uint16_t port)
    {
        return flow.hasPorts && (flow.sourcePort == port || flow.destinationPort == port);
    };
    switch (m_policy)
    {
        case PASS:
            return false;
        case DROP_UDP:
            return protocol == UdpL4Protocol::PROT_NUMBER;
        case DROP_IKE_UDP:
            return protocol == UdpL4Protocol::PROT_NUMBER
                   && (hasPort(IKE_PORT) || hasPort(NAT_T_PORT));
        case ONLY_TCP_443:
            return !(protocol == TcpL4Protocol::PROT_NUMBER && hasPort(HTTPS_PORT));
    }
    return false;
}

bool
PacketFirewall::Inspect(Ptr<Packet> packet)
{
    NS_LOG_FUNCTION(this << packet);
    if (m_policy == PASS)
    {
        return false;
    }
    MiddleboxHook::Flow flow;
    bool parsed = MiddleboxHook::ParseFlow(packet, flow);
    if (parsed)
    {
        Ipv4Address dst = flow.ip.GetDestination();
        if (dst.IsBroadcast() || dst.IsMulticast() || m_ipv4->GetInterfaceForAddress(dst) >= 0)
        {
            return false; // for the router itself, not forwarded
        }
    }
    bool drop = parsed ? Forbids(flow) : m_policy == ONLY_TCP_443;
    if (!drop)
    {
        return false;
    }
    uint8_t protocol = parsed ? flow.ip.GetProtocol() : UNPARSABLE;
    NS_LOG_WARN(PolicyName(m_policy) << " drops protocol " << unsigned(protocol) << " "
                                     << flow.ip.GetSource() << ":" << flow.sourcePort << " > "
                                     << flow.ip.GetDestination() << ":" << flow.destinationPort);
    ++m_droppedByPolicy.at(m_policy);
    ++m_droppedByProtocol[protocol];
    m_dropTrace(packet);
    return true;
}

} // namespace ns3
