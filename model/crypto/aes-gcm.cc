/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "aes-gcm.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <limits>
#include <openssl/evp.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("AesGcm");

namespace
{

const EVP_CIPHER*
CipherFor(std::size_t keySize)
{
    switch (keySize)
    {
        case 16:
            return EVP_aes_128_gcm();
        case 32:
            return EVP_aes_256_gcm();
        default:
            return nullptr;
    }
}

} // namespace

void
AesGcm::CtxDeleter::operator()(evp_cipher_ctx_st* ctx) const
{
    EVP_CIPHER_CTX_free(ctx);
}

AesGcm::AesGcm(const std::vector<uint8_t>& key)
    : m_keySize(key.size())
    , m_seal(EVP_CIPHER_CTX_new())
    , m_open(EVP_CIPHER_CTX_new())
{
    NS_LOG_FUNCTION(this);
    const EVP_CIPHER* cipher = CipherFor(key.size());
    NS_ABORT_MSG_IF(cipher == nullptr, "AES-GCM key must be 16 or 32 bytes, got " << key.size());
    NS_ABORT_MSG_IF(!m_seal || !m_open, "OpenSSL could not allocate a cipher context");
    // Key schedule once; each message only sets its nonce (default IV length is 12).
    NS_ABORT_MSG_IF(EVP_EncryptInit_ex(m_seal.get(), cipher, nullptr, key.data(), nullptr) != 1,
                    "OpenSSL refused the AES-GCM key");
    NS_ABORT_MSG_IF(EVP_DecryptInit_ex(m_open.get(), cipher, nullptr, key.data(), nullptr) != 1,
                    "OpenSSL refused the AES-GCM key");
}

AesGcm::~AesGcm() = default;

std::size_t
AesGcm::GetKeySize() const
{
    return m_keySize;
}

bool
AesGcm::Seal(const uint8_t* nonce,
             const uint8_t* aad,
             std::size_t aadLen,
             const uint8_t* in,
             std::size_t len,
             uint8_t* out)
{
    NS_LOG_FUNCTION(this);
    if (len > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    {
        return false;
    }
    EVP_CIPHER_CTX* ctx = m_seal.get();
    int outLen = 0;
    if (EVP_EncryptInit_ex(ctx, nullptr, nullptr, nullptr, nonce) != 1)
    {
        return false;
    }
    if (aadLen > 0 && EVP_EncryptUpdate(ctx, nullptr, &outLen, aad, static_cast<int>(aadLen)) != 1)
    {
        return false;
    }
    if (len > 0 && EVP_EncryptUpdate(ctx, out, &outLen, in, static_cast<int>(len)) != 1)
    {
        return false;
    }
    int finalLen = 0;
    if (EVP_EncryptFinal_ex(ctx, out + len, &finalLen) != 1)
    {
        return false;
    }
    return EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, TAG_SIZE, out + len) == 1;
}

bool
AesGcm::Open(const uint8_t* nonce,
             const uint8_t* aad,
             std::size_t aadLen,
             const uint8_t* in,
             std::size_t len,
             const uint8_t* tag,
             uint8_t* out)
{
    NS_LOG_FUNCTION(this);
    if (len > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    {
        return false;
    }
    EVP_CIPHER_CTX* ctx = m_open.get();
    int outLen = 0;
    if (EVP_DecryptInit_ex(ctx, nullptr, nullptr, nullptr, nonce) != 1)
    {
        return false;
    }
    if (aadLen > 0 && EVP_DecryptUpdate(ctx, nullptr, &outLen, aad, static_cast<int>(aadLen)) != 1)
    {
        return false;
    }
    if (len > 0 && EVP_DecryptUpdate(ctx, out, &outLen, in, static_cast<int>(len)) != 1)
    {
        return false;
    }
    // OpenSSL only reads the tag; the const_cast is its API's, not a write.
    if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, TAG_SIZE, const_cast<uint8_t*>(tag)) != 1)
    {
        return false;
    }
    int finalLen = 0;
    return EVP_DecryptFinal_ex(ctx, out + len, &finalLen) == 1;
}

} // namespace ns3
