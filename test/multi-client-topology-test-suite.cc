/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The remote-access topology with many clients, without a tunnel: each client's UDP echoes
// cross its own access link with its own delay, rate and loss; node, device and queue-disc
// order keep the single-client indexes; client addresses are distinct and stay clear of the
// other networks; a thousand clients build and the last one reaches the server.
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/remote-access-topology.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/traffic-control-layer.h"
#include "ns3/udp-echo-helper.h"
#include "ns3/uinteger.h"

#include <cstdint>
#include <map>
#include <set>
#include <vector>

using namespace ns3;

namespace
{

constexpr uint16_t ECHO_PORT = 9;            //!< the server's echo port
constexpr uint32_t PAYLOAD = 100;            //!< UDP payload of every echo, bytes
constexpr uint32_t FRAME = PAYLOAD + 30;     //!< on the wire: UDP 8, IPv4 20, PPP 2
const Ipv4Address SERVER("10.1.3.2");        //!< the server
const Ipv4Address PROTECTED("10.1.3.0");     //!< the server's network, /24
const Ipv4Address BOTTLENECK("10.1.2.0");    //!< router to gateway, /24
const Ipv4Address INNER("10.8.0.0");         //!< the tunnels' inner network, /16
const Ipv4Address MORE_CLIENTS("10.16.0.0"); //!< the access links of clients 1, 2, ..., /12

/**
 * \param address an address
 * \param network a network
 * \param prefix its prefix length
 * \return whether the address is in the network
 */
bool
InNetwork(Ipv4Address address, Ipv4Address network, uint32_t prefix)
{
    Ipv4Mask mask(prefix == 0 ? 0 : ~0U << (32 - prefix));
    return address.CombineMask(mask) == network;
}

/**
 * \brief The topology without a tunnel, an echo server on the server, and per client the
 * times its echo requests left and its echoes came back, and what the server received from it.
 */
class EchoScenario
{
  public:
    /** \param params topology parameters */
    explicit EchoScenario(const RemoteAccessTopologyParams& params)
        : m_topology(params)
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        m_topology.Build();
        m_topology.AssignStreams(1);
        UdpEchoServerHelper server(ECHO_PORT);
        ApplicationContainer apps = server.Install(m_topology.GetServer());
        apps.Get(0)->TraceConnectWithoutContext("RxWithAddresses",
                                                MakeCallback(&EchoScenario::ServerRx, this));
        m_tx.resize(params.clients);
        m_rx.resize(params.clients);
    }

    ~EchoScenario()
    {
        Simulator::Destroy();
    }

    /** \return the topology */
    RemoteAccessTopology&
    Topology()
    {
        return m_topology;
    }

    /**
     * \brief Client i sends echo requests to the server.
     * \param i index of the client
     * \param count how many
     * \param start when the first leaves
     * \param interval between them
     */
    void
    AddEchoes(uint32_t i, uint32_t count, Time start, Time interval)
    {
        UdpEchoClientHelper helper(InetSocketAddress(SERVER, ECHO_PORT));
        helper.SetAttribute("MaxPackets", UintegerValue(count));
        helper.SetAttribute("Interval", TimeValue(interval));
        helper.SetAttribute("PacketSize", UintegerValue(PAYLOAD));
        ApplicationContainer apps = helper.Install(m_topology.GetClient(i));
        apps.Get(0)->SetStartTime(start);
        apps.Get(0)->TraceConnectWithoutContext("Tx",
                                                MakeBoundCallback(&EchoScenario::Note, &m_tx[i]));
        apps.Get(0)->TraceConnectWithoutContext("Rx",
                                                MakeBoundCallback(&EchoScenario::Note, &m_rx[i]));
    }

    /**
     * \param i index of a client
     * \return when its echo requests left
     */
    const std::vector<Time>&
    Sent(uint32_t i) const
    {
        return m_tx[i];
    }

    /**
     * \param i index of a client
     * \return when its echoes came back
     */
    const std::vector<Time>&
    Echoed(uint32_t i) const
    {
        return m_rx[i];
    }

    /**
     * \param from a source address
     * \return datagrams the server received from it
     */
    uint32_t
    ServerReceivedFrom(Ipv4Address from) const
    {
        auto it = m_serverRx.find(from);
        return it == m_serverRx.end() ? 0 : it->second;
    }

