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

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief One client's access link to the router.
 *
 * Loss is per-packet Bernoulli (a RateErrorModel in packet units) in both directions: on the
 * client's packets as they arrive at the router, and on the router's as they arrive at the
 * client, each with its own random stream.
 */
struct AccessLinkParams
{
    DataRate rate{"1Gbps"};        //!< both directions
    Time delay{MicroSeconds(100)}; //!< one-way
    double lossRate{0.0};          //!< per-packet loss probability in each direction, [0, 1]
};

/**
 * \ingroup tcp-encap
 * \brief Parameters of the remote-access scenario; defaults are a 10 Mbit/s, 40 ms RTT path.
 */
struct RemoteAccessTopologyParams
{
    uint32_t clients{1}; //!< clients, each on its own access link to the router
    /**
     * Client i's access link, for the clients this vector reaches; the others get accessRate,
     * accessDelay and no loss. No longer than clients.
     */
    std::vector<AccessLinkParams> access;
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

    /**
     * \param client index of a client
     * \return its access link: access[client] if there is one, else accessRate, accessDelay
     * and no loss
     */
    AccessLinkParams GetAccessLink(uint32_t client) const;
};

/**
 * \ingroup tcp-encap
 * \brief Builds the scenario of the design: clients -- router -- bottleneck -- gateway -- server.
 *
 * Point-to-point links with drop-tail FIFO queue discs (ns-3's default FqCoDel would hide the
 * queue) over one-packet device queues, static routes so that inner addresses reach the server only
 * through a tunnel, and a per-packet Bernoulli loss model on the bottleneck. Without a tunnel the
 * same topology carries the traffic directly (the `plain` baseline): the router knows the
 * server's network.
 *
 * Each client has its own access link to the router (AccessLinkParams: rate, delay, loss).
 * Addresses: client 0's access 10.1.1.0/24 (client .1, router .2); client i >= 1 the /30
 * 10.16.0.0 + 4 (i - 1) of 10.16.0.0/12 (client .1, router .2 of the /30: client 1 10.16.0.1,
 * client 64 10.16.0.253, client 65 10.16.1.1), room for MAX_CLIENTS; bottleneck 10.1.2.0/24
 * (router .1, gateway .2), LAN 10.1.3.0/24 (gateway .1, server .2). None of them meets the
 * tunnels' inner network (10.8.0.0/16). Every client has a default route to the router, the
 * router its connected networks and the protected network through the gateway, the gateway a
 * default route to the router, the server one to the gateway: static routes only (global
 * routing's computation grows with the square of the number of nodes). The router looks up
 * every packet it forwards among its routes, one per access link: the cost of a
 * forwarded packet grows with the number of clients.
 *
 * Node order: client 0, router, gateway, server, then clients 1, 2, ...: node ids of the
 * single-client scenario do not depend on the number of clients.
 */
class RemoteAccessTopology
{
  public:
    /** Most clients: 10.16.0.0/12 holds 2^18 /30 subnets, client 0 has its own. */
    static constexpr uint32_t MAX_CLIENTS = (1U << 18) + 1;

    /** \param params link and loss parameters */
    explicit RemoteAccessTopology(const RemoteAccessTopologyParams& params);

    /** \brief Create nodes, links, stacks, addresses and routes. Call once. */
    void Build();

    /** \return the number of clients */
    uint32_t GetClientCount() const;
    /** \return client 0 */
    Ptr<Node> GetClient() const;
    /**
     * \param i index of a client, below GetClientCount()
     * \return the client
     */
    Ptr<Node> GetClient(uint32_t i) const;
    /** \return every client, in index order */
    NodeContainer GetClients() const;
    /** \return the router (middlebox) in front of the bottleneck */
    Ptr<Node> GetRouter() const;
    /** \return the VPN gateway */
    Ptr<Node> GetGateway() const;
    /** \return the server behind the gateway */
    Ptr<Node> GetServer() const;

    /** \return client 0's outer address */
    Ipv4Address GetClientAddress() const;
    /**
     * \param i index of a client, below GetClientCount()
     * \return its outer address (on its access link)
     */
    Ipv4Address GetClientAddress(uint32_t i) const;
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
     * \param i index of a client, below GetClientCount()
     * \return its access link's devices: index 0 on the client, 1 on the router
     */
    NetDeviceContainer GetAccessDevices(uint32_t i) const;

    /**
     * \return the FIFO queue discs, in the order of GetAllDevices: client 0's access (client,
     * router), bottleneck (router, gateway), LAN (gateway, server), then the access links of
     * clients 1, 2, ... (client, router)
     */
    QueueDiscContainer GetQueueDiscs() const;

    /** \return packets dropped by all FIFOs so far, every access link's included */
    uint64_t GetQueueDrops() const;

    /**
     * \return every point-to-point device, for pcap: client 0's access (client, router),
     * bottleneck (router, gateway), LAN (gateway, server), then the access links of clients 1,
     * 2, ... (client, router); the single-client indexes do not depend on the number of clients
     */
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
     * \brief Streams for the loss models: the bottleneck's (router, gateway) first, then the
     * access links' in client order (client, router); only links with loss use streams, so a
     * run without access loss uses the same streams whatever the number of clients.
     * \param stream first stream index for the loss models
     * \return number of streams used
     */
    int64_t AssignStreams(int64_t stream);

  private:
    /** \brief Clients 1, 2, ...: nodes, access links, stacks, FIFOs, addresses and routes. */
    void BuildMoreClients();

    /**
     * \brief Puts an access link's loss models on its two devices, if it has loss.
     * \param devices the link's devices
     * \param lossRate per-packet loss probability in each direction
     */
    static void InstallAccessLoss(const NetDeviceContainer& devices, double lossRate);

    RemoteAccessTopologyParams m_params;      //!< parameters
    NodeContainer m_nodes;                    //!< client 0, router, gateway, server, clients 1...
    std::vector<NetDeviceContainer> m_access; //!< per client: client, router
    NetDeviceContainer m_bottleneck;          //!< router, gateway
    NetDeviceContainer m_lan;                 //!< gateway, server
    QueueDiscContainer m_queueDiscs;          //!< FIFOs, in the order of GetAllDevices
};

} // namespace ns3

#endif /* TCP_ENCAP_REMOTE_ACCESS_TOPOLOGY_H */
