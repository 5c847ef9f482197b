/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Stall lengths (issue 7, study 3): DeliveryStats keeps every stall, the run row carries their
// quantiles and the whole list, the list survives CSV and is left out of summaries, and
// `tcp-encap plot --cdf` draws and tabulates their distribution per point.
#include "csv.h"
#include "inner-bulk-flow.h"
#include "program-test-util.h"
#include "results-merge.h"
#include "scenario-runner.h"

#include "ns3/simulator.h"
#include "ns3/test.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>

using namespace ns3;
using namespace tcpencaptest;
using namespace tcpencap;

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

/** \param columns a run's columns \param name one of them \return its value ("?" if none) */
std::string
Get(const Columns& columns, const std::string& name)
{
    for (const auto& [n, v] : columns)
    {
        if (n == name)
        {
            return v;
        }
    }
    return "?";
}

/** \param s numbers separated by spaces \return them */
std::vector<double>
Numbers(const std::string& s)
{
    std::istringstream in(s);
    std::vector<double> v;
    double x = 0;
    while (in >> x)
    {
        v.push_back(x);
    }
    return v;
}

/** A scripted delivery sequence with known gaps: every stall, its length, the quantiles. */
class StallLengthsTest : public TestCase
{
  public:
    StallLengthsTest()
        : TestCase("DeliveryStats: every stall's length, in order, and its quantiles")
    {
    }

  private:
    void
    DoRun() override
    {
        // Measured period 1 s to 11 s, stalls: gaps longer than 200 ms.
        DeliveryStats stats(Seconds(1), Seconds(11), MilliSeconds(100), MilliSeconds(200), 2);
        auto at = [&stats](int64_t us, uint32_t flow)
        {
            Simulator::Schedule(MicroSeconds(us), &DeliveryStats::Record, &stats, flow, 1000);
        };
        at(500000, 0); // before the measured period: not a delivery that counts
        // Flow 0: gaps (ms) from the period start 100, 300, 100, 400, 250, 200 (not longer
        // than the threshold: no stall), 100, 500, 210, 100, 600, 700, 100, 800, 201, then
        // nothing until the end (11000 - 5661 = 5339 ms).
        int64_t t = 1000000;
        for (int64_t gapMs :
             {100, 300, 100, 400, 250, 200, 100, 500, 210, 100, 600, 700, 100, 800, 201})
        {
            t += gapMs * 1000;
            at(t, 0);
        }
        // Flow 1: first delivery 3234.5 ms after the period start, then every 100 ms to the
        // end; one after it does not count.
        for (int64_t us = 4234500; us <= 11000000; us += 100000)
        {
            at(us, 1);
        }
        at(11500000, 1);
        Simulator::Run();
        Simulator::Destroy();

        std::vector<double> ms;
        for (const Time& gap : stats.GetStallLengths())
        {
            ms.push_back(gap.GetSeconds() * 1000);
        }
        // In the order they ended (both flows), then the flow-0 gap up to the end.
        std::vector<double> expected = {300, 400, 250, 500, 210, 600, 3234.5, 700, 800, 201, 5339};
        NS_TEST_ASSERT_MSG_EQ(ms.size(), expected.size(), "every stall, and only stalls");
        for (std::size_t i = 0; i < ms.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ_TOL(ms[i], expected[i], 1e-6, "stall " << i);
        }
        NS_TEST_ASSERT_MSG_EQ(stats.GetStalls(), expected.size(), "as many as stalls_2rtt counts");
        NS_TEST_ASSERT_MSG_EQ(
            stats.GetMaxGap(), MicroSeconds(5339000), "the longest is the max gap");

        // The run columns: sorted 201 210 250 300 400 500 600 700 800 3234.5 5339; nearest
        // rank p50 = 6th, p90 = 10th.
        Columns c = StallColumns(stats);
        NS_TEST_ASSERT_MSG_EQ(c.size(), 4, "four columns");
        NS_TEST_EXPECT_MSG_EQ(Get(c, "stall_p50_ms"), "500.000", "median");
        NS_TEST_EXPECT_MSG_EQ(Get(c, "stall_p90_ms"), "3234.500", "90th percentile");
        NS_TEST_EXPECT_MSG_EQ(Get(c, "stall_max_ms"), "5339.000", "longest");
        NS_TEST_EXPECT_MSG_EQ(Get(c, "stall_lengths_ms"),
                              "300.0 400.0 250.0 500.0 210.0 600.0 3234.5 700.0 800.0 201.0 "
                              "5339.0",
                              "every length, ms with 1 decimal, separated by spaces");
        // Same order as MetricNames().
        std::vector<std::string> names = MetricNames();
        auto first = std::find(names.begin(), names.end(), c.front().first);
        NS_TEST_ASSERT_MSG_EQ((first != names.end()), true, "listed in MetricNames");
        for (std::size_t i = 0; i < c.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(*(first + i), c[i].first, "MetricNames order");
        }

        // Deliveries every 100 ms all along: no stall, empty columns.
        DeliveryStats steady(Seconds(1), Seconds(3), MilliSeconds(100), MilliSeconds(200), 1);
        for (int64_t us = 1000000; us <= 3000000; us += 100000)
        {
            Simulator::Schedule(MicroSeconds(us), &DeliveryStats::Record, &steady, 0, 1000);
        }
        Simulator::Run();
        Simulator::Destroy();
        NS_TEST_ASSERT_MSG_EQ(steady.GetStallLengths().size(), 0, "no stall");
        for (const auto& [name, value] : StallColumns(steady))
        {
            NS_TEST_EXPECT_MSG_EQ(value, "", name << " without a stall");
        }
        // A flow that delivers nothing: one stall, the whole period.
        DeliveryStats idle(Seconds(1), Seconds(3), MilliSeconds(100), MilliSeconds(200), 1);
        NS_TEST_EXPECT_MSG_EQ(Get(StallColumns(idle), "stall_lengths_ms"), "2000.0", "idle flow");
    }
};

