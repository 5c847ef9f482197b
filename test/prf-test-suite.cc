/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IkePrf: HMAC-SHA-256 and HMAC-SHA-384 against the test cases of RFC 4231 §4, and prf+
// (RFC 7296 §2.13) against a computation made here from OpenSSL's one-shot HMAC.
#include "hex-util.h"
#include "hmac-reference.h"

#include "ns3/ike-prf.h"
#include "ns3/test.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <string>

using namespace ns3;
using tcpencaptest::FromHex;

namespace
{

/**
 * \param s text
 * \return its bytes
 */
std::vector<uint8_t>
Bytes(const std::string& s)
{
    return std::vector<uint8_t>(s.begin(), s.end());
}

/** One RFC 4231 test case. */
struct HmacVector
{
    const char* name;          //!< RFC 4231 section
    std::vector<uint8_t> key;  //!< key
    std::vector<uint8_t> data; //!< data
    const char* sha256;        //!< HMAC-SHA-256, hex
    const char* sha384;        //!< HMAC-SHA-384, hex
};

/** \return the RFC 4231 cases used (4.2, 4.3, 4.4, 4.7, 4.8) */
std::vector<HmacVector>
Rfc4231()
{
    const std::vector<uint8_t> longKey(131, 0xaa);
    return {
        {"RFC 4231 §4.2 (test case 1)",
         std::vector<uint8_t>(20, 0x0b),
         Bytes("Hi There"),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
         "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
         "faea9ea9076ede7f4af152e8b2fa9cb6"},
        {"RFC 4231 §4.3 (test case 2, key shorter than the output)",
         Bytes("Jefe"),
         Bytes("what do ya want for nothing?"),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
         "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
         "8e2240ca5e69e2c78b3239ecfab21649"},
        {"RFC 4231 §4.4 (test case 3)",
         std::vector<uint8_t>(20, 0xaa),
         std::vector<uint8_t>(50, 0xdd),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
         "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b"
         "2a5ab39dc13814b94e3ab6e101a34f27"},
        {"RFC 4231 §4.7 (test case 6, key longer than the block)",
         longKey,
         Bytes("Test Using Larger Than Block-Size Key - Hash Key First"),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
         "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c6"
         "0c2ef6ab4030fe8296248df163f44952"},
        {"RFC 4231 §4.8 (test case 7, key and data longer than the block)",
         longKey,
         Bytes("This is a test using a larger than block-size key and a larger than block-size "
               "data. The key needs to be hashed before being used by the HMAC algorithm."),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
         "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5"
         "a678cc31e799176d3860e6110c46523e"},
    };
}

/** The published HMAC values, at once and fed in pieces, on one reused context. */
class PrfRfc4231Test : public TestCase
{
  public:
    PrfRfc4231Test()
        : TestCase("HMAC-SHA-256 and HMAC-SHA-384 give the RFC 4231 values")
    {
    }

  private:
    void
    DoRun() override
    {
        IkePrf sha256(PrfAlgorithm::HMAC_SHA2_256);
        IkePrf sha384(PrfAlgorithm::HMAC_SHA2_384);
        NS_TEST_ASSERT_MSG_EQ(sha256.GetOutputSize(), 32, "SHA-256 output");
        NS_TEST_ASSERT_MSG_EQ(sha384.GetOutputSize(), 48, "SHA-384 output");
        // Twice over, so that the second round runs on contexts re-keyed many times.
        for (int round = 0; round < 2; ++round)
        {
            for (const auto& v : Rfc4231())
            {
                NS_TEST_ASSERT_MSG_EQ((sha256.Compute(v.key, v.data) == FromHex(v.sha256)),
                                      true,
                                      v.name << " SHA-256");
                NS_TEST_ASSERT_MSG_EQ((sha384.Compute(v.key, v.data) == FromHex(v.sha384)),
                                      true,
                                      v.name << " SHA-384");
                // The same in pieces of every size from 1 byte.
                for (std::size_t piece = 1; piece <= v.data.size(); piece += 7)
                {
                    std::vector<uint8_t> out(32);
                    sha256.Start(v.key.data(), v.key.size());
                    for (std::size_t i = 0; i < v.data.size(); i += piece)
                    {
                        sha256.Update(v.data.data() + i, std::min(piece, v.data.size() - i));
                    }
                    sha256.Finish(out.data());
                    NS_TEST_ASSERT_MSG_EQ(
                        (out == FromHex(v.sha256)), true, v.name << " in pieces of " << piece);
                }
            }
        }
    }
};

/** An empty key is a key (HMAC pads it to zeros), not "keep the previous one". */
class PrfEmptyKeyTest : public TestCase
{
  public:
    PrfEmptyKeyTest()
        : TestCase("an empty key after another key is the empty key")
    {
    }

