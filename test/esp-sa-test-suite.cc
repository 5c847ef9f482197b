/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// EspSa: published ESP packets (draft-mcgrew-gcm-test-01), exact wire format, tampering,
// anti-replay through Open, and the sequence number limit.
#include "hex-util.h"

#include "ns3/aes-gcm.h"
#include "ns3/esp-sa.h"
#include "ns3/test.h"

using namespace ns3;
using tcpencaptest::FromHex;

namespace
{

/** \return the bytes of a packet */
std::vector<uint8_t>
BytesOf(Ptr<const Packet> p)
{
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return b;
}

/** \return a payload of n bytes with recognisable content */
Ptr<Packet>
Payload(uint32_t n)
{
    std::vector<uint8_t> b(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        b[i] = static_cast<uint8_t>(i * 7 + 3);
    }
    return Create<Packet>(b.data(), n);
}

/** \return SA parameters with fixed keys */
EspSaParams
Params(uint32_t spi, EspCipher cipher = EspCipher::AES_GCM_16_128, bool esn = false)
{
    EspSaParams p;
    p.spi = spi;
    p.cipher = cipher;
    p.esn = esn;
    p.keyMaterial.resize(GetKeyMaterialSize(cipher));
    for (std::size_t i = 0; i < p.keyMaterial.size(); ++i)
    {
        p.keyMaterial[i] = static_cast<uint8_t>(0xA0 + i);
    }
    return p;
}

/** One ESP packet from draft-mcgrew-gcm-test-01. */
struct EspVector
{
    const char* name;   //!< case
    EspCipher cipher;   //!< transform
    const char* keymat; //!< key | salt
    const char* packet; //!< SPI | Seq | IV | ciphertext | ICV
    const char* clear;  //!< payload | padding | pad length | next header
};

const EspVector ESP_VECTORS[] = {
    {"draft-mcgrew-gcm-test-01 case 2 (AES-128, no padding)",
     EspCipher::AES_GCM_16_128,
     "feffe9928665731c6d6a8f9467308308cafebabe",
     "0000a5f80000000afacedbaddecaf888"
     "deb22cd9b07c72c16e3a65beeb8df304a5a5897d33ae530f1ba76d5d114d2a5c"
     "3de81827c10e9a4f51330d0eec416642cfbb85a5b47e48a4ec3b9ba95d918bd1"
     "83b70d3aa8bc6ee4c309e9d85a41ad4a",
     "4500003e698f000080114dccc0a80102c0a801010a980035002a2343b2d00100"
     "00010000000000000373697009637962"
     "65726369747902646b00000100010001"},
    {"draft-mcgrew-gcm-test-01 case 3 (AES-256, two padding bytes)",
     EspCipher::AES_GCM_16_256,
     "abbccddef00112233445566778899aababbccddef00112233445566778899aab11223344",
     "4a2cbfe3000000020102030405060708"
     "ff425c9b724599df7a3bcd510194e00d6a78107f1b0b1cbf06efae9d65a5d763"
     "748a637985771d347f0545659f14e99def842d8e"
     "b335f4eecfdbf831824b4c4915956c96",
     "4500003069a6400080062690c0a801029389155e0a9e008b2dc57ee000000000"
     "7002400020bf0000020405b40101040201020201"},
};

/** Open must accept a published ESP packet and return its payload, padding stripped. */
class EspSaKnownAnswerTest : public TestCase
{
  public:
    /** \param v the vector */
    explicit EspSaKnownAnswerTest(const EspVector& v)
        : TestCase(v.name)
        , m_v(v)
    {
    }

