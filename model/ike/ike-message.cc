/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-message.h"

#include "ns3/abort.h"
#include "ns3/ike-wire.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeMessage");

namespace
{

/**
 * \param payload a payload
 * \param out where to append its body
 */
void
SerializeBody(const IkePayload& payload, std::vector<uint8_t>& out)
{
    std::visit(
        [&out](const auto& body)
        {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, IkeRawPayload> || std::is_same_v<T, IkeSkPayload>)
            {
                out.insert(out.end(), body.data.begin(), body.data.end());
            }
            else
            {
                body.SerializeBody(out);
            }
        },
        payload.body);
}

/**
 * \param payloads a chain
 * \param out where to append it
 */
void
SerializeChain(const std::vector<IkePayload>& payloads, std::vector<uint8_t>& out)
{
    IkeWriter w(out);
    for (std::size_t i = 0; i < payloads.size(); ++i)
    {
        const IkePayload& p = payloads[i];
        NS_ABORT_MSG_IF(!p.IsConsistent(),
                        "IKE payload of type " << unsigned(p.type) << " has the wrong body");
        uint8_t next = i + 1 < payloads.size() ? payloads[i + 1].type : ike::PAYLOAD_NONE;
        if (const IkeSkPayload* sk = p.Get<IkeSkPayload>())
        {
            NS_ABORT_MSG_IF(i + 1 != payloads.size(), "the SK payload must be the last");
            next = sk->firstInnerPayload; // §3.14
        }
        const std::size_t start = w.GetPosition();
        w.WriteU8(next);
        w.WriteU8(p.critical ? IkeMessage::CRITICAL : 0);
        w.WriteU16(0); // Payload Length, patched below
        SerializeBody(p, out);
        NS_ABORT_MSG_IF(w.GetPosition() - start > 0xffff,
                        "IKE payload of type " << unsigned(p.type) << " longer than 65535");
        w.PatchU16(start + 2, static_cast<uint16_t>(w.GetPosition() - start));
    }
}

/**
 * \param body a payload body
 * \param size its size
 * \param[out] payload receives the decoded body as a T
 * \return OK or the body's error
 */
template<typename T>
IkeParseError
ParseBodyAs(const uint8_t* body, std::size_t size, IkePayload& payload)
{
    T decoded;
    IkeParseError e = decoded.ParseBody(body, size);
    payload.body = std::move(decoded);
    return e;
}

/**
 * \param type the payload type
 * \param body its body
 * \param size body size
 * \param[out] payload the decoded payload (type and critical already set)
 * \return OK or the body's error
 */
IkeParseError
ParseBody(uint8_t type, const uint8_t* body, std::size_t size, IkePayload& payload)
{
    switch (type)
    {
        case ike::PAYLOAD_SA:
            return ParseBodyAs<IkeSaPayload>(body, size, payload);
        case ike::PAYLOAD_KE:
            return ParseBodyAs<IkeKePayload>(body, size, payload);
        case ike::PAYLOAD_IDI:
        case ike::PAYLOAD_IDR:
            return ParseBodyAs<IkeIdPayload>(body, size, payload);
        case ike::PAYLOAD_CERT:
        case ike::PAYLOAD_CERTREQ:
            return ParseBodyAs<IkeCertPayload>(body, size, payload);
        case ike::PAYLOAD_AUTH:
            return ParseBodyAs<IkeAuthPayload>(body, size, payload);
        case ike::PAYLOAD_NONCE:
            return ParseBodyAs<IkeNoncePayload>(body, size, payload);
        case ike::PAYLOAD_NOTIFY:
            return ParseBodyAs<IkeNotifyPayload>(body, size, payload);
        case ike::PAYLOAD_DELETE:
            return ParseBodyAs<IkeDeletePayload>(body, size, payload);
        case ike::PAYLOAD_TSI:
        case ike::PAYLOAD_TSR:
            return ParseBodyAs<IkeTsPayload>(body, size, payload);
        default:
            payload.body = IkeRawPayload{std::vector<uint8_t>(body, body + size)};
            return IkeParseError::OK;
    }
}

