/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "plot-series.h"

#include "metric.h"
#include "parameter.h"
#include "plot-labels.h"
#include "results-merge.h"
#include "tcp-models.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

namespace tcpencap
{

namespace
{

/** Columns that say how a mode is configured rather than what the scenario is: empty or fixed
 * for the other modes, so they are left out when rows of two modes are paired. */
const std::set<std::string>&
ModeColumns()
{
    static const std::set<std::string> columns
        = {"mode", "framing", "esp_size", "port", "tls_version", "record_policy", "tls_resumption"};
    return columns;
}

/** \return a cell as a number, or NaN (a missing column or an empty cell) */
double
Cell(const CsvTable& table, const std::vector<std::string>& row, const std::string& column)
{
    int c = table.Column(column);
    double v = 0;
    return c >= 0 && ParseNumber(row[c], v) ? v : NAN;
}

/** \return whether every mode of the rows has one value of the column (the port of tcp) */
bool
FollowsMode(const CsvTable& table, const std::string& column)
{
    int modeCol = table.Column("mode");
    int c = table.Column(column);
    if (modeCol < 0 || c < 0)
    {
        return false;
    }
    std::map<std::string, std::string> valueOf;
    for (const auto& row : table.rows)
    {
        auto [it, added] = valueOf.emplace(row[modeCol], row[c]);
        if (!added && it->second != row[c])
        {
            return false;
        }
    }
    return true;
}

/**
 * \return the (column, value) pairs that name a row's line: the varying columns but x; with
 * modes, without the columns that follow the mode (a port per mode says nothing the mode does
 * not), else without every column that configures a mode (to pair rows of two modes)
 */
std::vector<std::pair<std::string, std::string>>
LineValues(const LineSelection& lines, const std::vector<std::string>& row, bool withModes)
{
    std::vector<std::pair<std::string, std::string>> values;
    for (const auto& name : lines.varying)
    {
        bool modeColumn = ModeColumns().count(name) > 0;
        if (name != lines.x
            && (withModes ? name == "mode" || !modeColumn || !FollowsMode(*lines.table, name)
                          : !modeColumn))
        {
            values.emplace_back(name, row[lines.table->Column(name)]);
        }
    }
    return values;
}

/** \return the rows' indices, modes in the table's order (plain, udp, tcp, tls), stable */
std::vector<std::size_t>
RowOrder(const CsvTable& table)
{
    std::vector<std::size_t> order(table.rows.size());
    for (std::size_t i = 0; i < order.size(); ++i)
    {
        order[i] = i;
    }
    int modeCol = table.Column("mode");
    const Parameter* mode = FindParameter("mode");
    if (modeCol < 0 || !mode)
    {
        return order;
    }
    auto rank = [&](std::size_t i)
    {
        const auto& c = mode->choices;
        return std::find(c.begin(), c.end(), table.rows[i][modeCol]) - c.begin();
    };
    std::stable_sort(order.begin(),
                     order.end(),
                     [&](std::size_t a, std::size_t b)
                     {
                         return rank(a) < rank(b);
                     });
    return order;
}

/** \return a mode's own colour when lines differ only by mode (its place in the table) */
int
ModeColour(const std::vector<std::pair<std::string, std::string>>& values)
{
    const Parameter* mode = FindParameter("mode");
    if (values.size() != 1 || values[0].first != "mode" || !mode)
    {
        return -1;
    }
    auto it = std::find(mode->choices.begin(), mode->choices.end(), values[0].second);
    return it == mode->choices.end() ? -1 : static_cast<int>(it - mode->choices.begin());
}

/** \return a key of the values: the line's identity */
std::string
Key(const std::vector<std::pair<std::string, std::string>>& values)
{
    std::string key;
    for (const auto& [column, value] : values)
    {
        key += column + "=" + value + "\x1f";
    }
    return key;
}

/** Lines in order of their first point, found by key. */
class LineSet
{
  public:
    /** \return the line of key, added with title if new */
    PlotSeries&
    Line(const std::string& key,
         const std::string& title,
         int colour,
         LineKind kind = LineKind::MEASURED)
    {
        auto [it, added] = m_index.emplace(key, m_series.size());
        if (added)
        {
            m_series.push_back(PlotSeries{title, {}, kind, colour});
        }
        return m_series[it->second];
    }

