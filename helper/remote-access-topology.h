/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_REMOTE_ACCESS_TOPOLOGY_H
#define TCP_ENCAP_REMOTE_ACCESS_TOPOLOGY_H

#include "ns3/data-rate.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/queue-disc-container.h"

#include <string>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief Parameters of the remote-access scenario; defaults are a 10 Mbit/s, 40 ms RTT path.
 */
struct RemoteAccessTopologyParams
{
    DataRate accessRate{"1Gbps"};           //!< client to router
    Time accessDelay{MicroSeconds(100)};    //!< one-way
    DataRate bottleneckRate{"10Mbps"};      //!< router to gateway
    Time bottleneckDelay{MilliSeconds(20)}; //!< one-way
    uint32_t queuePackets{100};       //!< FIFO (drop-tail) size at each bottleneck end, packets
    double lossRate{0.0};             //!< per-packet loss probability on the bottleneck
    double lossBurstLength{1.0};      //!< mean packets lost in a row; 1: Bernoulli, >1: Gilbert
    bool lossBothDirections{false};   //!< also lose packets gateway to router
    DataRate lanRate{"1Gbps"};        //!< gateway to server
    Time lanDelay{MicroSeconds(100)}; //!< one-way
    uint16_t mtu{1500};               //!< of every link
};

/**
 * \ingroup tcp-encap
 * \brief Builds the scenario of the design: client -- router -- bottleneck -- gateway -- server.
 *
 * Point-to-point links with drop-tail FIFO queue discs (ns-3's default FqCoDel would hide the
 * queue) over one-packet device queues, static routes so that inner addresses reach the server only
 * through a tunnel, and a per-packet Bernoulli loss model on the bottleneck. Without a tunnel the
 * same topology carries the traffic directly (the `plain` baseline): the router knows the
 * server's network.
 *
 * Addresses: access 10.1.1.0/24 (client .1, router .2), bottleneck 10.1.2.0/24 (router .1,
 * gateway .2), LAN 10.1.3.0/24 (gateway .1, server .2).
 */
class RemoteAccessTopology
{
  public:
    /** \param params link and loss parameters */
    explicit RemoteAccessTopology(const RemoteAccessTopologyParams& params);

    /** \brief Create nodes, links, stacks, addresses and routes. Call once. */
    void Build();

    /** \return the remote-access client */
    Ptr<Node> GetClient() const;
    /** \return the router (middlebox) in front of the bottleneck */
    Ptr<Node> GetRouter() const;
    /** \return the VPN gateway */
    Ptr<Node> GetGateway() const;
    /** \return the server behind the gateway */
    Ptr<Node> GetServer() const;

    /** \return the client's outer address */
    Ipv4Address GetClientAddress() const;
    /** \return the gateway's outer address (on the bottleneck) */
    Ipv4Address GetGatewayAddress() const;
    /** \return the server's address */
    Ipv4Address GetServerAddress() const;
    /** \return the network behind the gateway */
    Ipv4Address GetProtectedNetwork() const;
    /** \return its prefix */
    Ipv4Mask GetProtectedMask() const;

    /** \return the bottleneck devices: index 0 on the router, 1 on the gateway */
    NetDeviceContainer GetBottleneckDevices() const;

    /**
     * \return the FIFO queue discs, in the order of GetAllDevices: access (client, router),
     * bottleneck (router, gateway), LAN (gateway, server)
     */
    QueueDiscContainer GetQueueDiscs() const;

    /** \return packets dropped by all FIFOs so far */
    uint64_t GetQueueDrops() const;

    /** \return every point-to-point device, for pcap */
    NetDeviceContainer GetAllDevices() const;

    /**
     * \param ipMtu MTU of the interface the TCP segments leave by (for inner TCP: the tunnel
     * MTU)
     * \return the TCP payload per segment that fills it: IPv4 (20) and TCP (20) headers and
     * the timestamp option (12) that ns-3's TCP sends by default subtracted, so segments are
     * never fragmented
     */
    static uint32_t GetTcpSegmentSize(uint32_t ipMtu);

    /**
     * \param stream first stream index for the loss models
     * \return number of streams used
     */
    int64_t AssignStreams(int64_t stream);

  private:
    RemoteAccessTopologyParams m_params; //!< parameters
    NodeContainer m_nodes;               //!< client, router, gateway, server
    NetDeviceContainer m_access;         //!< client, router
    NetDeviceContainer m_bottleneck;     //!< router, gateway
    NetDeviceContainer m_lan;            //!< gateway, server
    QueueDiscContainer m_queueDiscs;     //!< FIFOs of all devices
};

} // namespace ns3

#endif /* TCP_ENCAP_REMOTE_ACCESS_TOPOLOGY_H */
