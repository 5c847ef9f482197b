/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// What figures call things: parameter values as people write them ("1 %", "25 ms", "64 KiB",
// "ESP-in-TCP"), axes with their units, legend entries and the fixed scenario, all from the
// parameter table (parameter.h).
#ifndef TCP_ENCAP_EXPERIMENTS_PLOT_LABELS_H
#define TCP_ENCAP_EXPERIMENTS_PLOT_LABELS_H

#include "csv.h"

#include <string>
#include <utility>
#include <vector>

namespace tcpencap
{

/** \param mode plain, udp, tcp, tls \return ESP-in-UDP, ESP-in-TCP, ESP-in-TLS, no tunnel */
std::string ModeName(const std::string& mode);

/**
 * \brief A parameter column's cell as a number for an axis: times in milliseconds (seconds for
 * the columns written in seconds), rates in Mbit/s, byte counts in bytes, others as written.
 * \param column a parameter column \param cell its value \param[out] v the number
 * \return whether the cell is a number ("auto" is not)
 */
bool ColumnNumber(const std::string& column, const std::string& cell, double& v);

/** An x axis for a parameter: the label with its unit, and the scale from ColumnNumber's. */
struct ParameterAxis
{
    std::string label; //!< "Bottleneck loss (%)"
    double scale{1};   //!< display value = ColumnNumber's value * scale
    bool log{false};   //!< values spanning decades (buffer sizes): a log axis
};

/**
 * \param column a parameter column
 * \param values its ColumnNumber values in the figure (for the unit: KiB or MiB, ms or s)
 * \return its axis
 */
ParameterAxis AxisOf(const std::string& column, const std::vector<double>& values);

/**
 * \param column a parameter column \param cell its value
 * \return the value with its unit as people write it ("1 %", "25 ms", "64 KiB", "ESP-in-TCP")
 */
std::string ValueText(const std::string& column, const std::string& cell);

/**
 * \param values (column, cell) pairs of the parameters that tell lines apart
 * \return the legend entry: "ESP-in-TCP, 25 ms delay, Largest ESP packet 1400 bytes" (the mode
 *         by its name, loss, delay, rate, burst, queue, buffers and flows as short phrases, the
 *         others as "<label> <value>"; empty cells left out)
 */
std::string SeriesTitle(const std::vector<std::pair<std::string, std::string>>& values);

/**
 * \param table summary or results rows
 * \param shown columns already on an axis, in legends or in the title: left out
 * \return the scenario every row shares, for a subtitle: "10 Mbit/s, 25 ms bottleneck delay,
 *         100-packet FIFO, 1 inner flow, 30 s (2 s warm-up), 3 runs per point"
 */
std::string ScenarioText(const CsvTable& table, const std::vector<std::string>& shown);

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_PLOT_LABELS_H */
