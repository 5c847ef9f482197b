/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-socket-stats.h"

#include "ns3/log.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-socket-base.h"

#include <algorithm>
#include <iterator>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpSocketStats");

TcpSocketStats::TcpSocketStats(Ptr<Socket> socket, bool keepRtt)
    : m_socket(socket)
    , m_keepRtt(keepRtt)
{
    NS_LOG_FUNCTION(this << socket << keepRtt);
    m_socket->TraceConnectWithoutContext("Tx", MakeCallback(&TcpSocketStats::Tx, this));
    m_socket->TraceConnectWithoutContext("Rx", MakeCallback(&TcpSocketStats::Rx, this));
    m_socket->TraceConnectWithoutContext("CongState", MakeCallback(&TcpSocketStats::Cong, this));
    if (keepRtt)
    {
        m_socket->TraceConnectWithoutContext("RTO", MakeCallback(&TcpSocketStats::Rto, this));
        m_socket->TraceConnectWithoutContext("RTT", MakeCallback(&TcpSocketStats::Rtt, this));
    }
}

TcpSocketStats::~TcpSocketStats()
{
    NS_LOG_FUNCTION(this);
    Detach();
}

void
TcpSocketStats::Detach()
{
    NS_LOG_FUNCTION(this);
    if (!m_socket)
    {
        return;
    }
    m_socket->TraceDisconnectWithoutContext("Tx", MakeCallback(&TcpSocketStats::Tx, this));
    m_socket->TraceDisconnectWithoutContext("Rx", MakeCallback(&TcpSocketStats::Rx, this));
    m_socket->TraceDisconnectWithoutContext("CongState", MakeCallback(&TcpSocketStats::Cong, this));
    if (m_keepRtt)
    {
        m_socket->TraceDisconnectWithoutContext("RTO", MakeCallback(&TcpSocketStats::Rto, this));
        m_socket->TraceDisconnectWithoutContext("RTT", MakeCallback(&TcpSocketStats::Rtt, this));
    }
    m_socket = nullptr;
}

uint64_t
TcpSocketStats::GetRetransmissions() const
{
    return m_retransmissions;
}

uint64_t
TcpSocketStats::GetTimeouts() const
{
    return m_timeouts;
}

uint64_t
TcpSocketStats::GetDuplicateSegments() const
{
    return m_duplicates;
}

const std::vector<Time>&
TcpSocketStats::GetRttSamples() const
{
    return m_rtt;
}

Time
TcpSocketStats::GetMeanRto() const
{
    return m_rtt.empty() ? Time(0) : m_rtoSum / static_cast<int64_t>(m_rtt.size());
}

void
TcpSocketStats::Rto(Time /* oldRto */, Time newRto)
{
    NS_LOG_FUNCTION(this << newRto);
    m_rto = newRto;
}

void
TcpSocketStats::Tx(Ptr<const Packet> p, const TcpHeader& h, Ptr<const TcpSocketBase> /* s */)
{
    NS_LOG_FUNCTION(this << p);
    if (p->GetSize() == 0)
    {
        return;
    }
    SequenceNumber32 end = h.GetSequenceNumber() + p->GetSize();
    if (m_anyTx && h.GetSequenceNumber() < m_highestTx)
    {
        NS_LOG_LOGIC("retransmission of " << h.GetSequenceNumber() << " (highest sent "
                                          << m_highestTx << ")");
        ++m_retransmissions;
    }
    if (!m_anyTx || end > m_highestTx)
    {
        m_highestTx = end;
        m_anyTx = true;
    }
}

void
TcpSocketStats::Rx(Ptr<const Packet> p, const TcpHeader& h, Ptr<const TcpSocketBase> /* s */)
{
    NS_LOG_FUNCTION(this << p);
    if (p->GetSize() == 0)
    {
        return;
    }
    if (!m_anyRx)
    {
        m_anyRx = true;
        m_rcvNxt = h.GetSequenceNumber();
    }
    // 64-bit offsets relative to m_rcvNxt survive sequence-number wrap-around.
    int64_t rel = static_cast<int32_t>(h.GetSequenceNumber().GetValue() - m_rcvNxt.GetValue());
    if (rel + static_cast<int64_t>(m_rcvNxtOffset) < 0)
    {
        ++m_duplicates; // from before the first byte seen: old by definition
        return;
    }
    uint64_t start = m_rcvNxtOffset + rel;
    uint64_t end = start + p->GetSize();
    if (end <= m_rcvNxtOffset)
    {
        ++m_duplicates; // all below the cumulative point
        return;
    }
    start = std::max(start, m_rcvNxtOffset);
    // Covered by one range already received out of order?
    auto it = m_above.upper_bound(start);
    if (it != m_above.begin())
    {
        auto prev = std::prev(it);
        if (prev->first <= start && prev->second >= end)
        {
            ++m_duplicates;
            return;
        }
    }
    // Insert [start, end) and merge with overlapping or adjacent ranges.
    it = m_above.lower_bound(start);
    if (it != m_above.begin() && std::prev(it)->second >= start)
    {
        --it;
    }
    while (it != m_above.end() && it->first <= end)
    {
        start = std::min(start, it->first);
        end = std::max(end, it->second);
        it = m_above.erase(it);
    }
    m_above[start] = end;
    // Advance the cumulative point over what is now contiguous.
    auto first = m_above.begin();
    if (first->first <= m_rcvNxtOffset)
    {
        uint64_t advance = first->second - m_rcvNxtOffset;
        m_rcvNxt = m_rcvNxt + static_cast<uint32_t>(advance);
        m_rcvNxtOffset = first->second;
        m_above.erase(first);
    }
}

void
TcpSocketStats::Cong(TcpSocketState::TcpCongState_t /* oldState */,
                     TcpSocketState::TcpCongState_t newState)
{
    NS_LOG_FUNCTION(this);
    if (newState == TcpSocketState::CA_LOSS)
    {
        NS_LOG_LOGIC("retransmission timeout: entering CA_LOSS");
        ++m_timeouts;
    }
}

void
TcpSocketStats::Rtt(Time /* oldRtt */, Time newRtt)
{
    NS_LOG_FUNCTION(this << newRtt);
    if (newRtt.IsStrictlyPositive())
    {
        m_rtt.push_back(newRtt);
        m_rtoSum += m_rto;
    }
}

} // namespace ns3
