/*
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
    std::vector<std::string> models;  //!< goodput vs loss overlays: "mathis", "pftk"
    std::string facet;                //!< one set of figures per value of this parameter
    bool logY{false};                 //!< logarithmic y axis
};

/**
 * \brief Draw one figure per metric from DIR/summary.csv: the metric's mean with its 95%
 * confidence interval against the x parameter, one line per combination of the other
 * parameters that vary. Writes DIR/plots/<metric>.png and .svg (and .pdf) through
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

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_SWEEP_PLOT_H */
