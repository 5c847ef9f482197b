/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-runner.h"

#include "cbr-flow.h"
#include "inner-bulk-flow.h"
#include "request-response-flow.h"

#include "ns3/boolean.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/tcp-encap-module.h"

#include <algorithm>
#include <chrono>
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

/** Counts IP bytes the router sends on the bottleneck after the warm-up. */
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

/** Stops the simulation: the IKE set-up phase is over (established or failed). */
void
EndSetup(IkeSession::State /* from */, IkeSession::State to)
{
    if (to == IkeSession::ESTABLISHED || to == IkeSession::FAILED || to == IkeSession::CLOSED)
    {
        Simulator::Stop();
    }
}

/** \param dev a device \param em its new receive error model */
void
SetReceiveErrorModel(Ptr<NetDevice> dev, Ptr<ErrorModel> em)
{
    dev->SetAttribute("ReceiveErrorModel", PointerValue(em));
}

} // namespace

std::vector<std::string>
ListMetricNames()
{
    return {"stall_lengths_ms"};
}

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

std::vector<std::string>
MetricNames()
{
    return {"goodput_mbps",
            "flow_goodput_min_mbps",
            "flow_goodput_max_mbps",
            "inner_retx",
            "inner_spurious_retx",
            "inner_rto",
            "outer_retx",
            "outer_rto",
            "rtt_mean_ms",
            "inner_rto_ms",
            "rtt_p50_ms",
            "rtt_p95_ms",
            "rtt_p99_ms",
            "max_gap_ms",
            "stalls_2rtt",
            "stall_p50_ms",
            "stall_p90_ms",
            "stall_max_ms",
            "stall_lengths_ms",
            "per_rtt_cv",
            "wire_per_inner_byte",
            "inner_mss",
            "cbr_loss",
            "cbr_delay_mean_ms",
            "cbr_delay_p95_ms",
            "cbr_jitter_ms",
            "rr_completed",
            "rr_time_mean_ms",
            "rr_time_p95_ms",
            "fifo_drops",
            "tunnel_queue_drops",
            "esp_sealed",
            "reconnects",
            "tls_handshake_ms",
            "ike_handshake_ms",
            "ike_bytes",
            "ike_transport",
            "fallbacks",
            "address_updates",
            "sim_events",
            "wall_s"};
}

