/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// RAND_set_rand_method and RAND_METHOD are deprecated in OpenSSL 3.0 and still work there.
#define OPENSSL_SUPPRESS_DEPRECATED

#include "deterministic-random.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/rng-seed-manager.h"

#include <cstring>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DeterministicRandom");

namespace
{
DeterministicRandom* g_current = nullptr; //!< generator of the innermost Scope
uint64_t g_unscopedDraws = 0;             //!< draws outside any Scope

/** The fallback generator for draws outside any Scope, re-derived when seed or run change. */
DeterministicRandom&
Fallback()
{
    static std::unique_ptr<DeterministicRandom> generator;
    static uint64_t seed = 0;
    static uint64_t run = 0;
    if (!generator || seed != RngSeedManager::GetSeed() || run != RngSeedManager::GetRun())
    {
        seed = RngSeedManager::GetSeed();
        run = RngSeedManager::GetRun();
        uint8_t input[32] = "tcp-encap unscoped";
        for (int i = 0; i < 8; ++i)
        {
            input[16 + i] = static_cast<uint8_t>(seed >> (8 * i));
            input[24 + i] = static_cast<uint8_t>(run >> (8 * i));
        }
        std::array<uint8_t, DeterministicRandom::SEED_SIZE> key{};
        unsigned int len = 0;
        NS_ABORT_UNLESS(EVP_Digest(input, sizeof(input), key.data(), &len, EVP_sha256(), nullptr)
                        == 1);
        generator = std::make_unique<DeterministicRandom>(key);
    }
    return *generator;
}

/** RAND_METHOD bytes and pseudorand: always succeed. */
int
RandBytes(unsigned char* buf, int num)
{
    if (num > 0)
    {
        DeterministicRandom::Draw(buf, static_cast<size_t>(num));
    }
    return 1;
}

/** RAND_METHOD seed: nothing to mix in. */
int
RandSeed(const void* /* buf */, int /* num */)
{
    return 1;
}

/** RAND_METHOD add: nothing to mix in. */
int
RandAdd(const void* /* buf */, int /* num */, double /* entropy */)
{
    return 1;
}

/** RAND_METHOD status: always seeded. */
int
RandStatus()
{
    return 1;
}

/** The method installed into OpenSSL. */
const RAND_METHOD g_method = {RandSeed, RandBytes, nullptr, RandAdd, RandBytes, RandStatus};
} // namespace

void
DeterministicRandom::CtxFree::operator()(evp_cipher_ctx_st* ctx) const
{
    EVP_CIPHER_CTX_free(ctx);
}

DeterministicRandom::DeterministicRandom(const std::array<uint8_t, SEED_SIZE>& seed)
    : m_ctx(EVP_CIPHER_CTX_new())
{
    NS_LOG_FUNCTION(this);
    static const uint8_t iv[16] = {};
    NS_ABORT_MSG_UNLESS(
        m_ctx && EVP_EncryptInit_ex(m_ctx.get(), EVP_aes_256_ctr(), nullptr, seed.data(), iv) == 1,
        "cannot set up AES-256-CTR for the deterministic generator");
}

DeterministicRandom::~DeterministicRandom()
{
    NS_LOG_FUNCTION(this);
    if (g_current == this)
    {
        g_current = nullptr;
    }
}

void
DeterministicRandom::Generate(uint8_t* out, size_t size)
{
    NS_LOG_FUNCTION(this << size);
    std::memset(out, 0, size);
    while (size > 0)
    {
        int chunk = static_cast<int>(std::min<size_t>(size, 1 << 30));
        int len = 0;
        NS_ABORT_UNLESS(EVP_EncryptUpdate(m_ctx.get(), out, &len, out, chunk) == 1);
        out += chunk;
        size -= chunk;
        m_generated += chunk;
    }
}

uint64_t
DeterministicRandom::GetBytesGenerated() const
{
    return m_generated;
}

DeterministicRandom::Scope::Scope(DeterministicRandom* generator)
    : m_previous(g_current)
{
    g_current = generator;
}

DeterministicRandom::Scope::~Scope()
{
    g_current = m_previous;
}

void
DeterministicRandom::InstallAsOpenSslRand()
{
    NS_LOG_FUNCTION_NOARGS();
    static bool installed = false;
    if (!installed)
    {
        NS_ABORT_MSG_UNLESS(RAND_set_rand_method(&g_method) == 1,
                            "cannot install the deterministic RAND method");
        installed = true;
    }
}

uint64_t
DeterministicRandom::GetUnscopedDraws()
{
    return g_unscopedDraws;
}

void
DeterministicRandom::Draw(uint8_t* out, size_t size)
{
    NS_LOG_FUNCTION(size);
    if (g_current)
    {
        g_current->Generate(out, size);
        return;
    }
    ++g_unscopedDraws;
    NS_LOG_WARN("OpenSSL drew " << size << " random bytes outside any scope");
    Fallback().Generate(out, size);
}

} // namespace ns3
