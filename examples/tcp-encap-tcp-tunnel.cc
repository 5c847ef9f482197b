/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Inner bulk TCP from a remote-access client to a server behind a VPN gateway, through
// ESP-in-TCP (RFC 9329, the default), ESP-in-UDP (RFC 3948), or no tunnel, over the same
// bottleneck: the comparison the TCP encapsulation drafts argue about. Prints goodput, and
// for TCP mode the outer connection's retransmissions, tunnel-queue drops and framing
// overhead.
//
//   client --access-- router --bottleneck (rate, delay, FIFO, loss)-- gateway --LAN-- server
//
// Try: tcp-encap-tcp-tunnel --loss=0.03 --time=60
//      tcp-encap-tcp-tunnel --mode=udp --loss=0.03 --time=60
//      tcp-encap-tcp-tunnel --framing=draft-03 --port=443 --outerSndBuf=16384
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/tcp-encap-module.h"

#include <iomanip>
#include <iostream>

using namespace ns3;

namespace
{
uint64_t g_wireBytes = 0; //!< IP bytes sent router -> gateway on the bottleneck

void
CountWire(Ptr<const Packet> p)
{
    g_wireBytes += p->GetSize() - 2; // without the PPP header
}

/** \return the TypeId of a congestion control given by short name, or abort */
TypeId
CongestionControl(const std::string& name)
{
    TypeId tid;
    NS_ABORT_MSG_UNLESS(TypeId::LookupByNameFailSafe("ns3::Tcp" + name, &tid),
                        "unknown congestion control '" << name << "' (NewReno, Cubic, Bbr, ...)");
    return tid;
}
} // namespace

