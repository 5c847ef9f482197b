/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_CONSTANTS_H
#define TCP_ENCAP_IKE_CONSTANTS_H

#include <cstdint>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief IANA numbers of IKEv2 ("Internet Key Exchange Version 2 (IKEv2) Parameters") that the
 * model uses. Plain constants in a namespace: the codec carries any 8- or 16-bit value, these
 * only name the ones it knows.
 */
namespace ike
{

// RFC 7296 §3.1: the header.
constexpr uint8_t VERSION = 0x20;        //!< major 2, minor 0
constexpr uint8_t FLAG_INITIATOR = 0x08; //!< I: sent by the original initiator
constexpr uint8_t FLAG_VERSION = 0x10;   //!< V: sender could speak a higher major version
constexpr uint8_t FLAG_RESPONSE = 0x20;  //!< R: a response

// RFC 7296 §3.1: Exchange Type.
constexpr uint8_t IKE_SA_INIT = 34;     //!< initial exchange, unprotected
constexpr uint8_t IKE_AUTH = 35;        //!< authentication and first Child SA
constexpr uint8_t CREATE_CHILD_SA = 36; //!< new or rekeyed SA
constexpr uint8_t INFORMATIONAL = 37;   //!< notifications, deletes, liveness

// RFC 7296 §3.2: Next Payload values.
constexpr uint8_t PAYLOAD_NONE = 0;     //!< no next payload
constexpr uint8_t PAYLOAD_SA = 33;      //!< Security Association
constexpr uint8_t PAYLOAD_KE = 34;      //!< Key Exchange
constexpr uint8_t PAYLOAD_IDI = 35;     //!< Identification - Initiator
constexpr uint8_t PAYLOAD_IDR = 36;     //!< Identification - Responder
constexpr uint8_t PAYLOAD_CERT = 37;    //!< Certificate
constexpr uint8_t PAYLOAD_CERTREQ = 38; //!< Certificate Request
constexpr uint8_t PAYLOAD_AUTH = 39;    //!< Authentication
constexpr uint8_t PAYLOAD_NONCE = 40;   //!< Nonce
constexpr uint8_t PAYLOAD_NOTIFY = 41;  //!< Notify
constexpr uint8_t PAYLOAD_DELETE = 42;  //!< Delete
constexpr uint8_t PAYLOAD_VENDOR = 43;  //!< Vendor ID (understood: kept raw, never critical)
constexpr uint8_t PAYLOAD_TSI = 44;     //!< Traffic Selector - Initiator
constexpr uint8_t PAYLOAD_TSR = 45;     //!< Traffic Selector - Responder
constexpr uint8_t PAYLOAD_SK = 46;      //!< Encrypted and Authenticated
constexpr uint8_t PAYLOAD_CP = 47;      //!< Configuration (not modelled)
constexpr uint8_t PAYLOAD_EAP = 48;     //!< EAP (not modelled)

// RFC 7296 §3.3.1: Protocol ID.
constexpr uint8_t PROTO_IKE = 1; //!< IKE SA
constexpr uint8_t PROTO_AH = 2;  //!< AH
constexpr uint8_t PROTO_ESP = 3; //!< ESP

// RFC 7296 §3.3.2: Transform Type, and the IDs the model uses.
constexpr uint8_t TRANSFORM_ENCR = 1;  //!< Encryption Algorithm
constexpr uint8_t TRANSFORM_PRF = 2;   //!< Pseudo-random Function
constexpr uint8_t TRANSFORM_INTEG = 3; //!< Integrity Algorithm
constexpr uint8_t TRANSFORM_DH = 4;    //!< Diffie-Hellman / Key Exchange Method
constexpr uint8_t TRANSFORM_ESN = 5;   //!< Extended Sequence Numbers

constexpr uint16_t ENCR_AES_GCM_16 = 20;  //!< AES-GCM with a 16-byte ICV (RFC 4106, 5282)
constexpr uint16_t PRF_HMAC_SHA2_256 = 5; //!< RFC 4868
constexpr uint16_t PRF_HMAC_SHA2_384 = 6; //!< RFC 4868
constexpr uint16_t INTEG_NONE = 0;        //!< with AEAD ciphers
constexpr uint16_t DH_MODP_2048 = 14;     //!< RFC 3526
constexpr uint16_t DH_ECP_256 = 19;       //!< RFC 5903
constexpr uint16_t DH_CURVE25519 = 31;    //!< RFC 8031
constexpr uint16_t ESN_NO = 0;            //!< 32-bit sequence numbers
constexpr uint16_t ESN_YES = 1;           //!< 64-bit sequence numbers

// RFC 7296 §3.3.5: Transform Attribute types.
constexpr uint16_t ATTRIBUTE_KEY_LENGTH = 14; //!< Key Length in bits, TV format

// RFC 7296 §3.5: ID Type.
constexpr uint8_t ID_IPV4_ADDR = 1;   //!< 4-byte IPv4 address
constexpr uint8_t ID_FQDN = 2;        //!< domain name
constexpr uint8_t ID_RFC822_ADDR = 3; //!< e-mail address
constexpr uint8_t ID_IPV6_ADDR = 5;   //!< 16-byte IPv6 address
constexpr uint8_t ID_DER_ASN1_DN = 9; //!< X.500 distinguished name
constexpr uint8_t ID_KEY_ID = 11;     //!< opaque

// RFC 7296 §3.6: Certificate Encoding.
constexpr uint8_t CERT_X509_SIGNATURE = 4; //!< DER X.509 certificate

// RFC 7296 §3.8 and RFC 7427: Auth Method.
constexpr uint8_t AUTH_RSA_SIG = 1;            //!< RSA signature (PKCS#1 v1.5, SHA-1)
constexpr uint8_t AUTH_SHARED_KEY_MIC = 2;     //!< pre-shared key (§2.15)
constexpr uint8_t AUTH_ECDSA_P256 = 9;         //!< ECDSA with SHA-256 on P-256 (RFC 4754)
constexpr uint8_t AUTH_DIGITAL_SIGNATURE = 14; //!< RFC 7427

// RFC 7296 §3.9: Nonce Data size.
constexpr uint32_t NONCE_MIN = 16;  //!< bytes
constexpr uint32_t NONCE_MAX = 256; //!< bytes

// RFC 7296 §3.10.1 and RFC 4555, 7383: Notify Message Types the model uses.
constexpr uint16_t UNSUPPORTED_CRITICAL_PAYLOAD = 1;     //!< error, data: the payload type
constexpr uint16_t INVALID_IKE_SPI = 4;                  //!< error
constexpr uint16_t INVALID_MAJOR_VERSION = 5;            //!< error
constexpr uint16_t INVALID_SYNTAX = 7;                   //!< error
constexpr uint16_t INVALID_MESSAGE_ID = 9;               //!< error
constexpr uint16_t INVALID_SPI = 11;                     //!< error
constexpr uint16_t NO_PROPOSAL_CHOSEN = 14;              //!< error
constexpr uint16_t INVALID_KE_PAYLOAD = 17;              //!< error, data: the accepted group
constexpr uint16_t AUTHENTICATION_FAILED = 24;           //!< error
constexpr uint16_t SINGLE_PAIR_REQUIRED = 34;            //!< error
constexpr uint16_t NO_ADDITIONAL_SAS = 35;               //!< error
constexpr uint16_t INTERNAL_ADDRESS_FAILURE = 36;        //!< error
constexpr uint16_t FAILED_CP_REQUIRED = 37;              //!< error
constexpr uint16_t TS_UNACCEPTABLE = 38;                 //!< error
constexpr uint16_t INVALID_SELECTORS = 39;               //!< error
constexpr uint16_t TEMPORARY_FAILURE = 43;               //!< error
constexpr uint16_t CHILD_SA_NOT_FOUND = 44;              //!< error
constexpr uint16_t INITIAL_CONTACT = 16384;              //!< status
constexpr uint16_t SET_WINDOW_SIZE = 16385;              //!< status
constexpr uint16_t NAT_DETECTION_SOURCE_IP = 16388;      //!< status, data: SHA-1 hash
constexpr uint16_t NAT_DETECTION_DESTINATION_IP = 16389; //!< status, data: SHA-1 hash
constexpr uint16_t COOKIE = 16390;                       //!< status, data: the cookie
constexpr uint16_t USE_TRANSPORT_MODE = 16391;           //!< status
constexpr uint16_t REKEY_SA = 16393;                     //!< status, SPI: the SA rekeyed
constexpr uint16_t MOBIKE_SUPPORTED = 16396;             //!< status (RFC 4555)
constexpr uint16_t UPDATE_SA_ADDRESSES = 16400;          //!< status (RFC 4555)
constexpr uint16_t SIGNATURE_HASH_ALGORITHMS = 16431;    //!< status (RFC 7427 §4): 16-bit hashes
constexpr uint16_t FIRST_STATUS_NOTIFY = 16384;          //!< types below are errors (§3.10.1)

// RFC 7296 §3.13.1: TS Type.
constexpr uint8_t TS_IPV4_ADDR_RANGE = 7; //!< selector of 16 bytes
constexpr uint8_t TS_IPV6_ADDR_RANGE = 8; //!< selector of 40 bytes

} // namespace ike

} // namespace ns3

#endif /* TCP_ENCAP_IKE_CONSTANTS_H */
