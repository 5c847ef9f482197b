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
#include <functional>
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
    for (uint32_t f = 0; f < o.traffic.sources.size(); ++f)
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

/** \param o outcome \return the stream transports of its clients */
std::vector<Ptr<TcpEncapTransport>>
StreamTransports(const ScenarioOutcome& o)
{
    std::vector<Ptr<TcpEncapTransport>> all;
    for (const ScenarioClient& c : o.tunnel.clients)
    {
        if (c.tcp)
        {
            all.push_back(c.tcp);
        }
    }
    return all;
}

/**
 * \param o outcome \param count a counter of a stream transport
 * \return it (single client) or its sum over the clients' stream transports; empty without one
 */
std::string
StreamCount(const ScenarioOutcome& o, const std::function<uint64_t(Ptr<TcpEncapTransport>)>& count)
{
    if (o.tunnel.clients.empty())
    {
        return Stream(o) ? std::to_string(count(Stream(o))) : "";
    }
    auto all = StreamTransports(o);
    uint64_t sum = 0;
    for (const auto& t : all)
    {
        sum += count(t);
    }
    return all.empty() ? "" : std::to_string(sum);
}

/** \param o outcome \return the CBR receivers: the one flow's, or every client's */
std::vector<Ptr<CbrReceiver>>
CbrReceivers(const ScenarioOutcome& o)
{
    if (o.traffic.cbrReceiver)
    {
        return {o.traffic.cbrReceiver};
    }
    return o.traffic.cbrReceivers;
}

std::vector<double>
CbrDelays(const ScenarioOutcome& o)
{
    std::vector<double> all;
    for (const auto& r : CbrReceivers(o))
    {
        all.insert(all.end(), r->GetDelaysMs().begin(), r->GetDelaysMs().end());
    }
    return Sorted(all);
}

/** \param o outcome \return the request/response clients: the one flow's, or every client's */
std::vector<Ptr<RequestClient>>
RrClients(const ScenarioOutcome& o)
{
    if (o.traffic.rrClient)
    {
        return {o.traffic.rrClient};
    }
    return o.traffic.rrClients;
}

std::vector<double>
RrTimes(const ScenarioOutcome& o)
{
    std::vector<double> all;
    for (const auto& c : RrClients(o))
    {
        all.insert(all.end(), c->GetTimesMs().begin(), c->GetTimesMs().end());
    }
    return Sorted(all);
}

/** \param x values \return Jain's fairness index (sum x)^2 / (n sum x^2), or -1 if all are 0 */
double
Jain(const std::vector<double>& x)
{
    double sum = 0;
    double squares = 0;
    for (double v : x)
    {
        sum += v;
        squares += v * v;
    }
    return squares > 0 ? sum * sum / (x.size() * squares) : -1;
}

/** What the clients of one mode got. */
struct ModeStats
{
    uint32_t clients{0};     //!< clients on the mode
    double goodput{0};       //!< their goodput, Mbit/s, summed
    std::vector<double> rtt; //!< their RTT samples, ascending
    uint64_t stalls{0};      //!< their stalls, summed
};

ModeStats
OfMode(const ScenarioOutcome& o, const std::string& mode)
{
    ModeStats m;
    for (const ClientSummary& c : o.clients)
    {
        if (c.mode == mode)
        {
            ++m.clients;
            m.goodput += c.goodputMbps;
            m.rtt.insert(m.rtt.end(), c.rttMs.begin(), c.rttMs.end());
            m.stalls += c.stalls;
        }
    }
    std::sort(m.rtt.begin(), m.rtt.end());
    return m;
}

/** \param o outcome \return the per-client mean goodput of each mode some client uses */
std::vector<double>
ModeMeans(const ScenarioOutcome& o)
{
    std::vector<double> means;
    for (const char* mode : {"plain", "udp", "tcp", "tls"})
    {
        ModeStats m = OfMode(o, mode);
        if (m.clients > 0)
        {
            means.push_back(m.goodput / m.clients);
        }
    }
    return means;
}

/** \param mode udp, tcp or tls \return its name in labels */
std::string
ModeLabel(const std::string& mode)
{
    return mode == "udp" ? "ESP-in-UDP" : mode == "tcp" ? "ESP-in-TCP" : "ESP-in-TLS";
}

using K = MetricKind;

/** \param mode udp, tcp or tls \return goodput of its clients, summed */
Metric
ModeGoodput(const std::string& mode)
{
    return {.name = "goodput_" + mode + "_mbps",
            .label = "Goodput of the " + ModeLabel(mode) + " clients, total",
            .unit = "Mbit/s",
            .kind = K::SCALAR,
            .collect = [mode](const ScenarioOutcome& o)
            {
                ModeStats m = OfMode(o, mode);
                return Bulk(o) && m.clients > 0 ? Fixed(m.goodput, 4) : "";
            }};
}

