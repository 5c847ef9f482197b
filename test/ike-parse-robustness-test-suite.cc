/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IkeMessage::Parse on hostile input: every truncation, every length field lying, every
// byte replaced by every value, and random mutations. Each must end in the named error
// expected (worked out here by walking the RFC 7296 layout independently of the parser),
// never a crash; whatever parses must serialize and parse back the same.
#include "ike-test-messages.h"

#include "ns3/ike-message.h"
#include "ns3/test.h"

#include <random>
#include <set>

using namespace ns3;

namespace
{

/** Which length or count field, for the lie it can tell. */
enum class FieldKind
{
    HEADER_LENGTH,    //!< IKE header Length (4 bytes)
    PAYLOAD_LENGTH,   //!< generic payload header Payload Length
    PROPOSAL_LENGTH,  //!< SA proposal Proposal Length
    TRANSFORM_LENGTH, //!< SA transform Transform Length
    TRANSFORM_COUNT,  //!< SA proposal # of Transforms (1 byte)
    SELECTOR_COUNT,   //!< TS Number of TSs (1 byte)
    SELECTOR_LENGTH,  //!< TS Selector Length
    DELETE_COUNT,     //!< Delete Num of SPIs
    NOTIFY_SPI_SIZE,  //!< Notify SPI Size (1 byte)
};

/** One field of a serialized message. */
struct Field
{
    FieldKind kind;        //!< what it is
    std::size_t offset;    //!< where
    std::size_t size;      //!< 1, 2 or 4 bytes
    uint32_t value;        //!< its true value
    std::size_t room;      //!< largest value its container allows
    std::size_t structure; //!< offset of the payload it belongs to
    uint8_t payloadType;   //!< that payload's type
};

/** \param b bytes \param at offset \return the 16-bit field there */
uint16_t
Be16(const std::vector<uint8_t>& b, std::size_t at)
{
    return static_cast<uint16_t>(b[at] << 8 | b[at + 1]);
}

/**
 * \brief Walk a payload chain of a valid message by RFC 7296 §3.2-§3.13, listing its fields.
 * \param b the bytes
 * \param start where the chain starts
 * \param first type of the first payload
 * \param[out] payloadStarts offset of each payload
 * \return the fields
 */
std::vector<Field>
WalkChain(const std::vector<uint8_t>& b,
          std::size_t start,
          uint8_t first,
          std::vector<std::size_t>& payloadStarts)
{
    std::vector<Field> fields;
    std::size_t off = start;
    uint8_t type = first;
    while (type != 0 && off < b.size())
    {
        payloadStarts.push_back(off);
        const uint8_t next = b[off];
        const uint16_t len = Be16(b, off + 2);
        const std::size_t end = off + len;
        fields.push_back({FieldKind::PAYLOAD_LENGTH, off + 2, 2, len, b.size() - off, off, type});
        if (type == ike::PAYLOAD_SA)
        {
            for (std::size_t q = off + 4; q < end;)
            {
                const uint16_t plen = Be16(b, q + 2);
                fields.push_back({FieldKind::PROPOSAL_LENGTH, q + 2, 2, plen, end - q, off, type});
                fields.push_back({FieldKind::TRANSFORM_COUNT, q + 7, 1, b[q + 7], 0, off, type});
                std::size_t t = q + 8 + b[q + 6];
                for (unsigned i = 0; i < b[q + 7]; ++i)
                {
                    const uint16_t tlen = Be16(b, t + 2);
                    fields.push_back(
                        {FieldKind::TRANSFORM_LENGTH, t + 2, 2, tlen, q + plen - t, off, type});
                    t += tlen;
                }
                q += plen;
            }
        }
        else if (type == ike::PAYLOAD_TSI || type == ike::PAYLOAD_TSR)
        {
            fields.push_back({FieldKind::SELECTOR_COUNT, off + 4, 1, b[off + 4], 0, off, type});
            for (std::size_t s = off + 8; s < end; s += Be16(b, s + 2))
            {
                fields.push_back(
                    {FieldKind::SELECTOR_LENGTH, s + 2, 2, Be16(b, s + 2), 0, off, type});
            }
        }
        else if (type == ike::PAYLOAD_DELETE)
        {
            fields.push_back({FieldKind::DELETE_COUNT, off + 6, 2, Be16(b, off + 6), 0, off, type});
        }
        else if (type == ike::PAYLOAD_NOTIFY)
        {
            fields.push_back(
                {FieldKind::NOTIFY_SPI_SIZE, off + 5, 1, b[off + 5], len - 8u, off, type});
        }
        if (type == ike::PAYLOAD_SK)
        {
            break; // its Next Payload names the first inner payload
        }
        off = end;
        type = next;
    }
    return fields;
}

/** A lie and what the parser must say about it. */
struct Lie
{
    uint32_t value;                     //!< the lying value
    std::set<IkeParseError> acceptable; //!< the named errors it may give
    bool atStructure;                   //!< the error must point at the field's payload
};

/**
 * \param f a field
 * \return the lies to tell in it and the errors each must give
 */
std::vector<Lie>
LiesFor(const Field& f)
{
    using E = IkeParseError;
    const uint32_t v = f.value;
    const uint32_t max = f.size == 1 ? 0xff : (f.size == 2 ? 0xffff : 0xffffffff);
    std::vector<Lie> lies;
    auto exact = [&lies](uint32_t value, E e)
    {
        lies.push_back({value, {e}, true});
    };
    switch (f.kind)
    {
        case FieldKind::HEADER_LENGTH:
            for (uint32_t x : {0u, 27u, 28u, v - 1, v + 1, max})
            {
                lies.push_back({x, {E::LENGTH_MISMATCH}, false});
            }
            break;
        case FieldKind::PAYLOAD_LENGTH:
            for (uint32_t x : {0u, 1u, 2u, 3u, uint32_t(f.room + 1), max})
            {
                exact(x, E::BAD_LENGTH);
            }
            // One off: the payload's body or the next payload header no longer fits.
            lies.push_back({v - 1,
                            {E::BAD_LENGTH,
                             E::TRUNCATED,
                             E::TRAILING_DATA,
                             E::PAYLOAD_TOO_SHORT,
                             E::BAD_PROPOSAL,
                             E::BAD_TRANSFORM,
                             E::BAD_ATTRIBUTE,
                             E::BAD_SPI_SIZE,
                             E::BAD_TRAFFIC_SELECTOR,
                             E::BAD_NONCE_LENGTH,
                             E::SK_NOT_LAST},
                            false});
            if (v + 1 > f.room)
            {
                exact(v + 1, E::BAD_LENGTH);
            }
            else
            {
                lies.push_back({v + 1,
                                {E::BAD_LENGTH,
                                 E::TRUNCATED,
                                 E::PAYLOAD_TOO_SHORT,
                                 E::BAD_PROPOSAL,
                                 E::BAD_TRANSFORM,
                                 E::BAD_ATTRIBUTE,
                                 E::BAD_SPI_SIZE,
                                 E::BAD_TRAFFIC_SELECTOR,
                                 E::BAD_NONCE_LENGTH,
                                 E::SK_NOT_LAST,
                                 E::UNSUPPORTED_CRITICAL_PAYLOAD},
                                false});
            }
            break;
        case FieldKind::PROPOSAL_LENGTH:
            for (uint32_t x : {0u, 7u, uint32_t(f.room + 1), max})
            {
                exact(x, E::BAD_PROPOSAL);
            }
            for (uint32_t x : {v - 1, v + 1})
            {
                lies.push_back({x, {E::BAD_PROPOSAL, E::BAD_TRANSFORM, E::BAD_ATTRIBUTE}, true});
            }
            break;
        case FieldKind::TRANSFORM_LENGTH:
            for (uint32_t x : {0u, 7u, uint32_t(f.room + 1), max})
            {
                exact(x, E::BAD_TRANSFORM);
            }
            for (uint32_t x : {v - 1, v + 1})
            {
                lies.push_back({x, {E::BAD_PROPOSAL, E::BAD_TRANSFORM, E::BAD_ATTRIBUTE}, true});
            }
            break;
        case FieldKind::TRANSFORM_COUNT:
            exact(0, E::BAD_PROPOSAL);      // transforms left over
            exact(v - 1, E::BAD_TRANSFORM); // the new last one is marked "more"
            exact(v + 1, E::BAD_TRANSFORM); // no room for one more
            exact(max, E::BAD_TRANSFORM);
            break;
        case FieldKind::SELECTOR_COUNT:
        case FieldKind::SELECTOR_LENGTH:
            for (uint32_t x : {0u, v - 1, v + 1, max})
            {
                exact(x, E::BAD_TRAFFIC_SELECTOR);
            }
            break;
        case FieldKind::DELETE_COUNT:
            for (uint32_t x : {0u, v - 1, v + 1, max})
            {
                if (x != v)
                {
                    exact(x, E::BAD_SPI_SIZE);
                }
            }
            break;
        case FieldKind::NOTIFY_SPI_SIZE:
            exact(uint32_t(f.room + 1), E::BAD_SPI_SIZE);
            exact(max, E::BAD_SPI_SIZE);
            break;
    }
    return lies;
}

/**
 * \param b bytes
 * \param f field
 * \param value value to write there
 */
void
Write(std::vector<uint8_t>& b, const Field& f, uint32_t value)
{
    for (std::size_t i = 0; i < f.size; ++i)
    {
        b[f.offset + i] = static_cast<uint8_t>(value >> (8 * (f.size - 1 - i)));
    }
}

/** A chain under test: a whole message, or the inner chain of an SK payload. */
struct Subject
{
    std::string name;          //!< for messages
    std::vector<uint8_t> wire; //!< the valid bytes
    bool whole;                //!< a message (Parse) or a bare chain (ParsePayloads)
    uint8_t first;             //!< first payload type of a bare chain
};

/** \param s subject \param b bytes \return the parse outcome */
IkeParseResult
ParseSubject(const Subject& s, const std::vector<uint8_t>& b)
{
    if (s.whole)
    {
        return IkeMessage::Parse(b.data(), b.size());
    }
    std::vector<IkePayload> payloads;
    return IkeMessage::ParsePayloads(s.first, b.data(), b.size(), payloads);
}

/** \return the messages and chains the tests abuse */
std::vector<Subject>
Subjects()
{
    std::vector<IkePayload> inner = tcpencaptest::MakeAuthInnerPayloads();
    return {
        {"IKE_SA_INIT request", tcpencaptest::MakeSaInitRequest().Serialize(), true, 0},
        {"IKE_AUTH request", tcpencaptest::MakeAuthRequest().Serialize(), true, 0},
        {"IKE_AUTH inner chain", IkeMessage::SerializePayloads(inner), false, inner.front().type},
    };
}

/** \param s subject \param[out] starts payload offsets \return its fields */
std::vector<Field>
FieldsOf(const Subject& s, std::vector<std::size_t>& starts)
{
    if (!s.whole)
    {
        return WalkChain(s.wire, 0, s.first, starts);
    }
    std::vector<Field> fields = WalkChain(s.wire, IkeHeader::SIZE, s.wire[16], starts);
    fields.insert(fields.begin(),
                  Field{FieldKind::HEADER_LENGTH, 24, 4, uint32_t(s.wire.size()), 0, 0, 0});
    return fields;
}

/** Every cut point: of the bytes, and of the bytes with a header that agrees with the cut. */
class TruncationTest : public TestCase
{
  public:
    TruncationTest()
        : TestCase("every truncation is refused with its named error")
    {
    }

