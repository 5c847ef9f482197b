/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_TUNNEL_SCENARIO_H
#define TCP_ENCAP_IKE_TUNNEL_SCENARIO_H

#include "tunnel-test-scenario.h"

#include "ns3/error-model.h"
#include "ns3/ike-session.h"
#include "ns3/napt-middlebox.h"
#include "ns3/packet-firewall.h"
#include "ns3/test.h"

#include <cstdint>
#include <optional>
#include <string>

namespace ns3
{
namespace tcpencaptest
{

// The transports an IkeTunnelScenario takes: EncapTransport TypeId names.
inline const std::string UDP = "ns3::UdpEncapTransport"; //!< ESP-in-UDP (RFC 3948)
inline const std::string TCP = "ns3::TcpEncapTransport"; //!< ESP-in-TCP (RFC 9329)
inline const std::string TLS = "ns3::TlsEncapTransport"; //!< ESP-in-TLS (RFC 9329 Appendix A)

/**
 * \brief The shared fixture of the IKEv2 system tests: the remote-access topology with a 50 ms
 * RTT and a tunnel keyed by IKEv2 (the TunnelScenario streams, and a choice of RngRun), and
 * optionally a PacketFirewall and a NaptMiddlebox in the router. Configure Helper() and the
 * middleboxes before Build().
 */
class IkeTunnelScenario
{
  public:
    /** \param transport EncapTransport TypeId name: the only transport, or the stream one */
    explicit IkeTunnelScenario(const std::string& transport);

    /** \return the topology: 25 ms one way on the bottleneck */
    static RemoteAccessTopologyParams Params();

    /** \return the round-trip propagation delay client - gateway (50.2 ms) */
    static Time Rtt();

    /** \return the helper, to configure before Build */
    IpsecTunnelHelper& Helper();

    /**
     * \param policy a PacketFirewall to install in the router at Build, with this policy from
     * the start (without a call: no firewall)
     */
    void SetFirewallPolicy(PacketFirewall::Policy policy);

    /** \param napt a NAT to install in the router at Build (its attributes set) */
    void SetNat(Ptr<NaptMiddlebox> napt);

    /**
     * \brief Build topology, middleboxes and tunnel with fixed streams.
     * \param run the RngRun
     */
    void Build(uint32_t run = 1);

    /** \return the client's (initiator's) IKE session */
    Ptr<IkeSession> Client() const;

    /** \return the gateway's (responder's) IKE session */
    Ptr<IkeSession> Gateway() const;

    /** \return the tunnel */
    const IpsecTunnel& Tunnel() const;

    /** \return the topology */
    RemoteAccessTopology& Topology();

    /** \return the firewall, or nullptr without SetFirewallPolicy */
    Ptr<PacketFirewall> Firewall() const;

    /**
     * \param device 1: packets arriving at the gateway (client to gateway), 0: at the router
     * \param em the error model of that bottleneck device's receive side
     */
    void SetErrorModel(uint32_t device, Ptr<ErrorModel> em);

    /**
     * \param port TCP port of the sink on the server
     * \param bytes how much
     * \param start when the client starts sending
     * \return the sink
     */
    Ptr<PatternSink> AddTransfer(uint16_t port, uint64_t bytes, Time start);

  private:
    TunnelScenario m_scenario;                      //!< topology, helper and tunnel
    std::optional<PacketFirewall::Policy> m_policy; //!< the firewall's, if one goes in
    Ptr<PacketFirewall> m_firewall;                 //!< in the router, or nullptr
    Ptr<NaptMiddlebox> m_napt;                      //!< in the router, or nullptr
};

/** The checks the IKEv2 system tests share. */
class IkeTunnelTestCase : public TestCase
{
  protected:
    /** \param name the case's name */
    explicit IkeTunnelTestCase(const std::string& name);

    /**
     * \brief Both sides ESTABLISHED on the same IKE SA, exactly one Child SA pair on each
     * endpoint, and the pair crosswise: the client's outbound SPI is the gateway's inbound one
     * and the other way round.
     * \param s the scenario
     */
    void CheckChildSaPair(IkeTunnelScenario& s);

    /**
     * \param s the scenario
     * \brief No inner packet was lost to keying: no policy miss, no unknown SPI, no ICV
     * failure, no replay.
     */
    void CheckNoKeyingLoss(IkeTunnelScenario& s);
};

} // namespace tcpencaptest
} // namespace ns3

#endif /* TCP_ENCAP_IKE_TUNNEL_SCENARIO_H */
