/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Choosing a transport when UDP may be blocked: the client's IKE session starts on UDP and
// falls back to ESP-in-TCP (or TLS) by one of the policies of RFC 9329 §5.1's discussion, or
// uses one transport only. A firewall in the router blocks UDP (or IKE's UDP ports, or all but
// TCP 443) from the start. Prints when the IKE SA came up, over which transport, and when the
// first inner packet of a small constant-rate UDP flow (started at 0) reached the server.
//
//   client --access-- router (firewall) --bottleneck-- gateway --LAN-- server
//
// Try: tcp-encap-fallback --policy=sequential
//      tcp-encap-fallback --policy=sequential --fallbackDelay=60s     (libreswan's wait)
//      tcp-encap-fallback --policy=race
//      tcp-encap-fallback --policy=cached          (two runs: the second starts on TCP)
//      tcp-encap-fallback --policy=sequential --block=none
//      tcp-encap-fallback --policy=race --block=all-but-443 --stream=tls
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
Time g_firstInner = Time::Max(); //!< first inner packet at the server

void
InnerRx(Ptr<const Packet> /* p */, const Address& /* from */)
{
    if (g_firstInner == Time::Max())
    {
        g_firstInner = Simulator::Now();
    }
}

/** What one run found. */
struct Outcome
{
    IkeSession::State state;
    Time established;
    bool onStream;
    uint64_t fallbacks;
    Time firstInner;
};

/** Options of a run. */
struct Options
{
    std::string policy{"sequential"};
    std::string block{"udp"};
    std::string stream{"tcp"};
    Time fallbackDelay{0};
    Time raceHeadStart{MilliSeconds(250)};
    Time delay{MilliSeconds(25)};
    double seconds{90};
};

Outcome
RunOnce(const Options& o, Ptr<IkeTransportMemory> memory)
{
    g_firstInner = Time::Max();
    RemoteAccessTopologyParams params;
    params.bottleneckDelay = o.delay;
    RemoteAccessTopology topo(params);
    topo.Build();
    topo.AssignStreams(1);

    Ptr<PacketFirewall> firewall = CreateObject<PacketFirewall>();
    firewall->Install(topo.GetRouter());
    if (o.block == "udp")
    {
        firewall->SetPolicy(PacketFirewall::DROP_UDP);
    }
    else if (o.block == "ike-udp")
    {
        firewall->SetPolicy(PacketFirewall::DROP_IKE_UDP);
    }
    else if (o.block == "all-but-443")
    {
        firewall->SetPolicy(PacketFirewall::ONLY_TCP_443);
    }
    else
    {
        NS_ABORT_MSG_IF(o.block != "none", "--block: none, udp, ike-udp or all-but-443");
    }

    IpsecTunnelHelper helper;
    helper.AssignStreams(100);
    NS_ABORT_MSG_IF(o.stream != "tcp" && o.stream != "tls", "--stream: tcp or tls");
    std::string streamType
        = o.stream == "tls" ? "ns3::TlsEncapTransport" : "ns3::TcpEncapTransport";
    if (o.policy == "udp-only")
    {
        helper.SetTransportType("ns3::UdpEncapTransport");
    }
    else if (o.policy == "tcp-only" || o.policy == "tls-only")
    {
        helper.SetTransportType(o.policy == "tls-only" ? "ns3::TlsEncapTransport"
                                                       : "ns3::TcpEncapTransport");
    }
    else
    {
        helper.SetTransportType(streamType);
        IkeSession::FallbackPolicy p = IkeSession::SEQUENTIAL;
        if (o.policy == "race")
        {
            p = IkeSession::RACE;
        }
        else if (o.policy == "cached")
        {
            p = IkeSession::CACHED;
            helper.SetTransportMemory(memory);
        }
        else
        {
            NS_ABORT_MSG_IF(o.policy != "sequential",
                            "--policy: udp-only, tcp-only, tls-only, sequential, race, cached");
        }
        helper.SetFallback(p);
        helper.SetIkeAttribute("FallbackDelay", TimeValue(o.fallbackDelay));
        helper.SetIkeAttribute("RaceHeadStart", TimeValue(o.raceHeadStart));
    }
    IpsecTunnel tunnel = helper.Install(topo.GetClient(),
                                        topo.GetClientAddress(),
                                        topo.GetGateway(),
                                        topo.GetGatewayAddress(),
                                        topo.GetProtectedNetwork(),
                                        topo.GetProtectedMask());

    // A small inner flow from the start: 100 packets per second of 100 bytes.
    PacketSinkHelper sinkHelper("ns3::UdpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 9000));
    ApplicationContainer sinks = sinkHelper.Install(topo.GetServer());
    sinks.Get(0)->TraceConnectWithoutContext("Rx", MakeCallback(&InnerRx));
    OnOffHelper source("ns3::UdpSocketFactory", InetSocketAddress(topo.GetServerAddress(), 9000));
    source.SetConstantRate(DataRate("80kbps"), 100);
    source.Install(topo.GetClient()).Start(Seconds(0));

    Simulator::Stop(Seconds(o.seconds));
    Simulator::Run();
    Ptr<IkeSession> ike = tunnel.client->GetIkeSession();
    Outcome r{ike->GetState(),
              ike->GetHandshakeTime(),
              ike->IsOnStream(),
              ike->GetFallbacks(),
              g_firstInner};
    Simulator::Destroy();
    return r;
}

void
Print(const std::string& label, const Outcome& r)
{
    std::cout << std::left << std::setw(34) << label << ToString(r.state);
    if (r.state == IkeSession::ESTABLISHED)
    {
        std::cout << " in " << std::fixed << std::setprecision(3) << r.established.GetSeconds()
                  << " s over " << (r.onStream ? "the stream" : "UDP") << ", fallbacks "
                  << r.fallbacks;
    }
    std::cout << "; first inner packet at "
              << (r.firstInner == Time::Max() ? std::string("never")
                                              : std::to_string(r.firstInner.GetSeconds()) + " s")
              << "\n";
}
} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    CommandLine cmd(__FILE__);
    cmd.AddValue("policy", "udp-only, tcp-only, tls-only, sequential, race or cached", o.policy);
    cmd.AddValue(
        "block", "what the router's firewall drops: none, udp, ike-udp, all-but-443", o.block);
    cmd.AddValue("stream", "the fallback transport: tcp or tls", o.stream);
    cmd.AddValue("fallbackDelay",
                 "sequential: time before trying the stream (0: after one unanswered "
                 "retransmission)",
                 o.fallbackDelay);
    cmd.AddValue("raceHeadStart", "race: UDP's head start", o.raceHeadStart);
    cmd.AddValue("delay", "bottleneck one-way delay (25ms: RTT about 50 ms)", o.delay);
    cmd.AddValue("time", "simulated seconds", o.seconds);
    cmd.Parse(argc, argv);

    Ptr<IkeTransportMemory> memory = Create<IkeTransportMemory>();
    std::cout << "policy " << o.policy << ", blocked: " << o.block << "\n";
    Print("client IKE SA:", RunOnce(o, memory));
    if (o.policy == "cached")
    {
        Print("again, with what was learnt:", RunOnce(o, memory));
    }
    return 0;
}
