/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-payloads.h"

#include "ns3/abort.h"
#include "ns3/ike-wire.h"
#include "ns3/log.h"

#include <tuple>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkePayloads");

namespace
{

/**
 * \param tsType a TS Type
 * \return its address size, 0 if unknown
 */
std::size_t
AddressSize(uint8_t tsType)
{
    switch (tsType)
    {
        case ike::TS_IPV4_ADDR_RANGE:
            return 4;
        case ike::TS_IPV6_ADDR_RANGE:
            return 16;
        default:
            return 0;
    }
}

constexpr std::size_t TS_FIXED = 8; //!< TS Type, IP Protocol, Selector Length, ports

} // namespace

// §3.4: Diffie-Hellman Group Num(2) | RESERVED(2) | Key Exchange Data.
void
IkeKePayload::SerializeBody(std::vector<uint8_t>& out) const
{
    NS_LOG_FUNCTION(this);
    IkeWriter w(out);
    w.WriteU16(dhGroup);
    w.WriteU16(0);
    w.WriteBytes(data);
}

IkeParseError
IkeKePayload::ParseBody(const uint8_t* bytes, std::size_t size)
{
    NS_LOG_FUNCTION(this);
    IkeReader r(bytes, size);
    if (!r.ReadU16(dhGroup) || !r.Skip(2))
    {
        return IkeParseError::PAYLOAD_TOO_SHORT;
    }
    r.ReadBytes(r.GetRemaining(), data);
    return IkeParseError::OK;
}

// §3.5: ID Type(1) | RESERVED(3) | Identification Data.
std::vector<uint8_t>
IkeIdPayload::GetBody() const
{
    NS_LOG_FUNCTION(this);
    std::vector<uint8_t> out;
    SerializeBody(out);
    return out;
}

void
IkeIdPayload::SerializeBody(std::vector<uint8_t>& out) const
{
    NS_LOG_FUNCTION(this);
    IkeWriter w(out);
    w.WriteU8(idType);
    w.WriteU8(0);
    w.WriteU16(0);
    w.WriteBytes(data);
}

IkeParseError
IkeIdPayload::ParseBody(const uint8_t* bytes, std::size_t size)
{
    NS_LOG_FUNCTION(this);
    IkeReader r(bytes, size);
    if (!r.ReadU8(idType) || !r.Skip(3))
    {
        return IkeParseError::PAYLOAD_TOO_SHORT;
    }
    r.ReadBytes(r.GetRemaining(), data);
    return IkeParseError::OK;
}

// §3.6, §3.7: Cert Encoding(1) | data.
void
IkeCertPayload::SerializeBody(std::vector<uint8_t>& out) const
{
    NS_LOG_FUNCTION(this);
    IkeWriter w(out);
    w.WriteU8(encoding);
    w.WriteBytes(data);
}

IkeParseError
IkeCertPayload::ParseBody(const uint8_t* bytes, std::size_t size)
{
    NS_LOG_FUNCTION(this);
    IkeReader r(bytes, size);
    if (!r.ReadU8(encoding))
    {
        return IkeParseError::PAYLOAD_TOO_SHORT;
    }
    r.ReadBytes(r.GetRemaining(), data);
    return IkeParseError::OK;
}

// §3.8: Auth Method(1) | RESERVED(3) | Authentication Data.
void
IkeAuthPayload::SerializeBody(std::vector<uint8_t>& out) const
{
    NS_LOG_FUNCTION(this);
    IkeWriter w(out);
    w.WriteU8(method);
    w.WriteU8(0);
    w.WriteU16(0);
    w.WriteBytes(data);
}

IkeParseError
IkeAuthPayload::ParseBody(const uint8_t* bytes, std::size_t size)
{
    NS_LOG_FUNCTION(this);
    IkeReader r(bytes, size);
    if (!r.ReadU8(method) || !r.Skip(3))
    {
        return IkeParseError::PAYLOAD_TOO_SHORT;
    }
    r.ReadBytes(r.GetRemaining(), data);
    return IkeParseError::OK;
}

