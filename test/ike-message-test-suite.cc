/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IkeMessage: wire images written by hand from RFC 7296 §3, messages built, serialized and
// parsed back equal, the SK payload as the last payload, unknown and critical payloads, and
// each body's own checks.
#include "hex-util.h"
#include "ike-test-messages.h"

#include "ns3/ike-message.h"
#include "ns3/test.h"

#include <set>
#include <string>

using namespace ns3;
using tcpencaptest::Counting;
using tcpencaptest::FromHex;

namespace
{

/** Bytes written by hand from the RFC's figures, both ways. */
class IkeWireImageTest : public TestCase
{
  public:
    IkeWireImageTest()
        : TestCase("hand-written wire images (RFC 7296 §3.1, §3.3, §3.10, §3.11)")
    {
    }

  private:
    void
    DoRun() override
    {
        // INFORMATIONAL response deleting the IKE SA: header, then Delete(protocol 1, no SPI).
        const auto deleteWire = FromHex("0102030405060708 1112131415161718 2a 20 25 20 00000005 "
                                        "00000024 00 00 0008 01 00 0000");
        IkeHeader h;
        h.spiI = 0x0102030405060708ULL;
        h.spiR = 0x1112131415161718ULL;
        h.exchangeType = ike::INFORMATIONAL;
        h.flags = ike::FLAG_RESPONSE;
        h.messageId = 5;
        IkeMessage del(h);
        del.AddPayload(IkePayload(ike::PAYLOAD_DELETE, IkeDeletePayload{ike::PROTO_IKE, 0, {}}));
        NS_TEST_ASSERT_MSG_EQ((del.Serialize() == deleteWire), true, "Delete message bytes");
        IkeParseResult r = IkeMessage::Parse(deleteWire);
        NS_TEST_ASSERT_MSG_EQ(r.error, IkeParseError::OK, "Delete message parses");
        NS_TEST_ASSERT_MSG_EQ(r.message.GetHeader().IsResponse(), true, "R flag");
        NS_TEST_ASSERT_MSG_EQ(r.message.GetHeader().IsInitiator(), false, "no I flag");
        NS_TEST_ASSERT_MSG_EQ(r.message.GetHeader().length, 36, "Length");
        NS_TEST_ASSERT_MSG_EQ(r.message.GetPayloads().size(), 1, "one payload");

        // IKE_SA_INIT response asking for a cookie: Notify(COOKIE = 16390 = 0x4006).
        const auto cookieWire = FromHex("0102030405060708 0000000000000000 29 20 22 20 00000000 "
                                        "0000002c 00 00 0010 00 00 4006 a1a2a3a4a5a6a7a8");
        r = IkeMessage::Parse(cookieWire);
        NS_TEST_ASSERT_MSG_EQ(r.error, IkeParseError::OK, "cookie message parses");
        const IkeNotifyPayload* cookie = r.message.FindNotify(ike::COOKIE);
        NS_TEST_ASSERT_MSG_NE(cookie, nullptr, "COOKIE found");
        NS_TEST_ASSERT_MSG_EQ((cookie->data == FromHex("a1a2a3a4a5a6a7a8")), true, "cookie");
        NS_TEST_ASSERT_MSG_EQ(cookie->IsError(), false, "COOKIE is a status");
        NS_TEST_ASSERT_MSG_EQ((r.message.Serialize() == cookieWire), true, "and back");

        // SA: one IKE proposal, one transform ENCR_AES_GCM_16 with Key Length 128 (TV 0x800e).
        const auto saWire = FromHex("0102030405060708 0000000000000000 21 20 22 08 00000000 "
                                    "00000034 00 00 0018 00 00 0014 01 01 00 01 "
                                    "00 00 000c 01 00 0014 800e 0080");
        IkeHeader h2;
        h2.spiI = 0x0102030405060708ULL;
        h2.exchangeType = ike::IKE_SA_INIT;
        h2.flags = ike::FLAG_INITIATOR;
        IkeProposal p;
        p.transforms = {IkeTransform::Make(ike::TRANSFORM_ENCR, ike::ENCR_AES_GCM_16, 128)};
        IkeMessage sa(h2);
        sa.AddPayload(IkePayload(ike::PAYLOAD_SA, IkeSaPayload{{p}}));
        NS_TEST_ASSERT_MSG_EQ((sa.Serialize() == saWire), true, "SA message bytes");
        r = IkeMessage::Parse(saWire);
        NS_TEST_ASSERT_MSG_EQ(r.error, IkeParseError::OK, "SA message parses");
        const IkeSaPayload* parsed = r.message.GetPayloads().at(0).Get<IkeSaPayload>();
        NS_TEST_ASSERT_MSG_NE(parsed, nullptr, "SA body");
        NS_TEST_ASSERT_MSG_EQ(parsed->proposals.at(0).Find(ike::TRANSFORM_ENCR)->GetKeyLength(),
                              128,
                              "Key Length attribute");
        NS_TEST_ASSERT_MSG_EQ(
            parsed->proposals.at(0).Find(ike::TRANSFORM_PRF), nullptr, "no PRF transform");
    }
};

/** An IKE_SA_INIT request and an IKE_AUTH request: built, serialized, parsed back equal. */
class IkeRoundTripTest : public TestCase
{
  public:
    IkeRoundTripTest()
        : TestCase("IKE_SA_INIT and IKE_AUTH messages round-trip")
    {
    }