  private:
    void
    DoRun() override
    {
        for (const Subject& s : Subjects())
        {
            std::vector<std::size_t> starts;
            std::vector<Field> fields = FieldsOf(s, starts);
            NS_TEST_ASSERT_MSG_EQ(ParseSubject(s, s.wire).error, IkeParseError::OK, s.name);
            for (std::size_t cut = 0; cut < s.wire.size(); ++cut)
            {
                std::vector<uint8_t> b(s.wire.begin(), s.wire.begin() + cut);
                // The payload the cut falls in: TRUNCATED inside its 4-byte generic header (or
                // at its very start), BAD_LENGTH inside its body (its length runs past the end).
                std::size_t in = 0;
                for (std::size_t p : starts)
                {
                    if (p <= cut)
                    {
                        in = p;
                    }
                }
                const IkeParseError chainError = cut - in < IkeMessage::PAYLOAD_HEADER_SIZE
                                                     ? IkeParseError::TRUNCATED
                                                     : IkeParseError::BAD_LENGTH;
                if (!s.whole)
                {
                    NS_TEST_ASSERT_MSG_EQ(
                        ParseSubject(s, b).error, chainError, s.name << " cut at " << cut);
                    continue;
                }
                IkeParseResult r = ParseSubject(s, b);
                NS_TEST_ASSERT_MSG_EQ(r.error,
                                      (cut < IkeHeader::SIZE ? IkeParseError::TRUNCATED
                                                             : IkeParseError::LENGTH_MISMATCH),
                                      s.name << " cut at " << cut);
                if (cut >= IkeHeader::SIZE)
                {
                    Write(b, fields.front(), static_cast<uint32_t>(cut));
                    r = ParseSubject(s, b);
                    NS_TEST_ASSERT_MSG_EQ(
                        r.error, chainError, s.name << " cut at " << cut << ", Length agreeing");
                    NS_TEST_ASSERT_MSG_EQ(r.offset, in, s.name << " error offset, cut " << cut);
                }
            }
        }
    }
};

/** Every length and count field, one lie at a time. */
class LengthLieTest : public TestCase
{
  public:
    LengthLieTest()
        : TestCase("every length or count field that lies is refused with its named error")
    {
    }

