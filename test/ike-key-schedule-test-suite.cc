/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IkeKeySchedule: SKEYSEED, the seven IKE SA keys and Child SA KEYMAT (RFC 7296 §2.14, §2.17,
// §2.18) against the formulas evaluated here with OpenSSL's one-shot HMAC, and two X25519
// parties deriving the same keys.
#include "hex-util.h"
#include "hmac-reference.h"

#include "ns3/deterministic-random.h"
#include "ns3/diffie-hellman.h"
#include "ns3/ike-key-schedule.h"
#include "ns3/test.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

using namespace ns3;
using tcpencaptest::FromHex;
using tcpencaptest::Hmac;

namespace
{

/** \param md digest \param key K \param seed S \param length bytes \return prf+(K, S) */
std::vector<uint8_t>
ReferencePrfPlus(const EVP_MD* md,
                 const std::vector<uint8_t>& key,
                 const std::vector<uint8_t>& seed,
                 std::size_t length)
{
    std::vector<uint8_t> out;
    std::vector<uint8_t> t;
    for (unsigned n = 1; out.size() < length; ++n)
    {
        std::vector<uint8_t> input = t;
        input.insert(input.end(), seed.begin(), seed.end());
        input.push_back(static_cast<uint8_t>(n));
        t = Hmac(md, key, input);
        out.insert(out.end(), t.begin(), t.end());
    }
    out.resize(length);
    return out;
}

/** \param parts byte strings \return their concatenation */
std::vector<uint8_t>
Cat(std::initializer_list<std::vector<uint8_t>> parts)
{
    std::vector<uint8_t> out;
    for (const auto& p : parts)
    {
        out.insert(out.end(), p.begin(), p.end());
    }
    return out;
}

/** SKEYSEED and {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} for AES-GCM. */
class IkeSaKeysTest : public TestCase
{
  public:
    /**
     * \param algorithm the PRF
     * \param encrKeySize SK_e size (AES-GCM key + salt)
     */
    IkeSaKeysTest(PrfAlgorithm algorithm, std::size_t encrKeySize)
        : TestCase(std::string("IKE SA keys, ") + ToString(algorithm) + ", SK_e of "
                   + std::to_string(encrKeySize) + " bytes")
        , m_algorithm(algorithm)
        , m_encrKeySize(encrKeySize)
    {
    }

  private:
    void
    DoRun() override
    {
        const EVP_MD* md = m_algorithm == PrfAlgorithm::HMAC_SHA2_384 ? EVP_sha384() : EVP_sha256();
        IkePrf prf(m_algorithm);
        const std::size_t h = prf.GetOutputSize();
        const auto ni = FromHex("00112233445566778899aabbccddeeff0123456789abcdef0011223344556677");
        const auto nr = FromHex("ffeeddccbbaa99887766554433221100fedcba9876543210");
        const auto gir
            = FromHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        const uint64_t spiI = 0x0123456789abcdefULL;
        const uint64_t spiR = 0xfedcba9876543210ULL;

        std::vector<uint8_t> skeyseed = IkeKeySchedule::ComputeSkeyseed(prf, ni, nr, gir);
        NS_TEST_ASSERT_MSG_EQ(
            (skeyseed == Hmac(md, Cat({ni, nr}), gir)), true, "SKEYSEED = prf(Ni | Nr, g^ir)");

        IkeSaKeys keys
            = IkeKeySchedule::DeriveIkeSaKeys(prf, skeyseed, ni, nr, spiI, spiR, m_encrKeySize, 0);
        const auto spis = FromHex("0123456789abcdef fedcba9876543210");
        std::vector<uint8_t> stream
            = ReferencePrfPlus(md, skeyseed, Cat({ni, nr, spis}), 3 * h + 2 * m_encrKeySize);
        auto at = [&stream](std::size_t from, std::size_t n)
        {
            return std::vector<uint8_t>(stream.begin() + from, stream.begin() + from + n);
        };
        const std::size_t e = m_encrKeySize;
        NS_TEST_ASSERT_MSG_EQ((keys.skD == at(0, h)), true, "SK_d");
        NS_TEST_ASSERT_MSG_EQ(keys.skAi.empty(), true, "no SK_ai with AEAD");
        NS_TEST_ASSERT_MSG_EQ(keys.skAr.empty(), true, "no SK_ar with AEAD");
        NS_TEST_ASSERT_MSG_EQ((keys.skEi == at(h, e)), true, "SK_ei");
        NS_TEST_ASSERT_MSG_EQ((keys.skEr == at(h + e, e)), true, "SK_er");
        NS_TEST_ASSERT_MSG_EQ((keys.skPi == at(h + 2 * e, h)), true, "SK_pi");
        NS_TEST_ASSERT_MSG_EQ((keys.skPr == at(2 * h + 2 * e, h)), true, "SK_pr");

        // With an integrity key (a non-AEAD suite), SK_ai and SK_ar sit between SK_d and SK_ei.
        IkeSaKeys withInteg
            = IkeKeySchedule::DeriveIkeSaKeys(prf, skeyseed, ni, nr, spiI, spiR, 16, 32);
        std::vector<uint8_t> s2 = ReferencePrfPlus(md, skeyseed, Cat({ni, nr, spis}), 3 * h + 96);
        NS_TEST_ASSERT_MSG_EQ(
            (withInteg.skAi == std::vector<uint8_t>(s2.begin() + h, s2.begin() + h + 32)),
            true,
            "SK_ai follows SK_d");
        NS_TEST_ASSERT_MSG_EQ(
            (withInteg.skEi == std::vector<uint8_t>(s2.begin() + h + 64, s2.begin() + h + 80)),
            true,
            "SK_ei follows SK_ar");
    }

    PrfAlgorithm m_algorithm;  //!< PRF
    std::size_t m_encrKeySize; //!< SK_e size
};

/** KEYMAT = prf+(SK_d, Ni | Nr), and with PFS prf+(SK_d, g^ir (new) | Ni | Nr). */
class ChildSaKeysTest : public TestCase
{
  public:
    ChildSaKeysTest()
        : TestCase("Child SA KEYMAT, without and with PFS; IKE SA rekey SKEYSEED")
    {
    }

  private:
    void
    DoRun() override
    {
        IkePrf prf(PrfAlgorithm::HMAC_SHA2_256);
        const auto skD
            = FromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        const auto ni = std::vector<uint8_t>(32, 0x11);
        const auto nr = std::vector<uint8_t>(32, 0x22);
        const auto gir = std::vector<uint8_t>(32, 0x33);
        const std::size_t perDirection = 20; // AES-GCM-128: key 16 + salt 4 (RFC 4106 §8.1)

        ChildSaKeys plain = IkeKeySchedule::DeriveChildSaKeys(prf, skD, ni, nr, {}, perDirection);
        auto ref = ReferencePrfPlus(EVP_sha256(), skD, Cat({ni, nr}), 2 * perDirection);
        NS_TEST_ASSERT_MSG_EQ(
            (plain.initiatorToResponder == std::vector<uint8_t>(ref.begin(), ref.begin() + 20)),
            true,
            "initiator-to-responder key first");
        NS_TEST_ASSERT_MSG_EQ(
            (plain.responderToInitiator == std::vector<uint8_t>(ref.begin() + 20, ref.end())),
            true,
            "then responder-to-initiator");

        ChildSaKeys pfs = IkeKeySchedule::DeriveChildSaKeys(prf, skD, ni, nr, gir, 36);
        auto refPfs = ReferencePrfPlus(EVP_sha256(), skD, Cat({gir, ni, nr}), 72);
        NS_TEST_ASSERT_MSG_EQ((Cat({pfs.initiatorToResponder, pfs.responderToInitiator}) == refPfs),
                              true,
                              "PFS: g^ir (new) | Ni | Nr");

        NS_TEST_ASSERT_MSG_EQ((IkeKeySchedule::ComputeRekeySkeyseed(prf, skD, gir, ni, nr)
                               == Hmac(EVP_sha256(), skD, Cat({gir, ni, nr}))),
                              true,
                              "rekey SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr)");
    }
};

/** Two parties with X25519 keys from the deterministic generator derive the same keys. */
class KeyAgreementTest : public TestCase
{
  public:
    KeyAgreementTest()
        : TestCase("initiator and responder derive the same IKE SA keys")
    {
    }

  private:
    void
    DoRun() override
    {
        std::array<uint8_t, DeterministicRandom::SEED_SIZE> seedI{};
        std::array<uint8_t, DeterministicRandom::SEED_SIZE> seedR{};
        seedI[0] = 1;
        seedR[0] = 2;
        auto rngI = Create<DeterministicRandom>(seedI);
        auto rngR = Create<DeterministicRandom>(seedR);
        DiffieHellman dhI(DhGroup::CURVE25519);
        DiffieHellman dhR(DhGroup::CURVE25519);
        dhI.GenerateKeyPair(MakeRandomBytesCallback(rngI));
        dhR.GenerateKeyPair(MakeRandomBytesCallback(rngR));
        std::vector<uint8_t> ni(32);
        std::vector<uint8_t> nr(32);
        rngI->Generate(ni.data(), ni.size());
        rngR->Generate(nr.data(), nr.size());
        std::vector<uint8_t> girI;
        std::vector<uint8_t> girR;
        dhI.ComputeSharedSecret(dhR.GetPublicValue(), girI);
        dhR.ComputeSharedSecret(dhI.GetPublicValue(), girR);
        IkePrf prfI(PrfAlgorithm::HMAC_SHA2_256);
        IkePrf prfR(PrfAlgorithm::HMAC_SHA2_256);
        IkeSaKeys kI = IkeKeySchedule::DeriveIkeSaKeys(
            prfI, IkeKeySchedule::ComputeSkeyseed(prfI, ni, nr, girI), ni, nr, 1, 2, 36, 0);
        IkeSaKeys kR = IkeKeySchedule::DeriveIkeSaKeys(
            prfR, IkeKeySchedule::ComputeSkeyseed(prfR, ni, nr, girR), ni, nr, 1, 2, 36, 0);
        NS_TEST_ASSERT_MSG_EQ((kI.skD == kR.skD && kI.skEi == kR.skEi && kI.skEr == kR.skEr
                               && kI.skPi == kR.skPi && kI.skPr == kR.skPr),
                              true,
                              "same keys on both sides");
        NS_TEST_ASSERT_MSG_EQ((kI.skEi != kI.skEr), true, "directions differ");
        NS_TEST_ASSERT_MSG_EQ(kI.skEi.size(), 36, "AES-GCM-256 key + salt");
    }
};

/** The key schedule suite. */
class IkeKeyScheduleTestSuite : public TestSuite
{
  public:
    IkeKeyScheduleTestSuite()
        : TestSuite("tcp-encap-ike-key-schedule", Type::UNIT)
    {
        AddTestCase(new IkeSaKeysTest(PrfAlgorithm::HMAC_SHA2_256, 20), TestCase::Duration::QUICK);
        AddTestCase(new IkeSaKeysTest(PrfAlgorithm::HMAC_SHA2_384, 36), TestCase::Duration::QUICK);
        AddTestCase(new ChildSaKeysTest(), TestCase::Duration::QUICK);
        AddTestCase(new KeyAgreementTest(), TestCase::Duration::QUICK);
    }
};

IkeKeyScheduleTestSuite g_ikeKeyScheduleTestSuite; //!< registers the suite

} // namespace
