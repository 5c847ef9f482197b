/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The experiment program on bad input (issue 10), beyond the run options and sweep files of
// experiment-program-test-suite.cc: nonsense options and arguments to every subcommand,
// negative numbers for options that take none, unreadable and malformed configuration files,
// and results that cannot be written (clear error, nothing half-written).
#include "program-test-util.h"

#include "ns3/test.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace ns3;
using namespace tcpencaptest;

namespace
{

/** Every subcommand refuses nonsense with status 2 and a message that names it. */
class SubcommandOptionsTest : public TestCase
{
  public:
    SubcommandOptionsTest()
        : TestCase("nonsense options and arguments to every subcommand: status 2, named")
    {
    }

  private:
    void
    DoRun() override
    {
        std::string dir = Scratch("subcommands");
        std::string ini = dir + "/ok.ini";
        WriteText(ini, "loss = 0\nduration = 1s\nwarmup = 0s\n");
        WriteText(dir + "/negative.ini", "flows = -1\n");
        WriteText(dir + "/badloss.ini", "loss = 0, 2\n");
        WriteText(dir + "/typo.ini", "outer_initial_cwd = 4\n");
        WriteText(dir + "/baretime.ini", "delay = 25\n");
        WriteText(dir + "/garbage.ini", std::string("\x00\x01\xff\xfe binary\n", 13));
        struct Case
        {
            std::string args;    //!< command line
            std::string mention; //!< what the message must contain
        };
        std::vector<Case> cases = {
            {"", "usage"},
            {"run extra", "unexpected argument 'extra'"},
            {"run --run=-1", "--run must be a whole number from 1 to 4294967295, not '-1'"},
            {"run --seed=-3", "--seed must be a whole number from 1"},
            {"run --outer-window=-1", "--outer-window must be auto, or a byte count from 1500"},
            {"run --queue=-100", "--queue must be a whole number from 1"},
            // Every kind of value: a malformed one is refused with the accepted form.
            {"run --delay=25", "--delay must be a time with its unit, such as 25ms"},
            {"run --duration=10", "--duration must be a time with its unit"},
            {"run --warmup=2", "--warmup must be a time with its unit"},
            {"run --outage-length=-2s", "--outage-length must be a time with its unit"},
            {"run --rate=10", "--rate must be a data rate with its unit, such as 10Mbps"},
            {"run --cbr-rate=fast", "--cbr-rate must be 0, or a data rate with its unit"},
            {"run --outer-window=64kib", "--outer-window must be auto, or a byte count"},
            {"run --esp-size=32",
             "--esp-size must be udp or fit, or a byte count from 64 to 65000"},
            {"run --loss=1.5", "--loss must be a probability in [0, 1) or a percentage"},
            {"run --loss=150%", "--loss must be a probability in [0, 1)"},
            {"run --burst=0.5", "--burst must be a number in [1, 1000000]"},
            {"run --outer-nagle=maybe", "--outer-nagle must be 1 or 0"},
            {"run --outer-cc=Reno2", "--outer-cc must be an ns-3 congestion control"},
            // choices from the model's own attribute checkers
            {"run --framing=rfc8229", "--framing must be rfc9329 or draft-03, not 'rfc8229'"},
            {"run --tls-version=1.1", "--tls-version must be 1.3 or 1.2"},
            {"run --queue-policy=red", "--queue-policy must be linux or fifo"},
            {"run --mode=ipip", "--mode must be plain, udp, tcp or tls, not 'ipip'"},
            // names: the closest one is suggested
            {"run --outer-initial-cwd=4", "did you mean 'outer-initial-cwnd'?"},
            {"sweep " + dir + "/typo.ini --out " + dir + "/n",
             "did you mean 'outer-initial-cwnd'?"},
            {"sweep " + dir + "/baretime.ini --out " + dir + "/n",
             "baretime.ini:1: --delay must be a time with its unit"},
            {"run --seed=abc", "--seed"},
            {"run --config=/nonexistent.ini", "/nonexistent.ini"},
            {"run --config=" + dir, dir},
            {"run --config=" + dir + "/negative.ini",
             "--flows must be a whole number from 0 to 1000"},
            {"run --config=" + dir + "/garbage.ini", "garbage.ini"},
            {"sweep " + ini + " --frob", "--frob"},
            {"sweep " + ini + " -j 0", "--jobs"},
            {"sweep " + ini + " -j abc", "--jobs"},
            {"sweep " + dir, "cannot open"},
            {"sweep " + dir + "/garbage.ini", "expected 'option = values'"},
            {"jobs", "missing CONFIG"},
            {"jobs " + ini + " --frob", "--frob"},
            {"jobs " + ini + " --out", "--out"},
            {"jobs /nonexistent.ini --out " + dir + "/j", "cannot open"},
            {"merge", "missing DIR"},
            {"merge " + dir + " --bogus", "unrecognised option '--bogus'"},
            {"merge --bogus " + dir, "unrecognised option '--bogus'"},
            {"merge " + dir + " " + dir, "unexpected argument"},
            {"plot", "missing DIR"},
            {"plot " + dir + " --frob", "--frob"},
            {"plot " + dir + " --x nosuch", "--x must name a parameter column"},
            {"plot " + dir + " --metric nosuch", "--metric must name a metric column"},
            {"plot " + dir + " --facet nosuch", "--facet must name a parameter column"},
            {"plot " + dir + " --cdf nosuch", "--cdf must name a metric column, not 'nosuch'"},
            {"plot " + dir + " --cdf", "--cdf"},
            {"plot " + dir + " --metric stall_lengths_ms", "draw it with --cdf stall_lengths_ms"},
            {"plot " + dir + " --cdf stall_lengths_ms --metric goodput_mbps",
             "--cdf does not go with --metric"},
            {"plot " + dir + " --cdf stall_lengths_ms --logy", "--cdf does not go with --logy"},
            {"plot " + dir + " --cdf stall_lengths_ms --x loss", "--cdf does not go with --x"},
            {"plot " + dir + " --linear-x", "--linear-x goes with --cdf"},
            // A bad value in a sweep file is refused before any run starts.
            {"sweep " + dir + "/negative.ini --out " + dir + "/n",
             "--flows must be a whole number"},
            {"sweep " + dir + "/badloss.ini --out " + dir + "/n",
             "--loss must be a probability in [0, 1)"},
            {"jobs " + dir + "/badloss.ini --out " + dir + "/n",
             "--loss must be a probability in [0, 1)"},
        };
        for (const auto& c : cases)
        {
            std::string out;
            NS_TEST_EXPECT_MSG_EQ(Program(c.args, out), 2, "'" << c.args << "' -> " << out);
            NS_TEST_EXPECT_MSG_NE(out.find(c.mention),
                                  std::string::npos,
                                  "'" << c.args << "': message does not say " << c.mention << ": "
                                      << out);
        }
        std::filesystem::remove_all(dir);
    }
};

/** Results that cannot be written: a clear error, and nothing half-written left behind. */
class UnwritableOutputTest : public TestCase
{
  public:
    UnwritableOutputTest()
        : TestCase("unwritable outputs of jobs, merge and run: clear error, nothing half-written")
    {
    }

