/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "esp-sa.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EspSa");

namespace
{

constexpr std::size_t SALT_SIZE = 4;

void
WriteU32(uint8_t* p, uint32_t v)
{
    p[0] = static_cast<uint8_t>(v >> 24);
    p[1] = static_cast<uint8_t>(v >> 16);
    p[2] = static_cast<uint8_t>(v >> 8);
    p[3] = static_cast<uint8_t>(v);
}

uint32_t
ReadU32(const uint8_t* p)
{
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

std::vector<uint8_t>
KeyOf(const EspSaParams& params)
{
    std::size_t want = GetKeyMaterialSize(params.cipher);
    NS_ABORT_MSG_IF(params.keyMaterial.size() != want,
                    "ESP SA 0x" << std::hex << params.spi << std::dec << ": key material must be "
                                << want << " bytes (key and 4-byte salt), got "
                                << params.keyMaterial.size());
    return {params.keyMaterial.begin(), params.keyMaterial.end() - SALT_SIZE};
}

} // namespace

std::size_t
GetKeyMaterialSize(EspCipher cipher)
{
    return (cipher == EspCipher::AES_GCM_16_256 ? 32 : 16) + SALT_SIZE;
}

bool
ParseEspCipher(const std::string& name, EspCipher& cipher)
{
    if (name == "aes-gcm-128")
    {
        cipher = EspCipher::AES_GCM_16_128;
        return true;
    }
    if (name == "aes-gcm-256")
    {
        cipher = EspCipher::AES_GCM_16_256;
        return true;
    }
    return false;
}

EspSa::EspSa(const EspSaParams& params)
    : m_params(params)
    , m_spi(params.spi)
    , m_esn(params.esn)
    , m_aead(KeyOf(params))
    , m_nonce{}
    , m_nextSeq(1)
    , m_window(params.replayWindow, params.esn)
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(params.spi == 0, "ESP SPI 0 is reserved (RFC 4303 §2.1)");
    std::copy(params.keyMaterial.end() - SALT_SIZE, params.keyMaterial.end(), m_nonce.begin());
    m_buf.resize(2048);
}

uint32_t
EspSa::GetSpi() const
{
    return m_spi;
}

const EspSaParams&
EspSa::GetParams() const
{
    return m_params;
}

bool
EspSa::IsEsn() const
{
    return m_esn;
}

uint64_t
EspSa::GetNextSequence() const
{
    return m_nextSeq;
}

void
EspSa::SetNextSequence(uint64_t seq)
{
    NS_LOG_FUNCTION(this << seq);
    NS_ABORT_MSG_IF(seq == 0, "ESP sequence numbers start at 1");
    m_nextSeq = seq;
}

uint64_t
EspSa::GetBytes() const
{
    return m_bytes;
}

const EspCounters&
EspSa::GetCounters() const
{
    return m_counters;
}

const EspReplayWindow&
EspSa::GetReplayWindow() const
{
    return m_window;
}

uint32_t
EspSa::GetSealedSize(uint32_t payloadSize)
{
    uint32_t encrypted = (payloadSize + TRAILER_SIZE + 3) / 4 * 4;
    return HEADER_SIZE + IV_SIZE + encrypted + ICV_SIZE;
}

uint32_t
EspSa::GetMaxPayloadSize(uint32_t espSize)
{
    uint32_t fixed = HEADER_SIZE + IV_SIZE + ICV_SIZE + TRAILER_SIZE;
    if (espSize < fixed + 2)
    {
        return 0;
    }
    uint32_t encrypted = (espSize - HEADER_SIZE - IV_SIZE - ICV_SIZE) / 4 * 4;
    return encrypted - TRAILER_SIZE;
}

std::size_t
EspSa::BuildAad(uint64_t seq, uint8_t* aad) const
{
    WriteU32(aad, m_spi);
    if (m_esn)
    {
        WriteU32(aad + 4, static_cast<uint32_t>(seq >> 32));
        WriteU32(aad + 8, static_cast<uint32_t>(seq));
        return 12;
    }
    WriteU32(aad + 4, static_cast<uint32_t>(seq));
    return 8;
}

