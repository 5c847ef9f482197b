/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// DiffieHellman: X25519 against RFC 7748 §5.2 and §6.1, ECP-256 against RFC 5903 §8.1,
// MODP-2048 by agreement and by its prime (RFC 3526 §3); bad peer values are statuses.
#include "hex-util.h"

#include "ns3/deterministic-random.h"
#include "ns3/diffie-hellman.h"
#include "ns3/test.h"

using namespace ns3;
using tcpencaptest::FromHex;

namespace
{

/** \param first first seed byte \return a generator seeded with it */
Ptr<DeterministicRandom>
Generator(uint8_t first)
{
    std::array<uint8_t, DeterministicRandom::SEED_SIZE> seed{};
    seed[0] = first;
    return Create<DeterministicRandom>(seed);
}

/** RFC 7748 §5.2 (scalar multiplication) and §6.1 (Alice and Bob). */
class X25519KnownAnswerTest : public TestCase
{
  public:
    X25519KnownAnswerTest()
        : TestCase("X25519 gives the RFC 7748 §5.2 and §6.1 values")
    {
    }

  private:
    void
    DoRun() override
    {
        struct Mult
        {
            const char* scalar; //!< k
            const char* u;      //!< input u-coordinate
            const char* out;    //!< output u-coordinate
        };
        const Mult mults[] = {
            {"a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
             "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
             "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"},
            // Input u with its top bit set: X25519 masks it (RFC 7748 §5).
            {"4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
             "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
             "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"},
        };
        for (const auto& m : mults)
        {
            DiffieHellman dh(DhGroup::CURVE25519);
            NS_TEST_ASSERT_MSG_EQ(dh.SetPrivateKey(FromHex(m.scalar)), DhStatus::OK, "key");
            std::vector<uint8_t> out;
            NS_TEST_ASSERT_MSG_EQ(dh.ComputeSharedSecret(FromHex(m.u), out), DhStatus::OK, "mult");
            NS_TEST_ASSERT_MSG_EQ((out == FromHex(m.out)), true, "RFC 7748 §5.2 " << m.out);
        }

        const auto alicePriv
            = FromHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        const auto alicePub
            = FromHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        const auto bobPriv
            = FromHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        const auto bobPub
            = FromHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        const auto shared
            = FromHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        DiffieHellman alice(DhGroup::CURVE25519);
        DiffieHellman bob(DhGroup::CURVE25519);
        NS_TEST_ASSERT_MSG_EQ(alice.SetPrivateKey(alicePriv), DhStatus::OK, "Alice key");
        NS_TEST_ASSERT_MSG_EQ(bob.SetPrivateKey(bobPriv), DhStatus::OK, "Bob key");
        NS_TEST_ASSERT_MSG_EQ((alice.GetPublicValue() == alicePub), true, "Alice public");
        NS_TEST_ASSERT_MSG_EQ((bob.GetPublicValue() == bobPub), true, "Bob public");
        std::vector<uint8_t> a;
        std::vector<uint8_t> b;
        NS_TEST_ASSERT_MSG_EQ(alice.ComputeSharedSecret(bobPub, a), DhStatus::OK, "Alice");
        NS_TEST_ASSERT_MSG_EQ(bob.ComputeSharedSecret(alicePub, b), DhStatus::OK, "Bob");
        NS_TEST_ASSERT_MSG_EQ((a == shared), true, "Alice's K");
        NS_TEST_ASSERT_MSG_EQ((b == shared), true, "Bob's K");
    }
};

/** RFC 5903 §8.1: the 256-bit random ECP group. */
class Ecp256KnownAnswerTest : public TestCase
{
  public:
    Ecp256KnownAnswerTest()
        : TestCase("ECP-256 gives the RFC 5903 §8.1 values, KE data x then y")
    {
    }

