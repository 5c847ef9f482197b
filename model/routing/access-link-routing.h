/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_ACCESS_LINK_ROUTING_H
#define TCP_ENCAP_ACCESS_LINK_ROUTING_H

#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief Routes to directly attached access links of one prefix length in constant time: the
 * route for a router with a point-to-point link per client (RemoteAccessTopology with many
 * clients).
 *
 * ns-3's Ipv4StaticRouting looks through all its network routes for every forwarded packet,
 * computing each one's prefix length; with a connected /30 per client, a router with 1,000
 * clients spends most of a simulation's time there. This protocol, put before the static
 * routing in the router's Ipv4ListRouting, finds the link by the destination's network (a hash
 * map) and forwards directly on it. A few other routes (AddRoute: the router's bottleneck and
 * the networks behind it) are looked through after the links, longest prefix first, so that
 * the static routing is not consulted for them either; whatever this protocol does not know
 * goes on to the next protocol. It originates no routes for the router's own packets
 * (RouteOutput: none).
 */
class AccessLinkRouting : public Ipv4RoutingProtocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    AccessLinkRouting();
    ~AccessLinkRouting() override;

    /** \param mask the prefix length of every link this protocol routes to (default /30) */
    void SetLinkMask(Ipv4Mask mask);

    /**
     * \brief Route a link's network directly out of an interface.
     * \param network the link's network (masked with the link mask)
     * \param interface the router's interface on it
     */
    void AddLink(Ipv4Address network, uint32_t interface);

    /**
     * \brief Another route, looked through after the links (keep them few).
     * \param network its network
     * \param mask its prefix
     * \param gateway the next hop (0.0.0.0: directly attached)
     * \param interface the router's interface towards it
     */
    void AddRoute(Ipv4Address network, Ipv4Mask mask, Ipv4Address gateway, uint32_t interface);

    /** \return links known */
    uint32_t GetNLinks() const;

    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    const UnicastForwardCallback& ucb,
                    const MulticastForwardCallback& mcb,
                    const LocalDeliverCallback& lcb,
                    const ErrorCallback& ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

  protected:
    void DoDispose() override;

  private:
    /** A link's route, made once. */
    struct Link
    {
        uint32_t interface {
            0
        };                    //!< the router's interface
        Ptr<Ipv4Route> route; //!< direct, out of it (destination set per packet)
    };

    /** Another route. */
    struct Route
    {
        Ipv4Address network; //!< its network
        Ipv4Mask mask;       //!< its prefix
        Link link;           //!< where it goes
    };

    /**
     * \param interface the router's interface
     * \param gateway the next hop, or 0.0.0.0
     * \return the route out of it, destination unset
     */
    Link MakeLink(uint32_t interface, Ipv4Address gateway) const;

    Ptr<Ipv4> m_ipv4;                           //!< the router's IP
    Ipv4Mask m_mask{"255.255.255.252"};         //!< the links' prefix
    std::unordered_map<uint32_t, Link> m_links; //!< by network
    std::vector<Route> m_routes;                //!< the others, longest prefix first
};

} // namespace ns3

#endif /* TCP_ENCAP_ACCESS_LINK_ROUTING_H */
