/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "stream-framing.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/non-esp-marker.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("StreamFraming");

NS_OBJECT_ENSURE_REGISTERED(StreamFrameHeader);

bool
ParseFramingVariant(const std::string& name, FramingVariant& variant)
{
    if (name == "rfc9329")
    {
        variant = FRAMING_RFC9329;
        return true;
    }
    if (name == "draft-03")
    {
        variant = FRAMING_DRAFT03;
        return true;
    }
    return false;
}

const char*
ToString(FramingVariant variant)
{
    return variant == FRAMING_DRAFT03 ? "draft-03" : "rfc9329";
}

uint32_t
GetLengthFieldSize(FramingVariant variant)
{
    return variant == FRAMING_DRAFT03 ? 4 : 2;
}

TypeId
StreamFrameHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::StreamFrameHeader")
                            .SetParent<Header>()
                            .SetGroupName("TcpEncap")
                            .AddConstructor<StreamFrameHeader>();
    return tid;
}

TypeId
StreamFrameHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

StreamFrameHeader::StreamFrameHeader()
    : m_variant(FRAMING_RFC9329)
    , m_marker(false)
    , m_length(0)
{
    NS_LOG_FUNCTION(this);
}

StreamFrameHeader::StreamFrameHeader(FramingVariant variant,
                                     EncapMessageKind kind,
                                     uint32_t messageSize)
    : m_variant(variant)
    , m_marker(kind == EncapMessageKind::IKE)
    , m_length(GetLengthFieldSize(variant) + (m_marker ? NON_ESP_MARKER_SIZE : 0) + messageSize)
{
    NS_LOG_FUNCTION(this << messageSize);
}

uint32_t
StreamFrameHeader::GetLength() const
{
    return m_length;
}

uint32_t
StreamFrameHeader::GetSerializedSize() const
{
    return GetLengthFieldSize(m_variant) + (m_marker ? NON_ESP_MARKER_SIZE : 0);
}

void
StreamFrameHeader::Serialize(Buffer::Iterator start) const
{
    if (m_variant == FRAMING_DRAFT03)
    {
        start.WriteHtonU32(m_length);
    }
    else
    {
        start.WriteHtonU16(static_cast<uint16_t>(m_length));
    }
    if (m_marker)
    {
        start.WriteU32(0);
    }
}

uint32_t
StreamFrameHeader::Deserialize(Buffer::Iterator start)
{
    NS_LOG_FUNCTION(this);
    // Only for printing captured frames: the length decides nothing here, the deframer does.
    m_length = m_variant == FRAMING_DRAFT03 ? start.ReadNtohU32() : start.ReadNtohU16();
    m_marker = false;
    return GetSerializedSize();
}

void
StreamFrameHeader::Print(std::ostream& os) const
{
    os << "length=" << m_length << (m_marker ? " non-ESP-marker" : "");
}

StreamDeframer::StreamDeframer(FramingVariant variant, uint32_t maxLength)
    : m_variant(variant)
    , m_fieldSize(GetLengthFieldSize(variant))
    , m_maxLength(maxLength)
    , m_status(OK)
    , m_lengthBytes{}
    , m_lengthHave(0)
    , m_need(0)
    , m_messages(0)
    , m_short(0)
{
    NS_LOG_FUNCTION(this << maxLength);
    NS_ABORT_MSG_IF(variant == FRAMING_RFC9329 && maxLength > 65535,
                    "RFC 9329 framing cannot express a Length above 65535");
    NS_ABORT_MSG_IF(maxLength < m_fieldSize + NON_ESP_MARKER_SIZE + 1,
                    "maximum frame length " << maxLength << " leaves no room for a message");
}

void
StreamDeframer::SetMessageCallback(MessageCallback cb)
{
    NS_LOG_FUNCTION(this);
    m_callback = cb;
}

void
StreamDeframer::Reset()
{
    NS_LOG_FUNCTION(this);
    m_status = OK;
    m_lengthHave = 0;
    m_need = 0;
    m_body.clear();
}

bool
StreamDeframer::HasPartialFrame() const
{
    return m_lengthHave > 0 || m_need > 0;
}

uint64_t
StreamDeframer::GetMessages() const
{
    return m_messages;
}

uint64_t
StreamDeframer::GetShortFrames() const
{
    return m_short;
}

StreamDeframer::Status
StreamDeframer::CheckLength(uint32_t length)
{
    NS_LOG_FUNCTION(this << length);
    if (length < m_fieldSize)
    {
        m_status = BAD_LENGTH;
    }
    else if (length > m_maxLength)
    {
        m_status = TOO_LONG;
    }
    return m_status;
}

void
StreamDeframer::Emit(const uint8_t* data, uint32_t size)
{
    NS_LOG_FUNCTION(this << size);
    if (size <= NON_ESP_MARKER_SIZE)
    {
        ++m_short; // Length 2 to 6: nothing usable, not an error (RFC 9329 §3)
        return;
    }
    ++m_messages;
    if (!m_callback.IsNull())
    {
        m_callback(data, size);
    }
}

StreamDeframer::Status
StreamDeframer::Push(const uint8_t* data, uint32_t size)
{
    NS_LOG_FUNCTION(this << size);
    const uint8_t* p = data;
    const uint8_t* end = data + size;
    while (m_status == OK && p < end)
    {
        if (m_need == 0)
        {
            // Reading the Length field; fast path when it and the whole frame are here.
            if (m_lengthHave == 0 && uint32_t(end - p) >= m_fieldSize)
            {
                uint32_t length = m_fieldSize == 2 ? (uint32_t{p[0]} << 8 | p[1])
                                                   : (uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16
                                                      | uint32_t{p[2]} << 8 | p[3]);
                if (CheckLength(length) != OK)
                {
                    break;
                }
                uint32_t body = length - m_fieldSize;
                if (uint32_t(end - p) >= length)
                {
                    Emit(p + m_fieldSize, body);
                    p += length;
                    continue;
                }
                p += m_fieldSize; // body > 0 here: a frame of Length alone fits in any push
                m_need = body;
                m_body.clear();
                continue;
            }
            uint32_t take = std::min<uint32_t>(m_fieldSize - m_lengthHave, end - p);
            std::copy(p, p + take, m_lengthBytes + m_lengthHave);
            m_lengthHave += take;
            p += take;
            if (m_lengthHave < m_fieldSize)
            {
                break;
            }
            const uint8_t* l = m_lengthBytes;
            uint32_t length
                = m_fieldSize == 2
                      ? (uint32_t{l[0]} << 8 | l[1])
                      : (uint32_t{l[0]} << 24 | uint32_t{l[1]} << 16 | uint32_t{l[2]} << 8 | l[3]);
            m_lengthHave = 0;
            if (CheckLength(length) != OK)
            {
                break;
            }
            m_need = length - m_fieldSize;
            m_body.clear();
            if (m_need == 0)
            {
                Emit(nullptr, 0);
            }
            continue;
        }
        // Gathering a frame's message part.
        uint32_t take = std::min<uint32_t>(m_need - m_body.size(), end - p);
        m_body.insert(m_body.end(), p, p + take);
        p += take;
        if (m_body.size() == m_need)
        {
            m_need = 0;
            Emit(m_body.data(), static_cast<uint32_t>(m_body.size()));
            m_body.clear();
        }
    }
    return m_status;
}

} // namespace ns3
