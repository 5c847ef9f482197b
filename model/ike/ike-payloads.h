/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_PAYLOADS_H
#define TCP_ENCAP_IKE_PAYLOADS_H

#include "ns3/ike-constants.h"
#include "ns3/ike-parse-error.h"
#include "ns3/ike-sa-payload.h"
#include "ns3/ipv4-address.h"

#include <cstddef>
#include <cstdint>
#include <variant>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief Key Exchange payload (RFC 7296 §3.4): the group and the public value.
 */
struct IkeKePayload
{
    uint16_t dhGroup{0};       //!< Diffie-Hellman Group Num (Transform Type 4 ID)
    std::vector<uint8_t> data; //!< Key Exchange Data

    /** \param out where to append the body */
    void SerializeBody(std::vector<uint8_t>& out) const;
    /** \return OK or PAYLOAD_TOO_SHORT \param data body \param size its size */
    IkeParseError ParseBody(const uint8_t* data, std::size_t size);
};

/**
 * \ingroup tcp-encap
 * \brief Identification payload, IDi or IDr (RFC 7296 §3.5).
 */
struct IkeIdPayload
{
    uint8_t idType{ike::ID_FQDN}; //!< ike::ID_IPV4_ADDR, ID_FQDN, ...
    std::vector<uint8_t> data;    //!< Identification Data

    /** \return the body (type, reserved, data): IDx' of the AUTH computation (§2.15) */
    std::vector<uint8_t> GetBody() const;
    /** \param out where to append the body */
    void SerializeBody(std::vector<uint8_t>& out) const;
    /** \return OK or PAYLOAD_TOO_SHORT \param data body \param size its size */
    IkeParseError ParseBody(const uint8_t* data, std::size_t size);
};

/**
 * \ingroup tcp-encap
 * \brief Certificate payload (RFC 7296 §3.6), or Certificate Request (§3.7): the encoding and
 * the certificate, or the concatenated SHA-1 hashes of trusted CAs' public keys.
 */
struct IkeCertPayload
{
    uint8_t encoding{ike::CERT_X509_SIGNATURE}; //!< Cert Encoding
    std::vector<uint8_t> data;                  //!< Certificate Data / Certification Authority

    /** \param out where to append the body */
    void SerializeBody(std::vector<uint8_t>& out) const;
    /** \return OK or PAYLOAD_TOO_SHORT \param data body \param size its size */
    IkeParseError ParseBody(const uint8_t* data, std::size_t size);
};

/**
 * \ingroup tcp-encap
 * \brief Authentication payload (RFC 7296 §3.8).
 */
struct IkeAuthPayload
{
    uint8_t method{ike::AUTH_SHARED_KEY_MIC}; //!< Auth Method
    std::vector<uint8_t> data;                //!< Authentication Data

    /** \param out where to append the body */
    void SerializeBody(std::vector<uint8_t>& out) const;
    /** \return OK or PAYLOAD_TOO_SHORT \param data body \param size its size */
    IkeParseError ParseBody(const uint8_t* data, std::size_t size);
};

/**
 * \ingroup tcp-encap
 * \brief Nonce payload (RFC 7296 §3.9): 16 to 256 bytes.
 */
struct IkeNoncePayload
{
    std::vector<uint8_t> data; //!< Nonce Data

    /** \param out where to append the body */
    void SerializeBody(std::vector<uint8_t>& out) const;
    /** \return OK or BAD_NONCE_LENGTH \param data body \param size its size */
    IkeParseError ParseBody(const uint8_t* data, std::size_t size);
};

/**
 * \ingroup tcp-encap
 * \brief Notify payload (RFC 7296 §3.10): an error (type below 16384) or a status.
 */
struct IkeNotifyPayload
{
    uint8_t protocolId{0};     //!< 0 or ike::PROTO_IKE for the IKE SA, PROTO_ESP for a Child SA
    uint16_t type{0};          //!< Notify Message Type, e.g. ike::COOKIE
    std::vector<uint8_t> spi;  //!< empty, or the SPI concerned (4 bytes for ESP)
    std::vector<uint8_t> data; //!< Notification Data