    /** \return the source addresses the server received from */
    std::set<Ipv4Address>
    ServerSources() const
    {
        std::set<Ipv4Address> sources;
        for (const auto& [from, count] : m_serverRx)
        {
            sources.insert(from);
        }
        return sources;
    }

    /**
     * \param i index of a client
     * \return the round-trip time of an echo to the server from it when nothing queues:
     * propagation and serialization on its access link, the bottleneck and the LAN, both ways
     */
    Time
    ExpectedRtt(uint32_t i, const RemoteAccessTopologyParams& p) const
    {
        AccessLinkParams access = p.GetAccessLink(i);
        Time oneWay = access.delay + access.rate.CalculateBytesTxTime(FRAME) + p.bottleneckDelay
                      + p.bottleneckRate.CalculateBytesTxTime(FRAME) + p.lanDelay
                      + p.lanRate.CalculateBytesTxTime(FRAME);
        return 2 * oneWay;
    }

  private:
    /**
     * \param times where to note the time
     * \param packet the packet (unused)
     */
    static void
    Note(std::vector<Time>* times, Ptr<const Packet> /* packet */)
    {
        times->push_back(Simulator::Now());
    }

    /**
     * \param packet the request (unused)
     * \param from its source
     * \param local the server's address (unused)
     */
    void
    ServerRx(Ptr<const Packet> /* packet */, const Address& from, const Address& /* local */)
    {
        ++m_serverRx[InetSocketAddress::ConvertFrom(from).GetIpv4()];
    }

    RemoteAccessTopology m_topology;            //!< the scenario
    std::vector<std::vector<Time>> m_tx;        //!< per client: requests sent
    std::vector<std::vector<Time>> m_rx;        //!< per client: echoes received
    std::map<Ipv4Address, uint32_t> m_serverRx; //!< requests at the server, by source
};

/**
 * \brief Three clients on access links of 1, 10 and 30 ms (the last at 10 Mbit/s): every echo
 * comes back after twice its own access delay, the bottleneck's and the LAN's, plus
 * serialization on each link; the server sees each client's own address.
 */
class MultiClientRttTest : public TestCase
{
  public:
    MultiClientRttTest()
        : TestCase("three clients, three access delays: each echo's RTT is its own path's")
    {
    }

  private:
    void
    DoRun() override
    {
        RemoteAccessTopologyParams params;
        params.clients = 3;
        params.access = {{DataRate("1Gbps"), MilliSeconds(1), 0.0},
                         {DataRate("1Gbps"), MilliSeconds(10), 0.0},
                         {DataRate("10Mbps"), MilliSeconds(30), 0.0}};
        EchoScenario s(params);
        // One echo in flight at a time (the longest RTT is about 101 ms): nothing queues.
        const uint32_t echoes = 4;
        for (uint32_t i = 0; i < params.clients; ++i)
        {
            s.AddEchoes(i, echoes, Seconds(1) + MilliSeconds(200 * i), MilliSeconds(600));
        }
        Simulator::Stop(Seconds(5));
        Simulator::Run();

        std::set<Ipv4Address> addresses;
        for (uint32_t i = 0; i < params.clients; ++i)
        {
            Ipv4Address address = s.Topology().GetClientAddress(i);
            addresses.insert(address);
            NS_TEST_EXPECT_MSG_EQ(s.ServerReceivedFrom(address),
                                  echoes,
                                  "the server got every request of client " << i << " from "
                                                                            << address);
            NS_TEST_ASSERT_MSG_EQ(s.Sent(i).size(), echoes, "client " << i << " sent");
            NS_TEST_ASSERT_MSG_EQ(s.Echoed(i).size(), echoes, "client " << i << " got every echo");
            const Time expected = s.ExpectedRtt(i, params);
            for (uint32_t k = 0; k < echoes; ++k)
            {
                const Time rtt = s.Echoed(i)[k] - s.Sent(i)[k];
                NS_TEST_EXPECT_MSG_EQ_TOL(
                    rtt, expected, MicroSeconds(1), "client " << i << ", echo " << k);
            }
        }
        NS_TEST_EXPECT_MSG_EQ(addresses.size(), params.clients, "distinct client addresses");
        NS_TEST_EXPECT_MSG_EQ((s.ServerSources() == addresses), true, "no other sources");
        // 2 x (30 + 20 + 0.1) ms and 2 x 130 bytes at 10 Mbit/s twice and at 1 Gbit/s
        NS_TEST_EXPECT_MSG_EQ(s.ExpectedRtt(2, params),
                              MicroSeconds(100200 + 416) + NanoSeconds(2080),
                              "the expectation itself");
    }
};

