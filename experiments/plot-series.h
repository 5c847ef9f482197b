/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Choosing and transforming a figure's lines: which lines, from which rows, labelled how
// (selection), and what is drawn instead of the measured metric (ratio to a base mode, models,
// threshold crossings). x values here are ColumnNumber's (plot-labels.h), not yet scaled.
#ifndef TCP_ENCAP_EXPERIMENTS_PLOT_SERIES_H
#define TCP_ENCAP_EXPERIMENTS_PLOT_SERIES_H

#include "csv.h"
#include "plot-draw.h"

#include <string>
#include <vector>

namespace tcpencap
{

struct Metric;

/**
 * \param table summary or results rows
 * \param except a column to leave out (the facet), or ""
 * \return the parameter columns (not seed, run) with more than one non-empty value, in order
 */
std::vector<std::string> VaryingColumns(const CsvTable& table, const std::string& except);

/**
 * \brief The x axis: the requested column, or the numeric scenario parameter that takes the
 * most values (the first of those in table order; not a column that follows the mode, such as
 * the port or the ESP size).
 * \param table rows \param varying VaryingColumns \param[in,out] x requested ("" : choose)
 * \param[out] error why there is none \return whether there is one
 */
bool ChooseX(const CsvTable& table,
             const std::vector<std::string>& varying,
             std::string& x,
             std::string& error);

/** The lines of a summary figure: the rows' columns that tell them apart. */
struct LineSelection
{
    const CsvTable* table;            //!< the summary rows
    std::string x;                    //!< the x column
    std::vector<std::string> varying; //!< VaryingColumns: those but x name the lines
};

/** What the error bars of MetricSeries show, for the subtitle. */
std::string SpreadNote(const CsvTable& table, const Metric& metric);

/**
 * \brief One line per combination of the varying columns but x: the metric's mean, with the
 * 95% CI (spread CI95) or the smallest and largest run (spread RANGE, from <m>_min and <m>_max;
 * the CI where a summary has no such columns) as error bars; sorted by x.
 * \param lines the rows and columns \param metric what to draw
 * \return the lines in order of their first row
 */
std::vector<PlotSeries> MetricSeries(const LineSelection& lines, const Metric& metric);

/**
 * \brief The metric of each mode divided by the base mode's at the same scenario (the other
 * parameters but those that configure a mode); the intervals by the delta method.
 * \param lines rows and columns \param metric what to divide \param base a mode ("udp")
 * \param[out] series the ratio lines (the base mode's own left out) \param[out] error no base
 * \return whether the base mode has rows
 */
bool RatioSeries(const LineSelection& lines,
                 const std::string& metric,
                 const std::string& base,
                 std::vector<PlotSeries>& series,
                 std::string& error);

/**
 * \brief Goodput of one flow by the models (mathis, mathis-b1, pftk, cubic) against loss, from
 * the RTT, RTO and MSS (inner_mss_mean) measured in the reference mode's runs of each line:
 * udp, or the first mode of the rows when there is no udp.
 * \param lines rows and columns (x must be loss) \param models the model names
 * \param[out] series one dashed line per model and scenario \param[out] error missing columns
 * or an unknown model \return whether it worked
 */
bool ModelSeries(const LineSelection& lines,
                 const std::vector<std::string>& models,
                 std::vector<PlotSeries>& series,
                 std::string& error);

/** \param table rows \return the mode whose measurements feed the models: udp, or the first */
std::string ReferenceMode(const CsvTable& table);

/**
 * \param series ratio lines \param thresholds values
 * \return CSV (series, threshold, first_x_below): where each line first falls below each
 *         threshold, interpolated between the points around it ("none" if it never does)
 */
CsvTable ThresholdCrossings(const std::vector<PlotSeries>& series,
                            const std::vector<double>& thresholds);

/** One line of a CDF figure: a point of the sweep and its pooled values. */
struct CdfLine
{
    std::vector<std::string> key;   //!< values of the grouping parameters
    std::vector<std::string> shown; //!< values of the varying ones (in CdfLines' varying order)
    std::string title;              //!< legend entry (SeriesTitle)
    std::size_t runs{0};            //!< rows pooled
    std::vector<double> values;     //!< pooled, sorted ascending
};

/**
 * \brief Group result rows by their parameters (but seed and run) and pool the numbers of one
 * column (every number of a list cell).
 * \param results rows \param column the values \param facet a column left out of the titles
 * \param[out] varying the columns that tell the lines apart \return lines in order of first row
 */
std::vector<CdfLine> CdfLines(const CsvTable& results,
                              const std::string& column,
                              const std::string& facet,
                              std::vector<std::string>& varying);

/** \param line values sorted \return the empirical CDF as steps, from 0 at the smallest */
PlotSeries CdfSteps(const CdfLine& line, const std::string& title);

/**
 * \param cell a list of numbers separated by spaces (or one number)
 * \param[out] values appended to \param[out] bad the first word that is not a number
 * \return whether every word was a number
 */
bool CellNumbers(const std::string& cell, std::vector<double>& values, std::string& bad);

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_PLOT_SERIES_H */
