/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Stream framing (RFC 9329 §3): the frame header, and the deframer fed the same stream cut
// at every position, in tiny pieces, and with every bad Length.
#include "ns3/stream-framing.h"
#include "ns3/test.h"

using namespace ns3;

namespace
{

/** A stream and the messages a deframer must find in it. */
struct Stream
{
    std::vector<uint8_t> bytes;                 //!< the stream
    std::vector<std::vector<uint8_t>> messages; //!< messages in order
    uint64_t shortFrames{0};                    //!< frames to be dropped as short
};

/** Append a frame with a message of the given bytes. */
void
AddFrame(Stream& s, FramingVariant v, const std::vector<uint8_t>& message)
{
    uint32_t length = GetLengthFieldSize(v) + message.size();
    if (v == FRAMING_DRAFT03)
    {
        s.bytes.push_back(length >> 24);
        s.bytes.push_back(length >> 16);
    }
    s.bytes.push_back(length >> 8);
    s.bytes.push_back(length);
    s.bytes.insert(s.bytes.end(), message.begin(), message.end());
    if (message.size() <= 4)
    {
        ++s.shortFrames;
    }
    else
    {
        s.messages.push_back(message);
    }
}

/** A stream of ESP-like and IKE-like frames of many sizes, with short frames between. */
Stream
MixedStream(FramingVariant v)
{
    Stream s;
    uint32_t sizes[] = {5, 6, 100, 1472, 7, 300, 1, 0, 64, 4, 2, 1000, 3};
    uint32_t n = 0;
    for (uint32_t size : sizes)
    {
        std::vector<uint8_t> m(size);
        for (uint32_t i = 0; i < size; ++i)
        {
            m[i] = static_cast<uint8_t>(n * 31 + i * 7 + 1);
        }
        if (size == 1)
        {
            m[0] = 0xFF; // the NAT-keepalive: frame 00 03 FF
        }
        if (n % 3 == 1 && size > 4)
        {
            m[0] = m[1] = m[2] = m[3] = 0; // IKE behind the marker
        }
        AddFrame(s, v, m);
        ++n;
    }
    return s;
}

/** Feeds a deframer and records what it hands up. */
class Collector
{
  public:
    /** \param v variant \param max largest Length */
    Collector(FramingVariant v, uint32_t max)
        : deframer(v, max)
    {
        deframer.SetMessageCallback(MakeCallback(&Collector::Take, this));
    }

    /** \param data message \param size its size */
    void
    Take(const uint8_t* data, uint32_t size)
    {
        got.emplace_back(data, data + size);
    }

    StreamDeframer deframer;               //!< under test
    std::vector<std::vector<uint8_t>> got; //!< messages received
};

/** The same stream cut once at every position, and in pieces of 1, 2, 3 and 7 bytes. */
class DeframerCutTest : public TestCase
{
  public:
    /** \param v framing variant */
    explicit DeframerCutTest(FramingVariant v)
        : TestCase(std::string("deframer: every cut position, small pieces, ") + ToString(v))
        , m_v(v)
    {
    }

  private:
    void
    DoRun() override
    {
        Stream s = MixedStream(m_v);
        const uint32_t n = s.bytes.size();
        for (uint32_t cut = 0; cut <= n; ++cut)
        {
            Collector c(m_v, 65535);
            NS_TEST_ASSERT_MSG_EQ(c.deframer.Push(s.bytes.data(), cut), StreamDeframer::OK, "");
            NS_TEST_ASSERT_MSG_EQ(c.deframer.Push(s.bytes.data() + cut, n - cut),
                                  StreamDeframer::OK,
                                  "cut at " << cut);
            NS_TEST_ASSERT_MSG_EQ((c.got == s.messages), true, "messages with cut at " << cut);
            NS_TEST_ASSERT_MSG_EQ(c.deframer.GetShortFrames(), s.shortFrames, "short frames");
            NS_TEST_ASSERT_MSG_EQ(c.deframer.HasPartialFrame(), false, "nothing left over");
        }
        // Two cuts, on a coarser grid.
        for (uint32_t a = 0; a <= n; a += 13)
        {
            for (uint32_t b = a; b <= n; b += 17)
            {
                Collector c(m_v, 65535);
                c.deframer.Push(s.bytes.data(), a);
                c.deframer.Push(s.bytes.data() + a, b - a);
                c.deframer.Push(s.bytes.data() + b, n - b);
                NS_TEST_ASSERT_MSG_EQ((c.got == s.messages), true, "cuts " << a << "," << b);
            }
        }
        for (uint32_t piece : {1u, 2u, 3u, 7u})
        {
            Collector c(m_v, 65535);
            for (uint32_t at = 0; at < n; at += piece)
            {
                c.deframer.Push(s.bytes.data() + at, std::min(piece, n - at));
            }
            NS_TEST_ASSERT_MSG_EQ((c.got == s.messages), true, "pieces of " << piece);
            NS_TEST_ASSERT_MSG_EQ(c.deframer.GetMessages(), s.messages.size(), "count");
        }
    }

