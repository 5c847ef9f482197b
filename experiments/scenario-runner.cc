/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-runner.h"

#include "csv.h"
#include "flow-series.h"
#include "scenario.h"

#include "ns3/core-module.h"
#include "ns3/network-module.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <stdexcept>
#include <sys/resource.h>

using namespace ns3;

namespace tcpencap
{

namespace
{

/** Counts IP bytes the router sends on the bottleneck in the measured period. */
struct WireCounter
{
    Time from;         //!< warm-up end
    Time to;           //!< measured period end
    uint64_t bytes{0}; //!< IP bytes (PPP header removed)

    /** \param p a packet leaving the router on the bottleneck */
    void
    Count(Ptr<const Packet> p)
    {
        Time now = Simulator::Now();
        if (now >= from && now <= to)
        {
            bytes += p->GetSize() - 2;
        }
    }
};

/** Counts the IP packets the server receives. */
struct PacketCounter
{
    uint64_t packets{0}; //!< so far

    /** \param p a packet the server's device passed up */
    void
    Count(Ptr<const Packet> /* p */)
    {
        ++packets;
    }
};

/** \return the process's peak resident set size, MB */
double
PeakRssMb()
{
    struct rusage usage
    {
    };
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0; // Linux: KiB
}

std::string
FixedText(double v, int digits)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(digits) << v;
    return os.str();
}

} // namespace

std::string
ClientsCsv(const std::vector<ClientSummary>& clients)
{
    std::string csv = CsvLine({"client",
                               "mode",
                               "inner_address",
                               "goodput_mbps",
                               "bytes",
                               "rtt_p50_ms",
                               "rtt_mean_ms",
                               "stalls",
                               "ike_handshake_ms"})
                      + "\n";
    for (const ClientSummary& c : clients)
    {
        std::ostringstream address;
        address << c.address;
        std::string p50;
        std::string mean;
        if (!c.rttMs.empty())
        {
            // nearest rank, as the run's rtt_p50_ms
            auto rank = static_cast<std::size_t>(std::ceil(0.5 * c.rttMs.size()));
            p50 = FixedText(c.rttMs[rank == 0 ? 0 : rank - 1], 3);
            double sum = 0;
            for (double x : c.rttMs)
            {
                sum += x;
            }
            mean = FixedText(sum / c.rttMs.size(), 3);
        }
        csv += CsvLine({std::to_string(c.id),
                        c.mode,
                        address.str(),
                        FixedText(c.goodputMbps, 4),
                        std::to_string(c.bytes),
                        p50,
                        mean,
                        std::to_string(c.stalls),
                        c.ikeHandshakeMs < 0 ? "" : FixedText(c.ikeHandshakeMs, 3)})
               + "\n";
    }
    return csv;
}

Columns
RunScenario(const RunParams& p, const RunOutputs& outputs)
{
    RngSeedManager::SetSeed(p.Count("seed"));
    RngSeedManager::SetRun(p.Count("run"));
    ScenarioTopology topology = BuildTopology(p);
    ScenarioTunnel tunnel = InstallTunnel(p, topology);
    auto wallStart = std::chrono::steady_clock::now();
    ScenarioClock clock = RunIkeSetup(p, tunnel);
    ScenarioTraffic traffic = InstallTraffic(p, topology, tunnel, clock);
    ScheduleImpairments(p, topology, clock);
    WireCounter wire{clock.warmupEnd, clock.end};
    topology.topo->GetBottleneckDevices().Get(0)->TraceConnectWithoutContext(
        "PhyTxEnd", MakeCallback(&WireCounter::Count, &wire));
    std::unique_ptr<FlowSeriesRecorder> series;
    if (!outputs.seriesFile.empty())
    {
        series = std::make_unique<FlowSeriesRecorder>(traffic.delivery.get(),
                                                      traffic.sources,
                                                      clock.start,
                                                      outputs.seriesInterval,
                                                      clock.end);
        series->Start();
    }

    // Inner packets delivered: what the server's only device (on the LAN) passes up.
    PacketCounter delivered;
    topology.topo->GetAllDevices().Get(5)->TraceConnectWithoutContext(
        "MacRx", MakeCallback(&PacketCounter::Count, &delivered));
    const uint64_t setupEvents = Simulator::GetEventCount();
    auto trafficStart = std::chrono::steady_clock::now();

    Simulator::Stop(clock.end - clock.origin);
    Simulator::Run();
    auto trafficEnd = std::chrono::steady_clock::now();
    if (series)
    {
        series->Finish();
    }

    ScenarioOutcome outcome{p, topology, tunnel, clock, traffic};
    outcome.wallSeconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    outcome.inner = SummarizeInnerTcp(traffic);
    outcome.wireBytes = wire.bytes;
    outcome.events = Simulator::GetEventCount();
    outcome.innerPackets = delivered.packets;
    outcome.trafficEvents = outcome.events - setupEvents;
    outcome.trafficWallSeconds = std::chrono::duration<double>(trafficEnd - trafficStart).count();
    outcome.peakRssMb = PeakRssMb();
    outcome.clients = SummarizeClients(outcome);
    Columns c;
    for (const Metric& m : Metrics())
    {
        c.emplace_back(m.name, m.collect(outcome));
    }
    Simulator::Destroy();
    if (!outputs.clientsFile.empty())
    {
        std::string error;
        if (!WriteFileAtomically(outputs.clientsFile, ClientsCsv(outcome.clients), error))
        {
            throw std::runtime_error(error);
        }
    }
    if (series)
    {
        std::string error;
        if (!WriteFileAtomically(outputs.seriesFile, series->ToCsv(), error))
        {
            throw std::runtime_error(error);
        }
    }
    return c;
}

} // namespace tcpencap
