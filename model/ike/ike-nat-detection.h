/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_NAT_DETECTION_H
#define TCP_ENCAP_IKE_NAT_DETECTION_H

#include "ns3/inet-socket-address.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief The Notification Data of NAT_DETECTION_SOURCE_IP and NAT_DETECTION_DESTINATION_IP
 * (RFC 7296 §2.23): SHA-1(SPIi | SPIr | IP address | port), with SPIr zero in IKE_SA_INIT
 * requests. Over TCP the address and port are the connection's (RFC 9329 §6.3).
 * \param spiI initiator SPI
 * \param spiR responder SPI (0 in the request)
 * \param address the address and port hashed
 * \return the 20-byte hash
 */
std::vector<uint8_t> IkeNatDetectionHash(uint64_t spiI,
                                         uint64_t spiR,
                                         const InetSocketAddress& address);

} // namespace ns3

#endif /* TCP_ENCAP_IKE_NAT_DETECTION_H */
