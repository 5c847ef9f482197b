/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "esp-status.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EspStatus");

const char*
ToString(EspStatus s)
{
    switch (s)
    {
        case EspStatus::OK:
            return "ok";
        case EspStatus::SEQUENCE_EXHAUSTED:
            return "sequence-exhausted";
        case EspStatus::NO_POLICY:
            return "no-policy";
        case EspStatus::MALFORMED:
            return "malformed";
        case EspStatus::UNKNOWN_SPI:
            return "unknown-spi";
        case EspStatus::TOO_OLD:
            return "too-old";
        case EspStatus::REPLAY:
            return "replay";
        case EspStatus::ICV_FAILURE:
            return "icv-failure";
        case EspStatus::BAD_PADDING:
            return "bad-padding";
        case EspStatus::UNSUPPORTED_NEXT_HEADER:
            return "unsupported-next-header";
        case EspStatus::TRANSPORT_REFUSED:
            return "transport-refused";
        case EspStatus::CRYPTO_ERROR:
            return "crypto-error";
        case EspStatus::COUNT:
            break;
    }
    return "invalid";
}

std::ostream&
operator<<(std::ostream& os, EspStatus s)
{
    return os << ToString(s);
}

uint64_t
EspCounters::GetDrops() const
{
    uint64_t drops = 0;
    for (std::size_t i = 1; i < m_counts.size(); ++i)
    {
        drops += m_counts[i];
    }
    return drops;
}

void
EspCounters::Add(const EspCounters& other)
{
    NS_LOG_FUNCTION(this);
    for (std::size_t i = 0; i < m_counts.size(); ++i)
    {
        m_counts[i] += other.m_counts[i];
    }
}

} // namespace ns3
