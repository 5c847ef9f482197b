/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Inner bulk TCP from a remote-access client to a server behind a VPN gateway, through an
// ESP-in-UDP tunnel (RFC 3948) with real AES-GCM, or without a tunnel (--mode=plain) as the
// baseline. Prints goodput, ESP counts and bytes on the wire per inner byte.
//
//   client --access-- router --bottleneck (rate, delay, FIFO, loss)-- gateway --LAN-- server
//
// Try: tcp-encap-udp-tunnel --loss=0.01 --time=20
//      tcp-encap-udp-tunnel --mode=plain --pcap=true
//      tcp-encap-udp-tunnel --pcap=true --keylog=keys   (then doc/wireshark.md)
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/tcp-encap-module.h"

#include <chrono>
#include <iomanip>
#include <iostream>

using namespace ns3;

namespace
{
uint64_t g_wireBytes = 0;    //!< IP bytes sent router -> gateway on the bottleneck
uint64_t g_innerPackets = 0; //!< IP packets delivered to the server

void
CountWire(Ptr<const Packet> p)
{
    g_wireBytes += p->GetSize() - 2; // without the PPP header
}

void
CountDelivered(Ptr<const Packet>, Ptr<Ipv4>, uint32_t)
{
    ++g_innerPackets;
}
} // namespace

int
main(int argc, char* argv[])
{
    std::string mode = "udp";
    RemoteAccessTopologyParams params;
    double seconds = 10;
    bool pcap = false;
    std::string keylog;
    uint32_t seed = 1;
    uint32_t run = 1;

    CommandLine cmd(__FILE__);
    cmd.AddValue("mode", "udp (ESP-in-UDP tunnel) or plain (no tunnel)", mode);
    cmd.AddValue("rate", "bottleneck rate", params.bottleneckRate);
    cmd.AddValue("delay", "bottleneck one-way delay", params.bottleneckDelay);
    cmd.AddValue("queue", "bottleneck FIFO size, packets", params.queuePackets);
    cmd.AddValue("loss", "per-packet loss probability on the bottleneck, [0, 1)", params.lossRate);
    cmd.AddValue("time", "simulated seconds of transfer", seconds);
    cmd.AddValue("pcap", "write pcap files tcp-encap-udp-tunnel-*.pcap", pcap);
    cmd.AddValue("keylog",
                 "udp mode: directory for Wireshark's esp_sa and ikev2_decryption_table "
                 "(empty: none)",
                 keylog);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run number", run);
    cmd.Parse(argc, argv);
    if (mode != "udp" && mode != "plain")
    {
        std::cerr << "error: --mode must be udp or plain, got '" << mode << "'\n";
        return 2;
    }
    if (params.lossRate < 0 || params.lossRate >= 1 || seconds <= 0 || params.queuePackets == 0)
    {
        std::cerr << "error: need 0 <= loss < 1, time > 0, queue > 0\n";
        return 2;
    }
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);
    Config::SetDefault("ns3::TcpL4Protocol::SocketType", TypeIdValue(TcpNewReno::GetTypeId()));

    RemoteAccessTopology topo(params);
    topo.Build();
    topo.AssignStreams(1);

    // Same inner MSS in both modes, so that only the tunnel differs.
    uint32_t innerMtu = EspSa::GetMaxPayloadSize(params.mtu - 20 - 8);
    IpsecTunnel tunnel;
    Ptr<WiresharkKeylogHelper> wiresharkKeys;
    if (mode == "udp")
    {
        IpsecTunnelHelper helper;
        helper.AssignStreams(100);
        tunnel = helper.Install(topo.GetClient(),
                                topo.GetClientAddress(),
                                topo.GetGateway(),
                                topo.GetGatewayAddress(),
                                topo.GetProtectedNetwork(),
                                topo.GetProtectedMask());
        innerMtu = tunnel.client->GetTunnelMtu();
        if (!keylog.empty())
        {
            wiresharkKeys = Create<WiresharkKeylogHelper>();
            wiresharkKeys->Enable(tunnel, keylog);
        }
    }
    Config::SetDefault("ns3::TcpSocket::SegmentSize",
                       UintegerValue(RemoteAccessTopology::GetTcpSegmentSize(innerMtu)));

    uint16_t port = 5001;
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), port));
    ApplicationContainer sinkApp = sinkHelper.Install(topo.GetServer());
    BulkSendHelper source("ns3::TcpSocketFactory",
                          InetSocketAddress(topo.GetServerAddress(), port));
    ApplicationContainer sourceApp = source.Install(topo.GetClient());
    sourceApp.Start(Seconds(0.1));
    sourceApp.Stop(Seconds(0.1 + seconds));

    topo.GetBottleneckDevices().Get(0)->TraceConnectWithoutContext("PhyTxEnd",
                                                                   MakeCallback(&CountWire));
    topo.GetServer()->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Rx", MakeCallback(&CountDelivered));
    if (pcap)
    {
        PointToPointHelper().EnablePcapAll("tcp-encap-udp-tunnel");
    }

    Simulator::Stop(Seconds(0.1 + seconds));
    auto wallStart = std::chrono::steady_clock::now();
    Simulator::Run();
    double wall
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();

    uint64_t innerBytes = DynamicCast<PacketSink>(sinkApp.Get(0))->GetTotalRx();
    std::cout << std::fixed << std::setprecision(3);
    auto row = [](const std::string& name, auto value)
    {
        std::cout << std::left << std::setw(34) << name << value << "\n";
    };
    row("mode", mode);
    row("bottleneck",
        std::to_string(params.bottleneckRate.GetBitRate() / 1e6) + " Mbit/s, "
            + std::to_string(params.bottleneckDelay.GetMilliSeconds()) + " ms, loss "
            + std::to_string(params.lossRate));
    row("inner MTU (bytes)", innerMtu);
    row("simulated time (s)", seconds);
    row("inner goodput (Mbit/s)", innerBytes * 8.0 / seconds / 1e6);
    row("inner bytes delivered", innerBytes);
    row("inner packets delivered", g_innerPackets);
    if (tunnel.client)
    {
        row("ESP sealed (client)", tunnel.client->GetTxCounters().Get(EspStatus::OK));
        row("ESP opened (gateway)", tunnel.gateway->GetRxCounters().Get(EspStatus::OK));
        row("ESP dropped at gateway", tunnel.gateway->GetRxCounters().GetDrops());
        row("ESP sealed (gateway, ACKs)", tunnel.gateway->GetTxCounters().Get(EspStatus::OK));
    }
    row("wire bytes per inner byte", innerBytes ? double(g_wireBytes) / innerBytes : 0.0);
    row("wall time (s)", wall);
    row("wall us per delivered inner pkt", g_innerPackets ? wall * 1e6 / g_innerPackets : 0.0);
    Simulator::Destroy();
    return 0;
}
