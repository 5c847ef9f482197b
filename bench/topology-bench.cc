/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Topology benchmark: wall time of RemoteAccessTopology::Build() with N clients, of the
// simulator's start (every node's objects initialised), and the peak resident memory of a
// process that does only that, each N in a fresh process (median of the repetitions; the
// largest peak); target: 1000 clients build in under a second.
// Usage: tcp-encap-topology-bench [repetitions] [clients...]   (defaults: 3; 1 10 100 1000 4096)
#include "bench-stats.h"

#include "ns3/remote-access-topology.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

using tcpencapbench::Median;

namespace
{

/** One process's figures. */
struct Figures
{
    double buildMs{0}; //!< Build()
    double startMs{0}; //!< the first Simulator::Run: initialisation of every object
    double rssMb{0};   //!< peak resident set
};

/**
 * \brief The child's work: build, start, report on stdout.
 * \param clients number of clients
 * \return exit status
 */
int
MeasureOnce(uint32_t clients)
{
    using Clock = std::chrono::steady_clock;
    ns3::RemoteAccessTopologyParams params;
    params.clients = clients;
    ns3::RemoteAccessTopology topology(params);
    auto t0 = Clock::now();
    topology.Build();
    auto t1 = Clock::now();
    topology.AssignStreams(1);
    ns3::Simulator::Stop(ns3::Seconds(0));
    ns3::Simulator::Run();
    auto t2 = Clock::now();
    struct rusage usage;
    ::getrusage(RUSAGE_SELF, &usage);
    std::printf("%.3f %.3f %.3f\n",
                std::chrono::duration<double, std::milli>(t1 - t0).count(),
                std::chrono::duration<double, std::milli>(t2 - t1).count(),
                usage.ru_maxrss / 1024.0);
    ns3::Simulator::Destroy();
    return topology.GetClients().GetN() == clients ? 0 : 1;
}

/**
 * \param self this program's path
 * \param clients number of clients
 * \param f the figures of a fresh process that measured them
 * \return whether the process ran and reported
 */
bool
RunChild(const std::string& self, uint32_t clients, Figures& f)
{
    std::string cmd = "'" + self + "' --child " + std::to_string(clients);
    FILE* pipe = ::popen(cmd.c_str(), "r");
    if (!pipe)
    {
        return false;
    }
    int read = std::fscanf(pipe, "%lf %lf %lf", &f.buildMs, &f.startMs, &f.rssMb);
    int status = ::pclose(pipe);
    if (read != 3 || status != 0)
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
    if (argc == 3 && std::strcmp(argv[1], "--child") == 0)
    {
        return MeasureOnce(static_cast<uint32_t>(std::atol(argv[2])));
    }
    int repetitions = argc > 1 ? std::atoi(argv[1]) : 3;
    std::vector<uint32_t> sizes;
    for (int i = 2; i < argc; ++i)
    {
        sizes.push_back(static_cast<uint32_t>(std::atol(argv[i])));
    }
    if (sizes.empty())
    {
        sizes = {1, 10, 100, 1000, 4096};
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
    std::printf("RemoteAccessTopology::Build(), fresh process per run, median of %d\n",
                repetitions);
    std::printf("| clients | Build() ms | start ms | peak RSS MB | RSS per client KB |\n");
    std::printf("|---|---|---|---|---|\n");
    std::fflush(stdout);
    double baseRss = 0;
    double thousandMs = -1;
    for (uint32_t clients : sizes)
    {
        std::vector<double> build;
        std::vector<double> start;
        double rss = 0;
        for (int r = 0; r < repetitions; ++r)
        {
            Figures f;
            if (!RunChild(self, clients, f))
            {
                return 1;
            }
            build.push_back(f.buildMs);
            start.push_back(f.startMs);
            rss = std::max(rss, f.rssMb);
        }
        if (clients == sizes.front())
        {
            baseRss = rss;
        }
        std::string perClient = "";
        if (clients > sizes.front())
        {
            perClient = std::to_string(
                static_cast<int>((rss - baseRss) * 1024 / (clients - sizes.front()) + 0.5));
        }
        std::printf("| %u | %.2f | %.2f | %.1f | %s |\n",
                    clients,
                    Median(build),
                    Median(start),
                    rss,
                    perClient.c_str());
        std::fflush(stdout);
        if (clients == 1000)
        {
            thousandMs = Median(build);
        }
    }
    if (thousandMs >= 0)
    {
        std::printf("1000 clients: Build() %.0f ms (target under 1000 ms: %s)\n",
                    thousandMs,
                    thousandMs < 1000 ? "meets" : "misses");
    }
    return 0;
}