/**
 * \brief Access loss: a client whose link loses everything delivers nothing while the others
 * deliver everything; a client at 25 % loses in both directions (requests at the router,
 * echoes at the client).
 */
class AccessLossTest : public TestCase
{
  public:
    AccessLossTest()
        : TestCase("access loss: 100 % delivers nothing, 25 % loses both ways, others lose none")
    {
    }

  private:
    void
    DoRun() override
    {
        RemoteAccessTopologyParams params;
        params.clients = 4;
        params.access = {{DataRate("1Gbps"), MilliSeconds(1), 0.0},
                         {DataRate("1Gbps"), MilliSeconds(10), 1.0},
                         {DataRate("1Gbps"), MilliSeconds(30), 0.0},
                         {DataRate("1Gbps"), MilliSeconds(5), 0.25}};
        EchoScenario s(params);
        NS_TEST_EXPECT_MSG_EQ(
            s.Topology().AssignStreams(1), 4, "one stream per direction of each lossy access link");
        const uint32_t n = 2000;
        for (uint32_t i = 0; i < params.clients; ++i)
        {
            // 2000 echoes at 1 ms intervals, 250 us apart from one client to the next (the
            // access delays are whole milliseconds): the bottleneck (104 us per request) is
            // never busy when a request or an echo arrives at it.
            s.AddEchoes(i, n, Seconds(1) + MicroSeconds(250 * i), MilliSeconds(1));
        }
        Simulator::Stop(Seconds(4));
        Simulator::Run();

        for (uint32_t i : {0U, 2U})
        {
            NS_TEST_EXPECT_MSG_EQ(s.ServerReceivedFrom(s.Topology().GetClientAddress(i)),
                                  n,
                                  "lossless client " << i << ": every request arrived");
            NS_TEST_EXPECT_MSG_EQ(s.Echoed(i).size(), n, "and every echo came back");
        }
        NS_TEST_EXPECT_MSG_EQ(s.Sent(1).size(), n, "the lossy client sent");
        NS_TEST_EXPECT_MSG_EQ(
            s.ServerReceivedFrom(s.Topology().GetClientAddress(1)), 0, "100 %: no request arrived");
        NS_TEST_EXPECT_MSG_EQ(s.Echoed(1).size(), 0, "100 %: no echo");
        double up = double(s.ServerReceivedFrom(s.Topology().GetClientAddress(3))) / n;
        double down
            = double(s.Echoed(3).size()) / s.ServerReceivedFrom(s.Topology().GetClientAddress(3));
        NS_TEST_EXPECT_MSG_EQ_TOL(up, 0.75, 0.04, "25 %: requests lost on the way up");
        NS_TEST_EXPECT_MSG_EQ_TOL(down, 0.75, 0.04, "25 %: echoes lost on the way down");
        NS_TEST_EXPECT_MSG_EQ(s.Topology().GetQueueDrops(), 0, "no queue overflowed");
    }
};

/**
 * \brief The order of nodes, devices and queue discs: client 0, router, gateway and server keep
 * the single-client node ids and device indexes, the other clients come after them; every
 * client's interface has the address GetClientAddress gives.
 */
class LayoutTest : public TestCase
{
  public:
    LayoutTest()
        : TestCase("node, device and queue-disc order; addresses on the interfaces")
    {
    }