  private:
    void
    DoRun() override
    {
        IkeMessage init = tcpencaptest::MakeSaInitRequest();
        std::vector<uint8_t> wire = init.Serialize();
        NS_TEST_ASSERT_MSG_EQ(wire.size(), init.GetSerializedSize(), "size");
        // Header fields where RFC 7296 §3.1 puts them.
        NS_TEST_ASSERT_MSG_EQ(unsigned(wire[16]), unsigned(ike::PAYLOAD_SA), "Next Payload");
        NS_TEST_ASSERT_MSG_EQ(unsigned(wire[17]), 0x20u, "Version 2.0");
        NS_TEST_ASSERT_MSG_EQ(unsigned(wire[18]), 34u, "IKE_SA_INIT");
        NS_TEST_ASSERT_MSG_EQ(unsigned(wire[19]), 0x08u, "I flag");
        const uint32_t length = uint32_t(wire[24]) << 24 | uint32_t(wire[25]) << 16
                                | uint32_t(wire[26]) << 8 | wire[27];
        NS_TEST_ASSERT_MSG_EQ(length, wire.size(), "Length is the message");

        IkeParseResult r = IkeMessage::Parse(wire);
        NS_TEST_ASSERT_MSG_EQ(r.error, IkeParseError::OK, "IKE_SA_INIT parses");
        init.GetHeader().nextPayload = ike::PAYLOAD_SA;
        init.GetHeader().length = static_cast<uint32_t>(wire.size());
        NS_TEST_ASSERT_MSG_EQ((r.message == init), true, "parsed equals built");
        NS_TEST_ASSERT_MSG_EQ((r.message.Serialize() == wire), true, "Serialize(Parse(x)) == x");
        NS_TEST_ASSERT_MSG_NE(r.message.FindNotify(ike::NAT_DETECTION_SOURCE_IP), nullptr, "NAT");
        NS_TEST_ASSERT_MSG_EQ(r.message.FindNotify(ike::COOKIE), nullptr, "no cookie");
        const IkeKePayload* ke = r.message.Find(ike::PAYLOAD_KE)->Get<IkeKePayload>();
        NS_TEST_ASSERT_MSG_EQ(ke->dhGroup, ike::DH_CURVE25519, "KE group");
        NS_TEST_ASSERT_MSG_EQ(ke->data.size(), 32, "KE data");

        // IKE_AUTH: inner chain alone, then inside SK.
        std::vector<IkePayload> inner = tcpencaptest::MakeAuthInnerPayloads();
        std::vector<uint8_t> chain = IkeMessage::SerializePayloads(inner);
        std::vector<IkePayload> back;
        IkeParseResult ir
            = IkeMessage::ParsePayloads(inner.front().type, chain.data(), chain.size(), back);
        NS_TEST_ASSERT_MSG_EQ(ir.error, IkeParseError::OK, "inner chain parses");
        NS_TEST_ASSERT_MSG_EQ((back == inner), true, "inner chain equal");
        Ipv4Address start;
        Ipv4Address end;
        const IkeTsPayload* tsi = back.at(6).Get<IkeTsPayload>();
        NS_TEST_ASSERT_MSG_EQ(tsi->selectors.at(1).GetIpv4Range(start, end), true, "IPv4 TS");
        NS_TEST_ASSERT_MSG_EQ(start, Ipv4Address("10.1.1.0"), "TS start");
        NS_TEST_ASSERT_MSG_EQ(end, Ipv4Address("10.1.1.255"), "TS end");
        NS_TEST_ASSERT_MSG_EQ(tsi->selectors.at(1).startPort, 1024, "TS port");

        IkeMessage auth = tcpencaptest::MakeAuthRequest();
        std::vector<uint8_t> authWire = auth.Serialize();
        IkeParseResult ar = IkeMessage::Parse(authWire);
        NS_TEST_ASSERT_MSG_EQ(ar.error, IkeParseError::OK, "IKE_AUTH parses");
        NS_TEST_ASSERT_MSG_EQ((ar.message.Serialize() == authWire), true, "IKE_AUTH round trip");
        NS_TEST_ASSERT_MSG_EQ(unsigned(authWire[16]), unsigned(ike::PAYLOAD_SK), "SK first");
        NS_TEST_ASSERT_MSG_EQ(unsigned(authWire[28]),
                              unsigned(ike::PAYLOAD_IDI),
                              "SK's Next Payload is the first inner payload (§3.14)");
        const IkeSkPayload* sk = ar.message.GetPayloads().back().Get<IkeSkPayload>();
        NS_TEST_ASSERT_MSG_EQ(sk->firstInnerPayload, ike::PAYLOAD_IDI, "first inner type");
        // SK's body is the end of the message; what precedes it is the AEAD's AAD.
        NS_TEST_ASSERT_MSG_EQ(
            std::equal(sk->data.begin(), sk->data.end(), authWire.end() - sk->data.size()),
            true,
            "SK body ends the message");
        NS_TEST_ASSERT_MSG_EQ(authWire.size() - sk->data.size(),
                              IkeHeader::SIZE + IkeMessage::PAYLOAD_HEADER_SIZE,
                              "AAD = IKE header | SK generic header");
    }
};

/** RFC 7296 §2.5: unknown payloads skipped unless critical; the critical bit of known ones. */
class IkeUnknownPayloadTest : public TestCase
{
  public:
    IkeUnknownPayloadTest()
        : TestCase("unknown payloads: skipped, or UNSUPPORTED_CRITICAL_PAYLOAD when critical")
    {
    }

