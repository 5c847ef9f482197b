/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// libFuzzer target: StreamDeframer (RFC 9329 §3 and draft-03 framing) on arbitrary bytes cut
// at fuzzer-chosen places.
//
// Input: byte 0 selects the framing (bit 0) and the maximum Length (bits 1-2); byte 1 is the
// number n of chunk-size bytes that follow (0-31); the rest is the stream. Invariants, checked
// with abort() so that libFuzzer reports them:
//  - every message is at most as long as the bytes pushed so far, and at most the maximum
//    Length minus the Length field;
//  - the messages plus their Length fields never exceed the input;
//  - one push of the whole stream and the chunked pushes give the same messages, the same
//    status and the same counters, and both agree with a plain reference parser;
//  - after a fatal status nothing more is handed up.
#include "fuzz-check.h"

#include "ns3/stream-framing.h"

#include <cstdint>
#include <cstring>
#include <vector>

using namespace ns3;

namespace
{

/** Messages a deframer handed up, copied (each read checks the pointer under ASan). */
struct Sink
{
    std::vector<std::vector<uint8_t>> messages; //!< in order
    uint64_t pushed{0};                         //!< bytes pushed so far
    uint32_t maxMessage{0};                     //!< largest message allowed

    /** \param data a message \param size its size */
    void
    Receive(const uint8_t* data, uint32_t size)
    {
        FUZZ_CHECK(size <= pushed, "message longer than the bytes pushed");
        FUZZ_CHECK(size <= maxMessage, "message longer than the maximum Length allows");
        FUZZ_CHECK(size > 0 && data != nullptr, "empty message handed up");
        messages.emplace_back(data, data + size);
    }
};

/** Result of the reference parser. */
struct Reference
{
    std::vector<std::vector<uint8_t>> messages; //!< delivered
    uint64_t shortFrames{0};                    //!< Length 2..6 (rfc9329) or 4..8 (draft-03)
    StreamDeframer::Status status{StreamDeframer::OK};
    bool partial{false}; //!< stream ends inside a frame
};

/** The framing rules written as plainly as possible, on the whole stream. */
Reference
Parse(const uint8_t* p, size_t n, uint32_t field, uint32_t maxLength)
{
    Reference r;
    size_t at = 0;
    while (at < n)
    {
        if (n - at < field)
        {
            r.partial = true;
            break;
        }
        uint32_t length = 0;
        for (uint32_t i = 0; i < field; ++i)
        {
            length = length << 8 | p[at + i];
        }
        if (length < field)
        {
            r.status = StreamDeframer::BAD_LENGTH;
            break;
        }
        if (length > maxLength)
        {
            r.status = StreamDeframer::TOO_LONG;
            break;
        }
        if (n - at < length)
        {
            r.partial = true;
            break;
        }
        if (length - field <= 4)
        {
            ++r.shortFrames;
        }
        else
        {
            r.messages.emplace_back(p + at + field, p + at + length);
        }
        at += length;
    }
    return r;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 2)
    {
        return 0;
    }
    const FramingVariant variant = (data[0] & 1) ? FRAMING_DRAFT03 : FRAMING_RFC9329;
    static const uint32_t maxima[4] = {65535, 1500, 11, 300};
    const uint32_t maxLength = maxima[(data[0] >> 1) & 3];
    const uint32_t field = GetLengthFieldSize(variant);
    size_t nSizes = std::min<size_t>(data[1] & 31, size - 2);
    const uint8_t* sizes = data + 2;
    const uint8_t* stream = data + 2 + nSizes;
    const size_t n = size - 2 - nSizes;

    // One push of the whole stream (from an exact-size copy, so ASan sees any overread).
    std::vector<uint8_t> whole(stream, stream + n);
    Sink one;
    one.maxMessage = maxLength - field;
    one.pushed = n;
    StreamDeframer a(variant, maxLength);
    a.SetMessageCallback(MakeCallback(&Sink::Receive, &one));
    StreamDeframer::Status sa = a.Push(whole.data(), static_cast<uint32_t>(n));

    // The same bytes in chunks: sizes from the input, cycled; 0 means an empty push.
    Sink chunked;
    chunked.maxMessage = maxLength - field;
    StreamDeframer b(variant, maxLength);
    b.SetMessageCallback(MakeCallback(&Sink::Receive, &chunked));
    StreamDeframer::Status sb = StreamDeframer::OK;
    size_t at = 0;
    size_t k = 0;
    size_t messagesAtFatal = 0;
    bool fatal = false;
    while (at < n || (k < nSizes && at == n))
    {
        size_t chunk = nSizes == 0 ? n - at : std::min<size_t>(sizes[k % nSizes], n - at);
        ++k;
        std::vector<uint8_t> piece(stream + at, stream + at + chunk);
        chunked.pushed += chunk;
        sb = b.Push(piece.data(), static_cast<uint32_t>(chunk));
        at += chunk;
        if (sb != StreamDeframer::OK && !fatal)
        {
            fatal = true;
            messagesAtFatal = chunked.messages.size();
        }
        FUZZ_CHECK(!fatal || chunked.messages.size() == messagesAtFatal,
                   "a message after a fatal status");
        if (k > n + nSizes + 1)
        {
            break; // only zero-size chunks left
        }
    }
    // The rest, if the loop gave up on zero-size chunks.
    if (at < n)
    {
        chunked.pushed += n - at;
        sb = b.Push(stream + at, static_cast<uint32_t>(n - at));
    }

    Reference ref = Parse(stream, n, field, maxLength);
    FUZZ_CHECK(sa == sb, "status differs between one push and chunks");
    FUZZ_CHECK(sa == ref.status, "status differs from the reference parser");
    FUZZ_CHECK(one.messages == chunked.messages, "messages differ between one push and chunks");
    FUZZ_CHECK(one.messages == ref.messages, "messages differ from the reference parser");
    FUZZ_CHECK(a.GetMessages() == one.messages.size() && b.GetMessages() == a.GetMessages(),
               "message counters");
    FUZZ_CHECK(a.GetShortFrames() == ref.shortFrames && b.GetShortFrames() == ref.shortFrames,
               "short-frame counters");
    if (sa == StreamDeframer::OK)
    {
        FUZZ_CHECK(a.HasPartialFrame() == ref.partial && b.HasPartialFrame() == ref.partial,
                   "partial frame state");
    }
    uint64_t framed = 0;
    for (const auto& m : one.messages)
    {
        framed += m.size() + field;
    }
    FUZZ_CHECK(framed + ref.shortFrames * field <= n, "messages and framing exceed the input");

    // Fatal is sticky; Reset makes the deframer usable again.
    if (sa != StreamDeframer::OK)
    {
        size_t before = one.messages.size();
        FUZZ_CHECK(a.Push(whole.data(), static_cast<uint32_t>(n)) == sa, "fatal not sticky");
        FUZZ_CHECK(one.messages.size() == before, "a message after a fatal status");
        a.Reset();
        FUZZ_CHECK(!a.HasPartialFrame(), "Reset left a partial frame");
    }
    return 0;
}
