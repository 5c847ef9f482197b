/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 9329 §6: the IKE SA and its Child SAs outlive TCP connections. An inner bulk transfer
// runs through ESP-in-TCP; a middlebox on the router injects RSTs into the connection at
// --resetAt, and the gateway closes it with a FIN at --finAt. The client reconnects each
// time (new IKETCP prefix), the gateway moves to the new connection on its first valid ESP,
// and the transfer goes on with the same SAs. Prints goodput per second, the SPIs before and
// after, how each connection ended, and the outages.
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/tcp-encap-module.h"

#include <iomanip>
#include <iostream>

using namespace ns3;

namespace
{
/** \param spis SPIs \return them in hex, comma separated */
std::string
Hex(const std::vector<uint32_t>& spis)
{
    std::ostringstream os;
    for (std::size_t i = 0; i < spis.size(); ++i)
    {
        os << (i ? "," : "") << "0x" << std::hex << spis[i];
    }
    return os.str();
}
/** \param gateway the gateway endpoint \param out receives its SPIs */
void
RecordSpis(Ptr<IpsecEndpoint> gateway, std::string* out)
{
    *out = Hex(gateway->GetSad().GetSpis());
}

/** \param second which second \param sink the sink \param last bytes at the previous one */
void
PrintSecond(int second, Ptr<PacketSink> sink, uint64_t* last)
{
    uint64_t now = sink->GetTotalRx();
    std::cout << std::setw(6) << second << "  " << std::fixed << std::setprecision(2)
              << (now - *last) * 8.0 / 1e6 << "\n";
    *last = now;
}
} // namespace

int
main(int argc, char* argv[])
{
    double seconds = 30;
    Time resetAt = Seconds(10);
    Time finAt = Seconds(20);
    RemoteAccessTopologyParams params;

    CommandLine cmd(__FILE__);
    cmd.AddValue("time", "simulated seconds of transfer", seconds);
    cmd.AddValue("resetAt", "when the middlebox resets the connection", resetAt);
    cmd.AddValue("finAt", "when the gateway closes the connection", finAt);
    cmd.AddValue("rate", "bottleneck rate", params.bottleneckRate);
    cmd.AddValue("delay", "bottleneck one-way delay", params.bottleneckDelay);
    cmd.Parse(argc, argv);
    Config::SetDefault("ns3::TcpSocketBase::MinRto", TimeValue(MilliSeconds(200)));
    Config::SetDefault("ns3::TcpSocket::DelAckTimeout", TimeValue(MilliSeconds(40)));

    RemoteAccessTopology topo(params);
    topo.Build();
    topo.AssignStreams(1);
    IpsecTunnelHelper helper;
    helper.AssignStreams(100);
    helper.SetTransportType("ns3::TcpEncapTransport");
    IpsecTunnel tunnel = helper.Install(topo.GetClient(),
                                        topo.GetClientAddress(),
                                        topo.GetGateway(),
                                        topo.GetGatewayAddress(),
                                        topo.GetProtectedNetwork(),
                                        topo.GetProtectedMask());
    Config::SetDefault(
        "ns3::TcpSocket::SegmentSize",
        UintegerValue(RemoteAccessTopology::GetTcpSegmentSize(tunnel.client->GetTunnelMtu())));
    auto client = DynamicCast<TcpEncapTransport>(tunnel.client->GetTransport());
    auto gateway = DynamicCast<TcpEncapTransport>(tunnel.gateway->GetTransport());

    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 5001));
    Ptr<PacketSink> sink = DynamicCast<PacketSink>(sinkHelper.Install(topo.GetServer()).Get(0));
    BulkSendHelper source("ns3::TcpSocketFactory",
                          InetSocketAddress(topo.GetServerAddress(), 5001));
    ApplicationContainer sourceApp = source.Install(topo.GetClient());
    sourceApp.Start(Seconds(0.5));

    Ptr<TcpResetInjector> injector = CreateObject<TcpResetInjector>();
    injector->Install(topo.GetRouter());
    injector->ScheduleReset(resetAt, 4500);
    Simulator::Schedule(finAt, &TcpEncapTransport::CloseConnections, gateway);

    std::string spisBefore;
    Simulator::Schedule(resetAt - MilliSeconds(1), &RecordSpis, tunnel.gateway, &spisBefore);
    std::cout << "second  inner goodput (Mbit/s)\n";
    uint64_t last = 0;
    for (int s = 1; s <= int(seconds); ++s)
    {
        Simulator::Schedule(Seconds(0.5 + s), &PrintSecond, s, sink, &last);
    }
    Simulator::Stop(Seconds(0.5 + seconds));
    Simulator::Run();

    std::cout << "\ngateway SPIs before the reset: " << spisBefore << "\n"
              << "gateway SPIs at the end:       " << Hex(tunnel.gateway->GetSad().GetSpis())
              << "\n"
              << "client: connections opened " << client->GetConnectionsOpened() << ", reconnects "
              << client->GetReconnects() << ", ended by peer-reset "
              << client->GetConnectionsClosed(TcpEncapConnection::PEER_RESET) << ", by peer-fin "
              << client->GetConnectionsClosed(TcpEncapConnection::PEER_FIN) << "\n";
    for (std::size_t i = 0; i < client->GetOutages().size(); ++i)
    {
        std::cout << "outage " << i + 1 << ": " << client->GetOutages()[i].As(Time::MS) << "\n";
    }
    std::cout << "ESP replays or ICV failures at the gateway: "
              << tunnel.gateway->GetRxCounters().Get(EspStatus::REPLAY)
                     + tunnel.gateway->GetRxCounters().Get(EspStatus::ICV_FAILURE)
              << "\n";
    Simulator::Destroy();
    return 0;
}
