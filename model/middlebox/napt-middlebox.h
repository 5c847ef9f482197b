/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_NAPT_MIDDLEBOX_H
#define TCP_ENCAP_NAPT_MIDDLEBOX_H

#include "middlebox-hook.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>
#include <utility>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief Network address and port translation (NAPT, RFC 3022) in a router, as in a home
 * gateway: UDP and TCP from the inside leave with the router's outside address and a port of
 * its own, replies come back translated, and a mapping left idle for its timeout is forgotten,
 * so the next packet of the same inside socket gets a new outside port: NAT rebinding, what
 * RFC 3948 keepalives and RFC 9329 reconnections are there to survive.
 *
 * Behaviour in RFC 4787 terms: endpoint-independent mapping (one outside port per inside
 * address, port and protocol, whatever the destination), sequential port allocation from
 * [PortMin, PortMax] (deterministic; a new mapping never reuses the port it replaces unless the
 * range has one port), filtering set by the Filtering attribute (default address-and-port-
 * dependent: only hosts and ports the inside has sent to get in), and idle timers per
 * protocol refreshed by packets in both directions (UdpTimeout, TcpTimeout; no state machine
 * for TCP: FIN and RST leave the mapping to its idle timer).
 *
 * Mechanism: MiddleboxHook stages on two point-to-point devices of the router. On the inside
 * device (PRIORITY_SNAT: after the link loss and the PacketFirewall) packets that the router
 * routes out of the outside device get source address and port rewritten; on the outside
 * device (PRIORITY_DNAT: after the link loss, before the PacketFirewall) packets to the outside
 * address are translated back to the inside address and port, or dropped. Both happen before
 * IPv4 sees the packet: the router forwards the translated packet like any other, and never
 * answers an untranslatable one with ICMP. The IPv4, UDP and TCP headers are re-serialized by
 * ns-3's header classes, with checksums when the ChecksumEnabled global value is true.
 *
 * Not translated, dropped (reason UNSUPPORTED): protocols other than UDP and TCP (ICMP
 * included), fragments, packets with IPv4 options. Packets from the outside to other
 * addresses, and inside packets that do not leave by the outside device, pass untouched.
 */
class NaptMiddlebox : public Object
{
  public:
    /** \brief Which outside packets a mapping lets in (RFC 4787 Section 5). */
    enum Filtering
    {
        ENDPOINT_INDEPENDENT,       //!< anyone
        ADDRESS_DEPENDENT,          //!< hosts the inside has sent to
        ADDRESS_AND_PORT_DEPENDENT, //!< host and port pairs the inside has sent to
    };

    /** \brief Why a packet was dropped. */
    enum DropReason
    {
        NO_MAPPING,      //!< to the outside address, no live mapping for its port
        FILTERED,        //!< a mapping exists but the sender may not use it
        UNSUPPORTED,     //!< not UDP or TCP, a fragment, IPv4 options, truncated
        PORTS_EXHAUSTED, //!< no free outside port for a new mapping
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    NaptMiddlebox();
    ~NaptMiddlebox() override;

    /**
     * \brief Translate between two point-to-point devices of one router. Call once, after the
     * router's IPv4 stack and addresses are installed.
     * \param inside the device towards the private network (the client's access link)
     * \param outside the device towards the public network (the bottleneck)
     */
    void Install(Ptr<NetDevice> inside, Ptr<NetDevice> outside);

    /** \brief Forget every mapping now: the next packet of each inside socket rebinds. */
    void ExpireAll();

    /** \return live mappings (not idle past their timeout) */
    uint32_t GetMappings() const;

    /**
     * \param protocol 17 (UDP) or 6 (TCP)
     * \param inside inside address and port
     * \return its outside port if a live mapping exists, else 0
     */
    uint16_t GetOutsidePort(uint8_t protocol, const InetSocketAddress& inside) const;

    /** \return the address packets leave with */
    Ipv4Address GetOutsideAddress() const;

    /** \return packets translated, both directions */
    uint64_t GetTranslated() const;

    /** \return packets dropped, for any reason */
    uint64_t GetDropped() const;

    /**
     * \param reason a reason
     * \return packets dropped for it
     */
    uint64_t GetDropped(DropReason reason) const;