  private:
    void
    DoRun() override
    {
        auto packet = FromHex(m_v.packet);
        auto clear = FromHex(m_v.clear);
        EspSaParams p;
        p.spi = (uint32_t{packet[0]} << 24) | (uint32_t{packet[1]} << 16)
                | (uint32_t{packet[2]} << 8) | packet[3];
        p.cipher = m_v.cipher;
        p.keyMaterial = FromHex(m_v.keymat);
        EspSa sa(p);
        Ptr<Packet> inner;
        uint8_t nh = 0;
        NS_TEST_ASSERT_MSG_EQ(sa.Open(packet.data(), packet.size(), inner, nh),
                              EspStatus::OK,
                              "published packet rejected");
        uint8_t padLen = clear[clear.size() - 2];
        std::vector<uint8_t> payload(clear.begin(), clear.end() - 2 - padLen);
        NS_TEST_ASSERT_MSG_EQ((BytesOf(inner) == payload), true, "payload differs");
        NS_TEST_ASSERT_MSG_EQ(nh, clear.back(), "next header");
        NS_TEST_ASSERT_MSG_EQ(sa.Open(packet.data(), packet.size(), inner, nh),
                              EspStatus::REPLAY,
                              "second copy is a replay");
        NS_TEST_ASSERT_MSG_EQ(sa.GetCounters().Get(EspStatus::OK), 1, "one opened");
        NS_TEST_ASSERT_MSG_EQ(sa.GetCounters().Get(EspStatus::REPLAY), 1, "one replay");
    }

    EspVector m_v; //!< the vector
};

/**
 * Seal at many sizes: exact length, layout and padding, checked by decrypting independently
 * with AesGcm (nonce = salt | IV, IV = sequence number, AAD = SPI | Seq); Open gives the
 * payload back.
 */
class EspSaWireFormatTest : public TestCase
{
  public:
    /** \param cipher transform \param esn extended sequence numbers */
    EspSaWireFormatTest(EspCipher cipher, bool esn)
        : TestCase(std::string("wire format, sizes 0..1500 and 8000, ")
                   + (cipher == EspCipher::AES_GCM_16_128 ? "AES-128" : "AES-256")
                   + (esn ? ", ESN" : ""))
        , m_cipher(cipher)
        , m_esn(esn)
    {
    }

