/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// UdpEncapTransport: demultiplexing of port 4500 (RFC 3948 §2): ESP by SPI, IKE behind the
// non-ESP marker, 1-byte keepalives dropped, short datagrams counted as malformed.
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/udp-encap-transport.h"
#include "ns3/udp-socket-factory.h"

using namespace ns3;

namespace
{

/**
 * \brief ESP callback: keeps a copy of each ESP packet.
 * \param esp where to keep them
 * \param data the packet
 * \param size its size
 */
void
RecordEsp(std::vector<std::vector<uint8_t>>* esp,
          const uint8_t* data,
          uint32_t size,
          const Address& /* from */)
{
    esp->emplace_back(data, data + size);
}

/**
 * \brief IKE callback: keeps a copy of each IKE message.
 * \param ike where to keep them
 * \param p the message
 */
void
RecordIke(std::vector<std::vector<uint8_t>>* ike, Ptr<Packet> p, const Address& /* from */)
{
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    ike->push_back(bytes);
}

/**
 * \brief Sends a crafted datagram.
 * \param raw the UDP socket to send from
 * \param to where
 * \param bytes the datagram
 */
void
SendRaw(Ptr<Socket> raw, InetSocketAddress to, std::vector<uint8_t> bytes)
{
    raw->SendTo(Create<Packet>(bytes.data(), bytes.size()), 0, to);
}

/**
 * \brief Sends an IKE message through a transport.
 * \param transport the transport
 * \param bytes the message body
 */
void
SendIkeBytes(Ptr<UdpEncapTransport> transport, std::vector<uint8_t> bytes)
{
    transport->SendIke(Create<Packet>(bytes.data(), bytes.size()));
}

/**
 * \brief Sends an ESP packet through a transport.
 * \param transport the transport
 * \param bytes the packet
 */
void
SendEspBytes(Ptr<UdpEncapTransport> transport, std::vector<uint8_t> bytes)
{
    transport->SendEsp(Create<Packet>(bytes.data(), bytes.size()));
}

/** Crafted datagrams into a transport, and IKE from one transport to another. */
class UdpEncapDemuxTest : public TestCase
{
  public:
    UdpEncapDemuxTest()
        : TestCase("port 4500 demultiplexing: ESP, IKE, keepalive, malformed")
    {
    }

  private:
    void
    DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(2);
        PointToPointHelper p2p;
        NetDeviceContainer devs = p2p.Install(nodes);
        InternetStackHelper().Install(nodes);
        Ipv4AddressHelper addr("10.0.0.0", "255.255.255.0");
        addr.Assign(devs);

        Ptr<UdpEncapTransport> a = CreateObject<UdpEncapTransport>();
        a->SetAttribute("PeerAddress", Ipv4AddressValue("10.0.0.2"));
        Ptr<UdpEncapTransport> b = CreateObject<UdpEncapTransport>();
        b->SetAttribute("PeerAddress", Ipv4AddressValue("10.0.0.1"));
        std::vector<std::vector<uint8_t>> esp;
        std::vector<std::vector<uint8_t>> ike;
        a->SetEspCallback(MakeBoundCallback(&RecordEsp, &esp));
        a->SetIkeCallback(MakeBoundCallback(&RecordIke, &ike));
        a->Start(nodes.Get(0));
        b->Start(nodes.Get(1));

        Ptr<Socket> raw = Socket::CreateSocket(nodes.Get(1), UdpSocketFactory::GetTypeId());
        raw->Bind();
        InetSocketAddress to(Ipv4Address("10.0.0.1"), 4500);
        const std::vector<uint8_t> espBytes = {0, 0, 1, 0, 0, 0, 0, 1, 9, 9, 9, 9};
        const std::vector<uint8_t> ikeBody = {0x11, 0x22, 0x33, 0x44, 0x55};
        Simulator::Schedule(Seconds(1), &SendRaw, raw, to, espBytes);
        Simulator::Schedule(Seconds(1.1), &SendRaw, raw, to, std::vector<uint8_t>{0xFF});
        Simulator::Schedule(Seconds(1.2), &SendRaw, raw, to, std::vector<uint8_t>{1, 2});
        Simulator::Schedule(Seconds(1.3), &SendRaw, raw, to, std::vector<uint8_t>{0, 0, 0, 0, 7});
        Simulator::Schedule(Seconds(1.4), &SendIkeBytes, b, ikeBody);
        Simulator::Schedule(Seconds(1.5), &SendEspBytes, b, espBytes);
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(esp.size(), 2, "two ESP datagrams");
        NS_TEST_ASSERT_MSG_EQ((esp[0] == espBytes), true, "raw ESP intact");
        NS_TEST_ASSERT_MSG_EQ((esp[1] == espBytes), true, "transported ESP intact");
        NS_TEST_ASSERT_MSG_EQ(ike.size(), 2, "two IKE messages");
        NS_TEST_ASSERT_MSG_EQ((ike[0] == std::vector<uint8_t>{7}), true, "marker stripped");
        NS_TEST_ASSERT_MSG_EQ((ike[1] == ikeBody), true, "SendIke adds the marker");
        NS_TEST_ASSERT_MSG_EQ(a->GetKeepaliveCount(), 1, "keepalive dropped and counted");
        NS_TEST_ASSERT_MSG_EQ(a->GetMalformedCount(), 1, "2-byte datagram malformed");
        NS_TEST_ASSERT_MSG_EQ(a->GetMaxEspSize(), 1472, "1500 - 20 - 8");

        a->Stop();
        NS_TEST_ASSERT_MSG_EQ(a->SendEsp(Create<Packet>(8)), false, "stopped refuses");
        Simulator::Destroy();
    }
};

/** The UDP encapsulation suite. */
class UdpEncapTransportTestSuite : public TestSuite
{
  public:
    UdpEncapTransportTestSuite()
        : TestSuite("tcp-encap-udp-encap-transport", Type::UNIT)
    {
        AddTestCase(new UdpEncapDemuxTest(), TestCase::Duration::QUICK);
    }
};

UdpEncapTransportTestSuite g_udpEncapTransportTestSuite; //!< registers the suite

} // namespace
