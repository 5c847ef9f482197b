/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// tcp-encap: the experiment program. Subcommands:
//   run     one simulation, one result row
//   sweep   many runs in parallel from an INI file, resumable, merged and summarised
//   jobs    the command lines of a sweep, for GNU parallel or a job array
//   merge   join the result files of a sweep (after `jobs`)
//   plot    figures from a sweep's summary
//   validate  goodput of single flows against Mathis, PFTK and RFC 9438 (results/validation)
#include "csv.h"
#include "results-merge.h"
#include "run-params.h"
#include "scenario-runner.h"
#include "sweep-config.h"
#include "sweep-plot.h"
#include "sweep-runner.h"
#include "validation-report.h"

#include <algorithm>
#include <boost/program_options.hpp>
#include <cctype>
#include <iomanip>
#include <iostream>
#include <thread>
#include <unistd.h>

namespace po = boost::program_options;
using namespace tcpencap;

namespace
{

const char* const USAGE = R"(usage: tcp-encap <command> [options]

commands:
  run [options]               one simulation; --help lists the scenario options
  sweep CONFIG [--out DIR]    run every point of an INI sweep, -j N at a time
  jobs CONFIG [--out DIR]     print one 'tcp-encap run' command line per point
  merge DIR                   merge DIR/points/*.csv into results.csv and summary.csv
  plot DIR                    figures from DIR/summary.csv into DIR/plots/
                              (--cdf COLUMN: a distribution from DIR/results.csv)
  validate DIR                single bulk flows of DIR/summary.csv against Mathis, PFTK
                              and RFC 9438 (CUBIC): DIR/validation.csv

'tcp-encap <command> --help' describes a command.
)";

/** Bad usage: message and exit status 2. */
int
Usage(const std::string& command, const std::string& message)
{
    std::cerr << "tcp-encap " << command << ": " << message << "\n"
              << "(try 'tcp-encap " << command << " --help')\n";
    return 2;
}

std::string
SelfPath(const char* argv0)
{
    char buf[4096];
    ssize_t n = ::readlink("/proc/self/exe", buf, sizeof(buf) - 1);
    if (n > 0)
    {
        buf[n] = '\0';
        return buf;
    }
    return argv0;
}

/**
 * \param parsed options as given
 * \return a message naming the first option given a negative number, or empty: Boost reads
 * "-1" into an unsigned option as 4294967295, and no option takes a negative value
 */
std::string
NegativeValue(const po::parsed_options& parsed)
{
    for (const auto& option : parsed.options)
    {
        for (const auto& value : option.value)
        {
            if (value.size() > 1 && value[0] == '-'
                && (std::isdigit(static_cast<unsigned char>(value[1])) || value[1] == '.'))
            {
                return "--" + option.string_key + " must not be negative, not '" + value + "'";
            }
        }
    }
    return "";
}

int
CommandRun(int argc, char** argv)
{
    RunParams p;
    std::string out;
    std::string config;
    po::options_description general("General");
    general.add_options()("help,h", "this help")(
        "config",
        po::value(&config),
        "INI file with scenario options (key = value); the command line wins")(
        "out",
        po::value(&out),
        "CSV file for the result row (header and one row, written atomically)");
    po::options_description all("tcp-encap run: one simulation of the remote-access scenario");
    all.add(general).add(ScenarioOptions(p));
    po::variables_map vm;
    try
    {
        po::parsed_options parsed = po::command_line_parser(argc, argv).options(all).run();
        po::store(parsed, vm);
        if (vm.count("help"))
        {
            std::cout << all << "\n";
            return 0;
        }
        // run takes no positional arguments: a stray word is a mistake, not to be ignored.
        std::vector<std::string> stray
            = po::collect_unrecognized(parsed.options, po::include_positional);
        if (!stray.empty())
        {
            return Usage("run", "unexpected argument '" + stray.front() + "'");
        }
        std::string negative = NegativeValue(parsed);
        if (vm.count("config"))
        {
            std::string path = vm["config"].as<std::string>();
            try
            {
                // parsed_options points into its description: keep it alive until store.
                po::options_description fileOptions = ScenarioOptions(p);
                po::parsed_options file = po::parse_config_file<char>(path.c_str(), fileOptions);
                po::store(file, vm);
                negative = negative.empty() ? NegativeValue(file) : negative;
            }
            catch (const po::error& e)
            {
                return Usage("run", path + ": " + e.what()); // Boost's message names no file
            }
        }
        if (!negative.empty())
        {
            return Usage("run", negative);
        }
        po::notify(vm);
    }
    catch (const po::error& e)
    {
        return Usage("run", e.what());
    }
    if (std::string problem = Validate(p); !problem.empty())
    {
        return Usage("run", problem);
    }
    Columns params = ParameterColumns(p);
    Columns metrics = RunScenario(p);
    std::vector<std::string> header;
    std::vector<std::string> row;
    for (const auto& [name, value] : params)
    {
        header.push_back(name);
        row.push_back(value);
    }
    for (const auto& [name, value] : metrics)
    {
        header.push_back(name);
        row.push_back(value);
    }
    if (!out.empty())
    {
        std::string error;
        if (!WriteFileAtomically(out, CsvLine(header) + "\n" + CsvLine(row) + "\n", error))
        {
            std::cerr << "tcp-encap run: " << error << "\n";
            return 1;
        }
    }
    if (out.empty() || ::isatty(STDOUT_FILENO))
    {
        for (std::size_t i = 0; i < header.size(); ++i)
        {
            std::cout << std::left << std::setw(24) << header[i] << row[i] << "\n";
        }
    }
    return 0;
}

/** Parse CONFIG and --out/-j for sweep and jobs. */
int
ParseSweepArgs(const std::string& command,
               int argc,
               char** argv,
               SweepConfig& config,
               std::string& dir,
               unsigned& jobs,
               bool& plot)
{
    std::string file;
    unsigned cores = std::max(1U, std::thread::hardware_concurrency());
    po::options_description opts("tcp-encap " + command + " CONFIG");
    opts.add_options()("help,h", "this help")("config", po::value(&file), "INI sweep file")(
        "out,o", po::value(&dir), "output directory (default: results/<name of CONFIG>)")(
        "jobs,j", po::value(&jobs)->default_value(cores), "runs at a time")(
        "no-plot", "sweep: do not draw figures at the end");
    po::positional_options_description pos;
    pos.add("config", 1);
    po::variables_map vm;
    try
    {
        po::store(po::command_line_parser(argc, argv).options(opts).positional(pos).run(), vm);
        if (vm.count("help"))
        {
            std::cout << opts
                      << "\nThe INI file lists scenario options (see 'tcp-encap run "
                         "--help') with values: 'loss = 0, 0.01, 0.03', ranges "
                         "'loss = 0:0.1:0.01', and 'seeds = N' runs per point.\n";
            return 0;
        }
        po::notify(vm);
    }
    catch (const po::error& e)
    {
        return Usage(command, e.what());
    }
    if (file.empty())
    {
        return Usage(command, "missing CONFIG");
    }
    if (jobs == 0)
    {
        return Usage(command, "--jobs must be at least 1");
    }
    plot = !vm.count("no-plot");
    std::string error;
    if (!ReadSweepConfig(file, config, error))
    {
        return Usage(command, error);
    }
    // Every value is checked before any run starts: a bad one would fail every run it is in.
    for (const auto& args : ExpandSweep(config))
    {
        RunParams p;
        po::options_description known = ScenarioOptions(p); // parser keeps a reference
        po::variables_map runVm;
        try
        {
            auto parsed = po::command_line_parser(args).options(known).run();
            if (std::string negative = NegativeValue(parsed); !negative.empty())
            {
                return Usage(command, file + ": " + negative);
            }
            po::store(parsed, runVm);
            po::notify(runVm);
        }
        catch (const po::error& e)
        {
            return Usage(command, file + ": " + e.what());
        }
        if (std::string problem = Validate(p); !problem.empty())
        {
            return Usage(command, file + ": " + problem);
        }
    }
    if (dir.empty())
    {
        std::string base = file.substr(file.find_last_of('/') + 1);
        dir = "results/" + base.substr(0, base.find_last_of('.'));
    }
    return -1;
}

int
CommandSweep(int argc, char** argv, const std::string& self)
{
    SweepConfig config;
    std::string dir;
    unsigned jobs = 1;
    bool plot = true;
    if (int rc = ParseSweepArgs("sweep", argc, argv, config, dir, jobs, plot); rc >= 0)
    {
        return rc;
    }
    int rc = RunSweep(config, dir, jobs, self);
    if (plot && rc != 2)
    {
        std::string error;
        int figures = PlotSweep(dir, PlotOptions(), error);
        if (figures < 0)
        {
            std::cerr << "tcp-encap sweep: no figures: " << error << "\n";
        }
        else
        {
            std::cerr << "tcp-encap sweep: " << figures << " figures in " << dir << "/plots\n";
        }
    }
    return rc;
}

int
CommandJobs(int argc, char** argv, const std::string& self)
{
    SweepConfig config;
    std::string dir;
    unsigned jobs = 1;
    bool plot = true;
    if (int rc = ParseSweepArgs("jobs", argc, argv, config, dir, jobs, plot); rc >= 0)
    {
        return rc;
    }
    std::string error;
    if (!MakeDirectories(dir + "/points", error))
    {
        std::cerr << "tcp-encap jobs: " << error << "\n";
        return 2;
    }
    for (const auto& args : ExpandSweep(config))
    {
        std::cout << RunCommand(self, args, dir + "/points/" + PointId(args) + ".csv") << "\n";
    }
    return 0;
}

/**
 * \brief The arguments of a command that takes one directory and no options (merge, validate).
 * \param command its name \param argc count \param argv arguments \param help its --help text
 * \param[out] dir the directory
 * \return -1 to go on with dir set, else the exit status (0 after --help, 2 on bad usage)
 */
int
ParseDirArgument(
    const std::string& command, int argc, char** argv, const char* help, std::string& dir)
{
    if (argc == 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h"))
    {
        std::cout << help;
        return 0;
    }
    if (argc < 2)
    {
        return Usage(command, "missing DIR");
    }
    for (int i = 1; i < argc; ++i)
    {
        if (argv[i][0] == '-')
        {
            return Usage(command, std::string("unrecognised option '") + argv[i] + "'");
        }
    }
    if (argc > 2)
    {
        return Usage(command, std::string("unexpected argument '") + argv[2] + "'");
    }
    dir = argv[1];
    return -1;
}

int
CommandMerge(int argc, char** argv)
{
    std::string dir;
    if (int rc = ParseDirArgument("merge",
                                  argc,
                                  argv,
                                  "usage: tcp-encap merge DIR\n  joins DIR/points/*.csv into "
                                  "DIR/results.csv and DIR/summary.csv (mean and 95% CI per "
                                  "point)\n",
                                  dir);
        rc >= 0)
    {
        return rc;
    }
    std::string error;
    if (!WriteMergedResults(dir, error))
    {
        std::cerr << "tcp-encap merge: " << error << "\n";
        return 1;
    }
    std::cerr << "tcp-encap merge: wrote " << dir << "/results.csv and summary.csv\n";
    return 0;
}

int
CommandValidate(int argc, char** argv)
{
    std::string dir;
    if (int rc = ParseDirArgument(
            "validate",
            argc,
            argv,
            "usage: tcp-encap validate DIR\n  compares the goodput of every lossy single-flow "
            "point of DIR/summary.csv with\n  Mathis et al. (b = 1, 2), Padhye et al. (b = 2, "
            "measured RTO) and RFC 9438's CUBIC\n  response function, from the point's own RTT "
            "and MSS; writes DIR/validation.csv\n",
            dir);
        rc >= 0)
    {
        return rc;
    }
    std::string error;
    if (!WriteValidation(dir, error))
    {
        std::cerr << "tcp-encap validate: " << error << "\n";
        return 1;
    }
    std::cerr << "tcp-encap validate: wrote " << dir << "/validation.csv\n";
    return 0;
}

int
CommandPlot(int argc, char** argv)
{
    std::string dir;
    PlotOptions options;
    po::options_description opts("tcp-encap plot DIR");
    opts.add_options()("help,h", "this help")("dir", po::value(&dir), "a sweep's directory")(
        "x",
        po::value(&options.x),
        "parameter on the x axis (default: the first numeric one that varies)")(
        "metric",
        po::value(&options.metrics)->multitoken(),
        "metrics to draw (default: goodput, RTT p95, largest gap, per-RTT CV, spurious and "
        "outer retransmissions, wire bytes per inner byte)")(
        "ratio-to",
        po::value(&options.ratioTo),
        "draw each metric divided by this mode's at the same parameters, e.g. udp")(
        "threshold",
        po::value(&options.thresholds)->multitoken(),
        "with --ratio-to: report where each ratio first falls below these, e.g. 0.9 0.5")(
        "model",
        po::value(&options.models)->multitoken(),
        "goodput vs loss: overlay single-flow models from each line's own RTT, RTO and MSS: "
        "mathis (b = 2), mathis-b1, pftk (b = 2), cubic (RFC 9438)")(
        "facet",
        po::value(&options.facet),
        "one set of figures per value of this parameter (e.g. delay)");
    opts.add_options()("logy", "logarithmic y axis")(
        "cdf",
        po::value(&options.cdf),
        "instead of the metric figures: the empirical CDF of this column of DIR/results.csv, "
        "e.g. stall_lengths_ms (every stall of every run), one line per point (its runs "
        "pooled), x logarithmic; writes plots/<column>-cdf[-<facet>-<value>].png and .svg, and "
        "<that>-quantiles.csv (runs, count, p50, p90, p99, max, sum per point); goes with --facet, "
        "--linear-x, --pdf")("linear-x", "with --cdf: linear x axis")("pdf", "also write PDF");
    po::positional_options_description pos;
    pos.add("dir", 1);
    po::variables_map vm;
    try
    {
        po::store(po::command_line_parser(argc, argv).options(opts).positional(pos).run(), vm);
        if (vm.count("help"))
        {
            std::cout << opts << "\n";
            return 0;
        }
        po::notify(vm);
    }
    catch (const po::error& e)
    {
        return Usage("plot", e.what());
    }
    if (dir.empty())
    {
        return Usage("plot", "missing DIR");
    }
    options.pdf = vm.count("pdf") > 0;
    options.logY = vm.count("logy") > 0;
    options.linearX = vm.count("linear-x") > 0;
    std::string error;
    // Names are checked against what a summary can hold, so a typo is a usage error (2).
    std::vector<std::string> params = ParameterNames();
    if (!options.x.empty() && std::find(params.begin(), params.end(), options.x) == params.end())
    {
        return Usage("plot", "--x must name a parameter column, not '" + options.x + "'");
    }
    std::vector<std::string> metricNames = MetricNames();
    std::vector<std::string> lists = ListMetricNames();
    for (const auto& m : options.metrics)
    {
        if (std::find(metricNames.begin(), metricNames.end(), m) == metricNames.end())
        {
            return Usage("plot", "--metric must name a metric column, not '" + m + "'");
        }
        if (std::find(lists.begin(), lists.end(), m) != lists.end())
        {
            return Usage("plot",
                         "--metric " + m
                             + " is a list of values per run, without a mean: draw it with --cdf "
                             + m);
        }
    }
    if (!options.cdf.empty())
    {
        if (std::find(metricNames.begin(), metricNames.end(), options.cdf) == metricNames.end())
        {
            return Usage("plot", "--cdf must name a metric column, not '" + options.cdf + "'");
        }
        for (const char* other : {"x", "metric", "ratio-to", "threshold", "model", "logy"})
        {
            if (vm.count(other))
            {
                return Usage("plot", std::string("--cdf does not go with --") + other);
            }
        }
    }
    else if (options.linearX)
    {
        return Usage("plot", "--linear-x goes with --cdf");
    }
    if (!options.facet.empty()
        && std::find(params.begin(), params.end(), options.facet) == params.end())
    {
        return Usage("plot", "--facet must name a parameter column, not '" + options.facet + "'");
    }
    int figures = PlotSweep(dir, options, error);
    if (figures < 0)
    {
        std::cerr << "tcp-encap plot: " << error << "\n";
        return 1;
    }
    std::cerr << "tcp-encap plot: " << figures << " figures in " << dir << "/plots\n";
    return 0;
}

} // namespace

int
main(int argc, char** argv)
{
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")
    {
        std::cout << USAGE;
        return argc < 2 ? 2 : 0;
    }
    std::string command = argv[1];
    std::string self = SelfPath(argv[0]);
    // Each subcommand sees its own name as argv[0].
    int subArgc = argc - 1;
    char** subArgv = argv + 1;
    if (command == "run")
    {
        return CommandRun(subArgc, subArgv);
    }
    if (command == "sweep")
    {
        return CommandSweep(subArgc, subArgv, self);
    }
    if (command == "jobs")
    {
        return CommandJobs(subArgc, subArgv, self);
    }
    if (command == "merge")
    {
        return CommandMerge(subArgc, subArgv);
    }
    if (command == "plot")
    {
        return CommandPlot(subArgc, subArgv);
    }
    if (command == "validate")
    {
        return CommandValidate(subArgc, subArgv);
    }
    std::cerr << "tcp-encap: unknown command '" << command << "'\n" << USAGE;
    return 2;
}