  private:
    void
    DoRun() override
    {
        const auto i = FromHex("C88F01F5 10D9AC3F 70A292DA A2316DE5 44E9AAB8 AFE84049 C62A9C57 "
                               "862D1433");
        const auto gi = FromHex("DAD0B653 94221CF9 B051E1FE CA5787D0 98DFE637 FC90B9EF 945D0C37 "
                                "72581180 5271A046 1CDB8252 D61F1C45 6FA3E59A B1F45B33 ACCF5F58 "
                                "389E0577 B8990BB3");
        const auto r = FromHex("C6EF9C5D 78AE012A 011164AC B397CE20 88685D8F 06BF9BE0 B283AB46 "
                               "476BEE53");
        const auto gr = FromHex("D12DFB52 89C8D4F8 1208B702 70398C34 2296970A 0BCCB74C 736FC755 "
                                "4494BF63 56FBF3CA 366CC23E 8157854C 13C58D6A AC23F046 ADA30F83 "
                                "53E74F33 039872AB");
        const auto girx = FromHex("D6840F6B 42F6EDAF D13116E0 E1256520 2FEF8E9E CE7DCE03 "
                                  "812464D0 4B9442DE");
        DiffieHellman initiator(DhGroup::ECP_256);
        DiffieHellman responder(DhGroup::ECP_256);
        NS_TEST_ASSERT_MSG_EQ(initiator.SetPrivateKey(i), DhStatus::OK, "i");
        NS_TEST_ASSERT_MSG_EQ(responder.SetPrivateKey(r), DhStatus::OK, "r");
        NS_TEST_ASSERT_MSG_EQ((initiator.GetPublicValue() == gi), true, "g^i = gix | giy");
        NS_TEST_ASSERT_MSG_EQ((responder.GetPublicValue() == gr), true, "g^r = grx | gry");
        std::vector<uint8_t> a;
        std::vector<uint8_t> b;
        NS_TEST_ASSERT_MSG_EQ(initiator.ComputeSharedSecret(gr, a), DhStatus::OK, "initiator");
        NS_TEST_ASSERT_MSG_EQ(responder.ComputeSharedSecret(gi, b), DhStatus::OK, "responder");
        NS_TEST_ASSERT_MSG_EQ((a == girx), true, "initiator's g^ir is girx");
        NS_TEST_ASSERT_MSG_EQ((b == girx), true, "responder's g^ir is girx");

        // Bad input: statuses, never a crash.
        std::vector<uint8_t> s;
        std::vector<uint8_t> sec1(gr.size() + 1, 0x04);
        std::copy(gr.begin(), gr.end(), sec1.begin() + 1);
        NS_TEST_ASSERT_MSG_EQ(initiator.ComputeSharedSecret(sec1, s),
                              DhStatus::BAD_LENGTH,
                              "the SEC1 0x04 prefix is not KE data (RFC 5903 §7)");
        std::vector<uint8_t> offCurve = gr;
        offCurve.back() ^= 0x01;
        NS_TEST_ASSERT_MSG_EQ(initiator.ComputeSharedSecret(offCurve, s),
                              DhStatus::INVALID_PUBLIC_VALUE,
                              "point off the curve");
        NS_TEST_ASSERT_MSG_EQ(initiator.ComputeSharedSecret(std::vector<uint8_t>(64, 0), s),
                              DhStatus::INVALID_PUBLIC_VALUE,
                              "(0, 0)");
        NS_TEST_ASSERT_MSG_EQ(initiator.ComputeSharedSecret(std::vector<uint8_t>(64, 0xff), s),
                              DhStatus::INVALID_PUBLIC_VALUE,
                              "coordinates above p");
        const auto order = FromHex("FFFFFFFF 00000000 FFFFFFFF FFFFFFFF BCE6FAAD A7179E84 "
                                   "F3B9CAC2 FC632551");
        DiffieHellman bad(DhGroup::ECP_256);
        NS_TEST_ASSERT_MSG_EQ(
            bad.SetPrivateKey(std::vector<uint8_t>(32, 0)), DhStatus::BAD_PRIVATE_KEY, "d = 0");
        NS_TEST_ASSERT_MSG_EQ(bad.SetPrivateKey(order), DhStatus::BAD_PRIVATE_KEY, "d = n");
        NS_TEST_ASSERT_MSG_EQ(bad.HasKeyPair(), false, "no key pair after a refused key");
        NS_TEST_ASSERT_MSG_EQ(bad.ComputeSharedSecret(gr, s), DhStatus::NO_KEY, "no key");
    }
};

/** X25519 peers that would give the all-zero secret, and wrong lengths. */
class X25519BadPeerTest : public TestCase
{
  public:
    X25519BadPeerTest()
        : TestCase("X25519 refuses wrong lengths and low-order points (RFC 7748 §6.1)")
    {
    }

