/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ike-sa.h"

#include "ns3/abort.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeSa");

IkeSa::IkeSa(bool originalInitiator, uint64_t spiI)
    : m_originalInitiator(originalInitiator)
    , m_spiI(spiI)
{
    NS_LOG_FUNCTION(this);
}

bool
IkeSa::IsOriginalInitiator() const
{
    NS_LOG_FUNCTION(this);
    return m_originalInitiator;
}

uint64_t
IkeSa::GetSpiI() const
{
    NS_LOG_FUNCTION(this);
    return m_spiI;
}

uint64_t
IkeSa::GetSpiR() const
{
    NS_LOG_FUNCTION(this);
    return m_spiR;
}

void
IkeSa::SetSpiR(uint64_t spiR)
{
    NS_LOG_FUNCTION(this);
    m_spiR = spiR;
}

void
IkeSa::DeriveKeys(const IkeSaChoice& choice,
                  const std::vector<uint8_t>& skeyseed,
                  const std::vector<uint8_t>& nonceI,
                  const std::vector<uint8_t>& nonceR)
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_spiR == 0, "IKE SA keys need both SPIs");
    m_choice = choice;
    if (!m_prf || m_prf->GetAlgorithm() != choice.prf)
    {
        m_prf = std::make_unique<IkePrf>(choice.prf);
    }
    std::size_t encrKeySize = choice.encrKeyBits / 8 + IkeSkProtection::SALT_SIZE;
    m_keys = IkeKeySchedule::DeriveIkeSaKeys(
        *m_prf, skeyseed, nonceI, nonceR, m_spiI, m_spiR, encrKeySize, 0);
    m_protection = m_originalInitiator
                       ? std::make_unique<IkeSkProtection>(m_keys.skEi, m_keys.skEr)
                       : std::make_unique<IkeSkProtection>(m_keys.skEr, m_keys.skEi);
}

bool
IkeSa::HasKeys() const
{
    NS_LOG_FUNCTION(this);
    return m_protection != nullptr;
}

const IkeSaChoice&
IkeSa::GetChoice() const
{
    NS_LOG_FUNCTION(this);
    return m_choice;
}

IkePrf&
IkeSa::GetPrf()
{
    NS_LOG_FUNCTION(this);
    if (!m_prf)
    {
        m_prf = std::make_unique<IkePrf>(m_choice.prf);
    }
    return *m_prf;
}

const IkeSaKeys&
IkeSa::GetKeys() const
{
    NS_LOG_FUNCTION(this);
    return m_keys;
}

IkeHeader
IkeSa::MakeHeader(uint8_t exchangeType, bool response, uint32_t messageId) const
{
    NS_LOG_FUNCTION(this);
    IkeHeader h;
    h.spiI = m_spiI;
    h.spiR = m_spiR;
    h.exchangeType = exchangeType;
    h.flags = static_cast<uint8_t>((m_originalInitiator ? ike::FLAG_INITIATOR : 0)
                                   | (response ? ike::FLAG_RESPONSE : 0));
    h.messageId = messageId;
    return h;
}

std::vector<uint8_t>
IkeSa::Protect(const IkeHeader& header, const std::vector<IkePayload>& inner)
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_protection, "IKE SA has no keys yet");
    return m_protection->Seal(header, inner);
}

IkeSkStatus
IkeSa::Unprotect(const std::vector<uint8_t>& bytes,
                 const IkeMessage& message,
                 std::vector<IkePayload>& inner)
{
    NS_LOG_FUNCTION(this);
    if (!m_protection)
    {
        return IkeSkStatus::NO_SK_PAYLOAD;
    }
    return m_protection->Open(bytes, message, inner);
}

uint32_t
IkeSa::TakeRequestId()
{
    NS_LOG_FUNCTION(this);
    return m_nextRequestId++;
}

uint32_t
IkeSa::PeekRequestId() const
{
    NS_LOG_FUNCTION(this);
    return m_nextRequestId;
}

uint32_t
IkeSa::GetExpectedRequestId() const
{
    NS_LOG_FUNCTION(this);
    return m_expectedRequestId;
}

void
IkeSa::KeepResponse(uint32_t messageId, const std::vector<uint8_t>& response)
{
    NS_LOG_FUNCTION(this);
    m_hasResponse = true;
    m_responseId = messageId;
    m_response = response;
    if (messageId == m_expectedRequestId)
    {
        ++m_expectedRequestId;
    }
}

const std::vector<uint8_t>*
IkeSa::FindResponse(uint32_t messageId) const
{
    NS_LOG_FUNCTION(this);
    return m_hasResponse && m_responseId == messageId ? &m_response : nullptr;
}

} // namespace ns3
