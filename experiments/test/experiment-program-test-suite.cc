/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The experiment program: option checking, sweep files, merging and summaries, and the
// program itself run as researchers run it (bad options, a sweep, resume, determinism,
// metric sanity on designed scenarios).
#include "csv.h"
#include "metric.h"
#include "program-test-util.h"
#include "results-merge.h"
#include "run-params.h"
#include "sweep-config.h"

#include "ns3/test.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace ns3;
using namespace tcpencaptest;
using namespace tcpencap;

namespace
{

/** Every bad value is refused before any simulation, naming the option, with status 2. */
class BadOptionsTest : public TestCase
{
  public:
    BadOptionsTest()
        : TestCase("bad options: clear message, exit status 2")
    {
    }

  private:
    void
    DoRun() override
    {
        struct Case
        {
            std::string args;
            std::string mention;
        };
        std::vector<Case> cases = {
            {"run --mode=quic", "--mode"},
            {"run --loss=1", "--loss"},
            {"run --loss=-0.1", "--loss"},
            {"run --delay=-5ms", "--delay"},
            {"run --rate=fast", "--rate"},
            {"run --outer-cc=Vegas2", "--outer-cc"},
            {"run --flows=0", "--flows"},
            {"run --duration=5s --warmup=6s", "--warmup"},
            {"run --burst=0.5", "--burst"},
            {"run --framing=rfc8229", "--framing"},
            {"run --esp-size=fits", "--esp-size"},
            {"run --esp-size=63", "--esp-size"},
            {"run --esp-size=99999999999", "--esp-size"},
            {"run --no-such-option=1", "no-such-option"},
            {"run --queue=abc", "queue"},
            {"frobnicate", "unknown command"},
            {"sweep", "missing CONFIG"},
            {"sweep /nonexistent.ini", "cannot open"},
        };
        for (const auto& c : cases)
        {
            std::string out;
            NS_TEST_ASSERT_MSG_EQ(Program(c.args, out), 2, c.args << " -> " << out);
            NS_TEST_ASSERT_MSG_NE(out.find(c.mention),
                                  std::string::npos,
                                  c.args << ": message does not name " << c.mention << ": " << out);
        }
        // Sweep files with mistakes.
        std::string dir = Scratch("badini");
        std::vector<std::pair<std::string, std::string>> inis = {
            {"loss = 0, , 0.1\n", "empty value"},
            {"los = 0.1\n", "unknown option 'los'"},
            {"loss = 0.1:0:0.01\n", "from <= to"},
            {"seeds = 0\n", "seeds"},
            {"run = 3\n", "'run' is set by the sweep"},
            {"just words\n", "expected 'option = values'"},
        };
        for (std::size_t i = 0; i < inis.size(); ++i)
        {
            std::string path = dir + "/s" + std::to_string(i) + ".ini";
            WriteText(path, inis[i].first);
            std::string out;
            NS_TEST_ASSERT_MSG_EQ(
                Program("sweep " + path + " --out " + dir + "/o", out), 2, inis[i].first);
            NS_TEST_ASSERT_MSG_NE(out.find(inis[i].second), std::string::npos, out);
            NS_TEST_ASSERT_MSG_NE(out.find(":1:"), std::string::npos, "names the line: " << out);
        }
        // An output directory that cannot be written: clear error, nothing left behind.
        WriteText(dir + "/ok.ini", "loss = 0\nduration = 1s\nwarmup = 0s\n");
        std::string out;
        NS_TEST_ASSERT_MSG_EQ(
            Program("sweep " + dir + "/ok.ini --out /proc/no/such --no-plot", out), 2, out);
        NS_TEST_ASSERT_MSG_NE(out.find("/proc/no"), std::string::npos, out);
        NS_TEST_ASSERT_MSG_EQ(
            Program("run --duration=1s --warmup=0s --out=/proc/no/x.csv", out), 1, out);
        NS_TEST_ASSERT_MSG_NE(out.find("cannot write"), std::string::npos, out);
    }
};

/** Lists, ranges and seeds expand to the cartesian product, with stable names. */
class SweepConfigTest : public TestCase
{
  public:
    SweepConfigTest()
        : TestCase("sweep files: lists, ranges, seeds, expansion, point names")
    {
    }

