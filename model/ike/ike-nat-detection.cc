/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-nat-detection.h"

#include "ns3/abort.h"
#include "ns3/ike-constants.h"
#include "ns3/ike-payload-util.h"
#include "ns3/log.h"

#include <openssl/evp.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeNatDetection");

std::vector<uint8_t>
IkeNatDetectionHash(uint64_t spiI, uint64_t spiR, const InetSocketAddress& address)
{
    uint8_t input[8 + 8 + 4 + 2];
    for (int i = 0; i < 8; ++i)
    {
        input[i] = static_cast<uint8_t>(spiI >> (56 - 8 * i));
        input[8 + i] = static_cast<uint8_t>(spiR >> (56 - 8 * i));
    }
    address.GetIpv4().Serialize(input + 16);
    input[20] = static_cast<uint8_t>(address.GetPort() >> 8);
    input[21] = static_cast<uint8_t>(address.GetPort());
    std::vector<uint8_t> hash(20);
    unsigned int len = 0;
    int ok = EVP_Digest(input, sizeof(input), hash.data(), &len, EVP_sha1(), nullptr);
    NS_ABORT_MSG_IF(ok != 1 || len != hash.size(), "OpenSSL SHA-1 failed");
    return hash;
}

void
IkeAddNatDetection(std::vector<IkePayload>& payloads,
                   uint64_t spiI,
                   uint64_t spiR,
                   const InetSocketAddress& local,
                   const InetSocketAddress& peer)
{
    payloads.push_back(
        ike::MakeNotify(ike::NAT_DETECTION_SOURCE_IP, IkeNatDetectionHash(spiI, spiR, local)));
    payloads.push_back(
        ike::MakeNotify(ike::NAT_DETECTION_DESTINATION_IP, IkeNatDetectionHash(spiI, spiR, peer)));
}

IkeNatVerdict
IkeCheckNatDetection(const std::vector<IkePayload>& payloads,
                     uint64_t spiI,
                     uint64_t spiR,
                     const InetSocketAddress& local,
                     const InetSocketAddress& from)
{
    IkeNatVerdict verdict;
    const IkeNotifyPayload* src = ike::FindNotify(payloads, ike::NAT_DETECTION_SOURCE_IP);
    const IkeNotifyPayload* dst = ike::FindNotify(payloads, ike::NAT_DETECTION_DESTINATION_IP);
    if (!src || !dst)
    {
        return verdict;
    }
    verdict.present = true;
    verdict.peerBehindNat = src->data != IkeNatDetectionHash(spiI, spiR, from);
    verdict.selfBehindNat = dst->data != IkeNatDetectionHash(spiI, spiR, local);
    NS_LOG_INFO("NAT detection: peer behind NAT " << verdict.peerBehindNat << ", this side "
                                                  << verdict.selfBehindNat);
    return verdict;
}

} // namespace ns3
