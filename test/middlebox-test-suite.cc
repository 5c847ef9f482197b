/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The router's middleboxes over the remote-access topology, with plain UDP sockets and TCP
// transfers (no tunnel): the firewall's policies and their schedule, the link's loss kept
// under the hook, and NAPT: translation both ways, intact TCP, rebinding after the idle
// timeout or ExpireAll, unsolicited and filtered packets, checksums, and the order of the two.
#include "tcp-encap-test-apps.h"

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/enum.h"
#include "ns3/error-model.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/middlebox-hook.h"
#include "ns3/napt-middlebox.h"
#include "ns3/packet-firewall.h"
#include "ns3/pointer.h"
#include "ns3/remote-access-topology.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"

#include <string>
#include <tuple>
#include <vector>

using namespace ns3;
using namespace ns3::tcpencaptest;

namespace
{

const Ipv4Address CLIENT("10.1.1.1");         //!< the client, inside the NAT
const Ipv4Address ROUTER_OUTSIDE("10.1.2.1"); //!< the router on the bottleneck
const Ipv4Address GATEWAY("10.1.2.2");        //!< the gateway, outside
const Ipv4Address SERVER("10.1.3.2");         //!< the server, outside
constexpr uint8_t UDP = 17;                   //!< IPv4 protocol number
constexpr uint8_t TCP = 6;                    //!< IPv4 protocol number

/**
 * \brief Sets the ChecksumEnabled global value for one test case and clears it after, even
 * when an assertion returns early.
 */
class ChecksumSetting
{
  public:
    /** \param enabled the value for the test case */
    explicit ChecksumSetting(bool enabled)
    {
        Config::SetGlobal("ChecksumEnabled", BooleanValue(enabled));
    }

    ~ChecksumSetting()
    {
        Config::SetGlobal("ChecksumEnabled", BooleanValue(false));
    }
};

/**
 * \brief A UDP socket on a node that sends one 100-byte datagram when told, records what
 * arrives and, as an echo server, sends each datagram back to where it came from.
 */
class UdpProbe
{
  public:
    /** What arrived. */
    struct Arrival
    {
        Time at;                //!< when
        InetSocketAddress from; //!< from where
    };

    /**
     * \param node where the socket lives
     * \param port its port
     * \param echo answer every datagram
     */
    UdpProbe(Ptr<Node> node, uint16_t port, bool echo)
        : m_echo(echo)
    {
        m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
        m_socket->SetRecvCallback(MakeCallback(&UdpProbe::Receive, this));
    }

    ~UdpProbe()
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }

    /** \param to destination address \param port destination port */
    void
    SendTo(Ipv4Address to, uint16_t port)
    {
        m_socket->SendTo(Create<Packet>(100), 0, InetSocketAddress(to, port));
    }

    /** \return what arrived, in order */
    const std::vector<Arrival>&
    Arrivals() const
    {
        return m_arrivals;
    }

  private:
    /** \param socket the socket with data */
    void
    Receive(Ptr<Socket> socket)
    {
        Address from;
        while (Ptr<Packet> p = socket->RecvFrom(from))
        {
            m_arrivals.push_back(Arrival{Simulator::Now(), InetSocketAddress::ConvertFrom(from)});
            if (m_echo)
            {
                socket->SendTo(p, 0, from);
            }
        }
    }

    Ptr<Socket> m_socket;            //!< the socket
    bool m_echo;                     //!< echo server
    std::vector<Arrival> m_arrivals; //!< what arrived
};

/**
 * \brief The remote-access topology without a tunnel, with what the tests watch: the
 * headers of every IPv4 packet the server receives, and TCP pattern transfers to it.
 */
class MiddleboxScenario
{
  public:
    /** \param params topology parameters */
    explicit MiddleboxScenario(const RemoteAccessTopologyParams& params)
        : m_topology(params)
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        m_topology.Build();
        m_topology.GetServer()->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Rx", MakeCallback(&MiddleboxScenario::ServerRx, this));
    }

    MiddleboxScenario()
        : MiddleboxScenario(RemoteAccessTopologyParams())
    {
    }

    /** \return the topology */
    RemoteAccessTopology&
    Topology()
    {
        return m_topology;
    }

    /** \return the router's device on the client's access link (the NAT's inside) */
    Ptr<NetDevice>
    RouterInside() const
    {
        return m_topology.GetAllDevices().Get(1);
    }

    /** \return the router's device on the bottleneck (the NAT's outside) */
    Ptr<NetDevice>
    RouterOutside() const
    {
        return m_topology.GetBottleneckDevices().Get(0);
    }

    /**
     * \brief A TCP pattern transfer from the client to the server.
     * \param port server port
     * \param bytes how much
     * \param start when
     * \return the sink, which checks every byte
     */
    Ptr<PatternSink>
    AddTransfer(uint16_t port, uint64_t bytes, Time start)
    {
        Ptr<PatternSink> sink = CreateObject<PatternSink>(port);
        m_topology.GetServer()->AddApplication(sink);
        Ptr<PatternSource> source = CreateObject<PatternSource>(
            SERVER, port, bytes, RemoteAccessTopology::GetTcpSegmentSize(1500));
        m_topology.GetClient()->AddApplication(source);
        source->SetStartTime(start);
        return sink;
    }

    /**
     * \param protocol IPv4 protocol number
     * \return headers of the server's received packets of that protocol
     */
    std::vector<MiddleboxHook::Flow>
    ServerFlows(uint8_t protocol) const
    {
        std::vector<MiddleboxHook::Flow> out;
        for (const MiddleboxHook::Flow& f : m_serverFlows)
        {
            if (f.ip.GetProtocol() == protocol)
            {
                out.push_back(f);
            }
        }
        return out;
    }

  private:
    /** \param packet an IPv4 packet the server received */
    void
    ServerRx(Ptr<const Packet> packet, Ptr<Ipv4> /* ipv4 */, uint32_t /* interface */)
    {
        MiddleboxHook::Flow flow;
        if (MiddleboxHook::ParseFlow(packet, flow))
        {
            m_serverFlows.push_back(flow);
        }
    }

    RemoteAccessTopology m_topology;                //!< the scenario
    std::vector<MiddleboxHook::Flow> m_serverFlows; //!< what the server received
};