/** The list column through CSV, and through a real run: it matches the run's other columns. */
class StallColumnCsvTest : public TestCase
{
  public:
    StallColumnCsvTest()
        : TestCase("stall_lengths_ms: CSV round trip; a run's list matches its stall columns")
    {
    }

  private:
    void
    DoRun() override
    {
        std::string dir = Scratch("stallcsv");
        std::vector<std::string> header = {"mode", "stall_lengths_ms", "note", "wall_s"};
        std::vector<std::vector<std::string>> rows = {
            {"tcp", "300.0 400.0 250.0 3234.5", "a, b", "1.5"},
            {"udp", "", "say \"hi\"", "2"},
            {"udp", "1234.5", "", "3"},
        };
        std::string text = CsvLine(header) + "\n";
        for (const auto& r : rows)
        {
            text += CsvLine(r) + "\n";
        }
        // Spaces alone need no quotes (RFC 4180); the reader keeps them.
        NS_TEST_EXPECT_MSG_EQ(
            CsvLine(rows[0]), "tcp,300.0 400.0 250.0 3234.5,\"a, b\",1.5", "list written as is");
        WriteText(dir + "/t.csv", text);
        CsvTable t;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(ReadCsv(dir + "/t.csv", t, error), true, error);
        NS_TEST_EXPECT_MSG_EQ((t.header == header), true, "header");
        NS_TEST_EXPECT_MSG_EQ((t.rows == rows), true, "rows read back unchanged");
        // A quoted list (as other writers may make it) reads the same.
        WriteText(dir + "/q.csv", "mode,stall_lengths_ms\ntcp,\"300.0 400.0\"\n");
        NS_TEST_ASSERT_MSG_EQ(ReadCsv(dir + "/q.csv", t, error), true, error);
        NS_TEST_EXPECT_MSG_EQ(t.rows[0][1], "300.0 400.0", "quoted list");

        // A real run with a 2-second outage and bursty loss: the list holds stalls_2rtt
        // lengths, each longer than 2 base RTTs (100 ms), whose quantiles are the columns.
        std::string out;
        NS_TEST_ASSERT_MSG_EQ(Program("run --mode=tcp --loss=0.02 --burst=4 --duration=15s "
                                      "--warmup=1s --outage-start=5s --outage-length=2s --out="
                                          + dir + "/r.csv",
                                      out),
                              0,
                              out);
        CsvTable r;
        NS_TEST_ASSERT_MSG_EQ(ReadCsv(dir + "/r.csv", r, error), true, error);
        auto cell = [&r](const std::string& name)
        {
            int c = r.Column(name);
            return c < 0 ? std::string("?") : r.rows[0][c];
        };
        std::vector<double> lengths = Numbers(cell("stall_lengths_ms"));
        NS_TEST_ASSERT_MSG_EQ(lengths.size(),
                              std::stoul(cell("stalls_2rtt")),
                              "one length per stall: " << cell("stall_lengths_ms"));
        NS_TEST_ASSERT_MSG_GT_OR_EQ(lengths.size(), 2, "the outage and more");
        std::vector<double> sorted = lengths;
        std::sort(sorted.begin(), sorted.end());
        NS_TEST_EXPECT_MSG_GT(sorted.front(), 100, "longer than 2 base RTTs");
        NS_TEST_EXPECT_MSG_GT(sorted.back(), 2000, "the outage is one");
        NS_TEST_EXPECT_MSG_EQ_TOL(std::stod(cell("stall_max_ms")), sorted.back(), 0.05, "max");
        NS_TEST_EXPECT_MSG_EQ_TOL(std::stod(cell("stall_max_ms")),
                                  std::stod(cell("max_gap_ms")),
                                  0.001,
                                  "the longest stall is the largest gap");
        auto rank = [&sorted](double q)
        {
            auto k = static_cast<std::size_t>(std::ceil(q * sorted.size()));
            return sorted[std::max<std::size_t>(k, 1) - 1];
        };
        NS_TEST_EXPECT_MSG_EQ_TOL(std::stod(cell("stall_p50_ms")), rank(0.5), 0.05, "p50");
        NS_TEST_EXPECT_MSG_EQ_TOL(std::stod(cell("stall_p90_ms")), rank(0.9), 0.05, "p90");

        // No bulk flow: no stall columns.
        NS_TEST_ASSERT_MSG_EQ(Program("run --mode=udp --flows=0 --cbr-rate=100kbps --duration=3s "
                                      "--warmup=1s --out="
                                          + dir + "/c.csv",
                                      out),
                              0,
                              out);
        NS_TEST_ASSERT_MSG_EQ(ReadCsv(dir + "/c.csv", r, error), true, error);
        for (const char* name :
             {"stall_p50_ms", "stall_p90_ms", "stall_max_ms", "stall_lengths_ms"})
        {
            NS_TEST_EXPECT_MSG_EQ(cell(name), "", name << " without bulk flows");
        }
        std::filesystem::remove_all(dir);
    }
};

