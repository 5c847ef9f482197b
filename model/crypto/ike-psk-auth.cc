/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-psk-auth.h"

#include "ns3/log.h"

#include <cstring>
#include <openssl/crypto.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkePskAuth");

std::vector<uint8_t>
IkePskAuth::BuildSignedOctets(IkePrf& prf,
                              const std::vector<uint8_t>& realMessage,
                              const std::vector<uint8_t>& peerNonce,
                              const std::vector<uint8_t>& skP,
                              const std::vector<uint8_t>& idBody)
{
    NS_LOG_FUNCTION_NOARGS();
    std::vector<uint8_t> octets;
    octets.reserve(realMessage.size() + peerNonce.size() + prf.GetOutputSize());
    octets.insert(octets.end(), realMessage.begin(), realMessage.end());
    octets.insert(octets.end(), peerNonce.begin(), peerNonce.end());
    std::vector<uint8_t> macedId = prf.Compute(skP, idBody);
    octets.insert(octets.end(), macedId.begin(), macedId.end());
    return octets;
}

std::vector<uint8_t>
IkePskAuth::Compute(IkePrf& prf,
                    const std::vector<uint8_t>& psk,
                    const std::vector<uint8_t>& realMessage,
                    const std::vector<uint8_t>& peerNonce,
                    const std::vector<uint8_t>& skP,
                    const std::vector<uint8_t>& idBody)
{
    NS_LOG_FUNCTION_NOARGS();
    const std::vector<uint8_t> pad(KEY_PAD, KEY_PAD + std::strlen(KEY_PAD));
    std::vector<uint8_t> padKey = prf.Compute(psk, pad);
    std::vector<uint8_t> auth
        = prf.Compute(padKey, BuildSignedOctets(prf, realMessage, peerNonce, skP, idBody));
    std::fill(padKey.begin(), padKey.end(), 0);
    return auth;
}

bool
IkePskAuth::Verify(IkePrf& prf,
                   const std::vector<uint8_t>& psk,
                   const std::vector<uint8_t>& realMessage,
                   const std::vector<uint8_t>& peerNonce,
                   const std::vector<uint8_t>& skP,
                   const std::vector<uint8_t>& idBody,
                   const std::vector<uint8_t>& received)
{
    NS_LOG_FUNCTION_NOARGS();
    std::vector<uint8_t> expected = Compute(prf, psk, realMessage, peerNonce, skP, idBody);
    return received.size() == expected.size()
           && CRYPTO_memcmp(received.data(), expected.data(), expected.size()) == 0;
}

} // namespace ns3
