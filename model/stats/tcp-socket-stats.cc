/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-socket-stats.h"

#include "ns3/tcp-header.h"
#include "ns3/tcp-socket-base.h"

namespace ns3
{

TcpSocketStats::TcpSocketStats(Ptr<Socket> socket, bool keepRtt)
    : m_socket(socket)
    , m_keepRtt(keepRtt)
{
    m_socket->TraceConnectWithoutContext("Tx", MakeCallback(&TcpSocketStats::Tx, this));
    m_socket->TraceConnectWithoutContext("Rx", MakeCallback(&TcpSocketStats::Rx, this));
    m_socket->TraceConnectWithoutContext("CongState", MakeCallback(&TcpSocketStats::Cong, this));
    if (keepRtt)
    {
        m_socket->TraceConnectWithoutContext("RTT", MakeCallback(&TcpSocketStats::Rtt, this));
    }
}

TcpSocketStats::~TcpSocketStats()
{
    Detach();
}

void
TcpSocketStats::Detach()
{
    if (!m_socket)
    {
        return;
    }
    m_socket->TraceDisconnectWithoutContext("Tx", MakeCallback(&TcpSocketStats::Tx, this));
    m_socket->TraceDisconnectWithoutContext("Rx", MakeCallback(&TcpSocketStats::Rx, this));
    m_socket->TraceDisconnectWithoutContext("CongState", MakeCallback(&TcpSocketStats::Cong, this));
    if (m_keepRtt)
    {
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

void
TcpSocketStats::Tx(Ptr<const Packet> p, const TcpHeader& h, Ptr<const TcpSocketBase> /* s */)
{
    if (p->GetSize() == 0)
    {
        return;
    }
    SequenceNumber32 end = h.GetSequenceNumber() + p->GetSize();
    if (m_anyTx && h.GetSequenceNumber() < m_highestTx)
    {
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
    if (p->GetSize() == 0)
    {
        return;
    }
    SequenceNumber32 end = h.GetSequenceNumber() + p->GetSize();
    if (m_anyRx && end <= m_highestRx)
    {
        ++m_duplicates; // every byte of it had arrived: the sender resent for nothing
    }
    if (!m_anyRx || end > m_highestRx)
    {
        m_highestRx = end;
        m_anyRx = true;
    }
}

void
TcpSocketStats::Cong(TcpSocketState::TcpCongState_t /* oldState */,
                     TcpSocketState::TcpCongState_t newState)
{
    if (newState == TcpSocketState::CA_LOSS)
    {
        ++m_timeouts;
    }
}

void
TcpSocketStats::Rtt(Time /* oldRtt */, Time newRtt)
{
    if (newRtt.IsStrictlyPositive())
    {
        m_rtt.push_back(newRtt);
    }
}

} // namespace ns3