/**
 * \brief DROP_UDP blocks UDP in both directions and lets a TCP transfer through; the drops
 * are counted per policy and protocol and traced.
 */
class FilterDropUdpTest : public TestCase
{
  public:
    FilterDropUdpTest()
        : TestCase("filter DROP_UDP blocks UDP, passes TCP")
    {
    }

  private:
    /** \param packet a dropped packet */
    void
    Dropped(Ptr<const Packet> /* packet */)
    {
        ++m_traced;
    }

    void
    DoRun() override
    {
        MiddleboxScenario s;
        Ptr<PacketFirewall> filter = CreateObjectWithAttributes<PacketFirewall>(
            "Policy", EnumValue(PacketFirewall::DROP_UDP));
        filter->Install(s.Topology().GetRouter());
        filter->TraceConnectWithoutContext("Drop", MakeCallback(&FilterDropUdpTest::Dropped, this));
        UdpProbe client(s.Topology().GetClient(), 5000, false);
        UdpProbe server(s.Topology().GetServer(), 9, true);
        UdpProbe serverPush(s.Topology().GetServer(), 7000, false);
        for (uint32_t i = 0; i < 5; ++i)
        {
            Simulator::Schedule(
                MilliSeconds(100 + 10 * i), &UdpProbe::SendTo, &client, SERVER, uint16_t(9));
        }
        Simulator::Schedule(MilliSeconds(200), &UdpProbe::SendTo, &serverPush, CLIENT, 5000);
        Ptr<PatternSink> sink = s.AddTransfer(80, 50000, MilliSeconds(300));
        Simulator::Stop(Seconds(1.5));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(server.Arrivals().size(), 0, "no UDP reached the server");
        NS_TEST_EXPECT_MSG_EQ(client.Arrivals().size(), 0, "no UDP reached the client");
        NS_TEST_EXPECT_MSG_EQ(sink->GetReceived(), 50000, "the TCP transfer completed");
        NS_TEST_EXPECT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        NS_TEST_EXPECT_MSG_EQ(filter->GetDropped(), 6, "five out, one in");
        NS_TEST_EXPECT_MSG_EQ(filter->GetDropped(PacketFirewall::DROP_UDP), 6, "per policy");
        NS_TEST_EXPECT_MSG_EQ(filter->GetDroppedOfProtocol(UDP), 6, "all UDP");
        NS_TEST_EXPECT_MSG_EQ(filter->GetDroppedOfProtocol(TCP), 0, "no TCP");
        NS_TEST_EXPECT_MSG_EQ(m_traced, 6, "each drop traced");
        Simulator::Destroy();
    }

    uint32_t m_traced{0}; //!< Drop trace calls
};

/**
 * \brief DROP_IKE_UDP drops UDP with port 500 or 4500 at either end, in both directions, and
 * nothing else: other UDP and TCP on port 4500 pass.
 */
class FilterDropIkeUdpTest : public TestCase
{
  public:
    FilterDropIkeUdpTest()
        : TestCase("filter DROP_IKE_UDP blocks UDP 500 and 4500 only")
    {
    }

