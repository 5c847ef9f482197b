/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Rekeys started by either side (RFC 7296 §2.8, §2.17, §2.18): the gateway, the original IKE
// responder, rekeys Child SAs and the IKE SA; KEYMAT follows the roles of each CREATE_CHILD_SA
// exchange, not the original ones; the side that rekeyed the IKE SA deletes the old one; over
// TCP the gateway resends its request when the client comes back on a new connection (RFC 9329
// §6.2).

#include "ike-test-recorders.h"
#include "ike-tunnel-scenario.h"

#include "ns3/boolean.h"
#include "ns3/ike-key-schedule.h"
#include "ns3/ike-message.h"
#include "ns3/ike-payload-util.h"
#include "ns3/ike-sa.h"
#include "ns3/simulator.h"
#include "ns3/tcp-encap-transport.h"
#include "ns3/tcp-reset-injector.h"
#include "ns3/test.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

namespace ns3
{
namespace tcpencaptest
{
namespace
{

/** \param transport TypeId name \return "udp", "tcp", ... */
std::string
ShortName(const std::string& transport)
{
    return transport == UDP ? "UDP" : transport == TCP ? "TCP" : "TLS";
}

/** Records the Child SA pairs each endpoint installs (the "ChildSaAdded" trace). */
struct InstalledPairs
{
    std::vector<EspSaParams> clientOut;  //!< the client's outbound SAs, in order
    std::vector<EspSaParams> clientIn;   //!< its inbound SAs
    std::vector<EspSaParams> gatewayOut; //!< the gateway's outbound SAs
    std::vector<EspSaParams> gatewayIn;  //!< its inbound SAs

    /** \param out outbound \param in inbound */
    void
    Client(const EspSaParams& out, const EspSaParams& in)
    {
        clientOut.push_back(out);
        clientIn.push_back(in);
    }

    /** \param out outbound \param in inbound */
    void
    Gateway(const EspSaParams& out, const EspSaParams& in)
    {
        gatewayOut.push_back(out);
        gatewayIn.push_back(in);
    }

    /**
     * \param spi an SPI
     * \param list SAs
     * \return the key material of the SA with that SPI, empty if none
     */
    static std::vector<uint8_t>
    KeyOf(uint32_t spi, const std::vector<EspSaParams>& list)
    {
        for (const EspSaParams& p : list)
        {
            if (p.spi == spi)
            {
                return p.keyMaterial;
            }
        }
        return {};
    }
};

/** IKE messages an endpoint received, and the CREATE_CHILD_SA exchanges among them. */
struct ReceivedIke : IkeInbox
{
    /**
     * \brief The payloads of the CREATE_CHILD_SA messages received, opened with the IKE SA.
     * \param sa the receiver's IKE SA
     * \param response responses (true) or requests
     * \return per message: its Message ID and inner payloads
     */
    std::vector<std::pair<uint32_t, std::vector<IkePayload>>>
    CreateChild(Ptr<IkeSa> sa, bool response) const
    {
        std::vector<std::pair<uint32_t, std::vector<IkePayload>>> out;
        for (const auto& bytes : messages)
        {
            IkeParseResult r = IkeMessage::Parse(bytes);
            if (!r.IsOk() || r.message.GetHeader().exchangeType != ike::CREATE_CHILD_SA
                || r.message.GetHeader().IsResponse() != response)
            {
                continue;
            }
            std::vector<IkePayload> inner;
            if (sa->Unprotect(bytes, r.message, inner) == IkeSkStatus::OK)
            {
                out.emplace_back(r.message.GetHeader().messageId, std::move(inner));
            }
        }
        return out;
    }
};

/** Shared by the cases: connect the traces, check every pair's keys crosswise. */
class RekeyRolesTestCase : public IkeTunnelTestCase
{
  protected:
    /** \param name the case's name */
    explicit RekeyRolesTestCase(const std::string& name)
        : IkeTunnelTestCase(name)
    {
    }

    /**
     * \param s a built scenario
     * \param pairs where its endpoints' installed pairs go
     */
    static void
    Record(IkeTunnelScenario& s, InstalledPairs& pairs)
    {
        s.Tunnel().client->TraceConnectWithoutContext(
            "ChildSaAdded", MakeCallback(&InstalledPairs::Client, &pairs));
        s.Tunnel().gateway->TraceConnectWithoutContext(
            "ChildSaAdded", MakeCallback(&InstalledPairs::Gateway, &pairs));
    }

