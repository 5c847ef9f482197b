/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-prf.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkePrf");

const char*
ToString(PrfAlgorithm algorithm)
{
    return algorithm == PrfAlgorithm::HMAC_SHA2_384 ? "hmac-sha2-384" : "hmac-sha2-256";
}

bool
ParsePrfAlgorithm(const std::string& name, PrfAlgorithm& algorithm)
{
    if (name == "hmac-sha2-256")
    {
        algorithm = PrfAlgorithm::HMAC_SHA2_256;
        return true;
    }
    if (name == "hmac-sha2-384")
    {
        algorithm = PrfAlgorithm::HMAC_SHA2_384;
        return true;
    }
    return false;
}

void
IkePrf::MacDeleter::operator()(evp_mac_st* mac) const
{
    EVP_MAC_free(mac);
}

void
IkePrf::CtxDeleter::operator()(evp_mac_ctx_st* ctx) const
{
    EVP_MAC_CTX_free(ctx);
}

IkePrf::IkePrf(PrfAlgorithm algorithm)
    : m_algorithm(algorithm)
    , m_outputSize(algorithm == PrfAlgorithm::HMAC_SHA2_384 ? 48 : 32)
    , m_mac(EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr))
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_mac, "OpenSSL provides no HMAC");
    m_ctx.reset(EVP_MAC_CTX_new(m_mac.get()));
    NS_ABORT_MSG_IF(!m_ctx, "OpenSSL could not allocate a MAC context");
    // The digest is chosen once; each computation only sets its key.
    const char* digest = algorithm == PrfAlgorithm::HMAC_SHA2_384 ? "SHA384" : "SHA256";
    // OSSL_PARAM takes a non-const pointer but only reads the name.
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digest), 0),
        OSSL_PARAM_construct_end(),
    };
    NS_ABORT_MSG_IF(EVP_MAC_CTX_set_params(m_ctx.get(), params) != 1,
                    "OpenSSL refused the HMAC digest " << digest);
}

IkePrf::~IkePrf() = default;

PrfAlgorithm
IkePrf::GetAlgorithm() const
{
    return m_algorithm;
}

std::size_t
IkePrf::GetOutputSize() const
{
    return m_outputSize;
}

void
IkePrf::Start(const uint8_t* key, std::size_t keyLen)
{
    NS_LOG_FUNCTION(this);
    // EVP_MAC_init treats an empty key as "keep the previous key". HMAC pads its key with
    // zeros to the block size, so the empty key and the one-byte key 0x00 are the same key.
    static const uint8_t zero = 0;
    if (keyLen == 0)
    {
        key = &zero;
        keyLen = 1;
    }
    NS_ABORT_MSG_IF(EVP_MAC_init(m_ctx.get(), key, keyLen, nullptr) != 1,
                    "OpenSSL refused an HMAC key");
}

void
IkePrf::Update(const uint8_t* data, std::size_t len)
{
    NS_LOG_FUNCTION(this);
    if (len > 0)
    {
        NS_ABORT_MSG_IF(EVP_MAC_update(m_ctx.get(), data, len) != 1, "HMAC update failed");
    }
}

void
IkePrf::Update(const std::vector<uint8_t>& data)
{
    NS_LOG_FUNCTION(this);
    Update(data.data(), data.size());
}

void
IkePrf::Finish(uint8_t* out)
{
    NS_LOG_FUNCTION(this);
    std::size_t outLen = 0;
    NS_ABORT_MSG_IF(EVP_MAC_final(m_ctx.get(), out, &outLen, m_outputSize) != 1
                        || outLen != m_outputSize,
                    "HMAC final failed");
}

std::vector<uint8_t>
IkePrf::Compute(const std::vector<uint8_t>& key, const std::vector<uint8_t>& data)
{
    NS_LOG_FUNCTION(this);
    std::vector<uint8_t> out(m_outputSize);
    Start(key.data(), key.size());
    Update(data);
    Finish(out.data());
    return out;
}

std::vector<uint8_t>
IkePrf::PrfPlus(const std::vector<uint8_t>& key,
                const std::vector<uint8_t>& seed,
                std::size_t length)
{
    NS_LOG_FUNCTION(this);
    // RFC 7296 §2.13: the counter is one octet, so at most 255 blocks.
    NS_ABORT_MSG_IF(length > 255 * m_outputSize,
                    "prf+ asked for " << length << " bytes, more than 255 blocks");
    std::vector<uint8_t> out;
    out.reserve(length + m_outputSize);
    std::vector<uint8_t> block(m_outputSize);
    for (unsigned n = 1; out.size() < length; ++n)
    {
        Start(key.data(), key.size());
        if (n > 1)
        {
            Update(block); // T(n-1)
        }
        Update(seed);
        const uint8_t counter = static_cast<uint8_t>(n);
        Update(&counter, 1);
        Finish(block.data());
        out.insert(out.end(), block.begin(), block.end());
    }
    out.resize(length);
    return out;
}

} // namespace ns3
