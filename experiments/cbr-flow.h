/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_EXPERIMENTS_CBR_FLOW_H
#define TCP_ENCAP_EXPERIMENTS_CBR_FLOW_H

#include "ns3/application.h"
#include "ns3/data-rate.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"

#include <cstdint>
#include <vector>

namespace tcpencap
{

/**
 * \brief Inner UDP at a constant bit rate, each datagram stamped with a sequence number and
 * its send time (ns-3's SeqTsHeader), e.g. a voice or video call next to bulk transfers.
 */
class CbrSender : public ns3::Application
{
  public:
    /** \param remote receiver \param port its port \param rate bit rate \param size bytes */
    CbrSender(ns3::Ipv4Address remote, uint16_t port, ns3::DataRate rate, uint32_t size);

    /** \return datagrams sent during the measured period */
    uint64_t GetSent() const;

    /** \param from start of the measured period \param to its end */
    void SetMeasuredPeriod(ns3::Time from, ns3::Time to);

  private:
    void StartApplication() override;
    void StopApplication() override;
    /** \brief Send one datagram and schedule the next. */
    void SendOne();

    ns3::Ipv4Address m_remote;      //!< receiver
    uint16_t m_port;                //!< its port
    ns3::DataRate m_rate;           //!< bit rate
    uint32_t m_size;                //!< datagram size
    ns3::Ptr<ns3::Socket> m_socket; //!< UDP socket
    ns3::EventId m_next;            //!< next send
    uint32_t m_seq{0};              //!< next sequence number
    ns3::Time m_from;               //!< measured period start
    ns3::Time m_to;                 //!< measured period end
    std::vector<bool> m_measured;   //!< per sequence number: sent in the measured period
    uint64_t m_sent{0};             //!< sent in the measured period

    friend class CbrReceiver;
};

/**
 * \brief Receives a CbrSender's datagrams: loss, one-way delay and jitter (RFC 3550's
 * interarrival jitter, without its 1/16 smoothing: the mean absolute change of the delay).
 */
class CbrReceiver : public ns3::Application
{
  public:
    /** \param port listening port \param sender the sender, to know what it sent when */
    CbrReceiver(uint16_t port, ns3::Ptr<CbrSender> sender);

    /** \return datagrams sent in the measured period that never arrived, as a fraction */
    double GetLoss() const;
    /** \return datagrams sent in the measured period that arrived (each once) */
    uint64_t GetReceived() const;
    /** \return datagrams its sender sent in the measured period */
    uint64_t GetSent() const;
    /** \return one-way delays of datagrams sent in the measured period */
    const std::vector<double>& GetDelaysMs() const;
    /** \return mean absolute difference of consecutive delays, ms */
    double GetJitterMs() const;

  private:
    void StartApplication() override;
    void StopApplication() override;
    /** \param socket with datagrams */
    void Read(ns3::Ptr<ns3::Socket> socket);

    uint16_t m_port;                //!< listening port
    ns3::Ptr<CbrSender> m_sender;   //!< what was sent
    ns3::Ptr<ns3::Socket> m_socket; //!< UDP socket
    std::vector<double> m_delays;   //!< ms
    double m_jitterSum{0};          //!< sum of |d_i - d_{i-1}|
    uint64_t m_jitterCount{0};      //!< terms in it
    uint64_t m_received{0};         //!< measured datagrams received (duplicates ignored)
    std::vector<bool> m_seen;       //!< per sequence number
};

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_CBR_FLOW_H */
