/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_PARSE_ERROR_H
#define TCP_ENCAP_IKE_PARSE_ERROR_H

#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief Why bytes are not an IKEv2 message (RFC 7296 §3): the outcome of IkeMessage::Parse,
 * one name per check, so that counters and traces say what was wrong.
 */
enum class IkeParseError : uint8_t
{
    OK,                           //!< parsed
    TRUNCATED,                    //!< fewer bytes than a header (IKE or payload) needs
    BAD_VERSION,                  //!< major version is not 2 (answer INVALID_MAJOR_VERSION)
    LENGTH_MISMATCH,              //!< the header's Length is not the number of bytes
    BAD_LENGTH,                   //!< a Payload Length below 4 or beyond the message
    TRAILING_DATA,                //!< bytes after the last payload of the chain
    SK_NOT_LAST,                  //!< bytes after the Encrypted payload (§3.14: it is last)
    PAYLOAD_TOO_SHORT,            //!< a payload body shorter than its fixed fields
    UNSUPPORTED_CRITICAL_PAYLOAD, //!< an unknown payload with the Critical bit (§2.5)
    BAD_PROPOSAL,                 //!< SA: proposal length, last-substructure or count wrong
    BAD_TRANSFORM,                //!< SA: transform length or last-substructure wrong
    BAD_ATTRIBUTE,                //!< SA: a transform attribute cut or longer than its room
    BAD_SPI_SIZE,                 //!< Notify or Delete: SPI Size or count do not fit
    BAD_TRAFFIC_SELECTOR,         //!< TS: count, type or Selector Length wrong
    BAD_NONCE_LENGTH,             //!< Nonce Data not 16 to 256 bytes (§3.9)
    COUNT                         //!< number of values, not an error
};

/**
 * \param e an error
 * \return its name in lower case with dashes, as used in counters
 */
const char* ToString(IkeParseError e);

/**
 * \param os output stream
 * \param e an error
 * \return os
 */
std::ostream& operator<<(std::ostream& os, IkeParseError e);

/**
 * \param e an error (not OK)
 * \return the Notify type an error response carries (RFC 7296 §2.5, §2.21.1):
 * INVALID_MAJOR_VERSION, UNSUPPORTED_CRITICAL_PAYLOAD or INVALID_SYNTAX
 */
uint16_t GetNotifyType(IkeParseError e);

} // namespace ns3

#endif /* TCP_ENCAP_IKE_PARSE_ERROR_H */