    /** \return whether the type is an error (§3.10.1: below 16384) */
    bool IsError() const;
    /** \param out where to append the body */
    void SerializeBody(std::vector<uint8_t>& out) const;
    /** \return OK, PAYLOAD_TOO_SHORT or BAD_SPI_SIZE \param data body \param size its size */
    IkeParseError ParseBody(const uint8_t* data, std::size_t size);
};

/**
 * \ingroup tcp-encap
 * \brief Delete payload (RFC 7296 §3.11): the IKE SA (no SPI) or Child SAs by SPI.
 */
struct IkeDeletePayload
{
    uint8_t protocolId{ike::PROTO_IKE};     //!< ike::PROTO_IKE or PROTO_ESP
    uint8_t spiSize{0};                     //!< 0 for IKE, 4 for ESP
    std::vector<std::vector<uint8_t>> spis; //!< each spiSize bytes

    /** \param out where to append the body */
    void SerializeBody(std::vector<uint8_t>& out) const;
    /** \return OK, PAYLOAD_TOO_SHORT or BAD_SPI_SIZE \param data body \param size its size */
    IkeParseError ParseBody(const uint8_t* data, std::size_t size);
};

/**
 * \ingroup tcp-encap
 * \brief One traffic selector (RFC 7296 §3.13.1): an address range, a protocol and a port
 * range. Addresses are 4 bytes (TS_IPV4_ADDR_RANGE) or 16 (TS_IPV6_ADDR_RANGE).
 */
struct IkeTrafficSelector
{
    uint8_t tsType{ike::TS_IPV4_ADDR_RANGE}; //!< TS Type
    uint8_t ipProtocol{0};                   //!< IP Protocol ID, 0 for any
    uint16_t startPort{0};                   //!< first port
    uint16_t endPort{65535};                 //!< last port
    std::vector<uint8_t> startAddress;       //!< first address
    std::vector<uint8_t> endAddress;         //!< last address

    /**
     * \param start first address
     * \param end last address
     * \param ipProtocol 0 for any
     * \param startPort first port
     * \param endPort last port
     * \return an IPv4 range selector
     */
    static IkeTrafficSelector Ipv4Range(Ipv4Address start,
                                        Ipv4Address end,
                                        uint8_t ipProtocol = 0,
                                        uint16_t startPort = 0,
                                        uint16_t endPort = 65535);

    /**
     * \param[out] start first address
     * \param[out] end last address
     * \return whether this is an IPv4 range
     */
    bool GetIpv4Range(Ipv4Address& start, Ipv4Address& end) const;
};

/**
 * \ingroup tcp-encap
 * \brief Traffic Selector payload, TSi or TSr (RFC 7296 §3.13).
 */
struct IkeTsPayload
{
    std::vector<IkeTrafficSelector> selectors; //!< in wire order

    /** \param out where to append the body */
    void SerializeBody(std::vector<uint8_t>& out) const;
    /**
     * \return OK, PAYLOAD_TOO_SHORT or BAD_TRAFFIC_SELECTOR (count not matching the selectors,
     * unknown TS Type, Selector Length not that of the type)
     * \param data body \param size its size
     */
    IkeParseError ParseBody(const uint8_t* data, std::size_t size);
};

/**
 * \ingroup tcp-encap
 * \brief Encrypted and Authenticated payload (RFC 7296 §3.14), opaque at this level: IV,
 * ciphertext and ICV as one block. Its generic header's Next Payload is the type of the first
 * payload inside; it is the last payload of a message, so its body is the last data.size()
 * bytes of the serialized message, and everything before it is the AEAD's associated data
 * (RFC 5282 §5.1).
 */
struct IkeSkPayload
{
    uint8_t firstInnerPayload{ike::PAYLOAD_NONE}; //!< Next Payload: first inner payload's type
    std::vector<uint8_t> data;                    //!< IV | ciphertext | ICV
};

