/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// `tcp-encap plot`: which figures, from which file. The lines come from plot-series.h, their
// names from plot-labels.h, the drawing from plot-draw.h.
#include "sweep-plot.h"

#include "metric.h"
#include "parameter.h"
#include "plot-labels.h"
#include "plot-series.h"
#include "sweep-runner.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>

namespace tcpencap
{

namespace
{

/** \param v a number \return it for a CSV or a console, 7 significant digits */
std::string
Short(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.7g", v);
    return buf;
}

/** \param s text \return it with its first letter in lower case (a label inside a sentence) */
std::string
Lower(std::string s)
{
    if (s.size() > 1 && std::isupper(static_cast<unsigned char>(s[0]))
        && !std::isupper(static_cast<unsigned char>(s[1])))
    {
        s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    }
    return s;
}

/** \param[out] error why not \return whether gnuplot can be run */
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
 * \param table the rows \param facet a parameter column, or empty for one part with every row
 * \param[out] parts (value, rows) pairs \param[out] error why not
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

/** Put the x axis of the lines (their x values) on the figure, the lines and marks scaled to it. */
void
ScaleX(const std::string& x, const PlotOptions& options, Figure& figure)
{
    std::vector<double> values;
    for (const auto& s : figure.series)
    {
        for (const auto& p : s.points)
        {
            values.push_back(p.x);
        }
    }
    ParameterAxis axis = AxisOf(x, values);
    for (auto& s : figure.series)
    {
        for (auto& p : s.points)
        {
            p.x *= axis.scale;
        }
    }
    for (double mark : options.markX)
    {
        figure.markX.emplace_back(mark * axis.scale, ValueText(x, Short(mark)));
    }
    figure.xlabel = axis.label;
    figure.logX = axis.log;
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    if (axis.log && values.size() <= 12 && values.front() > 0)
    {
        for (double v : values)
        {
            figure.xTics.push_back(v * axis.scale); // buffer sizes: 8, 16, 32 KiB...
        }
    }
}

/** \return whether every point of every line is above zero (above or at when orZero) */
bool
AllPositive(const Figure& figure, bool orZero)
{
    for (const auto& s : figure.series)
    {
        for (const auto& p : s.points)
        {
            if (p.y < 0 || (!orZero && p.y == 0))
            {
                return false;
            }
        }
    }
    return true;
}

/** One figure of a summary part: its rows, axis, lines and facet. */
struct PartContext
{
    const CsvTable* part;             //!< the rows of this facet value
    std::string x;                    //!< x column
    std::vector<std::string> varying; //!< columns that vary in the part
    std::string suffix;               //!< file name suffix ("-delay-25ms")
    std::string facetText;            //!< "Bottleneck delay 25 ms", or ""
};

/** \return the lines of one metric figure (ratios, models), and thresholds; false on error */
bool
MetricLines(const PartContext& ctx,
            const Metric& metric,
            const PlotOptions& options,
            Figure& figure,
            PreparedFigures& prepared,
            std::string& error)
{
    LineSelection lines{ctx.part, ctx.x, ctx.varying};
    if (options.ratioTo.empty())
    {
        figure.series = MetricSeries(lines, metric);
    }
    else if (!RatioSeries(lines, metric.name, options.ratioTo, figure.series, error))
    {
        return false;
    }
    if (!options.ratioTo.empty() && !options.thresholds.empty() && !figure.series.empty())
    {
        CsvTable crossings = ThresholdCrossings(figure.series, options.thresholds);
        prepared.tables.emplace_back(figure.name + "-thresholds.csv", crossings);
        for (const auto& row : crossings.rows)
        {
            prepared.report += metric.label + ", " + row[0] + (ctx.facetText.empty() ? "" : ", ")
                               + ctx.facetText + ": below " + row[1] + " at " + ctx.x + " = "
                               + (row[2] == "none" ? "never (in range)" : row[2]) + "\n";
        }
        figure.markY = options.thresholds;
    }
    if (!options.models.empty() && metric.name == "goodput_mbps" && ctx.x == "loss"
        && options.ratioTo.empty() && !figure.series.empty())
    {
        std::vector<PlotSeries> models;
        if (!ModelSeries(lines, options.models, models, error))
        {
            return false;
        }
        figure.series.insert(figure.series.end(), models.begin(), models.end());
        std::string reference = ReferenceMode(*ctx.part);
        figure.subtitle = reference.empty() ? "models from the measured RTT, RTO and MSS"
                                            : "models from " + ModeName(reference)
                                                  + "'s measured RTT, RTO and MSS";
    }
    return true;
}

/** \return the figure of one metric in one part (no lines when it has no values); or false */
bool
MetricFigure(const PartContext& ctx,
             const Metric& metric,
             const PlotOptions& options,
             PreparedFigures& prepared,
             std::string& error)
{
    bool ratio = !options.ratioTo.empty();
    Figure figure;
    figure.name = metric.name + (ratio ? "-vs-" + options.ratioTo : "") + ctx.suffix;
    if (!MetricLines(ctx, metric, options, figure, prepared, error))
    {
        return false;
    }
    if (figure.series.empty())
    {
        return true; // e.g. outer_retx in a sweep without a TCP mode
    }
    ScaleX(ctx.x, options, figure);
    figure.logY = options.yScale == YScale::LOG
                  || (options.yScale == YScale::AUTO && metric.logScale && !ratio
                      && AllPositive(figure, false));
    figure.yFromZero = !figure.logY && AllPositive(figure, true);
    figure.title
        = (ratio ? metric.label + " relative to " + ModeName(options.ratioTo) : metric.label)
          + " vs " + Lower(FindParameter(ctx.x) ? FindParameter(ctx.x)->label : ctx.x)
          + (ctx.facetText.empty() ? "" : ", " + Lower(ctx.facetText));
    figure.ylabel
        = ratio ? metric.label + " / " + ModeName(options.ratioTo) + "'s" : metric.AxisLabel();
    std::vector<std::string> shown = ctx.varying;
    shown.push_back(ctx.x);
    shown.push_back(options.facet);
    std::string scenario = ScenarioText(*ctx.part, shown);
    std::string spread
        = ratio ? "ratio of the means ± 95 % CI (delta method)" : SpreadNote(*ctx.part, metric);
    figure.subtitle = scenario + (scenario.empty() ? "" : ", ") + spread
                      + (figure.subtitle.empty() ? "" : ", " + figure.subtitle);
    prepared.figures.push_back(figure);
    return true;
}

/** \return the metrics to draw: those asked for, or those the table plots by default */
std::vector<const Metric*>
MetricsToDraw(const CsvTable& summary, const PlotOptions& options, std::string& error)
{
    std::vector<const Metric*> metrics;
    for (const auto& name : options.metrics)
    {
        const Metric* m = FindMetric(name);
        if (!m || summary.Column(name + "_mean") < 0)
        {
            error = "no metric '" + name + "' in the summary";
            return {};
        }
        metrics.push_back(m);
    }
    for (const auto& m : options.metrics.empty() ? Metrics() : std::vector<Metric>())
    {
        if (m.plotByDefault && summary.Column(m.name + "_mean") >= 0)
        {
            metrics.push_back(FindMetric(m.name));
        }
    }
    return metrics;
}

} // namespace

FigureStyle
StyleOf(const PlotOptions& options)
{
    return FigureStyle{options.title,
                       options.width,
                       options.height,
                       options.fontSize,
                       options.pdf,
                       options.script};
}

bool
PrepareSummaryFigures(const CsvTable& summary,
                      const PlotOptions& options,
                      PreparedFigures& prepared,
                      std::string& error)
{
    error.clear();
    std::vector<std::pair<std::string, CsvTable>> parts;
    std::vector<const Metric*> metrics = MetricsToDraw(summary, options, error);
    if (!error.empty() || summary.rows.empty()
        || !SplitByFacet(summary, options.facet, parts, error))
    {
        error = error.empty() && summary.rows.empty() ? "the summary has no rows" : error;
        return false;
    }
    for (const auto& [value, part] : parts)
    {
        PartContext ctx{&part, options.x, VaryingColumns(part, options.facet), "", ""};
        if (!options.facet.empty())
        {
            ctx.suffix = "-" + options.facet + "-" + value;
            ctx.facetText = SeriesTitle({{options.facet, value}});
        }
        if (!ChooseX(part, ctx.varying, ctx.x, error))
        {
            return false;
        }
        for (const Metric* metric : metrics)
        {
            if (!MetricFigure(ctx, *metric, options, prepared, error))
            {
                return false;
            }
        }
    }
    return true;
}

int
PlotSweep(const std::string& dir, const PlotOptions& options, std::string& error)
{
    if (!options.cdf.empty())
    {
        return PlotCdf(dir, options, error);
    }
    CsvTable summary;
    PreparedFigures prepared;
    if (!ReadCsv(dir + "/summary.csv", summary, error) || !GnuplotInstalled(error)
        || !PrepareSummaryFigures(summary, options, prepared, error))
    {
        return -1;
    }
    std::string plotsDir = dir + "/plots";
    if (!MakeDirectories(plotsDir, error))
    {
        return -1;
    }
    for (const auto& [name, table] : prepared.tables)
    {
        if (!WriteFileAtomically(plotsDir + "/" + name, ToCsv(table), error))
        {
            return -1;
        }
    }
    std::cout << prepared.report;
    for (const auto& figure : prepared.figures)
    {
        if (!DrawFigure(figure, StyleOf(options), plotsDir, error))
        {
            return -1;
        }
    }
    return static_cast<int>(prepared.figures.size());
}

namespace
{

/** \param sorted ascending \param q in (0, 1] \return the nearest-rank quantile */
double
NearestRank(const std::vector<double>& sorted, double q)
{
    auto rank = static_cast<std::size_t>(std::ceil(q * sorted.size()));
    return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
}

/**
 * \brief Pooled quantiles per CDF line (also printed).
 * \param lines the lines \param varying their columns \param column the values' column
 * \param facet {name, value} or empty names
 * \return the table: facet, varying columns, runs, count, p50, p90, p99, max, sum
 */
CsvTable
CdfQuantiles(const std::vector<CdfLine>& lines,
             const std::vector<std::string>& varying,
             const std::string& column,
             const std::pair<std::string, std::string>& facet)
{
    CsvTable table;
    if (!facet.first.empty())
    {
        table.header.push_back(facet.first);
    }
    table.header.insert(table.header.end(), varying.begin(), varying.end());
    for (const char* h : {"runs", "count", "p50", "p90", "p99", "max", "sum"})
    {
        table.header.push_back(h);
    }
    for (const auto& line : lines)
    {
        std::vector<std::string> row;
        if (!facet.first.empty())
        {
            row.push_back(facet.second);
        }
        row.insert(row.end(), line.shown.begin(), line.shown.end());
        row.push_back(std::to_string(line.runs));
        row.push_back(std::to_string(line.values.size()));
        double sum = 0; // e.g. the time spent in stalls
        for (double v : line.values)
        {
            sum += v;
        }
        for (double q : {0.50, 0.90, 0.99, 1.0})
        {
            row.push_back(line.values.empty() ? "" : Short(NearestRank(line.values, q)));
        }
        row.push_back(Short(sum));
        std::string where = (facet.first.empty() ? "" : facet.first + "=" + facet.second)
                            + (facet.first.empty() || line.title.empty() ? "" : ", ") + line.title;
        std::cout << column << " " << (where.empty() ? "all runs" : where) << ": "
                  << line.values.size() << " values in " << line.runs << " runs";
        if (!line.values.empty())
        {
            std::size_t n = row.size();
            std::cout << ", p50 " << row[n - 5] << ", p90 " << row[n - 4] << ", p99 " << row[n - 3]
                      << ", max " << row[n - 2] << ", sum " << row[n - 1];
        }
        std::cout << "\n";
        table.rows.push_back(row);
    }
    return table;
}

/** \return the CDF figure of the lines with values */
Figure
CdfFigure(const std::vector<CdfLine>& lines,
          const CsvTable& results,
          const PlotOptions& options,
          const std::pair<std::string, std::string>& facet,
          const std::vector<std::string>& varying)
{
    const std::string& column = options.cdf;
    const Metric* metric = FindMetric(column);
    bool list = metric && metric->kind == MetricKind::LIST;
    std::string what = column == "stall_lengths_ms" ? "stalls" : list ? "values" : "runs";
    Figure figure;
    figure.name
        = column + "-cdf" + (facet.first.empty() ? "" : "-" + facet.first + "-" + facet.second);
    bool logX = !options.linearX;
    for (const auto& line : lines)
    {
        if (!line.values.empty())
        {
            std::string title = line.title.empty() ? (metric ? metric->label : column) : line.title;
            figure.series.push_back(CdfSteps(
                line, title + " (" + std::to_string(line.values.size()) + " " + what + ")"));
            logX = logX && line.values.front() > 0;
        }
    }
    if (!options.linearX && !logX) // a log axis cannot show 0 or negative values
    {
        std::cerr << "tcp-encap plot: " << column << " has values <= 0: linear x axis\n";
    }
    std::string facetText = facet.first.empty() ? "" : ", " + Lower(SeriesTitle({facet}));
    figure.title = column == "stall_lengths_ms"
                       ? "Stall lengths (delivery gaps > 2 base RTT)" + facetText
                       : "CDF of " + Lower(metric ? metric->label : column) + facetText;
    std::vector<std::string> shown = varying;
    shown.push_back(facet.first);
    std::string scenario = ScenarioText(results, shown);
    figure.subtitle = scenario + (scenario.empty() ? "" : ", ") + "all runs of a point pooled";
    figure.xlabel = (metric ? metric->AxisLabel() : column) + (logX ? ", log scale" : "");
    figure.ylabel = "Fraction of " + what + " ≤ x";
    figure.logX = logX;
    figure.yMin = 0;
    figure.yMax = 1;
    return figure;
}

/** \return figures written (0 when no line has a value), or -1 */
int
PlotCdfPart(const CsvTable& results,
            const std::string& dir,
            const PlotOptions& options,
            const std::pair<std::string, std::string>& facet,
            std::string& error)
{
    std::vector<std::string> varying;
    std::vector<CdfLine> lines = CdfLines(results, options.cdf, facet.first, varying);
    std::string plotsDir = dir + "/plots";
    Figure figure = CdfFigure(lines, results, options, facet, varying);
    CsvTable quantiles = CdfQuantiles(lines, varying, options.cdf, facet);
    if (!MakeDirectories(plotsDir, error)
        || !WriteFileAtomically(
            plotsDir + "/" + figure.name + "-quantiles.csv", ToCsv(quantiles), error))
    {
        return -1;
    }
    if (figure.series.empty())
    {
        std::cerr << "tcp-encap plot: no " << options.cdf << " values"
                  << (facet.first.empty() ? "" : " with " + facet.first + "=" + facet.second)
                  << ": no figure\n";
        return 0;
    }
    return DrawFigure(figure, StyleOf(options), plotsDir, error) ? 1 : -1;
}

/** \return whether the column holds numbers in every cell and at least one; else why not */
bool
CheckCdfColumn(const CsvTable& results,
               const std::string& path,
               const std::string& column,
               std::string& error)
{
    int vc = results.Column(column);
    if (vc < 0)
    {
        error
            = path + " has no column '" + column + "' (made by an older version? rerun the sweep)";
        return false;
    }
    std::size_t numbers = 0;
    for (std::size_t r = 0; r < results.rows.size(); ++r)
    {
        std::vector<double> values;
        std::string bad;
        if (!CellNumbers(results.rows[r][vc], values, bad))
        {
            error = path + ": column '" + column + "' holds '" + bad + "' (line "
                    + std::to_string(r + 2) + "), not numbers";
            return false;
        }
        numbers += values.size();
    }
    if (numbers == 0)
    {
        error = path + ": column '" + column + "' holds no numbers in any of its "
                + std::to_string(results.rows.size()) + " rows: no distribution to draw";
        return false;
    }
    return true;
}

} // namespace

int
PlotCdf(const std::string& dir, const PlotOptions& options, std::string& error)
{
    CsvTable results;
    std::string path = dir + "/results.csv";
    std::vector<std::pair<std::string, CsvTable>> parts;
    if (!ReadCsv(path, results, error) || !CheckCdfColumn(results, path, options.cdf, error)
        || !GnuplotInstalled(error) || !SplitByFacet(results, options.facet, parts, error))
    {
        return -1;
    }
    int figures = 0;
    for (const auto& [value, part] : parts)
    {
        int n = PlotCdfPart(part, dir, options, {options.facet, value}, error);
        if (n < 0)
        {
            return -1;
        }
        figures += n;
    }
    return figures;
}

namespace
{

/**
 * \brief The lines of a flow series: per flow, the column over time.
 * \param series the CSV rows \param column goodput_mbps or rtt_ms (empty cells left out)
 * \return one line per flow, in order of first appearance
 */
std::vector<PlotSeries>
FlowLines(const CsvTable& series, const std::string& column)
{
    int tc = series.Column("time_s");
    int fc = series.Column("flow");
    int vc = series.Column(column);
    std::vector<PlotSeries> lines;
    std::vector<std::string> flows;
    for (const auto& row : series.rows)
    {
        double t = 0;
        double v = 0;
        if (!ParseNumber(row[tc], t))
        {
            continue;
        }
        if (!ParseNumber(row[vc], v))
        {
            v = NAN; // no RTT sample in this interval: a gap, not a line across it
        }
        auto it = std::find(flows.begin(), flows.end(), row[fc]);
        if (it == flows.end())
        {
            flows.push_back(row[fc]);
            lines.push_back(PlotSeries{"Flow " + row[fc], {}, LineKind::TRACE});
            it = flows.end() - 1;
        }
        lines[it - flows.begin()].points.push_back({t, v});
    }
    return lines;
}

} // namespace

int
PlotFlowSeries(const std::string& file,
               const std::string& out,
               const PlotOptions& options,
               std::string& error)
{
    CsvTable series;
    if (!ReadCsv(file, series, error) || !GnuplotInstalled(error))
    {
        return -1;
    }
    for (const char* column : {"time_s", "flow", "goodput_mbps", "rtt_ms"})
    {
        if (series.Column(column) < 0)
        {
            error = file + " has no column '" + column
                    + "' (not a file of 'tcp-encap run --series'?)";
            return -1;
        }
    }
    std::filesystem::path path(file);
    std::string dir = out.empty() ? path.parent_path().string() : out;
    dir = dir.empty() ? "." : dir;
    if (!MakeDirectories(dir, error))
    {
        return -1;
    }
    int figures = 0;
    for (const char* column : {"goodput_mbps", "rtt_ms"})
    {
        bool goodput = std::string(column) == "goodput_mbps";
        Figure figure;
        figure.name = path.stem().string() + (goodput ? "-goodput" : "-rtt");
        figure.series = FlowLines(series, column);
        if (figure.series.empty())
        {
            continue; // no RTT sample at all
        }
        figure.title = goodput ? "Inner goodput over time" : "Inner RTT over time";
        const auto& first = figure.series.front().points;
        std::string interval
            = first.size() > 1 ? Short((first[1].x - first[0].x) * 1000) + " ms intervals, " : "";
        figure.subtitle = "per flow, " + interval + "from " + path.filename().string();
        figure.xlabel = "Time since the traffic started (s)";
        figure.ylabel = goodput ? FindMetric("goodput_mbps")->AxisLabel() : "Inner RTT (ms)";
        figure.yFromZero = true;
        if (!DrawFigure(figure, StyleOf(options), dir, error))
        {
            return -1;
        }
        ++figures;
    }
    return figures;
}

} // namespace tcpencap