  private:
    void
    DoRun() override
    {
        {
            RemoteAccessTopology single{RemoteAccessTopologyParams()};
            single.Build();
            NS_TEST_EXPECT_MSG_EQ(single.GetClientCount(), 1, "one client by default");
            NS_TEST_EXPECT_MSG_EQ(single.GetClients().GetN(), 1, "one client node");
            NS_TEST_EXPECT_MSG_EQ(single.GetAllDevices().GetN(), 6, "three links");
            NS_TEST_EXPECT_MSG_EQ(single.GetQueueDiscs().GetN(), 6, "a FIFO per device");
            NS_TEST_EXPECT_MSG_EQ(single.AssignStreams(1), 0, "no loss, no streams");
            NS_TEST_EXPECT_MSG_EQ(single.GetClientAddress(), Ipv4Address("10.1.1.1"), "client");
            Simulator::Destroy();
        }
        RemoteAccessTopologyParams params;
        params.clients = 3;
        RemoteAccessTopology topo(params);
        topo.Build();
        const uint32_t firstId = topo.GetClient()->GetId();
        NS_TEST_EXPECT_MSG_EQ(topo.GetRouter()->GetId(), firstId + 1, "router after client 0");
        NS_TEST_EXPECT_MSG_EQ(topo.GetGateway()->GetId(), firstId + 2, "then the gateway");
        NS_TEST_EXPECT_MSG_EQ(topo.GetServer()->GetId(), firstId + 3, "then the server");
        NS_TEST_EXPECT_MSG_EQ(topo.GetClient(1)->GetId(), firstId + 4, "then client 1");
        NS_TEST_EXPECT_MSG_EQ(topo.GetClient(2)->GetId(), firstId + 5, "then client 2");
        NodeContainer clients = topo.GetClients();
        NS_TEST_ASSERT_MSG_EQ(clients.GetN(), 3, "three clients");
        for (uint32_t i = 0; i < 3; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(clients.Get(i), topo.GetClient(i), "GetClients in order");
        }
        NS_TEST_EXPECT_MSG_EQ(topo.GetClient(0), topo.GetClient(), "GetClient() is client 0");

        NetDeviceContainer all = topo.GetAllDevices();
        NS_TEST_ASSERT_MSG_EQ(all.GetN(), 10, "five links");
        const std::vector<Ptr<Node>> owners = {topo.GetClient(),
                                               topo.GetRouter(),
                                               topo.GetRouter(),
                                               topo.GetGateway(),
                                               topo.GetGateway(),
                                               topo.GetServer(),
                                               topo.GetClient(1),
                                               topo.GetRouter(),
                                               topo.GetClient(2),
                                               topo.GetRouter()};
        for (uint32_t d = 0; d < all.GetN(); ++d)
        {
            NS_TEST_EXPECT_MSG_EQ(all.Get(d)->GetNode(), owners[d], "device " << d << "'s node");
        }
        NS_TEST_EXPECT_MSG_EQ(all.Get(1), topo.GetAccessDevices(0).Get(1), "client 0's link");
        NS_TEST_EXPECT_MSG_EQ(all.Get(8), topo.GetAccessDevices(2).Get(0), "client 2's link");
        QueueDiscContainer fifos = topo.GetQueueDiscs();
        NS_TEST_ASSERT_MSG_EQ(fifos.GetN(), 10, "a FIFO per device");
        for (uint32_t d = 0; d < all.GetN(); ++d)
        {
            NS_TEST_EXPECT_MSG_EQ(fifos.Get(d)->GetInstanceTypeId().GetName(),
                                  "ns3::FifoQueueDisc",
                                  "device " << d << ": a FIFO, not FqCoDel");
            Ptr<TrafficControlLayer> tc = all.Get(d)->GetNode()->GetObject<TrafficControlLayer>();
            NS_TEST_EXPECT_MSG_EQ(tc->GetRootQueueDiscOnDevice(all.Get(d)),
                                  fifos.Get(d),
                                  "queue disc " << d << " on device " << d);
        }
        // Interface 1 of each client is its access link, with the address the topology gives.
        for (uint32_t i = 0; i < 3; ++i)
        {
            Ptr<Ipv4> ipv4 = topo.GetClient(i)->GetObject<Ipv4>();
            NS_TEST_EXPECT_MSG_EQ(ipv4->GetAddress(1, 0).GetLocal(),
                                  topo.GetClientAddress(i),
                                  "client " << i << "'s address");
        }
        NS_TEST_EXPECT_MSG_EQ(topo.GetClientAddress(1), Ipv4Address("10.16.0.1"), "client 1");
        NS_TEST_EXPECT_MSG_EQ(topo.GetClientAddress(2), Ipv4Address("10.16.0.5"), "client 2");
        Simulator::Destroy();
    }
};

/**
 * \brief The address scheme scales: 4096 clients, and the most the scheme holds, get distinct
 * addresses outside the bottleneck, the LAN and the tunnels' inner network (no build needed).
 */
class AddressSchemeTest : public TestCase
{
  public:
    AddressSchemeTest()
        : TestCase("4096 clients and the maximum: distinct addresses clear of the others")
    {
    }

