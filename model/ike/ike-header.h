/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_HEADER_H
#define TCP_ENCAP_IKE_HEADER_H

#include "ns3/ike-constants.h"
#include "ns3/ike-parse-error.h"

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief The IKE header (RFC 7296 §3.1), 28 bytes: SPIi(8) SPIr(8) Next Payload(1)
 * Version(1) Exchange Type(1) Flags(1) Message ID(4) Length(4).
 *
 * Next Payload and Length are what was read by Parse; IkeMessage::Serialize writes the values
 * its payloads imply. Version and Flags keep every bit read (the minor version and the unused
 * flags must be ignored on receipt, §3.1), so that a parsed header serializes back unchanged.
 */
struct IkeHeader
{
    static constexpr std::size_t SIZE = 28; //!< bytes on the wire

    uint64_t spiI{0};              //!< IKE SA Initiator's SPI, never 0
    uint64_t spiR{0};              //!< IKE SA Responder's SPI, 0 in the first message
    uint8_t nextPayload{0};        //!< type of the first payload
    uint8_t version{ike::VERSION}; //!< major (high nibble) and minor version
    uint8_t exchangeType{0};       //!< ike::IKE_SA_INIT, ...
    uint8_t flags{0};              //!< ike::FLAG_INITIATOR, FLAG_VERSION, FLAG_RESPONSE
    uint32_t messageId{0};         //!< Message ID
    uint32_t length{0};            //!< whole message, header included

    /** \return the I flag: sent by the original initiator of the IKE SA */
    bool IsInitiator() const;
    /** \return the R flag: a response */
    bool IsResponse() const;
    /** \return the major version (2 for IKEv2) */
    uint8_t GetMajorVersion() const;

    /**
     * \param out where to append the 28 bytes
     */
    void Serialize(std::vector<uint8_t>& out) const;

    /**
     * \brief Read the 28 bytes of a header; the version is checked, the Length is not (the
     * caller knows how many bytes the message has).
     * \param data first byte
     * \param size bytes available
     * \return OK, TRUNCATED or BAD_VERSION (the fields are filled in for BAD_VERSION, so that an
     * INVALID_MAJOR_VERSION answer can be addressed)
     */
    IkeParseError Parse(const uint8_t* data, std::size_t size);
};

/**
 * \param a a header
 * \param b another
 * \return whether every field is equal
 */
bool operator==(const IkeHeader& a, const IkeHeader& b);

/**
 * \param os output stream
 * \param h a header
 * \return os
 */
std::ostream& operator<<(std::ostream& os, const IkeHeader& h);

} // namespace ns3

#endif /* TCP_ENCAP_IKE_HEADER_H */