EspStatus
EspSa::Seal(Ptr<const Packet> inner, uint8_t nextHeader, Ptr<Packet>& esp)
{
    NS_LOG_FUNCTION(this << inner << nextHeader);
    uint64_t seq = m_nextSeq;
    uint64_t limit = m_esn ? UINT64_MAX : UINT32_MAX;
    if (seq == 0 || seq > limit)
    {
        // RFC 4303 §3.3.3: the counter must not cycle; a new SA is needed.
        m_counters.Count(EspStatus::SEQUENCE_EXHAUSTED);
        NS_LOG_LOGIC("SA 0x" << std::hex << m_spi << std::dec << ": SEQUENCE_EXHAUSTED");
        return EspStatus::SEQUENCE_EXHAUSTED;
    }
    uint32_t payload = inner->GetSize();
    uint32_t total = GetSealedSize(payload);
    uint32_t encrypted = total - HEADER_SIZE - IV_SIZE - ICV_SIZE;
    if (m_buf.size() < total)
    {
        m_buf.resize(total);
    }
    uint8_t* p = m_buf.data();
    WriteU32(p, m_spi);
    WriteU32(p + 4, static_cast<uint32_t>(seq));
    WriteU32(p + 8, static_cast<uint32_t>(seq >> 32));
    WriteU32(p + 12, static_cast<uint32_t>(seq));
    uint8_t* clear = p + HEADER_SIZE + IV_SIZE;
    inner->CopyData(clear, payload);
    uint8_t padLen = static_cast<uint8_t>(encrypted - payload - TRAILER_SIZE);
    for (uint8_t i = 0; i < padLen; ++i)
    {
        clear[payload + i] = i + 1; // RFC 4303 §2.4 default padding
    }
    clear[encrypted - 2] = padLen;
    clear[encrypted - 1] = nextHeader;

    std::copy(p + HEADER_SIZE, p + HEADER_SIZE + IV_SIZE, m_nonce.begin() + SALT_SIZE);
    uint8_t aad[12];
    std::size_t aadLen = BuildAad(seq, aad);
    if (!m_aead.Seal(m_nonce.data(), aad, aadLen, clear, encrypted, clear))
    {
        m_counters.Count(EspStatus::CRYPTO_ERROR);
        NS_LOG_LOGIC("SA 0x" << std::hex << m_spi << std::dec << ": CRYPTO_ERROR");
        return EspStatus::CRYPTO_ERROR;
    }
    m_nextSeq = seq + 1; // wraps to 0 after UINT64_MAX, refused above
    esp = Create<Packet>(p, total);
    m_bytes += inner->GetSize();
    m_counters.Count(EspStatus::OK);
    return EspStatus::OK;
}

EspStatus
EspSa::Open(const uint8_t* data, std::size_t len, Ptr<Packet>& inner, uint8_t& nextHeader)
{
    NS_LOG_FUNCTION(this);
    const std::size_t fixed = HEADER_SIZE + IV_SIZE + ICV_SIZE;
    if (len < fixed + 4 || (len - fixed) % 4 != 0 || ReadU32(data) != m_spi)
    {
        m_counters.Count(EspStatus::MALFORMED);
        NS_LOG_LOGIC("SA 0x" << std::hex << m_spi << std::dec << ": MALFORMED");
        return EspStatus::MALFORMED;
    }
    uint64_t seq = 0;
    switch (m_window.Check(ReadU32(data + 4), seq))
    {
        case EspReplayWindow::TOO_OLD:
            m_counters.Count(EspStatus::TOO_OLD);
            NS_LOG_LOGIC("SA 0x" << std::hex << m_spi << std::dec << ": TOO_OLD");
            return EspStatus::TOO_OLD;
        case EspReplayWindow::DUPLICATE:
            m_counters.Count(EspStatus::REPLAY);
            NS_LOG_LOGIC("SA 0x" << std::hex << m_spi << std::dec << ": REPLAY");
            return EspStatus::REPLAY;
        case EspReplayWindow::FRESH:
            break;
    }
    std::size_t encrypted = len - fixed;
    if (m_buf.size() < encrypted)
    {
        m_buf.resize(encrypted);
    }
    std::copy(data + HEADER_SIZE, data + HEADER_SIZE + IV_SIZE, m_nonce.begin() + SALT_SIZE);
    uint8_t aad[12];
    std::size_t aadLen = BuildAad(seq, aad);
    uint8_t* clear = m_buf.data();
    if (!m_aead.Open(m_nonce.data(),
                     aad,
                     aadLen,
                     data + HEADER_SIZE + IV_SIZE,
                     encrypted,
                     data + len - ICV_SIZE,
                     clear))
    {
        m_counters.Count(EspStatus::ICV_FAILURE);
        NS_LOG_LOGIC("SA 0x" << std::hex << m_spi << std::dec << ": ICV_FAILURE");
        return EspStatus::ICV_FAILURE;
    }
    m_window.Accept(seq); // only authenticated packets move the window
    uint8_t padLen = clear[encrypted - 2];
    if (padLen + TRAILER_SIZE > encrypted)
    {
        m_counters.Count(EspStatus::BAD_PADDING);
        NS_LOG_LOGIC("SA 0x" << std::hex << m_spi << std::dec << ": BAD_PADDING");
        return EspStatus::BAD_PADDING;
    }
    std::size_t payload = encrypted - TRAILER_SIZE - padLen;
    for (uint8_t i = 0; i < padLen; ++i)
    {
        if (clear[payload + i] != i + 1)
        {
            m_counters.Count(EspStatus::BAD_PADDING);
            NS_LOG_LOGIC("SA 0x" << std::hex << m_spi << std::dec << ": BAD_PADDING");
            return EspStatus::BAD_PADDING;
        }
    }
    nextHeader = clear[encrypted - 1];
    inner = Create<Packet>(clear, static_cast<uint32_t>(payload));
    m_bytes += payload;
    m_counters.Count(EspStatus::OK);
    return EspStatus::OK;
}

} // namespace ns3