/**
 * \brief Walk a payload chain: the one parser behind Parse and ParsePayloads.
 * \param firstType the first payload's type
 * \param data the message
 * \param size its size
 * \param start where the chain begins
 * \param[out] payloads the payloads
 * \param[out] result error, offset and payload type on failure
 */
void
ParseChain(uint8_t firstType,
           const uint8_t* data,
           std::size_t size,
           std::size_t start,
           std::vector<IkePayload>& payloads,
           IkeParseResult& result)
{
    std::size_t offset = start;
    uint8_t type = firstType;
    auto fail = [&result](IkeParseError e, std::size_t at, uint8_t payloadType)
    {
        result.error = e;
        result.offset = at;
        result.payloadType = payloadType;
    };
    while (type != ike::PAYLOAD_NONE)
    {
        // Each pass consumes at least the 4-byte generic header, so the walk ends.
        IkeReader r(data + offset, size - offset);
        uint8_t next = 0;
        uint8_t flags = 0;
        uint16_t length = 0;
        if (!r.ReadU8(next) || !r.ReadU8(flags) || !r.ReadU16(length))
        {
            return fail(IkeParseError::TRUNCATED, offset, type);
        }
        if (length < IkeMessage::PAYLOAD_HEADER_SIZE || length > size - offset)
        {
            return fail(IkeParseError::BAD_LENGTH, offset, type);
        }
        IkePayload payload;
        payload.type = type;
        payload.critical = (flags & IkeMessage::CRITICAL) != 0;
        const uint8_t* body = data + offset + IkeMessage::PAYLOAD_HEADER_SIZE;
        const std::size_t bodySize = length - IkeMessage::PAYLOAD_HEADER_SIZE;
        if (!IkePayload::IsUnderstood(type) && payload.critical)
        {
            // §2.5: reject the whole message, naming the payload type.
            return fail(IkeParseError::UNSUPPORTED_CRITICAL_PAYLOAD, offset, type);
        }
        if (type == ike::PAYLOAD_SK)
        {
            payload.body = IkeSkPayload{next, std::vector<uint8_t>(body, body + bodySize)};
            payloads.push_back(std::move(payload));
            offset += length;
            if (offset != size)
            {
                return fail(IkeParseError::SK_NOT_LAST, offset, type);
            }
            return;
        }
        IkeParseError e = ParseBody(type, body, bodySize, payload);
        if (e != IkeParseError::OK)
        {
            return fail(e, offset, type);
        }
        payloads.push_back(std::move(payload));
        offset += length;
        type = next;
    }
    if (offset != size)
    {
        fail(IkeParseError::TRAILING_DATA, offset, ike::PAYLOAD_NONE);
    }
}

} // namespace

IkeMessage::IkeMessage(const IkeHeader& header)
    : m_header(header)
{
    NS_LOG_FUNCTION(this);
}

const IkeHeader&
IkeMessage::GetHeader() const
{
    NS_LOG_FUNCTION(this);
    return m_header;
}

IkeHeader&
IkeMessage::GetHeader()
{
    NS_LOG_FUNCTION(this);
    return m_header;
}

const std::vector<IkePayload>&
IkeMessage::GetPayloads() const
{
    NS_LOG_FUNCTION(this);
    return m_payloads;
}

std::vector<IkePayload>&
IkeMessage::GetPayloads()
{
    NS_LOG_FUNCTION(this);
    return m_payloads;
}

IkeMessage&
IkeMessage::AddPayload(IkePayload payload)
{
    NS_LOG_FUNCTION(this);
    m_payloads.push_back(std::move(payload));
    return *this;
}

const IkePayload*
IkeMessage::Find(uint8_t type) const
{
    NS_LOG_FUNCTION(this);
    for (const auto& p : m_payloads)
    {
        if (p.type == type)
        {
            return &p;
        }
    }
    return nullptr;
}