  private:
    void
    DoRun() override
    {
        MiddleboxScenario s;
        Ptr<PacketFirewall> filter = CreateObjectWithAttributes<PacketFirewall>(
            "Policy", EnumValue(PacketFirewall::DROP_IKE_UDP));
        filter->Install(s.Topology().GetRouter());
        Ptr<Node> c = s.Topology().GetClient();
        Ptr<Node> srv = s.Topology().GetServer();
        UdpProbe client(c, 5000, false);
        UdpProbe client500(c, 500, false);
        UdpProbe client4500(c, 4500, false);
        UdpProbe echo(srv, 9, true);
        UdpProbe server500(srv, 500, false);
        UdpProbe server4500(srv, 4500, false);
        Time t = MilliSeconds(100);
        Simulator::Schedule(t, &UdpProbe::SendTo, &client, SERVER, uint16_t(9)); // passes
        Simulator::Schedule(t, &UdpProbe::SendTo, &client, SERVER, uint16_t(500));
        Simulator::Schedule(t, &UdpProbe::SendTo, &client, SERVER, uint16_t(4500));
        Simulator::Schedule(t, &UdpProbe::SendTo, &client500, SERVER, uint16_t(9));
        Simulator::Schedule(t, &UdpProbe::SendTo, &client4500, SERVER, uint16_t(9));
        Simulator::Schedule(t, &UdpProbe::SendTo, &server4500, CLIENT, uint16_t(5000));
        Ptr<PatternSink> sink = s.AddTransfer(4500, 20000, MilliSeconds(200));
        Simulator::Stop(Seconds(1));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(echo.Arrivals().size(), 1, "only 5000 -> 9 reached the server");
        if (echo.Arrivals().size() == 1)
        {
            NS_TEST_EXPECT_MSG_EQ(echo.Arrivals()[0].from.GetPort(), 5000, "from 5000");
        }
        NS_TEST_EXPECT_MSG_EQ(client.Arrivals().size(), 1, "its echo came back, 4500 -> 5000 not");
        NS_TEST_EXPECT_MSG_EQ(server500.Arrivals().size(), 0, "to 500 dropped");
        NS_TEST_EXPECT_MSG_EQ(server4500.Arrivals().size(), 0, "to 4500 dropped");
        NS_TEST_EXPECT_MSG_EQ(sink->GetReceived(), 20000, "TCP on port 4500 passes");
        NS_TEST_EXPECT_MSG_EQ(filter->GetDropped(), 5, "to 500, to 4500, from 500, from 4500 x2");
        NS_TEST_EXPECT_MSG_EQ(filter->GetDroppedOfProtocol(TCP), 0, "no TCP dropped");
        Simulator::Destroy();
    }
};

/**
 * \brief ONLY_TCP_443: a TCP transfer to 443 completes, one to 80 gets nothing through, and
 * UDP to 443 is dropped.
 */
class FilterOnlyTcp443Test : public TestCase
{
  public:
    FilterOnlyTcp443Test()
        : TestCase("filter ONLY_TCP_443 passes only TCP 443")
    {
    }

  private:
    void
    DoRun() override
    {
        MiddleboxScenario s;
        Ptr<PacketFirewall> filter = CreateObject<PacketFirewall>();
        filter->SetPolicy(PacketFirewall::ONLY_TCP_443);
        filter->Install(s.Topology().GetRouter());
        UdpProbe client(s.Topology().GetClient(), 5000, false);
        UdpProbe server443(s.Topology().GetServer(), 443, true);
        Simulator::Schedule(MilliSeconds(50), &UdpProbe::SendTo, &client, SERVER, uint16_t(443));
        Ptr<PatternSink> https = s.AddTransfer(443, 30000, MilliSeconds(100));
        Ptr<PatternSink> http = s.AddTransfer(80, 30000, MilliSeconds(100));
        Simulator::Stop(Seconds(2));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(https->GetReceived(), 30000, "TCP 443 completed");
        NS_TEST_EXPECT_MSG_EQ(https->GetMismatches(), 0, "intact");
        NS_TEST_EXPECT_MSG_EQ(http->GetReceived(), 0, "TCP 80 got nothing through");
        NS_TEST_EXPECT_MSG_EQ(server443.Arrivals().size(), 0, "UDP 443 dropped");
        NS_TEST_EXPECT_MSG_EQ(filter->GetDroppedOfProtocol(UDP), 1, "the UDP datagram");
        NS_TEST_EXPECT_MSG_GT(filter->GetDroppedOfProtocol(TCP), 0, "the SYNs to port 80");
        for (const MiddleboxHook::Flow& f : s.ServerFlows(TCP))
        {
            NS_TEST_EXPECT_MSG_EQ(f.destinationPort, 443, "only 443 reached the server");
        }
        Simulator::Destroy();
    }
};

/**
 * \brief SetPolicyAt: UDP every 100 ms passes before 1 s, is dropped until 2 s, passes
 * again after.
 */
class FilterScheduleTest : public TestCase
{
  public:
    FilterScheduleTest()
        : TestCase("filter policy switched at given times")
    {
    }

  private:
    /** \brief Note the policy in force at 1.5 s. */
    void
    Sample()
    {
        m_sampled = m_filter->GetPolicy();
    }

