/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-parse-error.h"

#include "ns3/ike-constants.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeParseError");

const char*
ToString(IkeParseError e)
{
    switch (e)
    {
        case IkeParseError::OK:
            return "ok";
        case IkeParseError::TRUNCATED:
            return "truncated";
        case IkeParseError::BAD_VERSION:
            return "bad-version";
        case IkeParseError::LENGTH_MISMATCH:
            return "length-mismatch";
        case IkeParseError::BAD_LENGTH:
            return "bad-length";
        case IkeParseError::TRAILING_DATA:
            return "trailing-data";
        case IkeParseError::SK_NOT_LAST:
            return "sk-not-last";
        case IkeParseError::PAYLOAD_TOO_SHORT:
            return "payload-too-short";
        case IkeParseError::UNSUPPORTED_CRITICAL_PAYLOAD:
            return "unsupported-critical-payload";
        case IkeParseError::BAD_PROPOSAL:
            return "bad-proposal";
        case IkeParseError::BAD_TRANSFORM:
            return "bad-transform";
        case IkeParseError::BAD_ATTRIBUTE:
            return "bad-attribute";
        case IkeParseError::BAD_SPI_SIZE:
            return "bad-spi-size";
        case IkeParseError::BAD_TRAFFIC_SELECTOR:
            return "bad-traffic-selector";
        case IkeParseError::BAD_NONCE_LENGTH:
            return "bad-nonce-length";
        case IkeParseError::COUNT:
            break;
    }
    return "unknown";
}

std::ostream&
operator<<(std::ostream& os, IkeParseError e)
{
    return os << ToString(e);
}

uint16_t
GetNotifyType(IkeParseError e)
{
    switch (e)
    {
        case IkeParseError::BAD_VERSION:
            return ike::INVALID_MAJOR_VERSION;
        case IkeParseError::UNSUPPORTED_CRITICAL_PAYLOAD:
            return ike::UNSUPPORTED_CRITICAL_PAYLOAD;
        default:
            return ike::INVALID_SYNTAX;
    }
}

} // namespace ns3