  private:
    void
    DoRun() override
    {
        for (const Subject& s : Subjects())
        {
            std::vector<std::size_t> starts;
            std::vector<Field> fields = FieldsOf(s, starts);
            NS_TEST_ASSERT_MSG_GT(fields.size(), 1, s.name << " has fields to lie in");
            unsigned lies = 0;
            for (const Field& f : fields)
            {
                for (const Lie& lie : LiesFor(f))
                {
                    if (lie.value == f.value)
                    {
                        continue;
                    }
                    std::vector<uint8_t> b = s.wire;
                    Write(b, f, lie.value);
                    IkeParseResult r = ParseSubject(s, b);
                    ++lies;
                    NS_TEST_ASSERT_MSG_EQ(lie.acceptable.count(r.error),
                                          1,
                                          s.name << ": field kind " << int(f.kind) << " at "
                                                 << f.offset << " = " << lie.value << " (true "
                                                 << f.value << ") gave " << r.error);
                    if (lie.atStructure)
                    {
                        NS_TEST_ASSERT_MSG_EQ(r.offset,
                                              f.structure,
                                              s.name << ": error located at field's payload, "
                                                     << f.offset);
                        NS_TEST_ASSERT_MSG_EQ(unsigned(r.payloadType),
                                              unsigned(f.payloadType),
                                              s.name << ": payload type of " << f.offset);
                    }
                }
            }
            NS_TEST_ASSERT_MSG_GT(lies, 10 * fields.size() / 2, s.name << " lies told");
        }
    }
};

/**
 * \param s subject
 * \param b bytes that parsed
 * \return whether re-serializing the result gives a message that parses to the same
 */
bool
StableRoundTrip(const Subject& s, const std::vector<uint8_t>& b)
{
    if (s.whole)
    {
        IkeParseResult r = IkeMessage::Parse(b);
        std::vector<uint8_t> again = r.message.Serialize();
        IkeParseResult r2 = IkeMessage::Parse(again);
        return r2.IsOk() && r2.message == r.message && again.size() == b.size();
    }
    std::vector<IkePayload> p;
    IkeMessage::ParsePayloads(s.first, b.data(), b.size(), p);
    std::vector<uint8_t> again = IkeMessage::SerializePayloads(p);
    std::vector<IkePayload> p2;
    return IkeMessage::ParsePayloads(s.first, again.data(), again.size(), p2).IsOk() && p == p2
           && again.size() == b.size();
}

/** Every byte replaced by every value; and random multi-byte mutations. */
class MutationTest : public TestCase
{
  public:
    MutationTest()
        : TestCase("every byte with every value, and random mutations: no crash, stable")
    {
    }