// §3.9: Nonce Data, 16 to 256 bytes.
void
IkeNoncePayload::SerializeBody(std::vector<uint8_t>& out) const
{
    NS_LOG_FUNCTION(this);
    out.insert(out.end(), data.begin(), data.end());
}

IkeParseError
IkeNoncePayload::ParseBody(const uint8_t* bytes, std::size_t size)
{
    NS_LOG_FUNCTION(this);
    if (size < ike::NONCE_MIN || size > ike::NONCE_MAX)
    {
        return IkeParseError::BAD_NONCE_LENGTH;
    }
    data.assign(bytes, bytes + size);
    return IkeParseError::OK;
}

// §3.10: Protocol ID(1) | SPI Size(1) | Notify Message Type(2) | SPI | Notification Data.
bool
IkeNotifyPayload::IsError() const
{
    NS_LOG_FUNCTION(this);
    return type < ike::FIRST_STATUS_NOTIFY;
}

void
IkeNotifyPayload::SerializeBody(std::vector<uint8_t>& out) const
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(spi.size() > 255, "Notify SPI longer than 255 bytes");
    IkeWriter w(out);
    w.WriteU8(protocolId);
    w.WriteU8(static_cast<uint8_t>(spi.size()));
    w.WriteU16(type);
    w.WriteBytes(spi);
    w.WriteBytes(data);
}

IkeParseError
IkeNotifyPayload::ParseBody(const uint8_t* bytes, std::size_t size)
{
    NS_LOG_FUNCTION(this);
    IkeReader r(bytes, size);
    uint8_t spiSize = 0;
    if (!r.ReadU8(protocolId) || !r.ReadU8(spiSize) || !r.ReadU16(type))
    {
        return IkeParseError::PAYLOAD_TOO_SHORT;
    }
    if (!r.ReadBytes(spiSize, spi))
    {
        return IkeParseError::BAD_SPI_SIZE;
    }
    r.ReadBytes(r.GetRemaining(), data);
    return IkeParseError::OK;
}

// §3.11: Protocol ID(1) | SPI Size(1) | Num of SPIs(2) | SPIs.
void
IkeDeletePayload::SerializeBody(std::vector<uint8_t>& out) const
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(spis.size() > 0xffff, "too many SPIs in one Delete payload");
    IkeWriter w(out);
    w.WriteU8(protocolId);
    w.WriteU8(spiSize);
    w.WriteU16(static_cast<uint16_t>(spis.size()));
    for (const auto& spi : spis)
    {
        NS_ABORT_MSG_IF(spi.size() != spiSize, "Delete payload SPI not of SPI Size");
        w.WriteBytes(spi);
    }
}

IkeParseError
IkeDeletePayload::ParseBody(const uint8_t* bytes, std::size_t size)
{
    NS_LOG_FUNCTION(this);
    IkeReader r(bytes, size);
    uint16_t count = 0;
    spis.clear();
    if (!r.ReadU8(protocolId) || !r.ReadU8(spiSize) || !r.ReadU16(count))
    {
        return IkeParseError::PAYLOAD_TOO_SHORT;
    }
    // The SPIs must fill the payload exactly.
    if (static_cast<std::size_t>(spiSize) * count != r.GetRemaining())
    {
        return IkeParseError::BAD_SPI_SIZE;
    }
    for (unsigned i = 0; i < count; ++i)
    {
        std::vector<uint8_t> spi;
        r.ReadBytes(spiSize, spi);
        spis.push_back(std::move(spi));
    }
    return IkeParseError::OK;
}