  private:
    void
    DoRun() override
    {
        IkeMessage m = tcpencaptest::MakeSaInitRequest();
        auto& payloads = m.GetPayloads();
        payloads.insert(payloads.begin() + 2, IkePayload(200, IkeRawPayload{Counting(13, 0)}));
        payloads.insert(payloads.begin(),
                        IkePayload(ike::PAYLOAD_VENDOR, IkeRawPayload{{1, 2}}, true));
        std::vector<uint8_t> wire = m.Serialize();
        IkeParseResult r = IkeMessage::Parse(wire);
        NS_TEST_ASSERT_MSG_EQ(r.error, IkeParseError::OK, "non-critical unknown is skipped");
        NS_TEST_ASSERT_MSG_EQ(r.message.GetPayloads().size(), 7, "kept as raw bytes");
        NS_TEST_ASSERT_MSG_NE(r.message.Find(200)->Get<IkeRawPayload>(), nullptr, "raw body");
        NS_TEST_ASSERT_MSG_NE(r.message.Find(ike::PAYLOAD_NONCE), nullptr, "chain goes on");
        NS_TEST_ASSERT_MSG_EQ((r.message.Serialize() == wire), true, "and serializes back");

        payloads[3].critical = true; // the unknown type 200
        r = IkeMessage::Parse(m.Serialize());
        NS_TEST_ASSERT_MSG_EQ(
            r.error, IkeParseError::UNSUPPORTED_CRITICAL_PAYLOAD, "critical unknown");
        NS_TEST_ASSERT_MSG_EQ(unsigned(r.payloadType), 200u, "its type is reported");
        NS_TEST_ASSERT_MSG_EQ(r.headerValid, true, "header readable for the answer");
        NS_TEST_ASSERT_MSG_EQ(r.message.GetHeader().spiI, 0x8a3c5e7f01020304ULL, "SPIi");
        NS_TEST_ASSERT_MSG_EQ(
            GetNotifyType(r.error), ike::UNSUPPORTED_CRITICAL_PAYLOAD, "Notify type 1");
        NS_TEST_ASSERT_MSG_EQ(r.message.GetPayloads().empty(), true, "no payloads on error");

        // The Critical bit on a payload we understand is ignored (§3.2).
        payloads[3].critical = false;
        payloads[2].critical = true; // KE
        r = IkeMessage::Parse(m.Serialize());
        NS_TEST_ASSERT_MSG_EQ(r.error, IkeParseError::OK, "critical KE is fine");
        NS_TEST_ASSERT_MSG_EQ(r.message.Find(ike::PAYLOAD_KE)->critical, true, "bit kept");
    }
};

/** Header checks: version, truncation, Length. */
class IkeHeaderChecksTest : public TestCase
{
  public:
    IkeHeaderChecksTest()
        : TestCase("header: major version, minor ignored, Length")
    {
    }