    void
    DoRun() override
    {
        MiddleboxScenario s;
        m_filter = CreateObject<PacketFirewall>();
        m_filter->Install(s.Topology().GetRouter());
        m_filter->SetPolicyAt(Seconds(1), PacketFirewall::DROP_UDP);
        m_filter->SetPolicyAt(Seconds(2), PacketFirewall::PASS);
        Simulator::Schedule(Seconds(1.5), &FilterScheduleTest::Sample, this);
        UdpProbe client(s.Topology().GetClient(), 5000, false);
        UdpProbe server(s.Topology().GetServer(), 9, false);
        for (uint32_t i = 0; i < 30; ++i)
        {
            Simulator::Schedule(
                MilliSeconds(50 + 100 * i), &UdpProbe::SendTo, &client, SERVER, uint16_t(9));
        }
        Simulator::Stop(Seconds(3.5));
        Simulator::Run();

        uint32_t before = 0;
        uint32_t during = 0;
        uint32_t after = 0;
        for (const UdpProbe::Arrival& a : server.Arrivals())
        {
            // One-way delay is about 20.3 ms: sent at x.x5 s, arrived before x.x8 s.
            if (a.at < Seconds(1))
            {
                ++before;
            }
            else if (a.at < Seconds(2.05))
            {
                ++during;
            }
            else
            {
                ++after;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(before, 10, "sent 0.05 .. 0.95 s: passed");
        NS_TEST_EXPECT_MSG_EQ(during, 0, "sent 1.05 .. 1.95 s: dropped");
        NS_TEST_EXPECT_MSG_EQ(after, 10, "sent 2.05 .. 2.95 s: passed again");
        NS_TEST_EXPECT_MSG_EQ(m_filter->GetDropped(PacketFirewall::DROP_UDP), 10, "ten dropped");
        NS_TEST_EXPECT_MSG_EQ(m_sampled, PacketFirewall::DROP_UDP, "in force at 1.5 s");
        NS_TEST_EXPECT_MSG_EQ(m_filter->GetPolicy(), PacketFirewall::PASS, "in force at the end");
        m_filter = nullptr;
        Simulator::Destroy();
    }

    Ptr<PacketFirewall> m_filter;                           //!< the filter
    PacketFirewall::Policy m_sampled{PacketFirewall::PASS}; //!< policy at 1.5 s
};

/**
 * \brief The bottleneck's loss model still runs under the filter's hook, before it: a loss
 * rate of 1 on the router's side drops every reply even with PASS, and packets lost on the
 * link never reach the filter; the topology still finds the loss models to seed them.
 */
class FilterKeepsLinkLossTest : public TestCase
{
  public:
    FilterKeepsLinkLossTest()
        : TestCase("filter keeps the bottleneck loss model, which runs first")
    {
    }

  private:
    void
    DoRun() override
    {
        RemoteAccessTopologyParams params;
        params.lossRate = 0.2;
        params.lossBothDirections = true;
        MiddleboxScenario s(params);
        Ptr<PacketFirewall> filter = CreateObject<PacketFirewall>();
        filter->Install(s.Topology().GetRouter());

        PointerValue pv;
        s.RouterOutside()->GetAttribute("ReceiveErrorModel", pv);
        Ptr<MiddleboxHook> hook = pv.Get<MiddleboxHook>();
        NS_TEST_ASSERT_MSG_EQ((hook ? true : false), true, "the filter hooked the device");
        Ptr<RateErrorModel> reverse = DynamicCast<RateErrorModel>(hook->GetLinkErrorModel());
        NS_TEST_ASSERT_MSG_EQ((reverse ? true : false), true, "the topology's loss model kept");
        NS_TEST_EXPECT_MSG_EQ(s.Topology().AssignStreams(10), 2, "both loss models seeded");
        s.Topology().GetBottleneckDevices().Get(1)->GetAttribute("ReceiveErrorModel", pv);
        pv.Get<RateErrorModel>()->SetRate(0.0); // forward path: lossless
        reverse->SetRate(1.0);                  // reverse path: everything lost

        UdpProbe client(s.Topology().GetClient(), 5000, false);
        UdpProbe echo(s.Topology().GetServer(), 9, true);
        for (uint32_t i = 0; i < 3; ++i)
        {
            Simulator::Schedule(
                MilliSeconds(100 + 100 * i), &UdpProbe::SendTo, &client, SERVER, uint16_t(9));
        }
        // Under DROP_UDP, outbound datagrams are the filter's, inbound ones the link's.
        filter->SetPolicyAt(Seconds(1), PacketFirewall::DROP_UDP);
        Simulator::Schedule(Seconds(1.1), &UdpProbe::SendTo, &echo, CLIENT, uint16_t(5000));
        Simulator::Schedule(Seconds(1.2), &UdpProbe::SendTo, &client, SERVER, uint16_t(9));
        Simulator::Stop(Seconds(1.5));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(echo.Arrivals().size(), 3, "requests passed (PASS, no loss)");
        NS_TEST_EXPECT_MSG_EQ(client.Arrivals().size(), 0, "every reply lost on the link");
        NS_TEST_EXPECT_MSG_EQ(filter->GetDropped(), 1, "only the outbound one reached the filter");
        Simulator::Destroy();
    }
};

/**
 * \brief NAPT with UDP: the server sees the router's outside address and the first port of
 * the range, echoes come back to the client's socket; with or without checksums.
 */
class NaptUdpTest : public TestCase
{
  public:
    /** \param checksums run with the ChecksumEnabled global value true */
    explicit NaptUdpTest(bool checksums)
        : TestCase(std::string("NAPT translates a UDP exchange both ways")
                   + (checksums ? ", checksums on" : ""))
        , m_checksums(checksums)
    {
    }

  private:
    /**
     * \param protocol of the mapping \param inside its inside end \param port outside port
     */
    void
    NewMapping(uint8_t protocol, const InetSocketAddress& inside, uint16_t port)
    {
        m_mappings.push_back(std::make_tuple(protocol, inside.GetIpv4(), inside.GetPort(), port));
    }

    void
    DoRun() override
    {
        ChecksumSetting checksums(m_checksums);
        MiddleboxScenario s;
        Ptr<NaptMiddlebox> napt = CreateObject<NaptMiddlebox>();
        napt->Install(s.RouterInside(), s.RouterOutside());
        napt->TraceConnectWithoutContext("NewMapping",
                                         MakeCallback(&NaptUdpTest::NewMapping, this));
        UdpProbe client(s.Topology().GetClient(), 5000, false);
        UdpProbe echo(s.Topology().GetServer(), 9, true);
        for (uint32_t i = 0; i < 3; ++i)
        {
            Simulator::Schedule(
                MilliSeconds(100 + 100 * i), &UdpProbe::SendTo, &client, SERVER, uint16_t(9));
        }
        Simulator::Stop(Seconds(1));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(napt->GetOutsideAddress(), ROUTER_OUTSIDE, "outside interface");
        NS_TEST_ASSERT_MSG_EQ(echo.Arrivals().size(), 3, "every request reached the server");
        for (const UdpProbe::Arrival& a : echo.Arrivals())
        {
            NS_TEST_EXPECT_MSG_EQ(a.from.GetIpv4(), ROUTER_OUTSIDE, "from the NAT's address");
            NS_TEST_EXPECT_MSG_EQ(a.from.GetPort(), 30000, "from the first mapped port");
        }
        NS_TEST_ASSERT_MSG_EQ(client.Arrivals().size(), 3, "every echo reached the client");
        for (const UdpProbe::Arrival& a : client.Arrivals())
        {
            NS_TEST_EXPECT_MSG_EQ(a.from.GetIpv4(), SERVER, "from the server");
            NS_TEST_EXPECT_MSG_EQ(a.from.GetPort(), 9, "from its port");
        }
        NS_TEST_EXPECT_MSG_EQ(napt->GetMappings(), 1, "one mapping");
        NS_TEST_EXPECT_MSG_EQ(
            napt->GetOutsidePort(UDP, InetSocketAddress(CLIENT, 5000)), 30000, "looked up");
        NS_TEST_EXPECT_MSG_EQ(napt->GetTranslated(), 6, "three each way");
        NS_TEST_EXPECT_MSG_EQ(napt->GetDropped(), 0, "nothing dropped");
        NS_TEST_ASSERT_MSG_EQ(m_mappings.size(), 1, "one NewMapping");
        NS_TEST_EXPECT_MSG_EQ(std::get<0>(m_mappings[0]), UDP, "UDP");
        NS_TEST_EXPECT_MSG_EQ(std::get<1>(m_mappings[0]), CLIENT, "inside address");
        NS_TEST_EXPECT_MSG_EQ(std::get<2>(m_mappings[0]), 5000, "inside port");
        NS_TEST_EXPECT_MSG_EQ(std::get<3>(m_mappings[0]), 30000, "outside port");
        Simulator::Destroy();
    }

    bool m_checksums; //!< ChecksumEnabled
    std::vector<std::tuple<uint8_t, Ipv4Address, uint16_t, uint16_t>> m_mappings; //!< traced
};

/**
 * \brief A TCP transfer through the NAPT arrives intact, every segment from the router's
 * outside address and one mapped port; with or without checksums.
 */
class NaptTcpTest : public TestCase
{
  public:
    /** \param checksums run with the ChecksumEnabled global value true */
    explicit NaptTcpTest(bool checksums)
        : TestCase(std::string("NAPT carries a TCP transfer intact")
                   + (checksums ? ", checksums on" : ""))
        , m_checksums(checksums)
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumSetting checksums(m_checksums);
        MiddleboxScenario s;
        Ptr<NaptMiddlebox> napt = CreateObject<NaptMiddlebox>();
        napt->Install(s.RouterInside(), s.RouterOutside());
        Ptr<PatternSink> sink = s.AddTransfer(80, 300000, MilliSeconds(100));
        Simulator::Stop(Seconds(2));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(sink->GetReceived(), 300000, "every byte arrived");
        NS_TEST_EXPECT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        std::vector<MiddleboxHook::Flow> flows = s.ServerFlows(TCP);
        NS_TEST_EXPECT_MSG_GT(flows.size(), 200, "the segments");
        uint32_t wrong = 0;
        for (const MiddleboxHook::Flow& f : flows)
        {
            wrong += f.ip.GetSource() != ROUTER_OUTSIDE || f.sourcePort != 30000;
        }
        NS_TEST_EXPECT_MSG_EQ(wrong, 0, "every segment from 10.1.2.1:30000");
        NS_TEST_EXPECT_MSG_EQ(napt->GetMappings(), 1, "one TCP mapping");
        NS_TEST_EXPECT_MSG_GT(napt->GetTranslated(), flows.size(), "segments and ACKs");
        NS_TEST_EXPECT_MSG_EQ(napt->GetDropped(), 0, "nothing dropped");
        Simulator::Destroy();
    }

    bool m_checksums; //!< ChecksumEnabled
};

/**
 * \brief NAT rebinding: a UDP mapping idle past UdpTimeout is forgotten, the next datagram of
 * the same socket gets a new port, and the server's datagram to the old port is dropped;
 * traffic within the timeout (either way) keeps the mapping.
 */
class NaptRebindingTest : public TestCase
{
  public:
    NaptRebindingTest()
        : TestCase("NAPT rebinds after the UDP idle timeout")
    {
    }

