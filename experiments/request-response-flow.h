/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_EXPERIMENTS_REQUEST_RESPONSE_FLOW_H
#define TCP_ENCAP_EXPERIMENTS_REQUEST_RESPONSE_FLOW_H

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"

#include <cstdint>
#include <vector>

namespace tcpencap
{

/**
 * \brief An interactive inner TCP client: on one connection, a request of fixed size every
 * interval (or as soon as the previous response is complete, if that is later), timing each
 * request to the last byte of its response.
 */
class RequestClient : public ns3::Application
{
  public:
    /**
     * \param remote server \param port its port \param request bytes per request
     * \param response bytes per response \param interval time between request starts
     * \param segmentSize MSS \param congestionControl TypeId \param minRto minimum RTO
     */
    RequestClient(ns3::Ipv4Address remote,
                  uint16_t port,
                  uint32_t request,
                  uint32_t response,
                  ns3::Time interval,
                  uint32_t segmentSize,
                  ns3::TypeId congestionControl,
                  ns3::Time minRto);

    /** \param from requests started from then \param to until then are measured */
    void SetMeasuredPeriod(ns3::Time from, ns3::Time to);

    /** \return completion times (ms) of measured requests that completed */
    const std::vector<double>& GetTimesMs() const;

    /** \return measured requests started */
    uint64_t GetStarted() const;

  private:
    void StartApplication() override;
    void StopApplication() override;
    /** \param socket the connected socket */
    void Connected(ns3::Ptr<ns3::Socket> socket);
    /** \brief Send a request if none is outstanding, else mark one due. */
    void Tick();
    /** \param socket with response bytes */
    void Read(ns3::Ptr<ns3::Socket> socket);
    /** \brief Write the next request. */
    void SendRequest();

    ns3::Ipv4Address m_remote;      //!< server
    uint16_t m_port;                //!< its port
    uint32_t m_request;             //!< request size
    uint32_t m_response;            //!< response size
    ns3::Time m_interval;           //!< between request starts
    uint32_t m_segmentSize;         //!< MSS
    ns3::TypeId m_cc;               //!< congestion control
    ns3::Time m_minRto;             //!< minimum RTO
    ns3::Ptr<ns3::Socket> m_socket; //!< the connection
    ns3::EventId m_tick;            //!< next request due
    bool m_outstanding{false};      //!< waiting for a response
    bool m_due{false};              //!< a request is due once the response is in
    uint64_t m_pending{0};          //!< response bytes still to come
    ns3::Time m_started;            //!< start of the outstanding request
    ns3::Time m_from;               //!< measured period start
    ns3::Time m_to;                 //!< measured period end
    std::vector<double> m_times;    //!< completion times, ms
    uint64_t m_measuredStarted{0};  //!< measured requests started
};

/** \brief Serves RequestClient: a response of fixed size for every request received. */
class ResponseServer : public ns3::Application
{
  public:
    /**
     * \param port listening port \param request bytes per request \param response bytes per
     * response \param congestionControl TypeId \param minRto minimum RTO
     */
    ResponseServer(uint16_t port,
                   uint32_t request,
                   uint32_t response,
                   ns3::TypeId congestionControl,
                   ns3::Time minRto);

  private:
    void StartApplication() override;
    void StopApplication() override;
    /** \param socket new connection \param from peer */
    void Accept(ns3::Ptr<ns3::Socket> socket, const ns3::Address& from);
    /** \param socket with request bytes */
    void Read(ns3::Ptr<ns3::Socket> socket);
    /** \param socket \param available room: write owed response bytes */
    void Write(ns3::Ptr<ns3::Socket> socket, uint32_t available);

    uint16_t m_port;                  //!< listening port
    uint32_t m_request;               //!< request size
    uint32_t m_response;              //!< response size
    ns3::TypeId m_cc;                 //!< congestion control
    ns3::Time m_minRto;               //!< minimum RTO
    ns3::Ptr<ns3::Socket> m_listener; //!< listening socket
    ns3::Ptr<ns3::Socket> m_accepted; //!< the connection
    uint64_t m_received{0};           //!< request bytes received
    uint64_t m_owed{0};               //!< response bytes not yet written
};

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_REQUEST_RESPONSE_FLOW_H */
