/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "access-link-routing.h"

#include "ns3/ipv4-route.h"
#include "ns3/log.h"
#include "ns3/output-stream-wrapper.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("AccessLinkRouting");
NS_OBJECT_ENSURE_REGISTERED(AccessLinkRouting);

TypeId
AccessLinkRouting::GetTypeId()
{
    static TypeId tid = TypeId("ns3::AccessLinkRouting")
                            .SetParent<Ipv4RoutingProtocol>()
                            .SetGroupName("TcpEncap")
                            .AddConstructor<AccessLinkRouting>();
    return tid;
}

AccessLinkRouting::AccessLinkRouting() = default;
AccessLinkRouting::~AccessLinkRouting() = default;

void
AccessLinkRouting::DoDispose()
{
    m_links.clear();
    m_routes.clear();
    m_ipv4 = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

void
AccessLinkRouting::SetLinkMask(Ipv4Mask mask)
{
    NS_LOG_FUNCTION(this << mask);
    NS_ABORT_MSG_IF(!m_links.empty(), "AccessLinkRouting::SetLinkMask: before AddLink");
    m_mask = mask;
}

AccessLinkRouting::Link
AccessLinkRouting::MakeLink(uint32_t interface, Ipv4Address gateway) const
{
    NS_ABORT_MSG_IF(!m_ipv4, "AccessLinkRouting: add the protocol to a node's IP first");
    Link link;
    link.interface = interface;
    link.route = Create<Ipv4Route>();
    link.route->SetGateway(gateway); // 0.0.0.0: directly attached
    link.route->SetSource(m_ipv4->GetAddress(interface, 0).GetLocal());
    link.route->SetOutputDevice(m_ipv4->GetNetDevice(interface));
    return link;
}

void
AccessLinkRouting::AddLink(Ipv4Address network, uint32_t interface)
{
    NS_LOG_FUNCTION(this << network << interface);
    m_links[network.CombineMask(m_mask).Get()] = MakeLink(interface, Ipv4Address::GetZero());
}

void
AccessLinkRouting::AddRoute(Ipv4Address network,
                            Ipv4Mask mask,
                            Ipv4Address gateway,
                            uint32_t interface)
{
    NS_LOG_FUNCTION(this << network << mask << gateway << interface);
    Route r{network.CombineMask(mask), mask, MakeLink(interface, gateway)};
    auto at = std::find_if(m_routes.begin(),
                           m_routes.end(),
                           [&mask](const Route& other)
                           {
                               return other.mask.GetPrefixLength() < mask.GetPrefixLength();
                           });
    m_routes.insert(at, r);
}

uint32_t
AccessLinkRouting::GetNLinks() const
{
    return static_cast<uint32_t>(m_links.size());
}

Ptr<Ipv4Route>
AccessLinkRouting::RouteOutput(Ptr<Packet> /* p */,
                               const Ipv4Header& /* header */,
                               Ptr<NetDevice> /* oif */,
                               Socket::SocketErrno& sockerr)
{
    sockerr = Socket::ERROR_NOROUTETOHOST; // the router's own packets: the static routing's
    return nullptr;
}

bool
AccessLinkRouting::RouteInput(Ptr<const Packet> p,
                              const Ipv4Header& header,
                              Ptr<const NetDevice> /* idev */,
                              const UnicastForwardCallback& ucb,
                              const MulticastForwardCallback& /* mcb */,
                              const LocalDeliverCallback& /* lcb */,
                              const ErrorCallback& /* ecb */)
{
    Ipv4Address destination = header.GetDestination();
    if (destination.IsMulticast() || destination.IsBroadcast())
    {
        return false; // the next protocol's
    }
    const Link* link = nullptr;
    if (auto it = m_links.find(destination.CombineMask(m_mask).Get()); it != m_links.end())
    {
        link = &it->second;
    }
    for (auto r = m_routes.begin(); !link && r != m_routes.end(); ++r)
    {
        if (r->mask.IsMatch(destination, r->network))
        {
            link = &r->link;
        }
    }
    if (!link || !m_ipv4->IsUp(link->interface))
    {
        return false; // the next protocol's
    }
    // A fresh route per packet, as ns-3's static routing makes.
    Ptr<Ipv4Route> route = Create<Ipv4Route>(*link->route);
    route->SetDestination(destination);
    ucb(route, p, header);
    return true;
}

void
AccessLinkRouting::NotifyInterfaceUp(uint32_t /* interface */)
{
}

void
AccessLinkRouting::NotifyInterfaceDown(uint32_t /* interface */)
{
}

void
AccessLinkRouting::NotifyAddAddress(uint32_t /* interface */, Ipv4InterfaceAddress /* address */)
{
}

void
AccessLinkRouting::NotifyRemoveAddress(uint32_t /* interface */, Ipv4InterfaceAddress /* address */)
{
}

void
AccessLinkRouting::SetIpv4(Ptr<Ipv4> ipv4)
{
    NS_LOG_FUNCTION(this << ipv4);
    m_ipv4 = ipv4;
}

void
AccessLinkRouting::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit /* unit */) const
{
    std::ostream& os = *stream->GetStream();
    os << "AccessLinkRouting: " << m_links.size() << " directly attached links of mask " << m_mask
       << std::endl;
    for (const Route& r : m_routes)
    {
        os << "  " << r.network << "/" << r.mask.GetPrefixLength() << " via "
           << r.link.route->GetGateway() << " if " << r.link.interface << std::endl;
    }
}

} // namespace ns3
