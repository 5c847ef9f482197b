/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_TCP_RESET_INJECTOR_H
#define TCP_ENCAP_TCP_RESET_INJECTOR_H

#include "ns3/ipv4.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief A middlebox on a router that tears down TCP connections the way on-path firewalls
 * do: once armed, the next segment it forwards to or from the watched port makes it forge a
 * RST to each end, with the sequence numbers each end expects.
 */
class TcpResetInjector : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    TcpResetInjector();
    ~TcpResetInjector() override;

    /**
     * \brief Watch the packets a router forwards.
     * \param router a node with IPv4 that forwards the connection's segments
     */
    void Install(Ptr<Node> router);

    /**
     * \brief Reset the next connection seen on the port at or after a time.
     * \param at when to arm
     * \param port TCP port of either end (e.g. 4500)
     */
    void ScheduleReset(Time at, uint16_t port);

    /** \return connections reset so far */
    uint32_t GetResets() const;

  protected:
    void DoDispose() override;

  private:
    /** \param port reset the next segment to or from this port */
    void Arm(uint16_t port);

    /** \param packet an IPv4 packet received by the router \param ipv4 it \param ifIndex where */
    void Inspect(Ptr<const Packet> packet, Ptr<Ipv4> ipv4, uint32_t ifIndex);

    /**
     * \brief Send one forged RST from the router.
     * \param src spoofed source address
     * \param srcPort its port
     * \param dst destination address
     * \param dstPort its port
     * \param seq sequence number the destination expects
     */
    void SendReset(
        Ipv4Address src, uint16_t srcPort, Ipv4Address dst, uint16_t dstPort, uint32_t seq);

    Ptr<Node> m_router; //!< where it sits
    bool m_armed;       //!< reset the next matching segment
    uint16_t m_port;    //!< watched port
    uint32_t m_resets;  //!< resets done
};

} // namespace ns3

#endif /* TCP_ENCAP_TCP_RESET_INJECTOR_H */
