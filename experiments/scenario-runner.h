/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_EXPERIMENTS_SCENARIO_RUNNER_H
#define TCP_ENCAP_EXPERIMENTS_SCENARIO_RUNNER_H

#include "metric.h"
#include "run-params.h"

#include "ns3/nstime.h"

#include <string>
#include <utility>
#include <vector>

namespace tcpencap
{

class DeliveryStats;

/** Named values of one run, in a fixed order; empty values mean "not applicable". */
using Columns = std::vector<std::pair<std::string, std::string>>;

/** What a run writes besides its row. */
struct RunOutputs
{
    std::string seriesFile;                           //!< per-flow time series CSV ("" : none)
    ns3::Time seriesInterval{ns3::MilliSeconds(100)}; //!< its sampling interval
    std::string clientsFile;                          //!< per-client CSV (ClientsCsv; "" : none)
};

struct ClientSummary;

/**
 * \param clients what each client got (SummarizeClients)
 * \return the per-client CSV: a header, then one row per client: client (index), mode,
 *         inner_address (plain: the outer one), goodput_mbps and bytes (bulk, measured period),
 *         rtt_p50_ms and rtt_mean_ms (its bulk flows' RTT samples), stalls (gaps longer than 2
 *         base RTTs), ike_handshake_ms (empty: no IKE or not established)
 */
std::string ClientsCsv(const std::vector<ClientSummary>& clients);

/**
 * \brief Run one simulation of the remote-access scenario and measure it: the stages of
 * scenario.h, then every metric of Metrics().
 * \param p validated parameters
 * \param outputs extra outputs (a time series)
 * \return the metric columns, in the order of Metrics()
 */
Columns RunScenario(const RunParams& p, const RunOutputs& outputs = {});

/**
 * \brief The stall columns of a run with bulk flows: stall_p50_ms, stall_p90_ms, stall_max_ms
 * (nearest-rank quantiles of the stall lengths, ms with 3 decimals; empty without a stall) and
 * stall_lengths_ms (every stall length in ms with 1 decimal, in the order they happened,
 * separated by spaces; empty without a stall).
 * \param delivery what the bulk flows delivered
 * \return the four columns, in the order of MetricNames()
 */
Columns StallColumns(const DeliveryStats& delivery);

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_SCENARIO_RUNNER_H */
