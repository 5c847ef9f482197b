/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The scenario's metrics: one row each. A new metric is one row here; the result row, the
// summary, the figures' labels and the default figures follow from it.
#include "metric.h"
#include "scenario-runner.h"
#include "scenario.h"

#include "ns3/tcp-encap-module.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

using namespace ns3;

namespace tcpencap
{

namespace
{

std::string
Fixed(double v, int digits)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(digits) << v;
    return os.str();
}

/** \param sorted samples in ascending order \param q quantile in [0, 1] \return nearest rank */
double
Quantile(const std::vector<double>& sorted, double q)
{
    if (sorted.empty())
    {
        return 0;
    }
    auto rank = static_cast<std::size_t>(std::ceil(q * sorted.size()));
    return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
}

double
Mean(const std::vector<double>& v)
{
    double sum = 0;
    for (double x : v)
    {
        sum += x;
    }
    return v.empty() ? 0.0 : sum / v.size();
}

template<typename T>
std::vector<double>
Sorted(T v)
{
    std::vector<double> s(v.begin(), v.end());
    std::sort(s.begin(), s.end());
    return s;
}

// Which traffic a metric is about: empty when the run has none of it.
bool
Bulk(const ScenarioOutcome& o)
{
    return o.params.Count("flows") > 0;
}

Ptr<TcpEncapTransport>
Stream(const ScenarioOutcome& o)
{
    return o.tunnel.tcp;
}

bool
IkeUp(const ScenarioOutcome& o)
{
    return o.tunnel.ike && o.tunnel.ike->GetState() == IkeSession::ESTABLISHED;
}

/** \param o outcome \param f flow \return its goodput in the measured period, Mbit/s */
double
FlowGoodput(const ScenarioOutcome& o, uint32_t f)
{
    return o.traffic.delivery->GetBytes(f) * 8.0 / o.MeasuredSeconds() / 1e6;
}

/** \param o outcome \return per flow goodput, Mbit/s */
std::vector<double>
FlowGoodputs(const ScenarioOutcome& o)
{
    std::vector<double> g;
    for (uint32_t f = 0; f < o.params.Count("flows"); ++f)
    {
        g.push_back(FlowGoodput(o, f));
    }
    return g;
}

/** \param o outcome \param column one of the StallColumns \return its value */
std::string
Stall(const ScenarioOutcome& o, const std::string& column)
{
    if (!Bulk(o))
    {
        return "";
    }
    for (const auto& [name, value] : StallColumns(*o.traffic.delivery))
    {
        if (name == column)
        {
            return value;
        }
    }
    return "";
}

/** \param o outcome \param bytes a milestone \return ms from the traffic's start to it */
std::string
TimeTo(const ScenarioOutcome& o, uint64_t bytes)
{
    Time t = o.traffic.delivery->GetMilestoneTime(bytes);
    return Bulk(o) && !t.IsStrictlyNegative() ? Fixed((t - o.clock.start).GetSeconds() * 1000, 3)
                                              : "";
}

std::vector<double>
CbrDelays(const ScenarioOutcome& o)
{
    return Sorted(o.traffic.cbrReceiver->GetDelaysMs());
}

std::vector<double>
RrTimes(const ScenarioOutcome& o)
{
    return Sorted(o.traffic.rrClient->GetTimesMs());
}

using K = MetricKind;

} // namespace

Columns
StallColumns(const DeliveryStats& delivery)
{
    std::vector<double> ms;
    for (const Time& t : delivery.GetStallLengths())
    {
        ms.push_back(t.GetSeconds() * 1000);
    }
    std::string list;
    for (double x : ms) // in the order they happened
    {
        list += (list.empty() ? "" : " ") + Fixed(x, 1);
    }
    std::sort(ms.begin(), ms.end());
    auto quantile = [&ms](double q)
    {
        return ms.empty() ? std::string() : Fixed(Quantile(ms, q), 3);
    };
    return {{"stall_p50_ms", quantile(0.50)},
            {"stall_p90_ms", quantile(0.90)},
            {"stall_max_ms", quantile(1.0)},
            {"stall_lengths_ms", list}};
}

