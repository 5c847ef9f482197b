/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Certificate authentication in the IKE session: both IKE_SA_INIT messages announce the hashes
// their sender verifies (SIGNATURE_HASH_ALGORITHMS, RFC 7427 §4) and each side signs its AUTH
// with a hash the other announced; each side asks for the peer's certificate with a CERTREQ
// naming the pinned key (RFC 7296 §3.7); an initiator that refuses the responder's AUTH tells
// it in an INFORMATIONAL (§2.21.2).

#include "ike-test-recorders.h"
#include "ike-tunnel-scenario.h"

#include "ns3/ike-credential.h"
#include "ns3/ike-message.h"
#include "ns3/ike-payload-util.h"
#include "ns3/ike-sa.h"
#include "ns3/ike-signature-auth.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"

#include <algorithm>
#include <array>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <string>
#include <vector>

namespace ns3
{
namespace tcpencaptest
{
namespace
{

/** IKE messages an endpoint received, and what certificate authentication put in them. */
struct Inbox : IkeInbox
{
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
     * \param sa the receiver's IKE SA (nullptr: IKE_SA_INIT, unprotected)
     * \param exchange IKE_SA_INIT or IKE_AUTH
     * \return the data of the CERTREQ payloads in that exchange's messages received
     */
    std::vector<std::vector<uint8_t>>
    CertificateRequests(Ptr<IkeSa> sa, uint8_t exchange) const
    {
        std::vector<std::vector<uint8_t>> found;
        for (const auto& bytes : messages)
        {
            IkeParseResult r = IkeMessage::Parse(bytes);
            if (!r.IsOk() || r.message.GetHeader().exchangeType != exchange)
            {
                continue;
            }
            std::vector<IkePayload> payloads = r.message.GetPayloads();
            if (sa && sa->Unprotect(bytes, r.message, payloads) != IkeSkStatus::OK)
            {
                continue;
            }
            for (const auto& p : payloads)
            {
                const IkeCertPayload* c = p.Get<IkeCertPayload>();
                if (p.type == ike::PAYLOAD_CERTREQ && c && c->encoding == ike::CERT_X509_SIGNATURE)
                {
                    found.push_back(c->data);
                }
            }
        }
        return found;
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
        s.Tunnel().client->TraceConnectWithoutContext("IkeRx",
                                                      MakeCallback(&IkeInbox::Rx, &atClient));
        s.Tunnel().gateway->TraceConnectWithoutContext("IkeRx",
                                                       MakeCallback(&IkeInbox::Rx, &atGateway));
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

/**
 * \param certDer a certificate
 * \return SHA-1 of its DER SubjectPublicKeyInfo, computed here from OpenSSL's parts
 */
std::vector<uint8_t>
SpkiSha1(const std::vector<uint8_t>& certDer)
{
    const unsigned char* p = certDer.data();
    X509* cert = d2i_X509(nullptr, &p, static_cast<long>(certDer.size()));
    if (!cert)
    {
        return {};
    }
    unsigned char* spki = nullptr;
    int len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &spki);
    std::vector<uint8_t> md(EVP_MAX_MD_SIZE);
    unsigned int mdLen = 0;
    EVP_Digest(spki, static_cast<std::size_t>(len), md.data(), &mdLen, EVP_sha1(), nullptr);
    OPENSSL_free(spki);
    X509_free(cert);
    md.resize(mdLen);
    return md;
}

/**
 * Each side asks for the other's certificate: the responder in its IKE_SA_INIT response, the
 * initiator in IKE_AUTH, with the SHA-1 hash of the pinned certificate's SubjectPublicKeyInfo.
 */
class CertificateRequestTest : public IkeTunnelTestCase
{
  public:
    CertificateRequestTest()
        : IkeTunnelTestCase("CERTREQ in the IKE_SA_INIT response and the IKE_AUTH request, "
                            "naming the pinned certificate's key")
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(UDP);
        std::array<uint8_t, DeterministicRandom::SEED_SIZE> seed{};
        seed[0] = 7;
        Ptr<DeterministicRandom> random = Create<DeterministicRandom>(seed);
        Ptr<IkeCredential> client
            = IkeCredential::Generate(IkeKeyType::ECDSA_P256, "client.tcp-encap.example", random);
        Ptr<IkeCredential> gateway
            = IkeCredential::Generate(IkeKeyType::ECDSA_P256, "gateway.tcp-encap.example", random);
        s.Helper().SetCertificates(client, gateway);
        s.Build();
        Inbox atClient;
        Inbox atGateway;
        s.Tunnel().client->TraceConnectWithoutContext("IkeRx",
                                                      MakeCallback(&IkeInbox::Rx, &atClient));
        s.Tunnel().gateway->TraceConnectWithoutContext("IkeRx",
                                                       MakeCallback(&IkeInbox::Rx, &atGateway));
        Simulator::Stop(Seconds(2));
        Simulator::Run();

