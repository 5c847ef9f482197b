/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_EXPERIMENTS_SCENARIO_H
#define TCP_ENCAP_EXPERIMENTS_SCENARIO_H

#include "cbr-flow.h"
#include "inner-bulk-flow.h"
#include "request-response-flow.h"
#include "run-params.h"

#include "ns3/ike-session.h"
#include "ns3/ipsec-gateway.h"
#include "ns3/ipsec-tunnel-helper.h"
#include "ns3/nstime.h"
#include "ns3/packet-firewall.h"
#include "ns3/remote-access-topology.h"
#include "ns3/tcp-encap-transport.h"
#include "ns3/tls-encap-transport.h"

#include <memory>
#include <string>
#include <vector>

namespace tcpencap
{

/**
 * The stages of the remote-access scenario, each one function from the parameters and the
 * stages before it, so that another scenario (e.g. many clients) can reuse them:
 * BuildTopology, InstallTunnel, RunIkeSetup, then the traffic clock, InstallTraffic,
 * ScheduleImpairments, and the collection (ScenarioOutcome, read by the metric table).
 */

/** Stage 1: the path (client, router, gateway, server) and its firewall. */
struct ScenarioTopology
{
    ns3::RemoteAccessTopologyParams params;          //!< as built
    std::unique_ptr<ns3::RemoteAccessTopology> topo; //!< the nodes and links
    ns3::Time baseRtt;                               //!< client-server RTT without queueing
    ns3::Ptr<ns3::PacketFirewall> firewall;          //!< in the router (nullptr: none)
};

/**
 * One client of the many-client scenario (RunParams::ManyClients): its mode and, with a tunnel,
 * its endpoint at a gateway shared by all.
 */
struct ScenarioClient
{
    std::string mode;                     //!< plain, udp, tcp or tls
    ns3::IpsecTunnel tunnel;              //!< its endpoint (client nullptr: plain)
    ns3::Ptr<ns3::TcpEncapTransport> tcp; //!< its stream transport, if any
    ns3::Ptr<ns3::TlsEncapTransport> tls; //!< the same if it is TLS
    ns3::Ptr<ns3::IkeSession> ike;        //!< its IKE session, if any
    uint32_t innerMtu{0};                 //!< MTU inside its tunnel (or of the path)
};

/** Stage 2: the tunnel between client and gateway (nothing for --mode plain). */
struct ScenarioTunnel
{
    ns3::IpsecTunnel tunnel;              //!< its endpoints (client nullptr: no tunnel)
    ns3::Ptr<ns3::TcpEncapTransport> tcp; //!< the client's stream transport, if any
    ns3::Ptr<ns3::TlsEncapTransport> tls; //!< the same if it is TLS
    ns3::Ptr<ns3::IkeSession> ike;        //!< the client's IKE session, if keyed by IKE
    uint32_t innerMtu{0};                 //!< MTU inside the tunnel (or of the path)
    /// many clients: the gateway serving them (nullptr: single client, or plain)
    ns3::Ptr<ns3::IpsecGateway> gateway;
    /// many clients: each one, by index (empty in the single-client scenario, which uses the
    /// fields above)
    std::vector<ScenarioClient> clients;
};

/** When the traffic runs, in absolute simulation time. */
struct ScenarioClock
{
    ns3::Time origin;    //!< the IKE set-up ended (0 without IKE): traffic times count from it
    ns3::Time start;     //!< the traffic starts
    ns3::Time warmupEnd; //!< rates count from here
    ns3::Time end;       //!< the traffic stops
};

/** Stage 3: the inner traffic and what records it. */
struct ScenarioTraffic
{
    uint32_t mss{0};                           //!< inner TCP MSS
    std::unique_ptr<DeliveryStats> delivery;   //!< bulk flows' deliveries
    std::vector<ns3::Ptr<BulkSource>> sources; //!< bulk senders, by flow
    std::vector<ns3::Ptr<BulkSink>> sinks;     //!< bulk receivers, by flow
    ns3::Ptr<CbrReceiver> cbrReceiver;         //!< CBR flow's receiver, if any
    ns3::Ptr<RequestClient> rrClient;          //!< request/response client, if any
    /// bulk flows per client: client i has flows i * flowsPerClient ... (all of them with one
    /// client)
    uint32_t flowsPerClient{0};
    /// many clients: each client's CBR receiver, by client (cbrReceiver is then nullptr)
    std::vector<ns3::Ptr<CbrReceiver>> cbrReceivers;
    /// many clients: each client's request/response client (rrClient is then nullptr)
    std::vector<ns3::Ptr<RequestClient>> rrClients;
};

/** The inner TCP counters of the bulk flows, summed. */
struct InnerTcpSummary
{
    uint64_t retransmissions{0}; //!< by the senders
    uint64_t timeouts{0};        //!< RTOs at the senders
    uint64_t spurious{0};        //!< segments the receivers got twice
    std::vector<double> rttMs;   //!< every RTT sample, ascending
    double meanRtoMs{0};         //!< the RTO at the RTT samples, averaged
};

/** What one client got, for the per-client metrics and `run --clients-csv`. */
struct ClientSummary
{
    uint32_t id{0};            //!< index
    std::string mode;          //!< plain, udp, tcp or tls
    ns3::Ipv4Address address;  //!< inner address (plain: outer)
    uint64_t bytes{0};         //!< bulk bytes delivered in the measured period
    double goodputMbps{0};     //!< the same as a rate
    std::vector<double> rttMs; //!< its bulk flows' RTT samples, ascending
    uint64_t stalls{0};        //!< its bulk flows' stalls (gaps > 2 base RTTs)
    double ikeHandshakeMs{-1}; //!< its IKE handshake (negative: none, or not established)
};

/** Everything a metric is computed from, once the simulation has run. */
struct ScenarioOutcome
{
    const RunParams& params;            //!< the run's parameters
    const ScenarioTopology& topology;   //!< stage 1
    const ScenarioTunnel& tunnel;       //!< stage 2
    const ScenarioClock& clock;         //!< the traffic's times
    const ScenarioTraffic& traffic;     //!< stage 3
    InnerTcpSummary inner;              //!< the bulk flows' TCP counters
    uint64_t wireBytes{0};              //!< IP bytes on the bottleneck, measured period
    uint64_t events{0};                 //!< simulator events
    double wallSeconds{0};              //!< wall-clock time of the simulation
    std::vector<ClientSummary> clients; //!< per client (one in the single-client scenario)
    uint64_t innerPackets{0};           //!< IP packets the server received during the traffic
    uint64_t trafficEvents{0};          //!< simulator events during the traffic
    double trafficWallSeconds{0};       //!< wall-clock time of the traffic's simulation
    double peakRssMb{0};                //!< the process's peak resident set (ru_maxrss)

