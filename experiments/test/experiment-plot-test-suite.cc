/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// `tcp-encap plot`: what a figure says (labels with units, mode names in legends, loss in %,
// a log axis for goodput, the fixed scenario, what the error bars are, distinct colours),
// the per-flow time series figures, and the names it accepts or suggests.
#include "csv.h"
#include "plot-draw.h"
#include "plot-labels.h"
#include "program-test-util.h"
#include "sweep-plot.h"

#include "ns3/test.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace ns3;
using namespace tcpencap;
using namespace tcpencaptest;

namespace
{

/** \param path a file \return its content */
std::string
ReadText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/**
 * \param withRange whether the summary has rtt_p95_ms_min and _max (made after they existed)
 * \param delays the delays that vary ({"25ms"} : one, fixed)
 * \return a summary of 4 modes x 3 loss rates (x delays), 3 runs per point, 10 Mbit/s
 */
CsvTable
Summary(bool withRange, const std::vector<std::string>& delays)
{
    CsvTable s;
    s.header = {"mode",
                "rate",
                "delay",
                "queue",
                "loss",
                "flows",
                "duration",
                "warmup",
                "n",
                "goodput_mbps_mean",
                "goodput_mbps_ci95",
                "rtt_p95_ms_mean",
                "rtt_p95_ms_ci95"};
    if (withRange)
    {
        s.header.insert(s.header.end(), {"rtt_p95_ms_min", "rtt_p95_ms_max"});
    }
    double g = 9;
    for (const auto& delay : delays)
    {
        for (const char* mode : {"plain", "udp", "tcp", "tls"})
        {
            for (const char* loss : {"0", "0.005", "0.01"})
            {
                g *= 0.7;
                std::vector<std::string> row = {mode,
                                                "10Mbps",
                                                delay,
                                                "100",
                                                loss,
                                                "1",
                                                "30",
                                                "2",
                                                "3",
                                                std::to_string(g),
                                                "0.5",
                                                "80",
                                                "40"};
                if (withRange)
                {
                    row.insert(row.end(), {"70", "95"});
                }
                s.rows.push_back(row);
            }
        }
    }
    return s;
}

/** \return the figure named name, or an empty one */
Figure
FigureNamed(const PreparedFigures& prepared, const std::string& name)
{
    for (const auto& f : prepared.figures)
    {
        if (f.name == name)
        {
            return f;
        }
    }
    return Figure();
}

/** The figures of a summary: labels, legends, axes, subtitle, error bars. */
class FigureLabelsTest : public TestCase
{
  public:
    FigureLabelsTest()
        : TestCase("plot: units on the axes, mode names in legends, loss in %, log goodput")
    {
    }

