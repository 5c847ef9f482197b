/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-sk-protection.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeSkProtection");

const char*
ToString(IkeSkStatus s)
{
    switch (s)
    {
        case IkeSkStatus::OK:
            return "OK";
        case IkeSkStatus::NO_SK_PAYLOAD:
            return "NO_SK_PAYLOAD";
        case IkeSkStatus::TOO_SHORT:
            return "TOO_SHORT";
        case IkeSkStatus::ICV_FAILURE:
            return "ICV_FAILURE";
        case IkeSkStatus::BAD_PADDING:
            return "BAD_PADDING";
        case IkeSkStatus::BAD_PAYLOADS:
            return "BAD_PAYLOADS";
    }
    return "?";
}

std::ostream&
operator<<(std::ostream& os, IkeSkStatus s)
{
    return os << ToString(s);
}

namespace
{
/** \param keySalt key | salt \return the key */
std::vector<uint8_t>
KeyPart(const std::vector<uint8_t>& keySalt)
{
    NS_ABORT_MSG_IF(keySalt.size() != 16 + IkeSkProtection::SALT_SIZE
                        && keySalt.size() != 32 + IkeSkProtection::SALT_SIZE,
                    "SK_e must be a 16- or 32-byte AES key and a 4-byte salt, not "
                        << keySalt.size() << " bytes");
    return std::vector<uint8_t>(keySalt.begin(), keySalt.end() - IkeSkProtection::SALT_SIZE);
}

/** \param keySalt key | salt \return the salt */
std::vector<uint8_t>
SaltPart(const std::vector<uint8_t>& keySalt)
{
    return std::vector<uint8_t>(keySalt.end() - IkeSkProtection::SALT_SIZE, keySalt.end());
}
} // namespace

IkeSkProtection::IkeSkProtection(const std::vector<uint8_t>& outKey,
                                 const std::vector<uint8_t>& inKey)
    : m_out(KeyPart(outKey))
    , m_in(KeyPart(inKey))
    , m_outSalt(SaltPart(outKey))
    , m_inSalt(SaltPart(inKey))
{
    NS_LOG_FUNCTION(this);
}

std::vector<uint8_t>
IkeSkProtection::Seal(const IkeHeader& header, const std::vector<IkePayload>& inner)
{
    NS_LOG_FUNCTION(this);
    m_plain = IkeMessage::SerializePayloads(inner);
    m_plain.push_back(0); // Pad Length: no padding
    IkeSkPayload sk;
    sk.firstInnerPayload = inner.empty() ? ike::PAYLOAD_NONE : inner.front().type;
    sk.data.assign(IV_SIZE + m_plain.size() + AesGcm::TAG_SIZE, 0);
    IkeMessage message(header);
    message.AddPayload(IkePayload(ike::PAYLOAD_SK, sk));
    std::vector<uint8_t> bytes = message.Serialize();

    std::size_t ivOffset = bytes.size() - sk.data.size();
    uint64_t iv = m_nextIv++;
    uint8_t nonce[AesGcm::NONCE_SIZE];
    std::copy(m_outSalt.begin(), m_outSalt.end(), nonce);
    for (std::size_t i = 0; i < IV_SIZE; ++i)
    {
        bytes[ivOffset + i] = static_cast<uint8_t>(iv >> (56 - 8 * i));
        nonce[SALT_SIZE + i] = bytes[ivOffset + i];
    }
    uint8_t* cipher = bytes.data() + ivOffset + IV_SIZE;
    bool ok = m_out.Seal(nonce, bytes.data(), ivOffset, m_plain.data(), m_plain.size(), cipher);
    NS_ABORT_MSG_IF(!ok, "AES-GCM failed to seal an IKE message");
    return bytes;
}

IkeSkStatus
IkeSkProtection::Open(const std::vector<uint8_t>& bytes,
                      const IkeMessage& message,
                      std::vector<IkePayload>& inner)
{
    NS_LOG_FUNCTION(this);
    const auto& payloads = message.GetPayloads();
    const IkeSkPayload* sk = payloads.empty() ? nullptr : payloads.back().Get<IkeSkPayload>();
    if (!sk || payloads.back().type != ike::PAYLOAD_SK)
    {
        return IkeSkStatus::NO_SK_PAYLOAD;
    }
    if (sk->data.size() < IV_SIZE + 1 + AesGcm::TAG_SIZE || sk->data.size() > bytes.size())
    {
        return IkeSkStatus::TOO_SHORT;
    }
    std::size_t ivOffset = bytes.size() - sk->data.size();
    std::size_t cipherLen = sk->data.size() - IV_SIZE - AesGcm::TAG_SIZE;
    uint8_t nonce[AesGcm::NONCE_SIZE];
    std::copy(m_inSalt.begin(), m_inSalt.end(), nonce);
    std::copy(bytes.begin() + ivOffset, bytes.begin() + ivOffset + IV_SIZE, nonce + SALT_SIZE);
    m_plain.resize(cipherLen);
    const uint8_t* cipher = bytes.data() + ivOffset + IV_SIZE;
    if (!m_in.Open(
            nonce, bytes.data(), ivOffset, cipher, cipherLen, cipher + cipherLen, m_plain.data()))
    {
        return IkeSkStatus::ICV_FAILURE;
    }
    std::size_t padLength = m_plain.back();
    if (padLength + 1 > m_plain.size())
    {
        return IkeSkStatus::BAD_PADDING;
    }
    inner.clear();
    IkeParseResult r = IkeMessage::ParsePayloads(
        sk->firstInnerPayload, m_plain.data(), m_plain.size() - padLength - 1, inner);
    return r.IsOk() ? IkeSkStatus::OK : IkeSkStatus::BAD_PAYLOADS;
}

} // namespace ns3