  private:
    void
    DoRun() override
    {
        EspSaParams params = Params(0x12345678, m_cipher, m_esn);
        EspSa out(params);
        EspSa in(params);
        uint64_t firstSeq = m_esn ? 0xFFFFFF00u : 1; // ESN: cross the 2^32 boundary
        out.SetNextSequence(firstSeq);
        std::vector<uint8_t> key(params.keyMaterial.begin(), params.keyMaterial.end() - 4);
        AesGcm reference(key);

        std::vector<uint32_t> sizes;
        for (uint32_t n = 0; n <= 1500; ++n)
        {
            sizes.push_back(n);
        }
        sizes.push_back(8000);
        uint64_t seq = firstSeq;
        for (uint32_t n : sizes)
        {
            Ptr<Packet> esp;
            NS_TEST_ASSERT_MSG_EQ(out.Seal(Payload(n), 4, esp), EspStatus::OK, "seal " << n);
            uint32_t padded = (n + 2 + 3) / 4 * 4;
            NS_TEST_ASSERT_MSG_EQ(esp->GetSize(), 8 + 8 + padded + 16, "length at " << n);
            NS_TEST_ASSERT_MSG_EQ(EspSa::GetSealedSize(n), esp->GetSize(), "GetSealedSize");
            auto w = BytesOf(esp);
            NS_TEST_ASSERT_MSG_EQ(
                (w[0] == 0x12 && w[1] == 0x34 && w[2] == 0x56 && w[3] == 0x78), true, "SPI");
            uint32_t seqLow
                = (uint32_t{w[4]} << 24) | (uint32_t{w[5]} << 16) | (uint32_t{w[6]} << 8) | w[7];
            NS_TEST_ASSERT_MSG_EQ(seqLow, static_cast<uint32_t>(seq), "seq field");
            uint64_t iv = 0;
            for (int i = 0; i < 8; ++i)
            {
                iv = iv << 8 | w[8 + i];
            }
            NS_TEST_ASSERT_MSG_EQ(iv, seq, "IV is the 64-bit sequence number");

            // Independent decryption.
            uint8_t nonce[12];
            std::copy(params.keyMaterial.end() - 4, params.keyMaterial.end(), nonce);
            std::copy(w.begin() + 8, w.begin() + 16, nonce + 4);
            std::vector<uint8_t> aad(w.begin(), w.begin() + 4);
            if (m_esn)
            {
                for (int s = 56; s >= 32; s -= 8)
                {
                    aad.push_back(static_cast<uint8_t>(seq >> s));
                }
            }
            aad.insert(aad.end(), w.begin() + 4, w.begin() + 8);
            std::vector<uint8_t> clear(padded);
            NS_TEST_ASSERT_MSG_EQ(reference.Open(nonce,
                                                 aad.data(),
                                                 aad.size(),
                                                 w.data() + 16,
                                                 padded,
                                                 w.data() + 16 + padded,
                                                 clear.data()),
                                  true,
                                  "independent ICV check at " << n);
            auto expect = BytesOf(Payload(n));
            NS_TEST_ASSERT_MSG_EQ(
                std::equal(expect.begin(), expect.end(), clear.begin()), true, "payload at " << n);
            uint8_t padLen = clear[padded - 2];
            NS_TEST_ASSERT_MSG_EQ(uint32_t{padLen}, padded - n - 2, "pad length at " << n);
            for (uint8_t i = 0; i < padLen; ++i)
            {
                NS_TEST_ASSERT_MSG_EQ(uint32_t{clear[n + i]}, i + 1u, "pad byte " << int(i));
            }
            NS_TEST_ASSERT_MSG_EQ(uint32_t{clear[padded - 1]}, 4u, "next header");

            Ptr<Packet> inner;
            uint8_t nh = 0;
            NS_TEST_ASSERT_MSG_EQ(
                in.Open(w.data(), w.size(), inner, nh), EspStatus::OK, "open at " << n);
            NS_TEST_ASSERT_MSG_EQ((BytesOf(inner) == expect), true, "round trip at " << n);
            ++seq;
        }
        NS_TEST_ASSERT_MSG_EQ(in.GetCounters().Get(EspStatus::OK), sizes.size(), "all opened");
        NS_TEST_ASSERT_MSG_EQ(in.GetCounters().GetDrops(), 0, "no drops");
    }

    EspCipher m_cipher; //!< transform
    bool m_esn;         //!< ESN
};

/** Any single changed byte of a sealed packet makes Open fail and is counted. */
class EspSaTamperTest : public TestCase
{
  public:
    EspSaTamperTest()
        : TestCase("tampering with any byte fails the ICV (or the SPI match) and is counted")
    {
    }

  private:
    void
    DoRun() override
    {
        EspSaParams params = Params(0xCAFE0001);
        EspSa out(params);
        EspSa in(params);
        Ptr<Packet> esp;
        out.Seal(Payload(100), 4, esp);
        auto w = BytesOf(esp);
        uint64_t icv = 0;
        for (std::size_t i = 0; i < w.size(); ++i)
        {
            w[i] ^= 0x80;
            Ptr<Packet> inner;
            uint8_t nh = 0;
            EspStatus s = in.Open(w.data(), w.size(), inner, nh);
            w[i] ^= 0x80;
            if (i < 4)
            {
                NS_TEST_ASSERT_MSG_EQ(s, EspStatus::MALFORMED, "SPI byte " << i);
            }
            else
            {
                ++icv;
                NS_TEST_ASSERT_MSG_EQ(s, EspStatus::ICV_FAILURE, "byte " << i);
            }
        }
        NS_TEST_ASSERT_MSG_EQ(in.GetCounters().Get(EspStatus::ICV_FAILURE), icv, "ICV counter");
        NS_TEST_ASSERT_MSG_EQ(in.GetCounters().Get(EspStatus::OK), 0, "nothing opened");
        // Failed packets did not move the window: the genuine one still opens.
        Ptr<Packet> inner;
        uint8_t nh = 0;
        NS_TEST_ASSERT_MSG_EQ(in.Open(w.data(), w.size(), inner, nh), EspStatus::OK, "genuine");

        // Truncated and misaligned packets are malformed, never read past their end.
        for (std::size_t len : {0, 1, 8, 16, 35, 37, 38, 39})
        {
            NS_TEST_ASSERT_MSG_EQ(
                in.Open(w.data(), len, inner, nh), EspStatus::MALFORMED, "length " << len);
        }
    }
};

/** Replayed, reordered and too-old packets through Open. */
class EspSaReplayTest : public TestCase
{
  public:
    EspSaReplayTest()
        : TestCase("anti-replay through Open: duplicates, reordering, too old")
    {
    }

