/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_EXPERIMENTS_SCENARIO_RUNNER_H
#define TCP_ENCAP_EXPERIMENTS_SCENARIO_RUNNER_H

#include "run-params.h"

#include <string>
#include <utility>
#include <vector>

namespace tcpencap
{

class DeliveryStats;

/** Named values of one run, in a fixed order; empty values mean "not applicable". */
using Columns = std::vector<std::pair<std::string, std::string>>;

/**
 * \brief Run one simulation of the remote-access scenario and measure it.
 * \param p validated parameters
 * \return the metric columns (wall-clock columns last)
 */
Columns RunScenario(const RunParams& p);

/** \return the metric column names RunScenario returns, in order */
std::vector<std::string> MetricNames();

/**
 * \return the metric columns that hold a list of numbers separated by spaces (one value per
 * event, e.g. per stall) rather than one number: no mean or CI in a summary
 */
std::vector<std::string> ListMetricNames();

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
