/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_EXPERIMENTS_RUN_PARAMS_H
#define TCP_ENCAP_EXPERIMENTS_RUN_PARAMS_H

#include "parameter.h"

#include "ns3/nstime.h"

#include <boost/program_options.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tcpencap
{

/**
 * \brief The values of every parameter (Parameters()) of one simulation run, by name, with the
 * defaults of a 10 Mbit/s, 50 ms RTT remote-access path. Values are kept as the user gave
 * them (result rows repeat times and rates verbatim) and read through typed accessors that
 * assume Validate() passed; asking for a name the table does not have is a programming error
 * and aborts.
 */
class RunParams
{
  public:
    /** Every parameter at its default. */
    RunParams();

    /**
     * \param name option or column name \param value as the user gave it
     * \return empty if accepted, else an error that names the option and the accepted form
     */
    std::string Set(std::string_view name, const std::string& value);
    /** \param name parameter \return its value as given */
    const std::string& Get(std::string_view name) const;
    /** \param name parameter \return whether it was set (not left at its default) */
    bool IsSet(std::string_view name) const;

    /** \param name a TIME parameter \return its value */
    ns3::Time GetTime(std::string_view name) const;
    /** \param name a TIME parameter \return its value in seconds */
    double Seconds(std::string_view name) const;
    /** \param name a COUNT parameter \return its value */
    uint32_t Count(std::string_view name) const;
    /** \param name a REAL or PROBABILITY parameter \return its value */
    double Real(std::string_view name) const;
    /** \param name a FLAG parameter \return its value */
    bool Flag(std::string_view name) const;
    /** \param name a BYTES parameter \return its byte count (0 for a word such as "auto") */
    uint64_t Bytes(std::string_view name) const;
    /** \param name a RATE parameter \return its bits per second (0 for the word "0") */
    double Rate(std::string_view name) const;

    /** \return the value of --mode */
    const std::string& Mode() const;
    /** \return whether some client carries ESP on a stream (tcp, tls) */
    bool IsStream() const;
    /** \return whether the tunnels are keyed by IKEv2 (tunnels, with --keying ike) */
    bool UsesIke() const;
    /** \return whether there are tunnels (a mix, or a --mode other than plain) */
    bool HasTunnel() const;
    /**
     * \param mode plain, udp, tcp or tls
     * \return whether some client uses it (without --mix: whether it is --mode)
     */
    bool UsesMode(std::string_view mode) const;
    /**
     * \return whether this is the many-client scenario: --clients above 1 or a --mix (clients
     *         of one gateway, IpsecGateway); otherwise the single-client one (a tunnel pair)
     */
    bool ManyClients() const;
    /** \return the mode of each client (the mix's interleaving, or --mode for every one) */
    std::vector<std::string> ClientModes() const;

  private:
    /** \param name parameter \return its index in Parameters() (aborts if unknown) */
    std::size_t Index(std::string_view name) const;

    std::vector<std::string> m_values; //!< per parameter, in table order
    std::vector<bool> m_set;           //!< per parameter: given by the user
};

/**
 * \param p where parsed values go (each option's notifier sets it; values are checked when
 *        set, so a malformed value is refused with the accepted form)
 * \return the options of `tcp-encap run` that describe the simulation, from Parameters()
 */
boost::program_options::options_description ScenarioOptions(RunParams& p);

/**
 * \param p parameters, each already accepted by its kind
 * \return an empty string if they make sense together, else a message naming the options
 */
std::string Validate(const RunParams& p);

/**
 * \param p parameters
 * \return one line per parameter the user set that does not change this simulation
 *         ("--outer-initial-cwnd has no effect here: it applies to --mode tcp or tls")
 */
std::vector<std::string> IgnoredParameters(const RunParams& p);

/**
 * \param p parameters
 * \return the values of the parameters that change the simulation, as one string: two runs
 *         with the same key are the same simulation (a sweep runs it once)
 */
std::string SimulationKey(const RunParams& p);

/**
 * \param p parameters
 * \return (name, value) pairs in table order: the parameter columns of a result row
 */
std::vector<std::pair<std::string, std::string>> ParameterColumns(const RunParams& p);

/**
 * \param args a run's arguments ("--name", "value", ... or "--name=value")
 * \param[out] p the parameters they give
 * \return empty if every one is known and accepted, else the first error
 */
std::string ParseArguments(const std::vector<std::string>& args, RunParams& p);

/**
 * \param s an ns-3 DataRate string ("10Mbps")
 * \param[out] bps its bits per second (0 when malformed)
 * \return whether it is one
 */
bool ParseRate(const std::string& s, double& bps);

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_RUN_PARAMS_H */
