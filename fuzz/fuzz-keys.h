/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_FUZZ_KEYS_H
#define TCP_ENCAP_FUZZ_KEYS_H

#include <cstdint>
#include <vector>

namespace tcpencapfuzz
{

/** SPI of the fixed client-to-gateway SA of the ESP fuzzer and of the corpus generator. */
constexpr uint32_t CLIENT_TO_GATEWAY_SPI = 0x0000C001;

/** \return key | salt of that SA (AES-GCM-16-128: 16 + 4 bytes) */
inline std::vector<uint8_t>
ClientToGatewayKeys()
{
    std::vector<uint8_t> k(20);
    for (std::size_t i = 0; i < k.size(); ++i)
    {
        k[i] = static_cast<uint8_t>(0xA0 + i);
    }
    return k;
}

/** \return key | salt of the gateway-to-client SA */
inline std::vector<uint8_t>
GatewayToClientKeys()
{
    std::vector<uint8_t> k(20);
    for (std::size_t i = 0; i < k.size(); ++i)
    {
        k[i] = static_cast<uint8_t>(0x50 + i);
    }
    return k;
}

/** SPIs of the fixed IKE SA of the IKE SK fuzzer (initiator's, responder's). */
constexpr uint64_t IKE_SPI_I = 0x1122334455667788;
constexpr uint64_t IKE_SPI_R = 0x8877665544332211;

/**
 * \return SK_ei of that IKE SA: key | salt (AES-GCM-16-128, RFC 5282: 16 + 4 bytes), what
 * protects the messages the original initiator sends
 */
inline std::vector<uint8_t>
IkeSkEi()
{
    std::vector<uint8_t> k(20);
    for (std::size_t i = 0; i < k.size(); ++i)
    {
        k[i] = static_cast<uint8_t>(0x30 + i);
    }
    return k;
}

/** \return SK_er of that IKE SA: what protects the responder's messages */
inline std::vector<uint8_t>
IkeSkEr()
{
    std::vector<uint8_t> k(20);
    for (std::size_t i = 0; i < k.size(); ++i)
    {
        k[i] = static_cast<uint8_t>(0x70 + i);
    }
    return k;
}

} // namespace tcpencapfuzz

#endif /* TCP_ENCAP_FUZZ_KEYS_H */
