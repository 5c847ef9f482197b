/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// MOBIKE switching between ESP-in-UDP and ESP-in-TCP (RFC 4555, RFC 9329 §7.1): an inner bulk
// transfer runs through the tunnel on UDP; the router's firewall starts dropping UDP in the
// middle and stops later. The client notices (a liveness check over UDP goes unanswered for
// MobikeSwitchTimeout), moves the IKE SA and its Child SAs to TCP with UPDATE_SA_ADDRESSES
// (no rekey: the SPIs stay), and probes UDP every ReturnProbeInterval to move back. Prints the
// inner goodput per second, the transport in use, and the longest delivery gaps.
//
// Try: tcp-encap-mobike
//      tcp-encap-mobike --returnProbe=0s             (stay on TCP once there)
//      tcp-encap-mobike --mobike=false               (no MOBIKE: the IKE SA dies with UDP)
//      tcp-encap-mobike --blockAt=5s --unblockAt=40s --time=60s --stream=tls
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/tcp-encap-module.h"

#include <iomanip>
#include <iostream>
#include <vector>

using namespace ns3;

namespace
{
std::vector<uint64_t> g_bytesPerSecond;    //!< inner bytes delivered, by second
Time g_lastRx;                             //!< last delivery
std::vector<std::pair<Time, Time>> g_gaps; //!< (start, length) of gaps over 200 ms

void
InnerRx(Ptr<const Packet> p, const Address& /* from */)
{
    Time now = Simulator::Now();
    auto second = static_cast<std::size_t>(now.GetSeconds());
    if (g_bytesPerSecond.size() <= second)
    {
        g_bytesPerSecond.resize(second + 1, 0);
    }
    g_bytesPerSecond[second] += p->GetSize();
    if (!g_lastRx.IsZero() && now - g_lastRx > MilliSeconds(200))
    {
        g_gaps.emplace_back(g_lastRx, now - g_lastRx);
    }
    g_lastRx = now;
}

Ptr<SwitchableEncapTransport> g_client; //!< the client's transports
std::vector<bool> g_onStream;           //!< by second: the client sends on the stream

void
Sample()
{
    g_onStream.push_back(g_client->GetActive() == SwitchableEncapTransport::STREAM);
    Simulator::Schedule(Seconds(1), &Sample);
}
} // namespace

int
main(int argc, char* argv[])
{
    Time blockAt = Seconds(5);
    Time unblockAt = Seconds(15);
    double seconds = 25;
    bool mobike = true;
    Time liveness = Seconds(1);
    Time switchTimeout = Seconds(2);
    Time returnProbe = Seconds(2);
    std::string stream = "tcp";
    CommandLine cmd(__FILE__);
    cmd.AddValue("blockAt", "when the firewall starts dropping UDP", blockAt);
    cmd.AddValue("unblockAt", "when it stops", unblockAt);
    cmd.AddValue("time", "simulated seconds", seconds);
    cmd.AddValue("mobike", "announce MOBIKE (false: the IKE SA cannot move)", mobike);
    cmd.AddValue("liveness", "LivenessInterval: silence before a check", liveness);
    cmd.AddValue(
        "switchTimeout", "MobikeSwitchTimeout: unanswered this long on UDP: move", switchTimeout);
    cmd.AddValue("returnProbe", "ReturnProbeInterval on TCP (0: never move back)", returnProbe);
    cmd.AddValue("stream", "tcp or tls", stream);
    cmd.Parse(argc, argv);

    RemoteAccessTopology topo{RemoteAccessTopologyParams()};
    topo.Build();
    topo.AssignStreams(1);
    Ptr<PacketFirewall> firewall = CreateObject<PacketFirewall>();
    firewall->Install(topo.GetRouter());
    firewall->SetPolicyAt(blockAt, PacketFirewall::DROP_UDP);
    firewall->SetPolicyAt(unblockAt, PacketFirewall::PASS);

    IpsecTunnelHelper helper;
    helper.AssignStreams(100);
    NS_ABORT_MSG_IF(stream != "tcp" && stream != "tls", "--stream: tcp or tls");
    helper.SetTransportType(stream == "tls" ? "ns3::TlsEncapTransport" : "ns3::TcpEncapTransport");
    helper.SetFallback(IkeSession::NO_FALLBACK); // start on UDP, move with MOBIKE
    helper.SetIkeAttribute("Mobike", BooleanValue(mobike));
    helper.SetIkeAttribute("LivenessInterval", TimeValue(liveness));
    helper.SetIkeAttribute("MobikeSwitchTimeout", TimeValue(switchTimeout));
    helper.SetIkeAttribute("ReturnProbeInterval", TimeValue(returnProbe));
    helper.SetIkeAttribute("RetransmitBudget", TimeValue(Seconds(10)));
    IpsecTunnel tunnel = helper.Install(topo.GetClient(),
                                        topo.GetClientAddress(),
                                        topo.GetGateway(),
                                        topo.GetGatewayAddress(),
                                        topo.GetProtectedNetwork(),
                                        topo.GetProtectedMask());
    g_client = DynamicCast<SwitchableEncapTransport>(tunnel.client->GetTransport());

    uint32_t mss = RemoteAccessTopology::GetTcpSegmentSize(tunnel.client->GetTunnelMtu());
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(mss));
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 5001));
    ApplicationContainer sinks = sinkHelper.Install(topo.GetServer());
    sinks.Get(0)->TraceConnectWithoutContext("Rx", MakeCallback(&InnerRx));
    BulkSendHelper source("ns3::TcpSocketFactory",
                          InetSocketAddress(topo.GetServerAddress(), 5001));
    source.Install(topo.GetClient()).Start(Seconds(0.5)); // the handshake takes 0.1 s
    Simulator::Schedule(Seconds(1) - NanoSeconds(1), &Sample);

    Simulator::Stop(Seconds(seconds));
    Simulator::Run();

    Ptr<IkeSession> ike = tunnel.client->GetIkeSession();
    std::cout << "UDP blocked from " << blockAt.GetSeconds() << " s to " << unblockAt.GetSeconds()
              << " s; MOBIKE " << (ike->IsMobikeNegotiated() ? "negotiated" : "off")
              << "\nsecond  inner Mbit/s  client sends on\n";
    for (std::size_t s = 0; s < g_bytesPerSecond.size() || s < g_onStream.size(); ++s)
    {
        double mbps = s < g_bytesPerSecond.size() ? g_bytesPerSecond[s] * 8 / 1e6 : 0;
        std::cout << std::setw(6) << s << std::setw(13) << std::fixed << std::setprecision(2)
                  << mbps << "  " << (s < g_onStream.size() ? (g_onStream[s] ? stream : "udp") : "")
                  << "\n";
    }
    std::cout << "client IKE SA: " << ToString(ike->GetState())
              << ", moves (UPDATE_SA_ADDRESSES answered) " << ike->GetAddressUpdates()
              << ", UDP probes " << ike->GetReturnProbes() << ", Child SA inbound SPI 0x"
              << std::hex << ike->GetChildInboundSpi() << std::dec << " (rekeys "
              << ike->GetChildRekeys() << ")\n";
    std::cout << "delivery gaps over 200 ms:";
    for (const auto& [at, length] : g_gaps)
    {
        std::cout << " " << std::setprecision(3) << length.GetSeconds() << " s (from "
                  << at.GetSeconds() << " s)";
    }
    std::cout << "\n";
    g_client = nullptr;
    Simulator::Destroy();
    return 0;
}