Columns
RunScenario(const RunParams& p)
{
    RngSeedManager::SetSeed(p.seed);
    RngSeedManager::SetRun(p.run);

    RemoteAccessTopologyParams tp;
    std::istringstream(p.rate) >> tp.bottleneckRate;
    tp.bottleneckDelay = Time(p.delay);
    tp.lossRate = p.loss;
    tp.lossBurstLength = p.burst;
    tp.lossBothDirections = p.lossDirection == "both";
    Time baseRtt = 2 * (tp.accessDelay + tp.bottleneckDelay + tp.lanDelay);
    tp.queuePackets = p.queue;
    if (p.queueBdp > 0)
    {
        double bdpPackets = tp.bottleneckRate.GetBitRate() * baseRtt.GetSeconds() / 8 / tp.mtu;
        tp.queuePackets = std::max<uint32_t>(1, std::ceil(p.queueBdp * bdpPackets));
    }
    RemoteAccessTopology topo(tp);
    topo.Build();
    topo.AssignStreams(1);

    Ptr<PacketFirewall> firewall;
    if (p.block != "none" || p.udpBlockLength > 0)
    {
        firewall = CreateObject<PacketFirewall>();
        firewall->Install(topo.GetRouter());
        firewall->SetPolicy(p.block == "udp"           ? PacketFirewall::DROP_UDP
                            : p.block == "ike-udp"     ? PacketFirewall::DROP_IKE_UDP
                            : p.block == "all-but-443" ? PacketFirewall::ONLY_TCP_443
                                                       : PacketFirewall::PASS);
    }

    IpsecTunnel tunnel;
    Ptr<TcpEncapTransport> tcp;
    uint32_t innerMtu = EspSa::GetMaxPayloadSize(tp.mtu - 20 - 8);
    if (p.mode != "plain")
    {
        IpsecTunnelHelper helper;
        helper.AssignStreams(100);
        if (p.keying == "manual")
        {
            helper.SetKeying(IpsecTunnelHelper::MANUAL);
        }
        else if (p.ikeAuth != "psk")
        {
            IkeKeyType type;
            ParseIkeKeyType(p.ikeAuth, type);
            helper.SetCertificates(type);
        }
        if (p.mode == "tcp" || p.mode == "tls")
        {
            if (p.mode == "tls")
            {
                helper.SetTransportType("ns3::TlsEncapTransport");
                helper.SetTransportAttribute("TlsVersion", StringValue(p.tlsVersion));
                helper.SetTransportAttribute("RecordPolicy", StringValue(p.recordPolicy));
                helper.SetTransportAttribute("SessionResumption", BooleanValue(p.tlsResumption));
            }
            else
            {
                helper.SetTransportType("ns3::TcpEncapTransport");
            }
            helper.SetTransportAttribute("Framing", StringValue(p.framing));
            // udp: the ESP-in-UDP size on this path; fit: 0, one frame per outer segment
            uint32_t espSize = p.espSize == "udp"   ? tp.mtu - 20 - 8
                               : p.espSize == "fit" ? 0
                                                    : std::stoul(p.espSize);
            helper.SetTransportAttribute("MaxEspSize", UintegerValue(espSize));
            helper.SetTransportAttribute("PeerPort", UintegerValue(p.port)); // 0: mode default
            helper.SetTransportAttribute("LocalPort", UintegerValue(p.port));
            helper.SetTransportAttribute("QueuePolicy", StringValue(p.queuePolicy));
            helper.SetTransportAttribute("CongestionControl",
                                         TypeIdValue(TypeId::LookupByName("ns3::Tcp" + p.outerCc)));
            helper.SetTransportAttribute("InitialCwnd", UintegerValue(p.outerInitialCwnd));
            // auto: 0, the transport sizes them as Linux autotunes them (TcpBufferAutotuning)
            helper.SetTransportAttribute("SndBufSize", UintegerValue(WindowBytes(p.outerWindow)));
            helper.SetTransportAttribute("RcvBufSize", UintegerValue(WindowBytes(p.outerWindow)));
            helper.SetTransportAttribute("MinRto", TimeValue(Time(p.outerMinRto)));
            helper.SetTransportAttribute("NoDelay", BooleanValue(!p.outerNagle));
            if (p.fallback != "none")
            {
                helper.SetFallback(p.fallback == "sequential" ? IkeSession::SEQUENTIAL
                                   : p.fallback == "race"     ? IkeSession::RACE
                                                              : IkeSession::NO_FALLBACK);
                helper.SetIkeAttribute("FallbackDelay", TimeValue(Time(p.fallbackDelay)));
                helper.SetIkeAttribute("ReturnProbeInterval", TimeValue(Time(p.mobikeProbe)));
            }
        }
        helper.SetIkeAttribute("LivenessInterval", TimeValue(Time(p.liveness)));
        tunnel = helper.Install(topo.GetClient(),
                                topo.GetClientAddress(),
                                topo.GetGateway(),
                                topo.GetGatewayAddress(),
                                topo.GetProtectedNetwork(),
                                topo.GetProtectedMask());
        innerMtu = tunnel.client->GetTunnelMtu();
        tcp = DynamicCast<TcpEncapTransport>(tunnel.client->GetTransport());
        if (Ptr<SwitchableEncapTransport> both
            = DynamicCast<SwitchableEncapTransport>(tunnel.client->GetTransport()))
        {
            tcp = DynamicCast<TcpEncapTransport>(both->Get(SwitchableEncapTransport::STREAM));
        }
    }

    // IKE keying: a set-up phase runs until the IKE SA and Child SA are up (or failed), and
    // the traffic is timed from there, so that every run measures the same thing whatever
    // the handshake took. Applications are added after it: their start and stop times, like
    // the Schedule calls below, count from that moment; absolute times add `origin`.
    Ptr<IkeSession> ike = tunnel.client ? tunnel.client->GetIkeSession() : nullptr;
    auto wallStart = std::chrono::steady_clock::now();
    if (ike)
    {
        ike->TraceConnectWithoutContext("State", MakeCallback(&EndSetup));
        Simulator::Stop(Seconds(600)); // beyond any retransmission budget
        Simulator::Run();
    }
    const Time origin = Simulator::Now();
    const Time start = MilliSeconds(100);
    const Time warmupEnd = start + Seconds(p.warmup);
    const Time end = start + Seconds(p.duration);
    DeliveryStats delivery(
        origin + warmupEnd, origin + end, baseRtt, 2 * baseRtt, std::max(1U, p.flows));
    TypeId innerCc = TypeId::LookupByName("ns3::Tcp" + p.innerCc);
    Time innerMinRto(p.innerMinRto);
    uint32_t mss = RemoteAccessTopology::GetTcpSegmentSize(innerMtu);
    std::vector<Ptr<BulkSource>> sources;
    std::vector<Ptr<BulkSink>> sinks;
    for (uint32_t f = 0; f < p.flows; ++f)
    {
        uint16_t port = static_cast<uint16_t>(5001 + f);
        Ptr<BulkSink> sink = CreateObject<BulkSink>(
            port, f, &delivery, innerCc, mss, innerMinRto, WindowBytes(p.innerWindow));
        topo.GetServer()->AddApplication(sink);
        Ptr<BulkSource> source = CreateObject<BulkSource>(
            topo.GetServerAddress(), port, innerCc, mss, innerMinRto, WindowBytes(p.innerWindow));
        topo.GetClient()->AddApplication(source);
        source->SetStartTime(start + MilliSeconds(10) * f);
        source->SetStopTime(end);
        sinks.push_back(sink);
        sources.push_back(source);
    }

    if (firewall && p.udpBlockLength > 0)
    {
        // SetPolicyAt takes absolute times; UDP comes back to the policy of --block.
        PacketFirewall::Policy usual = firewall->GetPolicy();
        firewall->SetPolicyAt(origin + start + Seconds(p.udpBlockStart), PacketFirewall::DROP_UDP);
        firewall->SetPolicyAt(origin + start + Seconds(p.udpBlockStart + p.udpBlockLength), usual);
    }
    if (p.outageLength > 0)
    {
        // The path goes dead both ways: each bottleneck device's loss model is swapped for
        // one that drops everything, and swapped back afterwards.
        Ptr<RateErrorModel> dead = CreateObject<RateErrorModel>();
        dead->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
        dead->SetRate(1.0);
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<NetDevice> dev = topo.GetBottleneckDevices().Get(i);
            PointerValue usual;
            dev->GetAttribute("ReceiveErrorModel", usual);
            Simulator::Schedule(
                start + Seconds(p.outageStart), &SetReceiveErrorModel, dev, Ptr<ErrorModel>(dead));
            Time back = start + Seconds(p.outageStart + p.outageLength);
            if (Ptr<ErrorModel> em = usual.Get<ErrorModel>())
            {
                Simulator::Schedule(back, &SetReceiveErrorModel, dev, em);
            }
            else
            {
                Simulator::Schedule(back, &ErrorModel::Disable, dead);
            }
        }
    }

    Ptr<CbrSender> cbrSender;
    Ptr<CbrReceiver> cbrReceiver;
    if (p.cbrRate != "0")
    {
        DataRate cbrRate;
        std::istringstream(p.cbrRate) >> cbrRate;
        cbrSender = CreateObject<CbrSender>(topo.GetServerAddress(), 6001, cbrRate, p.cbrSize);
        cbrSender->SetMeasuredPeriod(origin + warmupEnd,
                                     origin + end - Seconds(1)); // late ones may still come
        topo.GetClient()->AddApplication(cbrSender);
        cbrSender->SetStartTime(start);
        cbrSender->SetStopTime(end);
        cbrReceiver = CreateObject<CbrReceiver>(6001, cbrSender);
        topo.GetServer()->AddApplication(cbrReceiver);
    }
    Ptr<RequestClient> rrClient;
    if (p.rrRequest > 0)
    {
        Ptr<ResponseServer> server
            = CreateObject<ResponseServer>(7001, p.rrRequest, p.rrResponse, innerCc, innerMinRto);
        topo.GetServer()->AddApplication(server);
        rrClient = CreateObject<RequestClient>(topo.GetServerAddress(),
                                               7001,
                                               p.rrRequest,
                                               p.rrResponse,
                                               Time(p.rrInterval),
                                               mss,
                                               innerCc,
                                               innerMinRto);
        rrClient->SetMeasuredPeriod(origin + warmupEnd, origin + end);
        topo.GetClient()->AddApplication(rrClient);
        rrClient->SetStartTime(start);
        rrClient->SetStopTime(end);
    }

    WireCounter wire{origin + warmupEnd, origin + end};
    topo.GetBottleneckDevices().Get(0)->TraceConnectWithoutContext(
        "PhyTxEnd", MakeCallback(&WireCounter::Count, &wire));

    Simulator::Stop(end);
    Simulator::Run();
    double wall
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();

    // Inner TCP, summed over flows.
    uint64_t retx = 0;
    uint64_t rto = 0;
    uint64_t spurious = 0;
    std::vector<double> rtt;
    double rtoSumMs = 0; // the retransmission timer at every RTT sample, summed over flows
    for (auto& s : sources)
    {
        if (Ptr<TcpSocketStats> st = s->GetStats())
        {
            retx += st->GetRetransmissions();
            rto += st->GetTimeouts();
            for (const Time& t : st->GetRttSamples())
            {
                rtt.push_back(t.GetSeconds() * 1000);
            }
            rtoSumMs += st->GetMeanRto().GetSeconds() * 1000 * st->GetRttSamples().size();
        }
    }
    for (auto& s : sinks)
    {
        if (Ptr<TcpSocketStats> st = s->GetStats())
        {
            spurious += st->GetDuplicateSegments();
        }
    }
    std::sort(rtt.begin(), rtt.end());
    double rttMean = 0;
    for (double r : rtt)
    {
        rttMean += r;
    }
    rttMean = rtt.empty() ? 0 : rttMean / rtt.size();

    double measured = (end - warmupEnd).GetSeconds();
    double minFlow = 1e300;
    double maxFlow = 0;
    for (uint32_t f = 0; f < p.flows; ++f)
    {
        double g = delivery.GetBytes(f) * 8.0 / measured / 1e6;
        minFlow = std::min(minFlow, g);
        maxFlow = std::max(maxFlow, g);
    }
    uint64_t inner = delivery.GetTotalBytes();
    bool bulk = p.flows > 0;
    auto ifBulk = [bulk](const std::string& v)
    {
        return bulk ? v : std::string();
    };
    std::vector<double> cbrDelays;
    if (cbrReceiver)
    {
        cbrDelays = cbrReceiver->GetDelaysMs();
        std::sort(cbrDelays.begin(), cbrDelays.end());
    }
    std::vector<double> rrTimes;
    if (rrClient)
    {
        rrTimes = rrClient->GetTimesMs();
        std::sort(rrTimes.begin(), rrTimes.end());
    }
    auto mean = [](const std::vector<double>& v)
    {
        double sum = 0;
        for (double x : v)
        {
            sum += x;
        }
        return v.empty() ? 0.0 : sum / v.size();
    };
    uint64_t fifoDrops
        = topo.GetQueueDiscs().Get(2)->GetStats().nTotalDroppedPackets; // router, bottleneck
    bool tunnelled = tunnel.client != nullptr;
    Ptr<TlsEncapTransport> tls = DynamicCast<TlsEncapTransport>(tcp);

    const Columns stalls = StallColumns(delivery); // p50, p90, max, lengths
    Columns c = {
        {"goodput_mbps", ifBulk(Fixed(inner * 8.0 / measured / 1e6, 4))},
        {"flow_goodput_min_mbps", ifBulk(Fixed(minFlow, 4))},
        {"flow_goodput_max_mbps", ifBulk(Fixed(maxFlow, 4))},
        {"inner_retx", std::to_string(retx)},
        {"inner_spurious_retx", std::to_string(spurious)},
        {"inner_rto", std::to_string(rto)},
        {"outer_retx", tcp ? std::to_string(tcp->GetOuterRetransmissions()) : ""},
        {"outer_rto", tcp ? std::to_string(tcp->GetOuterTimeouts()) : ""},
        {"rtt_mean_ms", Fixed(rttMean, 3)},
        {"inner_rto_ms", rtt.empty() ? "" : Fixed(rtoSumMs / rtt.size(), 3)},
        {"rtt_p50_ms", Fixed(Quantile(rtt, 0.50), 3)},
        {"rtt_p95_ms", Fixed(Quantile(rtt, 0.95), 3)},
        {"rtt_p99_ms", Fixed(Quantile(rtt, 0.99), 3)},
        {"max_gap_ms", ifBulk(Fixed(delivery.GetMaxGap().GetSeconds() * 1000, 3))},
        {"stalls_2rtt", ifBulk(std::to_string(delivery.GetStalls()))},
        {"stall_p50_ms", ifBulk(stalls[0].second)},
        {"stall_p90_ms", ifBulk(stalls[1].second)},
        {"stall_max_ms", ifBulk(stalls[2].second)},
        {"stall_lengths_ms", ifBulk(stalls[3].second)},
        {"per_rtt_cv", ifBulk(Fixed(delivery.GetPerIntervalCv(), 4))},
        // Only meaningful when bulk flows are the only inner traffic.
        {"wire_per_inner_byte",
         inner && !cbrReceiver && !rrClient ? Fixed(double(wire.bytes) / inner, 4) : ""},
        {"inner_mss", std::to_string(mss)},
        {"cbr_loss", cbrReceiver ? Fixed(cbrReceiver->GetLoss(), 5) : ""},
        {"cbr_delay_mean_ms", cbrReceiver ? Fixed(mean(cbrDelays), 3) : ""},
        {"cbr_delay_p95_ms", cbrReceiver ? Fixed(Quantile(cbrDelays, 0.95), 3) : ""},
        {"cbr_jitter_ms", cbrReceiver ? Fixed(cbrReceiver->GetJitterMs(), 3) : ""},
        {"rr_completed", rrClient ? std::to_string(rrTimes.size()) : ""},
        // No completed request: no time to report (not zero).
        {"rr_time_mean_ms", !rrTimes.empty() ? Fixed(mean(rrTimes), 3) : ""},
        {"rr_time_p95_ms", !rrTimes.empty() ? Fixed(Quantile(rrTimes, 0.95), 3) : ""},
        {"fifo_drops", std::to_string(fifoDrops)},
        {"tunnel_queue_drops", tcp ? std::to_string(tcp->GetQueueDrops()) : ""},
        {"esp_sealed",
         tunnelled ? std::to_string(tunnel.client->GetTxCounters().Get(EspStatus::OK)) : ""},
        {"reconnects", tcp ? std::to_string(tcp->GetReconnects()) : ""},
        {"tls_handshake_ms",
         tls && !tls->GetHandshakeTimes().empty()
             ? Fixed(tls->GetHandshakeTimes().front().GetSeconds() * 1000, 3)
             : ""},
        {"ike_handshake_ms",
         ike && ike->GetState() == IkeSession::ESTABLISHED
             ? Fixed(ike->GetHandshakeTime().GetSeconds() * 1000, 3)
             : ""},
        {"ike_bytes", ike ? std::to_string(ike->GetHandshakeBytes()) : ""},
        {"ike_transport",
         ike && ike->GetState() == IkeSession::ESTABLISHED
             ? (!ike->IsOnStream() ? std::string("udp") : p.mode)
             : ""},
        {"fallbacks", ike ? std::to_string(ike->GetFallbacks()) : ""},
        {"address_updates", ike ? std::to_string(ike->GetAddressUpdates()) : ""},
        {"sim_events", std::to_string(Simulator::GetEventCount())},
        {"wall_s", Fixed(wall, 3)},
    };
    Simulator::Destroy();
    return c;
}

} // namespace tcpencap
