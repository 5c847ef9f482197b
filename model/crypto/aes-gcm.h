/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_AES_GCM_H
#define TCP_ENCAP_AES_GCM_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

struct evp_cipher_ctx_st;

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief AES-GCM with a 16-byte tag and a 12-byte nonce (NIST SP 800-38D), over OpenSSL EVP.
 *
 * The key is fixed at construction; the two OpenSSL contexts (seal, open) are created once
 * and reused for every message, so sealing or opening allocates nothing.
 * Used by ESP (RFC 4106) and by the IKEv2 SK payload (RFC 5282).
 */
class AesGcm
{
  public:
    static constexpr std::size_t TAG_SIZE = 16;   //!< ICV length (AES-GCM-16)
    static constexpr std::size_t NONCE_SIZE = 12; //!< salt (4) | IV (8)

    /**
     * \param key 16 bytes (AES-128) or 32 bytes (AES-256); other sizes abort with a message.
     */
    explicit AesGcm(const std::vector<uint8_t>& key);
    ~AesGcm();
    AesGcm(const AesGcm&) = delete;
    AesGcm& operator=(const AesGcm&) = delete;

    /**
     * \brief Encrypt and authenticate.
     * \param nonce NONCE_SIZE bytes
     * \param aad additional authenticated data
     * \param aadLen its length
     * \param in plaintext (may equal out: in-place)
     * \param len plaintext length
     * \param out receives len bytes of ciphertext followed by TAG_SIZE bytes of tag
     * \return false only if OpenSSL reports an internal error
     */
    bool Seal(const uint8_t* nonce,
              const uint8_t* aad,
              std::size_t aadLen,
              const uint8_t* in,
              std::size_t len,
              uint8_t* out);

    /**
     * \brief Verify and decrypt.
     * \param nonce NONCE_SIZE bytes
     * \param aad additional authenticated data
     * \param aadLen its length
     * \param in ciphertext (may equal out: in-place)
     * \param len ciphertext length, without the tag
     * \param tag TAG_SIZE bytes
     * \param out receives len bytes of plaintext; undefined content when false is returned
     * \return true if the tag verifies
     */
    bool Open(const uint8_t* nonce,
              const uint8_t* aad,
              std::size_t aadLen,
              const uint8_t* in,
              std::size_t len,
              const uint8_t* tag,
              uint8_t* out);

    /** \return the key length in bytes */
    std::size_t GetKeySize() const;

  private:
    /** Frees an OpenSSL cipher context. */
    struct CtxDeleter
    {
        /** \param ctx the context to free */
        void operator()(evp_cipher_ctx_st* ctx) const;
    };

    using CtxPtr = std::unique_ptr<evp_cipher_ctx_st, CtxDeleter>; //!< owned context

    std::size_t m_keySize; //!< key length in bytes
    CtxPtr m_seal;         //!< context keyed for encryption
    CtxPtr m_open;         //!< context keyed for decryption
};

} // namespace ns3

#endif /* TCP_ENCAP_AES_GCM_H */
