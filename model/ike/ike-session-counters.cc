/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// IkeSession: what can be observed from outside: the state, counters, handshake figures, the
// current IKE SA and Child SA.

#include "ike-session.h"

#include "ns3/ike-peer.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IkeSessionCounters");

IkeSession::State
IkeSession::GetState() const
{
    NS_LOG_FUNCTION(this);
    return m_peer->state;
}

Time
IkeSession::GetHandshakeTime() const
{
    NS_LOG_FUNCTION(this);
    return m_peer->handshakeTime;
}

uint64_t
IkeSession::GetHandshakeBytes() const
{
    NS_LOG_FUNCTION(this);
    return m_peer->handshakeBytes;
}

uint64_t
IkeSession::GetMessagesSent() const
{
    NS_LOG_FUNCTION(this);
    return m_messagesTx;
}

uint64_t
IkeSession::GetMessagesReceived() const
{
    NS_LOG_FUNCTION(this);
    return m_messagesRx;
}

uint64_t
IkeSession::GetBytesSent() const
{
    NS_LOG_FUNCTION(this);
    return m_bytesTx;
}

uint64_t
IkeSession::GetBytesReceived() const
{
    NS_LOG_FUNCTION(this);
    return m_bytesRx;
}

uint64_t
IkeSession::GetRetransmissions() const
{
    NS_LOG_FUNCTION(this);
    return m_retransmissions;
}

uint64_t
IkeSession::GetResends() const
{
    NS_LOG_FUNCTION(this);
    return m_resends;
}

uint64_t
IkeSession::GetCachedResponses() const
{
    NS_LOG_FUNCTION(this);
    return m_cachedResponses;
}

uint64_t
IkeSession::GetDrops() const
{
    NS_LOG_FUNCTION(this);
    return m_drops;
}

uint64_t
IkeSession::GetIcvFailures() const
{
    NS_LOG_FUNCTION(this);
    return m_icvFailures;
}

uint64_t
IkeSession::GetChildRekeys() const
{
    NS_LOG_FUNCTION(this);
    return m_childRekeys;
}

uint64_t
IkeSession::GetIkeRekeys() const
{
    NS_LOG_FUNCTION(this);
    return m_ikeRekeys;
}

uint64_t
IkeSession::GetInitRetries() const
{
    NS_LOG_FUNCTION(this);
    return m_initRetries;
}

bool
IkeSession::IsMobikeNegotiated() const
{
    NS_LOG_FUNCTION(this);
    return m_peer->mobikeNegotiated;
}

bool
IkeSession::IsOnStream() const
{
    NS_LOG_FUNCTION(this);
    return m_endpoint && m_endpoint->GetTransport() && IsStream();
}

uint64_t
IkeSession::GetFallbacks() const
{
    NS_LOG_FUNCTION(this);
    return m_fallbacks;
}

uint64_t
IkeSession::GetAddressUpdates() const
{
    NS_LOG_FUNCTION(this);
    return m_addressUpdates;
}

uint64_t
IkeSession::GetReturnProbes() const
{
    NS_LOG_FUNCTION(this);
    return m_returnProbes;
}

uint16_t
IkeSession::GetFailureNotify() const
{
    NS_LOG_FUNCTION(this);
    return m_peer->failure;
}

bool
IkeSession::IsNatDetected() const
{
    NS_LOG_FUNCTION(this);
    return m_peer->natDetected;
}

Ptr<IkeSa>
IkeSession::GetIkeSa() const
{
    NS_LOG_FUNCTION(this);
    return m_peer->sa;
}

} // namespace ns3