    /**
     * \brief Every pair either side installed has its twin on the other side with the same
     * SPI and the same key material: one side's outbound is the other's inbound.
     * \param pairs what was installed
     */
    void
    CheckKeysCrosswise(const InstalledPairs& pairs)
    {
        NS_TEST_ASSERT_MSG_EQ(pairs.clientOut.size(), pairs.gatewayOut.size(), "as many pairs");
        for (const EspSaParams& out : pairs.clientOut)
        {
            std::vector<uint8_t> twin = InstalledPairs::KeyOf(out.spi, pairs.gatewayIn);
            NS_TEST_ASSERT_MSG_EQ(twin.empty(), false, "the gateway has SPI " << out.spi);
            NS_TEST_ASSERT_MSG_EQ(
                (twin == out.keyMaterial), true, "client out == gateway in, SPI " << out.spi);
        }
        for (const EspSaParams& out : pairs.gatewayOut)
        {
            std::vector<uint8_t> twin = InstalledPairs::KeyOf(out.spi, pairs.clientIn);
            NS_TEST_ASSERT_MSG_EQ(twin.empty(), false, "the client has SPI " << out.spi);
            NS_TEST_ASSERT_MSG_EQ(
                (twin == out.keyMaterial), true, "gateway out == client in, SPI " << out.spi);
        }
    }
};

/**
 * The gateway (original IKE responder) rekeys the Child SA twice under traffic: the pairs are
 * keyed alike on both sides, no inner packet is lost, the gateway deletes the old pairs.
 */
class GatewayChildRekeyTest : public RekeyRolesTestCase
{
  public:
    /** \param transport TypeId name \param pfs with a KE payload */
    GatewayChildRekeyTest(const std::string& transport, bool pfs)
        : RekeyRolesTestCase("Child SA rekeys started by the gateway over " + ShortName(transport)
                             + (pfs ? " with PFS" : "")
                             + ": KEYMAT by the exchange's roles, traffic intact")
        , m_transport(transport)
        , m_pfs(pfs)
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(m_transport);
        s.Helper().SetIkeAttribute("Pfs", BooleanValue(m_pfs));
        s.Build();
        InstalledPairs pairs;
        Record(s, pairs);
        ReceivedIke requests;  // at the client: the gateway's CREATE_CHILD_SA requests
        ReceivedIke responses; // at the gateway: the client's responses
        s.Tunnel().client->TraceConnectWithoutContext("IkeRx",
                                                      MakeCallback(&IkeInbox::Rx, &requests));
        s.Tunnel().gateway->TraceConnectWithoutContext("IkeRx",
                                                       MakeCallback(&IkeInbox::Rx, &responses));
        const uint64_t bytes = 2000000;
        Ptr<PatternSink> sink = s.AddTransfer(5001, bytes, Seconds(0.5));
        Simulator::Schedule(Seconds(1), &IkeSession::RekeyChildSa, s.Gateway());
        Simulator::Schedule(Seconds(2), &IkeSession::RekeyChildSa, s.Gateway());
        Simulator::Stop(Seconds(4));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetChildRekeys(), 2, "gateway rekeyed twice");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetChildRekeys(), 2, "the client answered both");
        NS_TEST_ASSERT_MSG_EQ(pairs.clientOut.size(), 3, "IKE_AUTH's pair and two rekeys");
        CheckKeysCrosswise(pairs);
        if (!m_pfs)
        {
            CheckKeymatOrder(s, requests, responses, pairs);
        }
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), bytes, "every inner byte arrived");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        CheckNoKeyingLoss(s);
        CheckChildSaPair(s); // the old pairs were deleted: one pair left, crosswise
        Simulator::Destroy();
    }

    /**
     * \brief RFC 7296 §2.17, independently of how the model keys its pairs: KEYMAT =
     * prf+(SK_d, Ni | Nr) of each CREATE_CHILD_SA exchange, the first keys for the SA that
     * carries the exchange initiator's (here the gateway's) traffic.
     * \param s the scenario \param requests the gateway's requests, received by the client
     * \param responses the client's responses \param pairs the pairs installed
     */
    void
    CheckKeymatOrder(IkeTunnelScenario& s,
                     const ReceivedIke& requests,
                     const ReceivedIke& responses,
                     const InstalledPairs& pairs)
    {
        Ptr<IkeSa> sa = s.Gateway()->GetIkeSa();
        auto asked = requests.CreateChild(s.Client()->GetIkeSa(), false);
        auto answered = responses.CreateChild(sa, true);
        NS_TEST_ASSERT_MSG_EQ(asked.size(), 2, "two requests from the gateway");
        NS_TEST_ASSERT_MSG_EQ(answered.size(), 2, "two responses from the client");
        for (std::size_t i = 0; i < std::min(asked.size(), answered.size()); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(asked[i].first, answered[i].first, "same exchange");
            const auto* ni = ike::FindBody<IkeNoncePayload>(asked[i].second, ike::PAYLOAD_NONCE);
            const auto* nr = ike::FindBody<IkeNoncePayload>(answered[i].second, ike::PAYLOAD_NONCE);
            const auto* saR = ike::FindBody<IkeSaPayload>(answered[i].second, ike::PAYLOAD_SA);
            NS_TEST_ASSERT_MSG_EQ((ni && nr && saR && !saR->proposals.empty()), true, "payloads");
            if (!ni || !nr || !saR || saR->proposals.empty())
            {
                return;
            }
            uint32_t clientSpi = ike::ReadSpi32(saR->proposals.front().spi);
            std::vector<uint8_t> gatewayOut = InstalledPairs::KeyOf(clientSpi, pairs.gatewayOut);
            ChildSaKeys keys = IkeKeySchedule::DeriveChildSaKeys(
                sa->GetPrf(), sa->GetKeys().skD, ni->data, nr->data, {}, gatewayOut.size());
            NS_TEST_ASSERT_MSG_EQ((gatewayOut == keys.initiatorToResponder),
                                  true,
                                  "rekey " << i + 1 << ": the gateway started the exchange, so "
                                           << "its outbound SA takes KEYMAT's first keys");
        }
    }

    std::string m_transport; //!< transport
    bool m_pfs;              //!< KE payload in the rekeys
};

