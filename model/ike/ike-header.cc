/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-header.h"

#include "ns3/ike-wire.h"
#include "ns3/log.h"

#include <tuple>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeHeader");

bool
IkeHeader::IsInitiator() const
{
    NS_LOG_FUNCTION(this);
    return (flags & ike::FLAG_INITIATOR) != 0;
}

bool
IkeHeader::IsResponse() const
{
    NS_LOG_FUNCTION(this);
    return (flags & ike::FLAG_RESPONSE) != 0;
}

uint8_t
IkeHeader::GetMajorVersion() const
{
    NS_LOG_FUNCTION(this);
    return version >> 4;
}

void
IkeHeader::Serialize(std::vector<uint8_t>& out) const
{
    NS_LOG_FUNCTION(this);
    IkeWriter w(out);
    w.WriteU64(spiI);
    w.WriteU64(spiR);
    w.WriteU8(nextPayload);
    w.WriteU8(version);
    w.WriteU8(exchangeType);
    w.WriteU8(flags);
    w.WriteU32(messageId);
    w.WriteU32(length);
}

IkeParseError
IkeHeader::Parse(const uint8_t* data, std::size_t size)
{
    NS_LOG_FUNCTION(this);
    if (size < SIZE)
    {
        return IkeParseError::TRUNCATED;
    }
    IkeReader r(data, size);
    r.ReadU64(spiI);
    r.ReadU64(spiR);
    r.ReadU8(nextPayload);
    r.ReadU8(version);
    r.ReadU8(exchangeType);
    r.ReadU8(flags);
    r.ReadU32(messageId);
    r.ReadU32(length);
    // §2.5: a major version above ours is answered with INVALID_MAJOR_VERSION; the minor
    // version is ignored.
    return GetMajorVersion() == 2 ? IkeParseError::OK : IkeParseError::BAD_VERSION;
}

bool
operator==(const IkeHeader& a, const IkeHeader& b)
{
    return std::tie(a.spiI,
                    a.spiR,
                    a.nextPayload,
                    a.version,
                    a.exchangeType,
                    a.flags,
                    a.messageId,
                    a.length)
           == std::tie(b.spiI,
                       b.spiR,
                       b.nextPayload,
                       b.version,
                       b.exchangeType,
                       b.flags,
                       b.messageId,
                       b.length);
}

std::ostream&
operator<<(std::ostream& os, const IkeHeader& h)
{
    return os << std::hex << "SPIi=" << h.spiI << " SPIr=" << h.spiR << std::dec
              << " exchange=" << unsigned(h.exchangeType) << " flags=0x" << std::hex
              << unsigned(h.flags) << std::dec << " mid=" << h.messageId << " length=" << h.length;
}

} // namespace ns3