    /** \return the measured period, seconds */
    double MeasuredSeconds() const;
};

/** \param p parameters \return stage 1, built */
ScenarioTopology BuildTopology(const RunParams& p);

/** \param p parameters \param t stage 1 \return stage 2, installed */
ScenarioTunnel InstallTunnel(const RunParams& p, const ScenarioTopology& t);

/**
 * \brief Run the simulation until the IKE SA and Child SA are up or failed (nothing to do
 * without IKE), so that every run times its traffic from the same point.
 * \param p parameters \param tunnel stage 2
 * \return the traffic clock
 */
ScenarioClock RunIkeSetup(const RunParams& p, const ScenarioTunnel& tunnel);

/** \param p parameters \param t stage 1 \param tunnel stage 2 \param clock times
 * \return stage 3, installed */
ScenarioTraffic InstallTraffic(const RunParams& p,
                               const ScenarioTopology& t,
                               const ScenarioTunnel& tunnel,
                               const ScenarioClock& clock);

/** Schedule the UDP block and the outage of the parameters. \param p parameters \param t
 * stage 1 \param clock times */
void ScheduleImpairments(const RunParams& p, const ScenarioTopology& t, const ScenarioClock& clock);

/** \param traffic stage 3 after the run \return the bulk flows' TCP counters */
InnerTcpSummary SummarizeInnerTcp(const ScenarioTraffic& traffic);

/**
 * \param o a finished run (its traffic, tunnel and clock)
 * \return what each client got: one entry in the single-client scenario
 */
std::vector<ClientSummary> SummarizeClients(const ScenarioOutcome& o);

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_SCENARIO_H */