/** Result rows of a tiny synthetic sweep: 2 modes x 2 bursts x 2 runs. */
const char* const SYNTHETIC
    = "mode,loss,burst,seed,run,stalls_2rtt,stall_max_ms,stall_lengths_ms,ike_transport\n"
      "udp,0.01,1,1,1,2,250.0,150.0 250.0,udp\n"
      "udp,0.01,1,1,2,0,,,udp\n"
      "udp,0.01,4,1,1,1,1234.5,1234.5,udp\n"
      "udp,0.01,4,1,2,2,300.0,300.0 100.5,udp\n"
      "tcp,0.01,1,1,1,5,160.0,120.0 130.0 140.0 150.0 160.0,tcp\n"
      "tcp,0.01,1,1,2,5,2000.0,170.0 180.0 190.0 200.0 2000.0,tcp\n"
      "tcp,0.01,4,1,1,0,,,tcp\n"
      "tcp,0.01,4,1,2,0,,,tcp\n";

/** \param dir a directory \param text results: one point file per row, under dir/points */
void
WritePoints(const std::string& dir, const std::string& text)
{
    std::filesystem::create_directories(dir + "/points");
    std::istringstream in(text);
    std::string header;
    std::getline(in, header);
    std::string line;
    for (int i = 0; std::getline(in, line); ++i)
    {
        WriteText(dir + "/points/p" + std::to_string(i) + ".csv", header + "\n" + line + "\n");
    }
}

/** summary.csv with the list column present: valid, and the list is left out. */
class StallSummaryTest : public TestCase
{
  public:
    StallSummaryTest()
        : TestCase("summary.csv with stall_lengths_ms: no mean of lists, valid table")
    {
    }

