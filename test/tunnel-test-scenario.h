/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_TUNNEL_TEST_SCENARIO_H
#define TCP_ENCAP_TUNNEL_TEST_SCENARIO_H

#include "tcp-encap-test-apps.h"

#include "ns3/ipsec-tunnel-helper.h"
#include "ns3/remote-access-topology.h"

#include <memory>

namespace ns3
{
namespace tcpencaptest
{

/**
 * \brief The shared fixture of the tunnel system tests: the remote-access topology with a
 * tunnel between client and gateway, and pattern transfers from client to server.
 * Configure Helper() before Build().
 */
class TunnelScenario
{
  public:
    /** \param params topology parameters */
    explicit TunnelScenario(const RemoteAccessTopologyParams& params);

    /**
     * \param loss per-packet loss rate on the bottleneck, in both directions
     * \return the default topology with that loss
     */
    static RemoteAccessTopologyParams LossyParams(double loss);

    /** \return the tunnel helper, to choose the transport and its attributes */
    IpsecTunnelHelper& Helper();

    /** \brief Build topology and tunnel with fixed seeds: BuildTopology(1), InstallTunnel(). */
    void Build();

    /**
     * \brief The first half of Build: seed 1 and the RngRun, the topology, its streams (from
     * 10) and the helper's (from 20). Middleboxes go in before InstallTunnel.
     * \param run the RngRun
     */
    void BuildTopology(uint32_t run);

    /** \brief The second half of Build: the helper installs the tunnel, client to gateway. */
    void InstallTunnel();

    /**
     * \brief A pattern transfer from the client to an address behind the gateway.
     * \param server destination (the server's address, or another of its addresses)
     * \param port TCP port
     * \param bytes how much
     * \param start when
     * \return the sink that checks the bytes
     */
    Ptr<PatternSink> AddTransfer(Ipv4Address server, uint16_t port, uint64_t bytes, Time start);

    /** \return the topology */
    RemoteAccessTopology& Topology();

    /** \return the tunnel */
    const IpsecTunnel& Tunnel() const;

  private:
    std::unique_ptr<RemoteAccessTopology> m_topology; //!< the scenario
    IpsecTunnelHelper m_helper;                       //!< installs the tunnel
    IpsecTunnel m_tunnel;                             //!< the endpoints
};

} // namespace tcpencaptest
} // namespace ns3

#endif /* TCP_ENCAP_TUNNEL_TEST_SCENARIO_H */