  private:
    /** \param port outside port of a new mapping */
    void
    NewMapping(uint8_t /* protocol */, const InetSocketAddress& /* inside */, uint16_t port)
    {
        m_ports.push_back(port);
    }

    void
    DoRun() override
    {
        MiddleboxScenario s;
        Ptr<NaptMiddlebox> napt
            = CreateObjectWithAttributes<NaptMiddlebox>("UdpTimeout", TimeValue(Seconds(1)));
        napt->Install(s.RouterInside(), s.RouterOutside());
        napt->TraceConnectWithoutContext("NewMapping",
                                         MakeCallback(&NaptRebindingTest::NewMapping, this));
        UdpProbe client(s.Topology().GetClient(), 5000, false);
        UdpProbe echo(s.Topology().GetServer(), 9, true);
        // 0.5 s maps; its echo refreshes at 0.54 s; 1.2 s is within 1 s of it; 2.5 s is not.
        for (double t : {0.5, 1.2, 2.5})
        {
            Simulator::Schedule(Seconds(t), &UdpProbe::SendTo, &client, SERVER, uint16_t(9));
        }
        // The server answers the old binding: the NAT no longer knows it.
        Simulator::Schedule(
            Seconds(2.8), &UdpProbe::SendTo, &echo, ROUTER_OUTSIDE, uint16_t(30000));
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(echo.Arrivals().size(), 3, "all three reached the server");
        NS_TEST_EXPECT_MSG_EQ(echo.Arrivals()[0].from.GetPort(), 30000, "first binding");
        NS_TEST_EXPECT_MSG_EQ(echo.Arrivals()[1].from.GetPort(), 30000, "kept while active");
        NS_TEST_EXPECT_MSG_EQ(echo.Arrivals()[2].from.GetPort(), 30001, "rebound after idle");
        NS_TEST_EXPECT_MSG_EQ(client.Arrivals().size(), 3, "echoes of both bindings; not the old");
        NS_TEST_EXPECT_MSG_EQ(napt->GetDropped(NaptMiddlebox::NO_MAPPING), 1, "old port dropped");
        NS_TEST_EXPECT_MSG_EQ(napt->GetDropped(), 1, "and nothing else");
        NS_TEST_EXPECT_MSG_EQ(napt->GetMappings(), 1, "the new mapping is live");
        NS_TEST_ASSERT_MSG_EQ(m_ports.size(), 2, "two NewMapping");
        NS_TEST_EXPECT_MSG_NE(m_ports[0], m_ports[1], "different ports");
        Simulator::Destroy();
    }