/** \param mode udp, tcp or tls \return goodput per client of the mode, mean */
Metric
ModeClientGoodput(const std::string& mode)
{
    return {.name = "goodput_" + mode + "_client_mbps",
            .label = "Goodput per " + ModeLabel(mode) + " client, mean",
            .unit = "Mbit/s",
            .kind = K::SCALAR,
            .collect = [mode](const ScenarioOutcome& o)
            {
                ModeStats m = OfMode(o, mode);
                return Bulk(o) && m.clients > 0 ? Fixed(m.goodput / m.clients, 4) : "";
            }};
}

/** \param mode udp, tcp or tls \return its share of the goodput over its share of clients */
Metric
ModeShare(const std::string& mode)
{
    return {.name = "share_" + mode,
            .label = ModeLabel(mode) + " share of goodput / share of clients (1: fair)",
            .kind = K::SCALAR,
            .collect =
                [mode](const ScenarioOutcome& o)
            {
                ModeStats m = OfMode(o, mode);
                double total = 0;
                for (const ClientSummary& c : o.clients)
                {
                    total += c.goodputMbps;
                }
                if (!Bulk(o) || m.clients == 0 || total <= 0)
                {
                    return std::string();
                }
                return Fixed((m.goodput / total) / (double(m.clients) / o.clients.size()), 4);
            },
            .plotByDefault = true};
}

/** \param mode udp, tcp or tls \return median inner RTT of its clients' bulk flows */
Metric
ModeRtt(const std::string& mode)
{
    return {.name = "rtt_" + mode + "_p50_ms",
            .label = "Inner RTT of the " + ModeLabel(mode) + " clients, median",
            .unit = "ms",
            .kind = K::SCALAR,
            .collect = [mode](const ScenarioOutcome& o)
            {
                ModeStats m = OfMode(o, mode);
                return m.rtt.empty() ? "" : Fixed(Quantile(m.rtt, 0.5), 3);
            }};
}

/** \param mode udp, tcp or tls \return stalls per client of the mode, mean */
Metric
ModeStalls(const std::string& mode)
{
    return {.name = "stalls_" + mode,
            .label = "Stalls longer than 2 RTT per " + ModeLabel(mode) + " client",
            .kind = K::SCALAR,
            .collect = [mode](const ScenarioOutcome& o)
            {
                ModeStats m = OfMode(o, mode);
                return Bulk(o) && m.clients > 0 ? Fixed(double(m.stalls) / m.clients, 3) : "";
            }};
}

