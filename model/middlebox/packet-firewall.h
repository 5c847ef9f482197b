/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_PACKET_FIREWALL_H
#define TCP_ENCAP_PACKET_FIREWALL_H

#include "middlebox-hook.h"

#include "ns3/ipv4.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <map>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief A stateless firewall in a router: drops the IPv4 packets it would forward that its
 * policy forbids, in both directions; the policy can change during the run (the networks that
 * push a VPN client from UDP to TCP: hotel Wi-Fi passing only port 443, a carrier dropping UDP,
 * a firewall dropping IKE's ports 500 and 4500).
 *
 * Mechanism: a MiddleboxHook stage (PRIORITY_FILTER) on every point-to-point device of the
 * router, so a packet is judged after its link's loss model and after destination NAT, before
 * source NAT and before IPv4 routes it. Packets addressed to the router itself are not
 * forwarded and pass. Later fragments carry no ports: DROP_UDP drops them by protocol,
 * DROP_IKE_UDP passes them, ONLY_TCP_443 drops them. Packets too short for an IPv4 header
 * pass unless the policy is ONLY_TCP_443.
 *
 * (Not called PacketFilter: ns-3's traffic-control module has an ns3::PacketFilter, the queue
 * disc classifier, in ns3/packet-filter.h.)
 */
class PacketFirewall : public Object
{
  public:
    /** \brief What the filter drops. */
    enum Policy
    {
        PASS,         //!< nothing
        DROP_UDP,     //!< every UDP packet
        DROP_IKE_UDP, //!< UDP to or from port 500 or 4500 (IKE, RFC 7296; NAT-T, RFC 3948)
        ONLY_TCP_443, //!< everything but TCP with port 443 at either end
    };

    static constexpr uint8_t UNPARSABLE = 255; //!< protocol key of packets without IPv4 header

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    PacketFirewall();
    ~PacketFirewall() override;

    /**
     * \brief Filter what a router forwards: hooks every PointToPointNetDevice of the node.
     * Call once, after the router's IPv4 stack is installed.
     * \param router the node
     */
    void Install(Ptr<Node> router);

    /** \param policy the rule from now on */
    void SetPolicy(Policy policy);

    /**
     * \brief Change the rule at a time.
     * \param at absolute simulation time (not before now)
     * \param policy the rule from then on
     */
    void SetPolicyAt(Time at, Policy policy);

    /** \return the rule now */
    Policy GetPolicy() const;

    /** \return packets dropped so far */
    uint64_t GetDropped() const;

    /**
     * \param policy a rule
     * \return packets dropped while it was in force
     */
    uint64_t GetDropped(Policy policy) const;

    /**
     * \param protocol IPv4 protocol number (17 UDP, 6 TCP, 1 ICMP, UNPARSABLE)
     * \return packets of it dropped
     */
    uint64_t GetDroppedOfProtocol(uint8_t protocol) const;

    /**
     * \param policy a rule
     * \return its name, as in the Policy attribute
     */
    static std::string PolicyName(Policy policy);

    /**
     * TracedCallback signature of a dropped packet.
     * \param packet the IPv4 packet, from the IPv4 header on
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet);

  protected:
    void DoDispose() override;

  private:
    /**
     * \brief The hook stage.
     * \param packet the IPv4 packet
     * \return true to drop it
     */
    bool Inspect(Ptr<Packet> packet);

    /**
     * \param flow the parsed headers
     * \return whether the policy forbids them
     */
    bool Forbids(const MiddleboxHook::Flow& flow) const;

    Policy m_policy;                                 //!< the rule in force
    Ptr<Ipv4> m_ipv4;                                //!< the router's stack
    std::array<uint64_t, 4> m_droppedByPolicy{};     //!< drops per rule
    std::map<uint8_t, uint64_t> m_droppedByProtocol; //!< drops per protocol
    TracedCallback<Ptr<const Packet>> m_dropTrace;   //!< "Drop"
};

} // namespace ns3

#endif /* TCP_ENCAP_PACKET_FIREWALL_H */
