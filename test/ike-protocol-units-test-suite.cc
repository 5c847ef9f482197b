/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The pieces of IkeSession one by one: the SK payload with AES-GCM (RFC 7296 §3.14, RFC 5282)
// against OpenSSL called here, the retransmission schedules (libreswan, strongSwan), the SA
// payload negotiation (RFC 7296 §2.7, §3.3) and the NAT detection hash (§2.23) against SHA-1
// computed here.
#include "ns3/encap-tx-queue.h"
#include "ns3/ike-message.h"
#include "ns3/ike-nat-detection.h"
#include "ns3/ike-proposals.h"
#include "ns3/ike-retransmit-policy.h"
#include "ns3/ike-sk-protection.h"
#include "ns3/object-factory.h"
#include "ns3/test.h"

#include <cmath>
#include <memory>
#include <openssl/evp.h>

using namespace ns3;

namespace
{

/** \param keyBytes AES key size \param seed first byte \return key | salt, distinct bytes */
std::vector<uint8_t>
KeySalt(std::size_t keyBytes, uint8_t seed)
{
    std::vector<uint8_t> k(keyBytes + IkeSkProtection::SALT_SIZE);
    for (std::size_t i = 0; i < k.size(); ++i)
    {
        k[i] = static_cast<uint8_t>(seed + 7 * i);
    }
    return k;
}

/** \param messageId Message ID \param response R flag \return an INFORMATIONAL header */
IkeHeader
Header(uint32_t messageId, bool response)
{
    IkeHeader h;
    h.spiI = 0x0102030405060708ULL;
    h.spiR = 0x1112131415161718ULL;
    h.exchangeType = ike::INFORMATIONAL;
    h.flags = static_cast<uint8_t>(ike::FLAG_INITIATOR | (response ? ike::FLAG_RESPONSE : 0));
    h.messageId = messageId;
    return h;
}

/** \return a few payloads to protect: Notify, Nonce, Delete */
std::vector<IkePayload>
Inner()
{
    IkeNotifyPayload n;
    n.type = ike::INITIAL_CONTACT;
    IkeNoncePayload nonce;
    nonce.data.assign(32, 0xA5);
    IkeDeletePayload d;
    d.protocolId = ike::PROTO_ESP;
    d.spiSize = 4;
    d.spis.push_back({0xC0, 0x01, 0x02, 0x03});
    return {IkePayload(ike::PAYLOAD_NOTIFY, n),
            IkePayload(ike::PAYLOAD_NONCE, nonce),
            IkePayload(ike::PAYLOAD_DELETE, d)};
}

/** Frees an EVP_CIPHER_CTX. */
struct CipherCtxFree
{
    /** \param ctx the context */
    void
    operator()(EVP_CIPHER_CTX* ctx) const
    {
        EVP_CIPHER_CTX_free(ctx);
    }
};

/**
 * \brief AES-GCM with a 16-byte tag, by OpenSSL directly.
 * \param key 16 or 32 bytes
 * \param nonce 12 bytes
 * \param aad associated data
 * \param plain plaintext
 * \return ciphertext | tag
 */
std::vector<uint8_t>
ReferenceGcm(const std::vector<uint8_t>& key,
             const std::vector<uint8_t>& nonce,
             const std::vector<uint8_t>& aad,
             const std::vector<uint8_t>& plain)
{
    std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
    const EVP_CIPHER* cipher = key.size() == 32 ? EVP_aes_256_gcm() : EVP_aes_128_gcm();
    std::vector<uint8_t> out(plain.size() + 16);
    int len = 0;
    bool ok = EVP_EncryptInit_ex(ctx.get(), cipher, nullptr, nullptr, nullptr) == 1
              && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, 12, nullptr) == 1
              && EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), nonce.data()) == 1
              && EVP_EncryptUpdate(ctx.get(), nullptr, &len, aad.data(), aad.size()) == 1
              && EVP_EncryptUpdate(ctx.get(), out.data(), &len, plain.data(), plain.size()) == 1
              && EVP_EncryptFinal_ex(ctx.get(), out.data() + len, &len) == 1
              && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, 16, out.data() + plain.size())
                     == 1;
    return ok ? out : std::vector<uint8_t>();
}

/**
 * \param protection the receiving side
 * \param bytes a message
 * \param[out] inner its payloads
 * \param[out] parsed whether it parsed
 * \return the outcome of Open, or TOO_SHORT when it did not parse
 */
IkeSkStatus
ParseAndOpen(IkeSkProtection& protection,
             const std::vector<uint8_t>& bytes,
             std::vector<IkePayload>& inner,
             bool& parsed)
{
    IkeParseResult r = IkeMessage::Parse(bytes);
    parsed = r.IsOk();
    if (!parsed)
    {
        return IkeSkStatus::TOO_SHORT;
    }
    return protection.Open(bytes, r.message, inner);
}