  private:
    void
    DoRun() override
    {
        std::string dir = Scratch("unwritable");
        std::string ini = dir + "/ok.ini";
        WriteText(ini, "loss = 0\nduration = 1s\nwarmup = 0s\n");
        std::string out;
        NS_TEST_ASSERT_MSG_EQ(Program("jobs " + ini + " --out /proc/no/such", out), 2, out);
        NS_TEST_ASSERT_MSG_NE(out.find("/proc/no"), std::string::npos, out);

        // One finished run, then a merge whose results.csv cannot be written (a directory).
        std::string m = dir + "/m";
        std::filesystem::create_directories(m + "/points");
        NS_TEST_ASSERT_MSG_EQ(
            Program("run --duration=1s --warmup=0s --out=" + m + "/points/a.csv", out), 0, out);
        std::filesystem::create_directories(m + "/results.csv");
        NS_TEST_ASSERT_MSG_EQ(Program("merge " + m, out), 1, out);
        NS_TEST_ASSERT_MSG_NE(out.find("cannot write"), std::string::npos, out);
        for (const auto& entry : std::filesystem::directory_iterator(m))
        {
            std::string name = entry.path().filename();
            NS_TEST_ASSERT_MSG_EQ((name == "points" || name == "results.csv"),
                                  true,
                                  "left behind by a failed merge: " << name);
        }
        // The run's own result file cannot be written: status 1, no temporary file.
        std::filesystem::create_directories(dir + "/ro/x.csv");
        NS_TEST_ASSERT_MSG_EQ(
            Program("run --duration=1s --warmup=0s --out=" + dir + "/ro/x.csv", out), 1, out);
        NS_TEST_ASSERT_MSG_NE(out.find("cannot write"), std::string::npos, out);
        std::size_t entries = 0;
        for (const auto& entry : std::filesystem::directory_iterator(dir + "/ro"))
        {
            ++entries;
            NS_TEST_ASSERT_MSG_EQ(entry.path().filename(), "x.csv", "only what was there");
        }
        NS_TEST_ASSERT_MSG_EQ(entries, 1, "nothing half-written");
        std::filesystem::remove_all(dir);
    }
};

/** The program's bad-input suite. */
class ExperimentBadInputTestSuite : public TestSuite
{
  public:
    ExperimentBadInputTestSuite()
        : TestSuite("tcp-encap-experiment-bad-input", Type::SYSTEM)
    {
        AddTestCase(new SubcommandOptionsTest(), TestCase::Duration::QUICK);
        AddTestCase(new UnwritableOutputTest(), TestCase::Duration::QUICK);
    }
};

ExperimentBadInputTestSuite g_experimentBadInputTestSuite; //!< registers the suite

} // namespace
