/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Bad ESP in bulk at a gateway in the middle of a transfer (issue 10): packets with unknown
// SPIs, forged packets that fail the ICV, replays of genuine packets, and malformed ones, all
// sent from another address. Each is dropped under its own named outcome and counted, the
// transfer is unharmed, and the responder does not move to the forger's address (RFC 3948:
// only authenticated, fresh traffic may update the peer).
#include "tunnel-test-scenario.h"

#include "ns3/inet-socket-address.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/udp-encap-transport.h"
#include "ns3/udp-socket-factory.h"

#include <vector>

using namespace ns3;
using namespace ns3::tcpencaptest;

namespace
{

/** ESP packets the client sealed, in order. */
struct Sealed
{
    std::vector<std::vector<uint8_t>> packets; //!< the first ones, copied
};

/**
 * \brief EspSeal trace: keep the first 400 packets.
 * \param sealed where
 * \param esp the ESP packet
 */
void
KeepSealed(Sealed* sealed, Ptr<const Packet> /* inner */, Ptr<const Packet> esp)
{
    if (sealed->packets.size() < 400)
    {
        std::vector<uint8_t> bytes(esp->GetSize());
        esp->CopyData(bytes.data(), bytes.size());
        sealed->packets.push_back(bytes);
    }
}

/**
 * \brief RxDrop trace: count drops by outcome.
 * \param counts per outcome
 * \param reason the outcome
 */
void
CountDrop(EspCounters* counts, Ptr<const Packet> /* packet */, EspStatus reason)
{
    counts->Count(reason);
}

/**
 * \brief Send one crafted datagram.
 * \param socket the forger's socket
 * \param to the gateway's port 4500
 * \param bytes the datagram
 */
void
Forge(Ptr<Socket> socket, InetSocketAddress to, std::vector<uint8_t> bytes)
{
    socket->SendTo(Create<Packet>(bytes.data(), bytes.size()), 0, to);
}

/**
 * \brief Replay some of the client's genuine packets from the forger's address.
 * \param socket the forger's socket
 * \param to the gateway's port 4500
 * \param sealed the packets
 * \param first first index
 * \param count how many
 */
void
Replay(Ptr<Socket> socket, InetSocketAddress to, Sealed* sealed, uint32_t first, uint32_t count)
{
    for (uint32_t i = first; i < first + count && i < sealed->packets.size(); ++i)
    {
        Forge(socket, to, sealed->packets[i]);
    }
}

/** \param v a 32-bit value \param out where its big-endian bytes go */
void
PutU32(uint32_t v, uint8_t* out)
{
    out[0] = v >> 24;
    out[1] = v >> 16;
    out[2] = v >> 8;
    out[3] = v;
}

/** Unknown SPIs, ICV failures, replays and malformed packets in bulk, mid-transfer. */
class EspBulkBadInputTest : public TestCase
{
  public:
    EspBulkBadInputTest()
        : TestCase("bulk unknown SPIs, ICV failures, replays, malformed ESP: each counted, "
                   "transfer intact, peer not moved")
    {
    }