  private:
    void
    DoRun() override
    {
        RemoteAccessTopologyParams params;
        params.clients = 4096;
        RemoteAccessTopology topo(params);
        std::set<Ipv4Address> addresses;
        for (uint32_t i = 0; i < params.clients; ++i)
        {
            Ipv4Address a = topo.GetClientAddress(i);
            addresses.insert(a);
            bool clear = !InNetwork(a, BOTTLENECK, 24) && !InNetwork(a, PROTECTED, 24)
                         && !InNetwork(a, INNER, 16);
            NS_TEST_EXPECT_MSG_EQ(clear, true, "client " << i << " at " << a);
            if (i > 0)
            {
                NS_TEST_EXPECT_MSG_EQ(InNetwork(a, MORE_CLIENTS, 12), true, "in 10.16.0.0/12");
            }
        }
        NS_TEST_EXPECT_MSG_EQ(addresses.size(), params.clients, "distinct");
        NS_TEST_EXPECT_MSG_EQ(topo.GetClientAddress(4095),
                              Ipv4Address("10.16.63.249"),
                              "client 4095: /30 number 4094");

        params.clients = RemoteAccessTopology::MAX_CLIENTS;
        RemoteAccessTopology most(params);
        NS_TEST_EXPECT_MSG_EQ(most.GetClientAddress(RemoteAccessTopology::MAX_CLIENTS - 1),
                              Ipv4Address("10.31.255.253"),
                              "the last /30 of 10.16.0.0/12");
    }
};

/**
 * \brief A thousand clients build with static routes; the last (and the first) reaches the
 * server and gets its echo back after its path's RTT.
 */
class ThousandClientsTest : public TestCase
{
  public:
    ThousandClientsTest()
        : TestCase("1000 clients: client 999 reaches the server")
    {
    }

  private:
    void
    DoRun() override
    {
        RemoteAccessTopologyParams params;
        params.clients = 1000;
        EchoScenario s(params);
        NS_TEST_ASSERT_MSG_EQ(s.Topology().GetClients().GetN(), 1000, "1000 client nodes");
        NS_TEST_EXPECT_MSG_EQ(s.Topology().GetAllDevices().GetN(), 2004, "1002 links");
        NS_TEST_EXPECT_MSG_EQ(s.Topology().GetRouter()->GetObject<Ipv4>()->GetNInterfaces(),
                              1002,
                              "router: loopback, 1000 access links, bottleneck");
        for (uint32_t i : {999U, 0U, 500U})
        {
            s.AddEchoes(i,
                        2,
                        Seconds(1)
                            + MilliSeconds(i == 999 ? 0
                                           : i == 0 ? 100
                                                    : 200),
                        MilliSeconds(300));
        }
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        for (uint32_t i : {999U, 0U, 500U})
        {
            NS_TEST_EXPECT_MSG_EQ(s.ServerReceivedFrom(s.Topology().GetClientAddress(i)),
                                  2,
                                  "client " << i << " reached the server");
            NS_TEST_ASSERT_MSG_EQ(s.Echoed(i).size(), 2, "client " << i << " got its echoes");
            NS_TEST_EXPECT_MSG_EQ_TOL(s.Echoed(i)[0] - s.Sent(i)[0],
                                      s.ExpectedRtt(i, params),
                                      MicroSeconds(1),
                                      "client " << i << "'s RTT");
        }
        NS_TEST_EXPECT_MSG_EQ(s.ServerSources().size(), 3, "nobody else");
    }
};

/** The multi-client topology suite. */
class MultiClientTopologyTestSuite : public TestSuite
{
  public:
    MultiClientTopologyTestSuite()
        : TestSuite("tcp-encap-multi-client-topology", Type::UNIT)
    {
        AddTestCase(new MultiClientRttTest(), TestCase::Duration::QUICK);
        AddTestCase(new AccessLossTest(), TestCase::Duration::QUICK);
        AddTestCase(new LayoutTest(), TestCase::Duration::QUICK);
        AddTestCase(new AddressSchemeTest(), TestCase::Duration::QUICK);
        AddTestCase(new ThousandClientsTest(), TestCase::Duration::QUICK);
    }
};

MultiClientTopologyTestSuite g_multiClientTopologyTestSuite; //!< registers the suite

} // namespace
