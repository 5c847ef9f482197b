/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_NAT_DETECTION_H
#define TCP_ENCAP_IKE_NAT_DETECTION_H

#include "ns3/ike-payloads.h"
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

/**
 * \ingroup tcp-encap
 * \brief What a pair of NAT_DETECTION notifications says about a path (RFC 7296 §2.23).
 */
struct IkeNatVerdict
{
    bool present{false};       //!< both notifications were there (else nothing is known)
    bool peerBehindNat{false}; //!< the source hash is not the address the message came from
    bool selfBehindNat{false}; //!< the destination hash is not this side's own address
};

/**
 * \ingroup tcp-encap
 * \brief NAT_DETECTION_SOURCE_IP and NAT_DETECTION_DESTINATION_IP for one path as this side
 * sees it, appended to a payload chain.
 * \param payloads where to append them
 * \param spiI initiator SPI \param spiR responder SPI (0 in an IKE_SA_INIT request)
 * \param local this side's address and port on the path (over TCP, the connection's)
 * \param peer the peer's address and port on the path
 */
void IkeAddNatDetection(std::vector<IkePayload>& payloads,
                        uint64_t spiI,
                        uint64_t spiR,
                        const InetSocketAddress& local,
                        const InetSocketAddress& peer);

/**
 * \ingroup tcp-encap
 * \brief Compare received NAT_DETECTION hashes with the path the message came by.
 * \param payloads the message's payloads (outside SK in IKE_SA_INIT, inside it later)
 * \param spiI initiator SPI \param spiR responder SPI (0 for an IKE_SA_INIT request)
 * \param local this side's address and port on that path
 * \param from where the message came from, as this side sees it
 * \return the verdict; present is false without both notifications
 */
IkeNatVerdict IkeCheckNatDetection(const std::vector<IkePayload>& payloads,
                                   uint64_t spiI,
                                   uint64_t spiR,
                                   const InetSocketAddress& local,
                                   const InetSocketAddress& from);

} // namespace ns3

#endif /* TCP_ENCAP_IKE_NAT_DETECTION_H */
