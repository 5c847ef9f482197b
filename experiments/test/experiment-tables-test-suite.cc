/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The parameter and metric tables: values of every kind, the columns they make, the sweep's
// reuse of a simulation a mode's ignored parameters do not change, and the metrics added
// through the table (time to the first N bytes, per-flow time series).
#include "csv.h"
#include "metric.h"
#include "program-test-util.h"
#include "run-params.h"

#include "ns3/test.h"

#include <cmath>
#include <filesystem>
#include <set>

using namespace ns3;
using namespace tcpencap;
using namespace tcpencaptest;

namespace
{

/** \param p parameters \param column a column \return its value */
std::string
ColumnOf(const RunParams& p, const std::string& column)
{
    for (const auto& [name, value] : ParameterColumns(p))
    {
        if (name == column)
        {
            return value;
        }
    }
    return "<none>";
}

class TablesTest : public TestCase
{
  public:
    TablesTest()
        : TestCase("tables: defaults pass their own checks, names unique, forms normalised")
    {
    }

  private:
    void
    DoRun() override
    {
        std::set<std::string> names;
        for (const Parameter& p : Parameters())
        {
            std::string error;
            NS_TEST_EXPECT_MSG_EQ(p.Check(p.defaultValue, error), true, p.name << ": " << error);
            NS_TEST_EXPECT_MSG_EQ(names.insert(p.Column()).second, true, p.name << " twice");
            NS_TEST_EXPECT_MSG_EQ(p.label.empty(), false, p.name << " has no label");
            NS_TEST_EXPECT_MSG_EQ(p.help.empty(), false, p.name << " has no help");
            NS_TEST_EXPECT_MSG_EQ(p.applies == nullptr, p.appliesTo.empty(), p.name);
        }
        for (const Metric& m : Metrics())
        {
            NS_TEST_EXPECT_MSG_EQ(names.insert(m.name).second, true, m.name << " twice");
            NS_TEST_EXPECT_MSG_EQ(m.label.empty(), false, m.name << " has no label");
            NS_TEST_EXPECT_MSG_EQ(m.collect == nullptr, false, m.name << " is not collected");
        }
        NS_TEST_EXPECT_MSG_EQ(FindParameter("outer_initial_cwnd"),
                              FindParameter("outer-initial-cwnd"),
                              "both spellings name one parameter");

        RunParams p;
        NS_TEST_ASSERT_MSG_EQ(ParseArguments({"--loss=1%",
                                              "--outer-window=64KiB",
                                              "--duration=1.5min",
                                              "--warmup=500ms",
                                              "--liveness=0",
                                              "--outer-nagle=yes",
                                              "--mode=tcp"},
                                             p),
                              "",
                              "accepted forms");
        NS_TEST_EXPECT_MSG_EQ(ColumnOf(p, "loss"), "0.01", "a percentage is a probability");
        NS_TEST_EXPECT_MSG_EQ(ColumnOf(p, "outer_window"), "65536", "KiB");
        NS_TEST_EXPECT_MSG_EQ(ColumnOf(p, "duration"), "90", "duration in seconds");
        NS_TEST_EXPECT_MSG_EQ(ColumnOf(p, "warmup"), "0.5", "warm-up in seconds");
        NS_TEST_EXPECT_MSG_EQ(ColumnOf(p, "liveness"), "0", "zero needs no unit");
        NS_TEST_EXPECT_MSG_EQ(ColumnOf(p, "outer_nagle"), "1", "a flag");
        NS_TEST_EXPECT_MSG_EQ(ColumnOf(p, "port"), "4500", "the mode's port");
        NS_TEST_EXPECT_MSG_EQ(p.GetTime("duration"), Seconds(90), "typed");

        // Which parameters change a simulation.
        RunParams udp4;
        RunParams udp10;
        RunParams tcp4;
        RunParams tcp10;
        ParseArguments({"--mode=udp", "--outer-initial-cwnd=4", "--outer-window=100000"}, udp4);
        ParseArguments({"--mode=udp", "--outer-initial-cwnd=10"}, udp10);
        ParseArguments({"--mode=tcp", "--outer-initial-cwnd=4"}, tcp4);
        ParseArguments({"--mode=tcp", "--outer-initial-cwnd=10"}, tcp10);
        NS_TEST_EXPECT_MSG_EQ(SimulationKey(udp4), SimulationKey(udp10), "udp ignores the outer");
        NS_TEST_EXPECT_MSG_NE(SimulationKey(tcp4), SimulationKey(tcp10), "tcp does not");
        NS_TEST_EXPECT_MSG_EQ(IgnoredParameters(udp4).size(), 2, "both named");
        NS_TEST_EXPECT_MSG_EQ(IgnoredParameters(tcp4).size(), 0, "none");
    }
};

class SweepReuseTest : public TestCase
{
  public:
    SweepReuseTest()
        : TestCase("sweep: a point that differs only in ignored parameters reuses the row")
    {
    }

