/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_SA_PAYLOAD_H
#define TCP_ENCAP_IKE_SA_PAYLOAD_H

#include "ns3/ike-constants.h"
#include "ns3/ike-parse-error.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief A transform attribute (RFC 7296 §3.3.5): TV (type and a 16-bit value, AF = 1) or
 * TLV (type, length, value, AF = 0). The only one IKEv2 defines is Key Length (14, TV).
 */
struct IkeTransformAttribute
{
    uint16_t type{ike::ATTRIBUTE_KEY_LENGTH}; //!< Attribute Type (15 bits)
    bool tv{true};                            //!< AF bit: fixed 16-bit value
    uint16_t value{0};                        //!< the value when tv
    std::vector<uint8_t> data;                //!< the value when not tv
};

/**
 * \ingroup tcp-encap
 * \brief A transform substructure (RFC 7296 §3.3.2): type, ID and attributes.
 */
struct IkeTransform
{
    uint8_t type{0};                               //!< ike::TRANSFORM_ENCR, ...
    uint16_t id{0};                                //!< Transform ID
    std::vector<IkeTransformAttribute> attributes; //!< in wire order

    /**
     * \param type Transform Type
     * \param id Transform ID
     * \param keyLengthBits a Key Length attribute in bits, or 0 for none
     * \return the transform
     */
    static IkeTransform Make(uint8_t type, uint16_t id, uint16_t keyLengthBits = 0);

    /** \return the Key Length attribute in bits, 0 if absent */
    uint16_t GetKeyLength() const;
};

/**
 * \ingroup tcp-encap
 * \brief A proposal substructure (RFC 7296 §3.3.1): number, protocol, SPI, transforms.
 */
struct IkeProposal
{
    uint8_t number{1};                    //!< Proposal Num (the chosen one's, in a response)
    uint8_t protocolId{ike::PROTO_IKE};   //!< ike::PROTO_IKE, PROTO_ESP
    std::vector<uint8_t> spi;             //!< empty for the first IKE SA, 4 bytes for ESP
    std::vector<IkeTransform> transforms; //!< in wire order

    /**
     * \param type a Transform Type
     * \return the first transform of that type, or nullptr
     */
    const IkeTransform* Find(uint8_t type) const;
};

/**
 * \ingroup tcp-encap
 * \brief The Security Association payload (RFC 7296 §3.3): one or more proposals.
 */
struct IkeSaPayload
{
    std::vector<IkeProposal> proposals; //!< in wire order

    /** \param out where to append the payload body (no generic header) */
    void SerializeBody(std::vector<uint8_t>& out) const;

    /**
     * \param data the body
     * \param size its size
     * \return OK, BAD_PROPOSAL, BAD_TRANSFORM or BAD_ATTRIBUTE
     *
     * Checked: at least one proposal; each Proposal Length at least 8 + SPI Size and within
     * the body; Last Substruc 2 before another proposal and 0 on the last (3 and 0 for
     * transforms); # of Transforms transforms filling the proposal exactly; each Transform
     * Length at least 8 and within its proposal; attributes filling the transform exactly.
     */
    IkeParseError ParseBody(const uint8_t* data, std::size_t size);
};

/** \return whether a and b are equal field by field \param a one \param b other */
bool operator==(const IkeTransformAttribute& a, const IkeTransformAttribute& b);
/** \return whether a and b are equal field by field \param a one \param b other */
bool operator==(const IkeTransform& a, const IkeTransform& b);
/** \return whether a and b are equal field by field \param a one \param b other */
bool operator==(const IkeProposal& a, const IkeProposal& b);
/** \return whether a and b are equal field by field \param a one \param b other */
bool operator==(const IkeSaPayload& a, const IkeSaPayload& b);

} // namespace ns3

#endif /* TCP_ENCAP_IKE_SA_PAYLOAD_H */
