/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_DETERMINISTIC_RANDOM_H
#define TCP_ENCAP_DETERMINISTIC_RANDOM_H

#include "ns3/simple-ref-count.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>

struct evp_cipher_ctx_st;

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief A deterministic random bit generator (AES-256-CTR keystream) that stands in for
 * OpenSSL's RAND while the TLS code runs, so that key generation and handshakes are the same
 * for the same ns-3 seed and run.
 *
 * OpenSSL draws randomness from a process-wide source; InstallAsOpenSslRand replaces it (with
 * RAND_set_rand_method, deprecated in OpenSSL 3.0 but honoured by RAND_bytes_ex and
 * RAND_priv_bytes_ex, which every provider and libssl use). A Scope selects which generator
 * answers: each TLS transport owns one, seeded from its ns-3 random stream, and opens a Scope
 * around every OpenSSL call that may draw (context and key creation, handshake, read, write),
 * so what one transport draws never depends on another. A draw outside any Scope is served
 * by a fallback generator derived from RngSeedManager's seed and run, and counted.
 *
 * Not for security: the keystream is predictable from the simulation's seed by design. The
 * ESP code does not use OpenSSL's RAND at all (its keys come from the helper).
 */
class DeterministicRandom : public SimpleRefCount<DeterministicRandom>
{
  public:
    /** Seed size, bytes: the AES-256 key of the keystream. */
    static constexpr uint32_t SEED_SIZE = 32;

    /** \param seed key of the keystream */
    explicit DeterministicRandom(const std::array<uint8_t, SEED_SIZE>& seed);
    ~DeterministicRandom();

    DeterministicRandom(const DeterministicRandom&) = delete;
    DeterministicRandom& operator=(const DeterministicRandom&) = delete;

    /**
     * \brief Fill a buffer with the next keystream bytes.
     * \param out where
     * \param size how many
     */
    void Generate(uint8_t* out, size_t size);

    /** \return bytes generated so far */
    uint64_t GetBytesGenerated() const;

    /**
     * \brief While alive, OpenSSL's RAND draws from the given generator (scopes nest).
     */
    class Scope
    {
      public:
        /** \param generator the generator to draw from */
        explicit Scope(DeterministicRandom* generator);
        ~Scope();
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

      private:
        DeterministicRandom* m_previous; //!< restored on exit
    };

    /** \brief Make OpenSSL's RAND draw from these generators (once per process; idempotent). */
    static void InstallAsOpenSslRand();

    /** \return draws OpenSSL made outside any Scope since the process started */
    static uint64_t GetUnscopedDraws();

    /**
     * \brief Serve a draw: from the generator of the innermost Scope, else the fallback.
     * \param out where
     * \param size how many
     */
    static void Draw(uint8_t* out, size_t size);

  private:
    /** Frees the cipher context. */
    struct CtxFree
    {
        /** \param ctx the context */
        void operator()(evp_cipher_ctx_st* ctx) const;
    };

    std::unique_ptr<evp_cipher_ctx_st, CtxFree> m_ctx; //!< AES-256-CTR, encrypts zeros
    uint64_t m_generated{0};                           //!< bytes produced
};

} // namespace ns3

#endif /* TCP_ENCAP_DETERMINISTIC_RANDOM_H */