/** Seal and open both ways; the wrong keys, every flipped byte and truncations fail. */
class SkRoundTripTest : public TestCase
{
  public:
    /** \param keyBytes AES key size: 16 or 32 */
    explicit SkRoundTripTest(std::size_t keyBytes)
        : TestCase("SK payload AES-GCM-" + std::to_string(keyBytes * 8)
                   + ": round trip, wrong keys, every byte flipped, truncation")
        , m_keyBytes(keyBytes)
    {
    }

  private:
    void
    DoRun() override
    {
        const std::vector<uint8_t> keyI = KeySalt(m_keyBytes, 0x10);
        const std::vector<uint8_t> keyR = KeySalt(m_keyBytes, 0x80);
        IkeSkProtection initiator(keyI, keyR);
        IkeSkProtection responder(keyR, keyI);
        const std::vector<IkePayload> inner = Inner();
        const std::vector<uint8_t> plain = IkeMessage::SerializePayloads(inner);

        // Request from the initiator, response from the responder.
        std::vector<uint8_t> request = initiator.Seal(Header(3, false), inner);
        NS_TEST_ASSERT_MSG_EQ(request.size(),
                              IkeHeader::SIZE + 4 + IkeSkProtection::OVERHEAD + plain.size(),
                              "header, SK header, IV, plaintext, Pad Length, ICV");
        std::vector<IkePayload> out;
        bool parsed = false;
        NS_TEST_ASSERT_MSG_EQ(ParseAndOpen(responder, request, out, parsed),
                              IkeSkStatus::OK,
                              "the responder opens it");
        NS_TEST_ASSERT_MSG_EQ((out == inner), true, "the payloads come back");
        std::vector<uint8_t> response = responder.Seal(Header(3, true), {});
        NS_TEST_ASSERT_MSG_EQ(response.size(),
                              IkeHeader::SIZE + 4 + IkeSkProtection::OVERHEAD,
                              "an empty INFORMATIONAL");
        NS_TEST_ASSERT_MSG_EQ(ParseAndOpen(initiator, response, out, parsed),
                              IkeSkStatus::OK,
                              "the initiator opens the response");
        NS_TEST_ASSERT_MSG_EQ(out.size(), 0, "nothing inside");

        // Wrong keys: our own message, or keys swapped.
        IkeSkProtection swapped(keyR, keyI);
        IkeSkProtection mirror(keyI, keyR);
        NS_TEST_ASSERT_MSG_EQ(ParseAndOpen(initiator, request, out, parsed),
                              IkeSkStatus::ICV_FAILURE,
                              "our own direction's message under the peer's key");
        NS_TEST_ASSERT_MSG_EQ(
            ParseAndOpen(mirror, request, out, parsed), IkeSkStatus::ICV_FAILURE, "keys swapped");
        NS_TEST_ASSERT_MSG_EQ(ParseAndOpen(swapped, response, out, parsed),
                              IkeSkStatus::ICV_FAILURE,
                              "keys swapped, the other way");
        std::vector<uint8_t> otherKey = keyI;
        otherKey.back() ^= 1; // the salt only
        IkeSkProtection otherSalt(keyR, otherKey);
        NS_TEST_ASSERT_MSG_EQ(ParseAndOpen(otherSalt, request, out, parsed),
                              IkeSkStatus::ICV_FAILURE,
                              "the salt is part of the nonce");

        // Every byte flipped, two bits each: never OK; the SK body and the header (AAD) reach
        // the ICV check.
        uint32_t icv = 0;
        uint32_t unparsed = 0;
        for (std::size_t i = 0; i < request.size(); ++i)
        {
            for (uint8_t mask : {0x01, 0x80})
            {
                std::vector<uint8_t> copy = request;
                copy[i] ^= mask;
                IkeSkStatus s = ParseAndOpen(responder, copy, out, parsed);
                NS_TEST_ASSERT_MSG_NE(s, IkeSkStatus::OK, "byte " << i << " mask " << int(mask));
                icv += (parsed && s == IkeSkStatus::ICV_FAILURE) ? 1 : 0;
                unparsed += parsed ? 0 : 1;
            }
        }
        const std::size_t skBody = request.size() - IkeHeader::SIZE - 4;
        NS_TEST_ASSERT_MSG_GT_OR_EQ(icv, 2 * skBody + 2 * 16, "SK body and SPIs: ICV failures");
        NS_TEST_ASSERT_MSG_GT(unparsed, 0, "lengths and version: parse failures");
        NS_TEST_ASSERT_MSG_EQ(ParseAndOpen(responder, request, out, parsed),
                              IkeSkStatus::OK,
                              "the original still opens: failures leave no state");

        // Truncated on the wire: the lengths no longer match.
        for (std::size_t cut = 1; cut < request.size(); cut += 7)
        {
            std::vector<uint8_t> copy(request.begin(), request.end() - cut);
            IkeSkStatus s = ParseAndOpen(responder, copy, out, parsed);
            NS_TEST_ASSERT_MSG_EQ(parsed, false, "cut " << cut << ": does not parse");
            NS_TEST_ASSERT_MSG_NE(s, IkeSkStatus::OK, "cut " << cut);
        }
        // Truncated SK body with consistent lengths: too short for IV, Pad Length and ICV, or
        // an ICV that is not the one computed.
        IkeParseResult r = IkeMessage::Parse(request);
        const IkeSkPayload* sk = r.message.GetPayloads().back().Get<IkeSkPayload>();
        NS_TEST_ASSERT_MSG_EQ((sk != nullptr), true, "an SK payload");
        for (std::size_t keep = 0; keep < sk->data.size(); ++keep)
        {
            IkeSkPayload shorter;
            shorter.firstInnerPayload = sk->firstInnerPayload;
            shorter.data.assign(sk->data.begin(), sk->data.begin() + keep);
            IkeMessage m(Header(3, false));
            m.AddPayload(IkePayload(ike::PAYLOAD_SK, shorter));
            IkeSkStatus s = ParseAndOpen(responder, m.Serialize(), out, parsed);
            if (keep < IkeSkProtection::OVERHEAD)
            {
                NS_TEST_ASSERT_MSG_EQ((!parsed || s == IkeSkStatus::TOO_SHORT),
                                      true,
                                      "SK body of " << keep << " bytes: too short");
            }
            else
            {
                NS_TEST_ASSERT_MSG_EQ(s, IkeSkStatus::ICV_FAILURE, keep << " bytes kept");
            }
        }
        // No SK payload at all.
        IkeMessage clear(Header(3, false));
        clear.AddPayload(IkePayload(ike::PAYLOAD_NONCE, IkeNoncePayload{plain}));
        NS_TEST_ASSERT_MSG_EQ(ParseAndOpen(responder, clear.Serialize(), out, parsed),
                              IkeSkStatus::NO_SK_PAYLOAD,
                              "not protected");
    }

