/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_EXPERIMENTS_SWEEP_RUNNER_H
#define TCP_ENCAP_EXPERIMENTS_SWEEP_RUNNER_H

#include "sweep-config.h"

#include <string>
#include <vector>

namespace tcpencap
{

/**
 * \param program path of the tcp-encap executable
 * \param args one run's arguments
 * \param out where that run writes its row
 * \return the command line that runs it, shell-quoted
 */
std::string RunCommand(const std::string& program,
                       const std::vector<std::string>& args,
                       const std::string& out);

/**
 * \brief Run every point of a sweep as its own `tcp-encap run` process, `jobs` at a time.
 *
 * Results go to DIR/points/<id>.csv (written atomically by the run), stderr of each run to
 * DIR/points/<id>.err; points whose result exists are skipped (resume). A run that fails is
 * reported with its command line and the end of its stderr, and the sweep goes on. Progress
 * goes to stderr: a redrawn bar on a terminal, one line per finished run otherwise. At the
 * end DIR/results.csv and DIR/summary.csv are written.
 *
 * \param config the sweep
 * \param dir output directory (created)
 * \param jobs runs at a time (at least 1)
 * \param program path of the tcp-encap executable
 * \return 0 if every run succeeded, 1 if some failed, 2 if the directory is unusable
 */
int RunSweep(const SweepConfig& config,
             const std::string& dir,
             unsigned jobs,
             const std::string& program);

/**
 * \param path a directory
 * \param[out] error why it could not be made
 * \return whether it exists now (parents are made too)
 */
bool MakeDirectories(const std::string& path, std::string& error);

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_SWEEP_RUNNER_H */
