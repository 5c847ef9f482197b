/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario.h"

#include "ns3/boolean.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/tcp-encap-module.h"

#include <algorithm>
#include <cmath>
#include <sstream>

using namespace ns3;

namespace tcpencap
{

namespace
{

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

/** \param p parameters \param mtu path MTU \param helper where the stream transport is set */
void
ConfigureStream(const RunParams& p, uint32_t mtu, IpsecTunnelHelper& helper, bool gateway = false)
{
    // A gateway's factory makes both stream listeners and the clients of each mode: with the
    // TLS type set first it takes the TLS attributes too, which the other types ignore.
    if (gateway ? p.UsesMode("tls") : p.Mode() == "tls")
    {
        helper.SetTransportType("ns3::TlsEncapTransport");
        helper.SetTransportAttribute("TlsVersion", StringValue(p.Get("tls-version")));
        helper.SetTransportAttribute("RecordPolicy", StringValue(p.Get("record-policy")));
        helper.SetTransportAttribute("SessionResumption", BooleanValue(p.Flag("tls-resumption")));
    }
    else
    {
        helper.SetTransportType("ns3::TcpEncapTransport");
    }
    helper.SetTransportAttribute("Framing", StringValue(p.Get("framing")));
    // udp: the ESP-in-UDP size on this path; fit: 0, one frame per outer segment
    const std::string& espSize = p.Get("esp-size");
    uint64_t espBytes = espSize == "udp"   ? mtu - 20 - 8
                        : espSize == "fit" ? 0
                                           : p.Bytes("esp-size");
    helper.SetTransportAttribute("MaxEspSize", UintegerValue(espBytes));
    if (!gateway) // a gateway's UDP listener and clients take the same factory: ports default
    {
        helper.SetTransportAttribute("PeerPort", UintegerValue(p.Count("port"))); // 0: default
        helper.SetTransportAttribute("LocalPort", UintegerValue(p.Count("port")));
    }
    helper.SetTransportAttribute("QueuePolicy", StringValue(p.Get("queue-policy")));
    helper.SetTransportAttribute("CongestionControl",
                                 TypeIdValue(TypeId::LookupByName("ns3::Tcp" + p.Get("outer-cc"))));
    helper.SetTransportAttribute("InitialCwnd", UintegerValue(p.Count("outer-initial-cwnd")));
    // auto: 0, the transport sizes them as Linux autotunes them (TcpBufferAutotuning)
    helper.SetTransportAttribute("SndBufSize", UintegerValue(p.Bytes("outer-window")));
    helper.SetTransportAttribute("RcvBufSize", UintegerValue(p.Bytes("outer-window")));
    helper.SetTransportAttribute("MinRto", TimeValue(p.GetTime("outer-min-rto")));
    helper.SetTransportAttribute("NoDelay", BooleanValue(!p.Flag("outer-nagle")));
    const std::string& fallback = p.Get("fallback");
    if (fallback != "none" && !gateway)
    {
        helper.SetFallback(fallback == "sequential" ? IkeSession::SEQUENTIAL
                           : fallback == "race"     ? IkeSession::RACE
                                                    : IkeSession::NO_FALLBACK);
        helper.SetIkeAttribute("FallbackDelay", TimeValue(p.GetTime("fallback-delay")));
        helper.SetIkeAttribute("ReturnProbeInterval", TimeValue(p.GetTime("mobike-probe")));
    }
}

/** Watches the clients' IKE sessions during the set-up: stops when each is up or failed. */
struct SetupWatch
{
    std::vector<bool> done; //!< per client: established, failed or closed
    uint32_t left{0};       //!< clients not done
};

/**
 * \param watch the watch \param i the client
 * \param from its old state \param to its new one
 */
void
ClientSetupState(SetupWatch* watch, uint32_t i, IkeSession::State /* from */, IkeSession::State to)
{
    if ((to == IkeSession::ESTABLISHED || to == IkeSession::FAILED || to == IkeSession::CLOSED)
        && !watch->done[i])
    {
        watch->done[i] = true;
        if (--watch->left == 0)
        {
            Simulator::Stop();
        }
    }
}

/** Stage 2 of the many-client scenario: the gateway and each client's tunnel. */
ScenarioTunnel
InstallGatewayTunnels(const RunParams& p, const ScenarioTopology& t)
{
    ScenarioTunnel s;
    s.innerMtu = EspSa::GetMaxPayloadSize(t.params.mtu - 20 - 8);
    RemoteAccessTopology& topo = *t.topo;
    std::vector<std::string> modes = p.ClientModes();
    if (!p.HasTunnel())
    {
        for (const std::string& mode : modes)
        {
            ScenarioClient c;
            c.mode = mode;
            c.innerMtu = s.innerMtu;
            s.clients.push_back(c);
        }
        return s;
    }
    IpsecTunnelHelper helper;
    helper.AssignStreams(100);
    helper.SetInnerNetwork(Ipv4Address("10.8.0.0"), Ipv4Mask("255.255.0.0"));
    if (p.Get("ike-auth") != "psk")
    {
        IkeKeyType type;
        ParseIkeKeyType(p.Get("ike-auth"), type);
        helper.SetCertificates(type);
    }
    if (p.IsStream())
    {
        ConfigureStream(p, t.params.mtu, helper, true);
    }
    helper.SetIkeAttribute("LivenessInterval", TimeValue(p.GetTime("liveness")));
    IpsecTunnelHelper::GatewayListeners listeners;
    listeners.udp = p.UsesMode("udp");
    listeners.tcp = p.UsesMode("tcp");
    listeners.tls = p.UsesMode("tls");
    s.gateway = helper.InstallGateway(
        topo.GetGateway(), topo.GetProtectedNetwork(), topo.GetProtectedMask(), listeners);
    for (uint32_t i = 0; i < modes.size(); ++i)
    {
        ScenarioClient c;
        c.mode = modes[i];
        helper.SetTransportType(c.mode == "udp"   ? "ns3::UdpEncapTransport"
                                : c.mode == "tcp" ? "ns3::TcpEncapTransport"
                                                  : "ns3::TlsEncapTransport");
        c.tunnel = helper.InstallClient(topo.GetClient(i), s.gateway, topo.GetGatewayAddress(), i);
        c.tunnel.client->SetStartTime(p.GetTime("ike-spacing") * i); // its IKE starts then
        c.innerMtu = c.tunnel.client->GetTunnelMtu();
        c.tcp = DynamicCast<TcpEncapTransport>(c.tunnel.client->GetTransport());
        c.tls = DynamicCast<TlsEncapTransport>(c.tcp);
        c.ike = c.tunnel.client->GetIkeSession();
        s.clients.push_back(c);
    }
    s.innerMtu = s.clients.front().innerMtu;
    return s;
}

/** Stage 3 of the many-client scenario: each client's flows, each to its own server ports. */
ScenarioTraffic
InstallClientsTraffic(const RunParams& p,
                      const ScenarioTopology& t,
                      const ScenarioTunnel& tunnel,
                      const ScenarioClock& clock)
{
    ScenarioTraffic traffic;
    RemoteAccessTopology& topo = *t.topo;
    const Time start = clock.start - clock.origin;
    const Time end = clock.end - clock.origin;
    const auto n = static_cast<uint32_t>(tunnel.clients.size());
    const uint32_t flows = p.Count("flows");
    traffic.flowsPerClient = flows;
    traffic.delivery = std::make_unique<DeliveryStats>(
        clock.warmupEnd, clock.end, t.baseRtt, 2 * t.baseRtt, std::max(1U, n * flows));
    traffic.delivery->TrackMilestones({1000000, 10000000});
    TypeId innerCc = TypeId::LookupByName("ns3::Tcp" + p.Get("inner-cc"));
    Time innerMinRto = p.GetTime("inner-min-rto");
    auto window = static_cast<uint32_t>(p.Bytes("inner-window"));
    traffic.mss = RemoteAccessTopology::GetTcpSegmentSize(tunnel.innerMtu);
    // Ports: bulk flow k (client k / flows) 10001 + k, CBR of client i 50001 + i,
    // request/response of client i 55001 + i (Validate keeps clients * flows <= 40000).
    for (uint32_t i = 0; i < n; ++i)
    {
        // Clients start spread over 10 ms, so that their first windows do not coincide.
        const Time offset = MilliSeconds(10) * i / n;
        uint32_t mss = RemoteAccessTopology::GetTcpSegmentSize(tunnel.clients[i].innerMtu);
        for (uint32_t f = 0; f < flows; ++f)
        {
            uint32_t k = i * flows + f;
            auto port = static_cast<uint16_t>(10001 + k);
            Ptr<BulkSink> sink = CreateObject<BulkSink>(
                port, k, traffic.delivery.get(), innerCc, mss, innerMinRto, window);
            topo.GetServer()->AddApplication(sink);
            Ptr<BulkSource> source = CreateObject<BulkSource>(
                topo.GetServerAddress(), port, innerCc, mss, innerMinRto, window);
            topo.GetClient(i)->AddApplication(source);
            source->SetStartTime(start + MilliSeconds(10) * f + offset);
            source->SetStopTime(end);
            traffic.sinks.push_back(sink);
            traffic.sources.push_back(source);
        }
    }
    if (p.Get("cbr-rate") != "0")
    {
        DataRate cbrRate;
        std::istringstream(p.Get("cbr-rate")) >> cbrRate;
        if (p.Flag("cbr-split"))
        {
            cbrRate = DataRate(cbrRate.GetBitRate() / n);
        }
        const uint32_t size = p.Count("cbr-size");
        const Time interval = cbrRate.CalculateBytesTxTime(size);
        for (uint32_t i = 0; i < n; ++i)
        {
            auto port = static_cast<uint16_t>(50001 + i);
            Ptr<CbrSender> sender
                = CreateObject<CbrSender>(topo.GetServerAddress(), port, cbrRate, size);
            sender->SetMeasuredPeriod(clock.warmupEnd, clock.end - Seconds(1));
            topo.GetClient(i)->AddApplication(sender);
            // client i's datagrams i/N of an interval after client 0's: a smooth total
            sender->SetStartTime(start + interval * i / n);
            sender->SetStopTime(end);
            Ptr<CbrReceiver> receiver = CreateObject<CbrReceiver>(port, sender);
            topo.GetServer()->AddApplication(receiver);
            traffic.cbrReceivers.push_back(receiver);
        }
    }
    if (uint32_t request = p.Count("rr-request"); request > 0)
    {
        uint32_t response = p.Count("rr-response");
        for (uint32_t i = 0; i < n; ++i)
        {
            auto port = static_cast<uint16_t>(55001 + i);
            uint32_t mss = RemoteAccessTopology::GetTcpSegmentSize(tunnel.clients[i].innerMtu);
            Ptr<ResponseServer> server
                = CreateObject<ResponseServer>(port, request, response, innerCc, innerMinRto);
            topo.GetServer()->AddApplication(server);
            Ptr<RequestClient> client = CreateObject<RequestClient>(topo.GetServerAddress(),
                                                                    port,
                                                                    request,
                                                                    response,
                                                                    p.GetTime("rr-interval"),
                                                                    mss,
                                                                    innerCc,
                                                                    innerMinRto);
            client->SetMeasuredPeriod(clock.warmupEnd, clock.end);
            topo.GetClient(i)->AddApplication(client);
            client->SetStartTime(start + MilliSeconds(10) * i / n);
            client->SetStopTime(end);
            traffic.rrClients.push_back(client);
        }
    }
    return traffic;
}

} // namespace

double
ScenarioOutcome::MeasuredSeconds() const
{
    return (clock.end - clock.warmupEnd).GetSeconds();
}

ScenarioTopology
BuildTopology(const RunParams& p)
{
    ScenarioTopology t;
    RemoteAccessTopologyParams& tp = t.params;
    std::istringstream(p.Get("rate")) >> tp.bottleneckRate;
    tp.bottleneckDelay = p.GetTime("delay");
    tp.lossRate = p.Real("loss");
    tp.lossBurstLength = p.Real("burst");
    tp.lossBothDirections = p.Get("loss-direction") == "both";
    std::istringstream(p.Get("access-rate")) >> tp.accessRate;
    tp.accessDelay = p.GetTime("access-delay");
    tp.clients = p.Count("clients");
    const double accessLoss = p.Real("access-loss");
    const double spread = p.Real("access-delay-spread");
    if (accessLoss > 0 || (tp.clients > 1 && spread > 0))
    {
        for (uint32_t i = 0; i < tp.clients; ++i)
        {
            // client i: delay * (1 + spread * i / (N - 1))
            double factor = tp.clients > 1 ? 1 + spread * i / (tp.clients - 1) : 1;
            tp.access.push_back({tp.accessRate, tp.accessDelay * factor, accessLoss});
        }
    }
    t.baseRtt = 2 * (tp.accessDelay + tp.bottleneckDelay + tp.lanDelay);
    tp.queuePackets = p.Count("queue");
    if (double bdps = p.Real("queue-bdp"); bdps > 0)
    {
        double bdpPackets = tp.bottleneckRate.GetBitRate() * t.baseRtt.GetSeconds() / 8 / tp.mtu;
        tp.queuePackets = std::max<uint32_t>(1, std::ceil(bdps * bdpPackets));
    }
    t.topo = std::make_unique<RemoteAccessTopology>(tp);
    t.topo->Build();
    t.topo->AssignStreams(1);

    const std::string& block = p.Get("block");
    if (block != "none" || p.Seconds("udp-block-length") > 0)
    {
        t.firewall = CreateObject<PacketFirewall>();
        t.firewall->Install(t.topo->GetRouter());
        t.firewall->SetPolicy(block == "udp"           ? PacketFirewall::DROP_UDP
                              : block == "ike-udp"     ? PacketFirewall::DROP_IKE_UDP
                              : block == "all-but-443" ? PacketFirewall::ONLY_TCP_443
                                                       : PacketFirewall::PASS);
    }
    return t;
}

ScenarioTunnel
InstallTunnel(const RunParams& p, const ScenarioTopology& t)
{
    if (p.ManyClients())
    {
        return InstallGatewayTunnels(p, t);
    }
    ScenarioTunnel s;
    s.innerMtu = EspSa::GetMaxPayloadSize(t.params.mtu - 20 - 8);
    if (p.Mode() == "plain")
    {
        return s;
    }
    IpsecTunnelHelper helper;
    helper.AssignStreams(100);
    if (p.Get("keying") == "manual")
    {
        helper.SetKeying(IpsecTunnelHelper::MANUAL);
    }
    else if (p.Get("ike-auth") != "psk")
    {
        IkeKeyType type;
        ParseIkeKeyType(p.Get("ike-auth"), type);
        helper.SetCertificates(type);
    }
    if (p.IsStream())
    {
        ConfigureStream(p, t.params.mtu, helper);
    }
    helper.SetIkeAttribute("LivenessInterval", TimeValue(p.GetTime("liveness")));
    RemoteAccessTopology& topo = *t.topo;
    s.tunnel = helper.Install(topo.GetClient(),
                              topo.GetClientAddress(),
                              topo.GetGateway(),
                              topo.GetGatewayAddress(),
                              topo.GetProtectedNetwork(),
                              topo.GetProtectedMask());
    s.innerMtu = s.tunnel.client->GetTunnelMtu();
    Ptr<EncapTransport> transport = s.tunnel.client->GetTransport();
    s.tcp = DynamicCast<TcpEncapTransport>(transport);
    if (Ptr<SwitchableEncapTransport> both = DynamicCast<SwitchableEncapTransport>(transport))
    {
        s.tcp = DynamicCast<TcpEncapTransport>(both->Get(SwitchableEncapTransport::STREAM));
    }
    s.tls = DynamicCast<TlsEncapTransport>(s.tcp);
    s.ike = s.tunnel.client->GetIkeSession();
    return s;
}

ScenarioClock
RunIkeSetup(const RunParams& p, const ScenarioTunnel& tunnel)
{
    if (tunnel.ike)
    {
        tunnel.ike->TraceConnectWithoutContext("State", MakeCallback(&EndSetup));
        Simulator::Stop(Seconds(600)); // beyond any retransmission budget
        Simulator::Run();
    }
    SetupWatch watch;
    watch.done.assign(tunnel.clients.size(), false);
    for (uint32_t i = 0; i < tunnel.clients.size(); ++i)
    {
        if (tunnel.clients[i].ike)
        {
            ++watch.left;
            tunnel.clients[i].ike->TraceConnectWithoutContext(
                "State", MakeBoundCallback(&ClientSetupState, &watch, i));
        }
    }
    if (watch.left > 0)
    {
        Simulator::Stop(Seconds(600)); // beyond any retransmission budget
        Simulator::Run();
        for (uint32_t i = 0; i < tunnel.clients.size(); ++i)
        {
            if (tunnel.clients[i].ike) // the watch ends here
            {
                tunnel.clients[i].ike->TraceDisconnectWithoutContext(
                    "State", MakeBoundCallback(&ClientSetupState, &watch, i));
            }
        }
    }
    ScenarioClock c;
    c.origin = Simulator::Now();
    c.start = c.origin + MilliSeconds(100);
    c.warmupEnd = c.start + p.GetTime("warmup");
    c.end = c.start + p.GetTime("duration");
    return c;
}

ScenarioTraffic
InstallTraffic(const RunParams& p,
               const ScenarioTopology& t,
               const ScenarioTunnel& tunnel,
               const ScenarioClock& clock)
{
    // Applications are added after the IKE phase: their start and stop times count from now
    // (the clock's origin).
    if (p.ManyClients())
    {
        return InstallClientsTraffic(p, t, tunnel, clock);
    }
    ScenarioTraffic traffic;
    traffic.flowsPerClient = p.Count("flows");
    RemoteAccessTopology& topo = *t.topo;
    const Time start = clock.start - clock.origin;
    const Time end = clock.end - clock.origin;
    const uint32_t flows = p.Count("flows");
    traffic.delivery = std::make_unique<DeliveryStats>(
        clock.warmupEnd, clock.end, t.baseRtt, 2 * t.baseRtt, std::max(1U, flows));
    traffic.delivery->TrackMilestones({1000000, 10000000});
    TypeId innerCc = TypeId::LookupByName("ns3::Tcp" + p.Get("inner-cc"));
    Time innerMinRto = p.GetTime("inner-min-rto");
    auto window = static_cast<uint32_t>(p.Bytes("inner-window"));
    traffic.mss = RemoteAccessTopology::GetTcpSegmentSize(tunnel.innerMtu);
    for (uint32_t f = 0; f < flows; ++f)
    {
        auto port = static_cast<uint16_t>(5001 + f);
        Ptr<BulkSink> sink = CreateObject<BulkSink>(
            port, f, traffic.delivery.get(), innerCc, traffic.mss, innerMinRto, window);
        topo.GetServer()->AddApplication(sink);
        Ptr<BulkSource> source = CreateObject<BulkSource>(
            topo.GetServerAddress(), port, innerCc, traffic.mss, innerMinRto, window);
        topo.GetClient()->AddApplication(source);
        source->SetStartTime(start + MilliSeconds(10) * f);
        source->SetStopTime(end);
        traffic.sinks.push_back(sink);
        traffic.sources.push_back(source);
    }
    if (p.Get("cbr-rate") != "0")
    {
        DataRate cbrRate;
        std::istringstream(p.Get("cbr-rate")) >> cbrRate;
        Ptr<CbrSender> sender
            = CreateObject<CbrSender>(topo.GetServerAddress(), 6001, cbrRate, p.Count("cbr-size"));
        sender->SetMeasuredPeriod(clock.warmupEnd, clock.end - Seconds(1)); // late ones come
        topo.GetClient()->AddApplication(sender);
        sender->SetStartTime(start);
        sender->SetStopTime(end);
        traffic.cbrReceiver = CreateObject<CbrReceiver>(6001, sender);
        topo.GetServer()->AddApplication(traffic.cbrReceiver);
    }
    if (uint32_t request = p.Count("rr-request"); request > 0)
    {
        uint32_t response = p.Count("rr-response");
        Ptr<ResponseServer> server
            = CreateObject<ResponseServer>(7001, request, response, innerCc, innerMinRto);
        topo.GetServer()->AddApplication(server);
        traffic.rrClient = CreateObject<RequestClient>(topo.GetServerAddress(),
                                                       7001,
                                                       request,
                                                       response,
                                                       p.GetTime("rr-interval"),
                                                       traffic.mss,
                                                       innerCc,
                                                       innerMinRto);
        traffic.rrClient->SetMeasuredPeriod(clock.warmupEnd, clock.end);
        topo.GetClient()->AddApplication(traffic.rrClient);
        traffic.rrClient->SetStartTime(start);
        traffic.rrClient->SetStopTime(end);
    }
    return traffic;
}

void
ScheduleImpairments(const RunParams& p, const ScenarioTopology& t, const ScenarioClock& clock)
{
    if (t.firewall && p.Seconds("udp-block-length") > 0)
    {
        // SetPolicyAt takes absolute times; UDP comes back to the policy of --block.
        PacketFirewall::Policy usual = t.firewall->GetPolicy();
        Time from = clock.start + p.GetTime("udp-block-start");
        t.firewall->SetPolicyAt(from, PacketFirewall::DROP_UDP);
        t.firewall->SetPolicyAt(from + p.GetTime("udp-block-length"), usual);
    }
    if (p.Seconds("outage-length") > 0)
    {
        // The path goes dead both ways: each bottleneck device's loss model is swapped for
        // one that drops everything, and swapped back afterwards.
        Ptr<RateErrorModel> dead = CreateObject<RateErrorModel>();
        dead->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
        dead->SetRate(1.0);
        Time from = clock.start - clock.origin + p.GetTime("outage-start");
        Time back = from + p.GetTime("outage-length");
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<NetDevice> dev = t.topo->GetBottleneckDevices().Get(i);
            PointerValue usual;
            dev->GetAttribute("ReceiveErrorModel", usual);
            Simulator::Schedule(from, &SetReceiveErrorModel, dev, Ptr<ErrorModel>(dead));
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
}

InnerTcpSummary
SummarizeInnerTcp(const ScenarioTraffic& traffic)
{
    InnerTcpSummary s;
    double rtoSumMs = 0; // the retransmission timer at every RTT sample, summed over flows
    for (const auto& source : traffic.sources)
    {
        if (Ptr<TcpSocketStats> st = source->GetStats())
        {
            s.retransmissions += st->GetRetransmissions();
            s.timeouts += st->GetTimeouts();
            for (const Time& t : st->GetRttSamples())
            {
                s.rttMs.push_back(t.GetSeconds() * 1000);
            }
            rtoSumMs += st->GetMeanRto().GetSeconds() * 1000 * st->GetRttSamples().size();
        }
    }
    for (const auto& sink : traffic.sinks)
    {
        if (Ptr<TcpSocketStats> st = sink->GetStats())
        {
            s.spurious += st->GetDuplicateSegments();
        }
    }
    std::sort(s.rttMs.begin(), s.rttMs.end());
    s.meanRtoMs = s.rttMs.empty() ? 0 : rtoSumMs / s.rttMs.size();
    return s;
}

std::vector<ClientSummary>
SummarizeClients(const ScenarioOutcome& o)
{
    const ScenarioTunnel& tunnel = o.tunnel;
    const ScenarioTraffic& traffic = o.traffic;
    std::vector<ClientSummary> clients;
    auto n = static_cast<uint32_t>(std::max<std::size_t>(1, tunnel.clients.size()));
    for (uint32_t i = 0; i < n; ++i)
    {
        ClientSummary c;
        c.id = i;
        Ptr<IkeSession> ike;
        if (tunnel.clients.empty()) // the single-client scenario
        {
            c.mode = o.params.Mode();
            ike = tunnel.ike;
            c.address = tunnel.tunnel.client ? tunnel.tunnel.clientInner
                                             : o.topology.topo->GetClientAddress();
        }
        else
        {
            const ScenarioClient& sc = tunnel.clients[i];
            c.mode = sc.mode;
            ike = sc.ike;
            c.address
                = sc.tunnel.client ? sc.tunnel.clientInner : o.topology.topo->GetClientAddress(i);
        }
        if (ike && ike->GetState() == IkeSession::ESTABLISHED)
        {
            c.ikeHandshakeMs = ike->GetHandshakeTime().GetSeconds() * 1000;
        }
        for (uint32_t f = i * traffic.flowsPerClient;
             f < (i + 1) * traffic.flowsPerClient && f < traffic.sources.size();
             ++f)
        {
            c.bytes += traffic.delivery->GetBytes(f);
            c.stalls += traffic.delivery->GetStalls(f);
            if (Ptr<TcpSocketStats> st = traffic.sources[f]->GetStats())
            {
                for (const Time& t : st->GetRttSamples())
                {
                    c.rttMs.push_back(t.GetSeconds() * 1000);
                }
            }
        }
        std::sort(c.rttMs.begin(), c.rttMs.end());
        c.goodputMbps = c.bytes * 8.0 / o.MeasuredSeconds() / 1e6;
        clients.push_back(std::move(c));
    }
    return clients;
}

} // namespace tcpencap