    std::size_t m_keyBytes; //!< AES key size
};

/** The bytes Seal produces are RFC 5282's AES-GCM, computed here with OpenSSL. */
class SkReferenceTest : public TestCase
{
  public:
    /** \param keyBytes AES key size: 16 or 32 */
    explicit SkReferenceTest(std::size_t keyBytes)
        : TestCase("SK payload AES-GCM-" + std::to_string(keyBytes * 8)
                   + " against OpenSSL: AAD = header and SK header, nonce = salt and IV")
        , m_keyBytes(keyBytes)
    {
    }

  private:
    void
    DoRun() override
    {
        const std::vector<uint8_t> keyI = KeySalt(m_keyBytes, 0x21);
        const std::vector<uint8_t> keyR = KeySalt(m_keyBytes, 0x42);
        const std::vector<uint8_t> key(keyI.begin(), keyI.begin() + m_keyBytes);
        const std::vector<uint8_t> salt(keyI.begin() + m_keyBytes, keyI.end());
        IkeSkProtection initiator(keyI, keyR);
        const std::vector<IkePayload> inner = Inner();
        std::vector<uint8_t> plain = IkeMessage::SerializePayloads(inner);
        plain.push_back(0); // Pad Length: no padding

        for (uint64_t n = 1; n <= 3; ++n)
        {
            std::vector<uint8_t> bytes
                = initiator.Seal(Header(static_cast<uint32_t>(n), false), inner);
            const std::size_t ivAt = IkeHeader::SIZE + 4;
            NS_TEST_ASSERT_MSG_EQ(bytes.size(), ivAt + 8 + plain.size() + 16, "size");
            // The header: SK first, Length the whole message.
            NS_TEST_ASSERT_MSG_EQ(unsigned(bytes[16]), unsigned(ike::PAYLOAD_SK), "SK first");
            uint32_t length = (uint32_t{bytes[24]} << 24) | (uint32_t{bytes[25]} << 16)
                              | (uint32_t{bytes[26]} << 8) | bytes[27];
            NS_TEST_ASSERT_MSG_EQ(length, bytes.size(), "header Length");
            // The SK generic header: the first inner payload, its own length.
            NS_TEST_ASSERT_MSG_EQ(unsigned(bytes[28]), unsigned(ike::PAYLOAD_NOTIFY), "inner");
            NS_TEST_ASSERT_MSG_EQ(((bytes[30] << 8) | bytes[31]),
                                  int(bytes.size() - IkeHeader::SIZE),
                                  "SK Payload Length");
            // The IV: a counter per SA and direction, from 1.
            std::vector<uint8_t> iv(bytes.begin() + ivAt, bytes.begin() + ivAt + 8);
            std::vector<uint8_t> expectedIv(8, 0);
            expectedIv[7] = static_cast<uint8_t>(n);
            NS_TEST_ASSERT_MSG_EQ((iv == expectedIv), true, "IV " << n);
            // Ciphertext and ICV by OpenSSL: nonce = salt | IV, AAD = everything before the IV.
            std::vector<uint8_t> nonce = salt;
            nonce.insert(nonce.end(), iv.begin(), iv.end());
            std::vector<uint8_t> aad(bytes.begin(), bytes.begin() + ivAt);
            std::vector<uint8_t> expected = ReferenceGcm(key, nonce, aad, plain);
            NS_TEST_ASSERT_MSG_EQ(expected.size(), plain.size() + 16, "OpenSSL sealed");
            std::vector<uint8_t> got(bytes.begin() + ivAt + 8, bytes.end());
            NS_TEST_ASSERT_MSG_EQ((got == expected), true, "ciphertext | ICV, message " << n);
        }
    }