  private:
    void
    DoRun() override
    {
        const uint64_t bytes = 1000000;
        const uint32_t unknownSpi = 2000;
        const uint32_t forged = 500;
        const uint32_t replayed = 300;
        const uint32_t malformed = 100;

        RemoteAccessTopologyParams params;
        params.queuePackets = 5000; // no queue drops: every count below is exact
        TunnelScenario scenario(params);
        scenario.Build();
        const IpsecTunnel& tunnel = scenario.Tunnel();
        Ptr<PatternSink> sink = scenario.AddTransfer(
            scenario.Topology().GetServerAddress(), 5001, bytes, Seconds(0.1));
        Sealed sealed;
        tunnel.client->TraceConnectWithoutContext("EspSeal",
                                                  MakeBoundCallback(&KeepSealed, &sealed));
        EspCounters traced;
        tunnel.gateway->TraceConnectWithoutContext("RxDrop",
                                                   MakeBoundCallback(&CountDrop, &traced));

        // The forger sits on the router, one hop from the gateway, with its own address.
        Ptr<Socket> socket
            = Socket::CreateSocket(scenario.Topology().GetRouter(), UdpSocketFactory::GetTypeId());
        NS_TEST_ASSERT_MSG_EQ(socket->Bind(), 0, "bind");
        InetSocketAddress to(scenario.Topology().GetGatewayAddress(), 4500);
        std::vector<uint32_t> spis = tunnel.gateway->GetSad().GetSpis();
        NS_TEST_ASSERT_MSG_EQ(spis.size(), 1, "one inbound SA at the gateway");
        const uint32_t spi = spis[0];

        // Spread over 0.3 s to 1.3 s, while the transfer runs.
        for (uint32_t i = 0; i < unknownSpi; ++i)
        {
            std::vector<uint8_t> p(8 + 8 + 16 + 4 * (1 + i % 100), static_cast<uint8_t>(i));
            uint32_t other = spi + 1 + i;
            PutU32(other == 0 ? 1 : other, p.data());
            PutU32(i + 1, p.data() + 4);
            Simulator::Schedule(Seconds(0.3) + MicroSeconds(500 * i), &Forge, socket, to, p);
        }
        for (uint32_t i = 0; i < forged; ++i)
        {
            // Right SPI, sequence numbers far ahead (fresh), garbage that cannot authenticate.
            std::vector<uint8_t> p(8 + 8 + 16 + 4 * (1 + i % 350), static_cast<uint8_t>(i * 7));
            PutU32(spi, p.data());
            PutU32(1000000 + i, p.data() + 4);
            Simulator::Schedule(Seconds(0.3) + MicroSeconds(2000 * i), &Forge, socket, to, p);
        }
        uint32_t spiOnly = 0; // 4 bytes: the transport refuses them before the SAD
        for (uint32_t i = 0; i < malformed; ++i)
        {
            // Right SPI, too short or not a multiple of 4 after the fixed part.
            spiOnly += i % 33 == 0 ? 1 : 0;
            std::vector<uint8_t> p(4 + i % 33 + (i % 33 >= 32 ? 1 : 0), 0);
            PutU32(spi, p.data());
            Simulator::Schedule(Seconds(0.3) + MicroSeconds(9000 * i), &Forge, socket, to, p);
        }
        // Genuine packets sealed in the first 0.3 s of traffic, replayed later.
        Simulator::Schedule(Seconds(1.0), &Replay, socket, to, &sealed, 0, 150);
        Simulator::Schedule(Seconds(1.2), &Replay, socket, to, &sealed, 50, 150);

        Simulator::Stop(Seconds(20));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(scenario.Topology().GetQueueDrops(), 0, "no queue drops");
        NS_TEST_ASSERT_MSG_EQ(sealed.packets.size(), 400, "enough packets sealed to replay");
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), bytes, "every byte arrived");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "in order and intact");
        const EspCounters& rx = tunnel.gateway->GetRxCounters();
        NS_TEST_ASSERT_MSG_EQ(rx.Get(EspStatus::UNKNOWN_SPI), unknownSpi, "unknown SPIs");
        NS_TEST_ASSERT_MSG_EQ(rx.Get(EspStatus::ICV_FAILURE), forged, "ICV failures");
        NS_TEST_ASSERT_MSG_EQ(rx.Get(EspStatus::REPLAY) + rx.Get(EspStatus::TOO_OLD),
                              replayed,
                              "every replay refused");
        NS_TEST_ASSERT_MSG_EQ(rx.Get(EspStatus::MALFORMED), malformed - spiOnly, "malformed");
        NS_TEST_ASSERT_MSG_EQ(rx.GetDrops(),
                              unknownSpi + forged + replayed + malformed - spiOnly,
                              "nothing else dropped");
        NS_TEST_ASSERT_MSG_EQ(rx.Get(EspStatus::OK),
                              tunnel.client->GetTxCounters().Get(EspStatus::OK),
                              "every genuine packet opened once (no loss configured)");
        for (std::size_t s = 0; s < static_cast<std::size_t>(EspStatus::COUNT); ++s)
        {
            EspStatus status = static_cast<EspStatus>(s);
            if (status != EspStatus::OK)
            {
                NS_TEST_ASSERT_MSG_EQ(
                    traced.Get(status), rx.Get(status), "RxDrop traced every " << status);
            }
        }
        Ptr<UdpEncapTransport> udp = DynamicCast<UdpEncapTransport>(tunnel.gateway->GetTransport());
        NS_TEST_ASSERT_MSG_NE(udp, nullptr, "ESP-in-UDP");
        NS_TEST_ASSERT_MSG_EQ(udp->GetMalformedCount(), spiOnly, "SPI-only datagrams");
        Ipv4AddressValue peer;
        udp->GetAttribute("PeerAddress", peer);
        NS_TEST_ASSERT_MSG_EQ(peer.Get(),
                              scenario.Topology().GetClientAddress(),
                              "the gateway still answers the client, not the forger");
        Simulator::Destroy();
    }
};

/** Bad ESP in bulk. */
class EspBadInputTestSuite : public TestSuite
{
  public:
    EspBadInputTestSuite()
        : TestSuite("tcp-encap-esp-bad-input", Type::SYSTEM)
    {
        AddTestCase(new EspBulkBadInputTest(), TestCase::Duration::QUICK);
    }
};

EspBadInputTestSuite g_espBadInputTestSuite; //!< registers the suite

} // namespace