const IkeNotifyPayload*
IkeMessage::FindNotify(uint16_t notifyType) const
{
    NS_LOG_FUNCTION(this);
    for (const auto& p : m_payloads)
    {
        const IkeNotifyPayload* n = p.Get<IkeNotifyPayload>();
        if (n != nullptr && n->type == notifyType)
        {
            return n;
        }
    }
    return nullptr;
}

std::size_t
IkeMessage::GetSerializedSize() const
{
    NS_LOG_FUNCTION(this);
    return Serialize().size();
}

std::vector<uint8_t>
IkeMessage::Serialize() const
{
    NS_LOG_FUNCTION(this);
    std::vector<uint8_t> out;
    IkeHeader h = m_header;
    h.nextPayload = m_payloads.empty() ? ike::PAYLOAD_NONE : m_payloads.front().type;
    h.length = 0; // patched below
    h.Serialize(out);
    SerializeChain(m_payloads, out);
    IkeWriter(out).PatchU32(24, static_cast<uint32_t>(out.size()));
    return out;
}

std::vector<uint8_t>
IkeMessage::SerializePayloads(const std::vector<IkePayload>& payloads)
{
    NS_LOG_FUNCTION_NOARGS();
    for (const auto& p : payloads)
    {
        NS_ABORT_MSG_IF(p.type == ike::PAYLOAD_SK, "an SK payload cannot be inside another");
    }
    std::vector<uint8_t> out;
    SerializeChain(payloads, out);
    return out;
}

IkeParseResult
IkeMessage::Parse(const std::vector<uint8_t>& bytes)
{
    NS_LOG_FUNCTION_NOARGS();
    return Parse(bytes.data(), bytes.size());
}

IkeParseResult
IkeMessage::Parse(const uint8_t* data, std::size_t size)
{
    NS_LOG_FUNCTION_NOARGS();
    IkeParseResult result;
    IkeHeader& h = result.message.m_header;
    result.error = h.Parse(data, size);
    if (result.error == IkeParseError::TRUNCATED)
    {
        h = IkeHeader();
        return result;
    }
    result.headerValid = true;
    if (result.error != IkeParseError::OK)
    {
        return result;
    }
    // §3.1: Length is the total length of the message; on a datagram or a stream frame the
    // bytes are the message, so anything else is a lie.
    if (h.length != size)
    {
        result.error = IkeParseError::LENGTH_MISMATCH;
        result.offset = 24;
        return result;
    }
    ParseChain(h.nextPayload, data, size, IkeHeader::SIZE, result.message.m_payloads, result);
    if (result.error != IkeParseError::OK)
    {
        result.message.m_payloads.clear();
    }
    return result;
}

IkeParseResult
IkeMessage::ParsePayloads(uint8_t firstType,
                          const uint8_t* data,
                          std::size_t size,
                          std::vector<IkePayload>& payloads)
{
    NS_LOG_FUNCTION_NOARGS();
    IkeParseResult result;
    std::vector<IkePayload> parsed;
    ParseChain(firstType, data, size, 0, parsed, result);
    if (result.error == IkeParseError::OK)
    {
        for (const auto& p : parsed)
        {
            if (p.type == ike::PAYLOAD_SK)
            {
                result.error = IkeParseError::SK_NOT_LAST; // no SK inside SK
                result.payloadType = ike::PAYLOAD_SK;
                return result;
            }
        }
        payloads = std::move(parsed);
    }
    return result;
}

bool
IkeParseResult::IsOk() const
{
    NS_LOG_FUNCTION(this);
    return error == IkeParseError::OK;
}

bool
operator==(const IkeMessage& a, const IkeMessage& b)
{
    return a.GetHeader() == b.GetHeader() && a.GetPayloads() == b.GetPayloads();
}

} // namespace ns3
