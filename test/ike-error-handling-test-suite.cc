/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Error answers of an established IKE session: INVALID_MAJOR_VERSION (RFC 7296 §2.5), an
// authentic protected message with bad syntax inside (§2.21.3: INVALID_SYNTAX to a request,
// the IKE SA deleted either way), unparseable IKE counted against a TCP connection (RFC 9329
// §6.1) as unusable ESP is, and unauthenticated IKE_SA_INITs that must not touch the
// established IKE SA.

#include "ike-test-messages.h"
#include "ike-test-recorders.h"
#include "ike-tunnel-scenario.h"

#include "ns3/aes-gcm.h"
#include "ns3/deterministic-random.h"
#include "ns3/diffie-hellman.h"
#include "ns3/ike-message.h"
#include "ns3/ike-payload-util.h"
#include "ns3/ike-proposals.h"
#include "ns3/ike-sa.h"
#include "ns3/ike-sk-protection.h"
#include "ns3/random-bytes.h"
#include "ns3/simulator.h"
#include "ns3/tcp-encap-transport.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace ns3
{
namespace tcpencaptest
{
namespace
{

/**
 * \brief A protected message as the client would send it, with a plaintext of our choosing
 * inside the SK payload: what a buggy but keyed peer sends (RFC 7296 §3.14 framing, AES-GCM-16).
 * \param sa the client's IKE SA (its SK_ei seals)
 * \param exchangeType exchange \param response R flag \param messageId Message ID
 * \param first the SK payload's Next Payload: the type of the first inner payload
 * \param plain the plaintext, Pad Length byte included
 * \return the message
 */
std::vector<uint8_t>
SealRaw(Ptr<IkeSa> sa,
        uint8_t exchangeType,
        bool response,
        uint32_t messageId,
        uint8_t first,
        const std::vector<uint8_t>& plain)
{
    IkeHeader h = sa->MakeHeader(exchangeType, response, messageId);
    IkeSkPayload sk;
    sk.firstInnerPayload = first;
    sk.data.assign(IkeSkProtection::IV_SIZE + plain.size() + AesGcm::TAG_SIZE, 0);
    IkeMessage message(h);
    message.AddPayload(IkePayload(ike::PAYLOAD_SK, sk));
    std::vector<uint8_t> bytes = message.Serialize();
    const std::vector<uint8_t>& skEi = sa->GetKeys().skEi; // key | salt
    std::vector<uint8_t> key(skEi.begin(), skEi.end() - IkeSkProtection::SALT_SIZE);
    AesGcm gcm(key);
    std::size_t ivOffset = bytes.size() - sk.data.size();
    uint8_t nonce[AesGcm::NONCE_SIZE];
    std::copy(skEi.end() - IkeSkProtection::SALT_SIZE, skEi.end(), nonce);
    for (std::size_t i = 0; i < IkeSkProtection::IV_SIZE; ++i)
    {
        // An IV far above any the client's own counter reaches: no nonce reuse.
        bytes[ivOffset + i] = i == 0 ? 0x7f : 0;
        nonce[IkeSkProtection::SALT_SIZE + i] = bytes[ivOffset + i];
    }
    gcm.Seal(nonce,
             bytes.data(),
             ivOffset,
             plain.data(),
             plain.size(),
             bytes.data() + ivOffset + IkeSkProtection::IV_SIZE);
    return bytes;
}

/**
 * A request in IKE major version 3 reaches the gateway: it is dropped and answered, without
 * protection, with INVALID_MAJOR_VERSION in a version 2.0 header that echoes the request's
 * SPIs, exchange and Message ID with the Response flag; a response in version 3 is not
 * answered. The established SA is untouched.
 */
class InvalidMajorVersionTest : public IkeTunnelTestCase
{
  public:
    InvalidMajorVersionTest()
        : IkeTunnelTestCase("IKE version 3 request: INVALID_MAJOR_VERSION in a 2.0 header; a "
                            "version 3 response is not answered")
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(UDP);
        s.Build();
        IkeInbox inbox;
        s.Tunnel().client->TraceConnectWithoutContext("IkeRx", MakeCallback(&IkeInbox::Rx, &inbox));
        IkeHeader v3;
        v3.spiI = 0x0102030405060708ULL;
        v3.spiR = 0;
        v3.version = 0x30;
        v3.exchangeType = ike::IKE_SA_INIT;
        v3.flags = ike::FLAG_INITIATOR;
        v3.messageId = 0;
        IkeMessage request(v3);
        request.AddPayload(ike::MakeNotify(ike::COOKIE, {1, 2, 3, 4}));
        std::vector<uint8_t> requestBytes = request.Serialize();
        IkeHeader v3r = v3;
        v3r.flags = ike::FLAG_RESPONSE;
        IkeMessage response(v3r);
        std::vector<uint8_t> responseBytes = response.Serialize();
        Address from = InetSocketAddress(s.Topology().GetClientAddress(), 4500);
        uint64_t sentBefore = 0;
        Simulator::Schedule(Seconds(1),
                            [&]()
                            {
                                sentBefore = s.Gateway()->GetMessagesSent();
                                inbox.messages.clear();
                                s.Gateway()->Receive(ToPacket(requestBytes), from);
                                s.Gateway()->Receive(ToPacket(responseBytes), from);
                            });
        Simulator::Stop(Seconds(2));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetMessagesSent(), sentBefore + 1, "one answer");
        NS_TEST_ASSERT_MSG_EQ(inbox.messages.size(), 1, "it reached the client");
        if (inbox.messages.size() == 1)
        {
            IkeParseResult r = IkeMessage::Parse(inbox.messages[0]);
            NS_TEST_ASSERT_MSG_EQ(r.IsOk(), true, "a well-formed IKEv2 message");
            const IkeHeader& h = r.message.GetHeader();
            NS_TEST_ASSERT_MSG_EQ(int{h.version}, 0x20, "the version we speak, 2.0");
            NS_TEST_ASSERT_MSG_EQ(h.spiI, v3.spiI, "SPIi echoed");
            NS_TEST_ASSERT_MSG_EQ(h.spiR, 0, "SPIr echoed");
            NS_TEST_ASSERT_MSG_EQ(int{h.exchangeType}, int{ike::IKE_SA_INIT}, "exchange echoed");
            NS_TEST_ASSERT_MSG_EQ(h.messageId, 0, "Message ID echoed");
            NS_TEST_ASSERT_MSG_EQ(h.IsResponse(), true, "a response");
            NS_TEST_ASSERT_MSG_EQ(h.IsInitiator(), false, "from the responder");
            NS_TEST_ASSERT_MSG_EQ((r.message.FindNotify(ike::INVALID_MAJOR_VERSION) != nullptr),
                                  true,
                                  "INVALID_MAJOR_VERSION");
        }
        CheckChildSaPair(s);
        Simulator::Destroy();
    }
};

/**
 * An authentic protected message whose plaintext is malformed (a Pad Length beyond the
 * plaintext, or a payload chain that does not parse): a request gets INVALID_SYNTAX and the
 * IKE SA is deleted; after such a response to its own request the gateway deletes the IKE SA
 * with a DELETE exchange.
 */
class BadSyntaxTest : public IkeTunnelTestCase
{
  public:
    /** What is wrong inside the SK payload. */
    enum Fault
    {
        PAD_LENGTH, //!< Pad Length 16, with nothing before it
        CHAIN,      //!< a Notify whose length runs past the plaintext
    };

    /** \param fault what is wrong \param response in a response to the gateway's request */
    BadSyntaxTest(Fault fault, bool response)
        : IkeTunnelTestCase(
            std::string("authentic ") + (response ? "response" : "request") + " with "
            + (fault == PAD_LENGTH ? "a bad Pad Length"
                                   : "a broken "
                                     "payload chain")
            + (response ? ": the gateway deletes the IKE SA" : ": INVALID_SYNTAX, IKE SA deleted"))
        , m_fault(fault)
        , m_response(response)
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(UDP);
        s.Build();
        IkeInbox inbox;
        s.Tunnel().client->TraceConnectWithoutContext("IkeRx", MakeCallback(&IkeInbox::Rx, &inbox));
        std::vector<uint8_t> plain = m_fault == PAD_LENGTH
                                         ? std::vector<uint8_t>{16}
                                         : std::vector<uint8_t>{0, 0, 0, 40, 0, 0, 0, 0, 0};
        uint8_t first = m_fault == PAD_LENGTH ? ike::PAYLOAD_NONE : ike::PAYLOAD_NOTIFY;
        Address from = InetSocketAddress(s.Topology().GetClientAddress(), 4500);
        Ptr<IkeSa> clientSa;
        uint32_t forgedId = 0;
        Simulator::Schedule(
            Seconds(1),
            [&]()
            {
                clientSa = s.Client()->GetIkeSa();
                if (m_response)
                {
                    s.Gateway()->RekeyChildSa(); // its request is outstanding now
                    forgedId = s.Gateway()->GetIkeSa()->PeekRequestId() - 1;
                }
                else
                {
                    forgedId = clientSa->PeekRequestId(); // the gateway expects this one next
                }
                uint8_t exchange = m_response ? ike::CREATE_CHILD_SA : ike::INFORMATIONAL;
                std::vector<uint8_t> bytes
                    = SealRaw(clientSa, exchange, m_response, forgedId, first, plain);
                inbox.messages.clear();
                s.Gateway()->Receive(ToPacket(bytes), from);
            });
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetFailureNotify(),
                              ike::INVALID_SYNTAX,
                              "the gateway ended the IKE SA for INVALID_SYNTAX");
        NS_TEST_ASSERT_MSG_EQ(s.Tunnel().gateway->GetSad().GetSize(), 0, "its Child SAs went");
        if (!m_response)
        {
            NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetState(), IkeSession::FAILED, "deleted");
            // The first message the client got afterwards: INVALID_SYNTAX, under the IKE SA.
            NS_TEST_ASSERT_MSG_GT_OR_EQ(inbox.messages.size(), 1, "an answer reached the client");
            if (!inbox.messages.empty() && clientSa)
            {
                IkeParseResult r = IkeMessage::Parse(inbox.messages[0]);
                std::vector<IkePayload> inner;
                NS_TEST_ASSERT_MSG_EQ((r.IsOk() && r.message.GetHeader().IsResponse()
                                       && r.message.GetHeader().messageId == forgedId),
                                      true,
                                      "the response to the forged request");
                NS_TEST_ASSERT_MSG_EQ(
                    (clientSa->Unprotect(inbox.messages[0], r.message, inner) == IkeSkStatus::OK),
                    true,
                    "protected");
                NS_TEST_ASSERT_MSG_EQ((ike::FindNotify(inner, ike::INVALID_SYNTAX) != nullptr),
                                      true,
                                      "INVALID_SYNTAX");
            }
        }
        else
        {
            // The DELETE exchange told the client: both sides are closed.
            NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetState(), IkeSession::CLOSED, "gateway closed");
            NS_TEST_ASSERT_MSG_EQ(s.Client()->GetState(), IkeSession::CLOSED, "client closed");
            NS_TEST_ASSERT_MSG_EQ(s.Tunnel().client->GetSad().GetSize(), 0, "client's Child SAs");
        }
        Simulator::Destroy();
    }

    Fault m_fault;   //!< what is wrong
    bool m_response; //!< in a response
};

