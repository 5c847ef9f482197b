/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_EXPERIMENTS_INNER_BULK_FLOW_H
#define TCP_ENCAP_EXPERIMENTS_INNER_BULK_FLOW_H

#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"
#include "ns3/tcp-socket-stats.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace tcpencap
{

/**
 * \brief How the inner flows' bytes arrived, for rates and burstiness: per flow the largest
 * gap between deliveries and the stalls (gaps longer than a threshold, each one's length
 * kept); over all flows the bytes in each interval of one base RTT. Only deliveries after the
 * warm-up count.
 */
class DeliveryStats
{
  public:
    /**
     * \param warmup start of the measured period
     * \param end its end
     * \param interval length of the bins for the per-RTT variation (the base RTT)
     * \param stallThreshold gaps longer than this count as stalls (two base RTTs)
     * \param flows number of flows
     */
    DeliveryStats(ns3::Time warmup,
                  ns3::Time end,
                  ns3::Time interval,
                  ns3::Time stallThreshold,
                  uint32_t flows);

    /** \param flow index \param bytes delivered now to the application */
    void Record(uint32_t flow, uint32_t bytes);

    /** \param flow index \return bytes delivered in the measured period */
    uint64_t GetBytes(uint32_t flow) const;
    /** \return bytes over all flows in the measured period */
    uint64_t GetTotalBytes() const;
    /** \return the largest gap between deliveries of any flow (measured period; a flow that
     * delivered nothing counts the whole period) */
    ns3::Time GetMaxGap() const;
    /** \return gaps longer than the stall threshold, over all flows */
    uint64_t GetStalls() const;
    /** \param flow index \return its gaps longer than the stall threshold (as GetStalls) */
    uint64_t GetStalls(uint32_t flow) const;
    /**
     * \return the length of every gap longer than the stall threshold, over all flows: those
     * between deliveries in the order they ended, then per flow the one from its last delivery
     * (or the period start) to the end of the period; as many as GetStalls() counts
     */
    std::vector<ns3::Time> GetStallLengths() const;
    /**
     * \brief Note when the flows together have delivered each of these byte counts, counted
     * from the first byte (warm-up included): the time to the first N bytes.
     * \param bytes the counts
     */
    void TrackMilestones(const std::vector<uint64_t>& bytes);

    /**
     * \param bytes one of the counts given to TrackMilestones
     * \return the simulation time when the flows together reached it (negative: not reached)
     */
    ns3::Time GetMilestoneTime(uint64_t bytes) const;

    /** \param flow index \return bytes it delivered since it started (warm-up included) */
    uint64_t GetDelivered(uint32_t flow) const;

    /** \return coefficient of variation of the bytes delivered per interval */
    double GetPerIntervalCv() const;

  private:
    ns3::Time m_warmup;                 //!< measured period start
    ns3::Time m_end;                    //!< measured period end
    ns3::Time m_interval;               //!< bin width
    ns3::Time m_stall;                  //!< stall threshold
    std::vector<uint64_t> m_bytes;      //!< per flow
    std::vector<ns3::Time> m_last;      //!< per flow: last delivery (or period start)
    std::vector<ns3::Time> m_maxGap;    //!< per flow
    std::vector<ns3::Time> m_stalls;    //!< lengths of the stalls between deliveries, all flows
    std::vector<uint64_t> m_flowStalls; //!< per flow: stalls between deliveries
    std::vector<uint64_t> m_bins;       //!< bytes per interval
    std::vector<uint64_t> m_delivered;  //!< per flow, since its start
    uint64_t m_deliveredTotal{0};       //!< all flows, since the start
    std::vector<std::pair<uint64_t, ns3::Time>> m_milestones; //!< (bytes, when; negative: not yet)
    std::size_t m_nextMilestone{0};                           //!< first milestone not reached
};

/**
 * \brief One inner bulk TCP sender: as much as its socket takes, from start to stop, with
 * counters on its socket (retransmissions, timeouts, RTT samples).
 */
class BulkSource : public ns3::Application
{
  public:
    /**
     * \param remote sink address \param port sink port \param congestionControl TypeId
     * \param segmentSize MSS \param minRto minimum RTO \param window send buffer, bytes (0:
     * sized as Linux autotunes it, TcpBufferAutotuning)
     */
    BulkSource(ns3::Ipv4Address remote,
               uint16_t port,
               ns3::TypeId congestionControl,
               uint32_t segmentSize,
               ns3::Time minRto,
               uint32_t window);

    /** \return counters of its socket (nullptr before start) */
    ns3::Ptr<ns3::TcpSocketStats> GetStats() const;

  private:
    void StartApplication() override;
    void StopApplication() override;
    /** \param socket the socket \param available room */
    void Fill(ns3::Ptr<ns3::Socket> socket, uint32_t available);
    /** \param socket the connected socket */
    void Connected(ns3::Ptr<ns3::Socket> socket);

    ns3::Ipv4Address m_remote;             //!< sink
    uint16_t m_port;                       //!< sink port
    ns3::TypeId m_cc;                      //!< congestion control
    uint32_t m_segmentSize;                //!< MSS
    ns3::Time m_minRto;                    //!< minimum RTO
    uint32_t m_window;                     //!< send buffer (0: autotuned)
    ns3::Ptr<ns3::Socket> m_socket;        //!< the connection
    ns3::Ptr<ns3::TcpSocketStats> m_stats; //!< counters
    ns3::Ptr<ns3::Packet> m_chunk;         //!< what is written, again and again
};

/**
 * \brief The receiving end of one inner bulk flow: counts into DeliveryStats and watches its
 * socket for segments that carried only old data (spurious retransmissions).
 */
class BulkSink : public ns3::Application
{
  public:
    /**
     * \param port listening port \param flow index in DeliveryStats \param stats shared
     * record \param congestionControl TypeId (for the listening socket) \param segmentSize
     * MSS (the receive autotuning's advmss) \param minRto \param window receive buffer, bytes
     * (0: sized as Linux autotunes it, TcpBufferAutotuning)
     */
    BulkSink(uint16_t port,
             uint32_t flow,
             DeliveryStats* stats,
             ns3::TypeId congestionControl,
             uint32_t segmentSize,
             ns3::Time minRto,
             uint32_t window);

    /** \return counters of the accepted socket (nullptr before a connection) */
    ns3::Ptr<ns3::TcpSocketStats> GetStats() const;

  private:
    void StartApplication() override;
    void StopApplication() override;
    /** \param socket the new connection \param from its peer */
    void Accept(ns3::Ptr<ns3::Socket> socket, const ns3::Address& from);
    /** \param socket a socket with data */
    void Read(ns3::Ptr<ns3::Socket> socket);

    uint16_t m_port;                       //!< listening port
    uint32_t m_flow;                       //!< index
    DeliveryStats* m_delivery;             //!< shared record
    ns3::TypeId m_cc;                      //!< congestion control
    uint32_t m_segmentSize;                //!< MSS
    ns3::Time m_minRto;                    //!< minimum RTO
    uint32_t m_window;                     //!< receive buffer (0: autotuned)
    ns3::Ptr<ns3::Socket> m_listener;      //!< listening socket
    ns3::Ptr<ns3::Socket> m_accepted;      //!< the connection
    ns3::Ptr<ns3::TcpSocketStats> m_stats; //!< counters
};

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_INNER_BULK_FLOW_H */
