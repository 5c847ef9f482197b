/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Micro-benchmark (Google Benchmark): the CPU cost of one IKE_SA_INIT + IKE_AUTH handshake.
// Each iteration builds the remote-access topology with an ESP-in-UDP tunnel and runs the
// simulation until the client's IKE SA is up; a baseline builds the same simulation with
// manual keys and runs it for the same simulated time. The difference is what the
// handshake costs (both peers: DH, PRF, AUTH, SK payloads, four messages through ns-3).
#include "ns3/core-module.h"
#include "ns3/tcp-encap-module.h"

#include <benchmark/benchmark.h>
#include <cstdio>
#include <map>
#include <string>

using namespace ns3;

namespace
{

/** Ends the simulation once the IKE SA is up (or failed). */
void
StopWhenDone(IkeSession::State /* from */, IkeSession::State to)
{
    if (to == IkeSession::ESTABLISHED || to == IkeSession::FAILED)
    {
        Simulator::Stop();
    }
}

/**
 * \param keying IKEV2 or MANUAL
 * \param auth 0 PSK, 1 ECDSA P-256, 2 RSA-2048
 * \param group DhGroups attribute
 * \return whether the IKE SA came up (always true for MANUAL)
 */
bool
RunOnce(IpsecTunnelHelper::Keying keying, int auth, const std::string& group)
{
    RemoteAccessTopology topo{RemoteAccessTopologyParams()};
    topo.Build();
    topo.AssignStreams(1);
    IpsecTunnelHelper helper;
    helper.AssignStreams(100);
    helper.SetKeying(keying);
    helper.SetIkeAttribute("DhGroups", StringValue(group));
    if (auth != 0)
    {
        // Made once: key generation is set-up, not handshake (RSA-2048 takes ~0.15 s).
        static std::map<int, std::pair<Ptr<IkeCredential>, Ptr<IkeCredential>>> made;
        if (made.find(auth) == made.end())
        {
            std::array<uint8_t, DeterministicRandom::SEED_SIZE> seed{};
            Ptr<DeterministicRandom> random = Create<DeterministicRandom>(seed);
            IkeKeyType type = auth == 1 ? IkeKeyType::ECDSA_P256 : IkeKeyType::RSA_2048;
            made[auth] = {IkeCredential::Generate(type, "client.tcp-encap.example", random),
                          IkeCredential::Generate(type, "gateway.tcp-encap.example", random)};
        }
        helper.SetCertificates(made[auth].first, made[auth].second);
    }
    IpsecTunnel tunnel = helper.Install(topo.GetClient(),
                                        topo.GetClientAddress(),
                                        topo.GetGateway(),
                                        topo.GetGatewayAddress(),
                                        topo.GetProtectedNetwork(),
                                        topo.GetProtectedMask());
    Ptr<IkeSession> ike = tunnel.client->GetIkeSession();
    if (ike)
    {
        ike->TraceConnectWithoutContext("State", MakeCallback(&StopWhenDone));
    }
    Simulator::Stop(MilliSeconds(120)); // the handshake takes 2 RTT = 101 ms
    Simulator::Run();
    bool ok = !ike || ike->GetState() == IkeSession::ESTABLISHED;
    Simulator::Destroy();
    return ok;
}

const char* AUTH_NAMES[] = {"psk", "ecdsa-p256", "rsa-2048"};
const char* GROUP_NAMES[] = {"x25519", "ecp256", "modp2048"};

void
BM_Handshake(benchmark::State& state)
{
    auto auth = static_cast<int>(state.range(0));
    std::string group = GROUP_NAMES[state.range(1)];
    state.SetLabel(std::string(AUTH_NAMES[auth]) + " " + group);
    for (auto _ : state)
    {
        if (!RunOnce(IpsecTunnelHelper::IKEV2, auth, group))
        {
            state.SkipWithError("the IKE SA did not come up");
            break;
        }
    }
}

void
BM_Baseline(benchmark::State& state)
{
    state.SetLabel("same set-up, no IKE");
    for (auto _ : state)
    {
        RunOnce(IpsecTunnelHelper::MANUAL, 0, "x25519");
    }
}

/** Keeps each benchmark's mean CPU time per iteration. */
class Collector : public benchmark::ConsoleReporter
{
  public:
    void
    ReportRuns(const std::vector<Run>& runs) override
    {
        ConsoleReporter::ReportRuns(runs);
        for (const auto& r : runs)
        {
            if (r.run_type == Run::RT_Iteration && !r.error_occurred)
            {
                cpuMs[r.benchmark_name()] = r.GetAdjustedCPUTime(); // in the unit: ms
                labels[r.benchmark_name()] = r.report_label;
            }
        }
    }

    std::map<std::string, double> cpuMs;       //!< by benchmark name
    std::map<std::string, std::string> labels; //!< by benchmark name
};

} // namespace

BENCHMARK(BM_Baseline)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Handshake)
    ->ArgsProduct({{0, 1, 2}, {0}})
    ->Args({0, 1})
    ->Args({0, 2})
    ->Unit(benchmark::kMillisecond);

int
main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    Collector reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    std::printf("\nCPU per IKE_SA_INIT + IKE_AUTH handshake, both peers: each run minus the "
                "same simulation with manual keys\n(certificates and keys are made once, "
                "outside the measured runs):\n");
    for (const auto& [name, ms] : reporter.cpuMs)
    {
        if (name.rfind("BM_Handshake/", 0) != 0)
        {
            continue;
        }
        auto base = reporter.cpuMs.find("BM_Baseline");
        if (base != reporter.cpuMs.end())
        {
            std::printf("  %-20s %8.3f ms (run %.3f, baseline %.3f)\n",
                        reporter.labels[name].c_str(),
                        ms - base->second,
                        ms,
                        base->second);
        }
    }
    benchmark::Shutdown();
    return 0;
}