  private:
    void
    DoRun() override
    {
        DiffieHellman dh(DhGroup::CURVE25519);
        std::vector<uint8_t> s;
        NS_TEST_ASSERT_MSG_EQ(
            dh.ComputeSharedSecret(std::vector<uint8_t>(32, 9), s), DhStatus::NO_KEY, "no key yet");
        NS_TEST_ASSERT_MSG_EQ(
            dh.GenerateKeyPair(MakeRandomBytesCallback(Generator(1))), DhStatus::OK, "generate");
        for (std::size_t len : {0, 1, 31, 33, 64})
        {
            NS_TEST_ASSERT_MSG_EQ(dh.ComputeSharedSecret(std::vector<uint8_t>(len, 9), s),
                                  DhStatus::BAD_LENGTH,
                                  "length " << len);
        }
        std::vector<uint8_t> zero(32, 0);
        std::vector<uint8_t> one(32, 0);
        one[0] = 1;
        NS_TEST_ASSERT_MSG_EQ(
            dh.ComputeSharedSecret(zero, s), DhStatus::INVALID_PUBLIC_VALUE, "u = 0");
        NS_TEST_ASSERT_MSG_EQ(
            dh.ComputeSharedSecret(one, s), DhStatus::INVALID_PUBLIC_VALUE, "u = 1 (order 4)");
        NS_TEST_ASSERT_MSG_EQ(dh.SetPrivateKey(std::vector<uint8_t>(31, 1)),
                              DhStatus::BAD_LENGTH,
                              "31-byte private key");
    }
};

/** MODP-2048: the RFC 3526 prime, agreement, and the values 0, 1, p-1, p refused. */
class Modp2048Test : public TestCase
{
  public:
    Modp2048Test()
        : TestCase("MODP-2048 agrees, and refuses 0, 1, p-1, p and wrong lengths")
    {
    }

  private:
    void
    DoRun() override
    {
        const std::vector<uint8_t> p = DiffieHellman::GetModp2048Prime();
        NS_TEST_ASSERT_MSG_EQ(p.size(), 256, "p is 2048 bits");
        // RFC 3526 §3: p = 2^2048 - 2^1984 - 1 + 2^64 * { [2^1918 pi] + 124476 }.
        const auto head = FromHex("FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1");
        const auto tail = FromHex("15728E5A 8AACAA68 FFFFFFFF FFFFFFFF");
        NS_TEST_ASSERT_MSG_EQ(std::equal(head.begin(), head.end(), p.begin()), true, "p head");
        NS_TEST_ASSERT_MSG_EQ(
            std::equal(tail.begin(), tail.end(), p.end() - tail.size()), true, "p tail");

        DiffieHellman a(DhGroup::MODP_2048);
        DiffieHellman b(DhGroup::MODP_2048);
        NS_TEST_ASSERT_MSG_EQ(
            a.GenerateKeyPair(MakeRandomBytesCallback(Generator(2))), DhStatus::OK, "a");
        NS_TEST_ASSERT_MSG_EQ(
            b.GenerateKeyPair(MakeRandomBytesCallback(Generator(3))), DhStatus::OK, "b");
        NS_TEST_ASSERT_MSG_EQ(a.GetPublicValue().size(), 256, "public value 256 bytes");
        std::vector<uint8_t> sa;
        std::vector<uint8_t> sb;
        NS_TEST_ASSERT_MSG_EQ(a.ComputeSharedSecret(b.GetPublicValue(), sa), DhStatus::OK, "a");
        NS_TEST_ASSERT_MSG_EQ(b.ComputeSharedSecret(a.GetPublicValue(), sb), DhStatus::OK, "b");
        NS_TEST_ASSERT_MSG_EQ(sa.size(), 256, "g^ir padded to the size of p");
        NS_TEST_ASSERT_MSG_EQ((sa == sb), true, "both get the same g^ir");
        NS_TEST_ASSERT_MSG_EQ((sa != a.GetPublicValue() && sa != b.GetPublicValue()),
                              true,
                              "g^ir is neither public value");

        // A known exponent: x = 2 gives g^x = 4.
        DiffieHellman small(DhGroup::MODP_2048);
        std::vector<uint8_t> two(32, 0);
        two.back() = 2;
        NS_TEST_ASSERT_MSG_EQ(small.SetPrivateKey(two), DhStatus::OK, "x = 2");
        std::vector<uint8_t> four(256, 0);
        four.back() = 4;
        NS_TEST_ASSERT_MSG_EQ((small.GetPublicValue() == four), true, "2^2 = 4");

        std::vector<uint8_t> zero(256, 0);
        std::vector<uint8_t> one(256, 0);
        one.back() = 1;
        std::vector<uint8_t> pMinus1 = p;
        pMinus1.back() -= 1;
        std::vector<uint8_t> s;
        for (const auto& bad : {zero, one, pMinus1, p, std::vector<uint8_t>(256, 0xff)})
        {
            NS_TEST_ASSERT_MSG_EQ(a.ComputeSharedSecret(bad, s),
                                  DhStatus::INVALID_PUBLIC_VALUE,
                                  "value out of 2 .. p-2 refused");
        }
        for (std::size_t len : {0, 32, 255, 257})
        {
            NS_TEST_ASSERT_MSG_EQ(a.ComputeSharedSecret(std::vector<uint8_t>(len, 2), s),
                                  DhStatus::BAD_LENGTH,
                                  "length " << len);
        }
    }
};

/** Same generator seed, same key pair, in every group; the two sides agree. */
class DhDeterminismTest : public TestCase
{
  public:
    DhDeterminismTest()
        : TestCase("key pairs follow the random source; every group agrees")
    {
    }