/** IKE messages one side sent: (time, exchange, response). */
struct SentLog
{
    std::vector<std::tuple<Time, uint8_t, bool>> sent; //!< what, when

    /** \param type exchange \param response R flag \param size bytes */
    void
    Tx(uint8_t type, bool response, uint32_t /* size */)
    {
        sent.emplace_back(Simulator::Now(), type, response);
    }

    /**
     * \param type an exchange \param from start \param to end
     * \return requests of that exchange sent in [from, to)
     */
    uint32_t
    Requests(uint8_t type, Time from, Time to) const
    {
        uint32_t n = 0;
        for (const auto& [t, exchange, response] : sent)
        {
            n += (exchange == type && !response && t >= from && t < to) ? 1 : 0;
        }
        return n;
    }
};

/**
 * The gateway rekeys the IKE SA, and so becomes the initiator of the new one; both sides then
 * rekey Child SAs on it, and the client's DELETE ends it. The gateway, not the client, deletes
 * the old IKE SA (RFC 7296 §2.18).
 */
class GatewayIkeRekeyTest : public RekeyRolesTestCase
{
  public:
    /** \param transport TypeId name */
    explicit GatewayIkeRekeyTest(const std::string& transport)
        : RekeyRolesTestCase("IKE SA rekey started by the gateway over " + ShortName(transport)
                             + ": roles of the new IKE SA swap, Child SA rekeys by both, DELETE")
        , m_transport(transport)
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(m_transport);
        s.Build();
        InstalledPairs pairs;
        Record(s, pairs);
        SentLog client;
        SentLog gateway;
        s.Client()->TraceConnectWithoutContext("MessageTx", MakeCallback(&SentLog::Tx, &client));
        s.Gateway()->TraceConnectWithoutContext("MessageTx", MakeCallback(&SentLog::Tx, &gateway));
        const uint64_t bytes = 2000000;
        Ptr<PatternSink> sink = s.AddTransfer(5001, bytes, Seconds(0.5));
        Simulator::Schedule(Seconds(1), &IkeSession::RekeyIkeSa, s.Gateway());
        Simulator::Schedule(Seconds(2), &IkeSession::RekeyChildSa, s.Client());
        Simulator::Schedule(Seconds(2.5), &IkeSession::RekeyChildSa, s.Gateway());
        bool gatewayInitiates = false;
        bool clientInitiates = true;
        Simulator::Schedule(Seconds(3.4),
                            [&]()
                            {
                                gatewayInitiates = s.Gateway()->GetIkeSa()->IsOriginalInitiator();
                                clientInitiates = s.Client()->GetIkeSa()->IsOriginalInitiator();
                                CheckChildSaPair(s);
                            });
        Simulator::Schedule(Seconds(3.5), &IkeSession::Delete, s.Client());
        Simulator::Stop(Seconds(4.5));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetIkeRekeys(), 1, "the gateway rekeyed the IKE SA");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetIkeRekeys(), 1, "the client took part");
        NS_TEST_ASSERT_MSG_EQ(gatewayInitiates, true, "the gateway initiates the new IKE SA");
        NS_TEST_ASSERT_MSG_EQ(clientInitiates, false, "the client responds on it");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetChildRekeys(), 2, "two Child SA rekeys");
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetChildRekeys(), 2, "seen by both");
        CheckKeysCrosswise(pairs);
        // The old IKE SA: deleted by the gateway, which rekeyed; never by the client.
        NS_TEST_ASSERT_MSG_EQ(gateway.Requests(ike::INFORMATIONAL, Seconds(1), Seconds(2)),
                              1,
                              "the gateway deletes the old IKE SA");
        NS_TEST_ASSERT_MSG_EQ(client.Requests(ike::INFORMATIONAL, Seconds(0), Seconds(3.5)),
                              1,
                              "the client deletes only the pair its own rekey replaced");
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), bytes, "every inner byte arrived");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        CheckNoKeyingLoss(s);
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetIcvFailures() + s.Gateway()->GetIcvFailures(),
                              0,
                              "no IKE message under the wrong keys");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetState(), IkeSession::CLOSED, "client CLOSED");
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetState(), IkeSession::CLOSED, "gateway CLOSED");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetFailureNotify(), 0, "not a failure");
        Simulator::Destroy();
    }

    std::string m_transport; //!< transport
};