  private:
    void
    DoRun() override
    {
        EspSaParams params = Params(0xCAFE0002);
        params.replayWindow = 64;
        EspSa out(params);
        EspSa in(params);
        std::vector<std::vector<uint8_t>> sent;
        for (int i = 0; i < 200; ++i)
        {
            Ptr<Packet> esp;
            out.Seal(Payload(40), 4, esp);
            sent.push_back(BytesOf(esp));
        }
        Ptr<Packet> inner;
        uint8_t nh = 0;
        auto open = [&](int seq)
        {
            const auto& w = sent[seq - 1];
            return in.Open(w.data(), w.size(), inner, nh);
        };
        NS_TEST_ASSERT_MSG_EQ(open(10), EspStatus::OK, "10");
        NS_TEST_ASSERT_MSG_EQ(open(3), EspStatus::OK, "3 late, in window");
        NS_TEST_ASSERT_MSG_EQ(open(3), EspStatus::REPLAY, "3 again");
        NS_TEST_ASSERT_MSG_EQ(open(150), EspStatus::OK, "150");
        NS_TEST_ASSERT_MSG_EQ(open(86), EspStatus::TOO_OLD, "86 left of 87..150");
        NS_TEST_ASSERT_MSG_EQ(open(87), EspStatus::OK, "87 at the edge");
        NS_TEST_ASSERT_MSG_EQ(open(150), EspStatus::REPLAY, "150 again");
        NS_TEST_ASSERT_MSG_EQ(in.GetCounters().Get(EspStatus::REPLAY), 2, "replays");
        NS_TEST_ASSERT_MSG_EQ(in.GetCounters().Get(EspStatus::TOO_OLD), 1, "too old");
        NS_TEST_ASSERT_MSG_EQ(in.GetCounters().Get(EspStatus::OK), 4, "opened");
    }
};

/** The sender never wraps: without ESN, 2^32 - 1 is the last sequence number. */
class EspSaSequenceLimitTest : public TestCase
{
  public:
    EspSaSequenceLimitTest()
        : TestCase("sequence number limit: refuse to wrap without ESN, go on with ESN")
    {
    }