/**
 * Over TCP, a connection that carries more unparseable IKE messages than MaxInvalidMessages is
 * closed by the gateway (TOO_MANY_INVALID), as one carrying that much unusable ESP is; a
 * single one is tolerated. The client reconnects and the SAs carry on.
 */
class UnparseableOnTcpTest : public IkeTunnelTestCase
{
  public:
    /** \param count unparseable messages the client's transport sends */
    explicit UnparseableOnTcpTest(uint32_t count)
        : IkeTunnelTestCase(std::to_string(count)
                            + " unparseable IKE message(s) on a TCP connection with "
                              "MaxInvalidMessages 4: "
                            + (count > 4 ? "closed" : "kept"))
        , m_count(count)
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(TCP);
        s.Helper().SetTransportAttribute("MaxInvalidMessages", UintegerValue(4));
        s.Build();
        const std::vector<uint8_t> garbage(20, 0xee); // shorter than an IKE header
        Simulator::Schedule(Seconds(1),
                            [&]()
                            {
                                for (uint32_t i = 0; i < m_count; ++i)
                                {
                                    s.Tunnel().client->GetTransport()->SendIke(ToPacket(garbage));
                                }
                            });
        const uint64_t bytes = 200000;
        Ptr<PatternSink> sink = s.AddTransfer(5001, bytes, Seconds(1.5));
        Simulator::Stop(Seconds(4));
        Simulator::Run();

