/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-tunnel-scenario.h"

#include "ns3/pointer.h"

namespace ns3
{
namespace tcpencaptest
{

IkeTunnelScenario::IkeTunnelScenario(const std::string& transport)
    : m_scenario(Params())
{
    m_scenario.Helper().SetKeying(IpsecTunnelHelper::IKEV2);
    m_scenario.Helper().SetTransportType(transport);
}

RemoteAccessTopologyParams
IkeTunnelScenario::Params()
{
    RemoteAccessTopologyParams p;
    p.bottleneckDelay = MilliSeconds(25);
    return p;
}

Time
IkeTunnelScenario::Rtt()
{
    RemoteAccessTopologyParams p = Params();
    return (p.accessDelay + p.bottleneckDelay) * 2;
}

IpsecTunnelHelper&
IkeTunnelScenario::Helper()
{
    return m_scenario.Helper();
}

void
IkeTunnelScenario::SetFirewallPolicy(PacketFirewall::Policy policy)
{
    m_policy = policy;
}

void
IkeTunnelScenario::SetNat(Ptr<NaptMiddlebox> napt)
{
    m_napt = napt;
}

void
IkeTunnelScenario::Build(uint32_t run)
{
    m_scenario.BuildTopology(run);
    RemoteAccessTopology& topology = m_scenario.Topology();
    if (m_policy)
    {
        m_firewall = CreateObject<PacketFirewall>();
        m_firewall->Install(topology.GetRouter());
        m_firewall->SetPolicy(*m_policy);
    }
    if (m_napt)
    {
        // Inside: the router's device on the client's access link; outside: the bottleneck.
        m_napt->Install(topology.GetAllDevices().Get(1), topology.GetBottleneckDevices().Get(0));
    }
    m_scenario.InstallTunnel();
}

Ptr<IkeSession>
IkeTunnelScenario::Client() const
{
    return Tunnel().client->GetIkeSession();
}

Ptr<IkeSession>
IkeTunnelScenario::Gateway() const
{
    return Tunnel().gateway->GetIkeSession();
}

const IpsecTunnel&
IkeTunnelScenario::Tunnel() const
{
    return m_scenario.Tunnel();
}

RemoteAccessTopology&
IkeTunnelScenario::Topology()
{
    return m_scenario.Topology();
}

Ptr<PacketFirewall>
IkeTunnelScenario::Firewall() const
{
    return m_firewall;
}

void
IkeTunnelScenario::SetErrorModel(uint32_t device, Ptr<ErrorModel> em)
{
    Topology().GetBottleneckDevices().Get(device)->SetAttribute("ReceiveErrorModel",
                                                                PointerValue(em));
}

Ptr<PatternSink>
IkeTunnelScenario::AddTransfer(uint16_t port, uint64_t bytes, Time start)
{
    return m_scenario.AddTransfer(Topology().GetServerAddress(), port, bytes, start);
}

IkeTunnelTestCase::IkeTunnelTestCase(const std::string& name)
    : TestCase(name)
{
}

void
IkeTunnelTestCase::CheckChildSaPair(IkeTunnelScenario& s)
{
    const IpsecTunnel& t = s.Tunnel();
    Ipv4Address server = s.Topology().GetServerAddress();
    NS_TEST_ASSERT_MSG_EQ(s.Client()->GetState(), IkeSession::ESTABLISHED, "client up");
    NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetState(), IkeSession::ESTABLISHED, "gateway up");
    NS_TEST_ASSERT_MSG_EQ(t.client->GetSad().GetSize(), 1, "one inbound SA on the client");
    NS_TEST_ASSERT_MSG_EQ(t.gateway->GetSad().GetSize(), 1, "one inbound SA on the gateway");
    NS_TEST_ASSERT_MSG_EQ(t.client->GetSpd().GetSize(), 1, "one policy on the client");
    NS_TEST_ASSERT_MSG_EQ(t.gateway->GetSpd().GetSize(), 1, "one policy on the gateway");
    Ptr<EspSa> clientOut = t.client->GetSpd().FindOutbound(t.clientInner, server);
    Ptr<EspSa> gatewayOut = t.gateway->GetSpd().FindOutbound(server, t.clientInner);
    NS_TEST_ASSERT_MSG_EQ((clientOut && gatewayOut), true, "both have an outbound SA");
    if (t.client->GetSad().GetSize() != 1 || t.gateway->GetSad().GetSize() != 1 || !clientOut
        || !gatewayOut || !s.Client()->GetIkeSa() || !s.Gateway()->GetIkeSa())
    {
        return; // reported above; nothing to compare
    }
    uint32_t clientIn = t.client->GetSad().GetSpis().front();
    uint32_t gatewayIn = t.gateway->GetSad().GetSpis().front();
    NS_TEST_ASSERT_MSG_EQ(clientOut->GetSpi(), gatewayIn, "client out == gateway in");
    NS_TEST_ASSERT_MSG_EQ(gatewayOut->GetSpi(), clientIn, "gateway out == client in");
    NS_TEST_ASSERT_MSG_NE(clientIn, gatewayIn, "two SPIs");
    NS_TEST_ASSERT_MSG_EQ(s.Client()->GetChildInboundSpi(), clientIn, "client's Child SA");
    NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetChildInboundSpi(), gatewayIn, "gateway's Child SA");
    NS_TEST_ASSERT_MSG_EQ(
        s.Client()->GetIkeSa()->GetSpiI(), s.Gateway()->GetIkeSa()->GetSpiI(), "same IKE SA: SPIi");
    NS_TEST_ASSERT_MSG_EQ(
        s.Client()->GetIkeSa()->GetSpiR(), s.Gateway()->GetIkeSa()->GetSpiR(), "same IKE SA: SPIr");
}

void
IkeTunnelTestCase::CheckNoKeyingLoss(IkeTunnelScenario& s)
{
    for (Ptr<IpsecEndpoint> e : {s.Tunnel().client, s.Tunnel().gateway})
    {
        std::string who = e == s.Tunnel().client ? "client" : "gateway";
        NS_TEST_ASSERT_MSG_EQ(e->GetTxCounters().Get(EspStatus::NO_POLICY), 0, who << " tx");
        NS_TEST_ASSERT_MSG_EQ(e->GetRxCounters().Get(EspStatus::UNKNOWN_SPI), 0, who << " rx");
        NS_TEST_ASSERT_MSG_EQ(e->GetRxCounters().Get(EspStatus::ICV_FAILURE), 0, who << " rx");
        NS_TEST_ASSERT_MSG_EQ(e->GetRxCounters().Get(EspStatus::REPLAY), 0, who << " rx");
    }
}

} // namespace tcpencaptest
} // namespace ns3
