/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Inner bulk TCP from a remote-access client to a server behind a VPN gateway, through
// ESP-in-TCP (RFC 9329, the default), ESP-in-TLS-in-TCP (RFC 9329 Appendix A), ESP-in-UDP
// (RFC 3948), or no tunnel, over the same bottleneck: the comparison the TCP encapsulation
// drafts argue about. Prints goodput and the time to the first inner byte, for TCP and TLS
// modes the outer connection's retransmissions, tunnel-queue drops and framing overhead, and
// for TLS mode the TLS records, overhead and handshakes.
//
//   client --access-- router --bottleneck (rate, delay, FIFO, loss)-- gateway --LAN-- server
//
// Try: tcp-encap-tcp-tunnel --loss=0.03 --time=60
//      tcp-encap-tcp-tunnel --mode=udp --loss=0.03 --time=60
//      tcp-encap-tcp-tunnel --framing=draft-03 --port=443 --outerSndBuf=16384
//      tcp-encap-tcp-tunnel --mode=tls --tlsVersion=1.2 --keylog=keys --pcap=true
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

Time g_firstInnerByte; //!< when the sink got its first byte

void
InnerRx(Ptr<const Packet> /* p */, const Address& /* from */)
{
    if (g_firstInnerByte.IsZero())
    {
        g_firstInnerByte = Simulator::Now();
    }
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
    uint16_t port = 0;
    std::string tlsVersion = "1.3";
    std::string recordPolicy = "per-frame";
    std::string keylog;
    double start = 0.5;
    std::string queuePolicy = "linux";
    std::string innerCc = "Cubic";
    std::string outerCc = "Cubic";
    uint32_t outerSndBuf = 0;
    uint32_t outerInitialCwnd = 10;
    Time minRto = MilliSeconds(200);
    RemoteAccessTopologyParams params;
    params.bottleneckDelay = MilliSeconds(25);
    double seconds = 20;
    bool pcap = false;
    uint32_t seed = 1;
    uint32_t run = 1;

    CommandLine cmd(__FILE__);
    cmd.AddValue(
        "mode", "tcp (ESP-in-TCP), tls (ESP-in-TLS-in-TCP), udp (ESP-in-UDP) or plain", mode);
    cmd.AddValue("framing", "tcp mode: rfc9329 (16-bit Length) or draft-03 (32-bit)", framing);
    cmd.AddValue("port", "tcp/tls: the gateway's TCP port (0: 4500 for tcp, 443 for tls)", port);
    cmd.AddValue("tlsVersion", "tls mode: 1.3 or 1.2", tlsVersion);
    cmd.AddValue("recordPolicy", "tls mode: per-frame or coalesce", recordPolicy);
    cmd.AddValue("keylog",
                 "directory for Wireshark: esp_sa, ikev2_decryption_table and, in tls mode, "
                 "the NSS key log tls-keylog.txt (empty: none)",
                 keylog);
    cmd.AddValue("start", "when the inner transfer starts, s (the tunnel starts at 0)", start);
    cmd.AddValue("queuePolicy", "tcp mode: tunnel queue policy, linux or fifo", queuePolicy);
    cmd.AddValue("outerCc", "tcp mode: outer congestion control (NewReno, Cubic, Bbr)", outerCc);
    cmd.AddValue("outerSndBuf",
                 "tcp mode: outer send buffer, bytes (0: autotuned as Linux does)",
                 outerSndBuf);
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
    bool stream = mode == "tcp" || mode == "tls";
    if ((!stream && mode != "udp" && mode != "plain")
        || !ParseFramingVariant(framing, framingVariant)
        || (queuePolicy != "linux" && queuePolicy != "fifo"))
    {
        std::cerr << "error: --mode tcp|tls|udp|plain, --framing rfc9329|draft-03, "
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
    Ptr<WiresharkKeylogHelper> wiresharkKeys;
    if (mode != "plain" && !keylog.empty())
    {
        // Before the tunnel: the TLS transport opens its key log inside the directory.
        wiresharkKeys = Create<WiresharkKeylogHelper>();
        wiresharkKeys->Open(keylog);
    }
    if (mode != "plain")
    {
        IpsecTunnelHelper helper;
        helper.AssignStreams(100);
        if (stream)
        {
            helper.SetTransportType(mode == "tls" ? "ns3::TlsEncapTransport"
                                                  : "ns3::TcpEncapTransport");
            if (mode == "tls")
            {
                helper.SetTransportAttribute("TlsVersion", StringValue(tlsVersion));
                helper.SetTransportAttribute("RecordPolicy", StringValue(recordPolicy));
                helper.SetTransportAttribute(
                    "KeyLogFile",
                    StringValue(wiresharkKeys ? wiresharkKeys->GetTlsKeyLogPath() : ""));
            }
            helper.SetTransportAttribute("Framing", StringValue(framing));
            helper.SetTransportAttribute("PeerPort", UintegerValue(port)); // 0: mode's default
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
        if (wiresharkKeys)
        {
            wiresharkKeys->Enable(tunnel, keylog);
        }
    }
    Config::SetDefault("ns3::TcpSocket::SegmentSize",
                       UintegerValue(RemoteAccessTopology::GetTcpSegmentSize(innerMtu)));

    uint16_t sinkPort = 5001;
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), sinkPort));
    ApplicationContainer sinkApp = sinkHelper.Install(topo.GetServer());
    sinkApp.Get(0)->TraceConnectWithoutContext("Rx", MakeCallback(&InnerRx));
    BulkSendHelper source("ns3::TcpSocketFactory",
                          InetSocketAddress(topo.GetServerAddress(), sinkPort));
    ApplicationContainer sourceApp = source.Install(topo.GetClient());
    sourceApp.Start(Seconds(start));
    sourceApp.Stop(Seconds(start + seconds));
    topo.GetBottleneckDevices().Get(0)->TraceConnectWithoutContext("PhyTxEnd",
                                                                   MakeCallback(&CountWire));
    if (pcap)
    {
        PointToPointHelper().EnablePcapAll("tcp-encap-tcp-tunnel");
    }

    Simulator::Stop(Seconds(start + seconds));
    Simulator::Run();

    uint64_t innerBytes = DynamicCast<PacketSink>(sinkApp.Get(0))->GetTotalRx();
    std::cout << std::fixed << std::setprecision(3);
    auto row = [](const std::string& name, auto value)
    {
        std::cout << std::left << std::setw(36) << name << value << "\n";
    };
    Ptr<TlsEncapTransport> tls = DynamicCast<TlsEncapTransport>(tcp);
    uint16_t usedPort = port ? port : (tls ? 443 : 4500);
    row("mode",
        mode
            + (stream ? " (" + framing + ", port " + std::to_string(usedPort) + ")"
                      : std::string()));
    row("loss", params.lossRate);
    row("inner goodput (Mbit/s)", innerBytes * 8.0 / seconds / 1e6);
    row("inner bytes delivered", innerBytes);
    row("wire bytes per inner byte", innerBytes ? double(g_wireBytes) / innerBytes : 0.0);
    row("first inner byte after start (ms)",
        innerBytes ? (g_firstInnerByte - Seconds(start)).GetSeconds() * 1000 : -1.0);
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
    if (tls)
    {
        TlsCounters c = tls->GetTlsCounters();
        row("TLS records sent / received",
            std::to_string(c.recordsTx) + " / " + std::to_string(c.recordsRx));
        row("TLS overhead bytes sent", c.GetOverheadTx());
        row("  of which handshake", c.handshakeBytesTx);
        row("TLS handshake bytes received", c.handshakeBytesRx);
        row("TLS overhead per inner byte",
            innerBytes ? double(c.GetOverheadTx()) / innerBytes : 0.0);
        row("TLS handshakes / resumptions",
            std::to_string(c.handshakes) + " / " + std::to_string(c.resumptions));
        std::vector<Time> times = tls->GetHandshakeTimes();
        row("first TLS handshake time (ms)", times.empty() ? -1.0 : times[0].GetSeconds() * 1000);
    }
    Simulator::Destroy();
    return 0;
}
