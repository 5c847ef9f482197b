/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// libFuzzer target: the IKEv2 message decoder (RFC 7296 §3), IkeMessage::Parse.
//
// Invariants: no crash; an input is accepted or refused with a named error at an offset
// inside it; for an accepted input x, y = Serialize(Parse(x)) has the size of x, parses to
// the same message, and is a fixed point: Serialize(Parse(y)) == y. x and y differ at most in
// reserved bits, which a receiver ignores and a sender writes as zero (RFC 7296 §3); with
// TCP_ENCAP_FUZZ_STRICT_IKE defined the target asserts Serialize(Parse(x)) == x itself.
#include "fuzz-check.h"

#include "ns3/ike-message.h"

#include <cstdint>
#include <vector>

using namespace ns3;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::vector<uint8_t> x(data, data + size); // exact size: ASan sees any overread
    IkeParseResult r = IkeMessage::Parse(x.data(), x.size());
    FUZZ_CHECK(r.error < IkeParseError::COUNT, "an outcome without a name");
    if (!r.IsOk())
    {
        FUZZ_CHECK(r.offset <= size, "an error offset outside the input");
        return 0;
    }
    std::vector<uint8_t> y = r.message.Serialize();
    FUZZ_CHECK(y.size() == x.size(), "Serialize(Parse(x)) changed the size");
    FUZZ_CHECK(r.message.GetSerializedSize() == y.size(), "GetSerializedSize disagrees");
#ifdef TCP_ENCAP_FUZZ_STRICT_IKE
    FUZZ_CHECK(y == x, "Serialize(Parse(x)) != x");
#endif
    IkeParseResult again = IkeMessage::Parse(y);
    FUZZ_CHECK(again.IsOk(), "Serialize produced what Parse refuses");
    FUZZ_CHECK(again.message == r.message, "Parse(Serialize(m)) != m");
    FUZZ_CHECK(again.message.Serialize() == y, "Serialize(Parse(y)) != y");
    return 0;
}
