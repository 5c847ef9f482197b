/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_ESP_SA_H
#define TCP_ENCAP_ESP_SA_H

#include "ns3/aes-gcm.h"
#include "ns3/esp-replay-window.h"
#include "ns3/esp-status.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief ESP transforms this model implements (IKEv2 ENCR ids 20 with 128/256-bit keys).
 */
enum class EspCipher : uint8_t
{
    AES_GCM_16_128, //!< AES-GCM, 16-byte ICV, 128-bit key (RFC 4106)
    AES_GCM_16_256, //!< AES-GCM, 16-byte ICV, 256-bit key (RFC 4106)
};

/**
 * \param cipher a transform
 * \return bytes of key material it takes: key plus the 4-byte salt (RFC 4106 §8.1)
 */
std::size_t GetKeyMaterialSize(EspCipher cipher);

/**
 * \param name "aes-gcm-128" or "aes-gcm-256"
 * \param[out] cipher the transform, when the name is known
 * \return whether the name is known
 */
bool ParseEspCipher(const std::string& name, EspCipher& cipher);

/**
 * \ingroup tcp-encap
 * \brief What an ESP SA is made of, as key management (IKEv2, or manual keying) hands it over.
 */
struct EspSaParams
{
    uint32_t spi{0};                             //!< Security Parameters Index, never 0
    EspCipher cipher{EspCipher::AES_GCM_16_128}; //!< transform
    std::vector<uint8_t> keyMaterial;            //!< key | salt(4)
    bool esn{false};                             //!< 64-bit extended sequence numbers
    uint32_t replayWindow{64};                   //!< anti-replay window, packets (inbound)
};

/**
 * \ingroup tcp-encap
 * \brief One ESP security association in tunnel mode with AES-GCM (RFC 4303, RFC 4106).
 *
 * Wire format: SPI(4) | Seq(4) | IV(8) | ciphertext of (payload | padding 1,2,3.. |
 * pad length | next header), a multiple of 4 bytes | ICV(16). The IV is the 64-bit
 * sequence number, nonce = salt | IV, AAD = SPI | Seq (with ESN, SPI | Seq-high | Seq-low).
 *
 * An outbound SA seals, an inbound SA opens and keeps the anti-replay window. The cipher
 * contexts and the work buffer are made once per SA: per packet only the resulting ns-3
 * Packet is allocated.
 */
class EspSa : public SimpleRefCount<EspSa>
{
  public:
    static constexpr uint32_t HEADER_SIZE = 8;     //!< SPI and sequence number
    static constexpr uint32_t IV_SIZE = 8;         //!< explicit IV
    static constexpr uint32_t TRAILER_SIZE = 2;    //!< pad length and next header
    static constexpr uint32_t ICV_SIZE = 16;       //!< AES-GCM-16 tag
    static constexpr uint8_t NEXT_HEADER_IPV4 = 4; //!< IP-in-IP: tunnel mode, IPv4 inner

    /** \param params SPI, transform, keys, options; a bad key size aborts with a message */
    explicit EspSa(const EspSaParams& params);

    /** \return the SPI */
    uint32_t GetSpi() const;

    /** \return what the SA was made of (SPI, transform, key material): for key logs */
    const EspSaParams& GetParams() const;

    /** \return whether the SA uses extended sequence numbers */
    bool IsEsn() const;

    /**
     * \brief Seal an inner packet into an ESP packet.
     * \param inner the payload (the whole inner IPv4 packet in tunnel mode)
     * \param nextHeader protocol of the payload
     * \param[out] esp the ESP packet, set when OK is returned
     * \return OK, SEQUENCE_EXHAUSTED or CRYPTO_ERROR
     */
    EspStatus Seal(Ptr<const Packet> inner, uint8_t nextHeader, Ptr<Packet>& esp);

    /**
     * \brief Check, verify and decrypt a received ESP packet, RFC order: replay check, ICV,
     * then window update.
     * \param data the ESP packet, starting at the SPI
     * \param len its length
     * \param[out] inner the payload, set when OK is returned
     * \param[out] nextHeader protocol of the payload
     * \return OK or the reason for the drop
     */
    EspStatus Open(const uint8_t* data, std::size_t len, Ptr<Packet>& inner, uint8_t& nextHeader);

    /** \param payloadSize inner packet size \return exact size of its ESP packet */
    static uint32_t GetSealedSize(uint32_t payloadSize);

    /**
     * \param espSize largest ESP packet the transport carries
     * \return largest payload whose ESP packet fits (the tunnel MTU), 0 if none does
     */
    static uint32_t GetMaxPayloadSize(uint32_t espSize);

    /** \return the sequence number the next Seal uses (starts at 1) */
    uint64_t GetNextSequence() const;

    /**
     * \brief Continue the send sequence from a given number: for tests of the limit and for
     * modelling long-lived SAs. Must be at least 1.
     * \param seq the next sequence number to send
     */
    void SetNextSequence(uint64_t seq);

    /** \return payload bytes sealed or opened successfully (for byte lifetimes) */
    uint64_t GetBytes() const;

    /** \return counts by status of this SA's Seal or Open calls */
    const EspCounters& GetCounters() const;

    /** \return the anti-replay window (inbound) */
    const EspReplayWindow& GetReplayWindow() const;

  private:
    /**
     * \param seq the full sequence number
     * \param aad buffer for the AAD
     * \return AAD length (8, or 12 with ESN)
     */
    std::size_t BuildAad(uint64_t seq, uint8_t* aad) const;

    EspSaParams m_params;                            //!< as handed over
    uint32_t m_spi;                                  //!< SPI
    bool m_esn;                                      //!< extended sequence numbers
    AesGcm m_aead;                                   //!< keyed cipher
    std::array<uint8_t, AesGcm::NONCE_SIZE> m_nonce; //!< salt, then the IV of each packet
    uint64_t m_nextSeq;                              //!< next sequence number to send
    EspReplayWindow m_window;                        //!< receiver anti-replay state
    EspCounters m_counters;                          //!< outcomes
    uint64_t m_bytes{0};                             //!< payload bytes sealed or opened
    std::vector<uint8_t> m_buf;                      //!< work buffer, grows to the largest packet
};

} // namespace ns3

#endif /* TCP_ENCAP_ESP_SA_H */