// §3.13.1: TS Type(1) | IP Protocol ID(1) | Selector Length(2) | Start Port(2) | End Port(2)
// | Starting Address | Ending Address.
IkeTrafficSelector
IkeTrafficSelector::Ipv4Range(
    Ipv4Address start, Ipv4Address end, uint8_t ipProtocol, uint16_t startPort, uint16_t endPort)
{
    NS_LOG_FUNCTION_NOARGS();
    IkeTrafficSelector ts;
    ts.tsType = ike::TS_IPV4_ADDR_RANGE;
    ts.ipProtocol = ipProtocol;
    ts.startPort = startPort;
    ts.endPort = endPort;
    ts.startAddress.resize(4);
    ts.endAddress.resize(4);
    start.Serialize(ts.startAddress.data());
    end.Serialize(ts.endAddress.data());
    return ts;
}

bool
IkeTrafficSelector::GetIpv4Range(Ipv4Address& start, Ipv4Address& end) const
{
    NS_LOG_FUNCTION(this);
    if (tsType != ike::TS_IPV4_ADDR_RANGE || startAddress.size() != 4 || endAddress.size() != 4)
    {
        return false;
    }
    start = Ipv4Address::Deserialize(startAddress.data());
    end = Ipv4Address::Deserialize(endAddress.data());
    return true;
}

void
IkeTsPayload::SerializeBody(std::vector<uint8_t>& out) const
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(selectors.size() > 255, "more than 255 traffic selectors");
    IkeWriter w(out);
    w.WriteU8(static_cast<uint8_t>(selectors.size()));
    w.WriteU8(0);
    w.WriteU16(0);
    for (const auto& ts : selectors)
    {
        NS_ABORT_MSG_IF(AddressSize(ts.tsType) == 0
                            || ts.startAddress.size() != AddressSize(ts.tsType)
                            || ts.endAddress.size() != AddressSize(ts.tsType),
                        "traffic selector addresses do not match its type");
        w.WriteU8(ts.tsType);
        w.WriteU8(ts.ipProtocol);
        w.WriteU16(static_cast<uint16_t>(TS_FIXED + 2 * ts.startAddress.size()));
        w.WriteU16(ts.startPort);
        w.WriteU16(ts.endPort);
        w.WriteBytes(ts.startAddress);
        w.WriteBytes(ts.endAddress);
    }
}

IkeParseError
IkeTsPayload::ParseBody(const uint8_t* bytes, std::size_t size)
{
    NS_LOG_FUNCTION(this);
    IkeReader r(bytes, size);
    uint8_t count = 0;
    selectors.clear();
    if (!r.ReadU8(count) || !r.Skip(3))
    {
        return IkeParseError::PAYLOAD_TOO_SHORT;
    }
    for (unsigned i = 0; i < count; ++i)
    {
        IkeTrafficSelector ts;
        uint16_t length = 0;
        if (!r.ReadU8(ts.tsType) || !r.ReadU8(ts.ipProtocol) || !r.ReadU16(length))
        {
            return IkeParseError::BAD_TRAFFIC_SELECTOR;
        }
        const std::size_t addressSize = AddressSize(ts.tsType);
        if (addressSize == 0 || length != TS_FIXED + 2 * addressSize || !r.ReadU16(ts.startPort)
            || !r.ReadU16(ts.endPort) || !r.ReadBytes(addressSize, ts.startAddress)
            || !r.ReadBytes(addressSize, ts.endAddress))
        {
            return IkeParseError::BAD_TRAFFIC_SELECTOR;
        }
        selectors.push_back(std::move(ts));
    }
    // Number of TSs must account for the whole payload.
    return r.GetRemaining() == 0 ? IkeParseError::OK : IkeParseError::BAD_TRAFFIC_SELECTOR;
}

IkePayload::IkePayload(uint8_t type, Body body, bool critical)
    : type(type)
    , critical(critical)
    , body(std::move(body))
{
    NS_LOG_FUNCTION(this);
}

bool
IkePayload::IsDecoded(uint8_t type)
{
    NS_LOG_FUNCTION_NOARGS();
    return (type >= ike::PAYLOAD_SA && type <= ike::PAYLOAD_DELETE)
           || (type >= ike::PAYLOAD_TSI && type <= ike::PAYLOAD_SK);
}

