/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_STREAM_FRAMING_H
#define TCP_ENCAP_STREAM_FRAMING_H

#include "ns3/callback.h"
#include "ns3/encap-transport.h"
#include "ns3/header.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief How messages are delimited on a TCP (or TLS) stream.
 */
enum FramingVariant
{
    FRAMING_RFC9329, //!< 16-bit Length counting itself (RFC 9329 §3), the default
    FRAMING_DRAFT03, //!< 32-bit Length counting itself, as drawn in draft-pauly-...-03
};

/**
 * \param name "rfc9329" or "draft-03"
 * \param[out] variant the variant, when the name is known
 * \return whether the name is known
 */
bool ParseFramingVariant(const std::string& name, FramingVariant& variant);

/**
 * \param variant a variant
 * \return its name, as ParseFramingVariant takes it
 */
const char* ToString(FramingVariant variant);

/**
 * \param variant a variant
 * \return the size of its Length field, bytes
 */
uint32_t GetLengthFieldSize(FramingVariant variant);

/** The 6 bytes "IKETCP" the TCP originator sends first on every connection (RFC 9329 §4). */
constexpr std::array<uint8_t, 6> IKETCP_PREFIX = {0x49, 0x4B, 0x45, 0x54, 0x43, 0x50};

/**
 * \ingroup tcp-encap
 * \brief The bytes in front of a message on the stream: Length, then for IKE the non-ESP
 * marker (RFC 9329 §3.1, §3.2). Prepended to a message with Packet::AddHeader.
 */
class StreamFrameHeader : public Header
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    StreamFrameHeader();

    /**
     * \param variant Length field size
     * \param kind ESP or IKE (IKE adds the marker)
     * \param messageSize size of the message that follows
     */
    StreamFrameHeader(FramingVariant variant, EncapMessageKind kind, uint32_t messageSize);

    /** \return the Length field: the whole frame, Length included */
    uint32_t GetLength() const;

    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

  private:
    FramingVariant m_variant; //!< Length size
    bool m_marker;            //!< whether the non-ESP marker follows
    uint32_t m_length;        //!< Length field value
};

/**
 * \ingroup tcp-encap
 * \brief Cuts a byte stream back into messages, whatever the segment boundaries.
 *
 * Bytes go in as TCP delivers them: a frame split over any number of pushes, many frames in
 * one push, a split inside the Length field. A frame that lies whole in the pushed bytes is
 * handed up without a copy; otherwise it is gathered in one buffer that never holds more
 * than one frame, and at most the configured maximum.
 *
 * RFC 9329 §3: a Length smaller than the Length field itself (0 or 1; 0 to 3 in draft-03)
 * is fatal, as is one above the maximum; a message of at most 4 bytes (Length 2 to 6: no
 * room for an SPI or marker and content, e.g. the 1-byte NAT-keepalive) is dropped and the
 * stream goes on.
 */
class StreamDeframer
{
  public:
    /** Receives one message: the frame without its Length field (IKE keeps its marker). */
    typedef Callback<void, const uint8_t*, uint32_t> MessageCallback;

    /** State of the stream after a push. */
    enum Status
    {
        OK,         //!< all bytes consumed, stream usable
        BAD_LENGTH, //!< Length smaller than its own field: close the connection
        TOO_LONG,   //!< Length above the maximum: close the connection
    };

    /**
     * \param variant Length field size
     * \param maxLength largest Length accepted (at most 65535 with RFC 9329 framing)
     */
    StreamDeframer(FramingVariant variant, uint32_t maxLength);

    /** \param cb called with each complete message */
    void SetMessageCallback(MessageCallback cb);

    /**
     * \brief Consume bytes from the stream.
     * \param data the bytes
     * \param size how many
     * \return OK, or the fatal condition met; after a fatal status the deframer refuses
     * everything until Reset
     */
    Status Push(const uint8_t* data, uint32_t size);

    /** \brief Forget a partial frame (the connection it came on is gone). */
    void Reset();

    /** \return whether part of a frame is buffered */
    bool HasPartialFrame() const;

    /** \return frames handed up */
    uint64_t GetMessages() const;

    /** \return frames dropped as too short to carry anything (Length 2 to 6) */
    uint64_t GetShortFrames() const;

  private:
    /**
     * \param length a Length field just read
     * \return OK or the fatal status it implies
     */
    Status CheckLength(uint32_t length);

    /**
     * \param data a whole frame's message part
     * \param size its size
     */
    void Emit(const uint8_t* data, uint32_t size);

    FramingVariant m_variant;    //!< Length size
    uint32_t m_fieldSize;        //!< 2 or 4
    uint32_t m_maxLength;        //!< largest Length accepted
    MessageCallback m_callback;  //!< upcall
    Status m_status;             //!< sticky fatal status
    uint8_t m_lengthBytes[4];    //!< Length field being gathered
    uint32_t m_lengthHave;       //!< bytes of it gathered
    uint32_t m_need;             //!< message bytes of the current frame (0: reading Length)
    std::vector<uint8_t> m_body; //!< message bytes gathered so far
    uint64_t m_messages;         //!< frames handed up
    uint64_t m_short;            //!< short frames dropped
};

} // namespace ns3

#endif /* TCP_ENCAP_STREAM_FRAMING_H */