    std::size_t m_keyBytes; //!< AES key size
};

/**
 * \param policy a policy
 * \param[out] sends the send times, seconds from the first
 * \return when the exchange fails, seconds from the first send
 */
double
Simulate(const IkeRetransmitPolicy& policy, std::vector<double>& sends)
{
    sends.clear();
    Time t(0);
    for (uint32_t n = 1; n < 100; ++n)
    {
        sends.push_back(t.GetSeconds());
        bool last = false;
        t += policy.GetWait(n, t, last);
        if (last)
        {
            return t.GetSeconds();
        }
    }
    return -1;
}

/** The two schedules, from their definitions. */
class RetransmitPolicyTest : public TestCase
{
  public:
    RetransmitPolicyTest()
        : TestCase("retransmission schedules: libreswan doubling within a budget, strongSwan "
                   "4 s x 1.8^k")
    {
    }

  private:
    /**
     * \param got the schedule
     * \param expected the expected one
     * \param what its name
     */
    void
    Compare(const std::vector<double>& got,
            const std::vector<double>& expected,
            const std::string& what)
    {
        NS_TEST_ASSERT_MSG_EQ(got.size(), expected.size(), what << ": number of sends");
        for (std::size_t i = 0; i < got.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ_TOL(got[i], expected[i], 1e-9, what << ": send " << i);
        }
    }

    void
    DoRun() override
    {
        std::vector<double> sends;
        // libreswan's defaults.
        IkeRetransmitPolicy libreswan;
        NS_TEST_ASSERT_MSG_EQ(libreswan.GetKind(), IkeRetransmitPolicy::LIBRESWAN, "default");
        double fail = Simulate(libreswan, sends);
        Compare(sends, {0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5}, "libreswan");
        NS_TEST_ASSERT_MSG_EQ_TOL(fail, 60.0, 1e-9, "libreswan gives up at 60 s");
        NS_TEST_ASSERT_MSG_EQ(libreswan.GetTotalTime(), Seconds(60), "total");
        bool last = true;
        NS_TEST_ASSERT_MSG_EQ(libreswan.GetWait(1, Time(0), last), MilliSeconds(500), "first");
        NS_TEST_ASSERT_MSG_EQ(last, false, "more to come");
        NS_TEST_ASSERT_MSG_EQ(libreswan.GetWait(7, Seconds(31.5), last), Seconds(28.5), "rest");
        NS_TEST_ASSERT_MSG_EQ(last, true, "the last wait is what is left of the budget");
        // Other parameters: 1 s within 10 s; 0.5 s within 1.5 s (the budget ends a wait).
        Simulate(
            IkeRetransmitPolicy(IkeRetransmitPolicy::LIBRESWAN, Seconds(1), Seconds(10), 1.8, 5),
            sends);
        Compare(sends, {0, 1, 3, 7}, "libreswan 1 s / 10 s");
        fail
            = Simulate(IkeRetransmitPolicy(
                           IkeRetransmitPolicy::LIBRESWAN, MilliSeconds(500), Seconds(1.5), 1.8, 5),
                       sends);
        Compare(sends, {0, 0.5}, "libreswan 0.5 s / 1.5 s");
        NS_TEST_ASSERT_MSG_EQ_TOL(fail, 1.5, 1e-9, "at the budget");

        // strongSwan: wait k = 4 x 1.8^k, 5 retransmissions.
        IkeRetransmitPolicy strongswan(
            IkeRetransmitPolicy::STRONGSWAN, Seconds(4), Seconds(60), 1.8, 5);
        NS_TEST_ASSERT_MSG_EQ(strongswan.GetKind(), IkeRetransmitPolicy::STRONGSWAN, "kind");
        std::vector<double> expected;
        double t = 0;
        for (int k = 0; k <= 5; ++k)
        {
            expected.push_back(t);
            t += 4 * std::pow(1.8, k);
        }
        fail = Simulate(strongswan, sends);
        Compare(sends, expected, "strongSwan");
        Compare(sends, {0, 4, 11.2, 24.16, 47.488, 89.4784}, "strongSwan, numbers");
        NS_TEST_ASSERT_MSG_EQ_TOL(fail, t, 1e-6, "strongSwan gives up");
        NS_TEST_ASSERT_MSG_EQ_TOL(fail, 165.06112, 1e-6, "at 165.06 s");
        NS_TEST_ASSERT_MSG_EQ_TOL(strongswan.GetTotalTime().GetSeconds(), t, 1e-6, "total");
        // No retransmission at all; a constant wait.
        fail = Simulate(
            IkeRetransmitPolicy(IkeRetransmitPolicy::STRONGSWAN, Seconds(2), Seconds(0), 1.8, 0),
            sends);
        Compare(sends, {0}, "strongSwan, no retries");
        NS_TEST_ASSERT_MSG_EQ_TOL(fail, 2.0, 1e-9, "one wait");
        fail = Simulate(
            IkeRetransmitPolicy(IkeRetransmitPolicy::STRONGSWAN, Seconds(3), Seconds(0), 1.0, 2),
            sends);
        Compare(sends, {0, 3, 6}, "strongSwan, base 1");
        NS_TEST_ASSERT_MSG_EQ_TOL(fail, 9.0, 1e-9, "three waits");

        IkeRetransmitPolicy::Kind kind = IkeRetransmitPolicy::LIBRESWAN;
        NS_TEST_ASSERT_MSG_EQ(ParseIkeRetransmitPolicy("strongswan", kind), true, "known");
        NS_TEST_ASSERT_MSG_EQ(kind, IkeRetransmitPolicy::STRONGSWAN, "strongswan");
        NS_TEST_ASSERT_MSG_EQ(ParseIkeRetransmitPolicy("libreswan", kind), true, "known");
        NS_TEST_ASSERT_MSG_EQ(kind, IkeRetransmitPolicy::LIBRESWAN, "libreswan");
        NS_TEST_ASSERT_MSG_EQ(ParseIkeRetransmitPolicy("racoon", kind), false, "unknown");
    }
};

