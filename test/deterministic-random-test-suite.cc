/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The deterministic generator behind all TLS randomness: a keystream fixed by its seed, and
// OpenSSL's RAND answering from the generator of the current scope.
#include "ns3/deterministic-random.h"
#include "ns3/ptr.h"
#include "ns3/test.h"

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <vector>

using namespace ns3;

namespace
{

/** \param first first seed byte \return a seed */
std::array<uint8_t, DeterministicRandom::SEED_SIZE>
Seed(uint8_t first)
{
    std::array<uint8_t, DeterministicRandom::SEED_SIZE> s{};
    s[0] = first;
    return s;
}

/** Same seed, same bytes, however they are asked for; another seed, other bytes. */
class KeystreamTest : public TestCase
{
  public:
    KeystreamTest()
        : TestCase("keystream fixed by the seed, independent of request sizes")
    {
    }

  private:
    void
    DoRun() override
    {
        DeterministicRandom a(Seed(1));
        DeterministicRandom b(Seed(1));
        DeterministicRandom c(Seed(2));
        std::vector<uint8_t> whole(1000);
        a.Generate(whole.data(), whole.size());
        std::vector<uint8_t> pieces(1000);
        size_t at = 0;
        for (size_t n : {1, 15, 16, 17, 251, 700})
        {
            b.Generate(pieces.data() + at, n);
            at += n;
        }
        NS_TEST_ASSERT_MSG_EQ((whole == pieces), true, "same seed, same stream");
        std::vector<uint8_t> other(1000);
        c.Generate(other.data(), other.size());
        NS_TEST_ASSERT_MSG_EQ((whole == other), false, "another seed, another stream");
        NS_TEST_ASSERT_MSG_EQ(a.GetBytesGenerated(), 1000, "counted");
        uint32_t zeros = 0;
        for (uint8_t byte : whole)
        {
            zeros += byte == 0;
        }
        NS_TEST_ASSERT_MSG_LT(zeros, 20, "not a run of zeros");
    }
};

/** OpenSSL's RAND_bytes and RAND_priv_bytes, and key generation, follow the scope. */
class OpenSslRandTest : public TestCase
{
  public:
    OpenSslRandTest()
        : TestCase("installed as OpenSSL's RAND: draws and key generation follow the scope")
    {
    }

  private:
    /** \param seed a seed \return a P-256 public key made inside a scope, DER */
    static std::vector<uint8_t>
    MakeKey(uint8_t seed)
    {
        Ptr<DeterministicRandom> g = Create<DeterministicRandom>(Seed(seed));
        DeterministicRandom::Scope scope(PeekPointer(g));
        EVP_PKEY* key = EVP_EC_gen("P-256");
        std::vector<uint8_t> der(i2d_PUBKEY(key, nullptr));
        unsigned char* p = der.data();
        i2d_PUBKEY(key, &p);
        EVP_PKEY_free(key);
        return der;
    }

    void
    DoRun() override
    {
        DeterministicRandom::InstallAsOpenSslRand();
        DeterministicRandom::InstallAsOpenSslRand(); // idempotent
        DeterministicRandom ref(Seed(7));
        std::vector<uint8_t> expected(64);
        ref.Generate(expected.data(), expected.size());

        DeterministicRandom g(Seed(7));
        DeterministicRandom inner(Seed(8));
        std::vector<uint8_t> got(64);
        {
            DeterministicRandom::Scope scope(&g);
            NS_TEST_ASSERT_MSG_EQ(RAND_bytes(got.data(), 32), 1, "RAND_bytes");
            {
                DeterministicRandom::Scope nested(&inner);
                std::vector<uint8_t> x(16);
                RAND_bytes(x.data(), 16);
                NS_TEST_ASSERT_MSG_EQ(inner.GetBytesGenerated(), 16, "nested scope answers");
            }
            NS_TEST_ASSERT_MSG_EQ(RAND_priv_bytes(got.data() + 32, 32), 1, "RAND_priv_bytes");
        }
        NS_TEST_ASSERT_MSG_EQ((got == expected), true, "OpenSSL drew the generator's bytes");
        NS_TEST_ASSERT_MSG_EQ((MakeKey(3) == MakeKey(3)), true, "same seed, same key");
        NS_TEST_ASSERT_MSG_EQ((MakeKey(3) == MakeKey(4)), false, "another seed, another key");
    }
};

/** The deterministic generator suite. */
class DeterministicRandomTestSuite : public TestSuite
{
  public:
    DeterministicRandomTestSuite()
        : TestSuite("tcp-encap-deterministic-random", Type::UNIT)
    {
        AddTestCase(new KeystreamTest(), TestCase::Duration::QUICK);
        AddTestCase(new OpenSslRandTest(), TestCase::Duration::QUICK);
    }
};

DeterministicRandomTestSuite g_deterministicRandomTestSuite; //!< registers the suite

} // namespace