  private:
    void
    DoRun() override
    {
        for (DhGroup g : {DhGroup::CURVE25519, DhGroup::ECP_256, DhGroup::MODP_2048})
        {
            DiffieHellman x(g);
            DiffieHellman y(g);
            DiffieHellman z(g);
            x.GenerateKeyPair(MakeRandomBytesCallback(Generator(7)));
            y.GenerateKeyPair(MakeRandomBytesCallback(Generator(7)));
            z.GenerateKeyPair(MakeRandomBytesCallback(Generator(8)));
            NS_TEST_ASSERT_MSG_EQ(x.GetPublicValue().size(),
                                  DiffieHellman::GetPublicValueSize(g),
                                  ToString(g) << " public size");
            NS_TEST_ASSERT_MSG_EQ((x.GetPublicValue() == y.GetPublicValue()),
                                  true,
                                  ToString(g) << " same seed, same key");
            NS_TEST_ASSERT_MSG_EQ((x.GetPublicValue() != z.GetPublicValue()),
                                  true,
                                  ToString(g) << " other seed, other key");
            std::vector<uint8_t> sx;
            std::vector<uint8_t> sz;
            NS_TEST_ASSERT_MSG_EQ(x.ComputeSharedSecret(z.GetPublicValue(), sx), DhStatus::OK, "x");
            NS_TEST_ASSERT_MSG_EQ(z.ComputeSharedSecret(x.GetPublicValue(), sz), DhStatus::OK, "z");
            NS_TEST_ASSERT_MSG_EQ((sx == sz), true, ToString(g) << " agreement");
            NS_TEST_ASSERT_MSG_EQ(
                sx.size(), DiffieHellman::GetSharedSecretSize(g), ToString(g) << " secret size");
            DhGroup parsed = DhGroup::CURVE25519;
            NS_TEST_ASSERT_MSG_EQ(ParseDhGroup(ToString(g), parsed), true, "name");
            NS_TEST_ASSERT_MSG_EQ((parsed == g), true, "name round trip");
            NS_TEST_ASSERT_MSG_EQ(DhGroupFromId(static_cast<uint16_t>(g), parsed), true, "id");
        }
        DhGroup unused = DhGroup::CURVE25519;
        NS_TEST_ASSERT_MSG_EQ(DhGroupFromId(2, unused), false, "MODP-1024 not modelled");
    }
};

/** The Diffie-Hellman suite. */
class DiffieHellmanTestSuite : public TestSuite
{
  public:
    DiffieHellmanTestSuite()
        : TestSuite("tcp-encap-diffie-hellman", Type::UNIT)
    {
        AddTestCase(new X25519KnownAnswerTest(), TestCase::Duration::QUICK);
        AddTestCase(new X25519BadPeerTest(), TestCase::Duration::QUICK);
        AddTestCase(new Ecp256KnownAnswerTest(), TestCase::Duration::QUICK);
        AddTestCase(new Modp2048Test(), TestCase::Duration::QUICK);
        AddTestCase(new DhDeterminismTest(), TestCase::Duration::QUICK);
    }
};

DiffieHellmanTestSuite g_diffieHellmanTestSuite; //!< registers the suite

} // namespace
