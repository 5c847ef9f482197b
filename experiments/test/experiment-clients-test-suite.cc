/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Many clients of one gateway: the --mix parser and its interleaving, the checks of the
// many-client options, a short mixed run whose per-mode and fairness columns agree with its
// per-client CSV, and the single-client row unchanged by the many-client options.
#include "client-mix.h"
#include "csv.h"
#include "metric.h"
#include "program-test-util.h"
#include "run-params.h"

#include "ns3/test.h"

#include <cmath>
#include <filesystem>
#include <map>

using namespace ns3;
using namespace tcpencap;
using namespace tcpencaptest;

namespace
{

class MixParserTest : public TestCase
{
  public:
    MixParserTest()
        : TestCase("mix: valid and invalid values, interleaving, counts against --clients")
    {
    }

  private:
    void
    DoRun() override
    {
        std::vector<MixEntry> mix;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(ParseMix("udp=8+tcp=2", mix, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(mix.size(), 2, "two entries");
        NS_TEST_EXPECT_MSG_EQ(mix[0].mode, "udp", "in the order given");
        NS_TEST_EXPECT_MSG_EQ(mix[1].clients, 2, "count");
        NS_TEST_EXPECT_MSG_EQ(MixClients(mix), 10, "sum");
        std::vector<std::string> modes = AssignModes(mix);
        std::string joined;
        for (const auto& m : modes)
        {
            joined += m[1]; // d, c, l
        }
        NS_TEST_EXPECT_MSG_EQ(joined, "ddcddddcdd", "tcp at clients 2 and 7");
        ParseMix("udp=5+tcp=5", mix, error);
        joined.clear();
        for (const auto& m : AssignModes(mix))
        {
            joined += m[1];
        }
        NS_TEST_EXPECT_MSG_EQ(joined, "dcdcdcdcdc", "alternating, ties to the first entry");
        ParseMix("tls=1+udp=2+tcp=1", mix, error);
        NS_TEST_EXPECT_MSG_EQ(AssignModes(mix).size(), 4, "three modes");
        NS_TEST_EXPECT_MSG_EQ(ParseMix("udp=0+tcp=3", mix, error), true, "a zero count");
        NS_TEST_EXPECT_MSG_EQ(
            AssignModes(mix) == std::vector<std::string>(3, "tcp"), true, "all tcp");
        NS_TEST_EXPECT_MSG_EQ(ParseMix("", mix, error) && mix.empty(), true, "empty: no mix");
        NS_TEST_ASSERT_MSG_EQ(ParseMix("tcp=2+udp", mix, error), true, "the rest");
        NS_TEST_ASSERT_MSG_EQ(ResolveMix(mix, 5, error), true, error);
        NS_TEST_EXPECT_MSG_EQ(mix[1].clients, 3, "udp takes the 3 others");
        ParseMix("tcp=6+udp", mix, error);
        NS_TEST_EXPECT_MSG_EQ(ResolveMix(mix, 5, error), false, "6 > 5");
        ParseMix("tls", mix, error);
        NS_TEST_EXPECT_MSG_EQ(ResolveMix(mix, 7, error) && mix[0].clients == 7, true, "all");

        for (const char* bad : {"udp=",
                                "udp=x",
                                "quic=2",
                                "plain=2",
                                "udp=1+udp=2",
                                "udp=0",
                                "udp=2+",
                                "=2",
                                "udp=5000",
                                "udp=-1",
                                "udp=2,tcp=2",
                                "udp+tcp"})
        {
            NS_TEST_EXPECT_MSG_EQ(ParseMix(bad, mix, error), false, bad << " accepted");
            RunParams p;
            NS_TEST_EXPECT_MSG_NE(p.Set("mix", bad).find("--mix must be"),
                                  std::string::npos,
                                  bad << ": the option's error names the form");
        }

        RunParams p;
        ParseArguments({"--clients=10", "--mix=udp=8+tcp=1"}, p);
        NS_TEST_EXPECT_MSG_NE(
            Validate(p).find("must sum to --clients"), std::string::npos, Validate(p));
        RunParams q;
        ParseArguments({"--mix=udp=1+tcp=1"}, q);
        NS_TEST_EXPECT_MSG_NE(Validate(q).find("--clients is 1"), std::string::npos, "default 1");
        RunParams ok;
        ParseArguments({"--clients=10", "--mix=udp=8+tcp=2"}, ok);
        NS_TEST_EXPECT_MSG_EQ(Validate(ok), "", "sums to --clients");
        NS_TEST_EXPECT_MSG_EQ(ok.IsStream(), true, "a tcp client makes the stream options apply");
        NS_TEST_EXPECT_MSG_EQ(ok.UsesMode("tls"), false, "no tls client");
        RunParams manual;
        ParseArguments({"--clients=3", "--keying=manual"}, manual);
        NS_TEST_EXPECT_MSG_NE(Validate(manual).find("--keying ike"), std::string::npos, "");
        RunParams plain;
        ParseArguments({"--clients=3", "--mode=plain", "--keying=manual"}, plain);
        NS_TEST_EXPECT_MSG_EQ(Validate(plain), "", "plain needs no keys");

        std::string out;
        NS_TEST_EXPECT_MSG_EQ(Program("run --clients=3 --mix=udp=1+tcp=1", out), 2, out);
        NS_TEST_EXPECT_MSG_NE(
            out.find("counts 2 clients but --clients is 3"), std::string::npos, out);
    }
};

/** \param line a CSV line without quoted fields \return its fields */
std::vector<std::string>
Fields(const std::string& line)
{
    std::vector<std::string> fields(1);
    for (char ch : line)
    {
        if (ch == ',')
        {
            fields.emplace_back();
        }
        else
        {
            fields.back() += ch;
        }
    }
    return fields;
}

/** \param t a table \param row a row \param column a column \return its number (NaN: empty) */
double
Number(const CsvTable& t, const std::vector<std::string>& row, const std::string& column)
{
    int c = t.Column(column);
    return c < 0 || row[c].empty() ? std::nan("") : std::stod(row[c]);
}

class MixedRunTest : public TestCase
{
  public:
    MixedRunTest()
        : TestCase("4 clients, udp=2+tcp=2: per-mode goodput, shares and Jain's index agree "
                   "with the per-client CSV")
    {
    }

  private:
    void
    DoRun() override
    {
        std::string dir = Scratch("clients");
        std::string out;
        NS_TEST_ASSERT_MSG_EQ(Program("run --clients=4 --mix=udp=2+tcp=2 --duration=4s "
                                      "--warmup=1s --out="
                                          + dir + "/r.csv --clients-csv=" + dir + "/c.csv",
                                      out),
                              0,
                              out);
        CsvTable r;
        CsvTable c;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(ReadCsv(dir + "/r.csv", r, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(ReadCsv(dir + "/c.csv", c, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(CsvLine(c.header),
                              "client,mode,inner_address,goodput_mbps,bytes,rtt_p50_ms,"
                              "rtt_mean_ms,stalls,ike_handshake_ms",
                              "per-client header");
        NS_TEST_ASSERT_MSG_EQ(c.rows.size(), 4, "a row per client");
        const auto& row = r.rows.at(0);
        NS_TEST_EXPECT_MSG_EQ(row[r.Column("mode")], "", "a mix sets the modes");
        NS_TEST_EXPECT_MSG_EQ(row[r.Column("ike_established")], "4", "every client up");
        std::map<std::string, double> sum;
        std::map<std::string, int> count;
        double total = 0;
        double squares = 0;
        for (std::size_t i = 0; i < c.rows.size(); ++i)
        {
            const auto& cr = c.rows[i];
            NS_TEST_EXPECT_MSG_EQ(cr[0], std::to_string(i), "by index");
            NS_TEST_EXPECT_MSG_EQ(cr[1], i % 2 ? "tcp" : "udp", "interleaved");
            NS_TEST_EXPECT_MSG_EQ(cr[2], "10.8.0." + std::to_string(2 + i), "pool address");
            NS_TEST_EXPECT_MSG_EQ(cr[8].empty(), false, "its IKE handshake");
            double g = std::stod(cr[3]);
            NS_TEST_EXPECT_MSG_GT(g, 0.3, "client " << i << " got some of the 10 Mbit/s");
            NS_TEST_EXPECT_MSG_EQ_TOL(std::stod(cr[4]) * 8 / 3 / 1e6, g, 1e-3, "bytes and rate");
            sum[cr[1]] += g;
            ++count[cr[1]];
            total += g;
            squares += g * g;
        }
        const double tol = 2e-4; // 4 decimals in both files
        NS_TEST_EXPECT_MSG_EQ_TOL(Number(r, row, "goodput_mbps"), total, 2 * tol, "total");
        NS_TEST_EXPECT_MSG_EQ_TOL(Number(r, row, "goodput_udp_mbps"), sum["udp"], tol, "udp");
        NS_TEST_EXPECT_MSG_EQ_TOL(Number(r, row, "goodput_tcp_mbps"), sum["tcp"], tol, "tcp");
        NS_TEST_EXPECT_MSG_EQ_TOL(
            Number(r, row, "goodput_tcp_client_mbps"), sum["tcp"] / 2, tol, "per client");
        NS_TEST_EXPECT_MSG_EQ(std::isnan(Number(r, row, "goodput_tls_mbps")), true, "no tls");
        NS_TEST_EXPECT_MSG_EQ(std::isnan(Number(r, row, "share_tls")), true, "no tls share");
        double shareUdp = (sum["udp"] / total) / 0.5;
        NS_TEST_EXPECT_MSG_EQ_TOL(Number(r, row, "share_udp"), shareUdp, 1e-3, "udp share");
        NS_TEST_EXPECT_MSG_EQ_TOL(Number(r, row, "share_udp") + Number(r, row, "share_tcp"),
                                  2.0,
                                  1e-3,
                                  "equal halves: the shares sum to 2");
        NS_TEST_EXPECT_MSG_EQ_TOL(Number(r, row, "client_fairness"),
                                  total * total / (4 * squares),
                                  1e-3,
                                  "Jain over the clients");
        double mu = sum["udp"] / 2;
        double mt = sum["tcp"] / 2;
        NS_TEST_EXPECT_MSG_EQ_TOL(Number(r, row, "mode_fairness"),
                                  (mu + mt) * (mu + mt) / (2 * (mu * mu + mt * mt)),
                                  1e-3,
                                  "Jain over the modes");
        NS_TEST_EXPECT_MSG_GT(Number(r, row, "rtt_tcp_p50_ms"), 50, "RTT above the base");
        NS_TEST_EXPECT_MSG_GT(Number(r, row, "inner_packets"), 1000, "packets delivered");
        NS_TEST_EXPECT_MSG_GT(Number(r, row, "events_per_packet"), 1, "events per packet");
        NS_TEST_EXPECT_MSG_GT(Number(r, row, "peak_rss_mb"), 1, "RSS");
        std::filesystem::remove_all(dir);
    }
};

class SingleClientTest : public TestCase
{
  public:
    SingleClientTest()
        : TestCase("--clients 1 without --mix: the single-client row, as before the gateway")
    {
    }

  private:
    void
    DoRun() override
    {
        // The row of this run made by the program before it had many clients (commit 9d7a52a):
        // every column it had but wall_s must stay the same. A change of the model that changes
        // this simulation changes it too: then make it again with the program of that commit.
        const std::string header
            = "mode,keying,ike_auth,fallback,fallback_delay,liveness,mobike_probe,block,udp_block_"
              "start,udp_block_length,framing,esp_size,port,tls_version,record_policy,tls_"
              "resumption,rate,delay,queue,queue_bdp,loss,burst,loss_direction,outer_cc,outer_"
              "initial_cwnd,outer_window,inner_window,outer_min_rto,outer_nagle,queue_policy,inner_"
              "cc,inner_min_rto,outage_start,outage_length,flows,cbr_rate,cbr_size,rr_request,rr_"
              "response,rr_interval,duration,warmup,seed,run,goodput_mbps,flow_goodput_min_mbps,"
              "flow_goodput_max_mbps,flow_fairness,inner_retx,inner_spurious_retx,inner_rto,outer_"
              "retx,outer_rto,rtt_mean_ms,inner_rto_ms,rtt_p50_ms,rtt_p95_ms,rtt_p99_ms,max_gap_ms,"
              "stalls_2rtt,stall_p50_ms,stall_p90_ms,stall_max_ms,stall_lengths_ms,per_rtt_cv,wire_"
              "per_inner_byte,inner_mss,cbr_loss,cbr_delay_mean_ms,cbr_delay_p95_ms,cbr_jitter_ms,"
              "rr_completed,rr_time_mean_ms,rr_time_p95_ms,fifo_drops,tunnel_queue_drops,esp_"
              "sealed,reconnects,tls_handshake_ms,ike_handshake_ms,ike_bytes,ike_transport,"
              "fallbacks,address_updates,time_to_1mb_ms,time_to_10mb_ms,sim_events,wall_s";
        const std::string golden
            = "tcp,ike,psk,none,,0s,,none,,0,rfc9329,udp,4500,,,,10Mbps,25ms,100,0,0.01,1,data,"
              "Cubic,10,auto,auto,200ms,0,linux,Cubic,200ms,0,0,1,0,,0,,,3,1,1,1,2.8662,2.8662,2."
              "8662,1.0000,85,0,2,10,0,113.835,213.747,114.603,161.198,165.054,355.635,3,161.915,"
              "355.635,355.635,161.9 355.6 "
              "105.6,2.1966,0.8861,1386,,,,,,,,0,85,667,0,,151.665,851,tcp,0,0,,,17398,0.139";
        std::string dir = Scratch("single");
        std::string out;
        const std::string args = "run --mode=tcp --duration=3s --warmup=1s --loss=0.01 --out=";
        NS_TEST_ASSERT_MSG_EQ(Program(args + dir + "/a.csv", out), 0, out);
        NS_TEST_ASSERT_MSG_EQ(Program(args + dir + "/b.csv --clients=1", out), 0, out);
        CsvTable a;
        CsvTable b;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(ReadCsv(dir + "/a.csv", a, error), true, error);
        NS_TEST_ASSERT_MSG_EQ(ReadCsv(dir + "/b.csv", b, error), true, error);
        CsvTable old;
        old.header = Fields(header);
        old.rows.push_back(Fields(golden));
        for (std::size_t i = 0; i < old.header.size(); ++i)
        {
            const std::string& name = old.header[i];
            if (name == "wall_s")
            {
                continue;
            }
            int col = a.Column(name);
            NS_TEST_ASSERT_MSG_GT_OR_EQ(col, 0, name << " is still a column");
            NS_TEST_EXPECT_MSG_EQ(a.rows[0][col], old.rows[0][i], name << " changed");
        }
        for (std::size_t i = 0; i < a.header.size(); ++i)
        {
            const Metric* m = FindMetric(a.header[i]);
            if (!m || !m->wallClock)
            {
                NS_TEST_EXPECT_MSG_EQ(a.rows[0][i], b.rows[0][i], a.header[i]);
            }
        }
        std::filesystem::remove_all(dir);
    }
};

class ExperimentClientsTestSuite : public TestSuite
{
  public:
    ExperimentClientsTestSuite()
        : TestSuite("tcp-encap-experiment-clients", Type::UNIT)
    {
        AddTestCase(new MixParserTest(), TestCase::Duration::QUICK);
        AddTestCase(new MixedRunTest(), TestCase::Duration::QUICK);
        AddTestCase(new SingleClientTest(), TestCase::Duration::QUICK);
    }
};

ExperimentClientsTestSuite g_experimentClientsTestSuite;

} // namespace