    std::vector<uint16_t> m_ports; //!< outside ports of new mappings
};

/** \brief ExpireAll forgets every mapping at once: the next datagram rebinds. */
class NaptExpireAllTest : public TestCase
{
  public:
    NaptExpireAllTest()
        : TestCase("NAPT ExpireAll forces rebinding")
    {
    }

  private:
    /** \brief Note the live mappings (just after ExpireAll). */
    void
    Sample()
    {
        m_sampled = m_napt->GetMappings();
    }

    void
    DoRun() override
    {
        MiddleboxScenario s;
        m_napt = CreateObject<NaptMiddlebox>();
        m_napt->Install(s.RouterInside(), s.RouterOutside());
        UdpProbe client(s.Topology().GetClient(), 5000, false);
        UdpProbe echo(s.Topology().GetServer(), 9, true);
        Simulator::Schedule(Seconds(0.5), &UdpProbe::SendTo, &client, SERVER, uint16_t(9));
        Simulator::Schedule(Seconds(1), &NaptMiddlebox::ExpireAll, m_napt);
        Simulator::Schedule(Seconds(1.1), &NaptExpireAllTest::Sample, this);
        Simulator::Schedule(Seconds(1.5), &UdpProbe::SendTo, &client, SERVER, uint16_t(9));
        Simulator::Stop(Seconds(2));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(echo.Arrivals().size(), 2, "both reached the server");
        NS_TEST_EXPECT_MSG_EQ(echo.Arrivals()[0].from.GetPort(), 30000, "first binding");
        NS_TEST_EXPECT_MSG_EQ(echo.Arrivals()[1].from.GetPort(), 30001, "new binding");
        NS_TEST_EXPECT_MSG_EQ(client.Arrivals().size(), 2, "both echoes came back");
        NS_TEST_EXPECT_MSG_EQ(m_sampled, 0, "no mapping after ExpireAll");
        NS_TEST_EXPECT_MSG_EQ(m_napt->GetMappings(), 1, "one again after");
        m_napt = nullptr;
        Simulator::Destroy();
    }

    Ptr<NaptMiddlebox> m_napt; //!< the NAT
    uint32_t m_sampled{99};    //!< mappings at 1.1 s
};

/**
 * \brief Unsolicited packets to the NAT's address are dropped before IPv4 sees them: counted,
 * and the router sends no ICMP port unreachable (without the NAT it does: the control).
 */
class NaptUnsolicitedTest : public TestCase
{
  public:
    NaptUnsolicitedTest()
        : TestCase("NAPT drops unsolicited packets without ICMP")
    {
    }