int
main(int argc, char* argv[])
{
    std::string mode = "tcp";
    std::string framing = "rfc9329";
    uint16_t port = 4500;
    std::string queuePolicy = "linux";
    std::string innerCc = "Cubic";
    std::string outerCc = "Cubic";
    uint32_t outerSndBuf = 131072;
    uint32_t outerInitialCwnd = 10;
    Time minRto = MilliSeconds(200);
    RemoteAccessTopologyParams params;
    params.bottleneckDelay = MilliSeconds(25);
    double seconds = 20;
    bool pcap = false;
    uint32_t seed = 1;
    uint32_t run = 1;

    CommandLine cmd(__FILE__);
    cmd.AddValue("mode", "tcp (ESP-in-TCP), udp (ESP-in-UDP) or plain (no tunnel)", mode);
    cmd.AddValue("framing", "tcp mode: rfc9329 (16-bit Length) or draft-03 (32-bit)", framing);
    cmd.AddValue("port", "tcp mode: the gateway's TCP port (4500, or e.g. 443)", port);
    cmd.AddValue("queuePolicy", "tcp mode: tunnel queue policy, linux or fifo", queuePolicy);
    cmd.AddValue("outerCc", "tcp mode: outer congestion control (NewReno, Cubic, Bbr)", outerCc);
    cmd.AddValue("outerSndBuf", "tcp mode: outer send buffer, bytes", outerSndBuf);
    cmd.AddValue("outerInitialCwnd", "tcp mode: outer initial window, segments", outerInitialCwnd);
    cmd.AddValue("innerCc", "inner congestion control (NewReno, Cubic, Bbr)", innerCc);
    cmd.AddValue("minRto", "minimum RTO of inner and outer TCP", minRto);
    cmd.AddValue("rate", "bottleneck rate", params.bottleneckRate);
    cmd.AddValue("delay", "bottleneck one-way delay", params.bottleneckDelay);
    cmd.AddValue("queue", "bottleneck FIFO size, packets", params.queuePackets);
    cmd.AddValue("loss", "per-packet loss probability on the bottleneck, [0, 1)", params.lossRate);
    cmd.AddValue("lossBoth",
                 "lose packets in both directions, not only client to gateway",
                 params.lossBothDirections);
    cmd.AddValue("time", "simulated seconds of transfer", seconds);
    cmd.AddValue("pcap", "write pcap files tcp-encap-tcp-tunnel-*.pcap", pcap);
    cmd.AddValue("seed", "RNG seed", seed);
    cmd.AddValue("run", "RNG run number", run);
    cmd.Parse(argc, argv);
    FramingVariant framingVariant;
    if ((mode != "tcp" && mode != "udp" && mode != "plain")
        || !ParseFramingVariant(framing, framingVariant)
        || (queuePolicy != "linux" && queuePolicy != "fifo"))
    {
        std::cerr << "error: --mode tcp|udp|plain, --framing rfc9329|draft-03, "
                     "--queuePolicy linux|fifo\n";
        return 2;
    }
    if (params.lossRate < 0 || params.lossRate >= 1 || seconds <= 0 || params.queuePackets == 0)
    {
        std::cerr << "error: need 0 <= loss < 1, time > 0, queue > 0\n";
        return 2;
    }
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);
    // Inner TCP: these defaults reach only the sockets the applications create; the outer
    // connection takes its settings from the transport's attributes.
    Config::SetDefault("ns3::TcpL4Protocol::SocketType", TypeIdValue(CongestionControl(innerCc)));
    Config::SetDefault("ns3::TcpSocketBase::MinRto", TimeValue(minRto));
    // Linux's minimum delayed-ACK timeout: with ns-3's 200 ms and a 200 ms minimum RTO, a
    // one-segment window after a loss times out again and again.
    Config::SetDefault("ns3::TcpSocket::DelAckTimeout", TimeValue(MilliSeconds(40)));

    RemoteAccessTopology topo(params);
    topo.Build();
    topo.AssignStreams(1);

    uint32_t innerMtu = EspSa::GetMaxPayloadSize(params.mtu - 20 - 8);
    IpsecTunnel tunnel;
    Ptr<TcpEncapTransport> tcp;
    if (mode != "plain")
    {
        IpsecTunnelHelper helper;
        helper.AssignStreams(100);
        if (mode == "tcp")
        {
            helper.SetTransportType("ns3::TcpEncapTransport");
            helper.SetTransportAttribute("Framing", StringValue(framing));
            helper.SetTransportAttribute("PeerPort", UintegerValue(port));
            helper.SetTransportAttribute("LocalPort", UintegerValue(port));
            helper.SetTransportAttribute("QueuePolicy", StringValue(queuePolicy));
            helper.SetTransportAttribute("CongestionControl",
                                         TypeIdValue(CongestionControl(outerCc)));
            helper.SetTransportAttribute("SndBufSize", UintegerValue(outerSndBuf));
            helper.SetTransportAttribute("InitialCwnd", UintegerValue(outerInitialCwnd));
            helper.SetTransportAttribute("MinRto", TimeValue(minRto));
        }
        tunnel = helper.Install(topo.GetClient(),
                                topo.GetClientAddress(),
                                topo.GetGateway(),
                                topo.GetGatewayAddress(),
                                topo.GetProtectedNetwork(),
                                topo.GetProtectedMask());
        innerMtu = tunnel.client->GetTunnelMtu();
        tcp = DynamicCast<TcpEncapTransport>(tunnel.client->GetTransport());
    }
    Config::SetDefault("ns3::TcpSocket::SegmentSize",
                       UintegerValue(RemoteAccessTopology::GetTcpSegmentSize(innerMtu)));

    uint16_t sinkPort = 5001;
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), sinkPort));
    ApplicationContainer sinkApp = sinkHelper.Install(topo.GetServer());
    BulkSendHelper source("ns3::TcpSocketFactory",
                          InetSocketAddress(topo.GetServerAddress(), sinkPort));
    ApplicationContainer sourceApp = source.Install(topo.GetClient());
    sourceApp.Start(Seconds(0.5));
    sourceApp.Stop(Seconds(0.5 + seconds));
    topo.GetBottleneckDevices().Get(0)->TraceConnectWithoutContext("PhyTxEnd",
                                                                   MakeCallback(&CountWire));
    if (pcap)
    {
        PointToPointHelper().EnablePcapAll("tcp-encap-tcp-tunnel");
    }

    Simulator::Stop(Seconds(0.5 + seconds));
    Simulator::Run();

    uint64_t innerBytes = DynamicCast<PacketSink>(sinkApp.Get(0))->GetTotalRx();
    std::cout << std::fixed << std::setprecision(3);
    auto row = [](const std::string& name, auto value)
    {
        std::cout << std::left << std::setw(36) << name << value << "\n";
    };
    row("mode",
        mode
            + (mode == "tcp" ? " (" + framing + ", port " + std::to_string(port) + ")"
                             : std::string()));
    row("loss", params.lossRate);
    row("inner goodput (Mbit/s)", innerBytes * 8.0 / seconds / 1e6);
    row("inner bytes delivered", innerBytes);
    row("wire bytes per inner byte", innerBytes ? double(g_wireBytes) / innerBytes : 0.0);
    row("bottleneck FIFO drops", topo.GetQueueDrops());
    if (tunnel.client)
    {
        row("ESP sealed (client)", tunnel.client->GetTxCounters().Get(EspStatus::OK));
        row("ESP refused by transport (client)",
            tunnel.client->GetTxCounters().Get(EspStatus::TRANSPORT_REFUSED));
        row("ESP opened (gateway)", tunnel.gateway->GetRxCounters().Get(EspStatus::OK));
    }
    if (tcp)
    {
        row("outer retransmissions (client)", tcp->GetOuterRetransmissions());
        row("outer RTOs (client)", tcp->GetOuterTimeouts());
        row("tunnel-queue drops (client)", tcp->GetQueueDrops());
        row("framing bytes sent (client)", tcp->GetFramingBytes());
        row("connections opened (client)", tcp->GetConnectionsOpened());
    }
    Simulator::Destroy();
    return 0;
}