    FramingVariant m_v; //!< variant
};

/** Length 0 and 1 are fatal, 2 to 6 are dropped, above the maximum is fatal. */
class DeframerBadLengthTest : public TestCase
{
  public:
    DeframerBadLengthTest()
        : TestCase("deframer: fatal and dropped Lengths (RFC 9329 §3)")
    {
    }

  private:
    void
    DoRun() override
    {
        for (uint8_t bad : {0, 1})
        {
            for (uint32_t split : {0u, 1u, 2u})
            {
                Stream s;
                AddFrame(s, FRAMING_RFC9329, {9, 9, 9, 9, 9, 9});
                s.bytes.push_back(0);
                s.bytes.push_back(bad);
                AddFrame(s, FRAMING_RFC9329, {8, 8, 8, 8, 8, 8});
                Collector c(FRAMING_RFC9329, 65535);
                uint32_t at = 8 + split; // split before, inside or after the bad Length
                StreamDeframer::Status first = c.deframer.Push(s.bytes.data(), at);
                StreamDeframer::Status second
                    = c.deframer.Push(s.bytes.data() + at, s.bytes.size() - at);
                NS_TEST_ASSERT_MSG_EQ(
                    (first == StreamDeframer::BAD_LENGTH || second == StreamDeframer::BAD_LENGTH),
                    true,
                    "Length " << int(bad) << " is fatal");
                NS_TEST_ASSERT_MSG_EQ(c.got.size(), 1, "the frame before it was delivered");
                NS_TEST_ASSERT_MSG_EQ(c.deframer.Push(s.bytes.data(), 8),
                                      StreamDeframer::BAD_LENGTH,
                                      "fatal is sticky");
                NS_TEST_ASSERT_MSG_EQ(c.got.size(), 1, "nothing after a fatal Length");
                c.deframer.Reset();
                NS_TEST_ASSERT_MSG_EQ(c.deframer.Push(s.bytes.data(), 8),
                                      StreamDeframer::OK,
                                      "usable after Reset (new connection)");
            }
        }
        // Length 2..6: the stream goes on.
        Collector c(FRAMING_RFC9329, 65535);
        std::vector<uint8_t> shorts
            = {0, 2, 0, 3, 0xFF, 0, 4, 1, 2, 0, 5, 1, 2, 3, 0, 6, 0, 0, 0, 0};
        NS_TEST_ASSERT_MSG_EQ(
            c.deframer.Push(shorts.data(), shorts.size()), StreamDeframer::OK, "");
        NS_TEST_ASSERT_MSG_EQ(c.deframer.GetShortFrames(), 5, "five short frames dropped");
        NS_TEST_ASSERT_MSG_EQ(c.got.size(), 0, "none delivered");

        // Maximum: 1000 accepted, 1001 fatal.
        Stream ok;
        AddFrame(ok, FRAMING_RFC9329, std::vector<uint8_t>(998, 1));
        Collector m(FRAMING_RFC9329, 1000);
        NS_TEST_ASSERT_MSG_EQ(
            m.deframer.Push(ok.bytes.data(), ok.bytes.size()), StreamDeframer::OK, "Length 1000");
        NS_TEST_ASSERT_MSG_EQ(m.got.size(), 1, "delivered");
        std::vector<uint8_t> big = {0x03, 0xE9, 1, 2, 3};
        NS_TEST_ASSERT_MSG_EQ(m.deframer.Push(big.data(), 1), StreamDeframer::OK, "half a Length");
        NS_TEST_ASSERT_MSG_EQ(m.deframer.Push(big.data() + 1, 4),
                              StreamDeframer::TOO_LONG,
                              "Length 1001 above the maximum");

        // draft-03: 0..3 fatal, 4..8 short.
        for (uint8_t bad : {0, 1, 2, 3})
        {
            Collector d(FRAMING_DRAFT03, 65535);
            std::vector<uint8_t> f = {0, 0, 0, bad};
            NS_TEST_ASSERT_MSG_EQ(d.deframer.Push(f.data(), f.size()),
                                  StreamDeframer::BAD_LENGTH,
                                  "draft-03 Length " << int(bad));
        }
        Collector d(FRAMING_DRAFT03, 65535);
        std::vector<uint8_t> f = {0, 0, 0, 4, 0, 0, 0, 8, 1, 2, 3, 4};
        NS_TEST_ASSERT_MSG_EQ(d.deframer.Push(f.data(), f.size()), StreamDeframer::OK, "");
        NS_TEST_ASSERT_MSG_EQ(d.deframer.GetShortFrames(), 2, "draft-03 short frames");
        // A 16-bit reader sees a draft-03 frame as Length 0: the variants do not interoperate.
        Collector r(FRAMING_RFC9329, 65535);
        Stream d3;
        AddFrame(d3, FRAMING_DRAFT03, std::vector<uint8_t>(50, 7));
        NS_TEST_ASSERT_MSG_EQ(r.deframer.Push(d3.bytes.data(), d3.bytes.size()),
                              StreamDeframer::BAD_LENGTH,
                              "draft-03 read as rfc9329");
    }
};

/** The frame header writes Length (and the marker for IKE) in network order. */
class FrameHeaderTest : public TestCase
{
  public:
    FrameHeaderTest()
        : TestCase("frame header: Length counts itself, IKE gets the marker")
    {
    }