  private:
    void
    DoRun() override
    {
        std::vector<uint8_t> wire = tcpencaptest::MakeSaInitRequest().Serialize();
        std::vector<uint8_t> v3 = wire;
        v3[17] = 0x30;
        IkeParseResult r = IkeMessage::Parse(v3);
        NS_TEST_ASSERT_MSG_EQ(r.error, IkeParseError::BAD_VERSION, "major version 3");
        NS_TEST_ASSERT_MSG_EQ(r.headerValid, true, "header kept for INVALID_MAJOR_VERSION");
        NS_TEST_ASSERT_MSG_EQ(GetNotifyType(r.error), ike::INVALID_MAJOR_VERSION, "notify 5");
        std::vector<uint8_t> minor = wire;
        minor[17] = 0x21;
        minor[19] |= 0x07; // unused flag bits are ignored too (§3.1)
        r = IkeMessage::Parse(minor);
        NS_TEST_ASSERT_MSG_EQ(r.error, IkeParseError::OK, "minor version ignored");
        NS_TEST_ASSERT_MSG_EQ((r.message.Serialize() == minor), true, "kept as read");
        r = IkeMessage::Parse(wire.data(), 27);
        NS_TEST_ASSERT_MSG_EQ(r.error, IkeParseError::TRUNCATED, "27 bytes");
        NS_TEST_ASSERT_MSG_EQ(r.headerValid, false, "no header");
        r = IkeMessage::Parse(nullptr, 0);
        NS_TEST_ASSERT_MSG_EQ(r.error, IkeParseError::TRUNCATED, "nothing");
        std::vector<uint8_t> longer = wire;
        longer.push_back(0);
        r = IkeMessage::Parse(longer);
        NS_TEST_ASSERT_MSG_EQ(r.error, IkeParseError::LENGTH_MISMATCH, "a byte too many");
        NS_TEST_ASSERT_MSG_EQ(GetNotifyType(r.error), ike::INVALID_SYNTAX, "INVALID_SYNTAX");
        // Header alone: an empty INFORMATIONAL (liveness check) is valid.
        IkeHeader h;
        h.spiI = 1;
        h.spiR = 2;
        h.exchangeType = ike::INFORMATIONAL;
        r = IkeMessage::Parse(IkeMessage(h).Serialize());
        NS_TEST_ASSERT_MSG_EQ(r.error, IkeParseError::OK, "empty message");
        NS_TEST_ASSERT_MSG_EQ(r.message.GetHeader().length, 28, "28 bytes");
    }
};

/**
 * \param type payload type
 * \param body payload body
 * \param critical Critical bit
 * \return a message with one payload with that body, by hand
 */
std::vector<uint8_t>
WithBody(uint8_t type, const std::vector<uint8_t>& body, bool critical = false)
{
    IkeHeader h;
    h.spiI = 7;
    h.nextPayload = type;
    h.length = static_cast<uint32_t>(IkeHeader::SIZE + 4 + body.size());
    std::vector<uint8_t> out;
    h.Serialize(out);
    const std::size_t len = 4 + body.size();
    out.insert(out.end(),
               {0, uint8_t(critical ? 0x80 : 0), uint8_t(len >> 8), uint8_t(len & 0xff)});
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

/** Each body's own checks, one bad body at a time. */
class IkeBodyChecksTest : public TestCase
{
  public:
    IkeBodyChecksTest()
        : TestCase("payload bodies: each check has its named error")
    {
    }

  private:
    void
    DoRun() override
    {
        struct Case
        {
            const char* what;       //!< description
            uint8_t type;           //!< payload type
            const char* body;       //!< hex
            IkeParseError expected; //!< outcome
        };
        const std::string nonce16(32, 'a');
        const std::string nonce15(30, 'a');
        const std::string nonce256(512, 'b');
        const std::string nonce257(514, 'b');
        const Case cases[] = {
            {"KE of 3 bytes", ike::PAYLOAD_KE, "001f00", IkeParseError::PAYLOAD_TOO_SHORT},
            {"KE header only", ike::PAYLOAD_KE, "001f0000", IkeParseError::OK},
            {"ID of 3 bytes", ike::PAYLOAD_IDI, "020000", IkeParseError::PAYLOAD_TOO_SHORT},
            {"AUTH empty", ike::PAYLOAD_AUTH, "", IkeParseError::PAYLOAD_TOO_SHORT},
            {"CERT empty", ike::PAYLOAD_CERT, "", IkeParseError::PAYLOAD_TOO_SHORT},
            {"CERTREQ encoding only", ike::PAYLOAD_CERTREQ, "04", IkeParseError::OK},
            {"Nonce 15 bytes",
             ike::PAYLOAD_NONCE,
             nonce15.c_str(),
             IkeParseError::BAD_NONCE_LENGTH},
            {"Nonce 16 bytes", ike::PAYLOAD_NONCE, nonce16.c_str(), IkeParseError::OK},
            {"Nonce 256 bytes", ike::PAYLOAD_NONCE, nonce256.c_str(), IkeParseError::OK},
            {"Nonce 257 bytes",
             ike::PAYLOAD_NONCE,
             nonce257.c_str(),
             IkeParseError::BAD_NONCE_LENGTH},
            {"Notify of 3 bytes", ike::PAYLOAD_NOTIFY, "000040", IkeParseError::PAYLOAD_TOO_SHORT},
            {"Notify SPI beyond",
             ike::PAYLOAD_NOTIFY,
             "03044009010203",
             IkeParseError::BAD_SPI_SIZE},
            {"Notify SPI exact", ike::PAYLOAD_NOTIFY, "030440090102030a", IkeParseError::OK},
            {"Delete count too high",
             ike::PAYLOAD_DELETE,
             "03040002 01020304",
             IkeParseError::BAD_SPI_SIZE},
            {"Delete extra byte",
             ike::PAYLOAD_DELETE,
             "03040001 0102030405",
             IkeParseError::BAD_SPI_SIZE},
            {"Delete of 3 bytes", ike::PAYLOAD_DELETE, "010000", IkeParseError::PAYLOAD_TOO_SHORT},
            {"TS count too high",
             ike::PAYLOAD_TSI,
             "02000000 07000010 0000ffff 0a000000 0a0000ff",
             IkeParseError::BAD_TRAFFIC_SELECTOR},
            {"TS unknown type",
             ike::PAYLOAD_TSI,
             "01000000 09000010 0000ffff 0a000000 0a0000ff",
             IkeParseError::BAD_TRAFFIC_SELECTOR},
            {"TS length 15",
             ike::PAYLOAD_TSR,
             "01000000 0700000f 0000ffff 0a000000 0a0000ff",
             IkeParseError::BAD_TRAFFIC_SELECTOR},
            {"TS trailing byte",
             ike::PAYLOAD_TSR,
             "01000000 07000010 0000ffff 0a000000 0a0000ff 00",
             IkeParseError::BAD_TRAFFIC_SELECTOR},
            {"TS of 3 bytes", ike::PAYLOAD_TSR, "010000", IkeParseError::PAYLOAD_TOO_SHORT},
            {"SA empty", ike::PAYLOAD_SA, "", IkeParseError::BAD_PROPOSAL},
            {"SA TLV attribute",
             ike::PAYLOAD_SA,
             "00000017 01010001 0000000f 01000014 0001 0003 aabbcc",
             IkeParseError::OK},
            {"SA TLV attribute overruns",
             ike::PAYLOAD_SA,
             "00000017 01010001 0000000f 01000014 0001 0004 aabbcc",
             IkeParseError::BAD_ATTRIBUTE},
            {"SA TV attribute cut",
             ike::PAYLOAD_SA,
             "00000013 01010001 0000000b 01000014 800e00",
             IkeParseError::BAD_ATTRIBUTE},
            {"SA proposal marked 'more' but last",
             ike::PAYLOAD_SA,
             "02000010 01010001 00000008 01000014",
             IkeParseError::BAD_PROPOSAL},
            {"SA transform marked 'more' but last",
             ike::PAYLOAD_SA,
             "00000010 01010001 03000008 01000014",
             IkeParseError::BAD_TRANSFORM},
            {"SA SPI Size beyond proposal",
             ike::PAYLOAD_SA,
             "00000010 01010901 00000008 01000014",
             IkeParseError::BAD_PROPOSAL},
            {"SA no room for a transform",
             ike::PAYLOAD_SA,
             "0000000c 01010001 00000008",
             IkeParseError::BAD_TRANSFORM},
            {"SA bytes after the transforms",
             ike::PAYLOAD_SA,
             "00000011 01010001 00000008 01000014 00",
             IkeParseError::BAD_PROPOSAL},
            {"unknown, not critical", 250, "00", IkeParseError::OK},
        };
        for (const auto& c : cases)
        {
            IkeParseResult r = IkeMessage::Parse(WithBody(c.type, FromHex(c.body)));
            NS_TEST_ASSERT_MSG_EQ(r.error, c.expected, c.what);
            if (c.expected != IkeParseError::OK)
            {
                NS_TEST_ASSERT_MSG_EQ(unsigned(r.payloadType), unsigned(c.type), c.what << " type");
                NS_TEST_ASSERT_MSG_EQ(r.offset, IkeHeader::SIZE, c.what << " offset");
            }
        }
        NS_TEST_ASSERT_MSG_EQ(IkeMessage::Parse(WithBody(250, {0}, true)).error,
                              IkeParseError::UNSUPPORTED_CRITICAL_PAYLOAD,
                              "the same payload, critical");

        // SK must be last: bytes after it, even if they look like a payload.
        std::vector<uint8_t> sk = tcpencaptest::MakeAuthRequest().Serialize();
        std::vector<uint8_t> skPlus = sk;
        skPlus.insert(skPlus.end(), {0, 0, 0, 4});
        const uint32_t len = static_cast<uint32_t>(skPlus.size());
        skPlus[24] = len >> 24;
        skPlus[25] = len >> 16;
        skPlus[26] = len >> 8;
        skPlus[27] = len & 0xff;
        IkeParseResult r = IkeMessage::Parse(skPlus);
        NS_TEST_ASSERT_MSG_EQ(r.error, IkeParseError::SK_NOT_LAST, "payload after SK");

        // A chain that ends before the message does.
        std::vector<uint8_t> trailing = WithBody(ike::PAYLOAD_KE, FromHex("001f0000 00"));
        trailing[31] -= 1; // KE length one shorter: one byte left over after the chain
        NS_TEST_ASSERT_MSG_EQ(
            IkeMessage::Parse(trailing).error, IkeParseError::TRAILING_DATA, "trailing byte");
    }
};

/** Names of every error, for counters. */
class IkeParseErrorNamesTest : public TestCase
{
  public:
    IkeParseErrorNamesTest()
        : TestCase("every parse error has a distinct name")
    {
    }

  private:
    void
    DoRun() override
    {
        std::set<std::string> names;
        for (int i = 0; i < static_cast<int>(IkeParseError::COUNT); ++i)
        {
            std::string name = ToString(static_cast<IkeParseError>(i));
            NS_TEST_ASSERT_MSG_NE(name, "unknown", "error " << i << " named");
            names.insert(name);
        }
        NS_TEST_ASSERT_MSG_EQ(
            names.size(), static_cast<std::size_t>(IkeParseError::COUNT), "distinct");
    }
};

/** The message codec suite. */
class IkeMessageTestSuite : public TestSuite
{
  public:
    IkeMessageTestSuite()
        : TestSuite("tcp-encap-ike-message", Type::UNIT)
    {
        AddTestCase(new IkeWireImageTest(), TestCase::Duration::QUICK);
        AddTestCase(new IkeRoundTripTest(), TestCase::Duration::QUICK);
        AddTestCase(new IkeUnknownPayloadTest(), TestCase::Duration::QUICK);
        AddTestCase(new IkeHeaderChecksTest(), TestCase::Duration::QUICK);
        AddTestCase(new IkeBodyChecksTest(), TestCase::Duration::QUICK);
        AddTestCase(new IkeParseErrorNamesTest(), TestCase::Duration::QUICK);
    }
};

IkeMessageTestSuite g_ikeMessageTestSuite; //!< registers the suite

} // namespace