  private:
    void
    DoRun() override
    {
        PlotOptions options;
        options.metrics = {"goodput_mbps", "rtt_p95_ms"};
        options.markX = {0.005};
        PreparedFigures prepared;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(
            PrepareSummaryFigures(Summary(true, {"25ms"}), options, prepared, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(prepared.figures.size(), 2, "one figure per metric");
        Figure goodput = FigureNamed(prepared, "goodput_mbps");
        NS_TEST_EXPECT_MSG_EQ(goodput.ylabel, "Inner goodput (Mbit/s)", "y label with its unit");
        NS_TEST_EXPECT_MSG_EQ(goodput.xlabel, "Bottleneck loss (%)", "x label with its unit");
        NS_TEST_EXPECT_MSG_EQ(goodput.logY, true, "goodput spans decades: log y");
        NS_TEST_ASSERT_MSG_EQ(goodput.series.size(), 4, "one line per mode");
        NS_TEST_EXPECT_MSG_EQ(goodput.series[0].title, "no tunnel (plain)", "display name");
        NS_TEST_EXPECT_MSG_EQ(goodput.series[2].title, "ESP-in-TCP", "display name");
        NS_TEST_EXPECT_MSG_EQ_TOL(goodput.series[1].points[1].x, 0.5, 1e-9, "0.005 is 0.5 %");
        NS_TEST_EXPECT_MSG_EQ_TOL(goodput.series[1].points[1].hi - goodput.series[1].points[1].y,
                                  0.5,
                                  1e-9,
                                  "mean + ci95");
        for (const char* part : {"10 Mbit/s",
                                 "25 ms bottleneck delay",
                                 "100-packet FIFO",
                                 "1 inner flow",
                                 "30 s (2 s warm-up)",
                                 "3 runs per point",
                                 "mean ± 95 % CI"})
        {
            NS_TEST_EXPECT_MSG_NE(goodput.subtitle.find(part), std::string::npos, goodput.subtitle);
        }
        NS_TEST_EXPECT_MSG_EQ(goodput.subtitle.find("loss"), std::string::npos, "loss varies");
        NS_TEST_ASSERT_MSG_EQ(goodput.markX.size(), 1, "--mark-x");
        NS_TEST_EXPECT_MSG_EQ(goodput.markX[0].second, "0.5 %", "the mark in the axis' unit");
        std::string script = GnuplotScript(goodput, FigureStyle());
        NS_TEST_EXPECT_MSG_NE(
            script.find("set ylabel 'Inner goodput (Mbit/s)'"), std::string::npos, script);
        NS_TEST_EXPECT_MSG_NE(
            script.find("set xlabel 'Bottleneck loss (%)'"), std::string::npos, script);
        NS_TEST_EXPECT_MSG_NE(script.find("set logscale y"), std::string::npos, script);
        NS_TEST_EXPECT_MSG_NE(script.find("title 'ESP-in-TCP'"), std::string::npos, script);
        NS_TEST_EXPECT_MSG_EQ(script.find("mode="), std::string::npos, "no raw column=value");
        NS_TEST_EXPECT_MSG_NE(script.find("set key outside below"), std::string::npos, script);
        NS_TEST_EXPECT_MSG_EQ(script.find("pdfcairo"), std::string::npos, "no PDF unless asked");
        // A quantile: linear, bars from the smallest to the largest run, and said so.
        Figure rtt = FigureNamed(prepared, "rtt_p95_ms");
        NS_TEST_EXPECT_MSG_EQ(rtt.logY, false, "RTT: linear y");
        NS_TEST_EXPECT_MSG_EQ(rtt.ylabel, "Inner RTT, 95th percentile (ms)", "label");
        NS_TEST_EXPECT_MSG_EQ(rtt.series[0].points[0].lo, 70, "bar from the smallest run");
        NS_TEST_EXPECT_MSG_EQ(rtt.series[0].points[0].hi, 95, "to the largest");
        NS_TEST_EXPECT_MSG_NE(
            rtt.subtitle.find("bars: smallest to largest run"), std::string::npos, rtt.subtitle);
        // A summary made before _min and _max existed: the CI instead, and said so.
        prepared = PreparedFigures();
        NS_TEST_ASSERT_MSG_EQ(
            PrepareSummaryFigures(Summary(false, {"25ms"}), options, prepared, error), true, error);
        rtt = FigureNamed(prepared, "rtt_p95_ms");
        NS_TEST_EXPECT_MSG_EQ(rtt.series[0].points[0].lo, 40, "mean - ci95");
        NS_TEST_EXPECT_MSG_NE(rtt.subtitle.find("no min/max"), std::string::npos, rtt.subtitle);
        // Options: linear y, a title, a size, PDF.
        options.yScale = YScale::LINEAR;
        prepared = PreparedFigures();
        NS_TEST_ASSERT_MSG_EQ(
            PrepareSummaryFigures(Summary(true, {"25ms"}), options, prepared, error), true, error);
        NS_TEST_EXPECT_MSG_EQ(FigureNamed(prepared, "goodput_mbps").logY, false, "--linear-y");
        options.title = "Goodput under loss";
        options.width = 1600;
        options.pdf = true;
        script = GnuplotScript(FigureNamed(prepared, "goodput_mbps"), StyleOf(options));
        NS_TEST_EXPECT_MSG_NE(
            script.find("set title 'Goodput under loss'"), std::string::npos, script);
        NS_TEST_EXPECT_MSG_NE(script.find("size 1600,800"), std::string::npos, script);
        NS_TEST_EXPECT_MSG_NE(script.find("set terminal pdfcairo"), std::string::npos, script);
    }
};

/** Several parameters vary: legends say "<mode>, <label> <value> <unit>"; facets, ratios. */
class LegendTest : public TestCase
{
  public:
    LegendTest()
        : TestCase("plot: legends name values with units; facets in titles; ratio lines")
    {
    }

  private:
    void
    DoRun() override
    {
        PlotOptions options;
        options.metrics = {"goodput_mbps"};
        options.x = "loss"; // the first that varies would be the delay
        PreparedFigures prepared;
        std::string error;
        CsvTable summary = Summary(true, {"10ms", "25ms"});
        NS_TEST_ASSERT_MSG_EQ(
            PrepareSummaryFigures(summary, options, prepared, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(prepared.figures.size(), 1, "one figure");
        const Figure& f = prepared.figures[0];
        NS_TEST_ASSERT_MSG_EQ(f.series.size(), 8, "4 modes x 2 delays");
        NS_TEST_EXPECT_MSG_EQ(f.series[2].title, "ESP-in-UDP, 10 ms delay", "by mode");
        NS_TEST_EXPECT_MSG_EQ(f.subtitle.find("delay"), std::string::npos, "delay varies");
        // Facets: the value in the title and the file name.
        options.facet = "delay";
        prepared = PreparedFigures();
        NS_TEST_ASSERT_MSG_EQ(
            PrepareSummaryFigures(summary, options, prepared, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(prepared.figures.size(), 2, "one per delay");
        NS_TEST_EXPECT_MSG_EQ(prepared.figures[1].name, "goodput_mbps-delay-25ms", "file name");
        NS_TEST_EXPECT_MSG_NE(prepared.figures[1].title.find(", 25 ms delay"),
                              std::string::npos,
                              prepared.figures[1].title);
        NS_TEST_EXPECT_MSG_EQ(
            prepared.figures[1].series[3].title, "ESP-in-TLS", "facet not in legend");
        // Ratios to udp: no udp line, linear, thresholds as lines and a table.
        options.ratioTo = "udp";
        options.thresholds = {0.9};
        prepared = PreparedFigures();
        NS_TEST_ASSERT_MSG_EQ(
            PrepareSummaryFigures(summary, options, prepared, error), true, error);
        const Figure& r = prepared.figures[0];
        NS_TEST_EXPECT_MSG_EQ(r.name, "goodput_mbps-vs-udp-delay-10ms", "file name");
        NS_TEST_EXPECT_MSG_EQ(r.series.size(), 3, "every mode but udp");
        NS_TEST_EXPECT_MSG_EQ(r.logY, false, "ratios: linear");
        NS_TEST_EXPECT_MSG_EQ(r.ylabel, "Inner goodput / ESP-in-UDP's", "y label");
        NS_TEST_EXPECT_MSG_EQ(r.markY.size(), 1, "threshold line");
        NS_TEST_EXPECT_MSG_EQ(prepared.tables.size(), 2, "a thresholds table per facet value");
        // Unknown metric or parameter columns in the summary.
        options = PlotOptions();
        options.x = "loss";
        options.metrics = {"ike_bytes"};
        NS_TEST_EXPECT_MSG_EQ(PrepareSummaryFigures(summary, options, prepared, error), false, "");
        NS_TEST_EXPECT_MSG_NE(error.find("no metric 'ike_bytes'"), std::string::npos, error);
    }
};

/** Drawing: distinct colours, error bars on log axes, escaping, gnuplot's warnings kept. */
class DrawTest : public TestCase
{
  public:
    DrawTest()
        : TestCase("plot: no colour twice in a figure; log error bars stay positive; quiet")
    {
    }

  private:
    void
    DoRun() override
    {
        Figure f;
        f.name = "eight";
        f.title = "a_b {c}";
        f.xlabel = "x";
        f.ylabel = "y";
        f.logY = true;
        for (int i = 0; i < 8; ++i)
        {
            f.series.push_back(
                PlotSeries{"line " + std::to_string(i),
                           {{1, 1.0 + i, -5.0, 2.0 + i}, {2, 2.0 + i, 1.0, 3.0 + i}}});
        }
        std::string script = GnuplotScript(f, FigureStyle());
        std::regex colour("lc rgb '(#[0-9A-Fa-f]{6})' dt [0-9]+ title");
        std::set<std::string> colours;
        std::size_t lines = 0;
        for (auto it = std::sregex_iterator(script.begin(), script.end(), colour);
             it != std::sregex_iterator();
             ++it)
        {
            colours.insert((*it)[1]);
            ++lines;
        }
        NS_TEST_EXPECT_MSG_EQ(lines, 16, "8 lines, in PNG and SVG");
        NS_TEST_EXPECT_MSG_EQ(colours.size(), 8, "8 colours");
        // The bar below zero stops at a third of the smallest value, the axis' bottom.
        NS_TEST_EXPECT_MSG_NE(script.find("1 1 0.3333333333 2"), std::string::npos, script);
        NS_TEST_EXPECT_MSG_NE(
            script.find("set yrange [0.3333333333:12.5]"), std::string::npos, script);
        NS_TEST_EXPECT_MSG_NE(
            script.find("set ytics (0.5, 1, 2, 5, 10)"), std::string::npos, script);
        NS_TEST_EXPECT_MSG_NE(script.find("'a\\_b \\{c\\}'"), std::string::npos, "escaped");
        // Drawn: files, nothing printed; all-zero values (gnuplot warns "empty y range").
        std::string dir = Scratch("draw");
        std::string error;
        NS_TEST_EXPECT_MSG_EQ(DrawFigure(f, FigureStyle(), dir, error), true, error);
        NS_TEST_EXPECT_MSG_EQ(ReadText(dir + "/eight.png").substr(0, 4), "\x89PNG", "PNG");
        NS_TEST_EXPECT_MSG_EQ(std::filesystem::exists(dir + "/eight.gp"), false, "script removed");
        Figure flat;
        flat.name = "flat";
        flat.yFromZero = true;
        flat.series.push_back(PlotSeries{"zero", {{1, 0}, {2, 0}}});
        NS_TEST_EXPECT_MSG_EQ(DrawFigure(flat, FigureStyle(), dir, error), true, error);
        // A broken figure: gnuplot's error reported, the script kept.
        flat.name = "broken";
        flat.xlabel = "x";
        flat.logY = true; // zeros only: nothing on a log axis
        bool drawn = DrawFigure(flat, FigureStyle(), dir, error);
        NS_TEST_EXPECT_MSG_EQ(drawn, false, "no point to draw");
        NS_TEST_EXPECT_MSG_NE(error.find("broken.gp"), std::string::npos, error);
        std::filesystem::remove_all(dir);
    }
};

/** The program: names in both spellings, suggestions, the time series, no gnuplot noise. */
class PlotProgramTest : public TestCase
{
  public:
    PlotProgramTest()
        : TestCase("plot: --x in both spellings, suggestions for typos, --series figures")
    {
    }

  private:
    void
    DoRun() override
    {
        std::string dir = Scratch("plotprog");
        WriteText(dir + "/summary.csv",
                  "mode,outer_initial_cwnd,loss,n,goodput_mbps_mean,goodput_mbps_ci95,"
                  "outer_retx_mean,outer_retx_ci95\n"
                  "tcp,2,0,1,5,0,0,0\ntcp,10,0,1,6,0,0,0\ntls,2,0,1,4.5,0,0,0\n"
                  "tls,10,0,1,5.5,0,0,0\n");
        std::string out;
        NS_TEST_EXPECT_MSG_EQ(
            Program("plot " + dir + " --x outer-initial-cwnd --metric goodput_mbps outer_retx",
                    out),
            0,
            out);
        NS_TEST_EXPECT_MSG_EQ(out.find("arning"), std::string::npos, "no gnuplot warning");
        std::string svg = ReadText(dir + "/plots/goodput_mbps.svg");
        NS_TEST_EXPECT_MSG_NE(svg.find("Outer initial window (segments)"), std::string::npos, "x");
        NS_TEST_EXPECT_MSG_NE(svg.find("ESP-in-TLS"), std::string::npos, "legend");
        NS_TEST_EXPECT_MSG_EQ(
            Program("plot " + dir + " --x outer_initial_cwnd --metric goodput_mbps", out), 0, out);
        NS_TEST_EXPECT_MSG_EQ(Program("plot " + dir + " --x loos", out), 2, out);
        NS_TEST_EXPECT_MSG_NE(
            out.find("--x must name a parameter column, not 'loos': did you mean 'loss'?"),
            std::string::npos,
            out);
        NS_TEST_EXPECT_MSG_EQ(Program("plot " + dir + " --metric goodput_mbs", out), 2, out);
        NS_TEST_EXPECT_MSG_NE(out.find("did you mean 'goodput_mbps'?"), std::string::npos, out);
        NS_TEST_EXPECT_MSG_EQ(Program("plot " + dir + " --facet dellay", out), 2, out);
        NS_TEST_EXPECT_MSG_NE(out.find("did you mean 'delay'?"), std::string::npos, out);
        NS_TEST_EXPECT_MSG_EQ(Program("plot " + dir + " --cdf zzzzzzzz", out), 2, out);
        NS_TEST_EXPECT_MSG_NE(out.find("valid: goodput_mbps,"), std::string::npos, out);
        NS_TEST_EXPECT_MSG_EQ(Program("plot " + dir + " --size 12x", out), 2, out);
        NS_TEST_EXPECT_MSG_EQ(Program("plot " + dir + " --logy --linear-y", out), 2, out);
        // A per-flow time series, as `run --series` writes it.
        WriteText(dir + "/s.csv",
                  "time_s,flow,goodput_mbps,rtt_ms\n0.1,0,4.5,52\n0.1,1,4.0,\n0.2,0,5,55\n"
                  "0.2,1,4.2,60\n0.3,0,5.1,54\n0.3,1,4.4,58\n");
        NS_TEST_EXPECT_MSG_EQ(
            Program("plot --series " + dir + "/s.csv --out " + dir + "/ts --pdf", out), 0, out);
        NS_TEST_EXPECT_MSG_NE(out.find("2 figures"), std::string::npos, out);
        for (const char* name : {"s-goodput", "s-rtt"})
        {
            std::string base = dir + "/ts/" + name;
            NS_TEST_EXPECT_MSG_EQ(ReadText(base + ".png").substr(0, 4), "\x89PNG", base);
            NS_TEST_EXPECT_MSG_EQ(ReadText(base + ".pdf").substr(0, 4), "%PDF", base);
            NS_TEST_EXPECT_MSG_NE(ReadText(base + ".svg").find("Flow 1"), std::string::npos, base);
        }
        NS_TEST_EXPECT_MSG_EQ(Program("plot --series " + dir + "/summary.csv", out), 1, out);
        NS_TEST_EXPECT_MSG_NE(out.find("no column 'time_s'"), std::string::npos, out);
        NS_TEST_EXPECT_MSG_EQ(Program("plot " + dir + " --series " + dir + "/s.csv", out), 2, out);
        std::filesystem::remove_all(dir);
    }
};

class ExperimentPlotTestSuite : public TestSuite
{
  public:
    ExperimentPlotTestSuite()
        : TestSuite("tcp-encap-experiment-plot", Type::UNIT)
    {
        AddTestCase(new FigureLabelsTest(), TestCase::Duration::QUICK);
        AddTestCase(new LegendTest(), TestCase::Duration::QUICK);
        AddTestCase(new DrawTest(), TestCase::Duration::QUICK);
        AddTestCase(new PlotProgramTest(), TestCase::Duration::QUICK);
    }
};

ExperimentPlotTestSuite g_experimentPlotTestSuite;

} // namespace
