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
#include "metric.h"
#include "parameter.h"
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
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>
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
                              (--cdf COLUMN: a distribution from DIR/results.csv;
                              plot --series FILE: a run's per-flow time series)
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
 * \param e Boost's error
 * \return its message, with the closest option name for an unknown option
 */
std::string
OptionError(const po::error& e)
{
    if (const auto* unknown = dynamic_cast<const po::unknown_option*>(&e))
    {
        std::vector<std::string> names;
        for (const Parameter& p : Parameters())
        {
            names.push_back(p.name);
        }
        std::string name = unknown->get_option_name();
        return UnknownName("option", name.substr(name.find_first_not_of('-')), names);
    }
    return e.what();
}

int
CommandRun(int argc, char** argv)
{
    RunParams p;
    std::string out;
    std::string config;
    std::string series;
    std::string seriesInterval = "100ms";
    std::string clientsCsv;
    po::options_description general("General");
    general.add_options()("help,h", "this help")(
        "config",
        po::value(&config),
        "INI file with scenario options (key = value); the command line wins")(
        "out",
        po::value(&out),
        "CSV file for the result row (header and one row, written atomically); the row is "
        "printed too")("series",
                       po::value(&series),
                       "CSV file for the goodput and RTT of each inner bulk flow over time "
                       "(time_s, flow, goodput_mbps, rtt_ms; 'tcp-encap plot --series FILE' "
                       "draws it)")("series-interval",
                                    po::value(&seriesInterval)->default_value(seriesInterval),
                                    "its sampling interval, a time with its unit")(
        "clients-csv",
        po::value(&clientsCsv),
        "CSV file with one row per client: client, mode, inner_address, goodput_mbps, bytes, "
        "rtt_p50_ms, rtt_mean_ms, stalls, ike_handshake_ms");
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
        if (vm.count("config"))
        {
            std::string path = vm["config"].as<std::string>();
            try
            {
                // parsed_options points into its description: keep it alive until store.
                po::options_description fileOptions = ScenarioOptions(p);
                po::parsed_options file = po::parse_config_file<char>(path.c_str(), fileOptions);
                po::store(file, vm);
            }
            catch (const po::error& e)
            {
                return Usage("run", path + ": " + OptionError(e)); // Boost names no file
            }
        }
        po::notify(vm); // each value is checked as it is set: a bad one throws its form
    }
    catch (const po::error& e)
    {
        return Usage("run", OptionError(e));
    }
    if (std::string problem = Validate(p); !problem.empty())
    {
        return Usage("run", problem);
    }
    double interval = 0;
    if (!values::ParseTime(seriesInterval, interval) || interval <= 0)
    {
        return Usage("run",
                     "--series-interval must be a positive time with its unit, such as 100ms, "
                     "not '"
                         + seriesInterval + "'");
    }
    if (!series.empty() && p.Count("flows") == 0)
    {
        return Usage("run", "--series needs inner bulk flows (--flows 1 or more)");
    }
    for (const std::string& warning : IgnoredParameters(p))
    {
        std::cerr << "tcp-encap run: warning: " << warning << "\n";
    }
    Columns params = ParameterColumns(p);
    Columns metrics;
    try
    {
        metrics = RunScenario(p, RunOutputs{series, ns3::Time(seriesInterval), clientsCsv});
    }
    catch (const std::exception& e)
    {
        std::cerr << "tcp-encap run: " << e.what() << "\n";
        return 1;
    }
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
    for (std::size_t i = 0; i < header.size(); ++i)
    {
        std::cout << std::left << std::setw(24) << header[i] << row[i] << "\n";
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
        "out,o", po::value(&dir), "output directory (default: build/results/<name of CONFIG>)")(
        "jobs,j",
        po::value(&jobs)->default_value(cores),
        "runs at a time (default: the number of cores)")("no-plot",
                                                         "sweep: do not draw figures at the end");
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
        std::string problem = ParseArguments(args, p);
        if (problem.empty())
        {
            problem = Validate(p);
        }
        if (!problem.empty())
        {
            return Usage(command, file + ": " + problem);
        }
    }
    if (dir.empty())
    {
        std::string base = file.substr(file.find_last_of('/') + 1);
        // not results/: that folder holds the reference results the project commits
        dir = "build/results/" + base.substr(0, base.find_last_of('.'));
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

/**
 * \brief Check a name the user gave against the valid ones, accepting both spellings of a
 * parameter (outer-initial-cwnd, outer_initial_cwnd) and of a metric.
 * \param phrase the start of the error ("--x must name a parameter column")
 * \param what "parameter" or "metric"
 * \param[in,out] word the name; set to the column's spelling when valid
 * \param candidates the valid column names
 * \return "" when valid, else the message with UnknownName's suggestion or list
 */
std::string
NameError(const std::string& phrase,
          const std::string& what,
          std::string& word,
          const std::vector<std::string>& candidates)
{
    std::string column = word;
    if (const Parameter* p = what == "parameter" ? FindParameter(word) : nullptr)
    {
        column = p->Column();
    }
    std::replace(column.begin(), column.end(), '-', '_');
    if (std::find(candidates.begin(), candidates.end(), column) != candidates.end())
    {
        word = column;
        return "";
    }
    std::string unknown = UnknownName(what, word, candidates);
    std::string prefix = "unknown " + what + " '" + word + "'";
    return phrase + ", not '" + word + "'" + unknown.substr(prefix.size());
}

/** \param text "1280x800" \param[out] options width, height \return whether it is a size */
bool
ParseSize(const std::string& text, PlotOptions& options)
{
    int w = 0;
    int h = 0;
    char x = 0;
    std::istringstream in(text);
    if (!(in >> w >> x >> h) || (x != 'x' && x != 'X') || !in.eof() || w < 200 || h < 150
        || w > 10000 || h > 10000)
    {
        return false;
    }
    options.width = w;
    options.height = h;
    return true;
}

/** \return the options of `tcp-encap plot`, bound to options and the strings it reads */
po::options_description
PlotOptionsDescription(PlotOptions& options,
                       std::string& dir,
                       std::string& size,
                       std::string& series,
                       std::string& out)
{
    po::options_description opts("tcp-encap plot DIR | tcp-encap plot --series FILE");
    opts.add_options()("help,h", "this help")("dir", po::value(&dir), "a sweep's directory")(
        "x",
        po::value(&options.x),
        "parameter on the x axis, as option or column (outer-initial-cwnd or "
        "outer_initial_cwnd; default: the numeric one with the most values)")(
        "metric",
        po::value(&options.metrics)->multitoken(),
        "metrics to draw (default: those the metric table plots by default: goodput, RTT p95, "
        "largest gap, per-RTT CV, spurious and outer retransmissions, wire bytes per inner byte)")(
        "ratio-to",
        po::value(&options.ratioTo),
        "draw each metric divided by this mode's at the same parameters, e.g. udp")(
        "threshold",
        po::value(&options.thresholds)->multitoken(),
        "with --ratio-to: report where each ratio first falls below these, e.g. 0.9 0.5")(
        "model",
        po::value(&options.models)->multitoken(),
        "goodput vs loss: overlay single-flow models from the RTT, RTO and MSS measured with "
        "ESP-in-UDP (or the first mode): mathis (b = 2), mathis-b1, pftk (b = 2), cubic (RFC "
        "9438)")("facet",
                 po::value(&options.facet),
                 "one set of figures per value of this parameter (e.g. delay)");
    opts.add_options()("logy",
                       "logarithmic y axis (default for metrics spanning decades, "
                       "such as goodput)")("linear-y", "linear y axis")(
        "mark-x",
        po::value(&options.markX),
        "a vertical line at this x value, in the column's units (--mark-x 0.03 on a loss axis: "
        "3 %); repeatable")("title", po::value(&options.title), "the figures' title")(
        "size",
        po::value(&size),
        "figure size in pixels, WxH (default 1280x800; PDF: 160 per inch)")(
        "font-size",
        po::value(&options.fontSize),
        "font size in points (default 17; PDF: 0.6 of it)")(
        "cdf",
        po::value(&options.cdf),
        "instead of the metric figures: the empirical CDF of this column of DIR/results.csv, "
        "e.g. stall_lengths_ms (every stall of every run), one line per point (its runs "
        "pooled), x logarithmic; writes plots/<column>-cdf[-<facet>-<value>].png and .svg, and "
        "<that>-quantiles.csv (runs, count, p50, p90, p99, max, sum per point); goes with --facet, "
        "--linear-x, --pdf")("linear-x", "with --cdf: linear x axis")(
        "series",
        po::value(&series),
        "instead of DIR: draw a per-flow time series written by 'tcp-encap run --series FILE': "
        "goodput and RTT over time, one line per flow (<stem>-goodput and <stem>-rtt .png, .svg)")(
        "out", po::value(&out), "with --series: the figures' directory (default: the file's)")(
        "pdf", "also write PDF (pdfcairo, vector)")(
        "script", "keep each figure's gnuplot script, data included, as <name>.gp (to adjust it)");
    return opts;
}

/** \return a usage error about the names and combinations of plot's options, or "" */
std::string
PlotOptionsError(PlotOptions& options, const po::variables_map& vm)
{
    std::vector<std::string> params = ParameterNames();
    std::string error;
    if (!options.x.empty())
    {
        error = NameError("--x must name a parameter column", "parameter", options.x, params);
    }
    if (error.empty() && !options.facet.empty())
    {
        error
            = NameError("--facet must name a parameter column", "parameter", options.facet, params);
    }
    std::vector<std::string> metricNames = MetricNames();
    std::vector<std::string> lists = ListMetricNames();
    for (auto& m : options.metrics)
    {
        error = error.empty()
                    ? NameError("--metric must name a metric column", "metric", m, metricNames)
                    : error;
        if (error.empty() && std::find(lists.begin(), lists.end(), m) != lists.end())
        {
            error = "--metric " + m
                    + " is a list of values per run, without a mean: draw it with --cdf " + m;
        }
    }
    if (error.empty() && !options.cdf.empty())
    {
        error = NameError("--cdf must name a metric column", "metric", options.cdf, metricNames);
        for (const char* other :
             {"x", "metric", "ratio-to", "threshold", "model", "logy", "linear-y"})
        {
            error = error.empty() && vm.count(other)
                        ? std::string("--cdf does not go with --") + other
                        : error;
        }
    }
    else if (error.empty() && vm.count("linear-x"))
    {
        error = "--linear-x goes with --cdf";
    }
    if (error.empty() && vm.count("logy") && vm.count("linear-y"))
    {
        error = "--logy and --linear-y exclude each other";
    }
    return error;
}

int
CommandPlot(int argc, char** argv)
{
    std::string dir;
    std::string size;
    std::string series;
    std::string out;
    PlotOptions options;
    po::options_description opts = PlotOptionsDescription(options, dir, size, series, out);
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
    if (dir.empty() == series.empty())
    {
        return Usage("plot", series.empty() ? "missing DIR" : "--series FILE goes without DIR");
    }
    if (!size.empty() && !ParseSize(size, options))
    {
        return Usage("plot",
                     "--size must be WIDTHxHEIGHT in pixels, such as 1280x800, not '" + size + "'");
    }
    if (options.fontSize < 4 || options.fontSize > 72)
    {
        return Usage("plot", "--font-size must be between 4 and 72");
    }
    options.pdf = vm.count("pdf") > 0;
    options.script = vm.count("script") > 0;
    options.yScale = vm.count("logy")       ? YScale::LOG
                     : vm.count("linear-y") ? YScale::LINEAR
                                            : YScale::AUTO;
    options.linearX = vm.count("linear-x") > 0;
    // Names are checked against what a summary can hold, so a typo is a usage error (2).
    if (std::string bad = PlotOptionsError(options, vm); !bad.empty())
    {
        return Usage("plot", bad);
    }
    if (!out.empty() && series.empty())
    {
        return Usage("plot", "--out goes with --series (figures of DIR go to DIR/plots)");
    }
    std::string error;
    int figures = series.empty() ? PlotSweep(dir, options, error)
                                 : PlotFlowSeries(series, out, options, error);
    if (figures < 0)
    {
        std::cerr << "tcp-encap plot: " << error << "\n";
        return 1;
    }
    std::string seriesDir = std::filesystem::path(series).parent_path().string();
    std::string where = series.empty() ? dir + "/plots"
                        : out.empty()  ? (seriesDir.empty() ? "." : seriesDir)
                                       : out;
    std::cerr << "tcp-encap plot: " << figures << " figures in " << where << "\n";
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
