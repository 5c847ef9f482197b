/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// libFuzzer target: EspSa::Open with a fixed SA (RFC 4303, RFC 4106).
//
// Byte 0 chooses the mode:
//  - even: the rest is a received ESP packet. Whatever the outcome, exactly one counter moves.
//    An input that opens must be a genuine packet: sealing what came out again, with the same
//    sequence number, gives the input byte for byte (random bytes never pass the ICV).
//  - odd: the rest drives a mutation. A packet is sealed with the fixed SA (payload size from
//    bytes 1-2), then changed: (position, xor) pairs from the input, optionally truncated or
//    extended. A changed packet never opens and its drop is counted; an unchanged one opens to
//    the original payload.
// The fixed keys are those of fuzz/make-corpus.cc, so the simulator's packets in the seed
// corpus are genuine.
#include "fuzz-check.h"
#include "fuzz-keys.h"

#include "ns3/esp-sa.h"
#include "ns3/packet.h"

#include <algorithm>
#include <cstdint>
#include <vector>

using namespace ns3;

namespace
{

/** \param spi SPI \return an SA with the fixed keys */
EspSaParams
Params(uint32_t spi)
{
    EspSaParams p;
    p.spi = spi;
    p.cipher = EspCipher::AES_GCM_16_128;
    p.keyMaterial = tcpencapfuzz::ClientToGatewayKeys();
    return p;
}

/** \param c counters \return their sum over every status */
uint64_t
Total(const EspCounters& c)
{
    uint64_t t = 0;
    for (std::size_t s = 0; s < static_cast<std::size_t>(EspStatus::COUNT); ++s)
    {
        t += c.Get(static_cast<EspStatus>(s));
    }
    return t;
}

/** \param p a packet \return its bytes */
std::vector<uint8_t>
Bytes(Ptr<const Packet> p)
{
    std::vector<uint8_t> v(p->GetSize());
    p->CopyData(v.data(), v.size());
    return v;
}

void
OpenRandom(const uint8_t* data, size_t size)
{
    // The SA takes the input's SPI, when it has one, so that more than the SPI check is
    // reached (the mutating mode covers a wrong SPI).
    uint32_t spi = tcpencapfuzz::CLIENT_TO_GATEWAY_SPI;
    if (size >= 4 && (data[0] | data[1] | data[2] | data[3]) != 0)
    {
        spi = uint32_t{data[0]} << 24 | uint32_t{data[1]} << 16 | uint32_t{data[2]} << 8 | data[3];
    }
    EspSa sa(Params(spi));
    std::vector<uint8_t> packet(data, data + size); // exact size: ASan sees any overread
    Ptr<Packet> inner;
    uint8_t nextHeader = 0;
    EspStatus status = sa.Open(packet.data(), packet.size(), inner, nextHeader);
    FUZZ_CHECK(Total(sa.GetCounters()) == 1, "one Open, one counter");
    FUZZ_CHECK(sa.GetCounters().Get(status) == 1, "the outcome is the one counted");
    if (status != EspStatus::OK)
    {
        return;
    }
    FUZZ_CHECK(inner, "OK without a payload");
    uint32_t seq = uint32_t{packet[4]} << 24 | uint32_t{packet[5]} << 16 | uint32_t{packet[6]} << 8
                   | packet[7];
    EspSa again(Params(spi));
    again.SetNextSequence(seq);
    Ptr<Packet> resealed;
    FUZZ_CHECK(again.Seal(inner, nextHeader, resealed) == EspStatus::OK, "reseal");
    FUZZ_CHECK(Bytes(resealed) == packet, "a packet opened that the SA did not seal");
    // The same packet again is a replay.
    FUZZ_CHECK(sa.Open(packet.data(), packet.size(), inner, nextHeader) == EspStatus::REPLAY,
               "a replay opened");
}

void
OpenMutated(const uint8_t* data, size_t size)
{
    if (size < 3)
    {
        return;
    }
    uint32_t payloadSize = (uint32_t{data[0]} << 8 | data[1]) % 1600;
    std::vector<uint8_t> payload(payloadSize);
    for (uint32_t i = 0; i < payloadSize; ++i)
    {
        payload[i] = static_cast<uint8_t>(i * 13 + 7);
    }
    EspSa out(Params(tcpencapfuzz::CLIENT_TO_GATEWAY_SPI));
    out.SetNextSequence(1 + data[2]);
    Ptr<Packet> esp;
    FUZZ_CHECK(out.Seal(Create<Packet>(payload.data(), payloadSize), EspSa::NEXT_HEADER_IPV4, esp)
                   == EspStatus::OK,
               "seal");
    const std::vector<uint8_t> original = Bytes(esp);
    std::vector<uint8_t> changed = original;
    // Byte 3: 0xFF truncates to byte 4's length, 0xFE appends byte 4's count of bytes.
    size_t at = 3;
    if (size >= 5 && data[3] == 0xFF)
    {
        changed.resize(std::min<size_t>(changed.size(), data[4]));
        at = 5;
    }
    else if (size >= 5 && data[3] == 0xFE)
    {
        changed.insert(changed.end(), data[4], 0);
        at = 5;
    }
    for (; at + 2 < size && !changed.empty(); at += 3)
    {
        size_t pos = (size_t{data[at]} << 8 | data[at + 1]) % changed.size();
        changed[pos] ^= data[at + 2];
    }
    std::vector<uint8_t> packet(changed); // exact size
    EspSa in(Params(tcpencapfuzz::CLIENT_TO_GATEWAY_SPI));
    Ptr<Packet> inner;
    uint8_t nextHeader = 0;
    EspStatus status = in.Open(packet.data(), packet.size(), inner, nextHeader);
    FUZZ_CHECK(Total(in.GetCounters()) == 1 && in.GetCounters().Get(status) == 1,
               "the outcome is counted once");
    if (changed == original)
    {
        FUZZ_CHECK(status == EspStatus::OK, "an unchanged packet did not open");
        FUZZ_CHECK(Bytes(inner) == payload && nextHeader == EspSa::NEXT_HEADER_IPV4,
                   "opened to something else");
    }
    else
    {
        FUZZ_CHECK(status != EspStatus::OK, "a changed packet opened");
        FUZZ_CHECK(in.GetCounters().GetDrops() == 1, "the drop is counted");
    }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
    {
        return 0;
    }
    if (data[0] & 1)
    {
        OpenMutated(data + 1, size - 1);
    }
    else
    {
        OpenRandom(data + 1, size - 1);
    }
    return 0;
}