/** \param p a proposal \param type a transform type \return how many of that type */
std::size_t
CountType(const IkeProposal& p, uint8_t type)
{
    std::size_t n = 0;
    for (const auto& t : p.transforms)
    {
        n += t.type == type ? 1 : 0;
    }
    return n;
}

/** SA payloads: offer, choose, accept, refuse. */
class ProposalsTest : public TestCase
{
  public:
    ProposalsTest()
        : TestCase("SA payloads: offer, responder's group preference, accept, NO_PROPOSAL_CHOSEN, "
                   "Child SA match with and without PFS")
    {
    }

  private:
    void
    DoRun() override
    {
        IkeSaSuite initiator{128,
                             PrfAlgorithm::HMAC_SHA2_256,
                             {DhGroup::CURVE25519, DhGroup::ECP_256, DhGroup::MODP_2048}};
        IkeSaPayload offer = IkeProposals::OfferIkeSa(initiator, {});
        NS_TEST_ASSERT_MSG_EQ(offer.proposals.size(), 1, "one proposal");
        const IkeProposal& p = offer.proposals.front();
        NS_TEST_ASSERT_MSG_EQ(unsigned(p.protocolId), unsigned(ike::PROTO_IKE), "IKE");
        NS_TEST_ASSERT_MSG_EQ(p.spi.size(), 0, "no SPI in IKE_SA_INIT");
        NS_TEST_ASSERT_MSG_EQ(p.transforms.size(), 5, "ENCR, PRF, three groups");
        NS_TEST_ASSERT_MSG_EQ(p.Find(ike::TRANSFORM_ENCR)->id, ike::ENCR_AES_GCM_16, "GCM");
        NS_TEST_ASSERT_MSG_EQ(p.Find(ike::TRANSFORM_ENCR)->GetKeyLength(), 128, "key length");
        NS_TEST_ASSERT_MSG_EQ(p.Find(ike::TRANSFORM_PRF)->id, ike::PRF_HMAC_SHA2_256, "PRF");
        NS_TEST_ASSERT_MSG_EQ(CountType(p, ike::TRANSFORM_INTEG), 0, "AEAD: no INTEG");
        NS_TEST_ASSERT_MSG_EQ(p.transforms[2].id, ike::DH_CURVE25519, "groups in order");
        NS_TEST_ASSERT_MSG_EQ(p.transforms[3].id, ike::DH_ECP_256, "groups in order");
        NS_TEST_ASSERT_MSG_EQ(p.transforms[4].id, ike::DH_MODP_2048, "groups in order");
        std::vector<uint8_t> rekeySpi = {1, 2, 3, 4, 5, 6, 7, 8};
        NS_TEST_ASSERT_MSG_EQ(
            (IkeProposals::OfferIkeSa(initiator, rekeySpi).proposals[0].spi == rekeySpi),
            true,
            "a rekey carries the new SPI");

        // The responder picks its own most preferred group among those offered.
        IkeSaSuite responder{
            128, PrfAlgorithm::HMAC_SHA2_256, {DhGroup::MODP_2048, DhGroup::ECP_256}};
        offer.proposals[0].number = 7;
        IkeSaChoice choice;
        IkeProposal accepted;
        NS_TEST_ASSERT_MSG_EQ(
            IkeProposals::ChooseIkeSa(offer, responder, choice, accepted), true, "a proposal fits");
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(choice.dhGroup),
                              static_cast<int>(DhGroup::MODP_2048),
                              "the responder's first choice");
        NS_TEST_ASSERT_MSG_EQ(choice.encrKeyBits, 128, "key bits");
        NS_TEST_ASSERT_MSG_EQ(unsigned(accepted.number), 7, "the proposal's number answered");
        NS_TEST_ASSERT_MSG_EQ(accepted.transforms.size(), 3, "one transform of each type");
        NS_TEST_ASSERT_MSG_EQ(accepted.Find(ike::TRANSFORM_DH)->id, ike::DH_MODP_2048, "group");
        responder.dhGroups = {DhGroup::ECP_256, DhGroup::MODP_2048};
        IkeProposals::ChooseIkeSa(offer, responder, choice, accepted);
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(choice.dhGroup),
                              static_cast<int>(DhGroup::ECP_256),
                              "preference order is the responder's");

        // The initiator accepts the answer.
        IkeSaPayload answer;
        answer.proposals.push_back(accepted);
        IkeSaChoice agreed;
        std::vector<uint8_t> spi;
        NS_TEST_ASSERT_MSG_EQ(
            IkeProposals::AcceptIkeSa(answer, initiator, agreed, spi), true, "accepted");
        NS_TEST_ASSERT_MSG_EQ(
            static_cast<int>(agreed.dhGroup), static_cast<int>(DhGroup::ECP_256), "same group");
        NS_TEST_ASSERT_MSG_EQ((agreed.prf == PrfAlgorithm::HMAC_SHA2_256), true, "same PRF");
        // ... but not an answer with two groups, two proposals, a group not offered, another
        // key length or an integrity algorithm.
        IkeSaPayload bad = answer;
        bad.proposals[0].transforms.push_back(
            IkeTransform::Make(ike::TRANSFORM_DH, ike::DH_CURVE25519));
        NS_TEST_ASSERT_MSG_EQ(
            IkeProposals::AcceptIkeSa(bad, initiator, agreed, spi), false, "two groups");
        bad = answer;
        bad.proposals.push_back(accepted);
        NS_TEST_ASSERT_MSG_EQ(
            IkeProposals::AcceptIkeSa(bad, initiator, agreed, spi), false, "two proposals");
        IkeSaSuite onlyX25519 = initiator;
        onlyX25519.dhGroups = {DhGroup::CURVE25519};
        NS_TEST_ASSERT_MSG_EQ(IkeProposals::AcceptIkeSa(answer, onlyX25519, agreed, spi),
                              false,
                              "a group not offered");
        IkeSaSuite aes256 = initiator;
        aes256.encrKeyBits = 256;
        NS_TEST_ASSERT_MSG_EQ(
            IkeProposals::AcceptIkeSa(answer, aes256, agreed, spi), false, "another key length");
        bad = answer;
        bad.proposals[0].transforms.push_back(IkeTransform::Make(ike::TRANSFORM_INTEG, 12));
        NS_TEST_ASSERT_MSG_EQ(IkeProposals::AcceptIkeSa(bad, initiator, agreed, spi),
                              false,
                              "an integrity algorithm with AEAD");

        // NO_PROPOSAL_CHOSEN: another cipher key length, another PRF, no common group, ESP.
        IkeSaSuite other = responder;
        other.encrKeyBits = 256;
        NS_TEST_ASSERT_MSG_EQ(IkeProposals::ChooseIkeSa(offer, other, choice, accepted),
                              false,
                              "AES-256 against AES-128");
        other = responder;
        other.prf = PrfAlgorithm::HMAC_SHA2_384;
        NS_TEST_ASSERT_MSG_EQ(
            IkeProposals::ChooseIkeSa(offer, other, choice, accepted), false, "another PRF");
        IkeSaPayload x25519Only = IkeProposals::OfferIkeSa(
            {128, PrfAlgorithm::HMAC_SHA2_256, {DhGroup::CURVE25519}}, {});
        NS_TEST_ASSERT_MSG_EQ(IkeProposals::ChooseIkeSa(x25519Only, responder, choice, accepted),
                              false,
                              "no common group");
        IkeSaPayload esp = offer;
        esp.proposals[0].protocolId = ike::PROTO_ESP;
        NS_TEST_ASSERT_MSG_EQ(IkeProposals::ChooseIkeSa(esp, responder, choice, accepted),
                              false,
                              "not an IKE proposal");
        // A second proposal that fits is found.
        IkeSaPayload two = x25519Only;
        two.proposals.push_back(offer.proposals[0]);
        NS_TEST_ASSERT_MSG_EQ(IkeProposals::ChooseIkeSa(two, responder, choice, accepted),
                              true,
                              "the second proposal fits");
        NS_TEST_ASSERT_MSG_EQ(unsigned(accepted.number), 7, "and is the one answered");

        // Child SAs.
        ChildSaSuite suite;
        IkeSaPayload child = IkeProposals::OfferChildSa(suite, 0x12345678, 0);
        uint32_t peerSpi = 0;
        uint8_t number = 0;
        NS_TEST_ASSERT_MSG_EQ(
            unsigned(child.proposals[0].protocolId), unsigned(ike::PROTO_ESP), "ESP");
        NS_TEST_ASSERT_MSG_EQ(CountType(child.proposals[0], ike::TRANSFORM_DH), 0, "no group");
        NS_TEST_ASSERT_MSG_EQ(
            IkeProposals::MatchChildSa(child, suite, 0, peerSpi, number), true, "matches");
        NS_TEST_ASSERT_MSG_EQ(peerSpi, 0x12345678, "the peer's SPI");
        NS_TEST_ASSERT_MSG_EQ(unsigned(number), 1, "proposal 1");
        NS_TEST_ASSERT_MSG_EQ(
            IkeProposals::MatchChildSa(child, suite, ike::DH_CURVE25519, peerSpi, number),
            false,
            "PFS required but no group offered");
        IkeSaPayload pfs = IkeProposals::OfferChildSa(suite, 0x0A0B0C0D, ike::DH_CURVE25519);
        NS_TEST_ASSERT_MSG_EQ(pfs.proposals[0].Find(ike::TRANSFORM_DH)->id,
                              ike::DH_CURVE25519,
                              "the PFS group offered");
        NS_TEST_ASSERT_MSG_EQ(
            IkeProposals::MatchChildSa(pfs, suite, ike::DH_CURVE25519, peerSpi, number),
            true,
            "with PFS");
        NS_TEST_ASSERT_MSG_EQ(peerSpi, 0x0A0B0C0D, "the peer's SPI");
        NS_TEST_ASSERT_MSG_EQ(
            IkeProposals::MatchChildSa(pfs, suite, ike::DH_ECP_256, peerSpi, number),
            false,
            "another group");
        NS_TEST_ASSERT_MSG_EQ(IkeProposals::MatchChildSa(pfs, suite, 0, peerSpi, number),
                              false,
                              "a group where none is wanted");
        ChildSaSuite aes256Child;
        aes256Child.cipher = EspCipher::AES_GCM_16_256;
        NS_TEST_ASSERT_MSG_EQ(IkeProposals::MatchChildSa(child, aes256Child, 0, peerSpi, number),
                              false,
                              "another cipher");
        ChildSaSuite esn;
        esn.esn = true;
        NS_TEST_ASSERT_MSG_EQ(
            IkeProposals::MatchChildSa(child, esn, 0, peerSpi, number), false, "ESN differs");
        NS_TEST_ASSERT_MSG_EQ(
            IkeProposals::MatchChildSa(
                IkeProposals::OfferChildSa(suite, 0, 0), suite, 0, peerSpi, number),
            false,
            "SPI 0");

        // Group lists.
        std::vector<DhGroup> groups;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(
            IkeProposals::ParseDhGroupList("ecp256,x25519,modp2048", groups, error),
            true,
            "known names");
        NS_TEST_ASSERT_MSG_EQ(groups.size(), 3, "three");
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(groups[0]), ike::DH_ECP_256, "in order");
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(groups[1]), ike::DH_CURVE25519, "in order");
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(groups[2]), ike::DH_MODP_2048, "in order");
        NS_TEST_ASSERT_MSG_EQ(
            IkeProposals::ParseDhGroupList("x25519,ecp384", groups, error), false, "unknown name");
        NS_TEST_ASSERT_MSG_EQ(error, "ecp384", "named");
        NS_TEST_ASSERT_MSG_EQ(IkeProposals::ParseDhGroupList("", groups, error), false, "empty");
    }
};

