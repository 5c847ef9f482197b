/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "flow-series.h"

#include "ns3/simulator.h"

#include <cstdio>

using namespace ns3;

namespace tcpencap
{

FlowSeriesRecorder::FlowSeriesRecorder(const DeliveryStats* delivery,
                                       std::vector<Ptr<BulkSource>> sources,
                                       Time origin,
                                       Time interval,
                                       Time end)
    : m_delivery(delivery)
    , m_sources(std::move(sources))
    , m_origin(origin)
    , m_interval(interval)
    , m_end(end)
    , m_lastBytes(m_sources.size(), 0)
    , m_lastRtt(m_sources.size(), 0)
    , m_lastSample(origin)
{
}

void
FlowSeriesRecorder::Start()
{
    Simulator::Schedule(
        m_origin + m_interval - Simulator::Now(), &FlowSeriesRecorder::Sample, this, true);
}

void
FlowSeriesRecorder::Finish()
{
    if (Simulator::Now() > m_lastSample)
    {
        Sample(false);
    }
}

void
FlowSeriesRecorder::Sample(bool next)
{
    Time now = Simulator::Now();
    double seconds = (now - m_lastSample).GetSeconds(); // the last one may be shorter
    m_lastSample = now;
    for (std::size_t f = 0; f < m_sources.size(); ++f)
    {
        uint64_t bytes = m_delivery->GetDelivered(static_cast<uint32_t>(f));
        double mbps = (bytes - m_lastBytes[f]) * 8.0 / seconds / 1e6;
        m_lastBytes[f] = bytes;
        double rttSum = 0;
        std::size_t n = 0;
        if (Ptr<TcpSocketStats> stats = m_sources[f]->GetStats())
        {
            const std::vector<Time>& rtt = stats->GetRttSamples();
            for (std::size_t i = m_lastRtt[f]; i < rtt.size(); ++i, ++n)
            {
                rttSum += rtt[i].GetSeconds() * 1000;
            }
            m_lastRtt[f] = rtt.size();
        }
        char row[128];
        if (n > 0)
        {
            std::snprintf(row,
                          sizeof(row),
                          "%.3f,%zu,%.4f,%.3f\n",
                          (now - m_origin).GetSeconds(),
                          f,
                          mbps,
                          rttSum / n);
        }
        else
        {
            std::snprintf(
                row, sizeof(row), "%.3f,%zu,%.4f,\n", (now - m_origin).GetSeconds(), f, mbps);
        }
        m_rows += row;
    }
    // the one at the end is taken by Finish: the simulation stops before events at its end
    if (next && now + m_interval < m_end)
    {
        Simulator::Schedule(m_interval, &FlowSeriesRecorder::Sample, this, true);
    }
}

std::string
FlowSeriesRecorder::ToCsv() const
{
    return "time_s,flow,goodput_mbps,rtt_ms\n" + m_rows;
}

} // namespace tcpencap