/** \param o outcome \return the mean of its clients' IKE handshakes, ms (negative: none) */
double
MeanHandshakeMs(const ScenarioOutcome& o)
{
    double sum = 0;
    uint32_t n = 0;
    for (const ClientSummary& c : o.clients)
    {
        if (c.ikeHandshakeMs >= 0)
        {
            sum += c.ikeHandshakeMs;
            ++n;
        }
    }
    return n ? sum / n : -1;
}

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
                        ? Fixed(sum * sum / (o.traffic.sources.size() * squares), 4)
                        : "";
         }},
        {.name = "client_fairness",
         .label = "Jain's fairness index over the clients",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             std::vector<double> g;
             for (const ClientSummary& c : o.clients)
             {
                 g.push_back(c.goodputMbps);
             }
             double j = Jain(g);
             return Bulk(o) && g.size() > 1 && j >= 0 ? Fixed(j, 4) : "";
         },
         .plotByDefault = true},
        {.name = "mode_fairness",
         .label = "Jain's fairness index over the modes (per-client means)",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             std::vector<double> g = ModeMeans(o);
             double j = Jain(g);
             return Bulk(o) && g.size() > 1 && j >= 0 ? Fixed(j, 4) : "";
         }},
        ModeGoodput("udp"),
        ModeGoodput("tcp"),
        ModeGoodput("tls"),
        ModeClientGoodput("udp"),
        ModeClientGoodput("tcp"),
        ModeClientGoodput("tls"),
        ModeShare("udp"),
        ModeShare("tcp"),
        ModeShare("tls"),
        ModeRtt("udp"),
        ModeRtt("tcp"),
        ModeRtt("tls"),
        ModeStalls("udp"),
        ModeStalls("tcp"),
        ModeStalls("tls"),
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
             return StreamCount(o,
                                [](Ptr<TcpEncapTransport> t) -> uint64_t
                                {
                                    return t->GetOuterRetransmissions();
                                });
         },
         .plotByDefault = true},
        {.name = "outer_rto",
         .label = "Outer retransmission timeouts",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return StreamCount(o,
                                [](Ptr<TcpEncapTransport> t) -> uint64_t
                                {
                                    return t->GetOuterTimeouts();
                                });
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
             auto receivers = CbrReceivers(o);
             if (receivers.size() == 1)
             {
                 return Fixed(receivers.front()->GetLoss(), 5);
             }
             uint64_t sent = 0;
             uint64_t received = 0;
             for (const auto& r : receivers)
             {
                 sent += r->GetSent();
                 received += r->GetReceived();
             }
             return receivers.empty() ? "" : Fixed(sent ? 1.0 - double(received) / sent : 0.0, 5);
         }},
        {.name = "cbr_delay_mean_ms",
         .label = "CBR one-way delay, mean",
         .unit = "ms",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return CbrReceivers(o).empty() ? "" : Fixed(Mean(CbrDelays(o)), 3);
         }},
        {.name = "cbr_delay_p95_ms",
         .label = "CBR one-way delay, 95th percentile",
         .unit = "ms",
         .kind = K::SCALAR,
         .spread = MetricSpread::RANGE,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return CbrReceivers(o).empty() ? "" : Fixed(Quantile(CbrDelays(o), 0.95), 3);
         }},
        {.name = "cbr_jitter_ms",
         .label = "CBR jitter",
         .unit = "ms",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             // many clients: the mean of the clients' jitters
             std::vector<double> jitters;
             for (const auto& r : CbrReceivers(o))
             {
                 jitters.push_back(r->GetJitterMs());
             }
             return jitters.empty() ? "" : Fixed(Mean(jitters), 3);
         }},
        {.name = "rr_completed",
         .label = "Requests completed",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return RrClients(o).empty() ? "" : std::to_string(RrTimes(o).size());
         }},
        // No completed request: no time to report (not zero).
        {.name = "rr_time_mean_ms",
         .label = "Request completion time, mean",
         .unit = "ms",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return !RrTimes(o).empty() ? Fixed(Mean(RrTimes(o)), 3) : "";
         }},
        {.name = "rr_time_p95_ms",
         .label = "Request completion time, 95th percentile",
         .unit = "ms",
         .kind = K::SCALAR,
         .spread = MetricSpread::RANGE,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return !RrTimes(o).empty() ? Fixed(Quantile(RrTimes(o), 0.95), 3) : "";
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
             return StreamCount(o,
                                [](Ptr<TcpEncapTransport> t) -> uint64_t
                                {
                                    return t->GetQueueDrops();
                                });
         }},
        {.name = "esp_sealed",
         .label = "ESP packets sealed",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             Ptr<IpsecEndpoint> client = o.tunnel.tunnel.client;
             if (!o.tunnel.clients.empty()) // many clients: summed
             {
                 uint64_t sealed = 0;
                 for (const ScenarioClient& c : o.tunnel.clients)
                 {
                     sealed += c.tunnel.client ? c.tunnel.client->GetTxCounters().Get(EspStatus::OK)
                                               : 0;
                 }
                 return o.params.HasTunnel() ? std::to_string(sealed) : "";
             }
             return client ? std::to_string(client->GetTxCounters().Get(EspStatus::OK)) : "";
         }},
        {.name = "reconnects",
         .label = "Outer reconnections",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return StreamCount(o,
                                [](Ptr<TcpEncapTransport> t) -> uint64_t
                                {
                                    return t->GetReconnects();
                                });
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
             if (!o.tunnel.clients.empty()) // many clients: the mean of the established ones
             {
                 double mean = MeanHandshakeMs(o);
                 return mean >= 0 ? Fixed(mean, 3) : "";
             }
             return IkeUp(o) ? Fixed(o.tunnel.ike->GetHandshakeTime().GetSeconds() * 1000, 3) : "";
         }},
        {.name = "ike_established",
         .label = "Clients with an IKE SA",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             if (!o.params.UsesIke())
             {
                 return std::string();
             }
             uint32_t up = 0;
             for (const ClientSummary& c : o.clients)
             {
                 up += c.ikeHandshakeMs >= 0 ? 1 : 0;
             }
             return std::to_string(up);
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
        {.name = "inner_packets",
         .label = "Inner packets delivered",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             // every IP packet the server received during the traffic (after the IKE set-up)
             return std::to_string(o.innerPackets);
         }},
        {.name = "events_per_packet",
         .label = "Simulator events per inner packet",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return o.innerPackets ? Fixed(double(o.trafficEvents) / o.innerPackets, 3) : "";
         }},
        {.name = "wall_us_per_packet",
         .label = "Wall-clock time per inner packet",
         .unit = "µs",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return o.innerPackets ? Fixed(o.trafficWallSeconds * 1e6 / o.innerPackets, 3) : "";
         },
         .wallClock = true},
        {.name = "peak_rss_mb",
         .label = "Peak resident memory",
         .unit = "MB",
         .kind = K::SCALAR,
         .collect =
             [](const ScenarioOutcome& o)
         {
             return Fixed(o.peakRssMb, 1);
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