/** NAT_DETECTION data: SHA-1 of SPIi | SPIr | address | port, computed here. */
class NatDetectionTest : public TestCase
{
  public:
    NatDetectionTest()
        : TestCase("NAT_DETECTION hash = SHA-1 of SPIi, SPIr, IPv4, port (RFC 7296 §2.23)")
    {
    }

  private:
    /**
     * \param spiI SPIi \param spiR SPIr \param ip address bytes \param port port
     * \return SHA-1 of the concatenation, by OpenSSL
     */
    static std::vector<uint8_t>
    Reference(uint64_t spiI, uint64_t spiR, std::vector<uint8_t> ip, uint16_t port)
    {
        std::vector<uint8_t> input;
        for (int shift = 56; shift >= 0; shift -= 8)
        {
            input.push_back(static_cast<uint8_t>(spiI >> shift));
        }
        for (int shift = 56; shift >= 0; shift -= 8)
        {
            input.push_back(static_cast<uint8_t>(spiR >> shift));
        }
        input.insert(input.end(), ip.begin(), ip.end());
        input.push_back(static_cast<uint8_t>(port >> 8));
        input.push_back(static_cast<uint8_t>(port));
        std::vector<uint8_t> digest(EVP_MAX_MD_SIZE);
        unsigned int len = 0;
        EVP_Digest(input.data(), input.size(), digest.data(), &len, EVP_sha1(), nullptr);
        digest.resize(len);
        return digest;
    }

