/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_TEST_HMAC_REFERENCE_H
#define TCP_ENCAP_TEST_HMAC_REFERENCE_H

#include <cstdint>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <vector>

namespace ns3
{
namespace tcpencaptest
{

/**
 * \brief HMAC straight from OpenSSL's one-shot API: the independent reference the PRF, key
 * schedule and AUTH tests compare the module's code against.
 * \param md digest
 * \param key key
 * \param data data
 * \return HMAC(key, data)
 */
inline std::vector<uint8_t>
Hmac(const EVP_MD* md, const std::vector<uint8_t>& key, const std::vector<uint8_t>& data)
{
    static const uint8_t none = 0; // OpenSSL wants a non-null pointer for an empty key
    std::vector<uint8_t> out(EVP_MAX_MD_SIZE);
    unsigned len = 0;
    HMAC(md,
         key.empty() ? &none : key.data(),
         key.size(),
         data.data(),
         data.size(),
         out.data(),
         &len);
    out.resize(len);
    return out;
}

} // namespace tcpencaptest
} // namespace ns3

#endif /* TCP_ENCAP_TEST_HMAC_REFERENCE_H */
