/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_TCP_SOCKET_STATS_H
#define TCP_ENCAP_TCP_SOCKET_STATS_H

#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/sequence-number.h"
#include "ns3/simple-ref-count.h"
#include "ns3/socket.h"
#include "ns3/tcp-socket-state.h"

#include <cstdint>
#include <map>
#include <vector>

namespace ns3
{

class TcpHeader;
class TcpSocketBase;

/**
 * \ingroup tcp-encap
 * \brief What ns-3's TCP does not count for itself, read off one socket's trace sources:
 * retransmitted segments (sent below the highest sequence sent), retransmission timeouts
 * (entries into the loss state), RTT samples, and on the receiving side segments that carried
 * only data already received (spurious retransmissions).
 */
class TcpSocketStats : public SimpleRefCount<TcpSocketStats>
{
  public:
    /**
     * \param socket a TcpSocketBase
     * \param keepRtt whether to keep every RTT sample (for percentiles)
     */
    TcpSocketStats(Ptr<Socket> socket, bool keepRtt);
    ~TcpSocketStats();

    /** \brief Stop listening to the socket (call before it goes away). */
    void Detach();

    /** \return segments with data sent again */
    uint64_t GetRetransmissions() const;
    /** \return retransmission timeouts */
    uint64_t GetTimeouts() const;
    /** \return data segments received whose bytes had all arrived before */
    uint64_t GetDuplicateSegments() const;
    /** \return RTT samples, in the order measured */
    const std::vector<Time>& GetRttSamples() const;
    /**
     * \return the mean of the retransmission timer's value at each RTT sample (what a first
     * timeout would wait then; T0 of Padhye et al.'s model), zero without a sample;
     * kept only with keepRtt
     */
    Time GetMeanRto() const;

  private:
    /** \param p payload \param h header \param s socket */
    void Tx(Ptr<const Packet> p, const TcpHeader& h, Ptr<const TcpSocketBase> s);
    /** \param p payload \param h header \param s socket */
    void Rx(Ptr<const Packet> p, const TcpHeader& h, Ptr<const TcpSocketBase> s);
    /** \param oldState previous \param newState new congestion state */
    void Cong(TcpSocketState::TcpCongState_t oldState, TcpSocketState::TcpCongState_t newState);
    /** \param oldRtt previous \param newRtt new sample */
    void Rtt(Time oldRtt, Time newRtt);
    /** \param oldRto previous \param newRto new timer value */
    void Rto(Time oldRto, Time newRto);

    Ptr<Socket> m_socket;                 //!< observed socket
    bool m_keepRtt;                       //!< keep RTT samples
    bool m_anyTx{false};                  //!< m_highestTx valid
    SequenceNumber32 m_highestTx;         //!< highest sequence sent + 1
    bool m_anyRx{false};                  //!< receive state valid
    SequenceNumber32 m_rcvNxt;            //!< every byte before this has arrived
    uint64_t m_rcvNxtOffset{0};           //!< m_rcvNxt as a 64-bit offset from the first byte
    std::map<uint64_t, uint64_t> m_above; //!< arrived ranges [start, end) above m_rcvNxt
    uint64_t m_retransmissions{0};        //!< resent segments
    uint64_t m_timeouts{0};               //!< RTOs
    uint64_t m_duplicates{0};             //!< all-old segments received
    std::vector<Time> m_rtt;              //!< RTT samples
    Time m_rto;                           //!< the timer's current value
    Time m_rtoSum;                        //!< sum of m_rto at each RTT sample
};

} // namespace ns3

#endif /* TCP_ENCAP_TCP_SOCKET_STATS_H */
