/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "plot-labels.h"

#include "client-mix.h"
#include "parameter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

namespace tcpencap
{

namespace
{

constexpr double KIB = 1024;
constexpr double MIB = 1024 * 1024;

/** \param v a number \return it shortly ("0.5", "25", "1e+06" only beyond 7 digits) */
std::string
Short(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.6g", v);
    return buf;
}

/** \param s "25ms", "10Mbps" \param[out] v milliseconds or Mbit/s \return whether it is one */
bool
NumberWithUnit(const std::string& s, double& v)
{
    char* end = nullptr;
    v = std::strtod(s.c_str(), &end);
    if (s.empty() || !end || end == s.c_str())
    {
        return false;
    }
    static const std::map<std::string, double> units = {{"s", 1e3},
                                                        {"ms", 1},
                                                        {"us", 1e-3},
                                                        {"ns", 1e-6},
                                                        {"min", 6e4},
                                                        {"bps", 1e-6},
                                                        {"kbps", 1e-3},
                                                        {"Kbps", 1e-3},
                                                        {"Mbps", 1},
                                                        {"Gbps", 1e3}};
    auto it = units.find(end);
    if (it == units.end())
    {
        return false;
    }
    v *= it->second;
    return true;
}

/** \param bytes a byte count \return it in bytes, KiB or MiB, whichever reads shortest */
std::string
BytesText(double bytes)
{
    if (bytes >= MIB && std::fmod(bytes, MIB / 4) == 0)
    {
        return Short(bytes / MIB) + " MiB";
    }
    if (bytes >= KIB && std::fmod(bytes, KIB / 4) == 0)
    {
        return Short(bytes / KIB) + " KiB";
    }
    return Short(bytes) + " bytes";
}

/** \param ms milliseconds \return "25 ms", "2 s" */
std::string
TimeText(double ms)
{
    return ms >= 1000 ? Short(ms / 1000) + " s" : Short(ms) + " ms";
}

/** \param table rows \param column a column \return its one non-empty value, or "" */
std::string
FixedValue(const CsvTable& table, const std::string& column)
{
    int c = table.Column(column);
    std::set<std::string> values;
    for (const auto& row : c < 0 ? std::vector<std::vector<std::string>>() : table.rows)
    {
        if (!row[c].empty())
        {
            values.insert(row[c]);
        }
    }
    return values.size() == 1 ? *values.begin() : "";
}

/**
 * \param column a parameter column \param cell its value (not empty)
 * \return the value in a legend: short phrases for the common parameters ("1 % loss", "25 ms
 *         delay"), the mode by its name, else "<label> <value>"
 */
std::string
ValuePhrase(const std::string& column, const std::string& cell)
{
    static const std::map<std::string, std::pair<std::string, std::string>> phrases
        = {{"loss", {"", " loss"}},
           {"delay", {"", " delay"}},
           {"rate", {"", ""}},
           {"burst", {"mean burst ", ""}},
           {"queue", {"FIFO ", ""}},
           {"outer_window", {"outer buffers ", ""}},
           {"inner_window", {"inner buffers ", ""}}};
    const Parameter* p = FindParameter(column);
    auto it = phrases.find(column);
    if (it != phrases.end())
    {
        return it->second.first + ValueText(column, cell) + it->second.second;
    }
    if (column == "flows")
    {
        return cell + (cell == "1" ? " flow" : " flows");
    }
    if (p && p->kind == ParamKind::CONGESTION_CONTROL)
    {
        return p->label.substr(0, p->label.find(' ')) + " " + cell; // "Inner Cubic"
    }
    return column == "mode" || !p ? ValueText(column, cell)
                                  : p->label + " " + ValueText(column, cell);
}

} // namespace

std::string
ModeName(const std::string& mode)
{
    static const std::map<std::string, std::string> names = {{"plain", "no tunnel (plain)"},
                                                             {"udp", "ESP-in-UDP"},
                                                             {"tcp", "ESP-in-TCP"},
                                                             {"tls", "ESP-in-TLS"}};
    auto it = names.find(mode);
    return it == names.end() ? mode : it->second;
}

bool
ColumnNumber(const std::string& column, const std::string& cell, double& v)
{
    const Parameter* p = FindParameter(column);
    if (p && p->kind == ParamKind::MIX)
    {
        // a mix on an axis: the clients of its last entry (udp=8+tcp=2: 2)
        std::vector<MixEntry> mix;
        std::string error;
        bool ok = ParseMix(cell, mix, error) && !mix.empty() && !mix.back().rest;
        v = ok ? mix.back().clients : 0;
        return ok;
    }
    if (p && p->kind == ParamKind::BYTES)
    {
        uint64_t bytes = 0;
        bool ok = values::ParseBytes(cell, bytes);
        v = static_cast<double>(bytes);
        return ok;
    }
    return ParseNumber(cell, v) || NumberWithUnit(cell, v);
}

ParameterAxis
AxisOf(const std::string& column, const std::vector<double>& values)
{
    const Parameter* p = FindParameter(column);
    ParameterAxis axis;
    if (!p)
    {
        axis.label = column;
        return axis;
    }
    double lo = values.empty() ? 0 : *std::min_element(values.begin(), values.end());
    double hi = values.empty() ? 0 : *std::max_element(values.begin(), values.end());
    std::string unit = p->unit;
    axis.scale = p->displayScale;
    if (p->kind == ParamKind::TIME && p->column == ColumnForm::NORMAL)
    {
        bool seconds = hi >= 5000; // 0.75 s to 60 s rather than 750 to 60000 ms
        unit = seconds ? "s" : "ms";
        axis.scale = seconds ? 1e-3 : 1;
    }
    else if (p->kind == ParamKind::RATE)
    {
        unit = "Mbit/s";
    }
    else if (p->kind == ParamKind::BYTES)
    {
        unit = hi >= 2 * MIB ? "MiB" : hi >= 8 * KIB ? "KiB" : "bytes";
        axis.scale = hi >= 2 * MIB ? 1 / MIB : hi >= 8 * KIB ? 1 / KIB : 1;
        axis.log = lo > 0 && hi / lo >= 30;
    }
    axis.label = unit.empty() ? p->label : p->label + " (" + unit + ")";
    return axis;
}

std::string
ValueText(const std::string& column, const std::string& cell)
{
    const Parameter* p = FindParameter(column);
    double v = 0;
    if (column == "mode")
    {
        return ModeName(cell);
    }
    if (!p || cell.empty() || !ColumnNumber(column, cell, v))
    {
        return cell;
    }
    switch (p->kind)
    {
        case ParamKind::TIME:
            return p->column == ColumnForm::SECONDS ? Short(v) + " s" : TimeText(v);
        case ParamKind::RATE:
            return Short(v) + " Mbit/s";
        case ParamKind::BYTES:
            return BytesText(v);
        case ParamKind::FLAG:
            return v != 0 ? "on" : "off";
        case ParamKind::PROBABILITY:
            return Short(v * p->displayScale) + " " + p->unit;
        default:
            if (p->unit.empty())
            {
                return cell;
            }
            // "1 packet", "4 packets"
            return Short(v * p->displayScale) + " "
                   + (v * p->displayScale == 1 && p->unit.back() == 's'
                          ? p->unit.substr(0, p->unit.size() - 1)
                          : p->unit);
    }
}

std::string
SeriesTitle(const std::vector<std::pair<std::string, std::string>>& values)
{
    std::string title;
    for (const auto& [column, cell] : values)
    {
        if (cell.empty())
        {
            continue;
        }
        title += (title.empty() ? "" : ", ") + ValuePhrase(column, cell);
    }
    return title;
}

std::string
ScenarioText(const CsvTable& table, const std::vector<std::string>& shown)
{
    auto fixed = [&](const std::string& column)
    {
        bool isShown = std::find(shown.begin(), shown.end(), column) != shown.end();
        return isShown ? std::string() : FixedValue(table, column);
    };
    std::vector<std::string> parts;
    auto add = [&](const std::string& column, const std::string& before, const std::string& after)
    {
        std::string v = fixed(column);
        if (!v.empty())
        {
            parts.push_back(before + ValueText(column, v) + after);
        }
    };
    add("mode", "", "");
    add("rate", "", "");
    add("delay", "", " bottleneck delay");
    std::string bdp = fixed("queue_bdp");
    double b = 0;
    if (!bdp.empty() && ParseNumber(bdp, b) && b > 0)
    {
        parts.push_back("FIFO of " + Short(b) + " BDP");
    }
    else if (std::string q = fixed("queue"); !q.empty())
    {
        parts.push_back(q + "-packet FIFO");
    }
    std::string loss = fixed("loss");
    double p = 0;
    if (!loss.empty() && ParseNumber(loss, p))
    {
        parts.push_back(p == 0 ? "no loss" : ValueText("loss", loss) + " loss");
    }
    add("inner_cc", "inner ", "");
    if (std::string f = fixed("flows"); !f.empty())
    {
        parts.push_back(f + (f == "1" ? " inner flow" : " inner flows"));
    }
    add("duration", "", "");
    if (std::string w = fixed("warmup"); !w.empty() && !parts.empty() && !fixed("duration").empty())
    {
        parts.back() += " (" + ValueText("warmup", w) + " warm-up)";
    }
    if (std::string n = FixedValue(table, "n"); !n.empty())
    {
        parts.push_back(n + (n == "1" ? " run per point" : " runs per point"));
    }
    std::string text;
    for (const auto& part : parts)
    {
        text += (text.empty() ? "" : ", ") + part;
    }
    return text;
}

} // namespace tcpencap