        Ptr<TcpEncapTransport> gateway
            = DynamicCast<TcpEncapTransport>(s.Tunnel().gateway->GetTransport());
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetDrops(), m_count, "each dropped by IKE");
        NS_TEST_ASSERT_MSG_EQ(gateway->GetConnectionsClosed(TcpEncapConnection::TOO_MANY_INVALID),
                              m_count > 4 ? 1 : 0,
                              "closed once past the limit, not before");
        CheckChildSaPair(s);
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), bytes, "the SAs carry on");
        Simulator::Destroy();
    }

    uint32_t m_count; //!< messages sent
};

/**
 * During a transfer, IKE_SA_INIT requests nobody authenticated reach the gateway: one from a
 * spoofed source, one from the client's own address with a new SPIi (a restarted or forged
 * client). The gateway answers them, keeps them half-open, and its established IKE SA, the
 * Child SA pair and the transfer stay as they were: only an IKE_AUTH could replace the SA.
 */
class UnauthenticatedInitTest : public IkeTunnelTestCase
{
  public:
    UnauthenticatedInitTest()
        : IkeTunnelTestCase("unauthenticated IKE_SA_INITs (spoofed source, then from the client's "
                            "address) during a transfer: the established SA and the transfer stay")
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(UDP);
        s.Build();
        const uint64_t bytes = 2000000;
        Ptr<PatternSink> sink = s.AddTransfer(5001, bytes, Seconds(0.5));
        std::vector<uint64_t> before;
        uint64_t sentBefore = 0;
        Address spoofed = InetSocketAddress(Ipv4Address("203.0.113.7"), 4500);
        Address client = InetSocketAddress(s.Topology().GetClientAddress(), 4500);
        Simulator::Schedule(Seconds(1),
                            [&]()
                            {
                                before = {s.Gateway()->GetIkeSa()->GetSpiI(),
                                          s.Gateway()->GetIkeSa()->GetSpiR(),
                                          s.Gateway()->GetChildInboundSpi()};
                                sentBefore = s.Gateway()->GetMessagesSent();
                                s.Gateway()->Receive(
                                    ToPacket(ForgedInitRequest(0x1111111111111111ULL, 1)), spoofed);
                            });
        Simulator::Schedule(Seconds(1.5),
                            [&]()
                            {
                                s.Gateway()->Receive(
                                    ToPacket(ForgedInitRequest(0x2222222222222222ULL, 2)), client);
                            });
        Simulator::Stop(Seconds(4));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(before.size(), 3, "the SA was up at 1 s");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(s.Gateway()->GetMessagesSent(),
                                    sentBefore + 2,
                                    "the gateway answered both (it cannot tell them apart yet)");
        CheckChildSaPair(s);
        if (before.size() == 3 && s.Gateway()->GetIkeSa())
        {
            NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetIkeSa()->GetSpiI(), before[0], "same SPIi");
            NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetIkeSa()->GetSpiR(), before[1], "same SPIr");
            NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetChildInboundSpi(), before[2], "same Child SA");
        }
        NS_TEST_ASSERT_MSG_EQ(s.Gateway()->GetState(), IkeSession::ESTABLISHED, "still up");
        NS_TEST_ASSERT_MSG_EQ(sink->GetReceived(), bytes, "every inner byte arrived");
        NS_TEST_ASSERT_MSG_EQ(sink->GetMismatches(), 0, "intact");
        CheckNoKeyingLoss(s);
        Simulator::Destroy();
    }
};

} // namespace

/** Error answers of an established IKE session. */
class IkeErrorHandlingTestSuite : public TestSuite
{
  public:
    IkeErrorHandlingTestSuite()
        : TestSuite("tcp-encap-ike-error-handling", Type::UNIT)
    {
        AddTestCase(new InvalidMajorVersionTest(), Duration::QUICK);
        AddTestCase(new BadSyntaxTest(BadSyntaxTest::PAD_LENGTH, false), Duration::QUICK);
        AddTestCase(new BadSyntaxTest(BadSyntaxTest::CHAIN, false), Duration::QUICK);
        AddTestCase(new BadSyntaxTest(BadSyntaxTest::PAD_LENGTH, true), Duration::QUICK);
        AddTestCase(new BadSyntaxTest(BadSyntaxTest::CHAIN, true), Duration::QUICK);
        AddTestCase(new UnparseableOnTcpTest(1), Duration::QUICK);
        AddTestCase(new UnparseableOnTcpTest(5), Duration::QUICK);
        AddTestCase(new UnauthenticatedInitTest(), Duration::QUICK);
    }
};

/** The suite's instance. */
static IkeErrorHandlingTestSuite g_ikeErrorHandlingTestSuite;

} // namespace tcpencaptest
} // namespace ns3