    void
    DoRun() override
    {
        const uint64_t spiI = 0x8899AABBCCDDEEFFULL;
        const uint64_t spiR = 0x0123456789ABCDEFULL;
        InetSocketAddress a(Ipv4Address("10.1.1.1"), 4500);
        std::vector<uint8_t> h = IkeNatDetectionHash(spiI, spiR, a);
        NS_TEST_ASSERT_MSG_EQ(h.size(), 20, "SHA-1 size");
        NS_TEST_ASSERT_MSG_EQ((h == Reference(spiI, spiR, {10, 1, 1, 1}, 4500)), true, "hash");
        NS_TEST_ASSERT_MSG_EQ(
            (IkeNatDetectionHash(spiI, 0, a) == Reference(spiI, 0, {10, 1, 1, 1}, 4500)),
            true,
            "SPIr zero in the request");
        InetSocketAddress b(Ipv4Address("192.168.200.17"), 49152);
        NS_TEST_ASSERT_MSG_EQ((IkeNatDetectionHash(spiI, spiR, b)
                               == Reference(spiI, spiR, {192, 168, 200, 17}, 49152)),
                              true,
                              "another address and a high port");
        // Each input counts.
        NS_TEST_ASSERT_MSG_EQ(
            (IkeNatDetectionHash(spiI, spiR, InetSocketAddress(Ipv4Address("10.1.1.1"), 4501))
             != h),
            true,
            "port");
        NS_TEST_ASSERT_MSG_EQ(
            (IkeNatDetectionHash(spiI, spiR, InetSocketAddress(Ipv4Address("10.1.1.2"), 4500))
             != h),
            true,
            "address");
        NS_TEST_ASSERT_MSG_EQ((IkeNatDetectionHash(spiI, spiR + 1, a) != h), true, "SPIr");
        NS_TEST_ASSERT_MSG_EQ(
            (IkeNatDetectionHash(spiI ^ (1ULL << 63), spiR, a) != h), true, "SPIi");
    }
};

