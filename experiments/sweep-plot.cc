/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "sweep-plot.h"

#include "csv.h"
#include "results-merge.h"
#include "scenario-runner.h"
#include "sweep-runner.h"
#include "tcp-models.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <gnuplot-iostream.h>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

namespace tcpencap
{

namespace
{

/** Axis labels with units. */
const std::map<std::string, std::string>&
Labels()
{
    static const std::map<std::string, std::string> labels = {
        {"loss", "bottleneck loss probability"},
        {"burst", "mean loss burst (packets)"},
        {"delay", "bottleneck one-way delay (ms)"},
        {"rate", "bottleneck rate (Mbit/s)"},
        {"inner_min_rto", "inner minimum RTO (ms)"},
        {"outer_min_rto", "outer minimum RTO (ms)"},
        {"queue", "bottleneck FIFO (packets)"},
        {"queue_bdp", "bottleneck FIFO (BDPs)"},
        {"outer_window", "outer window (bytes)"},
        {"outer_initial_cwnd", "outer initial cwnd (segments)"},
        {"flows", "inner flows"},
        {"goodput_mbps", "inner goodput (Mbit/s)"},
        {"rtt_p95_ms", "inner RTT, 95th percentile (ms)"},
        {"rtt_mean_ms", "inner RTT, mean (ms)"},
        {"inner_rto_ms", "inner retransmission timeout, mean (ms)"},
        {"max_gap_ms", "largest delivery gap (ms)"},
        {"stalls_2rtt", "stalls longer than 2 RTT"},
        {"stall_p50_ms", "stall length, median (ms)"},
        {"stall_p90_ms", "stall length, 90th percentile (ms)"},
        {"stall_max_ms", "longest stall (ms)"},
        {"stall_lengths_ms", "stall length (ms)"},
        {"per_rtt_cv", "CV of bytes delivered per RTT"},
        {"inner_retx", "inner retransmissions (segments)"},
        {"inner_spurious_retx", "inner spurious retransmissions (segments)"},
        {"outer_retx", "outer retransmissions (segments)"},
        {"wire_per_inner_byte", "bytes on the wire per inner byte"},
        {"tunnel_queue_drops", "tunnel-queue drops (frames)"},
    };
    return labels;
}

std::string
Label(const std::string& name)
{
    auto it = Labels().find(name);
    return it == Labels().end() ? name : it->second;
}

/**
 * \brief A value for an axis: a plain number, or an ns-3 time or rate with its unit (times in
 * milliseconds, rates in Mbit/s), as the parameters are written.
 * \param s the value \param[out] v the number \return whether it is one
 */
bool
AxisValue(const std::string& s, double& v)
{
    if (ParseNumber(s, v))
    {
        return true;
    }
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

} // namespace

namespace
{

/**
 * \brief Draw the figures of one table (a whole summary, or the rows of one facet value).
 * \param summary the rows to draw
 * \param dir the sweep directory
 * \param options what to draw
 * \param suffix appended to figure names (facet), "" for none
 * \param title appended to titles (facet), "" for none
 * \param[out] error why it failed
 * \return figures written, or -1
 */
int
PlotTable(const CsvTable& summary,
          const std::string& dir,
          const PlotOptions& options,
          const std::string& suffix,
          const std::string& title,
          std::string& error)
{
    // Parameters that take more than one value in this sweep.
    std::vector<std::string> varying;
    for (const auto& name : ParameterNames())
    {
        int c = summary.Column(name);
        if (c < 0 || name == "seed" || name == "run")
        {
            continue;
        }
        std::set<std::string> values; // empty means "not applicable to this mode"
        for (const auto& row : summary.rows)
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
    // Columns that say how a mode is configured rather than what the scenario is: empty or
    // fixed for the other modes, so they are left out when rows of two modes are paired.
    static const std::set<std::string> modeColumns
        = {"mode", "framing", "esp_size", "port", "tls_version", "record_policy", "tls_resumption"};
    std::string x = options.x;
    if (x.empty())
    {
        // The first numeric scenario parameter that varies (a port or an ESP size that follows
        // the mode is not a scenario axis).
        for (const auto& name : varying)
        {
            double v = 0;
            if (!modeColumns.count(name)
                && AxisValue(summary.rows.front()[summary.Column(name)], v))
            {
                x = name;
                break;
            }
        }
    }
    int xc = summary.Column(x);
    if (x.empty() || xc < 0)
    {
        error = x.empty() ? "no numeric parameter varies: nothing to put on the x axis (--x)"
                          : "no parameter '" + x + "' in the summary";
        return -1;
    }
    std::vector<int> seriesCols;
    for (const auto& name : varying)
    {
        if (name != x)
        {
            seriesCols.push_back(summary.Column(name));
        }
    }
    std::vector<std::string> metrics = options.metrics;
    if (metrics.empty())
    {
        metrics = {"goodput_mbps",
                   "rtt_p95_ms",
                   "max_gap_ms",
                   "per_rtt_cv",
                   "inner_spurious_retx",
                   "outer_retx",
                   "wire_per_inner_byte"};
    }
    std::string plotsDir = dir + "/plots";
    if (!MakeDirectories(plotsDir, error))
    {
        return -1;
    }
    int modeCol = summary.Column("mode");
    auto scenarioKey = [&](const std::vector<std::string>& row)
    {
        std::string key;
        for (const auto& name : varying)
        {
            if (!modeColumns.count(name) && name != x)
            {
                key += name + "=" + row[summary.Column(name)] + ", ";
            }
        }
        return key + "x=" + row[xc];
    };
    auto labelOf = [&](const std::vector<std::string>& row)
    {
        std::string label;
        for (int c : seriesCols)
        {
            if (!row[c].empty())
            {
                label += (label.empty() ? "" : ", ") + summary.header[c] + "=" + row[c];
            }
        }
        return label;
    };
    int figures = 0;
    for (const auto& metric : metrics)
    {
        int mc = summary.Column(metric + "_mean");
        int cc = summary.Column(metric + "_ci95");
        if (mc < 0 || cc < 0)
        {
            if (!options.metrics.empty())
            {
                error = "no metric '" + metric + "' in the summary";
                return -1;
            }
            continue;
        }
        // Base values for ratios: the base mode's mean and CI per scenario.
        std::map<std::string, std::pair<double, double>> base;
        if (!options.ratioTo.empty())
        {
            for (const auto& row : summary.rows)
            {
                double mv = 0;
                double cv = 0;
                if (modeCol >= 0 && row[modeCol] == options.ratioTo && ParseNumber(row[mc], mv))
                {
                    ParseNumber(row[cc], cv);
                    base[scenarioKey(row)] = {mv, cv};
                }
            }
            if (base.empty())
            {
                error = "no rows with mode=" + options.ratioTo + " to divide by";
                return -1;
            }
        }
        // Series: (label) -> points (x, value, ci), sorted by x.
        std::map<std::string, std::vector<std::tuple<double, double, double>>> series;
        for (const auto& row : summary.rows)
        {
            double xv = 0;
            double mv = 0;
            double cv = 0;
            if (!AxisValue(row[xc], xv) || !ParseNumber(row[mc], mv))
            {
                continue;
            }
            ParseNumber(row[cc], cv);
            if (!options.ratioTo.empty())
            {
                if (row[modeCol] == options.ratioTo)
                {
                    continue;
                }
                auto b = base.find(scenarioKey(row));
                if (b == base.end() || b->second.first == 0)
                {
                    continue;
                }
                // Delta method for the ratio of two independent means.
                double ratio = mv / b->second.first;
                double rel = std::hypot(mv ? cv / mv : 0, b->second.second / b->second.first);
                mv = ratio;
                cv = ratio * rel;
            }
            std::string label = labelOf(row);
            series[label.empty() ? metric : label].emplace_back(xv, mv, cv);
        }
        if (series.empty())
        {
            continue; // e.g. outer_retx in a sweep without TCP mode
        }
        for (auto& [label, points] : series)
        {
            std::sort(points.begin(), points.end());
        }
        std::string name = metric + suffix;
        std::string ylabel = Label(metric);
        if (!options.ratioTo.empty())
        {
            name = metric + "-vs-" + options.ratioTo + suffix;
            ylabel += " / same with mode=" + options.ratioTo;
            if (!options.thresholds.empty())
            {
                std::string csv = "series,threshold,first_x_below\n";
                for (const auto& [label, points] : series)
                {
                    for (double t : options.thresholds)
                    {
                        std::string at = "";
                        for (std::size_t i = 0; i < points.size(); ++i)
                        {
                            double y = std::get<1>(points[i]);
                            if (y < t)
                            {
                                double xv = std::get<0>(points[i]);
                                if (i > 0) // interpolate between the last point above and this
                                {
                                    double x0 = std::get<0>(points[i - 1]);
                                    double y0 = std::get<1>(points[i - 1]);
                                    xv = x0 + (y0 - t) / (y0 - y) * (xv - x0);
                                }
                                char buf[32];
                                std::snprintf(buf, sizeof(buf), "%.4g", xv);
                                at = buf;
                                break;
                            }
                        }
                        csv += CsvLine({label, std::to_string(t), at.empty() ? "none" : at}) + "\n";
                        std::cout << Label(metric) << " " << label << ": below " << t << " at " << x
                                  << " = " << (at.empty() ? "never (in range)" : at) << "\n";
                    }
                }
                if (!WriteFileAtomically(plotsDir + "/" + name + "-thresholds.csv", csv, error))
                {
                    return -1;
                }
            }
        }
        // Model overlays: goodput of one flow from the loss rate and each line's own measured
        // RTT, retransmission timeout and MSS (tcp-models.h).
        std::map<std::string, std::vector<std::tuple<double, double, double>>> models;
        if (!options.models.empty() && metric == "goodput_mbps" && x == "loss"
            && options.ratioTo.empty())
        {
            const int rttCol = summary.Column("rtt_mean_ms_mean");
            const int rtoCol = summary.Column("inner_rto_ms_mean");
            const int mssCol = summary.Column("inner_mss_mean");
            if (rttCol < 0 || rtoCol < 0 || mssCol < 0)
            {
                error = "--model needs the columns rtt_mean_ms, inner_rto_ms and inner_mss (a "
                        "sweep made by an older program version has no inner_rto_ms)";
                return -1;
            }
            for (const auto& row : summary.rows)
            {
                double p = 0;
                double rttMs = 0;
                double rtoMs = 0;
                double mss = 0;
                if (!ParseNumber(row[xc], p) || p <= 0 || !ParseNumber(row[rttCol], rttMs)
                    || rttMs <= 0 || !ParseNumber(row[rtoCol], rtoMs)
                    || !ParseNumber(row[mssCol], mss))
                {
                    continue;
                }
                const double r = rttMs / 1000;
                std::string where = scenarioKey(row);
                where = where.substr(0, where.rfind("x="));
                where = where.empty() ? "" : ", " + where.substr(0, where.size() - 2);
                for (const auto& model : options.models)
                {
                    double bps = 0;
                    std::string name;
                    if (model == "mathis")
                    {
                        bps = MathisRate(mss, r, p, 2);
                        name = "Mathis (b=2)";
                    }
                    else if (model == "mathis-b1")
                    {
                        bps = MathisRate(mss, r, p, 1);
                        name = "Mathis (b=1)";
                    }
                    else if (model == "pftk")
                    {
                        bps = PadhyeRate(mss, r, p, rtoMs / 1000, 2, 0);
                        name = "PFTK (b=2)";
                    }
                    else if (model == "cubic")
                    {
                        bps = CubicRate(mss, r, p);
                        name = "RFC 9438 CUBIC";
                    }
                    else
                    {
                        error = "unknown model '" + model + "' (mathis, mathis-b1, pftk, cubic)";
                        return -1;
                    }
                    models[name + " model" + where].emplace_back(p, bps / 1e6, 0);
                }
            }
            for (auto& [label, points] : models)
            {
                std::sort(points.begin(), points.end());
            }
        }
        std::vector<std::pair<std::string, std::string>> terminals
            = {{"pngcairo size 1000,650 enhanced font ',12'", "png"},
               {"svg size 1000,650 enhanced font ',12'", "svg"}};
        if (options.pdf)
        {
            terminals.emplace_back("pdfcairo size 7in,4.5in enhanced font ',10'", "pdf");
        }
        for (const auto& [terminal, ext] : terminals)
        {
            Gnuplot gp;
            gp << "set terminal " << terminal << "\n";
            gp << "set output '" << plotsDir << "/" << name << "." << ext << "'\n";
            gp << "set title '" << ylabel << " vs " << Label(x) << title
               << " (mean, 95% CI)' noenhanced\n";
            if (options.logY)
            {
                gp << "set logscale y\n";
            }
            gp << "set xlabel '" << Label(x) << "' noenhanced\n";
            gp << "set ylabel '" << ylabel << "' noenhanced\n";
            gp << "set grid\nset key inside top right box opaque noenhanced\n"
               << (options.logY ? "" : "set yrange [0:*]\n")
               << "set offsets graph 0.02, graph 0.02, 0, 0\n";
            if (!options.ratioTo.empty())
            {
                for (double t : options.thresholds)
                {
                    gp << "set arrow from graph 0, first " << t << " to graph 1, first " << t
                       << " nohead dt 2 lc rgb 'gray40'\n";
                }
            }
            if (x == "loss")
            {
                gp << "set arrow from first 0.03, graph 0 to first 0.03, graph 1 nohead dt 3 "
                      "lc rgb 'gray40'\nset label '3 %' at first 0.03, graph 0.97 offset 0.5,0\n";
            }
            gp << "plot ";
            bool first = true;
            for (const auto& [label, points] : series)
            {
                gp << (first ? "" : ", ") << "'-' with yerrorlines lw 2 pt 7 title '" << label
                   << "'";
                first = false;
            }
            for (const auto& [label, points] : models)
            {
                gp << ", '-' using 1:2 with lines dt 4 lw 2 title '" << label << "'";
            }
            gp << "\n";
            for (const auto& [label, points] : series)
            {
                gp.send1d(points);
            }
            for (const auto& [label, points] : models)
            {
                gp.send1d(points);
            }
        }
        ++figures;
    }
    return figures;
}

} // namespace

namespace
{

/** One line of a CDF figure: a point of the sweep and its pooled values. */
struct CdfPoint
{
    std::vector<std::string> key; //!< values of the grouping parameters
    std::string label;            //!< "name=value, ..." of the parameters that vary
    std::size_t runs{0};          //!< rows pooled
    std::vector<double> values;   //!< pooled, sorted ascending
};

/** \param sorted ascending \param q in (0, 1] \return the nearest-rank quantile */
double
NearestRank(const std::vector<double>& sorted, double q)
{
    auto rank = static_cast<std::size_t>(std::ceil(q * sorted.size()));
    return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
}

/** \param v a number \return it for a CSV or a console, 7 significant digits */
std::string
Short(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.7g", v);
    return buf;
}

/**
 * \brief The values of one cell: every number of a list separated by spaces (or the one
 * number of a scalar column).
 * \param cell the text \param[out] values appended to \param[out] bad the first word that is
 * not a number \return whether every word was a number
 */
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

/**
 * \brief One CDF figure (and its quantiles CSV) from the result rows of one facet value.
 * \param results rows to pool (already checked: the column exists, holds only numbers)
 * \param dir the sweep directory \param options options.cdf, linearX, pdf
 * \param facet {name, value} of the facet, or empty names
 * \param[out] error why it failed
 * \return figures written (0 when no point has a value), or -1
 */
int
PlotCdfTable(const CsvTable& results,
             const std::string& dir,
             const PlotOptions& options,
             const std::pair<std::string, std::string>& facet,
             std::string& error)
{
    const std::string& column = options.cdf;
    int vc = results.Column(column);
    // Points: every parameter but seed and run; labels: those that vary here.
    std::vector<int> groupCols;
    std::vector<int> varyingCols;
    for (const auto& name : ParameterNames())
    {
        int c = results.Column(name);
        if (c < 0 || name == "seed" || name == "run")
        {
            continue;
        }
        groupCols.push_back(c);
        std::set<std::string> values; // empty means "not applicable to this mode"
        for (const auto& row : results.rows)
        {
            if (!row[c].empty())
            {
                values.insert(row[c]);
            }
        }
        if (values.size() > 1 && name != facet.first)
        {
            varyingCols.push_back(c);
        }
    }
    std::vector<CdfPoint> points; // in order of first appearance (results are sorted)
    std::map<std::vector<std::string>, std::size_t> index;
    for (const auto& row : results.rows)
    {
        std::vector<std::string> key;
        for (int c : groupCols)
        {
            key.push_back(row[c]);
        }
        auto [it, added] = index.emplace(key, points.size());
        if (added)
        {
            CdfPoint point;
            point.key = key;
            for (int c : varyingCols)
            {
                if (!row[c].empty())
                {
                    point.label
                        += (point.label.empty() ? "" : ", ") + results.header[c] + "=" + row[c];
                }
            }
            points.push_back(point);
        }
        CdfPoint& point = points[it->second];
        ++point.runs;
        std::string bad;
        CellNumbers(row[vc], point.values, bad); // checked by the caller
    }
    std::string plotsDir = dir + "/plots";
    if (!MakeDirectories(plotsDir, error))
    {
        return -1;
    }
    std::string name
        = column + "-cdf" + (facet.first.empty() ? "" : "-" + facet.first + "-" + facet.second);
    // Pooled quantiles per point, also printed.
    std::vector<std::string> header;
    if (!facet.first.empty())
    {
        header.push_back(facet.first);
    }
    for (int c : varyingCols)
    {
        header.push_back(results.header[c]);
    }
    for (const char* h : {"runs", "count", "p50", "p90", "p99", "max", "sum"})
    {
        header.push_back(h);
    }
    std::string csv = CsvLine(header) + "\n";
    bool logX = !options.linearX;
    std::size_t drawn = 0;
    for (auto& point : points)
    {
        std::sort(point.values.begin(), point.values.end());
        std::vector<std::string> row;
        if (!facet.first.empty())
        {
            row.push_back(facet.second);
        }
        std::size_t k = 0;
        for (int c : groupCols)
        {
            if (std::find(varyingCols.begin(), varyingCols.end(), c) != varyingCols.end())
            {
                row.push_back(point.key[k]);
            }
            ++k;
        }
        row.push_back(std::to_string(point.runs));
        row.push_back(std::to_string(point.values.size()));
        std::string where = (facet.first.empty() ? "" : facet.first + "=" + facet.second)
                            + (facet.first.empty() || point.label.empty() ? "" : ", ")
                            + point.label;
        std::cout << column << " " << (where.empty() ? "all runs" : where) << ": "
                  << point.values.size() << " values in " << point.runs << " runs";
        if (point.values.empty())
        {
            row.insert(row.end(), {"", "", "", ""});
        }
        else
        {
            for (double q : {0.50, 0.90, 0.99, 1.0})
            {
                row.push_back(Short(NearestRank(point.values, q)));
            }
            std::cout << ", p50 " << row[row.size() - 4] << ", p90 " << row[row.size() - 3]
                      << ", p99 " << row[row.size() - 2] << ", max " << row.back();
            ++drawn;
            logX = logX && point.values.front() > 0;
        }
        double sum = 0; // e.g. the time spent in stalls
        for (double v : point.values)
        {
            sum += v;
        }
        row.push_back(Short(sum));
        std::cout << (point.values.empty() ? "" : ", sum " + row.back()) << "\n";
        csv += CsvLine(row) + "\n";
    }
    if (!WriteFileAtomically(plotsDir + "/" + name + "-quantiles.csv", csv, error))
    {
        return -1;
    }
    if (drawn == 0)
    {
        std::cerr << "tcp-encap plot: no " << column << " values"
                  << (facet.first.empty() ? "" : " with " + facet.first + "=" + facet.second)
                  << ": no figure\n";
        return 0;
    }
    if (!options.linearX && !logX) // a log axis cannot show 0 or negative values
    {
        std::cerr << "tcp-encap plot: " << column << " has values <= 0: linear x axis\n";
    }
    // Lines of the same mode share a dash type, the other parameters a colour, so that
    // modes read as solid against dashed.
    int modeCol = results.Column("mode");
    bool byMode = std::find(varyingCols.begin(), varyingCols.end(), modeCol) != varyingCols.end();
    std::vector<std::string> modes;
    std::vector<std::string> others;
    std::vector<std::pair<int, int>> styles; // per point: colour, dash
    for (const auto& point : points)
    {
        std::string mode;
        std::string rest;
        std::size_t k = 0;
        for (int c : groupCols)
        {
            if (c == modeCol)
            {
                mode = point.key[k];
            }
            else if (std::find(varyingCols.begin(), varyingCols.end(), c) != varyingCols.end())
            {
                rest += point.key[k] + "\x1f";
            }
            ++k;
        }
        if (!byMode)
        {
            rest += mode;
            mode.clear();
        }
        auto position = [](std::vector<std::string>& seen, const std::string& v)
        {
            auto it = std::find(seen.begin(), seen.end(), v);
            if (it == seen.end())
            {
                seen.push_back(v);
                return static_cast<int>(seen.size());
            }
            return static_cast<int>(it - seen.begin()) + 1;
        };
        int dash = position(modes, mode);
        int colour = position(others, rest);
        styles.emplace_back(colour, dash);
    }
    bool list = false;
    for (const auto& l : ListMetricNames())
    {
        list = list || l == column;
    }
    std::string what = column == "stall_lengths_ms" ? "stalls" : list ? "values" : "runs";
    std::string xlabel = Label(column);
    std::string title = "CDF of " + xlabel + ", all runs of a point pooled"
                        + (facet.first.empty() ? "" : ", " + facet.first + " = " + facet.second);
    if (column == "stall_lengths_ms")
    {
        title = "Stall lengths (delivery gaps > 2 base RTT), all runs of a point pooled"
                + (facet.first.empty() ? "" : ", " + facet.first + " = " + facet.second);
    }
    std::vector<std::pair<std::string, std::string>> terminals
        = {{"pngcairo size 1000,650 enhanced font ',12'", "png"},
           {"svg size 1000,650 enhanced font ',12'", "svg"}};
    if (options.pdf)
    {
        terminals.emplace_back("pdfcairo size 7in,4.5in enhanced font ',10'", "pdf");
    }
    for (const auto& [terminal, ext] : terminals)
    {
        Gnuplot gp;
        gp << "set encoding utf8\n";
        gp << "set terminal " << terminal << "\n";
        gp << "set output '" << plotsDir << "/" << name << "." << ext << "'\n";
        gp << "set title '" << title << "' noenhanced\n";
        gp << "set xlabel '" << xlabel << (logX ? ", log scale" : "") << "' noenhanced\n";
        gp << "set ylabel 'fraction of " << what << " ≤ x' noenhanced\n";
        if (logX)
        {
            gp << "set logscale x 10\nset mxtics 10\n";
        }
        gp << "set yrange [0:1]\nset ytics 0.1\nset grid xtics ytics mxtics\n"
           << "set key inside bottom right box opaque noenhanced\n";
        gp << "plot ";
        bool first = true;
        for (std::size_t i = 0; i < points.size(); ++i)
        {
            if (points[i].values.empty())
            {
                continue;
            }
            std::string label = points[i].label.empty() ? column : points[i].label;
            gp << (first ? "" : ", ") << "'-' using 1:2 with steps lw 2 lc " << styles[i].first
               << " dt " << styles[i].second << " title '" << label << " ("
               << points[i].values.size() << " " << what << ")'";
            first = false;
        }
        gp << "\n";
        for (const auto& point : points)
        {
            if (point.values.empty())
            {
                continue;
            }
            // The empirical CDF as steps: from 0 at the smallest value, then at each distinct
            // value the fraction of values up to it.
            const std::vector<double>& v = point.values;
            std::vector<std::pair<double, double>> steps = {{v.front(), 0.0}};
            for (std::size_t j = 0; j < v.size(); ++j)
            {
                if (j + 1 == v.size() || v[j + 1] != v[j])
                {
                    steps.emplace_back(v[j], double(j + 1) / v.size());
                }
            }
            gp.send1d(steps);
        }
    }
    return 1;
}

/**
 * \param[out] error why not
 * \return whether gnuplot can be run
 */
bool
GnuplotInstalled(std::string& error)
{
    if (std::system("command -v gnuplot >/dev/null 2>&1") != 0)
    {
        error = "gnuplot is not installed (Debian: apt-get install gnuplot-nox)";
        return false;
    }
    return true;
}

/**
 * \brief One figure's rows per value of the facet column, in order of first appearance.
 * \param table the rows
 * \param facet a parameter column, or empty for one part with every row
 * \param[out] parts (value, rows) pairs
 * \param[out] error why not
 * \return false when the column does not exist
 */
bool
SplitByFacet(const CsvTable& table,
             const std::string& facet,
             std::vector<std::pair<std::string, CsvTable>>& parts,
             std::string& error)
{
    parts.clear();
    if (facet.empty())
    {
        parts.emplace_back("", table);
        return true;
    }
    int fc = table.Column(facet);
    if (fc < 0)
    {
        error = "no parameter '" + facet + "' to facet by";
        return false;
    }
    for (const auto& row : table.rows)
    {
        auto part = std::find_if(parts.begin(),
                                 parts.end(),
                                 [&](const std::pair<std::string, CsvTable>& p)
                                 {
                                     return p.first == row[fc];
                                 });
        if (part == parts.end())
        {
            parts.emplace_back(row[fc], CsvTable());
            part = parts.end() - 1;
            part->second.header = table.header;
        }
        part->second.rows.push_back(row);
    }
    return true;
}

} // namespace

int
PlotCdf(const std::string& dir, const PlotOptions& options, std::string& error)
{
    CsvTable results;
    std::string path = dir + "/results.csv";
    if (!ReadCsv(path, results, error))
    {
        return -1;
    }
    int vc = results.Column(options.cdf);
    if (vc < 0)
    {
        error = path + " has no column '" + options.cdf
                + "' (made by an older version? rerun "
                  "the sweep)";
        return -1;
    }
    std::size_t numbers = 0;
    for (std::size_t r = 0; r < results.rows.size(); ++r)
    {
        std::vector<double> values;
        std::string bad;
        if (!CellNumbers(results.rows[r][vc], values, bad))
        {
            error = path + ": column '" + options.cdf + "' holds '" + bad + "' (line "
                    + std::to_string(r + 2) + "), not numbers";
            return -1;
        }
        numbers += values.size();
    }
    if (numbers == 0)
    {
        error = path + ": column '" + options.cdf + "' holds no numbers in any of its "
                + std::to_string(results.rows.size()) + " rows: no distribution to draw";
        return -1;
    }
    std::vector<std::pair<std::string, CsvTable>> parts;
    if (!GnuplotInstalled(error) || !SplitByFacet(results, options.facet, parts, error))
    {
        return -1;
    }
    int figures = 0;
    for (const auto& [value, part] : parts)
    {
        int n = PlotCdfTable(part, dir, options, {options.facet, value}, error);
        if (n < 0)
        {
            return -1;
        }
        figures += n;
    }
    return figures;
}

int
PlotSweep(const std::string& dir, const PlotOptions& options, std::string& error)
{
    if (!options.cdf.empty())
    {
        return PlotCdf(dir, options, error);
    }
    CsvTable summary;
    if (!ReadCsv(dir + "/summary.csv", summary, error))
    {
        return -1;
    }
    std::vector<std::pair<std::string, CsvTable>> parts;
    if (!GnuplotInstalled(error) || !SplitByFacet(summary, options.facet, parts, error))
    {
        return -1;
    }
    int figures = 0;
    for (const auto& [value, part] : parts)
    {
        bool faceted = !options.facet.empty();
        int n = PlotTable(part,
                          dir,
                          options,
                          faceted ? "-" + options.facet + "-" + value : "",
                          faceted ? ", " + options.facet + " = " + value : "",
                          error);
        if (n < 0)
        {
            return -1;
        }
        figures += n;
    }
    return figures;
}

} // namespace tcpencap