  private:
    void
    DoRun() override
    {
        IkePrf prf(PrfAlgorithm::HMAC_SHA2_256);
        const std::vector<uint8_t> data = Bytes("data");
        prf.Compute(Bytes("another key"), data);
        std::vector<uint8_t> got = prf.Compute({}, data);
        std::vector<uint8_t> expected = tcpencaptest::Hmac(EVP_sha256(), {}, data);
        NS_TEST_ASSERT_MSG_EQ((got == expected), true, "HMAC with the empty key");
    }
};

/** prf+ against T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n) computed here. */
class PrfPlusTest : public TestCase
{
  public:
    /** \param algorithm the PRF */
    explicit PrfPlusTest(PrfAlgorithm algorithm)
        : TestCase(std::string("prf+ is T1, T2, ... (RFC 7296 §2.13), ") + ToString(algorithm))
        , m_algorithm(algorithm)
    {
    }

  private:
    void
    DoRun() override
    {
        IkePrf prf(m_algorithm);
        const EVP_MD* md = m_algorithm == PrfAlgorithm::HMAC_SHA2_384 ? EVP_sha384() : EVP_sha256();
        const std::size_t h = prf.GetOutputSize();
        const std::vector<uint8_t> key = FromHex("000102030405060708090a0b0c0d0e0f1011");
        std::vector<uint8_t> seed;
        for (int i = 0; i < 80; ++i)
        {
            seed.push_back(static_cast<uint8_t>(i * 7 + 3));
        }
        // The reference stream, 255 blocks (the most prf+ may give).
        std::vector<uint8_t> reference;
        std::vector<uint8_t> t;
        for (unsigned n = 1; n <= 255; ++n)
        {
            std::vector<uint8_t> input = t;
            input.insert(input.end(), seed.begin(), seed.end());
            input.push_back(static_cast<uint8_t>(n));
            t = tcpencaptest::Hmac(md, key, input);
            reference.insert(reference.end(), t.begin(), t.end());
        }
        for (std::size_t length : {std::size_t(1), h - 1, h, h + 1, 3 * h + 5, 7 * h, 255 * h})
        {
            std::vector<uint8_t> got = prf.PrfPlus(key, seed, length);
            NS_TEST_ASSERT_MSG_EQ(got.size(), length, "prf+ length");
            NS_TEST_ASSERT_MSG_EQ(
                (got == std::vector<uint8_t>(reference.begin(), reference.begin() + length)),
                true,
                "prf+ of " << length << " bytes");
        }
        // A shorter request is a prefix of a longer one.
        NS_TEST_ASSERT_MSG_EQ((prf.PrfPlus(key, seed, 10)
                               == std::vector<uint8_t>(reference.begin(), reference.begin() + 10)),
                              true,
                              "prefix");
    }

    PrfAlgorithm m_algorithm; //!< the PRF
};

/** Names and IANA IDs. */
class PrfNamesTest : public TestCase
{
  public:
    PrfNamesTest()
        : TestCase("PRF names and Transform IDs (RFC 4868)")
    {
    }

  private:
    void
    DoRun() override
    {
        PrfAlgorithm a = PrfAlgorithm::HMAC_SHA2_256;
        NS_TEST_ASSERT_MSG_EQ(ParsePrfAlgorithm("hmac-sha2-384", a), true, "384 known");
        NS_TEST_ASSERT_MSG_EQ((a == PrfAlgorithm::HMAC_SHA2_384), true, "384 parsed");
        NS_TEST_ASSERT_MSG_EQ(ParsePrfAlgorithm("hmac-md5", a), false, "md5 unknown");
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(PrfAlgorithm::HMAC_SHA2_256), 5, "IANA 5");
        NS_TEST_ASSERT_MSG_EQ(static_cast<int>(PrfAlgorithm::HMAC_SHA2_384), 6, "IANA 6");
    }
};

/** The PRF suite. */
class PrfTestSuite : public TestSuite
{
  public:
    PrfTestSuite()
        : TestSuite("tcp-encap-prf", Type::UNIT)
    {
        AddTestCase(new PrfRfc4231Test(), TestCase::Duration::QUICK);
        AddTestCase(new PrfEmptyKeyTest(), TestCase::Duration::QUICK);
        AddTestCase(new PrfPlusTest(PrfAlgorithm::HMAC_SHA2_256), TestCase::Duration::QUICK);
        AddTestCase(new PrfPlusTest(PrfAlgorithm::HMAC_SHA2_384), TestCase::Duration::QUICK);
        AddTestCase(new PrfNamesTest(), TestCase::Duration::QUICK);
    }
};

PrfTestSuite g_prfTestSuite; //!< registers the suite

} // namespace
