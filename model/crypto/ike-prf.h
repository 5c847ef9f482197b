/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_IKE_PRF_H
#define TCP_ENCAP_IKE_PRF_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct evp_mac_st;
struct evp_mac_ctx_st;

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief The IKEv2 pseudo-random functions modelled, by IANA Transform Type 2 ID (RFC 4868).
 */
enum class PrfAlgorithm : uint16_t
{
    HMAC_SHA2_256 = 5, //!< PRF_HMAC_SHA2_256, 32-byte output and preferred key size
    HMAC_SHA2_384 = 6, //!< PRF_HMAC_SHA2_384, 48-byte output and preferred key size
};

/**
 * \param algorithm a PRF
 * \return its name, e.g. "hmac-sha2-256"
 */
const char* ToString(PrfAlgorithm algorithm);

/**
 * \param name "hmac-sha2-256" or "hmac-sha2-384"
 * \param[out] algorithm the PRF, when the name is known
 * \return whether the name is known
 */
bool ParsePrfAlgorithm(const std::string& name, PrfAlgorithm& algorithm);

/**
 * \ingroup tcp-encap
 * \brief The IKEv2 prf (HMAC-SHA-256 or -384, RFC 2104 / RFC 4868) and prf+ (RFC 7296 §2.13),
 * over OpenSSL's EVP_MAC.
 *
 * The MAC and its context are created once; each computation only re-keys the context.
 * Calls are incremental (Start, Update, Finish) so that callers hash concatenations such as
 * Ni | Nr | SPIi | SPIr without building them, or at once (Compute).
 */
class IkePrf
{
  public:
    /** \param algorithm the PRF; OpenSSL failing to provide it aborts with a message */
    explicit IkePrf(PrfAlgorithm algorithm);
    ~IkePrf();
    IkePrf(const IkePrf&) = delete;
    IkePrf& operator=(const IkePrf&) = delete;

    /** \return the algorithm */
    PrfAlgorithm GetAlgorithm() const;

    /** \return the output size in bytes, also the preferred key size (RFC 7296 §2.13) */
    std::size_t GetOutputSize() const;

    /**
     * \brief Begin prf(key, ...).
     * \param key the key (any length, empty included)
     * \param keyLen its length
     */
    void Start(const uint8_t* key, std::size_t keyLen);

    /**
     * \brief Feed data to the computation begun by Start.
     * \param data bytes
     * \param len how many
     */
    void Update(const uint8_t* data, std::size_t len);

    /** \param data bytes to feed */
    void Update(const std::vector<uint8_t>& data);

    /**
     * \brief End the computation.
     * \param out receives GetOutputSize() bytes
     */
    void Finish(uint8_t* out);

    /**
     * \param key the key
     * \param data the data
     * \return prf(key, data)
     */
    std::vector<uint8_t> Compute(const std::vector<uint8_t>& key, const std::vector<uint8_t>& data);

    /**
     * \brief prf+ (RFC 7296 §2.13): T1 | T2 | ... truncated, T1 = prf(K, S | 0x01),
     * Tn = prf(K, Tn-1 | S | n).
     * \param key K
     * \param seed S
     * \param length bytes wanted, at most 255 * GetOutputSize() (more aborts: the counter is
     * one byte)
     * \return the first length bytes of the stream
     */
    std::vector<uint8_t> PrfPlus(const std::vector<uint8_t>& key,
                                 const std::vector<uint8_t>& seed,
                                 std::size_t length);

  private:
    /** Frees an OpenSSL MAC. */
    struct MacDeleter
    {
        /** \param mac the MAC to free */
        void operator()(evp_mac_st* mac) const;
    };

    /** Frees an OpenSSL MAC context. */
    struct CtxDeleter
    {
        /** \param ctx the context to free */
        void operator()(evp_mac_ctx_st* ctx) const;
    };

    PrfAlgorithm m_algorithm;                          //!< which HMAC
    std::size_t m_outputSize;                          //!< 32 or 48
    std::unique_ptr<evp_mac_st, MacDeleter> m_mac;     //!< the HMAC implementation
    std::unique_ptr<evp_mac_ctx_st, CtxDeleter> m_ctx; //!< reused for every computation
};

} // namespace ns3

#endif /* TCP_ENCAP_IKE_PRF_H */
