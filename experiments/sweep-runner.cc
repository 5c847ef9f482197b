/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "sweep-runner.h"

#include "csv.h"
#include "results-merge.h"
#include "run-params.h"
#include "scenario-runner.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace tcpencap
{

namespace
{

std::string
ShellQuote(const std::string& s)
{
    if (s.find_first_not_of(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=./:,+")
        == std::string::npos)
    {
        return s;
    }
    std::string q = "'";
    for (char ch : s)
    {
        q += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
    }
    return q + "'";
}

bool
Exists(const std::string& path)
{
    std::error_code ec;
    return std::filesystem::exists(path, ec);
}

/**
 * \param path a point's CSV file
 * \param header the header this program writes
 * \return whether the point was made by a program with the same columns: a point left by an
 *         older version (other parameters or metrics) is run again rather than mixed in
 */
bool
IsCurrentPoint(const std::string& path, const std::string& header)
{
    std::ifstream in(path);
    std::string first;
    return std::getline(in, first) && first == header;
}

std::string
Tail(const std::string& path, std::size_t lines)
{
    std::ifstream in(path);
    std::vector<std::string> all;
    std::string line;
    while (std::getline(in, line))
    {
        all.push_back(line);
    }
    std::string out;
    for (std::size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i)
    {
        out += "    " + all[i] + "\n";
    }
    return out;
}

/** Remove temporary files a killed run may have left. */
void
RemoveStaleTemporaries(const std::string& dir)
{
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    {
        if (entry.path().filename().string().find(".tmp.") != std::string::npos)
        {
            std::filesystem::remove(entry.path(), ec);
        }
    }
}

std::string
FormatSeconds(double s)
{
    char buf[32];
    int t = static_cast<int>(s + 0.5);
    std::snprintf(buf, sizeof(buf), "%d:%02d:%02d", t / 3600, (t / 60) % 60, t % 60);
    return buf;
}

/**
 * \param from the result of a simulation
 * \param params the parameter columns of a point that is the same simulation
 * \param to where that point's result goes
 * \param[out] error why it failed
 * \return whether `to` holds from's metrics with params' parameter columns
 */
bool
CopyTwinRow(const std::string& from,
            const std::vector<std::pair<std::string, std::string>>& params,
            const std::string& to,
            std::string& error)
{
    CsvTable twin;
    if (!ReadCsv(from, twin, error) || twin.rows.size() != 1 || twin.header.size() < params.size())
    {
        error = "no row to reuse in " + from + (error.empty() ? "" : ": " + error);
        return false;
    }
    std::vector<std::string> row = twin.rows[0];
    for (std::size_t c = 0; c < params.size(); ++c)
    {
        row[c] = params[c].second;
    }
    return WriteFileAtomically(to, CsvLine(twin.header) + "\n" + CsvLine(row) + "\n", error);
}

/** One running child. */
struct Child
{
    std::size_t index; //!< point index
    std::string id;    //!< point id
};

} // namespace

bool
MakeDirectories(const std::string& path, std::string& error)
{
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec)
    {
        error = path + ": " + ec.message();
        return false;
    }
    if (::access(path.c_str(), W_OK) != 0)
    {
        error = path + ": not writable: " + std::strerror(errno);
        return false;
    }
    return true;
}

std::string
RunCommand(const std::string& program, const std::vector<std::string>& args, const std::string& out)
{
    std::string cmd = ShellQuote(program) + " run";
    for (const auto& a : args)
    {
        cmd += " " + ShellQuote(a);
    }
    return cmd + " --out=" + ShellQuote(out);
}

int
RunSweep(const SweepConfig& config,
         const std::string& dir,
         unsigned jobs,
         const std::string& program)
{
    std::string error;
    std::string pointsDir = dir + "/points";
    if (!MakeDirectories(pointsDir, error))
    {
        std::cerr << "tcp-encap sweep: " << error << "\n";
        return 2;
    }
    RemoveStaleTemporaries(pointsDir);
    std::vector<std::vector<std::string>> runs = ExpandSweep(config);
    // Points that differ only in parameters their mode ignores (e.g. the outer window of a
    // udp run) are one simulation: it runs once and the others reuse its row.
    std::vector<std::size_t> twin(runs.size());
    std::vector<RunParams> params(runs.size());
    {
        std::map<std::string, std::size_t> first;
        for (std::size_t i = 0; i < runs.size(); ++i)
        {
            ParseArguments(runs[i], params[i]); // checked when the sweep was read
            twin[i] = first.emplace(SimulationKey(params[i]), i).first->second;
        }
    }
    std::vector<std::size_t> todo;
    std::vector<std::size_t> copies;
    std::size_t skipped = 0;
    std::vector<std::string> columns;
    for (const auto& [name, value] : ParameterColumns(RunParams()))
    {
        columns.push_back(name);
    }
    for (const std::string& name : MetricNames())
    {
        columns.push_back(name);
    }
    const std::string header = CsvLine(columns);
    for (std::size_t i = 0; i < runs.size(); ++i)
    {
        if (IsCurrentPoint(pointsDir + "/" + PointId(runs[i]) + ".csv", header))
        {
            ++skipped;
        }
        else if (twin[i] != i)
        {
            copies.push_back(i);
        }
        else
        {
            todo.push_back(i);
        }
    }
    bool tty = ::isatty(STDERR_FILENO);
    std::cerr << "tcp-encap sweep: " << runs.size() << " points (" << skipped << " already done, "
              << copies.size() << " the same simulation as another), " << todo.size() << " runs, "
              << jobs << " at a time, results in " << dir << "\n";

    std::map<pid_t, Child> running;
    std::size_t next = 0;
    std::size_t done = 0;
    std::size_t failed = 0;
    auto start = std::chrono::steady_clock::now();
    auto progress = [&]()
    {
        double elapsed
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::size_t finished = done + failed;
        std::string eta = finished ? FormatSeconds(elapsed / finished * (todo.size() - finished))
                                   : std::string("?");
        std::ostringstream line;
        line << "[" << finished << "/" << todo.size() << "] done " << done << ", failed " << failed
             << ", elapsed " << FormatSeconds(elapsed) << ", eta " << eta;
        if (tty)
        {
            const int width = 30;
            int filled = todo.empty() ? width : static_cast<int>(width * finished / todo.size());
            std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, '.')
                      << "] " << line.str() << "   " << std::flush;
        }
        else
        {
            std::cerr << line.str() << "\n";
        }
    };
    // A worker pool of fork/exec/waitpid rather than Boost.Process: each run's stderr goes
    // straight to its own file and stdout to /dev/null before exec, waitpid(-1) takes
    // whichever run ends first, and a run that crashes is a status here, not an exception;
    // Boost.Process 1.74 (Debian 12) would add a dependency and its own child handling for
    // the same few system calls.
    while (next < todo.size() || !running.empty())
    {
        while (next < todo.size() && running.size() < jobs)
        {
            std::size_t index = todo[next++];
            std::string id = PointId(runs[index]);
            std::string out = pointsDir + "/" + id + ".csv";
            std::string err = pointsDir + "/" + id + ".err";
            std::vector<std::string> argv = {program, "run"};
            argv.insert(argv.end(), runs[index].begin(), runs[index].end());
            argv.push_back("--out=" + out);
            pid_t pid = ::fork();
            if (pid == 0)
            {
                int fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
                int devnull = ::open("/dev/null", O_WRONLY);
                if (fd >= 0)
                {
                    ::dup2(fd, STDERR_FILENO);
                }
                if (devnull >= 0)
                {
                    ::dup2(devnull, STDOUT_FILENO);
                }
                std::vector<char*> cargv;
                for (auto& a : argv)
                {
                    cargv.push_back(a.data());
                }
                cargv.push_back(nullptr);
                ::execv(program.c_str(), cargv.data());
                std::fprintf(stderr, "cannot run %s: %s\n", program.c_str(), std::strerror(errno));
                ::_exit(127);
            }
            if (pid < 0)
            {
                std::cerr << "\ntcp-encap sweep: fork failed: " << std::strerror(errno) << "\n";
                return 2;
            }
            running[pid] = Child{index, id};
        }
        int status = 0;
        pid_t pid = ::waitpid(-1, &status, 0);
        if (pid < 0)
        {
            if (errno == EINTR)
            {
                continue;
            }
            break;
        }
        auto it = running.find(pid);
        if (it == running.end())
        {
            continue;
        }
        Child child = it->second;
        running.erase(it);
        std::string out = pointsDir + "/" + child.id + ".csv";
        std::string err = pointsDir + "/" + child.id + ".err";
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && Exists(out))
        {
            ++done;
            std::remove(err.c_str());
        }
        else
        {
            ++failed;
            std::string how = WIFSIGNALED(status)
                                  ? "killed by signal " + std::to_string(WTERMSIG(status))
                                  : "exit status " + std::to_string(WEXITSTATUS(status));
            std::cerr << (tty ? "\n" : "") << "tcp-encap sweep: run failed (" << how
                      << "): " << RunCommand(program, runs[child.index], out) << "\n"
                      << Tail(err, 5);
        }
        progress();
    }
    if (tty)
    {
        std::cerr << "\n";
    }
    for (std::size_t i : copies)
    {
        std::string from = pointsDir + "/" + PointId(runs[twin[i]]) + ".csv";
        std::string to = pointsDir + "/" + PointId(runs[i]) + ".csv";
        if (!CopyTwinRow(from, ParameterColumns(params[i]), to, error))
        {
            ++failed;
            std::cerr << "tcp-encap sweep: " << error << "\n";
        }
    }
    if (!WriteMergedResults(dir, error))
    {
        std::cerr << "tcp-encap sweep: " << error << "\n";
        return 1;
    }
    std::cerr << "tcp-encap sweep: wrote " << dir << "/results.csv and " << dir << "/summary.csv\n";
    return failed ? 1 : 0;
}

} // namespace tcpencap