  private:
    void
    DoRun() override
    {
        std::string dir = Scratch("stallsummary");
        WritePoints(dir, SYNTHETIC);
        std::string out;
        NS_TEST_ASSERT_MSG_EQ(Program("merge " + dir, out), 0, out);
        CsvTable s;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(ReadCsv(dir + "/summary.csv", s, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(s.rows.size(), 4, "four points");
        for (const auto& name : s.header)
        {
            NS_TEST_EXPECT_MSG_EQ(
                name.find("stall_lengths_ms"), std::string::npos, "a list has no mean: " << name);
        }
        NS_TEST_ASSERT_MSG_GT_OR_EQ(s.Column("stall_max_ms_mean"), 0, "scalars summarised");
        std::map<std::string, std::string> maxMean;
        for (const auto& row : s.rows)
        {
            maxMean[row[s.Column("mode")] + row[s.Column("burst")]]
                = row[s.Column("stall_max_ms_mean")];
            NS_TEST_EXPECT_MSG_EQ(row[s.Column("n")], "2", "two runs each");
        }
        // udp burst 4: 1234.5 and 300 (a one-value list would have been read as a number).
        NS_TEST_EXPECT_MSG_EQ(maxMean["udp4"], "767.25", "mean of the maxima");
        NS_TEST_EXPECT_MSG_EQ(maxMean["udp1"], "250", "empty values skipped");
        NS_TEST_EXPECT_MSG_EQ(maxMean["tcp4"], "", "no value, no mean");
        // The same through Summarize, and its table written and read back whole.
        CsvTable results;
        NS_TEST_ASSERT_MSG_EQ(ReadCsv(dir + "/results.csv", results, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(results.rows.size(), 8, "every run");
        CsvTable again;
        WriteText(dir + "/again.csv", ToCsv(Summarize(results)));
        NS_TEST_ASSERT_MSG_EQ(ReadCsv(dir + "/again.csv", again, error), true, error);
        NS_TEST_EXPECT_MSG_EQ(
            (again.header == s.header && again.rows == s.rows), true, "same summary");
        std::filesystem::remove_all(dir);
    }
};

/** `plot --cdf`: figures, pooled quantiles per point, clear errors. */
class StallCdfPlotTest : public TestCase
{
  public:
    StallCdfPlotTest()
        : TestCase("plot --cdf stall_lengths_ms: figures and pooled quantiles; clear errors")
    {
    }

  private:
    void
    DoRun() override
    {
        std::string dir = Scratch("stallcdf");
        WritePoints(dir, SYNTHETIC);
        std::string out;
        NS_TEST_ASSERT_MSG_EQ(Program("merge " + dir, out), 0, out);
        NS_TEST_ASSERT_MSG_EQ(
            Program("plot " + dir + " --cdf stall_lengths_ms --facet burst --pdf", out), 0, out);
        NS_TEST_EXPECT_MSG_NE(out.find("2 figures"), std::string::npos, out);
        for (const char* burst : {"1", "4"})
        {
            std::string base = dir + "/plots/stall_lengths_ms-cdf-burst-" + burst;
            NS_TEST_EXPECT_MSG_EQ(ReadText(base + ".png").substr(0, 4), "\x89PNG", base);
            NS_TEST_EXPECT_MSG_EQ(ReadText(base + ".pdf").substr(0, 4), "%PDF", base);
            NS_TEST_EXPECT_MSG_NE(ReadText(base + ".svg").find("<svg"), std::string::npos, base);
        }
        // Legends: the varying parameter (by its display name, no longer "mode=udp") and the
        // number of values; no line without values.
        std::string svg = ReadText(dir + "/plots/stall_lengths_ms-cdf-burst-4.svg");
        NS_TEST_EXPECT_MSG_NE(svg.find("ESP-in-UDP (3 stalls)"), std::string::npos, "udp line");
        NS_TEST_EXPECT_MSG_EQ(svg.find("ESP-in-TCP ("), std::string::npos, "tcp has no stall");
        // Pooled nearest-rank quantiles per point.
        CsvTable q;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(
            ReadCsv(dir + "/plots/stall_lengths_ms-cdf-burst-4-quantiles.csv", q, error),
            true,
            error);
        NS_TEST_EXPECT_MSG_EQ(
            CsvLine(q.header), "burst,mode,runs,count,p50,p90,p99,max,sum", "header");
        std::map<std::string, std::string> lines;
        for (const auto& row : q.rows)
        {
            lines[row[1]] = CsvLine(row);
        }
        NS_TEST_EXPECT_MSG_EQ(
            lines["udp"], "4,udp,2,3,300,1234.5,1234.5,1234.5,1635", "udp, burst 4");
        NS_TEST_EXPECT_MSG_EQ(lines["tcp"], "4,tcp,2,0,,,,,0", "tcp, burst 4: no stall");
        NS_TEST_ASSERT_MSG_EQ(
            ReadCsv(dir + "/plots/stall_lengths_ms-cdf-burst-1-quantiles.csv", q, error),
            true,
            error);
        lines.clear();
        for (const auto& row : q.rows)
        {
            lines[row[1]] = CsvLine(row);
        }
        NS_TEST_EXPECT_MSG_EQ(lines["udp"], "1,udp,2,2,150,250,250,250,400", "udp, burst 1");
        NS_TEST_EXPECT_MSG_EQ(lines["tcp"], "1,tcp,2,10,160,200,2000,2000,3440", "tcp, burst 1");
        // Without a facet: one figure, every point in its table.
        NS_TEST_ASSERT_MSG_EQ(
            Program("plot " + dir + " --cdf stall_lengths_ms --linear-x", out), 0, out);
        NS_TEST_EXPECT_MSG_NE(ReadText(dir + "/plots/stall_lengths_ms-cdf.svg")
                                  .find("ESP-in-TCP, mean burst 1 packet (10 stalls)"),
                              std::string::npos,
                              "labels name every varying parameter");
        NS_TEST_ASSERT_MSG_EQ(
            ReadCsv(dir + "/plots/stall_lengths_ms-cdf-quantiles.csv", q, error), true, error);
        NS_TEST_EXPECT_MSG_EQ(q.rows.size(), 4, "four points");
        // A scalar column: one value per run.
        NS_TEST_ASSERT_MSG_EQ(Program("plot " + dir + " --cdf stall_max_ms", out), 0, out);
        NS_TEST_ASSERT_MSG_EQ(
            ReadCsv(dir + "/plots/stall_max_ms-cdf-quantiles.csv", q, error), true, error);
        NS_TEST_EXPECT_MSG_EQ(q.rows.size(), 4, "four points");

        // Errors: status 1 and a message that says what is wrong.
        NS_TEST_EXPECT_MSG_EQ(Program("plot " + dir + " --cdf stall_p90_ms", out), 1, out);
        NS_TEST_EXPECT_MSG_NE(out.find("no column 'stall_p90_ms'"), std::string::npos, out);
        NS_TEST_EXPECT_MSG_EQ(Program("plot " + dir + " --cdf ike_transport", out), 1, out);
        NS_TEST_EXPECT_MSG_NE(
            out.find("holds 'tcp' (line 2), not numbers"), std::string::npos, out);
        NS_TEST_EXPECT_MSG_EQ(
            Program("plot " + dir + " --cdf stall_lengths_ms --facet outer_cc", out), 1, out);
        NS_TEST_EXPECT_MSG_NE(out.find("no parameter 'outer_cc'"), std::string::npos, out);
        // No stall in any run: nothing to draw.
        std::string none = dir + "/none";
        WritePoints(none, "mode,loss,seed,run,stall_lengths_ms\nudp,0.01,1,1,\nudp,0.01,1,2,\n");
        NS_TEST_ASSERT_MSG_EQ(Program("merge " + none, out), 0, out);
        NS_TEST_EXPECT_MSG_EQ(Program("plot " + none + " --cdf stall_lengths_ms", out), 1, out);
        NS_TEST_EXPECT_MSG_NE(out.find("holds no numbers"), std::string::npos, out);
        NS_TEST_EXPECT_MSG_EQ(std::filesystem::exists(none + "/plots"), false, "nothing drawn");
        // No results at all.
        std::string empty = Scratch("stallcdf-empty");
        NS_TEST_EXPECT_MSG_EQ(Program("plot " + empty + " --cdf stall_lengths_ms", out), 1, out);
        NS_TEST_EXPECT_MSG_NE(out.find("results.csv: cannot open"), std::string::npos, out);
        std::filesystem::remove_all(empty);
        std::filesystem::remove_all(dir);
    }
};

/** The stall-lengths suite. */
class ExperimentStallCdfTestSuite : public TestSuite
{
  public:
    ExperimentStallCdfTestSuite()
        : TestSuite("tcp-encap-experiment-stall-cdf", Type::SYSTEM)
    {
        AddTestCase(new StallLengthsTest(), TestCase::Duration::QUICK);
        AddTestCase(new StallColumnCsvTest(), TestCase::Duration::QUICK);
        AddTestCase(new StallSummaryTest(), TestCase::Duration::QUICK);
        AddTestCase(new StallCdfPlotTest(), TestCase::Duration::QUICK);
    }
};

ExperimentStallCdfTestSuite g_experimentStallCdfTestSuite; //!< registers the suite

} // namespace
