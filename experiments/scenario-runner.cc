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

} // namespace

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

    Simulator::Stop(clock.end - clock.origin);
    Simulator::Run();
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
    Columns c;
    for (const Metric& m : Metrics())
    {
        c.emplace_back(m.name, m.collect(outcome));
    }
    Simulator::Destroy();
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
