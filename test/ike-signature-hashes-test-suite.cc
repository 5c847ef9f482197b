/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RFC 7427 §4 in the IKE session: with certificates both IKE_SA_INIT messages announce the
// hashes their sender verifies (SIGNATURE_HASH_ALGORITHMS), and each side signs its AUTH with
// a hash the other announced.

#include "ike-tunnel-scenario.h"

#include "ns3/ike-message.h"
#include "ns3/ike-payload-util.h"
#include "ns3/ike-sa.h"
#include "ns3/ike-signature-auth.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"

#include <algorithm>
#include <string>
#include <vector>

namespace ns3
{
namespace tcpencaptest
{
namespace
{

/** IKE messages an endpoint received (its "IkeRx" trace), as bytes. */
struct Inbox
{
    std::vector<std::vector<uint8_t>> messages; //!< in order

    /** \param message from the IKE header on */
    void
    Rx(Ptr<const Packet> message)
    {
        std::vector<uint8_t> bytes(message->GetSize());
        message->CopyData(bytes.data(), bytes.size());
        messages.push_back(std::move(bytes));
    }

    /**
     * \return the hash numbers of the SIGNATURE_HASH_ALGORITHMS in the IKE_SA_INIT received,
     *         or {0xffff} without that Notify (or without an IKE_SA_INIT)
     */
    std::vector<uint16_t>
    AnnouncedHashes() const
    {
        for (const auto& bytes : messages)
        {
            IkeParseResult r = IkeMessage::Parse(bytes);
            if (!r.IsOk() || r.message.GetHeader().exchangeType != ike::IKE_SA_INIT)
            {
                continue;
            }
            const IkeNotifyPayload* n = r.message.FindNotify(ike::SIGNATURE_HASH_ALGORITHMS);
            if (!n)
            {
                return {0xffff};
            }
            std::vector<uint16_t> hashes;
            for (std::size_t i = 0; i + 1 < n->data.size(); i += 2)
            {
                hashes.push_back(static_cast<uint16_t>(n->data[i] << 8 | n->data[i + 1]));
            }
            return hashes;
        }
        return {0xffff};
    }

    /**
     * \param sa the receiver's IKE SA
     * \return the AlgorithmIdentifier in the AUTH payload of the IKE_AUTH message received
     *         (empty if none)
     */
    std::vector<uint8_t>
    AuthAlgorithm(Ptr<IkeSa> sa) const
    {
        for (const auto& bytes : messages)
        {
            IkeParseResult r = IkeMessage::Parse(bytes);
            std::vector<IkePayload> inner;
            if (!r.IsOk() || r.message.GetHeader().exchangeType != ike::IKE_AUTH
                || sa->Unprotect(bytes, r.message, inner) != IkeSkStatus::OK)
            {
                continue;
            }
            const IkeAuthPayload* auth = ike::FindBody<IkeAuthPayload>(inner, ike::PAYLOAD_AUTH);
            if (auth && !auth->data.empty() && auth->data.size() > auth->data[0])
            {
                return std::vector<uint8_t>(auth->data.begin() + 1,
                                            auth->data.begin() + 1 + auth->data[0]);
            }
        }
        return {};
    }
};

/**
 * Both sides announce their hashes in IKE_SA_INIT with certificates (never with a PSK) and
 * sign with one the other announced: with the gateway accepting only SHA2-384 the client signs
 * with it; with SHA2-512 and SHA2-256, with SHA2-256 (its own preference first); the gateway
 * signs with SHA2-256, the client's first.
 */
class AnnouncedHashTest : public IkeTunnelTestCase
{
  public:
    /**
     * \param certificates certificates (else PSK)
     * \param gatewayHashes the gateway's SignatureHashes
     */
    AnnouncedHashTest(bool certificates, const std::string& gatewayHashes)
        : IkeTunnelTestCase(std::string(certificates ? "certificates" : "PSK")
                            + ", gateway accepts " + gatewayHashes
                            + (certificates ? ": announced both ways, each signs with a hash "
                                              "the other announced"
                                            : ": nothing announced"))
        , m_certificates(certificates)
        , m_gatewayHashes(gatewayHashes)
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(UDP);
        if (m_certificates)
        {
            s.Helper().SetCertificates(IkeKeyType::ECDSA_P256);
        }
        s.Build();
        s.Gateway()->SetAttribute("SignatureHashes", StringValue(m_gatewayHashes));
        Inbox atClient;
        Inbox atGateway;
        s.Tunnel().client->TraceConnectWithoutContext("IkeRx", MakeCallback(&Inbox::Rx, &atClient));
        s.Tunnel().gateway->TraceConnectWithoutContext("IkeRx",
                                                       MakeCallback(&Inbox::Rx, &atGateway));
        Simulator::Stop(Seconds(2));
        Simulator::Run();

