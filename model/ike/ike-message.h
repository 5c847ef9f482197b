/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_MESSAGE_H
#define TCP_ENCAP_IKE_MESSAGE_H

#include "ns3/ike-header.h"
#include "ns3/ike-parse-error.h"
#include "ns3/ike-payloads.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

struct IkeParseResult;

/**
 * \ingroup tcp-encap
 * \brief An IKEv2 message (RFC 7296 §3): the header and the payloads in order, as a value.
 *
 * Serialize computes the chain (each generic header's Next Payload from the payload after it,
 * the header's Next Payload from the first), every length, and the header's Length; Parse does
 * the reverse and checks every length against its container. For a valid message
 * Serialize(Parse(x)) == x (reserved fields are written as zero, as §3 requires of senders).
 *
 * An Encrypted payload (SK) must be the last; its contents are another payload chain, which
 * the IKE SA decrypts and reads with ParsePayloads (and builds with SerializePayloads).
 */
class IkeMessage
{
  public:
    /** Generic payload header size (§3.2). */
    static constexpr std::size_t PAYLOAD_HEADER_SIZE = 4;
    /** The Critical bit in the generic payload header's second byte (§3.2). */
    static constexpr uint8_t CRITICAL = 0x80;

    IkeMessage() = default;

    /** \param header the header (Next Payload and Length are computed on Serialize) */
    explicit IkeMessage(const IkeHeader& header);

    /** \return the header */
    const IkeHeader& GetHeader() const;
    /** \return the header, to change */
    IkeHeader& GetHeader();

    /** \return the payloads in order */
    const std::vector<IkePayload>& GetPayloads() const;
    /** \return the payloads in order, to change */
    std::vector<IkePayload>& GetPayloads();

    /**
     * \param payload appended after the others
     * \return *this
     */
    IkeMessage& AddPayload(IkePayload payload);

    /**
     * \param type a payload type
     * \return the first payload of that type, or nullptr
     */
    const IkePayload* Find(uint8_t type) const;

    /**
     * \param notifyType a Notify Message Type
     * \return the first Notify payload of that type, or nullptr
     */
    const IkeNotifyPayload* FindNotify(uint16_t notifyType) const;

    /** \return the size Serialize will produce, bytes */
    std::size_t GetSerializedSize() const;

    /**
     * \brief The message as sent (RealMessage of §2.15). Payloads must be consistent
     * (IkePayload::IsConsistent) and an SK payload last; a violation aborts: it is a bug of
     * the caller, not input.
     * \return the bytes
     */
    std::vector<uint8_t> Serialize() const;

    /**
     * \brief Read a message, checking every length; never reads outside [data, data + size).
     * \param data first byte (the IKE header: no non-ESP marker, no stream Length)
     * \param size bytes
     * \return the outcome, with the message when OK
     */
    static IkeParseResult Parse(const uint8_t* data, std::size_t size);

    /**
     * \param bytes the message
     * \return Parse(bytes.data(), bytes.size())
     */
    static IkeParseResult Parse(const std::vector<uint8_t>& bytes);

    /**
     * \brief Serialize a payload chain without an IKE header: the plaintext inside an SK
     * payload (§3.14), whose first type goes in the SK payload's Next Payload.
     * \param payloads the chain (an SK payload may not be among them)
     * \return the bytes
     */
    static std::vector<uint8_t> SerializePayloads(const std::vector<IkePayload>& payloads);

    /**
     * \brief Read a payload chain without an IKE header, e.g. a decrypted SK payload.
     * \param firstType the type of the first payload (SK's Next Payload)
     * \param data first byte
     * \param size bytes; the chain must fill them exactly
     * \param[out] payloads the payloads, when OK
     * \return the outcome (its message is left empty); offsets are relative to data
     */
    static IkeParseResult ParsePayloads(uint8_t firstType,
                                        const uint8_t* data,
                                        std::size_t size,
                                        std::vector<IkePayload>& payloads);

  private:
    IkeHeader m_header;                 //!< the header
    std::vector<IkePayload> m_payloads; //!< the payloads in order
};

/**
 * \ingroup tcp-encap
 * \brief What IkeMessage::Parse found: OK and the message, or the named error, where it was
 * met and in which payload, and whether the header could be read (to address an error
 * response).
 */
struct IkeParseResult
{
    IkeParseError error{IkeParseError::OK}; //!< outcome
    std::size_t offset{0};                  //!< byte offset of the structure at fault
    uint8_t payloadType{ike::PAYLOAD_NONE}; //!< payload at fault (for UNSUPPORTED_CRITICAL_PAYLOAD
                                            //!< the type the Notify reports, §3.10.1)
    bool headerValid{false};                //!< message.GetHeader() holds the header read
    IkeMessage message;                     //!< the message (the header only, on error)

    /** \return whether error is OK */
    bool IsOk() const;
};

/**
 * \param a a message
 * \param b another
 * \return whether the headers and payloads are equal
 */
bool operator==(const IkeMessage& a, const IkeMessage& b);

} // namespace ns3

#endif /* TCP_ENCAP_IKE_MESSAGE_H */