  private:
    void
    DoRun() override
    {
        std::string dir = Scratch("ini");
        WriteText(dir + "/s.ini",
                  "# comment\n[sweep]\nmode = udp, tcp ; trailing comment\n"
                  "loss = 0:0.1:0.05, 0.2\nseeds = 2\n");
        SweepConfig c;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(ReadSweepConfig(dir + "/s.ini", c, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(c.axes.size(), 2, "two options");
        NS_TEST_ASSERT_MSG_EQ(
            (c.axes[1].second == std::vector<std::string>{"0", "0.05", "0.1", "0.2"}),
            true,
            "range 0:0.1:0.05 then 0.2");
        auto runs = ExpandSweep(c);
        NS_TEST_ASSERT_MSG_EQ(runs.size(), 2 * 4 * 2, "product times seeds");
        NS_TEST_ASSERT_MSG_EQ(
            (runs[0] == std::vector<std::string>{"--mode=udp", "--loss=0", "--run=1"}),
            true,
            "first run");
        NS_TEST_ASSERT_MSG_EQ(runs[1].back(), "--run=2", "runs vary fastest");
        NS_TEST_ASSERT_MSG_EQ(runs.back()[0], "--mode=tcp", "first option varies slowest");
        std::set<std::string> ids;
        for (const auto& r : runs)
        {
            ids.insert(PointId(r));
        }
        NS_TEST_ASSERT_MSG_EQ(ids.size(), runs.size(), "distinct names");
        NS_TEST_ASSERT_MSG_EQ(PointId(runs[3]), PointId(ExpandSweep(c)[3]), "stable names");
    }
};

/** Mean and Student-t confidence intervals by point, over runs. */
class SummaryTest : public TestCase
{
  public:
    SummaryTest()
        : TestCase("summary: mean and 95% CI per point over runs")
    {
    }

  private:
    void
    DoRun() override
    {
        CsvTable t;
        t.header = {"mode", "loss", "run", "goodput_mbps", "outer_retx"};
        t.rows = {{"udp", "0.01", "1", "1", ""},
                  {"udp", "0.01", "2", "2", ""},
                  {"udp", "0.01", "3", "3", ""},
                  {"tcp", "0.01", "1", "5", "7"}};
        CsvTable s = Summarize(t);
        NS_TEST_ASSERT_MSG_EQ(s.rows.size(), 2, "two points");
        NS_TEST_ASSERT_MSG_EQ(s.rows[0][s.Column("n")], "3", "three runs");
        NS_TEST_ASSERT_MSG_EQ(s.rows[0][s.Column("goodput_mbps_mean")], "2", "mean");
        // sd = 1, n = 3: t(2) = 4.302653 / sqrt(3) = 2.484138
        NS_TEST_ASSERT_MSG_EQ(s.rows[0][s.Column("goodput_mbps_ci95")], "2.48414", "CI");
        NS_TEST_ASSERT_MSG_EQ(s.rows[0][s.Column("outer_retx_mean")], "", "not applicable");
        NS_TEST_ASSERT_MSG_EQ(s.rows[1][s.Column("goodput_mbps_ci95")], "0", "one run");
        // Two-sided 95% quantiles of Student's t (NIST/SEMATECH e-Handbook, table 1.3.6.7.2)
        NS_TEST_ASSERT_MSG_EQ_TOL(StudentT95(2), 12.706, 1e-3, "t(1)");
        NS_TEST_ASSERT_MSG_EQ_TOL(StudentT95(31), 2.042, 1e-3, "t(30)");
        NS_TEST_ASSERT_MSG_EQ_TOL(StudentT95(101), 1.984, 1e-3, "t(100)");
        NS_TEST_ASSERT_MSG_EQ_TOL(StudentT95(1000000), 1.960, 1e-3, "t(inf)");
        std::string line = CsvLine({"a,b", "say \"hi\"", "plain"});
        NS_TEST_ASSERT_MSG_EQ(line, "\"a,b\",\"say \"\"hi\"\"\",plain", "CSV quoting");
    }
};

/** A two-point sweep with two seeds; resume; merge; determinism. */
class SweepRunTest : public TestCase
{
  public:
    SweepRunTest()
        : TestCase("a sweep: 2 points x 2 seeds, resume, merge, same seed same row")
    {
    }

  private:
    void
    DoRun() override
    {
        std::string dir = Scratch("sweep");
        WriteText(dir + "/two.ini",
                  "mode = udp, tcp\nloss = 0.01\nduration = 3s\nwarmup = 0.5s\nseeds = 2\n");
        std::string out;
        NS_TEST_ASSERT_MSG_EQ(
            Program("sweep " + dir + "/two.ini --out " + dir + "/r -j 2 --no-plot", out), 0, out);
        CsvTable results;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(ReadCsv(dir + "/r/results.csv", results, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(results.rows.size(), 4, "four rows");
        CsvTable summary;
        NS_TEST_ASSERT_MSG_EQ(ReadCsv(dir + "/r/summary.csv", summary, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(summary.rows.size(), 2, "two points");
        // The list of stall lengths is in the results, not in the summary (no mean of lists).
        NS_TEST_ASSERT_MSG_GT_OR_EQ(results.Column("stall_lengths_ms"), 0, "stall list");
        NS_TEST_ASSERT_MSG_EQ(summary.Column("stall_lengths_ms_mean"), -1, "no mean of lists");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(summary.Column("stall_p90_ms_mean"), 0, "quantiles' mean");
        int g = results.Column("goodput_mbps");
        int m = results.Column("mode");
        double sum = 0;
        for (const auto& row : results.rows)
        {
            if (row[m] == "tcp")
            {
                sum += std::stod(row[g]);
            }
        }
        for (const auto& row : summary.rows)
        {
            if (row[summary.Column("mode")] == "tcp")
            {
                NS_TEST_ASSERT_MSG_EQ(row[summary.Column("n")], "2", "two runs");
                NS_TEST_ASSERT_MSG_EQ_TOL(std::stod(row[summary.Column("goodput_mbps_mean")]),
                                          sum / 2,
                                          1e-3,
                                          "mean of the two tcp rows");
            }
        }
        // Resume: lose one result, run again: only that run is redone, same numbers.
        std::string before;
        {
            std::ifstream in(dir + "/r/results.csv");
            std::stringstream ss;
            ss << in.rdbuf();
            before = ss.str();
        }
        std::system(("ls " + dir + "/r/points/*.csv | head -1 | xargs rm -f").c_str());
        NS_TEST_ASSERT_MSG_EQ(
            Program("sweep " + dir + "/two.ini --out " + dir + "/r --no-plot", out), 0, out);
        NS_TEST_ASSERT_MSG_NE(
            out.find("4 points (3 already done, 0 the same simulation as another), 1 runs"),
            std::string::npos,
            out);
        CsvTable again;
        ReadCsv(dir + "/r/results.csv", again, error);
        // Wall-clock columns (wall_s, wall_us_per_packet, peak_rss_mb) depend on the machine.
        std::vector<int> wallClock;
        for (const Metric& m : Metrics())
        {
            if (m.wallClock)
            {
                wallClock.push_back(again.Column(m.name));
            }
        }
        for (std::size_t r = 0; r < again.rows.size(); ++r)
        {
            for (int wall : wallClock)
            {
                again.rows[r][wall] = results.rows[r][wall];
            }
        }
        NS_TEST_ASSERT_MSG_EQ((again.rows == results.rows), true, "resumed sweep, same rows");
        // jobs prints one command per run; merge rebuilds the same results.
        NS_TEST_ASSERT_MSG_EQ(Program("jobs " + dir + "/two.ini --out " + dir + "/r", out), 0, out);
        NS_TEST_ASSERT_MSG_EQ(std::count(out.begin(), out.end(), '\n'), 4, out);
        NS_TEST_ASSERT_MSG_NE(out.find(" run --mode=udp --loss=0.01"), std::string::npos, out);
        NS_TEST_ASSERT_MSG_EQ(Program("merge " + dir + "/r", out), 0, out);
        // The README's recipe for many machines, run locally with GNU parallel.
        NS_TEST_ASSERT_MSG_EQ(Program("jobs " + dir + "/two.ini --out " + dir + "/p > " + dir
                                          + "/jobs.txt && parallel -j 2 < " + dir + "/jobs.txt && "
                                          + TCP_ENCAP_PROGRAM + " merge " + dir + "/p",
                                      out),
                              0,
                              out);
        CsvTable viaParallel;
        NS_TEST_ASSERT_MSG_EQ(ReadCsv(dir + "/p/results.csv", viaParallel, error), true, error);
        for (std::size_t r = 0; r < viaParallel.rows.size(); ++r)
        {
            for (int wall : wallClock)
            {
                viaParallel.rows[r][wall] = results.rows[r][wall];
            }
        }
        NS_TEST_ASSERT_MSG_EQ((viaParallel.rows == results.rows), true, "same rows via parallel");
    }
};

/** A sweep killed part way loses nothing finished and leaves nothing half-written. */
class SweepKillTest : public TestCase
{
  public:
    SweepKillTest()
        : TestCase("a killed sweep resumes: every row once, no temporary files")
    {
    }

  private:
    void
    DoRun() override
    {
        std::string dir = Scratch("kill");
        WriteText(dir + "/k.ini",
                  "mode = udp, tcp\nloss = 0, 0.01\nduration = 8s\nwarmup = 0s\n"
                  "seeds = 2\n");
        std::string out;
        // Interrupt the sweep as soon as its first result exists (8 runs of 8 s, one at a
        // time, cannot all be done by then).
        Program("sweep " + dir + "/k.ini --out " + dir
                    + "/r -j 1 --no-plot > /dev/null 2>&1 & "
                      "pid=$!; until ls "
                    + dir
                    + "/r/points/*.csv > /dev/null 2>&1; do sleep 0.02; "
                      "done; kill -TERM $pid; wait $pid",
                out);
        NS_TEST_ASSERT_MSG_EQ(
            Program("sweep " + dir + "/k.ini --out " + dir + "/r -j 2 --no-plot", out), 0, out);
        std::size_t at = out.find(" points (");
        NS_TEST_ASSERT_MSG_NE(at, std::string::npos, out);
        int already = std::atoi(out.c_str() + at + 9);
        NS_TEST_ASSERT_MSG_GT_OR_EQ(already, 1, "the interrupted sweep had finished some");
        NS_TEST_ASSERT_MSG_LT(already, 8, "but not all: " << out);
        CsvTable results;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(ReadCsv(dir + "/r/results.csv", results, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(results.rows.size(), 8, "every run once");
        std::string leftovers;
        Shell("ls -a " + dir + "/r/points | grep -c tmp", leftovers);
        NS_TEST_ASSERT_MSG_EQ(leftovers, "0\n", "no temporary files left");
    }
};

/** `plot` without --x puts the first varying scenario parameter on the x axis: not a column
 * that follows the mode (the port of tcp and tls, an ESP size), which once became the axis. */
class PlotAxisTest : public TestCase
{
  public:
    PlotAxisTest()
        : TestCase("plot: the default x axis is a scenario parameter, not the port of a mode")
    {
    }

  private:
    void
    DoRun() override
    {
        std::string dir = Scratch("axis");
        WriteText(dir + "/s.ini",
                  "keying = manual\nmode = tcp, tls\nesp-size = udp, 1400\nloss = 0, 0.01\n"
                  "duration = 2s\nwarmup = 0s\nseeds = 1\n");
        std::string out;
        NS_TEST_ASSERT_MSG_EQ(Program("sweep " + dir + "/s.ini --out " + dir + "/r", out), 0, out);
        std::ifstream svg(dir + "/r/plots/goodput_mbps.svg");
        std::stringstream ss;
        ss << svg.rdbuf();
        std::string figure = ss.str();
        // Labels from the parameter table (they were raw column names: "esp_size=1400").
        NS_TEST_ASSERT_MSG_NE(
            figure.find("Bottleneck loss (%)"), std::string::npos, "loss on the x axis");
        NS_TEST_ASSERT_MSG_EQ(figure.find("vs gateway port"), std::string::npos, "not the port");
        NS_TEST_ASSERT_MSG_EQ(
            figure.find("vs largest ESP packet"), std::string::npos, "not the ESP size");
        NS_TEST_ASSERT_MSG_NE(figure.find("ESP-in-TCP, Largest ESP packet 1400 bytes"),
                              std::string::npos,
                              "a series per size");
    }
};

/** Designed scenarios whose metrics are known. */
class MetricSanityTest : public TestCase
{
  public:
    MetricSanityTest()
        : TestCase("metrics: no loss fills the pipe, nothing spurious, an outage is seen")
    {
    }

  private:
    /** Run and read the row. */
    std::map<std::string, std::string>
    Run(const std::string& args)
    {
        std::string dir = Scratch("m");
        std::string out;
        int rc = Program("run " + args + " --out=" + dir + "/r.csv", out);
        std::map<std::string, std::string> row;
        CsvTable t;
        std::string error;
        if (rc == 0 && ReadCsv(dir + "/r.csv", t, error))
        {
            for (std::size_t i = 0; i < t.header.size(); ++i)
            {
                row[t.header[i]] = t.rows[0][i];
            }
        }
        return row;
    }

    void
    DoRun() override
    {
        // 10 Mbit/s, no loss, no tunnel: 1386 bytes of payload per 1440 bytes on the link.
        // 128 KiB windows keep the flow below BDP + FIFO (about 200 kB), so nothing is lost;
        // autotuned ones (the default) outgrow it, and a hole filled just after the warmup
        // delivers bytes that crossed the link before it.
        auto plain = Run("--mode=plain --duration=10s --warmup=2s --inner-window=131072");
        NS_TEST_ASSERT_MSG_GT(std::stod(plain["goodput_mbps"]), 9.3, "near 10 * 1386 / 1440");
        NS_TEST_ASSERT_MSG_LT(std::stod(plain["goodput_mbps"]), 9.63, "not above it");
        NS_TEST_ASSERT_MSG_EQ(plain["inner_spurious_retx"], "0", "nothing spurious");
        NS_TEST_ASSERT_MSG_EQ(plain["outer_retx"], "", "no outer connection");
        // UDP tunnel: ESP-in-UDP adds 62 bytes per 1438-byte inner packet.
        auto udp = Run("--mode=udp --duration=10s --warmup=2s");
        NS_TEST_ASSERT_MSG_EQ_TOL(
            std::stod(udp["wire_per_inner_byte"]), 1500.0 / 1386, 0.02, "UDP-mode overhead");
        // Same seed, same row (wall time aside).
        auto udp2 = Run("--mode=udp --duration=10s --warmup=2s");
        for (const Metric& m : Metrics())
        {
            if (m.wallClock) // wall_s, wall_us_per_packet, peak_rss_mb
            {
                udp.erase(m.name);
                udp2.erase(m.name);
            }
        }
        NS_TEST_ASSERT_MSG_EQ((udp == udp2), true, "deterministic");
        // A 2-second outage is a stall of at least 2 seconds.
        auto outage
            = Run("--mode=tcp --duration=10s --warmup=1s --outage-start=4s --outage-length=2s");
        NS_TEST_ASSERT_MSG_GT(std::stod(outage["max_gap_ms"]), 2000, "the outage is seen");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(std::stoi(outage["stalls_2rtt"]), 1, "as a stall");
        NS_TEST_ASSERT_MSG_GT(std::stod(outage["stall_max_ms"]), 2000, "the longest stall");
        auto steady = Run("--mode=tcp --duration=10s --warmup=1s");
        NS_TEST_ASSERT_MSG_LT(std::stod(steady["max_gap_ms"]), 200, "no stall without it");
        // A lone CBR flow and a lone request/response flow on an idle path: no loss, the
        // one-way delay is the propagation delay plus serialisation, responses take about
        // one RTT plus the transfer, every interval starts one.
        auto light = Run("--mode=udp --flows=0 --cbr-rate=100kbps --rr-request=100 "
                         "--rr-response=1000 --rr-interval=100ms --duration=10s --warmup=1s");
        NS_TEST_ASSERT_MSG_EQ(light["goodput_mbps"], "", "no bulk flow");
        NS_TEST_ASSERT_MSG_EQ(light["stall_lengths_ms"], "", "no bulk flow, no stall list");
        NS_TEST_ASSERT_MSG_EQ(light["stall_max_ms"], "", "nor stall quantiles");
        NS_TEST_ASSERT_MSG_EQ(std::stod(light["cbr_loss"]), 0, "no CBR loss");
        NS_TEST_ASSERT_MSG_GT(std::stod(light["cbr_delay_mean_ms"]), 25.3, "at least propagation");
        NS_TEST_ASSERT_MSG_LT(std::stod(light["cbr_delay_mean_ms"]), 27, "little queueing");
        NS_TEST_ASSERT_MSG_LT(std::stod(light["cbr_jitter_ms"]), 1, "little jitter");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(std::stoi(light["rr_completed"]), 85, "one per 100 ms");
        NS_TEST_ASSERT_MSG_GT(std::stod(light["rr_time_mean_ms"]), 50, "at least one RTT");
        NS_TEST_ASSERT_MSG_LT(std::stod(light["rr_time_p95_ms"]), 60, "and not much more");
    }
};

/** The experiment program suite. */
class ExperimentProgramTestSuite : public TestSuite
{
  public:
    ExperimentProgramTestSuite()
        : TestSuite("tcp-encap-experiment-program", Type::SYSTEM)
    {
        AddTestCase(new BadOptionsTest(), TestCase::Duration::QUICK);
        AddTestCase(new SweepConfigTest(), TestCase::Duration::QUICK);
        AddTestCase(new SummaryTest(), TestCase::Duration::QUICK);
        AddTestCase(new SweepRunTest(), TestCase::Duration::QUICK);
        AddTestCase(new SweepKillTest(), TestCase::Duration::QUICK);
        AddTestCase(new MetricSanityTest(), TestCase::Duration::QUICK);
        AddTestCase(new PlotAxisTest(), TestCase::Duration::QUICK);
    }

    ~ExperimentProgramTestSuite() override
    {
        // The scratch directories of this process's test cases.
        std::system(("rm -rf /tmp/tcp-encap-test-" + std::to_string(::getpid()) + "-*").c_str());
    }
};

ExperimentProgramTestSuite g_experimentProgramTestSuite; //!< registers the suite

} // namespace
