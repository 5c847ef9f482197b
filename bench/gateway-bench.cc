/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Gateway benchmark: what a gateway with N clients (IpsecGateway, ESP-in-UDP) costs the
// simulator, against the same N clients without a tunnel. Each (N, mode) runs in a fresh
// process: N clients on their own access links, one bottleneck (100 Mbit/s), a gateway; every
// client comes up (IKE), then all clients together send a fixed total load of inner UDP
// (2,500 packets of 1,000 bytes per second in all, for 20 s) to the server. Reported: the
// traffic phase's wall time per delivered inner packet and events per packet, for the tunnel
// and the plain run, the tunnel's extra cost per packet (the difference: what the gateway and
// the clients' IPsec add, the router's per-client forwarding cost cancelled), and the peak
// resident memory once every tunnel is up and idle, per tunnel against the plain run.
// Target (issue 16): the tunnel's cost per packet at 1,000 clients within 1.3x of 1 client.
// Usage: tcp-encap-gateway-bench [repetitions] [clients...]   (defaults: 3; 1 10 100 1000)
#include "bench-stats.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/tcp-encap-module.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

using namespace ns3;

using tcpencapbench::Median;

namespace
{

/** One process's figures. */
struct Figures
{
    double usPerPacket{0};     //!< wall time of the traffic phase per delivered packet
    double eventsPerPacket{0}; //!< simulator events of the traffic phase per packet
    double idleRssMb{0};       //!< peak RSS once every tunnel is up, before the traffic
    double delivered{0};       //!< inner packets delivered
};

/** \return the peak resident set so far, MB */
double
PeakRssMb()
{
    struct rusage usage;
    ::getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0;
}

/**
 * \brief The child's work: one simulation, figures on stdout.
 * \param clients number of clients
 * \param tunnel whether through the gateway (else plain)
 * \return exit status
 */
int
MeasureOnce(uint32_t clients, bool tunnel)
{
    using Clock = std::chrono::steady_clock;
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    RemoteAccessTopologyParams params;
    params.clients = clients;
    params.bottleneckRate = DataRate("100Mbps");
    params.queuePackets = 1000;
    RemoteAccessTopology topology(params);
    topology.Build();
    topology.AssignStreams(1);
    Ptr<IpsecGateway> gateway;
    uint32_t payload = 1000;
    if (tunnel)
    {
        IpsecTunnelHelper helper;
        helper.AssignStreams(100);
        helper.SetInnerNetwork(Ipv4Address("10.8.0.0"), Ipv4Mask("255.255.0.0"));
        helper.SetIkeAttribute("LivenessInterval", TimeValue(Seconds(0)));
        gateway = helper.InstallGateway(topology.GetGateway(),
                                        topology.GetProtectedNetwork(),
                                        topology.GetProtectedMask(),
                                        {true, false, false});
        for (uint32_t i = 0; i < clients; ++i)
        {
            helper.InstallClient(topology.GetClient(i), gateway, topology.GetGatewayAddress(), i);
        }
    }
    // The IKE phase: every client up (the plain run idles as long).
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    if (tunnel && gateway->GetEstablishedCount() != clients)
    {
        std::fprintf(
            stderr, "bench: %u of %u clients up\n", gateway->GetEstablishedCount(), clients);
        return 1;
    }
    double idleRss = PeakRssMb();
    // The traffic phase: 2,500 packets per second in all, spread over the clients.
    const double total = 2500;
    const Time duration = Seconds(20);
    PacketSinkHelper sinkHelper("ns3::UdpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 9));
    ApplicationContainer sinkApp = sinkHelper.Install(topology.GetServer());
    Ptr<PacketSink> sink = DynamicCast<PacketSink>(sinkApp.Get(0));
    UdpClientHelper source(topology.GetServerAddress(), 9);
    source.SetAttribute("MaxPackets", UintegerValue(0));
    source.SetAttribute("Interval", TimeValue(Seconds(clients / total)));
    source.SetAttribute("PacketSize", UintegerValue(payload));
    for (uint32_t i = 0; i < clients; ++i)
    {
        ApplicationContainer app = source.Install(topology.GetClient(i));
        // Spread over the first interval so that the clients do not send in bursts.
        app.Start(Seconds(clients / total) * i / clients);
        app.Stop(duration);
    }
    uint64_t eventsBefore = Simulator::GetEventCount();
    auto t0 = Clock::now();
    Simulator::Stop(duration + Seconds(1));
    Simulator::Run();
    auto t1 = Clock::now();
    double packets = static_cast<double>(sink->GetTotalRx()) / payload;
    double us = std::chrono::duration<double, std::micro>(t1 - t0).count();
    std::printf("%.4f %.3f %.3f %.0f\n",
                packets > 0 ? us / packets : 0,
                packets > 0 ? (Simulator::GetEventCount() - eventsBefore) / packets : 0,
                idleRss,
                packets);
    Simulator::Destroy();
    return packets > 0 ? 0 : 1;
}

/**
 * \param self this program's path
 * \param clients number of clients
 * \param tunnel through the gateway
 * \param f the figures of a fresh process
 * \return whether it ran and reported
 */
bool
RunChild(const std::string& self, uint32_t clients, bool tunnel, Figures& f)
{
    std::string cmd = "'" + self + "' --child " + std::to_string(clients) + (tunnel ? " 1" : " 0");
    FILE* pipe = ::popen(cmd.c_str(), "r");
    if (!pipe)
    {
        return false;
    }
    int read = std::fscanf(
        pipe, "%lf %lf %lf %lf", &f.usPerPacket, &f.eventsPerPacket, &f.idleRssMb, &f.delivered);
    int status = ::pclose(pipe);
    if (read != 4 || status != 0)
    {
        std::fprintf(stderr, "bench: failed: %s\n", cmd.c_str());
        return false;
    }
    return true;
}

} // namespace

int
main(int argc, char** argv)
{
    if (argc == 4 && std::strcmp(argv[1], "--child") == 0)
    {
        return MeasureOnce(static_cast<uint32_t>(std::atol(argv[2])), std::atoi(argv[3]) != 0);
    }
    int repetitions = argc > 1 ? std::atoi(argv[1]) : 3;
    std::vector<uint32_t> sizes;
    for (int i = 2; i < argc; ++i)
    {
        sizes.push_back(static_cast<uint32_t>(std::atol(argv[i])));
    }
    if (sizes.empty())
    {
        sizes = {1, 10, 100, 1000};
    }
    if (repetitions < 1 || std::count(sizes.begin(), sizes.end(), 0U) > 0)
    {
        std::fprintf(stderr, "usage: %s [repetitions >= 1] [clients >= 1 ...]\n", argv[0]);
        return 2;
    }
    char self[4096] = {};
    if (::readlink("/proc/self/exe", self, sizeof(self) - 1) <= 0)
    {
        std::fprintf(stderr, "bench: cannot find this program's path\n");
        return 1;
    }
    std::printf("IpsecGateway with N ESP-in-UDP clients vs the same N clients plain; 2,500 inner "
                "packets/s in all for 20 s; fresh process per run, median of %d\n",
                repetitions);
    std::printf("| clients | packets | plain us/pkt | tunnel us/pkt | tunnel extra us/pkt | "
                "events/pkt plain | events/pkt tunnel | idle RSS plain MB | idle RSS tunnel MB "
                "| KB per idle tunnel |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|\n");
    std::fflush(stdout);
    double firstExtra = -1;
    double lastExtra = -1;
    for (uint32_t clients : sizes)
    {
        std::vector<double> plainUs;
        std::vector<double> tunnelUs;
        Figures plain;
        Figures tun;
        for (int r = 0; r < repetitions; ++r)
        {
            if (!RunChild(self, clients, false, plain) || !RunChild(self, clients, true, tun))
            {
                return 1;
            }
            plainUs.push_back(plain.usPerPacket);
            tunnelUs.push_back(tun.usPerPacket);
        }
        double extra = Median(tunnelUs) - Median(plainUs);
        if (firstExtra < 0)
        {
            firstExtra = extra;
        }
        lastExtra = extra;
        std::printf("| %u | %.0f | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f | %.1f | %.1f |\n",
                    clients,
                    tun.delivered,
                    Median(plainUs),
                    Median(tunnelUs),
                    extra,
                    plain.eventsPerPacket,
                    tun.eventsPerPacket,
                    plain.idleRssMb,
                    tun.idleRssMb,
                    (tun.idleRssMb - plain.idleRssMb) * 1024 / clients);
        std::fflush(stdout);
    }
    if (sizes.size() > 1 && firstExtra > 0)
    {
        double ratio = lastExtra / firstExtra;
        std::printf("tunnel's extra cost per packet at %u clients: %.2fx that at %u (target "
                    "within 1.3x: %s)\n",
                    sizes.back(),
                    ratio,
                    sizes.front(),
                    ratio <= 1.3 ? "meets" : "misses");
    }
    return 0;
}