    /** \return the lines, each sorted by x */
    std::vector<PlotSeries>
    Sorted()
    {
        for (auto& s : m_series)
        {
            std::sort(s.points.begin(),
                      s.points.end(),
                      [](const PlotPoint& a, const PlotPoint& b)
                      {
                          return a.x < b.x;
                      });
        }
        return m_series;
    }

  private:
    std::map<std::string, std::size_t> m_index; //!< key -> position
    std::vector<PlotSeries> m_series;           //!< the lines
};

} // namespace

std::vector<std::string>
VaryingColumns(const CsvTable& table, const std::string& except)
{
    std::vector<std::string> varying;
    for (const auto& name : ParameterNames())
    {
        int c = table.Column(name);
        if (c < 0 || name == "seed" || name == "run" || name == except)
        {
            continue;
        }
        std::set<std::string> values; // empty means "not applicable to this mode"
        for (const auto& row : table.rows)
        {
            if (!row[c].empty())
            {
                values.insert(row[c]);
            }
        }
        if (values.size() > 1)
        {
            varying.push_back(name);
        }
    }
    return varying;
}

bool
ChooseX(const CsvTable& table,
        const std::vector<std::string>& varying,
        std::string& x,
        std::string& error)
{
    std::size_t most = 0; // the numeric parameter with the most values: the others make lines
    for (const auto& name : varying)
    {
        double v = 0;
        int c = table.Column(name);
        std::set<std::string> values;
        for (const auto& row : table.rows)
        {
            values.insert(row[c]);
        }
        if (!ModeColumns().count(name) && ColumnNumber(name, table.rows.front()[c], v)
            && values.size() > most && (most > 0 || x.empty()))
        {
            x = name;
            most = values.size();
        }
    }
    if (x.empty() || table.Column(x) < 0)
    {
        error = x.empty() ? "no numeric parameter varies: nothing to put on the x axis (--x)"
                          : "no parameter '" + x + "' in the summary";
        return false;
    }
    return true;
}

std::string
SpreadNote(const CsvTable& table, const Metric& metric)
{
    if (metric.spread == MetricSpread::RANGE)
    {
        bool ranges
            = table.Column(metric.name + "_min") >= 0 && table.Column(metric.name + "_max") >= 0;
        return ranges ? "mean of the runs, bars: smallest to largest run"
                      : "mean of the runs ± 95 % CI (this summary has no min/max)";
    }
    return "mean ± 95 % CI";
}

std::vector<PlotSeries>
MetricSeries(const LineSelection& lines, const Metric& metric)
{
    const CsvTable& table = *lines.table;
    bool ranges = metric.spread == MetricSpread::RANGE && table.Column(metric.name + "_min") >= 0
                  && table.Column(metric.name + "_max") >= 0;
    LineSet set;
    for (std::size_t r : RowOrder(table))
    {
        const auto& row = table.rows[r];
        PlotPoint p{0, Cell(table, row, metric.name + "_mean")};
        if (!ColumnNumber(lines.x, row[table.Column(lines.x)], p.x) || std::isnan(p.y))
        {
            continue;
        }
        double ci = Cell(table, row, metric.name + "_ci95");
        p.lo = ranges ? Cell(table, row, metric.name + "_min") : p.y - (std::isnan(ci) ? 0 : ci);
        p.hi = ranges ? Cell(table, row, metric.name + "_max") : p.y + (std::isnan(ci) ? 0 : ci);
        auto values = LineValues(lines, row, true);
        std::string title = SeriesTitle(values);
        set.Line(Key(values), title.empty() ? metric.label : title, ModeColour(values))
            .points.push_back(p);
    }
    return set.Sorted();
}

bool
RatioSeries(const LineSelection& lines,
            const std::string& metric,
            const std::string& base,
            std::vector<PlotSeries>& series,
            std::string& error)
{
    const CsvTable& table = *lines.table;
    int modeCol = table.Column("mode");
    auto scenario = [&](const std::vector<std::string>& row)
    {
        return Key(LineValues(lines, row, false)) + row[table.Column(lines.x)];
    };
    std::map<std::string, std::pair<double, double>> baseValues; // scenario -> mean, ci
    for (const auto& row : table.rows)
    {
        double mean = Cell(table, row, metric + "_mean");
        if (modeCol >= 0 && row[modeCol] == base && !std::isnan(mean))
        {
            double ci = Cell(table, row, metric + "_ci95");
            baseValues[scenario(row)] = {mean, std::isnan(ci) ? 0 : ci};
        }
    }
    if (baseValues.empty())
    {
        error = "no rows with mode=" + base + " to divide by";
        return false;
    }
    LineSet set;
    for (std::size_t r : RowOrder(table))
    {
        const auto& row = table.rows[r];
        PlotPoint p{0, Cell(table, row, metric + "_mean")};
        double ci = Cell(table, row, metric + "_ci95");
        auto b = baseValues.find(scenario(row));
        if (row[modeCol] == base || b == baseValues.end() || b->second.first == 0 || std::isnan(p.y)
            || !ColumnNumber(lines.x, row[table.Column(lines.x)], p.x))
        {
            continue;
        }
        // Delta method for the ratio of two independent means.
        double ratio = p.y / b->second.first;
        double rel = std::hypot(p.y != 0 && !std::isnan(ci) ? ci / p.y : 0,
                                b->second.second / b->second.first);
        p = PlotPoint{p.x, ratio, ratio * (1 - rel), ratio * (1 + rel)};
        auto values = LineValues(lines, row, true);
        set.Line(Key(values), SeriesTitle(values), ModeColour(values)).points.push_back(p);
    }
    series = set.Sorted();
    return true;
}

namespace
{

/** \return the name of a model in legends, or "" if unknown */
std::string
ModelName(const std::string& model)
{
    static const std::map<std::string, std::string> names = {{"mathis", "Mathis (b = 2)"},
                                                             {"mathis-b1", "Mathis (b = 1)"},
                                                             {"pftk", "PFTK (b = 2)"},
                                                             {"cubic", "RFC 9438 CUBIC"}};
    auto it = names.find(model);
    return it == names.end() ? "" : it->second;
}

/** \return a model's goodput in bit/s: mss bytes, rtt and rto seconds, p the loss rate */
double
ModelRate(const std::string& model, double mss, double rtt, double rto, double p)
{
    if (model == "mathis" || model == "mathis-b1")
    {
        return MathisRate(mss, rtt, p, model == "mathis" ? 2 : 1);
    }
    return model == "pftk" ? PadhyeRate(mss, rtt, p, rto, 2, 0) : CubicRate(mss, rtt, p);
}

} // namespace

std::string
ReferenceMode(const CsvTable& table)
{
    int modeCol = table.Column("mode");
    if (modeCol < 0 || table.rows.empty())
    {
        return "";
    }
    for (const auto& row : table.rows)
    {
        if (row[modeCol] == "udp")
        {
            return "udp";
        }
    }
    return table.rows.front()[modeCol];
}

bool
ModelSeries(const LineSelection& lines,
            const std::vector<std::string>& models,
            std::vector<PlotSeries>& series,
            std::string& error)
{
    const CsvTable& table = *lines.table;
    for (const char* column : {"rtt_mean_ms_mean", "inner_rto_ms_mean", "inner_mss_mean"})
    {
        if (table.Column(column) < 0)
        {
            error = "--model needs the columns rtt_mean_ms, inner_rto_ms and inner_mss (a sweep "
                    "made by an older program version has no inner_rto_ms)";
            return false;
        }
    }
    for (const auto& model : models)
    {
        if (ModelName(model).empty())
        {
            error = "unknown model '" + model + "' (mathis, mathis-b1, pftk, cubic)";
            return false;
        }
    }
    std::string reference = ReferenceMode(table);
    int modeCol = table.Column("mode");
    LineSet set;
    for (const auto& row : table.rows)
    {
        double p = Cell(table, row, lines.x);
        double rtt = Cell(table, row, "rtt_mean_ms_mean") / 1000;
        double rto = Cell(table, row, "inner_rto_ms_mean") / 1000;
        double mss = Cell(table, row, "inner_mss_mean");
        if ((modeCol >= 0 && row[modeCol] != reference) || !(p > 0) || !(rtt > 0) || std::isnan(rto)
            || !(mss > 0))
        {
            continue;
        }
        auto values = LineValues(lines, row, false);
        std::string where = SeriesTitle(values);
        for (const auto& model : models)
        {
            std::string title = ModelName(model) + " model" + (where.empty() ? "" : ", " + where);
            set.Line(model + Key(values), title, -1, LineKind::MODEL)
                .points.push_back({p, ModelRate(model, mss, rtt, rto, p) / 1e6});
        }
    }
    series = set.Sorted();
    return true;
}

CsvTable
ThresholdCrossings(const std::vector<PlotSeries>& series, const std::vector<double>& thresholds)
{
    CsvTable table;
    table.header = {"series", "threshold", "first_x_below"};
    for (const auto& s : series)
    {
        for (double t : thresholds)
        {
            std::string at = "none";
            const auto& points = s.points;
            for (std::size_t i = 0; i < points.size(); ++i)
            {
                if (points[i].y < t)
                {
                    double x = points[i].x;
                    if (i > 0) // interpolate between the last point above and this one
                    {
                        const PlotPoint& a = points[i - 1];
                        x = a.x + (a.y - t) / (a.y - points[i].y) * (x - a.x);
                    }
                    char buf[32];
                    std::snprintf(buf, sizeof(buf), "%.4g", x);
                    at = buf;
                    break;
                }
            }
            table.rows.push_back({s.title, std::to_string(t), at});
        }
    }
    return table;
}

bool
CellNumbers(const std::string& cell, std::vector<double>& values, std::string& bad)
{
    std::istringstream in(cell);
    std::string word;
    while (in >> word)
    {
        double v = 0;
        if (!ParseNumber(word, v) || !std::isfinite(v))
        {
            bad = word;
            return false;
        }
        values.push_back(v);
    }
    return true;
}

std::vector<CdfLine>
CdfLines(const CsvTable& results,
         const std::string& column,
         const std::string& facet,
         std::vector<std::string>& varying)
{
    varying = VaryingColumns(results, facet);
    std::vector<int> groupCols;
    for (const auto& name : ParameterNames())
    {
        if (results.Column(name) >= 0 && name != "seed" && name != "run")
        {
            groupCols.push_back(results.Column(name));
        }
    }
    std::vector<CdfLine> lines; // in order of first appearance, modes in the table's order
    std::map<std::vector<std::string>, std::size_t> index;
    int vc = results.Column(column);
    for (std::size_t r : RowOrder(results))
    {
        const auto& row = results.rows[r];
        std::vector<std::string> key;
        for (int c : groupCols)
        {
            key.push_back(row[c]);
        }
        auto [it, added] = index.emplace(key, lines.size());
        if (added)
        {
            CdfLine line{key};
            std::vector<std::pair<std::string, std::string>> values;
            for (const auto& name : varying)
            {
                line.shown.push_back(row[results.Column(name)]);
                if (name == "mode" || !ModeColumns().count(name) || !FollowsMode(results, name))
                {
                    values.emplace_back(name, line.shown.back()); // not a port per mode
                }
            }
            line.title = SeriesTitle(values);
            lines.push_back(line);
        }
        CdfLine& line = lines[it->second];
        ++line.runs;
        std::string bad;
        CellNumbers(row[vc], line.values, bad); // checked by the caller
    }
    for (auto& line : lines)
    {
        std::sort(line.values.begin(), line.values.end());
    }
    return lines;
}

PlotSeries
CdfSteps(const CdfLine& line, const std::string& title)
{
    PlotSeries s{title, {}, LineKind::STEPS};
    const std::vector<double>& v = line.values;
    if (v.empty())
    {
        return s;
    }
    s.points.push_back({v.front(), 0.0});
    for (std::size_t j = 0; j < v.size(); ++j)
    {
        if (j + 1 == v.size() || v[j + 1] != v[j])
        {
            s.points.push_back({v[j], double(j + 1) / v.size()});
        }
    }
    return s;
}

} // namespace tcpencap
