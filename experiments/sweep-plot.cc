/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "sweep-plot.h"

#include "csv.h"
#include "results-merge.h"
#include "sweep-runner.h"

#include <algorithm>
#include <cstdlib>
#include <gnuplot-iostream.h>
#include <map>
#include <set>
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
        {"delay", "bottleneck one-way delay"},
        {"rate", "bottleneck rate"},
        {"queue", "bottleneck FIFO (packets)"},
        {"queue_bdp", "bottleneck FIFO (BDPs)"},
        {"outer_window", "outer window (bytes)"},
        {"outer_initial_cwnd", "outer initial cwnd (segments)"},
        {"flows", "inner flows"},
        {"goodput_mbps", "inner goodput (Mbit/s)"},
        {"rtt_p95_ms", "inner RTT, 95th percentile (ms)"},
        {"rtt_mean_ms", "inner RTT, mean (ms)"},
        {"max_gap_ms", "largest delivery gap (ms)"},
        {"stalls_2rtt", "stalls longer than 2 RTT"},
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

bool
Numeric(const std::string& s, double& v)
{
    char* end = nullptr;
    v = std::strtod(s.c_str(), &end);
    return !s.empty() && end && *end == '\0';
}

} // namespace

int
PlotSweep(const std::string& dir, const PlotOptions& options, std::string& error)
{
    CsvTable summary;
    if (!ReadCsv(dir + "/summary.csv", summary, error))
    {
        return -1;
    }
    if (std::system("command -v gnuplot >/dev/null 2>&1") != 0)
    {
        error = "gnuplot is not installed (Debian: apt-get install gnuplot-nox)";
        return -1;
    }
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
    std::string x = options.x;
    if (x.empty())
    {
        for (const auto& name : varying)
        {
            double v = 0;
            if (Numeric(summary.rows.front()[summary.Column(name)], v))
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
        // Series: (label) -> points (x, mean, ci), sorted by x.
        std::map<std::string, std::vector<std::tuple<double, double, double>>> series;
        for (const auto& row : summary.rows)
        {
            double xv = 0;
            double mv = 0;
            double cv = 0;
            if (!Numeric(row[xc], xv) || !Numeric(row[mc], mv))
            {
                continue;
            }
            Numeric(row[cc], cv);
            std::string label;
            for (int c : seriesCols)
            {
                if (!row[c].empty())
                {
                    label += (label.empty() ? "" : ", ") + summary.header[c] + "=" + row[c];
                }
            }
            series[label.empty() ? metric : label].emplace_back(xv, mv, cv);
        }
        if (series.empty())
        {
            continue; // e.g. outer_retx in a sweep without TCP mode
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
            gp << "set output '" << plotsDir << "/" << metric << "." << ext << "'\n";
            gp << "set title '" << Label(metric) << " vs " << Label(x)
               << " (mean, 95% CI)' noenhanced\n";
            gp << "set xlabel '" << Label(x) << "' noenhanced\n";
            gp << "set ylabel '" << Label(metric) << "' noenhanced\n";
            gp << "set grid\nset key inside top right box opaque noenhanced\nset yrange [0:*]\n"
               << "set offsets graph 0.02, graph 0.02, 0, 0\n";
            gp << "plot ";
            bool first = true;
            for (const auto& [label, points] : series)
            {
                gp << (first ? "" : ", ") << "'-' with yerrorlines lw 2 pt 7 title '" << label
                   << "'";
                first = false;
            }
            gp << "\n";
            for (auto& [label, points] : series)
            {
                std::sort(points.begin(), points.end());
                gp.send1d(points);
            }
        }
        ++figures;
    }
    return figures;
}

} // namespace tcpencap
