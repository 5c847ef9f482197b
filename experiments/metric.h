/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_EXPERIMENTS_METRIC_H
#define TCP_ENCAP_EXPERIMENTS_METRIC_H

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace tcpencap
{

struct ScenarioOutcome;

/** What a metric's column holds. */
enum class MetricKind
{
    SCALAR, //!< one number per run: summaries give its mean and confidence interval
    LIST,   //!< numbers separated by spaces, one per event (e.g. per stall): no mean
    TEXT,   //!< a word (e.g. the transport IKE ended on): counted, not averaged
};

/** What the error bars of a metric's figures show across the runs of a point. */
enum class MetricSpread
{
    CI95,  //!< the 95% confidence interval of the mean (Student t): for means and counts
    RANGE, //!< the smallest and largest run: for quantiles and extremes, whose spread over a
           //!< few seeds is not normal and whose t interval would reach below zero
};

/**
 * \brief One measured quantity of a run: everything the program knows about it, in one row of
 * the table (Metrics()). The result row, the summary's statistics, the figures' labels and
 * the default figures all come from here.
 */
struct Metric
{
    std::string name;  //!< column name, with its unit as suffix where it has one
    std::string label; //!< figures: what it is ("Inner goodput")
    std::string unit;  //!< figures: its unit ("Mbit/s"; empty: a count or a ratio)
    MetricKind kind;   //!< scalar, list or text
    MetricSpread spread{MetricSpread::CI95}; //!< figures: what the error bars show
    /// its value from a finished run ("" : not applicable to this run)
    std::function<std::string(const ScenarioOutcome&)> collect;
    bool plotByDefault{false}; //!< drawn by `plot` when no --metric is given
    bool logScale{false};      //!< figures: a log y axis (values that span decades)
    bool wallClock{false};     //!< depends on the machine, not only on the parameters

    /** \return label and unit, for an axis ("Inner goodput (Mbit/s)") */
    std::string AxisLabel() const;
};

/** \return every metric, in column order (metric-table.cc) */
const std::vector<Metric>& Metrics();

/** \param name a column name \return its metric, or nullptr */
const Metric* FindMetric(std::string_view name);

/** \return the metric column names, in order */
std::vector<std::string> MetricNames();

/** \return the names of the LIST metrics */
std::vector<std::string> ListMetricNames();

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_METRIC_H */