bool
IkePayload::IsUnderstood(uint8_t type)
{
    NS_LOG_FUNCTION_NOARGS();
    return IsDecoded(type) || type == ike::PAYLOAD_VENDOR;
}

bool
IkePayload::IsConsistent() const
{
    NS_LOG_FUNCTION(this);
    switch (type)
    {
        case ike::PAYLOAD_SA:
            return Get<IkeSaPayload>() != nullptr;
        case ike::PAYLOAD_KE:
            return Get<IkeKePayload>() != nullptr;
        case ike::PAYLOAD_IDI:
        case ike::PAYLOAD_IDR:
            return Get<IkeIdPayload>() != nullptr;
        case ike::PAYLOAD_CERT:
        case ike::PAYLOAD_CERTREQ:
            return Get<IkeCertPayload>() != nullptr;
        case ike::PAYLOAD_AUTH:
            return Get<IkeAuthPayload>() != nullptr;
        case ike::PAYLOAD_NONCE:
            return Get<IkeNoncePayload>() != nullptr;
        case ike::PAYLOAD_NOTIFY:
            return Get<IkeNotifyPayload>() != nullptr;
        case ike::PAYLOAD_DELETE:
            return Get<IkeDeletePayload>() != nullptr;
        case ike::PAYLOAD_TSI:
        case ike::PAYLOAD_TSR:
            return Get<IkeTsPayload>() != nullptr;
        case ike::PAYLOAD_SK:
            return Get<IkeSkPayload>() != nullptr;
        default:
            return type != ike::PAYLOAD_NONE && Get<IkeRawPayload>() != nullptr;
    }
}

bool
operator==(const IkeKePayload& a, const IkeKePayload& b)
{
    return std::tie(a.dhGroup, a.data) == std::tie(b.dhGroup, b.data);
}

bool
operator==(const IkeIdPayload& a, const IkeIdPayload& b)
{
    return std::tie(a.idType, a.data) == std::tie(b.idType, b.data);
}

bool
operator==(const IkeCertPayload& a, const IkeCertPayload& b)
{
    return std::tie(a.encoding, a.data) == std::tie(b.encoding, b.data);
}

bool
operator==(const IkeAuthPayload& a, const IkeAuthPayload& b)
{
    return std::tie(a.method, a.data) == std::tie(b.method, b.data);
}

bool
operator==(const IkeNoncePayload& a, const IkeNoncePayload& b)
{
    return a.data == b.data;
}

bool
operator==(const IkeNotifyPayload& a, const IkeNotifyPayload& b)
{
    return std::tie(a.protocolId, a.type, a.spi, a.data)
           == std::tie(b.protocolId, b.type, b.spi, b.data);
}

bool
operator==(const IkeDeletePayload& a, const IkeDeletePayload& b)
{
    return std::tie(a.protocolId, a.spiSize, a.spis) == std::tie(b.protocolId, b.spiSize, b.spis);
}

bool
operator==(const IkeTrafficSelector& a, const IkeTrafficSelector& b)
{
    return std::tie(a.tsType, a.ipProtocol, a.startPort, a.endPort, a.startAddress, a.endAddress)
           == std::tie(
               b.tsType, b.ipProtocol, b.startPort, b.endPort, b.startAddress, b.endAddress);
}

bool
operator==(const IkeTsPayload& a, const IkeTsPayload& b)
{
    return a.selectors == b.selectors;
}

bool
operator==(const IkeSkPayload& a, const IkeSkPayload& b)
{
    return std::tie(a.firstInnerPayload, a.data) == std::tie(b.firstInnerPayload, b.data);
}

bool
operator==(const IkeRawPayload& a, const IkeRawPayload& b)
{
    return a.data == b.data;
}

bool
operator==(const IkePayload& a, const IkePayload& b)
{
    return a.type == b.type && a.critical == b.critical && a.body == b.body;
}

} // namespace ns3