/** The tunnel queue of a stream transport drops ESP under its policy, never IKE. */
class IkeFrameQueueTest : public TestCase
{
  public:
    IkeFrameQueueTest()
        : TestCase("tunnel queue: a full queue drops ESP frames, never IKE messages")
    {
    }

  private:
    void
    DoRun() override
    {
        for (EncapTxQueue::Policy policy : {EncapTxQueue::LINUX, EncapTxQueue::FIFO})
        {
            ObjectFactory factory;
            factory.SetTypeId(EncapTxQueue::GetPolicyTypeId(policy));
            Ptr<EncapTxQueue> qp = factory.Create<EncapTxQueue>();
            qp->SetMaxSize(QueueSize("1p"));
            EncapTxQueue& q = *qp;
            NS_TEST_ASSERT_MSG_EQ(q.Enqueue(Create<Packet>(100)), true, "room for one");
            NS_TEST_ASSERT_MSG_EQ(q.Enqueue(Create<Packet>(100)), false, "ESP: full, dropped");
            NS_TEST_ASSERT_MSG_EQ(q.Enqueue(Create<Packet>(60), false), true, "IKE: queued");
            NS_TEST_ASSERT_MSG_EQ(q.GetDrops(), 1, "one drop");
            NS_TEST_ASSERT_MSG_EQ(q.GetPackets(), 2, "both kept, in order");
            std::vector<uint32_t> written;
            q.Drain(1000, MakeBoundCallback(&IkeFrameQueueTest::Write, &written));
            NS_TEST_ASSERT_MSG_EQ(written.size(), 2, "two frames written");
            NS_TEST_ASSERT_MSG_EQ(written[1], 60, "the IKE message after the held frame");
        }
    }

    /** \param sizes where to note \param frame a frame written */
    static void
    Write(std::vector<uint32_t>* sizes, Ptr<Packet> frame)
    {
        sizes->push_back(frame->GetSize());
    }
};

/** The IKE protocol units suite. */
class IkeProtocolUnitsTestSuite : public TestSuite
{
  public:
    IkeProtocolUnitsTestSuite()
        : TestSuite("tcp-encap-ike-units", Type::UNIT)
    {
        AddTestCase(new SkRoundTripTest(16), TestCase::Duration::QUICK);
        AddTestCase(new SkRoundTripTest(32), TestCase::Duration::QUICK);
        AddTestCase(new SkReferenceTest(16), TestCase::Duration::QUICK);
        AddTestCase(new SkReferenceTest(32), TestCase::Duration::QUICK);
        AddTestCase(new RetransmitPolicyTest(), TestCase::Duration::QUICK);
        AddTestCase(new ProposalsTest(), TestCase::Duration::QUICK);
        AddTestCase(new NatDetectionTest(), TestCase::Duration::QUICK);
        AddTestCase(new IkeFrameQueueTest(), TestCase::Duration::QUICK);
    }
};

IkeProtocolUnitsTestSuite g_ikeProtocolUnitsTestSuite; //!< registers the suite

} // namespace
