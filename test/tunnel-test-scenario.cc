/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tunnel-test-scenario.h"

#include "ns3/rng-seed-manager.h"

namespace ns3
{
namespace tcpencaptest
{

TunnelScenario::TunnelScenario(const RemoteAccessTopologyParams& params)
    : m_topology(std::make_unique<RemoteAccessTopology>(params))
{
    // Data-plane tests count every packet from the first one: the SAs are installed at set-up.
    // IKE suites call Helper().SetKeying(IpsecTunnelHelper::IKEV2) before Build.
    m_helper.SetKeying(IpsecTunnelHelper::MANUAL);
}

RemoteAccessTopologyParams
TunnelScenario::LossyParams(double loss)
{
    RemoteAccessTopologyParams p;
    p.lossRate = loss;
    p.lossBothDirections = true;
    return p;
}

IpsecTunnelHelper&
TunnelScenario::Helper()
{
    return m_helper;
}

void
TunnelScenario::Build()
{
    BuildTopology(1);
    InstallTunnel();
}

void
TunnelScenario::BuildTopology(uint32_t run)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(run);
    m_topology->Build();
    m_topology->AssignStreams(10);
    m_helper.AssignStreams(20);
}

void
TunnelScenario::InstallTunnel()
{
    m_tunnel = m_helper.Install(m_topology->GetClient(),
                                m_topology->GetClientAddress(),
                                m_topology->GetGateway(),
                                m_topology->GetGatewayAddress(),
                                m_topology->GetProtectedNetwork(),
                                m_topology->GetProtectedMask());
}

Ptr<PatternSink>
TunnelScenario::AddTransfer(Ipv4Address server, uint16_t port, uint64_t bytes, Time start)
{
    Ptr<PatternSink> sink = CreateObject<PatternSink>(port);
    m_topology->GetServer()->AddApplication(sink);
    uint32_t mss = RemoteAccessTopology::GetTcpSegmentSize(m_tunnel.client->GetTunnelMtu());
    Ptr<PatternSource> source = CreateObject<PatternSource>(server, port, bytes, mss);
    m_topology->GetClient()->AddApplication(source);
    source->SetStartTime(start);
    return sink;
}

RemoteAccessTopology&
TunnelScenario::Topology()
{
    return *m_topology;
}

const IpsecTunnel&
TunnelScenario::Tunnel() const
{
    return m_tunnel;
}

} // namespace tcpencaptest
} // namespace ns3
