/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_NON_ESP_MARKER_H
#define TCP_ENCAP_NON_ESP_MARKER_H

#include <cstdint>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief Constants shared by the encapsulations of IKE and ESP (RFC 3948, RFC 9329).
 */
/** Length of the non-ESP marker: four zero bytes in front of IKE messages. */
constexpr uint32_t NON_ESP_MARKER_SIZE = 4;

/** The single byte of a NAT-keepalive (RFC 3948 §2.3). */
constexpr uint8_t NAT_KEEPALIVE_BYTE = 0xFF;

/** The IANA port for IKE and ESP over UDP (RFC 3948) and over TCP (RFC 9329 §4). */
constexpr uint16_t IKE_NAT_T_PORT = 4500;

} // namespace ns3

#endif /* TCP_ENCAP_NON_ESP_MARKER_H */
