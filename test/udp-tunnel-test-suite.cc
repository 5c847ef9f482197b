/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// End to end: inner TCP from client to server through the ESP-in-UDP tunnel of the
// remote-access scenario, checked byte for byte and packet for packet on the bottleneck.
#include "tcp-encap-test-apps.h"

#include "ns3/ipsec-tunnel-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/ppp-header.h"
#include "ns3/queue-disc.h"
#include "ns3/remote-access-topology.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket.h"
#include "ns3/test.h"
#include "ns3/udp-header.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::tcpencaptest;

namespace
{

/** What crossed the bottleneck from router to gateway. */
struct WireCount
{
    uint64_t packets{0};  //!< all packets
    uint64_t espInUdp{0}; //!< UDP 4500 datagrams carrying ESP (non-zero SPI)
    uint64_t other{0};    //!< anything else: inner traffic in clear would land here
};

/** Classify one packet as the bottleneck's router side transmits it. */
void
CountWire(WireCount* count, Ptr<const Packet> packet)
{
    Ptr<Packet> p = packet->Copy();
    PppHeader ppp;
    Ipv4Header ip;
    UdpHeader udp;
    p->RemoveHeader(ppp);
    p->RemoveHeader(ip);
    ++count->packets;
    if (ip.GetProtocol() == 17 && p->RemoveHeader(udp) && udp.GetDestinationPort() == 4500
        && p->GetSize() >= 4)
    {
        uint8_t spi[4];
        p->CopyData(spi, 4);
        if (spi[0] | spi[1] | spi[2] | spi[3])
        {
            ++count->espInUdp;
            return;
        }
    }
    ++count->other;
}

/**
 * \brief Count one packet lost on the link.
 * \param losses the counter
 */
void
CountLoss(uint64_t* losses, Ptr<const Packet> /* packet */)
{
    ++*losses;
}

/** N bytes of inner TCP through the tunnel, with or without loss on the bottleneck. */
class UdpTunnelTransferTest : public TestCase
{
  public:
    /** \param lossRate per-packet loss on the bottleneck (both directions) */
    explicit UdpTunnelTransferTest(double lossRate)
        : TestCase("inner TCP transfer through ESP-in-UDP, loss " + std::to_string(lossRate))
        , m_lossRate(lossRate)
    {
    }

  private:
    void
    DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        const uint64_t bytes = 2000000;
        RemoteAccessTopologyParams params;
        params.lossRate = m_lossRate;
        params.lossBothDirections = true;
        RemoteAccessTopology topo(params);
        topo.Build();
        topo.AssignStreams(10);

        IpsecTunnelHelper tunnelHelper;
        tunnelHelper.SetKeying(IpsecTunnelHelper::MANUAL); // every packet counted from t = 0
        tunnelHelper.AssignStreams(20);
        IpsecTunnel tunnel = tunnelHelper.Install(topo.GetClient(),
                                                  topo.GetClientAddress(),
                                                  topo.GetGateway(),
                                                  topo.GetGatewayAddress(),
                                                  topo.GetProtectedNetwork(),
                                                  topo.GetProtectedMask());
        uint32_t mtu = tunnel.client->GetTunnelMtu();
        NS_TEST_ASSERT_MSG_EQ(mtu, 1438, "tunnel MTU on a 1500-byte path");

        Ptr<PatternSink> sink = CreateObject<PatternSink>(5001);
        topo.GetServer()->AddApplication(sink);
        Ptr<PatternSource> source = CreateObject<PatternSource>(
            topo.GetServerAddress(), 5001, bytes, RemoteAccessTopology::GetTcpSegmentSize(mtu));
        topo.GetClient()->AddApplication(source);
        source->SetStartTime(Seconds(0.1));

        WireCount wire;
        uint64_t linkLosses = 0;
        Ptr<NetDevice> routerSide = topo.GetBottleneckDevices().Get(0);
        Ptr<NetDevice> gatewaySide = topo.GetBottleneckDevices().Get(1);
        NS_TEST_ASSERT_MSG_EQ(routerSide->TraceConnectWithoutContext(
                                  "PhyTxEnd", MakeBoundCallback(&CountWire, &wire)),
                              true,
                              "trace");
        NS_TEST_ASSERT_MSG_EQ(gatewaySide->TraceConnectWithoutContext(
                                  "PhyRxDrop", MakeBoundCallback(&CountLoss, &linkLosses)),
                              true,
                              "trace");

        Simulator::Stop(Seconds(60));
        Simulator::Run();
        // FIFO drops on the way from client to gateway: client's access queue, router's
        // bottleneck queue.
        QueueDiscContainer fifos = topo.GetQueueDiscs();
        uint64_t queueDrops = fifos.Get(0)->GetStats().nTotalDroppedPackets
                              + fifos.Get(2)->GetStats().nTotalDroppedPackets;

        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), bytes, "every byte arrived");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "in order and intact");
        const EspCounters& ctx = tunnel.client->GetTxCounters();
        const EspCounters& grx = tunnel.gateway->GetRxCounters();
        NS_TEST_ASSERT_MSG_GT(ctx.Get(EspStatus::OK),
                              bytes / RemoteAccessTopology::GetTcpSegmentSize(mtu),
                              "enough packets sealed");
        NS_TEST_ASSERT_MSG_EQ(ctx.GetDrops(), 0, "no outbound drops");
        NS_TEST_ASSERT_MSG_EQ(wire.other, 0, "nothing but ESP-in-UDP crossed the bottleneck");
        NS_TEST_ASSERT_MSG_EQ(wire.espInUdp + queueDrops,
                              ctx.Get(EspStatus::OK),
                              "every sealed packet crossed the bottleneck as ESP or was dropped "
                              "by its queue");
        NS_TEST_ASSERT_MSG_EQ(grx.GetDrops(), 0, "no ESP drops at the gateway");
        NS_TEST_ASSERT_MSG_EQ(grx.Get(EspStatus::OK) + linkLosses,
                              wire.espInUdp,
                              "every ESP packet that crossed and was not lost was opened");
        if (m_lossRate > 0)
        {
            NS_TEST_ASSERT_MSG_GT(linkLosses, 0, "the bottleneck lost ESP packets");
        }
        NS_TEST_ASSERT_MSG_EQ(tunnel.client->GetRxCounters().GetDrops(), 0, "client rx drops");
        Simulator::Destroy();
    }

    double m_lossRate; //!< loss on the bottleneck
};

/** The UDP tunnel suite. */
class UdpTunnelTestSuite : public TestSuite
{
  public:
    UdpTunnelTestSuite()
        : TestSuite("tcp-encap-udp-tunnel", Type::SYSTEM)
    {
        AddTestCase(new UdpTunnelTransferTest(0.0), TestCase::Duration::QUICK);
        AddTestCase(new UdpTunnelTransferTest(0.02), TestCase::Duration::QUICK);
    }
};

UdpTunnelTestSuite g_udpTunnelTestSuite; //!< registers the suite

} // namespace
