/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Known-answer tests for AesGcm: the test cases of McGrew and Viega, "The Galois/Counter Mode
// of Operation (GCM)", as republished in NIST's GCM validation vectors.
#include "hex-util.h"

#include "ns3/aes-gcm.h"
#include "ns3/test.h"

using namespace ns3;
using tcpencaptest::FromHex;

namespace
{

/** One published GCM vector. */
struct GcmVector
{
    const char* name;   //!< test case name
    const char* key;    //!< key, hex
    const char* iv;     //!< 96-bit IV, hex
    const char* aad;    //!< additional data, hex
    const char* plain;  //!< plaintext, hex
    const char* cipher; //!< ciphertext, hex
    const char* tag;    //!< tag, hex
};

const char* const P60 = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                        "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
const char* const A20 = "feedfacedeadbeeffeedfacedeadbeefabaddad2";

const GcmVector VECTORS[] = {
    {"Test Case 2 (AES-128, no AAD)",
     "00000000000000000000000000000000",
     "000000000000000000000000",
     "",
     "00000000000000000000000000000000",
     "0388dace60b6a392f328c2b971b2fe78",
     "ab6e47d42cec13bdf53a67b21257bddf"},
    {"Test Case 4 (AES-128, AAD, 60-byte plaintext)",
     "feffe9928665731c6d6a8f9467308308",
     "cafebabefacedbaddecaf888",
     A20,
     P60,
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
     "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
     "5bc94fbc3221a5db94fae95ae7121a47"},
    {"Test Case 13 (AES-256, empty)",
     "0000000000000000000000000000000000000000000000000000000000000000",
     "000000000000000000000000",
     "",
     "",
     "",
     "530f8afbc74536b9a963b4f1c4cb738b"},
    {"Test Case 16 (AES-256, AAD, 60-byte plaintext)",
     "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
     "cafebabefacedbaddecaf888",
     A20,
     P60,
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
     "76fc6ece0f4e1768cddf8853bb2d551b"},
};

/** Seal must give the published ciphertext and tag; Open must give back the plaintext. */
class AesGcmKnownAnswerTest : public TestCase
{
  public:
    /** \param v the vector */
    explicit AesGcmKnownAnswerTest(const GcmVector& v)
        : TestCase(v.name)
        , m_v(v)
    {
    }

  private:
    void
    DoRun() override
    {
        auto key = FromHex(m_v.key);
        auto iv = FromHex(m_v.iv);
        auto aad = FromHex(m_v.aad);
        auto plain = FromHex(m_v.plain);
        auto expected = FromHex(m_v.cipher);
        auto tag = FromHex(m_v.tag);
        expected.insert(expected.end(), tag.begin(), tag.end());

        AesGcm gcm(key);
        std::vector<uint8_t> out(plain.size() + AesGcm::TAG_SIZE);
        NS_TEST_ASSERT_MSG_EQ(
            gcm.Seal(iv.data(), aad.data(), aad.size(), plain.data(), plain.size(), out.data()),
            true,
            "seal failed");
        NS_TEST_ASSERT_MSG_EQ((out == expected), true, "ciphertext or tag differs from vector");

        std::vector<uint8_t> back(plain.size());
        NS_TEST_ASSERT_MSG_EQ(gcm.Open(iv.data(),
                                       aad.data(),
                                       aad.size(),
                                       out.data(),
                                       plain.size(),
                                       out.data() + plain.size(),
                                       back.data()),
                              true,
                              "open of the published ciphertext failed");
        NS_TEST_ASSERT_MSG_EQ((back == plain), true, "decryption differs from the plaintext");

        // One flipped bit anywhere (ciphertext, tag or AAD) must fail verification.
        for (std::size_t i = 0; i < out.size(); ++i)
        {
            out[i] ^= 0x01;
            bool ok = gcm.Open(iv.data(),
                               aad.data(),
                               aad.size(),
                               out.data(),
                               plain.size(),
                               out.data() + plain.size(),
                               back.data());
            out[i] ^= 0x01;
            NS_TEST_ASSERT_MSG_EQ(ok, false, "tampered byte " << i << " was accepted");
        }
        if (!aad.empty())
        {
            aad[0] ^= 0x80;
            NS_TEST_ASSERT_MSG_EQ(gcm.Open(iv.data(),
                                           aad.data(),
                                           aad.size(),
                                           out.data(),
                                           plain.size(),
                                           out.data() + plain.size(),
                                           back.data()),
                                  false,
                                  "tampered AAD was accepted");
        }
    }

    GcmVector m_v; //!< the vector
};

/** Sealing in place, and reusing one context for many messages, give the same bytes. */
class AesGcmInPlaceTest : public TestCase
{
  public:
    AesGcmInPlaceTest()
        : TestCase("in-place and repeated use of one context")
    {
    }

  private:
    void
    DoRun() override
    {
        auto key = FromHex(VECTORS[1].key);
        auto iv = FromHex(VECTORS[1].iv);
        auto aad = FromHex(VECTORS[1].aad);
        auto expected = FromHex(VECTORS[1].cipher);
        AesGcm gcm(key);
        for (int round = 0; round < 3; ++round)
        {
            auto buf = FromHex(VECTORS[1].plain);
            std::size_t len = buf.size();
            buf.resize(len + AesGcm::TAG_SIZE);
            NS_TEST_ASSERT_MSG_EQ(
                gcm.Seal(iv.data(), aad.data(), aad.size(), buf.data(), len, buf.data()),
                true,
                "seal failed");
            NS_TEST_ASSERT_MSG_EQ(std::equal(expected.begin(), expected.end(), buf.begin()),
                                  true,
                                  "in-place ciphertext differs in round " << round);
        }
    }
};

/** The AES-GCM suite. */
class AesGcmTestSuite : public TestSuite
{
  public:
    AesGcmTestSuite()
        : TestSuite("tcp-encap-aes-gcm", Type::UNIT)
    {
        for (const auto& v : VECTORS)
        {
            AddTestCase(new AesGcmKnownAnswerTest(v), TestCase::Duration::QUICK);
        }
        AddTestCase(new AesGcmInPlaceTest(), TestCase::Duration::QUICK);
    }
};

AesGcmTestSuite g_aesGcmTestSuite; //!< registers the suite

} // namespace
