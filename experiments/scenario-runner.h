/*
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

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_SCENARIO_RUNNER_H */