/**
 * RFC 9329 §6.2 for the responder: the gateway's Child SA rekey request goes down with the
 * connection; the gateway cannot reconnect, so it resends the request when the client comes
 * back on a new connection, and the rekey completes.
 */
class GatewayResendTest : public RekeyRolesTestCase
{
  public:
    GatewayResendTest()
        : RekeyRolesTestCase("RST while the gateway's CREATE_CHILD_SA is outstanding over TCP: "
                             "resent on the client's new connection, rekey completes")
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(TCP);
        s.Build();
        Ptr<TcpResetInjector> injector = CreateObject<TcpResetInjector>();
        injector->Install(s.Topology().GetRouter());
        ResetOnRequest reset{injector, ike::CREATE_CHILD_SA};
        s.Gateway()->TraceConnectWithoutContext("MessageTx",
                                                MakeCallback(&ResetOnRequest::Tx, &reset));
        InstalledPairs pairs;
        Record(s, pairs);
        SentLog gateway;
        s.Gateway()->TraceConnectWithoutContext("MessageTx", MakeCallback(&SentLog::Tx, &gateway));
        const uint64_t bytes = 1000000;
        Ptr<PatternSink> sink = s.AddTransfer(5001, bytes, Seconds(0.5));
        Simulator::Schedule(Seconds(1), &IkeSession::RekeyChildSa, s.Gateway());
        Simulator::Stop(Seconds(4));
        Simulator::Run();

        Ptr<TcpEncapTransport> tcp
            = DynamicCast<TcpEncapTransport>(s.Tunnel().client->GetTransport());
        NS_TEST_ASSERT_MSG_EQ(injector->GetResets(), 1, "one connection reset");
        NS_TEST_ASSERT_MSG_EQ(tcp->GetConnectionsOpened(), 2, "the client connected again");
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetResends(), 1, "the gateway resent its request");
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetRetransmissions(), 0, "never on one connection");
        NS_TEST_ASSERT_MSG_EQ(gateway.Requests(ike::CREATE_CHILD_SA, Seconds(0), Seconds(4)),
                              2,
                              "the request, then its copy");
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetChildRekeys(), 1, "the rekey completed");
        NS_TEST_ASSERT_MSG_EQ(s.Client()->GetChildRekeys(), 1, "on both sides");
        CheckKeysCrosswise(pairs);
        CheckChildSaPair(s);
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), bytes, "every inner byte arrived");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        Simulator::Destroy();
    }
};

} // namespace

/** Rekeys started by either side. */
class IkeRekeyRolesTestSuite : public TestSuite
{
  public:
    IkeRekeyRolesTestSuite()
        : TestSuite("tcp-encap-ike-rekey-roles", Type::UNIT)
    {
        AddTestCase(new GatewayChildRekeyTest(UDP, false), Duration::QUICK);
        AddTestCase(new GatewayChildRekeyTest(UDP, true), Duration::QUICK);
        AddTestCase(new GatewayChildRekeyTest(TCP, false), Duration::QUICK);
        AddTestCase(new GatewayIkeRekeyTest(UDP), Duration::QUICK);
        AddTestCase(new GatewayIkeRekeyTest(TCP), Duration::QUICK);
        AddTestCase(new GatewayResendTest(), Duration::QUICK);
    }
};

/** The suite's instance. */
static IkeRekeyRolesTestSuite g_ikeRekeyRolesTestSuite;

} // namespace tcpencaptest
} // namespace ns3