std::string
Metric::AxisLabel() const
{
    return unit.empty() ? label : label + " (" + unit + ")";
}

const std::vector<Metric>&
Metrics()
{
    static const std::vector<Metric> table = {
        {.name = "goodput_mbps",
         .label = "Inner goodput",
         .unit = "Mbit/s",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return Bulk(o) ? Fixed(
                        o.traffic.delivery->GetTotalBytes() * 8.0 / o.MeasuredSeconds() / 1e6, 4)
                            : "";
         },
         .plotByDefault = true,
         .logScale = true},
        {.name = "flow_goodput_min_mbps",
         .label = "Slowest flow's goodput",
         .unit = "Mbit/s",
         .kind = K::SCALAR,
         .spread = MetricSpread::RANGE,
         .collect =
             [](const ScenarioOutcome& o)
         {
             auto g = FlowGoodputs(o);
             return Bulk(o) ? Fixed(*std::min_element(g.begin(), g.end()), 4) : "";
         },
         .logScale = true},
        {.name = "flow_goodput_max_mbps",
         .label = "Fastest flow's goodput",
         .unit = "Mbit/s",
         .kind = K::SCALAR,
         .spread = MetricSpread::RANGE,
         .collect =
             [](const ScenarioOutcome& o)
         {
             auto g = FlowGoodputs(o);
             return Bulk(o) ? Fixed(*std::max_element(g.begin(), g.end()), 4) : "";
         },
         .logScale = true},
        {.name = "flow_fairness",
         .label = "Jain's fairness index over the bulk flows",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             double sum = 0;
             double squares = 0;
             for (double g : FlowGoodputs(o))
             {
                 sum += g;
                 squares += g * g;
             }
             // (sum x)^2 / (n sum x^2): 1 when all flows get the same, 1/n when one gets all
             return Bulk(o) && squares > 0
                        ? Fixed(sum * sum / (o.params.Count("flows") * squares), 4)
                        : "";
         }},
        {.name = "inner_retx",
         .label = "Inner retransmissions",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return std::to_string(o.inner.retransmissions);
         }},
        {.name = "inner_spurious_retx",
         .label = "Inner spurious retransmissions",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return std::to_string(o.inner.spurious);
         },
         .plotByDefault = true},
        {.name = "inner_rto",
         .label = "Inner retransmission timeouts",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return std::to_string(o.inner.timeouts);
         }},
        {.name = "outer_retx",
         .label = "Outer retransmissions",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return Stream(o) ? std::to_string(Stream(o)->GetOuterRetransmissions()) : "";
         },
         .plotByDefault = true},
        {.name = "outer_rto",
         .label = "Outer retransmission timeouts",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return Stream(o) ? std::to_string(Stream(o)->GetOuterTimeouts()) : "";
         }},
        {.name = "rtt_mean_ms",
         .label = "Inner RTT, mean",
         .unit = "ms",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return Fixed(Mean(o.inner.rttMs), 3);
         }},
        {.name = "inner_rto_ms",
         .label = "Inner retransmission timeout, mean",
         .unit = "ms",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return o.inner.rttMs.empty() ? "" : Fixed(o.inner.meanRtoMs, 3);
         }},
        {.name = "rtt_p50_ms",
         .label = "Inner RTT, median",
         .unit = "ms",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return Fixed(Quantile(o.inner.rttMs, 0.50), 3);
         }},
        {.name = "rtt_p95_ms",
         .label = "Inner RTT, 95th percentile",
         .unit = "ms",
         .kind = K::SCALAR,
         .spread = MetricSpread::RANGE,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return Fixed(Quantile(o.inner.rttMs, 0.95), 3);
         },
         .plotByDefault = true},
        {.name = "rtt_p99_ms",
         .label = "Inner RTT, 99th percentile",
         .unit = "ms",
         .kind = K::SCALAR,
         .spread = MetricSpread::RANGE,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return Fixed(Quantile(o.inner.rttMs, 0.99), 3);
         }},
        {.name = "max_gap_ms",
         .label = "Largest delivery gap",
         .unit = "ms",
         .kind = K::SCALAR,
         .spread = MetricSpread::RANGE,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return Bulk(o) ? Fixed(o.traffic.delivery->GetMaxGap().GetSeconds() * 1000, 3) : "";
         },
         .plotByDefault = true,
         .logScale = true},
        {.name = "stalls_2rtt",
         .label = "Stalls longer than 2 RTT",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return Bulk(o) ? std::to_string(o.traffic.delivery->GetStalls()) : "";
         }},
        {.name = "stall_p50_ms",
         .label = "Stall length, median",
         .unit = "ms",
         .kind = K::SCALAR,
         .spread = MetricSpread::RANGE,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return Stall(o, "stall_p50_ms");
         }},
        {.name = "stall_p90_ms",
         .label = "Stall length, 90th percentile",
         .unit = "ms",
         .kind = K::SCALAR,
         .spread = MetricSpread::RANGE,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return Stall(o, "stall_p90_ms");
         }},
        {.name = "stall_max_ms",
         .label = "Longest stall",
         .unit = "ms",
         .kind = K::SCALAR,
         .spread = MetricSpread::RANGE,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return Stall(o, "stall_max_ms");
         }},
        {.name = "stall_lengths_ms",
         .label = "Stall length",
         .unit = "ms",
         .kind = K::LIST,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return Stall(o, "stall_lengths_ms");
         }},
        {.name = "per_rtt_cv",
         .label = "Delivery per RTT, coefficient of variation",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return Bulk(o) ? Fixed(o.traffic.delivery->GetPerIntervalCv(), 4) : "";
         },
         .plotByDefault = true},
        // Only meaningful when bulk flows are the only inner traffic.
        {.name = "wire_per_inner_byte",
         .label = "Bottleneck bytes per inner byte",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             uint64_t inner = o.traffic.delivery->GetTotalBytes();
             return inner && !o.traffic.cbrReceiver && !o.traffic.rrClient
                        ? Fixed(double(o.wireBytes) / inner, 4)
                        : "";
         },
         .plotByDefault = true},
        {.name = "inner_mss",
         .label = "Inner MSS",
         .unit = "bytes",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return std::to_string(o.traffic.mss);
         }},
        {.name = "cbr_loss",
         .label = "CBR loss",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return o.traffic.cbrReceiver ? Fixed(o.traffic.cbrReceiver->GetLoss(), 5) : "";
         }},
        {.name = "cbr_delay_mean_ms",
         .label = "CBR one-way delay, mean",
         .unit = "ms",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return o.traffic.cbrReceiver ? Fixed(Mean(CbrDelays(o)), 3) : "";
         }},
        {.name = "cbr_delay_p95_ms",
         .label = "CBR one-way delay, 95th percentile",
         .unit = "ms",
         .kind = K::SCALAR,
         .spread = MetricSpread::RANGE,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return o.traffic.cbrReceiver ? Fixed(Quantile(CbrDelays(o), 0.95), 3) : "";
         }},
        {.name = "cbr_jitter_ms",
         .label = "CBR jitter",
         .unit = "ms",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return o.traffic.cbrReceiver ? Fixed(o.traffic.cbrReceiver->GetJitterMs(), 3) : "";
         }},
        {.name = "rr_completed",
         .label = "Requests completed",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return o.traffic.rrClient ? std::to_string(RrTimes(o).size()) : "";
         }},
        // No completed request: no time to report (not zero).
        {.name = "rr_time_mean_ms",
         .label = "Request completion time, mean",
         .unit = "ms",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return o.traffic.rrClient && !RrTimes(o).empty() ? Fixed(Mean(RrTimes(o)), 3) : "";
         }},
        {.name = "rr_time_p95_ms",
         .label = "Request completion time, 95th percentile",
         .unit = "ms",
         .kind = K::SCALAR,
         .spread = MetricSpread::RANGE,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return o.traffic.rrClient && !RrTimes(o).empty() ? Fixed(Quantile(RrTimes(o), 0.95), 3)
                                                              : "";
         }},
        {.name = "fifo_drops",
         .label = "Bottleneck queue drops",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             // the router's queue disc on the bottleneck
             return std::to_string(
                 o.topology.topo->GetQueueDiscs().Get(2)->GetStats().nTotalDroppedPackets);
         }},
        {.name = "tunnel_queue_drops",
         .label = "Tunnel queue drops",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return Stream(o) ? std::to_string(Stream(o)->GetQueueDrops()) : "";
         }},
        {.name = "esp_sealed",
         .label = "ESP packets sealed",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             Ptr<IpsecEndpoint> client = o.tunnel.tunnel.client;
             return client ? std::to_string(client->GetTxCounters().Get(EspStatus::OK)) : "";
         }},
        {.name = "reconnects",
         .label = "Outer reconnections",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return Stream(o) ? std::to_string(Stream(o)->GetReconnects()) : "";
         }},
        {.name = "tls_handshake_ms",
         .label = "TLS handshake",
         .unit = "ms",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             Ptr<TlsEncapTransport> tls = o.tunnel.tls;
             return tls && !tls->GetHandshakeTimes().empty()
                        ? Fixed(tls->GetHandshakeTimes().front().GetSeconds() * 1000, 3)
                        : "";
         }},
        {.name = "ike_handshake_ms",
         .label = "IKE handshake",
         .unit = "ms",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return IkeUp(o) ? Fixed(o.tunnel.ike->GetHandshakeTime().GetSeconds() * 1000, 3) : "";
         }},
        {.name = "ike_bytes",
         .label = "IKE handshake bytes",
         .unit = "bytes",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return o.tunnel.ike ? std::to_string(o.tunnel.ike->GetHandshakeBytes()) : "";
         }},
        {.name = "ike_transport",
         .label = "IKE transport",
         .kind = K::TEXT,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return IkeUp(o) ? (!o.tunnel.ike->IsOnStream() ? std::string("udp") : o.params.Mode())
                             : "";
         }},
        {.name = "fallbacks",
         .label = "Fallbacks to the stream",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return o.tunnel.ike ? std::to_string(o.tunnel.ike->GetFallbacks()) : "";
         }},
        {.name = "address_updates",
         .label = "MOBIKE address updates",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return o.tunnel.ike ? std::to_string(o.tunnel.ike->GetAddressUpdates()) : "";
         }},
        {.name = "time_to_1mb_ms",
         .label = "Time to the first 1 MB",
         .unit = "ms",
         .kind = K::SCALAR,
         .spread = MetricSpread::RANGE,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return TimeTo(o, 1000000);
         },
         .logScale = true},
        {.name = "time_to_10mb_ms",
         .label = "Time to the first 10 MB",
         .unit = "ms",
         .kind = K::SCALAR,
         .spread = MetricSpread::RANGE,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return TimeTo(o, 10000000);
         },
         .logScale = true},
        {.name = "sim_events",
         .label = "Simulator events",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return std::to_string(o.events);
         }},
        {.name = "wall_s",
         .label = "Wall-clock time",
         .unit = "s",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return Fixed(o.wallSeconds, 3);
         },
         .wallClock = true},
    };
    return table;
}

const Metric*
FindMetric(std::string_view name)
{
    for (const Metric& m : Metrics())
    {
        if (m.name == name)
        {
            return &m;
        }
    }
    return nullptr;
}

std::vector<std::string>
MetricNames()
{
    std::vector<std::string> names;
    for (const Metric& m : Metrics())
    {
        names.push_back(m.name);
    }
    return names;
}

std::vector<std::string>
ListMetricNames()
{
    std::vector<std::string> names;
    for (const Metric& m : Metrics())
    {
        if (m.kind == MetricKind::LIST)
        {
            names.push_back(m.name);
        }
    }
    return names;
}

} // namespace tcpencap
