/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_EXPERIMENTS_SWEEP_PLOT_H
#define TCP_ENCAP_EXPERIMENTS_SWEEP_PLOT_H

#include <string>
#include <vector>

namespace tcpencap
{

/** What `tcp-encap plot` draws. */
struct PlotOptions
{
    std::string x;                    //!< parameter on the x axis ("" : pick one that varies)
    std::vector<std::string> metrics; //!< metrics to draw ("" : the standard set)
    bool pdf{false};                  //!< also write PDF
    std::string ratioTo;              //!< draw metric / metric of this mode, same parameters
    std::vector<double> thresholds;   //!< with ratioTo: report where each ratio falls below
    std::vector<std::string> models;  //!< goodput vs loss overlays: mathis, mathis-b1, pftk, cubic
    std::string facet;                //!< one set of figures per value of this parameter
    bool logY{false};                 //!< logarithmic y axis
    std::string cdf;                  //!< draw the empirical CDF of this column instead
    bool linearX{false};              //!< with cdf: linear x axis (default logarithmic)
};

/**
 * \brief Draw one figure per metric from DIR/summary.csv (or, with options.cdf, PlotCdf): the
 * metric's mean with its 95% confidence interval against the x parameter, one line per combination
 * of the other parameters that vary. Writes DIR/plots/<metric>.png and .svg (and .pdf) through
 * gnuplot-iostream. With a ratio base mode, draws each metric divided by the base mode's at
 * the same parameters (DIR/plots/<metric>-vs-<mode>.*) and writes where each ratio first
 * falls below the thresholds (DIR/plots/<metric>-vs-<mode>-thresholds.csv, also printed).
 * Model overlays draw the Mathis et al. and Padhye et al. (PFTK) throughput of one Reno-like
 * flow from the loss rate and the inner RTT measured in the base mode (udp when not given).
 * \param dir a sweep's output directory
 * \param options what to draw
 * \param[out] error why it failed
 * \return the number of figures written, or -1 on error
 */
int PlotSweep(const std::string& dir, const PlotOptions& options, std::string& error);

/**
 * \brief Draw the empirical CDF of one column of DIR/results.csv (options.cdf): per point (the
 * parameters but seed and run) the values of all its runs pooled (a list column such as
 * stall_lengths_ms gives every number of its lists, a scalar column one value per run), one
 * line per point, labelled by the parameters that vary; per value of options.facet if set.
 * Writes DIR/plots/<column>-cdf[-<facet>-<value>].png and .svg (and .pdf), and next to each
 * figure <name>-quantiles.csv: per point its parameters, runs, count, the pooled nearest-rank
 * p50, p90, p99 and maximum, and the sum (for stalls: the time spent in them) (also printed).
 * \param dir a sweep's output directory
 * \param options options.cdf, facet, linearX, pdf
 * \param[out] error why it failed: no results, no such column, a value that is not a number,
 * no number at all
 * \return the number of figures written, or -1 on error
 */
int PlotCdf(const std::string& dir, const PlotOptions& options, std::string& error);

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_SWEEP_PLOT_H */