  private:
    void
    DoRun() override
    {
        uint8_t body[300] = {};
        body[0] = 0xAB;
        struct Case
        {
            FramingVariant v;
            EncapMessageKind kind;
            std::vector<uint8_t> head;
        };
        std::vector<Case> cases = {
            {FRAMING_RFC9329, EncapMessageKind::ESP, {0x01, 0x2E}},
            {FRAMING_RFC9329, EncapMessageKind::IKE, {0x01, 0x32, 0, 0, 0, 0}},
            {FRAMING_DRAFT03, EncapMessageKind::ESP, {0, 0, 0x01, 0x30}},
            {FRAMING_DRAFT03, EncapMessageKind::IKE, {0, 0, 0x01, 0x34, 0, 0, 0, 0}},
        };
        for (const auto& c : cases)
        {
            Ptr<Packet> p = Create<Packet>(body, 300);
            StreamFrameHeader h(c.v, c.kind, 300);
            p->AddHeader(h);
            NS_TEST_ASSERT_MSG_EQ(h.GetLength(), p->GetSize(), "Length = whole frame");
            std::vector<uint8_t> bytes(p->GetSize());
            p->CopyData(bytes.data(), bytes.size());
            NS_TEST_ASSERT_MSG_EQ(
                std::equal(c.head.begin(), c.head.end(), bytes.begin()), true, "header bytes");
            NS_TEST_ASSERT_MSG_EQ(uint32_t{bytes[c.head.size()]}, 0xABu, "message follows");
            // And the deframer gives the message back (with the marker for IKE).
            Collector col(c.v, 65535);
            col.deframer.Push(bytes.data(), bytes.size());
            NS_TEST_ASSERT_MSG_EQ(col.got.size(), 1, "one message");
            uint32_t marker = c.kind == EncapMessageKind::IKE ? 4 : 0;
            NS_TEST_ASSERT_MSG_EQ(col.got[0].size(), 300 + marker, "message size");
            NS_TEST_ASSERT_MSG_EQ(
                (ClassifyEncapMessage(col.got[0].data(), col.got[0].size()) == c.kind),
                true,
                "classified back");
        }
        FramingVariant v;
        NS_TEST_ASSERT_MSG_EQ(
            ParseFramingVariant("draft-03", v) && v == FRAMING_DRAFT03, true, "parse draft-03");
        NS_TEST_ASSERT_MSG_EQ(ParseFramingVariant("rfc8229", v), false, "unknown name");
    }
};

/** The stream framing suite. */
class StreamFramingTestSuite : public TestSuite
{
  public:
    StreamFramingTestSuite()
        : TestSuite("tcp-encap-stream-framing", Type::UNIT)
    {
        AddTestCase(new DeframerCutTest(FRAMING_RFC9329), TestCase::Duration::QUICK);
        AddTestCase(new DeframerCutTest(FRAMING_DRAFT03), TestCase::Duration::QUICK);
        AddTestCase(new DeframerBadLengthTest(), TestCase::Duration::QUICK);
        AddTestCase(new FrameHeaderTest(), TestCase::Duration::QUICK);
    }
};

StreamFramingTestSuite g_streamFramingTestSuite; //!< registers the suite

} // namespace
