/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IkePskAuth: AUTH = prf(prf(PSK, "Key Pad for IKEv2"), RealMessage | peer nonce |
// prf(SK_p, IDx')) (RFC 7296 §2.15), against the formula evaluated here with OpenSSL's HMAC.
#include "hex-util.h"
#include "hmac-reference.h"

#include "ns3/ike-message.h"
#include "ns3/ike-psk-auth.h"
#include "ns3/test.h"

#include <cstring>
#include <openssl/evp.h>
#include <openssl/hmac.h>

using namespace ns3;
using tcpencaptest::FromHex;
using tcpencaptest::Hmac;

namespace
{

/** The AUTH value, its verification, and what must make it fail. */
class PskAuthTest : public TestCase
{
  public:
    /** \param algorithm the PRF */
    explicit PskAuthTest(PrfAlgorithm algorithm)
        : TestCase(std::string("PSK AUTH (RFC 7296 §2.15), ") + ToString(algorithm))
        , m_algorithm(algorithm)
    {
    }

  private:
    void
    DoRun() override
    {
        const EVP_MD* md = m_algorithm == PrfAlgorithm::HMAC_SHA2_384 ? EVP_sha384() : EVP_sha256();
        IkePrf prf(m_algorithm);
        const std::string pskText = "a shared secret";
        const std::vector<uint8_t> psk(pskText.begin(), pskText.end());
        // The initiator's IKE_SA_INIT as sent, and its IDi.
        IkeHeader h;
        h.spiI = 0x1122334455667788ULL;
        h.exchangeType = ike::IKE_SA_INIT;
        h.flags = ike::FLAG_INITIATOR;
        IkeMessage init(h);
        init.AddPayload(
            IkePayload(ike::PAYLOAD_NONCE, IkeNoncePayload{std::vector<uint8_t>(32, 7)}));
        const std::vector<uint8_t> realMessage = init.Serialize();
        const std::vector<uint8_t> nr(32, 0x5a);
        const std::vector<uint8_t> skPi(prf.GetOutputSize(), 0x42);
        IkeIdPayload id;
        id.idType = ike::ID_FQDN;
        const std::string fqdn = "client.example";
        id.data.assign(fqdn.begin(), fqdn.end());
        const std::vector<uint8_t> idBody = id.GetBody();
        NS_TEST_ASSERT_MSG_EQ(idBody.size(), 4 + fqdn.size(), "IDx' = type, reserved(3), data");
        NS_TEST_ASSERT_MSG_EQ(unsigned(idBody[0]), unsigned(ike::ID_FQDN), "ID type first");

        // The formula, step by step.
        const std::vector<uint8_t> pad
            = {'K', 'e', 'y', ' ', 'P', 'a', 'd', ' ', 'f', 'o', 'r', ' ', 'I', 'K', 'E', 'v', '2'};
        NS_TEST_ASSERT_MSG_EQ(std::strlen(IkePskAuth::KEY_PAD), 17, "no terminator in the pad");
        std::vector<uint8_t> octets = realMessage;
        octets.insert(octets.end(), nr.begin(), nr.end());
        const std::vector<uint8_t> macedId = Hmac(md, skPi, idBody);
        octets.insert(octets.end(), macedId.begin(), macedId.end());
        const std::vector<uint8_t> expected = Hmac(md, Hmac(md, psk, pad), octets);

        NS_TEST_ASSERT_MSG_EQ(
            (IkePskAuth::BuildSignedOctets(prf, realMessage, nr, skPi, idBody) == octets),
            true,
            "SignedOctets");
        const std::vector<uint8_t> auth
            = IkePskAuth::Compute(prf, psk, realMessage, nr, skPi, idBody);
        NS_TEST_ASSERT_MSG_EQ((auth == expected), true, "AUTH");
        NS_TEST_ASSERT_MSG_EQ(auth.size(), prf.GetOutputSize(), "AUTH size");
        NS_TEST_ASSERT_MSG_EQ(
            IkePskAuth::Verify(prf, psk, realMessage, nr, skPi, idBody, auth), true, "verifies");

        // Anything different fails: PSK, message, nonce, SK_p, ID, AUTH itself.
        std::vector<uint8_t> otherPsk = psk;
        otherPsk[0] ^= 1;
        NS_TEST_ASSERT_MSG_EQ(
            IkePskAuth::Verify(prf, otherPsk, realMessage, nr, skPi, idBody, auth),
            false,
            "wrong PSK");
        for (std::size_t i = 0; i < realMessage.size(); i += 5)
        {
            std::vector<uint8_t> m = realMessage;
            m[i] ^= 0x80;
            NS_TEST_ASSERT_MSG_EQ(IkePskAuth::Verify(prf, psk, m, nr, skPi, idBody, auth),
                                  false,
                                  "message byte " << i << " changed");
        }
        std::vector<uint8_t> otherNonce = nr;
        otherNonce.back() ^= 1;
        NS_TEST_ASSERT_MSG_EQ(
            IkePskAuth::Verify(prf, psk, realMessage, otherNonce, skPi, idBody, auth),
            false,
            "wrong nonce");
        std::vector<uint8_t> otherSkP = skPi;
        otherSkP[3] ^= 1;
        NS_TEST_ASSERT_MSG_EQ(IkePskAuth::Verify(prf, psk, realMessage, nr, otherSkP, idBody, auth),
                              false,
                              "wrong SK_p");
        std::vector<uint8_t> otherId = idBody;
        otherId[0] = ike::ID_KEY_ID;
        NS_TEST_ASSERT_MSG_EQ(IkePskAuth::Verify(prf, psk, realMessage, nr, skPi, otherId, auth),
                              false,
                              "ID type is covered");
        std::vector<uint8_t> shortAuth(auth.begin(), auth.end() - 1);
        NS_TEST_ASSERT_MSG_EQ(
            IkePskAuth::Verify(prf, psk, realMessage, nr, skPi, idBody, shortAuth),
            false,
            "truncated AUTH");
    }

    PrfAlgorithm m_algorithm; //!< PRF
};

/** The PSK AUTH suite. */
class IkePskAuthTestSuite : public TestSuite
{
  public:
    IkePskAuthTestSuite()
        : TestSuite("tcp-encap-ike-psk-auth", Type::UNIT)
    {
        AddTestCase(new PskAuthTest(PrfAlgorithm::HMAC_SHA2_256), TestCase::Duration::QUICK);
        AddTestCase(new PskAuthTest(PrfAlgorithm::HMAC_SHA2_384), TestCase::Duration::QUICK);
    }
};

IkePskAuthTestSuite g_ikePskAuthTestSuite; //!< registers the suite

} // namespace