  private:
    void
    DoRun() override
    {
        EspSa plain(Params(0x1000));
        plain.SetNextSequence(0xFFFFFFFEu);
        Ptr<Packet> esp;
        NS_TEST_ASSERT_MSG_EQ(plain.Seal(Payload(10), 4, esp), EspStatus::OK, "2^32 - 2");
        NS_TEST_ASSERT_MSG_EQ(plain.Seal(Payload(10), 4, esp), EspStatus::OK, "2^32 - 1");
        auto last = BytesOf(esp);
        NS_TEST_ASSERT_MSG_EQ(
            plain.Seal(Payload(10), 4, esp), EspStatus::SEQUENCE_EXHAUSTED, "2^32 refused");
        NS_TEST_ASSERT_MSG_EQ(
            plain.Seal(Payload(10), 4, esp), EspStatus::SEQUENCE_EXHAUSTED, "still refused");
        NS_TEST_ASSERT_MSG_EQ(plain.GetCounters().Get(EspStatus::SEQUENCE_EXHAUSTED), 2, "counted");
        NS_TEST_ASSERT_MSG_EQ(plain.GetCounters().Get(EspStatus::OK), 2, "sealed");
        EspSa receiver(Params(0x1000));
        Ptr<Packet> inner;
        uint8_t nh = 0;
        NS_TEST_ASSERT_MSG_EQ(receiver.Open(last.data(), last.size(), inner, nh),
                              EspStatus::OK,
                              "the last packet opens");

        EspSa esn(Params(0x1001, EspCipher::AES_GCM_16_128, true));
        esn.SetNextSequence(0xFFFFFFFFu);
        NS_TEST_ASSERT_MSG_EQ(esn.Seal(Payload(10), 4, esp), EspStatus::OK, "ESN 2^32 - 1");
        NS_TEST_ASSERT_MSG_EQ(esn.Seal(Payload(10), 4, esp), EspStatus::OK, "ESN 2^32");
        NS_TEST_ASSERT_MSG_EQ(esn.GetNextSequence(), 0x100000001u, "ESN goes on");
        esn.SetNextSequence(UINT64_MAX);
        NS_TEST_ASSERT_MSG_EQ(esn.Seal(Payload(10), 4, esp), EspStatus::OK, "2^64 - 1");
        NS_TEST_ASSERT_MSG_EQ(
            esn.Seal(Payload(10), 4, esp), EspStatus::SEQUENCE_EXHAUSTED, "ESN never wraps either");
    }
};

/** Tunnel MTU arithmetic: the largest payload whose ESP packet fits. */
class EspSaSizeTest : public TestCase
{
  public:
    EspSaSizeTest()
        : TestCase("largest payload for a given ESP size")
    {
    }

  private:
    void
    DoRun() override
    {
        // UDP encapsulation on a 1500-byte path: 1472 bytes of ESP carry 1438 of payload.
        NS_TEST_ASSERT_MSG_EQ(EspSa::GetMaxPayloadSize(1472), 1438, "1472");
        for (uint32_t esp = 36; esp < 2000; ++esp)
        {
            uint32_t max = EspSa::GetMaxPayloadSize(esp);
            NS_TEST_ASSERT_MSG_LT_OR_EQ(EspSa::GetSealedSize(max), esp, "fits at " << esp);
            NS_TEST_ASSERT_MSG_GT(EspSa::GetSealedSize(max + 1), esp, "maximal at " << esp);
        }
        NS_TEST_ASSERT_MSG_EQ(EspSa::GetMaxPayloadSize(20), 0, "nothing fits");
    }
};

/** The ESP SA suite. */
class EspSaTestSuite : public TestSuite
{
  public:
    EspSaTestSuite()
        : TestSuite("tcp-encap-esp-sa", Type::UNIT)
    {
        for (const auto& v : ESP_VECTORS)
        {
            AddTestCase(new EspSaKnownAnswerTest(v), TestCase::Duration::QUICK);
        }
        AddTestCase(new EspSaWireFormatTest(EspCipher::AES_GCM_16_128, false),
                    TestCase::Duration::QUICK);
        AddTestCase(new EspSaWireFormatTest(EspCipher::AES_GCM_16_256, false),
                    TestCase::Duration::QUICK);
        AddTestCase(new EspSaWireFormatTest(EspCipher::AES_GCM_16_128, true),
                    TestCase::Duration::QUICK);
        AddTestCase(new EspSaTamperTest(), TestCase::Duration::QUICK);
        AddTestCase(new EspSaReplayTest(), TestCase::Duration::QUICK);
        AddTestCase(new EspSaSequenceLimitTest(), TestCase::Duration::QUICK);
        AddTestCase(new EspSaSizeTest(), TestCase::Duration::QUICK);
    }
};

EspSaTestSuite g_espSaTestSuite; //!< registers the suite

} // namespace