  private:
    /**
     * \param withNat install the NAT
     * \param napt set to it
     * \return ICMP packets the server received
     */
    uint32_t
    Run(bool withNat, Ptr<NaptMiddlebox>& napt)
    {
        MiddleboxScenario s;
        napt = CreateObject<NaptMiddlebox>();
        if (withNat)
        {
            napt->Install(s.RouterInside(), s.RouterOutside());
        }
        UdpProbe server(s.Topology().GetServer(), 7000, false);
        Simulator::Schedule(
            Seconds(0.1), &UdpProbe::SendTo, &server, ROUTER_OUTSIDE, uint16_t(30000));
        Simulator::Schedule(
            Seconds(0.2), &UdpProbe::SendTo, &server, ROUTER_OUTSIDE, uint16_t(40000));
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        uint32_t icmp = s.ServerFlows(1).size();
        Simulator::Destroy();
        return icmp;
    }

    void
    DoRun() override
    {
        Ptr<NaptMiddlebox> napt;
        NS_TEST_EXPECT_MSG_EQ(Run(false, napt), 2, "control: without NAT the router answers");
        NS_TEST_EXPECT_MSG_EQ(Run(true, napt), 0, "with NAT it never sees them");
        NS_TEST_EXPECT_MSG_EQ(
            napt->GetDropped(NaptMiddlebox::NO_MAPPING), 2, "both dropped, unmapped");
        NS_TEST_EXPECT_MSG_EQ(napt->GetTranslated(), 0, "nothing translated");
    }
};

/**
 * \param filtering an attribute value
 * \return its name
 */
std::string
FilteringName(NaptMiddlebox::Filtering filtering)
{
    switch (filtering)
    {
        case NaptMiddlebox::ENDPOINT_INDEPENDENT:
            return "ENDPOINT_INDEPENDENT";
        case NaptMiddlebox::ADDRESS_DEPENDENT:
            return "ADDRESS_DEPENDENT";
        case NaptMiddlebox::ADDRESS_AND_PORT_DEPENDENT:
            return "ADDRESS_AND_PORT_DEPENDENT";
    }
    return "?";
}

/**
 * \brief Inbound filtering (RFC 4787): after the client sent to server:9, datagrams to its
 * mapping from server:7777, from the gateway and from server:9 are admitted or dropped as the
 * Filtering attribute says.
 */
class NaptFilteringTest : public TestCase
{
  public:
    /** \param filtering the attribute value */
    explicit NaptFilteringTest(NaptMiddlebox::Filtering filtering)
        : TestCase("NAPT filtering " + FilteringName(filtering))
        , m_filtering(filtering)
    {
    }

  private:
    void
    DoRun() override
    {
        MiddleboxScenario s;
        Ptr<NaptMiddlebox> napt
            = CreateObjectWithAttributes<NaptMiddlebox>("Filtering", EnumValue(m_filtering));
        napt->Install(s.RouterInside(), s.RouterOutside());
        UdpProbe client(s.Topology().GetClient(), 5000, false);
        UdpProbe server9(s.Topology().GetServer(), 9, false);
        UdpProbe server7777(s.Topology().GetServer(), 7777, false);
        UdpProbe gateway(s.Topology().GetGateway(), 7777, false);
        Simulator::Schedule(Seconds(0.1), &UdpProbe::SendTo, &client, SERVER, uint16_t(9));
        Simulator::Schedule(
            Seconds(0.3), &UdpProbe::SendTo, &server7777, ROUTER_OUTSIDE, uint16_t(30000));
        Simulator::Schedule(
            Seconds(0.4), &UdpProbe::SendTo, &gateway, ROUTER_OUTSIDE, uint16_t(30000));
        Simulator::Schedule(
            Seconds(0.5), &UdpProbe::SendTo, &server9, ROUTER_OUTSIDE, uint16_t(30000));
        Simulator::Stop(Seconds(1));
        Simulator::Run();

        uint32_t expected = m_filtering == NaptMiddlebox::ENDPOINT_INDEPENDENT ? 3
                            : m_filtering == NaptMiddlebox::ADDRESS_DEPENDENT  ? 2
                                                                               : 1;
        NS_TEST_ASSERT_MSG_EQ(client.Arrivals().size(), expected, "admitted datagrams");
        NS_TEST_EXPECT_MSG_EQ(napt->GetDropped(NaptMiddlebox::FILTERED), 3 - expected, "filtered");
        const UdpProbe::Arrival& last = client.Arrivals().back();
        NS_TEST_EXPECT_MSG_EQ(last.from.GetIpv4(), SERVER, "the peer's reply always gets in");
        NS_TEST_EXPECT_MSG_EQ(last.from.GetPort(), 9, "from its port");
        if (m_filtering == NaptMiddlebox::ADDRESS_DEPENDENT)
        {
            NS_TEST_EXPECT_MSG_EQ(
                client.Arrivals()[0].from.GetPort(), 7777, "same host, other port");
        }
        Simulator::Destroy();
    }

