/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// A gateway that serves many clients (IpsecGateway): isolation between clients, one inner
// address each, many clients at once, IKE SAs and connections between the same two peers.

#include "ike-test-messages.h"
#include "tcp-encap-test-apps.h"

#include "ns3/enum.h"
#include "ns3/gateway-client-transport.h"
#include "ns3/internet-module.h"
#include "ns3/ipsec-gateway.h"
#include "ns3/ipsec-tunnel-helper.h"
#include "ns3/remote-access-topology.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-encap-transport.h"
#include "ns3/tcp-reset-injector.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ns3
{
namespace tcpencaptest
{
namespace
{

const std::string UDP = "ns3::UdpEncapTransport"; //!< ESP-in-UDP
const std::string TCP = "ns3::TcpEncapTransport"; //!< ESP-in-TCP
const std::string TLS = "ns3::TlsEncapTransport"; //!< ESP-in-TLS

/**
 * \brief N clients, each on its own access link, one bottleneck (100 Mbit/s, 10 ms), a
 * gateway listening on UDP 4500, TCP 4500 and TLS 443, and the server behind it. Client i
 * uses the transport transports[i] (one client per node).
 */
class GatewayScenario
{
  public:
    /**
     * \param transports each client's transport TypeId name
     * \param run the RngRun
     */
    explicit GatewayScenario(const std::vector<std::string>& transports, uint32_t run = 1)
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(run);
        RemoteAccessTopologyParams p;
        p.clients = static_cast<uint32_t>(transports.size());
        p.bottleneckRate = DataRate("100Mbps");
        p.bottleneckDelay = MilliSeconds(10);
        p.queuePackets = 1000;
        topology = std::make_unique<RemoteAccessTopology>(p);
        topology->Build();
        topology->AssignStreams(10);
        helper.AssignStreams(20);
        helper.SetInnerNetwork(Ipv4Address("10.8.0.0"), Ipv4Mask("255.255.0.0"));
        helper.SetIkeAttribute("LivenessInterval", TimeValue(Seconds(0))); // quiet
        gateway = helper.InstallGateway(topology->GetGateway(),
                                        topology->GetProtectedNetwork(),
                                        topology->GetProtectedMask(),
                                        {true, true, true});
        gateway->SetAttribute("HalfOpenTimeout", TimeValue(Seconds(3)));
        for (uint32_t i = 0; i < transports.size(); ++i)
        {
            helper.SetTransportType(transports[i]);
            clients.push_back(helper.InstallClient(
                topology->GetClient(i), gateway, topology->GetGatewayAddress(), i));
        }
    }

    /**
     * \param client a client
     * \param port the sink's TCP port on the server
     * \param bytes how much
     * \param start when
     * \return the sink
     */
    Ptr<PatternSink>
    AddTransfer(uint32_t client, uint16_t port, uint64_t bytes, Time start)
    {
        Ptr<PatternSink> sink = CreateObject<PatternSink>(port);
        topology->GetServer()->AddApplication(sink);
        uint32_t mss
            = RemoteAccessTopology::GetTcpSegmentSize(clients[client].client->GetTunnelMtu());
        Ptr<PatternSource> source
            = CreateObject<PatternSource>(topology->GetServerAddress(), port, bytes, mss);
        topology->GetClient(client)->AddApplication(source);
        source->SetStartTime(start);
        return sink;
    }

    /**
     * \param client a client
     * \return the gateway's endpoint for it (by its inner address), or nullptr
     */
    Ptr<IpsecEndpoint>
    GatewaySide(uint32_t client) const
    {
        return gateway->FindClientByInner(clients[client].clientInner);
    }

    /**
     * \param type a transport TypeId name
     * \return the gateway's listener of that type
     */
    Ptr<EncapTransport>
    Listener(const std::string& type) const
    {
        for (const auto& t : gateway->GetTransports())
        {
            if (t->GetInstanceTypeId().GetName() == type)
            {
                return t;
            }
        }
        return nullptr;
    }

    /**
     * \brief Send one UDP datagram from a client's node to the gateway's port 4500, as an
     * attacker on that node (or on its path) could.
     * \param client the client whose node sends
     * \param payload the datagram
     */
    void
    SendRawUdp(uint32_t client, Ptr<Packet> payload)
    {
        Ptr<Socket> s
            = Socket::CreateSocket(topology->GetClient(client), UdpSocketFactory::GetTypeId());
        s->Bind();
        s->SendTo(payload, 0, InetSocketAddress(topology->GetGatewayAddress(), 4500));
        s->Close();
    }

    std::unique_ptr<RemoteAccessTopology> topology; //!< the nodes and links
    IpsecTunnelHelper helper;                       //!< installs the gateway and clients
    Ptr<IpsecGateway> gateway;                      //!< the gateway
    std::vector<IpsecTunnel> clients;               //!< the clients
};

/**
 * \brief A second address of the server, 10.1.3.3, so that two tunnels of one client node can
 * each reach the server by their own host route.
 * \param topology the topology
 */
void
AddSecondServerAddress(RemoteAccessTopology& topology)
{
    Ptr<Ipv4> serverIp = topology.GetServer()->GetObject<Ipv4>();
    serverIp->AddAddress(1, Ipv4InterfaceAddress(Ipv4Address("10.1.3.3"), Ipv4Mask("/24")));
}

/**
 * \brief A transfer through each tunnel of client node 0, to its own server address (tunnel
 * 0 to the server's address, tunnel 1 to 10.1.3.3) by a host route through its tun device.
 * \param topology the topology
 * \param tunnels two tunnels of client 0
 * \param bytes how much each moves, from 0.5 s
 * \return the sinks, in order
 */
std::vector<Ptr<PatternSink>>
TransfersOverOwnTunnels(RemoteAccessTopology& topology,
                        const std::vector<const IpsecTunnel*>& tunnels,
                        uint64_t bytes)
{
    Ipv4StaticRoutingHelper routing;
    Ptr<Ipv4> clientIp = topology.GetClient()->GetObject<Ipv4>();
    Ptr<Ipv4StaticRouting> routes = routing.GetStaticRouting(clientIp);
    std::vector<Ptr<PatternSink>> sinks;
    for (uint32_t i = 0; i < tunnels.size(); ++i)
    {
        Ipv4Address server = i == 0 ? topology.GetServerAddress() : Ipv4Address("10.1.3.3");
        routes->AddHostRouteTo(server,
                               clientIp->GetInterfaceForDevice(tunnels[i]->client->GetTunDevice()));
        auto port = static_cast<uint16_t>(5001 + i);
        Ptr<PatternSink> sink = CreateObject<PatternSink>(port);
        topology.GetServer()->AddApplication(sink);
        uint32_t mss = RemoteAccessTopology::GetTcpSegmentSize(tunnels[i]->client->GetTunnelMtu());
        Ptr<PatternSource> source = CreateObject<PatternSource>(server, port, bytes, mss);
        topology.GetClient()->AddApplication(source);
        source->SetStartTime(Seconds(0.5));
        sinks.push_back(sink);
    }
    return sinks;
}

/**
 * \brief One client node with two tunnels (two endpoints, two TCP connections) to a gateway
 * listening on TCP only; the server has a second address (AddSecondServerAddress) so that each
 * tunnel can reach it by its own host route (TransfersOverOwnTunnels).
 */
struct TwoTunnelsOneNode
{
    TwoTunnelsOneNode()
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        RemoteAccessTopologyParams p;
        p.bottleneckRate = DataRate("100Mbps");
        p.bottleneckDelay = MilliSeconds(10);
        topology = std::make_unique<RemoteAccessTopology>(p);
        topology->Build();
        topology->AssignStreams(10);
        helper.AssignStreams(20);
        helper.SetInnerNetwork(Ipv4Address("10.8.0.0"), Ipv4Mask("255.255.0.0"));
        helper.SetTransportType(TCP);
        gateway = helper.InstallGateway(topology->GetGateway(),
                                        topology->GetProtectedNetwork(),
                                        topology->GetProtectedMask(),
                                        {false, true, false});
        a = helper.InstallClient(topology->GetClient(), gateway, topology->GetGatewayAddress(), 0);
        b = helper.InstallClient(topology->GetClient(), gateway, topology->GetGatewayAddress(), 1);
        AddSecondServerAddress(*topology);
    }

    std::unique_ptr<RemoteAccessTopology> topology; //!< one client node
    IpsecTunnelHelper helper;                       //!< installs them
    Ptr<IpsecGateway> gateway;                      //!< TCP only
    IpsecTunnel a;                                  //!< the first tunnel
    IpsecTunnel b;                                  //!< the second
};

/** What the test looks at of client B, to compare before and after A's trouble. */
struct SaSnapshot
{
    uint64_t spiI{0};    //!< B's IKE SA at the gateway
    uint64_t spiR{0};    //!< same
    uint32_t childIn{0}; //!< B's Child SA's inbound SPI at the gateway
    uint64_t ikeRx{0};   //!< IKE messages B's gateway side received

    /**
     * \param ike an IKE session
     * \param endpoint its endpoint
     * \return its state now
     */
    static SaSnapshot
    Of(Ptr<IkeSession> ike, Ptr<IpsecEndpoint> endpoint)
    {
        SaSnapshot s;
        if (ike && ike->GetIkeSa())
        {
            s.spiI = ike->GetIkeSa()->GetSpiI();
            s.spiR = ike->GetIkeSa()->GetSpiR();
            s.childIn = ike->GetChildInboundSpi();
        }
        s.ikeRx = endpoint ? endpoint->GetIkeRxCount() : 0;
        return s;
    }
};

/**
 * Two clients with overlapping transfers through one gateway: A over TCP, B over UDP. A's
 * connection is reset, A rekeys its Child SA, an IKE_SA_INIT nobody authenticated comes from
 * A's address, and an ESP packet with B's SPI but forged contents comes from A's node. Every
 * inner byte of both reaches its own sink intact; B keeps its IKE SA, its Child SA pair and
 * its sequence of IKE messages, finishes as fast as in the same run without A's trouble (B's
 * forged packet is counted once, as an ICV failure on B's SA: the SPI is all that names an SA,
 * RFC 4301 §4.1); the unauthenticated IKE_SA_INIT's client goes after HalfOpenTimeout.
 */
class TwoClientsIsolatedTest : public TestCase
{
  public:
    TwoClientsIsolatedTest()
        : TestCase("two clients: A's reset, rekey, unauthenticated IKE_SA_INIT and forged ESP "
                   "with B's SPI leave B's SAs and transfer as they were")
    {
    }

  private:
    /** What one run gives. */
    struct Outcome
    {
        uint64_t receivedA{0};           //!< bytes at A's sink
        uint64_t receivedB{0};           //!< bytes at B's sink
        uint64_t mismatches{0};          //!< bytes not as sent, both sinks
        Time doneB;                      //!< B's last byte
        SaSnapshot before;               //!< B at the gateway before A's trouble
        SaSnapshot after;                //!< B at the gateway at the end
        SaSnapshot clientB;              //!< B's own side at the end
        uint64_t bIcv{0};                //!< ICV failures on B's gateway side
        uint64_t bReplay{0};             //!< replays there
        uint64_t bClientIcv{0};          //!< ICV failures at B itself
        uint32_t aChildBefore{0};        //!< A's inbound SPI at A before the rekey
        uint32_t aChildAfter{0};         //!< and at the end
        uint32_t resets{0};              //!< RSTs the injector forged
        IpsecGateway::Counters counters; //!< the gateway's
        uint32_t clientsAtEnd{0};        //!< clients at the gateway at the end
        uint32_t established{0};         //!< established ones
    };

    /**
     * \param trouble whether A makes trouble
     * \return what happened
     */
    Outcome
    Run(bool trouble)
    {
        GatewayScenario s({TCP, UDP});
        const uint64_t bytes = 3000000;
        Ptr<PatternSink> sinkA = s.AddTransfer(0, 5001, bytes, Seconds(0.5));
        Ptr<PatternSink> sinkB = s.AddTransfer(1, 5002, bytes, Seconds(0.5));
        Ptr<TcpResetInjector> injector = CreateObject<TcpResetInjector>();
        injector->Install(s.topology->GetRouter());
        Outcome o;
        Simulator::Schedule(
            Seconds(0.9),
            [&]()
            {
                o.before = SaSnapshot::Of(s.GatewaySide(1)->GetIkeSession(), s.GatewaySide(1));
                o.aChildBefore = s.clients[0].client->GetIkeSession()->GetChildInboundSpi();
            });
        if (trouble)
        {
            injector->ScheduleReset(Seconds(1.0), 4500); // only A uses TCP 4500
            Simulator::Schedule(Seconds(1.5),
                                [&]()
                                {
                                    s.clients[0].client->GetIkeSession()->RekeyChildSa();
                                });
            Simulator::Schedule(Seconds(2.0),
                                [&]()
                                {
                                    // The non-ESP marker, then an IKE_SA_INIT with a new SPIi.
                                    std::vector<uint8_t> d(4, 0);
                                    auto init = ForgedInitRequest(0x5151515151515151ULL, 7);
                                    d.insert(d.end(), init.begin(), init.end());
                                    s.SendRawUdp(0, ToPacket(d));
                                });
            Simulator::Schedule(Seconds(2.5),
                                [&]()
                                {
                                    // B's SPI at the gateway, a sequence number far ahead of
                                    // its window (2^20), garbage after.
                                    uint32_t spi
                                        = s.GatewaySide(1)->GetIkeSession()->GetChildInboundSpi();
                                    std::vector<uint8_t> esp = {uint8_t(spi >> 24),
                                                                uint8_t(spi >> 16),
                                                                uint8_t(spi >> 8),
                                                                uint8_t(spi),
                                                                0,
                                                                0x10,
                                                                0,
                                                                0};
                                    esp.resize(120, 0x5a);
                                    s.SendRawUdp(0, ToPacket(esp));
                                });
        }
        Simulator::Stop(Seconds(12));
        Simulator::Run();
        o.receivedA = sinkA->GetReceived();
        o.receivedB = sinkB->GetReceived();
        o.mismatches = sinkA->GetMismatches() + sinkB->GetMismatches();
        o.doneB = sinkB->GetLastRx();
        Ptr<IpsecEndpoint> b = s.GatewaySide(1);
        o.after = SaSnapshot::Of(b ? b->GetIkeSession() : nullptr, b);
        o.clientB = SaSnapshot::Of(s.clients[1].client->GetIkeSession(), s.clients[1].client);
        o.bIcv = b ? b->GetRxCounters().Get(EspStatus::ICV_FAILURE) : 0;
        o.bReplay = b ? b->GetRxCounters().Get(EspStatus::REPLAY) : 0;
        o.bClientIcv = s.clients[1].client->GetRxCounters().Get(EspStatus::ICV_FAILURE);
        o.aChildAfter = s.clients[0].client->GetIkeSession()->GetChildInboundSpi();
        o.resets = injector->GetResets();
        o.counters = s.gateway->GetCounters();
        o.clientsAtEnd = s.gateway->GetClientCount();
        o.established = s.gateway->GetEstablishedCount();
        Simulator::Destroy();
        return o;
    }

    void
    DoRun() override
    {
        const uint64_t bytes = 3000000;
        Outcome calm = Run(false);
        Outcome o = Run(true);
        NS_TEST_ASSERT_MSG_EQ(calm.receivedB, bytes, "B's transfer completes without trouble");
        NS_TEST_ASSERT_MSG_EQ(o.resets, 1, "A's connection was reset");
        NS_TEST_ASSERT_MSG_NE(o.aChildAfter, o.aChildBefore, "A rekeyed its Child SA");
        NS_TEST_ASSERT_MSG_EQ(o.receivedA, bytes, "every byte of A arrived");
        NS_TEST_ASSERT_MSG_EQ(o.receivedB, bytes, "every byte of B arrived");
        NS_TEST_ASSERT_MSG_EQ(o.mismatches, 0, "intact");
        // B at the gateway: the same IKE SA and Child SA pair, and no IKE message more than
        // in the calm run (A's trouble sent B's IKE side nothing).
        NS_TEST_ASSERT_MSG_NE(o.before.spiR, 0, "B was up before A's trouble");
        NS_TEST_ASSERT_MSG_EQ(o.after.spiI, o.before.spiI, "B: same IKE SA (SPIi)");
        NS_TEST_ASSERT_MSG_EQ(o.after.spiR, o.before.spiR, "B: same IKE SA (SPIr)");
        NS_TEST_ASSERT_MSG_EQ(o.after.childIn, o.before.childIn, "B: same inbound SA");
        NS_TEST_ASSERT_MSG_EQ(o.after.ikeRx, calm.after.ikeRx, "B: no IKE message more");
        NS_TEST_ASSERT_MSG_EQ(o.clientB.spiR, o.before.spiR, "B itself: same IKE SA");
        NS_TEST_ASSERT_MSG_EQ(o.bIcv, 1, "the forged packet counted once, on B's SA");
        NS_TEST_ASSERT_MSG_EQ(o.bReplay, 0, "and it moved no replay window");
        NS_TEST_ASSERT_MSG_EQ(o.bClientIcv, 0, "B itself saw nothing");
        // B's goodput: the same to within 2 % of its transfer time.
        double calmTime = (calm.doneB - Seconds(0.5)).GetSeconds();
        double time = (o.doneB - Seconds(0.5)).GetSeconds();
        NS_TEST_ASSERT_MSG_EQ_TOL(time, calmTime, 0.02 * calmTime, "B finished as fast");
        // The gateway: A, B and the unauthenticated one made; that one gone after 3 s.
        NS_TEST_ASSERT_MSG_EQ(o.counters.clientsMade, 3, "a client per new IKE_SA_INIT SPI");
        NS_TEST_ASSERT_MSG_EQ(o.counters.halfOpenDropped, 1, "the forged one let go");
        NS_TEST_ASSERT_MSG_EQ(o.clientsAtEnd, 2, "A and B remain");
        NS_TEST_ASSERT_MSG_EQ(o.established, 2, "both established");
        NS_TEST_ASSERT_MSG_EQ(o.counters.unknownEspSpi, 0, "every ESP found its client");
    }
};

/**
 * 100 clients, half over UDP, half over TCP, come up through one gateway: each gets its own
 * inner address, each moves 100 kB intact, the gateway holds 100 established IKE SAs with 100
 * distinct inbound Child SA SPIs, and one TCP connection per TCP client.
 */
class HundredClientsTest : public TestCase
{
  public:
    HundredClientsTest()
        : TestCase("100 clients (50 UDP, 50 TCP): distinct inner addresses, all transfer intact, "
                   "SA and connection counts match")
    {
    }

  private:
    void
    DoRun() override
    {
        const uint32_t n = 100;
        std::vector<std::string> transports;
        for (uint32_t i = 0; i < n; ++i)
        {
            transports.push_back(i % 2 == 0 ? UDP : TCP);
        }
        GatewayScenario s(transports);
        const uint64_t bytes = 100000;
        std::vector<Ptr<PatternSink>> sinks;
        for (uint32_t i = 0; i < n; ++i)
        {
            sinks.push_back(s.AddTransfer(
                i, static_cast<uint16_t>(6000 + i), bytes, Seconds(1) + MilliSeconds(7 * i)));
        }
        Simulator::Stop(Seconds(8));
        Simulator::Run();
        uint32_t complete = 0;
        uint64_t mismatches = 0;
        for (const auto& sink : sinks)
        {
            complete += sink->GetReceived() == bytes ? 1 : 0;
            mismatches += sink->GetMismatches();
        }
        NS_TEST_ASSERT_MSG_EQ(complete, n, "every client moved all its bytes");
        NS_TEST_ASSERT_MSG_EQ(mismatches, 0, "intact");
        NS_TEST_ASSERT_MSG_EQ(s.gateway->GetClientCount(), n, "one client each");
        NS_TEST_ASSERT_MSG_EQ(s.gateway->GetEstablishedCount(), n, "all established");
        std::set<uint32_t> inner;
        std::set<uint32_t> spis;
        uint32_t onTcp = 0;
        for (const auto& c : s.gateway->GetClients())
        {
            NS_TEST_ASSERT_MSG_EQ(c.hasInner, true, "client " << c.id << " holds an address");
            NS_TEST_ASSERT_MSG_EQ(c.innerMask, Ipv4Mask::GetOnes(), "one address");
            inner.insert(c.innerNetwork.Get());
            spis.insert(c.ike->GetChildInboundSpi());
            onTcp += c.transport->IsStream() ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_EQ(inner.size(), n, "distinct inner addresses");
        NS_TEST_ASSERT_MSG_EQ(spis.size(), n, "distinct inbound SPIs");
        NS_TEST_ASSERT_MSG_EQ(onTcp, n / 2, "half on TCP");
        for (uint32_t i = 0; i < n; ++i)
        {
            Ptr<IpsecEndpoint> g = s.GatewaySide(i);
            NS_TEST_ASSERT_MSG_EQ((g != nullptr), true, "client " << i << "'s address is known");
            if (g)
            {
                NS_TEST_ASSERT_MSG_EQ(g->GetRxCounters().Get(EspStatus::OK) > 0,
                                      true,
                                      "the gateway opened client " << i << "'s ESP");
            }
        }
        auto tcp = DynamicCast<TcpEncapTransport>(s.Listener(TCP));
        NS_TEST_ASSERT_MSG_EQ(tcp->GetConnectionCount(), n / 2, "a connection per TCP client");
        NS_TEST_ASSERT_MSG_EQ(s.gateway->GetCounters().unknownEspSpi, 0, "no ESP astray");
        NS_TEST_ASSERT_MSG_EQ(s.gateway->GetCounters().addressConflicts, 0, "no conflict");
        Simulator::Destroy();
    }
};

/**
 * The seed's session-lifetime slide, second half: two clients on one node, each with its own
 * TCP connection to the gateway (same two peers, two connections). A reset of one connection
 * leaves the other's IKE SA, Child SA and transfer alone; the reset one reconnects, and its
 * IKE SA survives the reset too (RFC 9329 §6.1).
 */
class ConnectionsBetweenSamePeersTest : public TestCase
{
  public:
    ConnectionsBetweenSamePeersTest()
        : TestCase("two TCP connections between the same two peers: a reset of one leaves the "
                   "other's IKE SA alone, and neither IKE SA dies")
    {
    }

  private:
    void
    DoRun() override
    {
        TwoTunnelsOneNode t;
        RemoteAccessTopology& topology = *t.topology;
        Ptr<IpsecGateway> gw = t.gateway;
        IpsecTunnel& a = t.a;
        IpsecTunnel& b = t.b;
        const uint64_t bytes = 3000000;
        std::vector<Ptr<PatternSink>> sinks = TransfersOverOwnTunnels(topology, {&a, &b}, bytes);
        Ptr<PatternSink> sinkA = sinks[0];
        Ptr<PatternSink> sinkB = sinks[1];
        Ptr<TcpResetInjector> injector = CreateObject<TcpResetInjector>();
        injector->Install(topology.GetRouter());
        auto tcpA = DynamicCast<TcpEncapTransport>(a.client->GetTransport());
        auto tcpB = DynamicCast<TcpEncapTransport>(b.client->GetTransport());
        uint16_t portA = 0;
        SaSnapshot beforeB;
        Simulator::Schedule(Seconds(1),
                            [&]()
                            {
                                InetSocketAddress local(Ipv4Address(), 0);
                                InetSocketAddress peer(Ipv4Address(), 0);
                                tcpA->GetPath(local, peer);
                                portA = local.GetPort();
                                injector->ScheduleReset(Seconds(0), portA);
                                beforeB = SaSnapshot::Of(b.client->GetIkeSession(), b.client);
                            });
        uint64_t spiA = 0;
        Simulator::Schedule(Seconds(0.9),
                            [&]()
                            {
                                spiA = a.client->GetIkeSession()->GetIkeSa()->GetSpiI();
                            });
        Simulator::Stop(Seconds(10));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_NE(portA, 0, "A's connection was up");
        NS_TEST_ASSERT_MSG_EQ(injector->GetResets(), 1, "one connection reset");
        NS_TEST_ASSERT_MSG_EQ(tcpA->GetConnectionsClosed(TcpEncapConnection::PEER_RESET),
                              1,
                              "A's connection was the one");
        NS_TEST_ASSERT_MSG_EQ(
            tcpB->GetConnectionsClosed(TcpEncapConnection::PEER_RESET), 0, "B's was not");
        NS_TEST_ASSERT_MSG_EQ(tcpB->GetConnectionsOpened(), 1, "B kept its connection");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(tcpA->GetConnectionsOpened(), 2, "A reconnected");
        SaSnapshot afterB = SaSnapshot::Of(b.client->GetIkeSession(), b.client);
        NS_TEST_ASSERT_MSG_EQ(afterB.spiR, beforeB.spiR, "B: same IKE SA");
        NS_TEST_ASSERT_MSG_EQ(afterB.childIn, beforeB.childIn, "B: same Child SA");
        NS_TEST_ASSERT_MSG_EQ(a.client->GetIkeSession()->GetIkeSa()->GetSpiI(),
                              spiA,
                              "A's IKE SA survived its reset");
        NS_TEST_ASSERT_MSG_EQ(
            a.client->GetIkeSession()->GetState(), IkeSession::ESTABLISHED, "A up");
        NS_TEST_ASSERT_MSG_EQ(gw->GetEstablishedCount(), 2, "the gateway has both");
        NS_TEST_ASSERT_MSG_EQ(sinkA->GetReceived(), bytes, "A's bytes all arrived");
        NS_TEST_ASSERT_MSG_EQ(sinkB->GetReceived(), bytes, "B's bytes all arrived");
        NS_TEST_ASSERT_MSG_EQ(sinkA->GetMismatches() + sinkB->GetMismatches(), 0, "intact");
        Simulator::Destroy();
    }
};

/**
 * \brief Test-only: one client host runs several IKE SAs over ONE TCP connection (the seed's
 * session-lifetime slide), as an implementation that multiplexes its IKE SAs might. Each
 * endpoint gets a view (SharedConnectionView) of one real TcpEncapTransport; what arrives goes
 * to the view whose endpoint has the ESP SPI or whose IKE SA has the initiator SPI.
 */
class SharedConnection
{
  public:
    /** One endpoint's view of the shared connection. */
    class View : public EncapTransport
    {
      public:
        /** \param owner the shared connection */
        explicit View(SharedConnection* owner)
            : m_owner(owner)
        {
        }

        void
        Start(Ptr<Node> node) override
        {
            m_owner->m_real->Start(node); // once: the real transport ignores a second start
        }

        void
        Stop() override
        {
        }

        bool
        SendEsp(Ptr<Packet> esp) override
        {
            return m_owner->m_real->SendEsp(esp);
        }

        bool
        SendIke(Ptr<Packet> ike) override
        {
            return m_owner->m_real->SendIke(ike);
        }

        uint32_t
        GetMaxEspSize() const override
        {
            return m_owner->m_real->GetMaxEspSize();
        }

        std::string
        GetName() const override
        {
            return m_owner->m_real->GetName();
        }

        bool
        IsStream() const override
        {
            return true;
        }

        bool
        GetPath(InetSocketAddress& local, InetSocketAddress& peer) const override
        {
            return m_owner->m_real->GetPath(local, peer);
        }

        /** \param data ESP \param size its length \param from its origin */
        void
        DeliverEsp(const uint8_t* data, uint32_t size, const Address& from)
        {
            ForwardEsp(data, size, from);
        }

        /** \param ike an IKE message \param from its origin */
        void
        DeliverIke(Ptr<Packet> ike, const Address& from)
        {
            ForwardIke(ike, from);
        }

        /** \param up whether the connection came up (else it went down) */
        void
        Path(bool up)
        {
            up ? NotifyPathUp() : NotifyPathDown();
        }

      private:
        SharedConnection* m_owner; //!< the shared connection
    };

    /** \param real the client's transport, carrying everything */
    explicit SharedConnection(Ptr<TcpEncapTransport> real)
        : m_real(real)
    {
        m_real->SetEspCallback(MakeCallback(&SharedConnection::Esp, this));
        m_real->SetIkeCallback(MakeCallback(&SharedConnection::Ike, this));
        m_real->SetPathCallbacks(MakeCallback(&SharedConnection::Up, this),
                                 MakeCallback(&SharedConnection::Down, this));
    }

    /** \param endpoint an endpoint on the client node: it sends and receives through us now */
    void
    Attach(Ptr<IpsecEndpoint> endpoint)
    {
        Ptr<View> view = CreateObject<View>(this);
        view->SetAttribute("Role", EnumValue(EncapTransport::INITIATOR));
        endpoint->SetTransport(view);
        m_views.emplace_back(PeekPointer(endpoint), view);
    }

    Ptr<TcpEncapTransport> m_real; //!< the one connection's transport

  private:
    /** \param data ESP \param size its length \param from its origin */
    void
    Esp(const uint8_t* data, uint32_t size, const Address& from)
    {
        uint32_t spi = (uint32_t{data[0]} << 24) | (uint32_t{data[1]} << 16)
                       | (uint32_t{data[2]} << 8) | data[3];
        for (auto& [endpoint, view] : m_views)
        {
            if (endpoint->GetSad().Find(spi))
            {
                view->DeliverEsp(data, size, from);
                return;
            }
        }
    }

    /** \param ike an IKE message \param from its origin */
    void
    Ike(Ptr<Packet> ike, const Address& from)
    {
        uint8_t h[8];
        ike->CopyData(h, sizeof(h));
        uint64_t spiI = 0;
        for (uint8_t b : h)
        {
            spiI = (spiI << 8) | b;
        }
        for (auto& [endpoint, view] : m_views)
        {
            Ptr<IkeSa> sa = endpoint->GetIkeSession()->GetIkeSa();
            if (sa && sa->GetSpiI() == spiI)
            {
                view->DeliverIke(ike, from);
                return;
            }
        }
    }

    /** \brief The connection is up: every view's IKE session is told. */
    void
    Up()
    {
        for (auto& [endpoint, view] : m_views)
        {
            view->Path(true);
        }
    }

    /** \brief The connection went down. */
    void
    Down()
    {
        for (auto& [endpoint, view] : m_views)
        {
            view->Path(false);
        }
    }

    std::vector<std::pair<IpsecEndpoint*, Ptr<View>>> m_views; //!< by endpoint
};

/**
 * The seed's session-lifetime slide, first half: two IKE SAs of one client host over one TCP
 * connection. The gateway finds each by its SPIs (two clients, one connection), each has its
 * own Child SA pair and inner address, both transfers arrive intact; a reset of the connection
 * kills neither IKE SA: after the reconnection both carry on.
 */
class IkeSasOverOneConnectionTest : public TestCase
{
  public:
    IkeSasOverOneConnectionTest()
        : TestCase("two IKE SAs over one TCP connection: each found by its SPIs with its own "
                   "Child SAs; a reset of the connection kills neither")
    {
    }

  private:
    void
    DoRun() override
    {
        TwoTunnelsOneNode t;
        RemoteAccessTopology& topology = *t.topology;
        Ptr<IpsecGateway> gw = t.gateway;
        IpsecTunnel& a = t.a;
        IpsecTunnel& b = t.b;
        // A's transport carries both; B's own is never started.
        SharedConnection shared(DynamicCast<TcpEncapTransport>(a.client->GetTransport()));
        shared.Attach(a.client);
        shared.Attach(b.client);
        std::vector<Ptr<PatternSink>> sinks = TransfersOverOwnTunnels(topology, {&a, &b}, 3000000);
        Ptr<TcpResetInjector> injector = CreateObject<TcpResetInjector>();
        injector->Install(topology.GetRouter());
        injector->ScheduleReset(Seconds(1.5), 4500);
        std::vector<uint64_t> spis;
        uint32_t connectionsAt1s = 0;
        bool sameConnection = false;
        Simulator::Schedule(
            Seconds(1),
            [&]()
            {
                for (const IpsecTunnel* t : {&a, &b})
                {
                    spis.push_back(t->client->GetIkeSession()->GetIkeSa()->GetSpiI());
                }
                auto listener = DynamicCast<TcpEncapTransport>(gw->GetTransports()[0]);
                connectionsAt1s = listener->GetConnectionCount();
                auto clients = gw->GetClients();
                sameConnection
                    = clients.size() == 2
                      && DynamicCast<GatewayClientTransport>(clients[0].transport)->GetPeer()
                             == DynamicCast<GatewayClientTransport>(clients[1].transport)
                                    ->GetPeer();
            });
        Simulator::Stop(Seconds(10));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(spis.size(), 2, "both IKE SAs were up at 1 s");
        NS_TEST_ASSERT_MSG_NE(spis[0], spis[1], "two IKE SAs");
        NS_TEST_ASSERT_MSG_EQ(connectionsAt1s, 1, "over one connection at the gateway");
        NS_TEST_ASSERT_MSG_EQ(sameConnection, true, "both clients on that connection");
        NS_TEST_ASSERT_MSG_EQ(gw->GetCounters().clientsMade, 2, "a client per IKE SA");
        NS_TEST_ASSERT_MSG_EQ(injector->GetResets(), 1, "the connection was reset");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(shared.m_real->GetConnectionsOpened(), 2, "and reopened");
        for (uint32_t i = 0; i < 2; ++i)
        {
            const IpsecTunnel* t = i == 0 ? &a : &b;
            NS_TEST_ASSERT_MSG_EQ(t->client->GetIkeSession()->GetState(),
                                  IkeSession::ESTABLISHED,
                                  "IKE SA " << i << " up");
            NS_TEST_ASSERT_MSG_EQ(t->client->GetIkeSession()->GetIkeSa()->GetSpiI(),
                                  spis[i],
                                  "IKE SA " << i << " is the one from before the reset");
            NS_TEST_ASSERT_MSG_EQ(
                sinks[i]->GetReceived(), 3000000, "transfer " << i << " complete");
            NS_TEST_ASSERT_MSG_EQ(sinks[i]->GetMismatches(), 0, "intact");
        }
        NS_TEST_ASSERT_MSG_EQ(gw->GetEstablishedCount(), 2, "the gateway still has both");
        Simulator::Destroy();
    }
};

/**
 * A client's inner address is its own: a second client that proposes it (another identity) is
 * refused with TS_UNACCEPTABLE and carries no traffic; the same identity with INITIAL_CONTACT
 * (a restarted client, RFC 7296 §2.4) replaces the old client.
 */
class InnerAddressTest : public TestCase
{
  public:
    /** \param sameIdentity whether the second client presents the first one's identity */
    explicit InnerAddressTest(bool sameIdentity)
        : TestCase(sameIdentity ? "the same identity with INITIAL_CONTACT replaces the client "
                                  "holding the address"
                                : "an inner address another client holds is refused")
        , m_sameIdentity(sameIdentity)
    {
    }

  private:
    void
    DoRun() override
    {
        GatewayScenario s({UDP, UDP});
        // Client 1 claims client 0's address: a second tun address on its node, and its IKE
        // session proposes that (InstallClient's plan gives it its own otherwise).
        Ptr<IkeSession> second = s.clients[1].client->GetIkeSession();
        TrafficSelector claim{s.clients[0].clientInner,
                              Ipv4Mask::GetOnes(),
                              s.topology->GetProtectedNetwork(),
                              s.topology->GetProtectedMask()};
        second->SetTrafficSelector(claim);
        if (m_sameIdentity)
        {
            second->SetAttribute("LocalId", StringValue("client-0.tcp-encap.example"));
        }
        s.clients[1].client->SetStartTime(Seconds(1)); // after client 0 is up
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        const auto& c = s.gateway->GetCounters();
        if (m_sameIdentity)
        {
            NS_TEST_ASSERT_MSG_EQ(c.replaced, 1, "the old client was replaced");
            NS_TEST_ASSERT_MSG_EQ(s.gateway->GetClientCount(), 1, "one client left");
            NS_TEST_ASSERT_MSG_EQ(
                second->GetChildInboundSpi() != 0, true, "the new one has its Child SA");
            Ptr<IpsecEndpoint> holder = s.gateway->FindClientByInner(s.clients[0].clientInner);
            NS_TEST_ASSERT_MSG_EQ(
                (holder
                 && holder->GetIkeSession()->GetPeerIdentity() == "client-0.tcp-encap.example"),
                true,
                "the address is the new client's");
        }
        else
        {
            NS_TEST_ASSERT_MSG_EQ(c.addressConflicts, 1, "the claim was refused");
            NS_TEST_ASSERT_MSG_EQ(c.replaced, 0, "nobody replaced");
            NS_TEST_ASSERT_MSG_EQ(second->GetChildInboundSpi(), 0, "no Child SA for it");
            Ptr<IpsecEndpoint> holder = s.gateway->FindClientByInner(s.clients[0].clientInner);
            NS_TEST_ASSERT_MSG_EQ(
                (holder
                 && holder->GetIkeSession()->GetPeerIdentity() == "client-0.tcp-encap.example"),
                true,
                "the address stays with its holder");
        }
        Simulator::Destroy();
    }

    bool m_sameIdentity; //!< the second client presents the first one's identity
};

} // namespace

/** A gateway that serves many clients. */
class IpsecGatewayTestSuite : public TestSuite
{
  public:
    IpsecGatewayTestSuite()
        : TestSuite("tcp-encap-ipsec-gateway", Type::SYSTEM)
    {
        AddTestCase(new TwoClientsIsolatedTest(), Duration::QUICK);
        AddTestCase(new HundredClientsTest(), Duration::QUICK);
        AddTestCase(new IkeSasOverOneConnectionTest(), Duration::QUICK);
        AddTestCase(new ConnectionsBetweenSamePeersTest(), Duration::QUICK);
        AddTestCase(new InnerAddressTest(false), Duration::QUICK);
        AddTestCase(new InnerAddressTest(true), Duration::QUICK);
    }
};

/** The suite's instance. */
static IpsecGatewayTestSuite g_ipsecGatewayTestSuite;

} // namespace tcpencaptest
} // namespace ns3