    /**
     * TracedCallback signature of a new mapping.
     * \param protocol 17 (UDP) or 6 (TCP)
     * \param inside inside address and port
     * \param outsidePort the port allocated for it
     */
    typedef void (*NewMappingTracedCallback)(uint8_t protocol,
                                             const InetSocketAddress& inside,
                                             uint16_t outsidePort);

    /**
     * TracedCallback signature of a dropped packet.
     * \param packet the IPv4 packet, from the IPv4 header on
     * \param reason why
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, DropReason reason);

  protected:
    void DoDispose() override;

  private:
    /** Inside address and port, and protocol: what a mapping is for. */
    using InsideKey = std::tuple<uint8_t, uint32_t, uint16_t>;
    /** Protocol and outside port. */
    using OutsideKey = std::pair<uint8_t, uint16_t>;

    /** One translation. */
    struct Mapping
    {
        uint8_t protocol;                              //!< 17 or 6
        Ipv4Address insideAddress;                     //!< the inside host
        uint16_t insidePort;                           //!< its port
        uint16_t outsidePort;                          //!< allocated port
        Time lastUsed;                                 //!< refreshed both ways
        std::set<std::pair<uint32_t, uint16_t>> peers; //!< outside hosts and ports sent to
    };

    /**
     * \brief Hook stage on the inside device: source translation.
     * \param packet the IPv4 packet \return true to drop it
     */
    bool Outbound(Ptr<Packet> packet);

    /**
     * \brief Hook stage on the outside device: destination translation.
     * \param packet the IPv4 packet \return true to drop it
     */
    bool Inbound(Ptr<Packet> packet);

    /**
     * \param flow parsed headers of a packet to translate
     * \return whether NAT can rewrite it (UDP or TCP, whole header, no fragment or options)
     */
    static bool IsTranslatable(const MiddleboxHook::Flow& flow);

    /**
     * \brief Rewrite one end of a packet's IPv4 and UDP or TCP headers.
     * \param packet the IPv4 packet (IsTranslatable)
     * \param source true: the source address and port, false: the destination's
     * \param address new address
     * \param port new port
     */
    static void Rewrite(Ptr<Packet> packet, bool source, Ipv4Address address, uint16_t port);

    /**
     * \param m a mapping
     * \return whether it has been idle for its protocol's timeout
     */
    bool IsExpired(const Mapping& m) const;

    /**
     * \param protocol 17 or 6
     * \param inside address and port
     * \return the live mapping, a new one, or null if no port is free
     */
    Mapping* FindOrCreate(uint8_t protocol, const InetSocketAddress& inside);

    /** \param key remove this mapping from both tables */
    void Remove(const InsideKey& key);

    /**
     * \brief Count and trace a drop.
     * \param packet the packet \param reason why
     * \return true (drop)
     */
    bool Drop(Ptr<const Packet> packet, DropReason reason);

    Ptr<Ipv4> m_ipv4;                            //!< the router's stack
    Ptr<NetDevice> m_inside;                     //!< private side
    Ptr<NetDevice> m_outside;                    //!< public side
    Ipv4Address m_outsideAddress;                //!< attribute; unset: the outside interface's
    uint16_t m_portMin;                          //!< allocation range start
    uint16_t m_portMax;                          //!< allocation range end (inclusive)
    uint16_t m_nextPort;                         //!< next port to try
    Time m_udpTimeout;                           //!< UDP idle timeout
    Time m_tcpTimeout;                           //!< TCP idle timeout
    Filtering m_filtering;                       //!< inbound filtering
    std::map<InsideKey, Mapping> m_byInside;     //!< the table
    std::map<OutsideKey, InsideKey> m_byOutside; //!< index by outside port
    uint64_t m_translated;                       //!< packets translated
    std::array<uint64_t, 4> m_dropped{};         //!< per DropReason

    TracedCallback<uint8_t, const InetSocketAddress&, uint16_t> m_newMappingTrace; //!< NewMapping
    TracedCallback<Ptr<const Packet>, DropReason> m_dropTrace;                     //!< Drop
};

} // namespace ns3

#endif /* TCP_ENCAP_NAPT_MIDDLEBOX_H */