  private:
    void
    DoRun() override
    {
        std::string dir = Scratch("reuse");
        WriteText(dir + "/r.ini",
                  "mode = udp, tcp\nouter-initial-cwnd = 2, 10\nouter-window = auto, 65536\n"
                  "duration = 2s\nwarmup = 0s\n");
        std::string out;
        NS_TEST_ASSERT_MSG_EQ(
            Program("sweep " + dir + "/r.ini --out " + dir + "/r -j 2 --no-plot", out), 0, out);
        NS_TEST_EXPECT_MSG_NE(out.find("8 points (0 already done, 3 the same simulation as "
                                       "another), 5 runs"),
                              std::string::npos,
                              out);
        CsvTable t;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(ReadCsv(dir + "/r/results.csv", t, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(t.rows.size(), 8, "a row per point");
        int mode = t.Column("mode");
        int cwnd = t.Column("outer_initial_cwnd");
        int window = t.Column("outer_window");
        int goodput = t.Column("goodput_mbps");
        int events = t.Column("sim_events");
        std::set<std::string> udpRows;
        std::set<std::string> udpPoints;
        std::set<std::string> tcpEvents;
        for (const auto& row : t.rows)
        {
            if (row[mode] == "udp")
            {
                udpRows.insert(row[goodput] + "/" + row[events]);
                udpPoints.insert(row[cwnd] + "/" + row[window]);
            }
            else
            {
                tcpEvents.insert(row[events]);
            }
        }
        NS_TEST_EXPECT_MSG_EQ(udpPoints.size(), 4, "every udp point has its row and parameters");
        NS_TEST_EXPECT_MSG_EQ(udpRows.size(), 1, "one simulation's metrics");
        NS_TEST_EXPECT_MSG_GT(tcpEvents.size(), 1, "tcp points are simulations of their own");
        std::filesystem::remove_all(dir);
    }
};

class TimeSeriesTest : public TestCase
{
  public:
    TimeSeriesTest()
        : TestCase("metrics: time to the first 1 MB, per-flow goodput and RTT over time")
    {
    }

  private:
    void
    DoRun() override
    {
        std::string dir = Scratch("series");
        std::string out;
        NS_TEST_ASSERT_MSG_EQ(Program("run --mode=tcp --flows=2 --duration=4s --warmup=0s "
                                      "--inner-window=131072 --series="
                                          + dir + "/s.csv --series-interval=250ms --out=" + dir
                                          + "/r.csv",
                                      out),
                              0,
                              out);
        CsvTable r;
        CsvTable s;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(ReadCsv(dir + "/r.csv", r, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(ReadCsv(dir + "/s.csv", s, error), true, error);
        double toMb = std::stod(r.rows[0][r.Column("time_to_1mb_ms")]);
        NS_TEST_EXPECT_MSG_GT(toMb, 800, "1 MB takes at least 0.8 s at 10 Mbit/s");
        NS_TEST_EXPECT_MSG_LT(toMb, 3000, "and arrives well within 4 s");
        NS_TEST_EXPECT_MSG_EQ(r.rows[0][r.Column("time_to_10mb_ms")], "", "10 MB never does");

        NS_TEST_ASSERT_MSG_EQ(CsvLine(s.header), "time_s,flow,goodput_mbps,rtt_ms", "header");
        NS_TEST_EXPECT_MSG_EQ(s.rows.size(), 2 * 16, "2 flows x 16 intervals of 250 ms");
        double megabits = 0;
        std::size_t withRtt = 0;
        for (const auto& row : s.rows)
        {
            megabits += std::stod(row[2]) * 0.25;
            withRtt += row[3].empty() ? 0 : 1;
            if (!row[3].empty())
            {
                NS_TEST_EXPECT_MSG_GT(std::stod(row[3]), 50, "RTT above the base RTT");
            }
        }
        double goodput = std::stod(r.rows[0][r.Column("goodput_mbps")]);
        NS_TEST_EXPECT_MSG_EQ_TOL(megabits / 4, goodput, goodput * 0.02, "series sum to total");
        NS_TEST_EXPECT_MSG_GT(withRtt, 20, "RTT samples in most intervals");
        std::filesystem::remove_all(dir);
    }
};

class ExperimentTablesTestSuite : public TestSuite
{
  public:
    ExperimentTablesTestSuite()
        : TestSuite("tcp-encap-experiment-tables", Type::UNIT)
    {
        AddTestCase(new TablesTest(), TestCase::Duration::QUICK);
        AddTestCase(new SweepReuseTest(), TestCase::Duration::QUICK);
        AddTestCase(new TimeSeriesTest(), TestCase::Duration::QUICK);
    }
};

ExperimentTablesTestSuite g_experimentTablesTestSuite;

} // namespace
