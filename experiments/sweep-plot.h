/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_EXPERIMENTS_SWEEP_PLOT_H
#define TCP_ENCAP_EXPERIMENTS_SWEEP_PLOT_H

#include "csv.h"
#include "plot-draw.h"

#include <string>
#include <utility>
#include <vector>

namespace tcpencap
{

/** The y axis of metric figures. */
enum class YScale
{
    AUTO,   //!< logarithmic for metrics whose table row says logScale, linear otherwise
    LOG,    //!< --logy
    LINEAR, //!< --linear-y
};

/** What `tcp-encap plot` draws. */
struct PlotOptions
{
    std::string x;                    //!< parameter column on the x axis ("" : one that varies)
    std::vector<std::string> metrics; //!< metrics to draw ("" : those plotted by default)
    bool pdf{false};                  //!< also write PDF
    bool script{false};               //!< keep each figure's gnuplot script (<name>.gp)
    std::string ratioTo;              //!< draw metric / metric of this mode, same parameters
    std::vector<double> thresholds;   //!< with ratioTo: report where each ratio falls below
    std::vector<std::string> models;  //!< goodput vs loss overlays: mathis, mathis-b1, pftk, cubic
    std::string facet;                //!< one set of figures per value of this parameter column
    YScale yScale{YScale::AUTO};      //!< y axis of metric figures
    std::string cdf;                  //!< draw the empirical CDF of this column instead
    bool linearX{false};              //!< with cdf: linear x axis (default logarithmic)
    std::vector<double> markX;        //!< vertical lines at these x values (column units)
    std::string title;                //!< replaces every figure's title
    int width{1280};                  //!< figure size in pixels
    int height{800};                  //!< figure size in pixels
    int fontSize{17};                 //!< font size (PNG, SVG)
};

/** \return the figure style the options ask for */
FigureStyle StyleOf(const PlotOptions& options);

/** Figures of a summary, ready to draw, and the tables that go with them. */
struct PreparedFigures
{
    std::vector<Figure> figures;                          //!< one per metric (and facet value)
    std::vector<std::pair<std::string, CsvTable>> tables; //!< file name (in plots/), content
    std::string report;                                   //!< what to print (threshold crossings)
};

/**
 * \brief Prepare the metric figures of a summary (no drawing): per facet value and metric,
 * the lines, axes with units, legend entries, subtitle.
 * \param summary the summary rows \param options what to draw
 * \param[out] prepared the figures \param[out] error why not
 * \return whether it worked
 */
bool PrepareSummaryFigures(const CsvTable& summary,
                           const PlotOptions& options,
                           PreparedFigures& prepared,
                           std::string& error);

/**
 * \brief Draw one figure per metric from DIR/summary.csv (or, with options.cdf, PlotCdf): the
 * metric's mean with error bars (95% CI, or the smallest and largest run for quantiles and
 * extremes) against the x parameter, one line per combination of the other parameters that
 * vary. Writes DIR/plots/<metric>.png and .svg (and .pdf) through gnuplot. With a ratio base
 * mode, draws each metric divided by the base mode's at the same parameters
 * (DIR/plots/<metric>-vs-<mode>.*) and writes where each ratio first falls below the
 * thresholds (DIR/plots/<metric>-vs-<mode>-thresholds.csv, also printed). Model overlays draw
 * the Mathis et al., Padhye et al. (PFTK) and RFC 9438 throughput of one flow from the loss
 * rate and the inner RTT, RTO and MSS measured in the reference mode (udp when there is one).
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
 * \param options options.cdf, facet, linearX, pdf and the style
 * \param[out] error why it failed: no results, no such column, a value that is not a number,
 * no number at all
 * \return the number of figures written, or -1 on error
 */
int PlotCdf(const std::string& dir, const PlotOptions& options, std::string& error);

/**
 * \brief Draw a per-flow time series (`tcp-encap run --series FILE`): goodput over time and
 * RTT over time, one line per flow, as <out>/<stem>-goodput.* and <out>/<stem>-rtt.*.
 * \param file the series CSV (time_s, flow, goodput_mbps, rtt_ms)
 * \param out the directory for the figures ("" : the file's own)
 * \param options the style (title, size, font, pdf)
 * \param[out] error why not
 * \return the number of figures written, or -1 on error
 */
int PlotFlowSeries(const std::string& file,
                   const std::string& out,
                   const PlotOptions& options,
                   std::string& error);

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_SWEEP_PLOT_H */