    NaptMiddlebox::Filtering m_filtering; //!< attribute under test
};

/**
 * \brief Filter and NAPT on one router: on the inside device the filter runs before source
 * NAT (a dropped datagram creates no mapping), on the outside device destination NAT runs
 * before the filter (an unmapped datagram is the NAT's drop; a mapped one is translated, then
 * the filter's).
 */
class MiddleboxOrderTest : public TestCase
{
  public:
    MiddleboxOrderTest()
        : TestCase("filter and NAPT run in netfilter's order")
    {
    }

  private:
    void
    DoRun() override
    {
        MiddleboxScenario s;
        Ptr<PacketFirewall> filter = CreateObject<PacketFirewall>();
        filter->SetPolicy(PacketFirewall::DROP_UDP);
        filter->Install(s.Topology().GetRouter());
        Ptr<NaptMiddlebox> napt = CreateObject<NaptMiddlebox>();
        napt->Install(s.RouterInside(), s.RouterOutside());
        NS_TEST_EXPECT_MSG_EQ(
            MiddleboxHook::GetOrInstall(s.RouterInside())->GetNStages(), 2, "one hook, two stages");
        NS_TEST_EXPECT_MSG_EQ(MiddleboxHook::GetOrInstall(s.RouterOutside())->GetNStages(),
                              2,
                              "one hook, two stages");
        UdpProbe client(s.Topology().GetClient(), 5000, false);
        UdpProbe server(s.Topology().GetServer(), 9, false);
        Simulator::Schedule(Seconds(0.1), &UdpProbe::SendTo, &client, SERVER, uint16_t(9));
        Simulator::Schedule(
            Seconds(0.2), &UdpProbe::SendTo, &server, ROUTER_OUTSIDE, uint16_t(30000));
        filter->SetPolicyAt(Seconds(0.5), PacketFirewall::PASS);
        Simulator::Schedule(Seconds(0.6), &UdpProbe::SendTo, &client, SERVER, uint16_t(9));
        filter->SetPolicyAt(Seconds(0.8), PacketFirewall::DROP_UDP);
        Simulator::Schedule(
            Seconds(0.9), &UdpProbe::SendTo, &server, ROUTER_OUTSIDE, uint16_t(30000));
        Simulator::Stop(Seconds(1.2));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(filter->GetDropped(), 2, "0.1 s outbound, 0.9 s inbound");
        NS_TEST_EXPECT_MSG_EQ(
            napt->GetDropped(NaptMiddlebox::NO_MAPPING), 1, "0.2 s: no mapping yet");
        NS_TEST_EXPECT_MSG_EQ(napt->GetDropped(), 1, "nothing else");
        NS_TEST_EXPECT_MSG_EQ(napt->GetTranslated(), 2, "0.6 s out, 0.9 s in (then filtered)");
        NS_TEST_ASSERT_MSG_EQ(server.Arrivals().size(), 1, "only the 0.6 s datagram");
        NS_TEST_EXPECT_MSG_EQ(server.Arrivals()[0].from.GetPort(), 30000, "the first mapping");
        NS_TEST_EXPECT_MSG_EQ(client.Arrivals().size(), 0, "nothing came in");
        Simulator::Destroy();
    }
};

/** The middlebox suite. */
class MiddleboxTestSuite : public TestSuite
{
  public:
    MiddleboxTestSuite()
        : TestSuite("tcp-encap-middlebox", Type::UNIT)
    {
        AddTestCase(new FilterDropUdpTest(), TestCase::Duration::QUICK);
        AddTestCase(new FilterDropIkeUdpTest(), TestCase::Duration::QUICK);
        AddTestCase(new FilterOnlyTcp443Test(), TestCase::Duration::QUICK);
        AddTestCase(new FilterScheduleTest(), TestCase::Duration::QUICK);
        AddTestCase(new FilterKeepsLinkLossTest(), TestCase::Duration::QUICK);
        AddTestCase(new NaptUdpTest(false), TestCase::Duration::QUICK);
        AddTestCase(new NaptUdpTest(true), TestCase::Duration::QUICK);
        AddTestCase(new NaptTcpTest(false), TestCase::Duration::QUICK);
        AddTestCase(new NaptTcpTest(true), TestCase::Duration::QUICK);
        AddTestCase(new NaptRebindingTest(), TestCase::Duration::QUICK);
        AddTestCase(new NaptExpireAllTest(), TestCase::Duration::QUICK);
        AddTestCase(new NaptUnsolicitedTest(), TestCase::Duration::QUICK);
        AddTestCase(new NaptFilteringTest(NaptMiddlebox::ENDPOINT_INDEPENDENT),
                    TestCase::Duration::QUICK);
        AddTestCase(new NaptFilteringTest(NaptMiddlebox::ADDRESS_DEPENDENT),
                    TestCase::Duration::QUICK);
        AddTestCase(new NaptFilteringTest(NaptMiddlebox::ADDRESS_AND_PORT_DEPENDENT),
                    TestCase::Duration::QUICK);
        AddTestCase(new MiddleboxOrderTest(), TestCase::Duration::QUICK);
    }
};

MiddleboxTestSuite g_middleboxTestSuite; //!< registers the suite

} // namespace