        CheckChildSaPair(s);
        std::vector<IkeSignatureHash> gatewayList;
        std::string bad;
        NS_TEST_ASSERT_MSG_EQ(ParseSignatureHashList(m_gatewayHashes, gatewayList, bad), true, "");
        std::vector<uint16_t> gatewayNumbers;
        for (IkeSignatureHash h : gatewayList)
        {
            gatewayNumbers.push_back(static_cast<uint16_t>(h));
        }
        if (!m_certificates)
        {
            NS_TEST_ASSERT_MSG_EQ(atGateway.AnnouncedHashes().front(), 0xffff, "none from client");
            NS_TEST_ASSERT_MSG_EQ(atClient.AnnouncedHashes().front(), 0xffff, "none from gateway");
            Simulator::Destroy();
            return;
        }
        NS_TEST_ASSERT_MSG_EQ((atGateway.AnnouncedHashes() == std::vector<uint16_t>{2, 3, 4}),
                              true,
                              "the client announced SHA2-256, -384, -512 (its default)");
        NS_TEST_ASSERT_MSG_EQ((atClient.AnnouncedHashes() == gatewayNumbers),
                              true,
                              "the gateway announced " << m_gatewayHashes);
        if (!s.Gateway()->GetIkeSa() || !s.Client()->GetIkeSa())
        {
            Simulator::Destroy();
            return;
        }
        // The client's preference is SHA2-256, -384, -512: the first of those the gateway has.
        IkeSignatureHash expected = IkeSignatureHash::SHA2_512;
        for (IkeSignatureHash h : {IkeSignatureHash::SHA2_384, IkeSignatureHash::SHA2_256})
        {
            if (std::find(gatewayList.begin(), gatewayList.end(), h) != gatewayList.end())
            {
                expected = h;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(
            (atGateway.AuthAlgorithm(s.Gateway()->GetIkeSa())
             == IkeSignatureAuth::GetAlgorithmIdentifier(IkeKeyType::ECDSA_P256, expected)),
            true,
            "the client signed with " << expected);
        NS_TEST_ASSERT_MSG_EQ((atClient.AuthAlgorithm(s.Client()->GetIkeSa())
                               == IkeSignatureAuth::GetAlgorithmIdentifier(
                                   IkeKeyType::ECDSA_P256, IkeSignatureHash::SHA2_256)),
                              true,
                              "the gateway signed with SHA2-256, the first the client announced");
        Simulator::Destroy();
    }

    bool m_certificates;         //!< certificates, else PSK
    std::string m_gatewayHashes; //!< the gateway's SignatureHashes
};

} // namespace

/** RFC 7427 §4 in the IKE session. */
class IkeSignatureHashesTestSuite : public TestSuite
{
  public:
    IkeSignatureHashesTestSuite()
        : TestSuite("tcp-encap-ike-signature-hashes", Type::UNIT)
    {
        AddTestCase(new AnnouncedHashTest(true, "sha2-256,sha2-384,sha2-512"), Duration::QUICK);
        AddTestCase(new AnnouncedHashTest(true, "sha2-384"), Duration::QUICK);
        AddTestCase(new AnnouncedHashTest(true, "sha2-512,sha2-256"), Duration::QUICK);
        AddTestCase(new AnnouncedHashTest(false, "sha2-256,sha2-384,sha2-512"), Duration::QUICK);
    }
};

/** The suite's instance. */
static IkeSignatureHashesTestSuite g_ikeSignatureHashesTestSuite;

} // namespace tcpencaptest
} // namespace ns3
