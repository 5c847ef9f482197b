/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_EXPERIMENTS_RUN_PARAMS_H
#define TCP_ENCAP_EXPERIMENTS_RUN_PARAMS_H

#include <boost/program_options.hpp>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tcpencap
{

/**
 * \brief Every parameter of one simulation run (`tcp-encap run`), with the defaults of a
 * 10 Mbit/s, 50 ms RTT remote-access path. Times and rates are kept as the strings the user
 * gave (ns-3 syntax: "25ms", "10Mbps") so that result rows repeat them verbatim.
 */
struct RunParams
{
    std::string mode{"udp"};               //!< plain, udp, tcp, tls
    std::string keying{"ike"};             //!< ike (IKEv2 handshake first) or manual
    std::string ikeAuth{"psk"};            //!< ike: psk, ecdsa-p256 or rsa-2048
    std::string fallback{"none"};          //!< none, sequential, race or mobike (tcp, tls)
    std::string fallbackDelay{"0s"};       //!< sequential: time before the stream (0: auto)
    std::string liveness{"0s"};            //!< IKE liveness interval (0: none)
    std::string mobikeProbe{"2s"};         //!< mobike: UDP probe interval on the stream
    std::string block{"none"};             //!< firewall from the start: none, udp, ike-udp,
                                           //!< all-but-443
    double udpBlockStart{0};               //!< seconds into the traffic UDP is dropped
    double udpBlockLength{0};              //!< for how long (0: never)
    std::string tlsVersion{"1.3"};         //!< tls: 1.3 or 1.2
    std::string recordPolicy{"per-frame"}; //!< tls: per-frame or coalesce
    bool tlsResumption{false};             //!< tls: session tickets on reconnect
    std::string framing{"rfc9329"};        //!< rfc9329 or draft-03 (tcp)
    std::string espSize{"udp"};            //!< tcp, tls: udp, fit or bytes (largest ESP)
    uint32_t port{0};                  //!< gateway port (tcp, tls); 0: 4500 for tcp, 443 for tls
    std::string rate{"10Mbps"};        //!< bottleneck rate
    std::string delay{"25ms"};         //!< bottleneck one-way delay
    uint32_t queue{100};               //!< bottleneck FIFO, packets
    double queueBdp{0};                //!< if > 0: FIFO = this many BDPs (overrides queue)
    double loss{0};                    //!< mean loss probability on the bottleneck
    double burst{1};                   //!< mean loss burst length (1: Bernoulli)
    std::string lossDirection{"data"}; //!< data (client to gateway) or both
    std::string outerCc{"Cubic"};      //!< outer congestion control
    uint32_t outerInitialCwnd{10};     //!< outer initial window, segments
    std::string outerWindow{"auto"};   //!< outer socket buffers: auto (Linux) or bytes
    std::string innerWindow{"auto"};   //!< inner bulk flows' socket buffers: auto or bytes
    std::string outerMinRto{"200ms"};  //!< outer minimum RTO
    bool outerNagle{false};            //!< Nagle on the outer connection
    std::string queuePolicy{"linux"};  //!< tunnel queue: linux or fifo
    std::string innerCc{"Cubic"};      //!< inner congestion control
    std::string innerMinRto{"200ms"};  //!< inner minimum RTO
    double outageStart{0};             //!< seconds into the traffic when the path goes dead
    double outageLength{0};            //!< seconds it stays dead (0: no outage)
    uint32_t flows{1};                 //!< inner bulk TCP flows
    std::string cbrRate{"0"};          //!< inner UDP constant bit rate ("0": none)
    uint32_t cbrSize{200};             //!< its datagram size, bytes
    uint32_t rrRequest{0};             //!< request size of an interactive flow (0: none)
    uint32_t rrResponse{2000};         //!< its response size, bytes
    std::string rrInterval{"100ms"};   //!< time between its request starts
    double duration{20};               //!< seconds of traffic
    double warmup{2};                  //!< seconds excluded from rates
    uint32_t seed{1};                  //!< ns-3 RNG seed
    uint32_t run{1};                   //!< ns-3 RNG run number
};

/**
 * \param p where parsed values go
 * \return the options of `tcp-encap run` that describe the simulation (no --out, --config)
 */
boost::program_options::options_description ScenarioOptions(RunParams& p);

/**
 * \param p parameters
 * \return an empty string if they make sense, else a message naming the bad option
 */
std::string Validate(const RunParams& p);

/**
 * \param window the value of --outer-window or --inner-window, already validated
 * \return 0 for "auto" (the buffers are sized as Linux autotunes them), else the byte count
 */
uint32_t WindowBytes(const std::string& window);

/**
 * \param s an ns-3 DataRate string ("10Mbps")
 * \param[out] bps its bits per second (0 when malformed)
 * \return whether it is one
 */
bool ParseRate(const std::string& s, double& bps);

/**
 * \param p parameters
 * \return (name, value) pairs in a fixed order: the parameter columns of a result row
 */
std::vector<std::pair<std::string, std::string>> ParameterColumns(const RunParams& p);

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_RUN_PARAMS_H */