        CheckChildSaPair(s);
        std::vector<uint8_t> clientKey = SpkiSha1(client->GetCertificateDer());
        std::vector<uint8_t> gatewayKey = SpkiSha1(gateway->GetCertificateDer());
        NS_TEST_ASSERT_MSG_EQ(clientKey.size(), 20, "SHA-1");
        auto fromGateway = atClient.CertificateRequests(nullptr, ike::IKE_SA_INIT);
        NS_TEST_ASSERT_MSG_EQ(fromGateway.size(), 1, "one CERTREQ in the IKE_SA_INIT response");
        NS_TEST_ASSERT_MSG_EQ(
            (!fromGateway.empty() && fromGateway[0] == clientKey), true, "naming the client's key");
        if (s.Gateway()->GetIkeSa())
        {
            auto fromClient = atGateway.CertificateRequests(s.Gateway()->GetIkeSa(), ike::IKE_AUTH);
            NS_TEST_ASSERT_MSG_EQ(fromClient.size(), 1, "one CERTREQ in the IKE_AUTH request");
            NS_TEST_ASSERT_MSG_EQ((!fromClient.empty() && fromClient[0] == gatewayKey),
                                  true,
                                  "naming the gateway's key");
        }
        Simulator::Destroy();
    }
};

/**
 * The client pins another certificate than the gateway's: the gateway, already ESTABLISHED
 * after sending its IKE_AUTH response, learns of the failure from the client's INFORMATIONAL
 * with AUTHENTICATION_FAILED (RFC 7296 §2.21.2) and fails too, its Child SA removed.
 */
class InitiatorRefusesTest : public IkeTunnelTestCase
{
  public:
    InitiatorRefusesTest()
        : IkeTunnelTestCase("the client refuses the gateway's certificate: INFORMATIONAL "
                            "AUTHENTICATION_FAILED, both sides FAILED")
    {
    }

  private:
    void
    DoRun() override
    {
        IkeTunnelScenario s(UDP);
        std::array<uint8_t, DeterministicRandom::SEED_SIZE> seed{};
        seed[0] = 42;
        Ptr<DeterministicRandom> random = Create<DeterministicRandom>(seed);
        Ptr<IkeCredential> client
            = IkeCredential::Generate(IkeKeyType::ECDSA_P256, "client.tcp-encap.example", random);
        Ptr<IkeCredential> gateway
            = IkeCredential::Generate(IkeKeyType::ECDSA_P256, "gateway.tcp-encap.example", random);
        Ptr<IkeCredential> impostor
            = IkeCredential::Generate(IkeKeyType::ECDSA_P256, "gateway.tcp-encap.example", random);
        s.Helper().SetCertificates(client, gateway);
        s.Build();
        // The gateway trusts the client (it establishes); the client pins another certificate.
        s.Client()->SetCredentials(client, impostor->GetCertificateDer());
        Simulator::Stop(Seconds(2));
        Simulator::Run();

        for (Ptr<IkeSession> ike : {s.Client(), s.Gateway()})
        {
            std::string who = ike == s.Client() ? "client" : "gateway";
            NS_TEST_ASSERT_MSG_EQ(ike->GetState(), IkeSession::FAILED, who << " FAILED");
            NS_TEST_ASSERT_MSG_EQ(ike->GetFailureNotify(),
                                  ike::AUTHENTICATION_FAILED,
                                  who << ": AUTHENTICATION_FAILED");
        }
        NS_TEST_ASSERT_MSG_EQ(s.Tunnel().gateway->GetSad().GetSize(), 0, "gateway: no Child SA");
        NS_TEST_ASSERT_MSG_EQ(s.Tunnel().client->GetSad().GetSize(), 0, "client: no Child SA");
        Simulator::Destroy();
    }
};

} // namespace

/** Certificate authentication in the IKE session. */
class IkeCertificateAuthTestSuite : public TestSuite
{
  public:
    IkeCertificateAuthTestSuite()
        : TestSuite("tcp-encap-ike-certificate-auth", Type::UNIT)
    {
        AddTestCase(new AnnouncedHashTest(true, "sha2-256,sha2-384,sha2-512"), Duration::QUICK);
        AddTestCase(new AnnouncedHashTest(true, "sha2-384"), Duration::QUICK);
        AddTestCase(new AnnouncedHashTest(true, "sha2-512,sha2-256"), Duration::QUICK);
        AddTestCase(new AnnouncedHashTest(false, "sha2-256,sha2-384,sha2-512"), Duration::QUICK);
        AddTestCase(new CertificateRequestTest(), Duration::QUICK);
        AddTestCase(new InitiatorRefusesTest(), Duration::QUICK);
    }
};

/** The suite's instance. */
static IkeCertificateAuthTestSuite g_ikeCertificateAuthTestSuite;

} // namespace tcpencaptest
} // namespace ns3
