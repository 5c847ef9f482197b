/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_EXPERIMENTS_SWEEP_CONFIG_H
#define TCP_ENCAP_EXPERIMENTS_SWEEP_CONFIG_H

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tcpencap
{

/**
 * \brief A sweep: for each scenario option a list of values, and a number of seeds (runs).
 * The points are the cartesian product, in file order with the last option varying fastest,
 * each repeated with --run=1..seeds.
 */
struct SweepConfig
{
    std::vector<std::pair<std::string, std::vector<std::string>>> axes; //!< option, values
    uint32_t seeds{1};                                                  //!< runs per point
};

/**
 * \brief Read an INI sweep file: `option = v1, v2, ...` or `option = from:to:step` (ranges and
 * lists can mix), `seeds = N`; `#` and `;` start comments; `[sections]` are ignored.
 * \param path the file
 * \param[out] config the sweep
 * \param[out] error what is wrong (file, line, option) when false is returned
 * \return whether the file is a valid sweep
 */
bool ReadSweepConfig(const std::string& path, SweepConfig& config, std::string& error);

/**
 * \param config a sweep
 * \return for each run, its command-line arguments (`--option=value`, then `--run=N`)
 */
std::vector<std::vector<std::string>> ExpandSweep(const SweepConfig& config);

/**
 * \param args the arguments of one run
 * \return a stable 16-hex-digit name for it (FNV-1a of the arguments)
 */
std::string PointId(const std::vector<std::string>& args);

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_SWEEP_CONFIG_H */