  private:
    void
    DoRun() override
    {
        for (const Subject& s : Subjects())
        {
            unsigned accepted = 0;
            for (std::size_t i = 0; i < s.wire.size(); ++i)
            {
                std::vector<uint8_t> b = s.wire;
                for (unsigned v = 0; v < 256; ++v)
                {
                    b[i] = static_cast<uint8_t>(v);
                    IkeParseResult r = ParseSubject(s, b);
                    NS_TEST_ASSERT_MSG_LT(static_cast<int>(r.error),
                                          static_cast<int>(IkeParseError::COUNT),
                                          "an error from the list");
                    if (r.IsOk())
                    {
                        ++accepted;
                        NS_TEST_ASSERT_MSG_EQ(
                            StableRoundTrip(s, b), true, s.name << " byte " << i << " = " << v);
                    }
                }
            }
            NS_TEST_ASSERT_MSG_GT(accepted, s.wire.size(), s.name << ": data bytes stay valid");

            std::mt19937 rng(12345);
            for (int n = 0; n < 20000; ++n)
            {
                std::vector<uint8_t> b = s.wire;
                const int changes = 1 + static_cast<int>(rng() % 4);
                for (int c = 0; c < changes; ++c)
                {
                    b[rng() % b.size()] = static_cast<uint8_t>(rng());
                }
                if (rng() % 4 == 0)
                {
                    b.resize(rng() % (b.size() + 16), static_cast<uint8_t>(rng()));
                }
                IkeParseResult r = ParseSubject(s, b);
                if (r.IsOk())
                {
                    NS_TEST_ASSERT_MSG_EQ(StableRoundTrip(s, b), true, s.name << " mutation " << n);
                }
            }
        }
    }
};

/** The robustness suite. */
class IkeParseRobustnessTestSuite : public TestSuite
{
  public:
    IkeParseRobustnessTestSuite()
        : TestSuite("tcp-encap-ike-parse-robustness", Type::UNIT)
    {
        AddTestCase(new TruncationTest(), TestCase::Duration::QUICK);
        AddTestCase(new LengthLieTest(), TestCase::Duration::QUICK);
        AddTestCase(new MutationTest(), TestCase::Duration::QUICK);
    }
};

IkeParseRobustnessTestSuite g_ikeParseRobustnessTestSuite; //!< registers the suite

} // namespace
