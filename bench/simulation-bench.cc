/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Whole-simulation benchmark: the same scenario and inner bulk traffic once per mode, in
// alternating order, several repetitions; wall time per delivered inner packet and its ratio
// to the untunnelled run, simulated events per wall second, peak resident memory; then the
// speed-up of a small sweep with -j2 over -j1. The machine is noisy: medians and ratios, not
// absolute times. Usage: tcp-encap-simulation-bench [repetitions] [seconds]
#include "bench-stats.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using tcpencapbench::Median;

namespace
{

/** One run's figures. */
struct Figures
{
    double wall{0};    //!< seconds inside the simulator
    double events{0};  //!< simulated events
    double packets{0}; //!< inner packets delivered
    double rssMb{0};   //!< peak resident set, MB
};

/** Run `tcp-encap run` with arguments; read its row and the child's peak RSS. */
bool
RunOnce(const std::string& args, Figures& f)
{
    std::string out = "/tmp/tcp-encap-bench-" + std::to_string(::getpid()) + ".csv";
    std::string cmd = std::string(TCP_ENCAP_PROGRAM) + " run " + args + " --out=" + out;
    pid_t pid = ::fork();
    if (pid == 0)
    {
        ::execl("/bin/sh", "sh", "-c", (cmd + " > /dev/null").c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    int status = 0;
    struct rusage usage;
    if (pid < 0 || ::wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status)
        || WEXITSTATUS(status) != 0)
    {
        std::fprintf(stderr, "bench: failed: %s\n", cmd.c_str());
        return false;
    }
    std::ifstream in(out);
    std::string header;
    std::string row;
    std::getline(in, header);
    std::getline(in, row);
    std::remove(out.c_str());
    std::map<std::string, std::string> values;
    std::stringstream hs(header);
    std::stringstream rs(row);
    std::string h;
    std::string v;
    while (std::getline(hs, h, ',') && std::getline(rs, v, ','))
    {
        values[h] = v;
    }
    f.wall = std::atof(values["wall_s"].c_str());
    f.events = std::atof(values["sim_events"].c_str());
    double duration = std::atof(values["duration"].c_str());
    // Inner segments of inner_mss bytes: 1386 in every mode by default (the tunnel MTU of UDP
    // mode), 1358 with --esp-size=fit in tcp mode, 1338 in tls mode.
    double mss = std::atof(values["inner_mss"].c_str());
    f.packets = mss > 0 ? std::atof(values["goodput_mbps"].c_str()) * 1e6 / 8 * duration / mss : 0;
    f.rssMb = usage.ru_maxrss / 1024.0; // the shell's child is the simulation; the shell is small
    return f.packets > 0;
}

double
TimeCommand(const std::string& cmd)
{
    auto start = std::chrono::steady_clock::now();
    if (std::system(cmd.c_str()) != 0)
    {
        std::fprintf(stderr, "bench: failed: %s\n", cmd.c_str());
        return -1;
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int
main(int argc, char** argv)
{
    int repetitions = argc > 1 ? std::atoi(argv[1]) : 5;
    int seconds = argc > 2 ? std::atoi(argv[2]) : 20;
    if (repetitions < 1 || seconds < 2)
    {
        std::fprintf(stderr, "usage: %s [repetitions >= 1] [seconds >= 2]\n", argv[0]);
        return 2;
    }
    // The four modes as the experiment program runs them by default, and the two stream modes
    // with frames that fit one outer segment (--esp-size=fit: no frame leaves as two segments).
    const std::vector<std::string> modes = {"plain", "udp", "tcp", "tls", "tcp-fit", "tls-fit"};
    const std::map<std::string, double> targets = {{"udp", 1.5}, {"tcp", 2.0}, {"tls", 2.5}};
    std::map<std::string, std::vector<double>> usPerPacket;
    std::map<std::string, std::vector<double>> eventsPerSecond;
    std::map<std::string, std::vector<double>> rss;
    std::string common
        = "--rate=10Mbps --delay=25ms --warmup=0s --duration=" + std::to_string(seconds) + "s";
    for (int r = 0; r < repetitions; ++r)
    {
        // Alternate the order so that drifts in machine load fall on every mode alike.
        std::vector<std::string> order = modes;
        if (r % 2)
        {
            std::reverse(order.begin(), order.end());
        }
        for (const auto& mode : order)
        {
            Figures f;
            std::string args
                = mode.size() > 4 && mode.compare(mode.size() - 4, 4, "-fit") == 0
                      ? " --mode=" + mode.substr(0, mode.size() - 4) + " --esp-size=fit"
                      : " --mode=" + mode;
            if (!RunOnce(common + args, f))
            {
                return 1;
            }
            usPerPacket[mode].push_back(f.wall * 1e6 / f.packets);
            eventsPerSecond[mode].push_back(f.events / f.wall);
            rss[mode].push_back(f.rssMb);
        }
    }
    std::printf("whole simulation, 10 Mbit/s, 50 ms RTT, one inner bulk flow, %d s, median of "
                "%d\n",
                seconds,
                repetitions);
    std::printf("%-8s %14s %10s %16s %12s\n",
                "mode",
                "us/inner pkt",
                "vs plain",
                "events/wall s",
                "peak RSS MB");
    double plain = Median(usPerPacket["plain"]);
    for (const auto& mode : modes)
    {
        double us = Median(usPerPacket[mode]);
        double ratio = us / plain;
        auto t = targets.find(mode);
        std::string verdict;
        if (t != targets.end())
        {
            char buf[64];
            std::snprintf(buf,
                          sizeof(buf),
                          "  (target %.1fx: %s)",
                          t->second,
                          ratio <= t->second ? "meets" : "misses");
            verdict = buf;
        }
        std::printf("%-8s %14.2f %9.2fx %16.0f %12.1f%s\n",
                    mode.c_str(),
                    us,
                    ratio,
                    Median(eventsPerSecond[mode]),
                    Median(rss[mode]),
                    verdict.c_str());
    }

    // Peak memory of one 60 s run at 10 Mbit/s (target: under 100 MB).
    Figures longRun;
    if (RunOnce("--mode=tcp --rate=10Mbps --delay=25ms --warmup=0s --duration=60s", longRun))
    {
        std::printf("\npeak RSS of a 60 s TCP-mode run: %.1f MB (target under 100 MB: %s)\n",
                    longRun.rssMb,
                    longRun.rssMb < 100 ? "meets" : "misses");
    }

    // Sweep speed-up, -j2 over -j1, on a fixed 8-run sweep.
    std::string dir = "/tmp/tcp-encap-bench-sweep-" + std::to_string(::getpid());
    std::system(("rm -rf " + dir + " && mkdir -p " + dir).c_str());
    std::ofstream(dir + "/s.ini") << "mode = udp, tcp\nloss = 0, 0.01\nduration = " << seconds
                                  << "\nwarmup = 0\nseeds = 2\n";
    std::string sweep = std::string(TCP_ENCAP_PROGRAM) + " sweep " + dir + "/s.ini --no-plot";
    double one = TimeCommand(sweep + " -j 1 --out " + dir + "/j1 2>/dev/null");
    double two = TimeCommand(sweep + " -j 2 --out " + dir + "/j2 2>/dev/null");
    std::system(("rm -rf " + dir).c_str());
    if (one > 0 && two > 0)
    {
        double speedup = one / two;
        std::printf("\nsweep of 8 runs: -j1 %.2f s, -j2 %.2f s, speed-up %.2fx (target 1.8x on "
                    "2 cores: %s)\n",
                    one,
                    two,
                    speedup,
                    speedup >= 1.8 ? "meets" : "misses");
    }
    return 0;
}
