/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_EXPERIMENTS_RESULTS_MERGE_H
#define TCP_ENCAP_EXPERIMENTS_RESULTS_MERGE_H

#include "csv.h"

#include <string>
#include <vector>

namespace tcpencap
{

/**
 * \brief Join the one-row result files of a sweep (every .csv in DIR/points) into one table, rows
 * ordered by their parameter values (numbers compared as numbers).
 * \param dir the sweep's output directory
 * \param[out] merged the table
 * \param[out] error what went wrong
 * \return whether it worked (no files at all is an error)
 */
bool MergePoints(const std::string& dir, CsvTable& merged, std::string& error);

/**
 * \brief Mean and 95% confidence interval (Student's t) of every metric over the runs of each
 * point: rows are grouped by every parameter column except seed and run. List columns
 * (ListMetricNames(): values separated by spaces) are left out; other values that are not
 * numbers (empty, text) are skipped, and a metric with none gives empty mean and CI.
 * \param results merged results
 * \return columns: the parameters, n, then for each metric but the lists <metric>_mean and
 * <metric>_ci95
 */
CsvTable Summarize(const CsvTable& results);

/**
 * \param n sample size (at least 2)
 * \return the two-sided 95% quantile of Student's t with n - 1 degrees of freedom
 */
double StudentT95(std::size_t n);

/** \return the parameter column names of a result row, in order */
std::vector<std::string> ParameterNames();

/**
 * \brief Merge DIR/points into DIR/results.csv and DIR/summary.csv, each written atomically.
 * \param dir the sweep's output directory
 * \param[out] error what went wrong
 * \return whether both were written
 */
bool WriteMergedResults(const std::string& dir, std::string& error);

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_RESULTS_MERGE_H */