/**
 * \ingroup tcp-encap
 * \brief A payload kept as bytes: one this model does not decode (skipped when not critical,
 * §2.5), or Vendor ID.
 */
struct IkeRawPayload
{
    std::vector<uint8_t> data; //!< the body
};

/**
 * \ingroup tcp-encap
 * \brief One payload of a message: its type (the Next Payload value naming it), the Critical
 * bit (§3.2) and the decoded body.
 *
 * IDi and IDr share IkeIdPayload, TSi and TSr IkeTsPayload, CERT and CERTREQ IkeCertPayload;
 * the type tells them apart. Payload types this model decodes must carry their body kind
 * (IsConsistent); any other type carries IkeRawPayload.
 */
struct IkePayload
{
    /** The body kinds. */
    using Body = std::variant<IkeRawPayload,
                              IkeSaPayload,
                              IkeKePayload,
                              IkeIdPayload,
                              IkeCertPayload,
                              IkeAuthPayload,
                              IkeNoncePayload,
                              IkeNotifyPayload,
                              IkeDeletePayload,
                              IkeTsPayload,
                              IkeSkPayload>;

    uint8_t type{ike::PAYLOAD_NONE}; //!< payload type
    bool critical{false};            //!< Critical bit
    Body body;                       //!< decoded body

    IkePayload() = default;

    /**
     * \param type payload type
     * \param body its body
     * \param critical the Critical bit
     */
    IkePayload(uint8_t type, Body body, bool critical = false);

    /** \return the body as T, or nullptr if it is another kind */
    template<class T>
    const T*
    Get() const
    {
        return std::get_if<T>(&body);
    }

    /** \return the body as T, or nullptr if it is another kind */
    template<class T>
    T*
    Get()
    {
        return std::get_if<T>(&body);
    }

    /** \return whether the body kind is the one the type requires */
    bool IsConsistent() const;

    /**
     * \param type a payload type
     * \return whether this model decodes it (others are kept as IkeRawPayload)
     */
    static bool IsDecoded(uint8_t type);

    /**
     * \param type a payload type
     * \return whether this model understands it: decoded, or Vendor ID (ignored). An unknown
     * payload with the Critical bit makes the message unsupported (§2.5).
     */
    static bool IsUnderstood(uint8_t type);
};

/** \return whether a and b are equal field by field \param a one \param b other */
bool operator==(const IkeKePayload& a, const IkeKePayload& b);
/** \return whether a and b are equal field by field \param a one \param b other */
bool operator==(const IkeIdPayload& a, const IkeIdPayload& b);
/** \return whether a and b are equal field by field \param a one \param b other */
bool operator==(const IkeCertPayload& a, const IkeCertPayload& b);
/** \return whether a and b are equal field by field \param a one \param b other */
bool operator==(const IkeAuthPayload& a, const IkeAuthPayload& b);
/** \return whether a and b are equal field by field \param a one \param b other */
bool operator==(const IkeNoncePayload& a, const IkeNoncePayload& b);
/** \return whether a and b are equal field by field \param a one \param b other */
bool operator==(const IkeNotifyPayload& a, const IkeNotifyPayload& b);
/** \return whether a and b are equal field by field \param a one \param b other */
bool operator==(const IkeDeletePayload& a, const IkeDeletePayload& b);
/** \return whether a and b are equal field by field \param a one \param b other */
bool operator==(const IkeTrafficSelector& a, const IkeTrafficSelector& b);
/** \return whether a and b are equal field by field \param a one \param b other */
bool operator==(const IkeTsPayload& a, const IkeTsPayload& b);
/** \return whether a and b are equal field by field \param a one \param b other */
bool operator==(const IkeSkPayload& a, const IkeSkPayload& b);
/** \return whether a and b are equal field by field \param a one \param b other */
bool operator==(const IkeRawPayload& a, const IkeRawPayload& b);
/** \return whether a and b are equal field by field \param a one \param b other */
bool operator==(const IkePayload& a, const IkePayload& b);

} // namespace ns3

#endif /* TCP_ENCAP_IKE_PAYLOADS_H */
