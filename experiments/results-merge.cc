/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "results-merge.h"

#include "metric.h"
#include "run-params.h"
#include "scenario-runner.h"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>

namespace tcpencap
{

std::vector<std::string>
ParameterNames()
{
    std::vector<std::string> names;
    for (const auto& [name, value] : ParameterColumns(RunParams()))
    {
        names.push_back(name);
    }
    return names;
}

namespace
{

/** Numbers as numbers, otherwise as text. */
bool
LessValue(const std::string& a, const std::string& b)
{
    double x = 0;
    double y = 0;
    if (ParseNumber(a, x) && ParseNumber(b, y))
    {
        return x < y;
    }
    return a < b;
}

} // namespace

bool
MergePoints(const std::string& dir, CsvTable& merged, std::string& error)
{
    std::string pointsDir = dir + "/points";
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(pointsDir, ec))
    {
        const std::filesystem::path& path = entry.path();
        if (path.extension() == ".csv" && path.stem().string().find(".tmp.") == std::string::npos)
        {
            files.push_back(path.string());
        }
    }
    if (ec)
    {
        error = pointsDir + ": cannot open (no finished runs?)";
        return false;
    }
    if (files.empty())
    {
        error = pointsDir + ": no result files";
        return false;
    }
    std::sort(files.begin(), files.end());
    merged = CsvTable();
    for (const auto& f : files)
    {
        CsvTable one;
        if (!ReadCsv(f, one, error))
        {
            return false;
        }
        if (merged.header.empty())
        {
            merged.header = one.header;
        }
        else if (one.header != merged.header)
        {
            error = f + ": columns differ from the other results (made by another version?)";
            return false;
        }
        for (auto& row : one.rows)
        {
            merged.rows.push_back(row);
        }
    }
    std::vector<int> keys;
    for (const auto& name : ParameterNames())
    {
        int c = merged.Column(name);
        if (c >= 0)
        {
            keys.push_back(c);
        }
    }
    std::stable_sort(merged.rows.begin(),
                     merged.rows.end(),
                     [&keys](const std::vector<std::string>& a, const std::vector<std::string>& b)
                     {
                         for (int k : keys)
                         {
                             if (a[k] != b[k])
                             {
                                 return LessValue(a[k], b[k]);
                             }
                         }
                         return false;
                     });
    return true;
}

double
StudentT95(std::size_t n)
{
    std::size_t df = n < 2 ? 1 : n - 1;
    boost::math::students_t t(static_cast<double>(df));
    return boost::math::quantile(boost::math::complement(t, 0.025));
}

CsvTable
Summarize(const CsvTable& results)
{
    std::vector<std::string> params = ParameterNames();
    // Lists of numbers (one per stall, ...) have no mean over runs: left out. A list of one
    // value would read as a number, so they are known by name, not by what they hold.
    std::vector<std::string> lists = ListMetricNames();
    std::vector<int> groupCols;
    std::vector<int> metricCols;
    std::vector<bool> range; // per metric column: also its smallest and largest run
    for (std::size_t c = 0; c < results.header.size(); ++c)
    {
        const std::string& name = results.header[c];
        bool isParam = std::find(params.begin(), params.end(), name) != params.end();
        if (isParam && name != "seed" && name != "run")
        {
            groupCols.push_back(static_cast<int>(c));
        }
        else if (!isParam && std::find(lists.begin(), lists.end(), name) == lists.end())
        {
            metricCols.push_back(static_cast<int>(c));
            const Metric* m = FindMetric(name);
            range.push_back(m && m->spread == MetricSpread::RANGE);
        }
    }
    CsvTable summary;
    for (int c : groupCols)
    {
        summary.header.push_back(results.header[c]);
    }
    summary.header.push_back("n");
    for (std::size_t i = 0; i < metricCols.size(); ++i)
    {
        const std::string& name = results.header[metricCols[i]];
        summary.header.push_back(name + "_mean");
        summary.header.push_back(name + "_ci95");
        if (range[i])
        {
            summary.header.push_back(name + "_min");
            summary.header.push_back(name + "_max");
        }
    }
    // Groups in order of first appearance (the results are sorted already).
    std::vector<std::vector<std::string>> keys;
    std::map<std::vector<std::string>, std::vector<std::size_t>> members;
    for (std::size_t r = 0; r < results.rows.size(); ++r)
    {
        std::vector<std::string> key;
        for (int c : groupCols)
        {
            key.push_back(results.rows[r][c]);
        }
        if (members.find(key) == members.end())
        {
            keys.push_back(key);
        }
        members[key].push_back(r);
    }
    for (const auto& key : keys)
    {
        const auto& rows = members[key];
        std::vector<std::string> out = key;
        out.push_back(std::to_string(rows.size()));
        for (std::size_t i = 0; i < metricCols.size(); ++i)
        {
            int c = metricCols[i];
            std::vector<double> xs;
            for (std::size_t r : rows)
            {
                double v = 0;
                if (ParseNumber(results.rows[r][c], v))
                {
                    xs.push_back(v);
                }
            }
            if (xs.empty())
            {
                out.resize(out.size() + (range[i] ? 4 : 2));
                continue;
            }
            double mean = 0;
            for (double x : xs)
            {
                mean += x;
            }
            mean /= xs.size();
            double ci = 0;
            if (xs.size() > 1)
            {
                double var = 0;
                for (double x : xs)
                {
                    var += (x - mean) * (x - mean);
                }
                var /= xs.size() - 1;
                ci = StudentT95(xs.size()) * std::sqrt(var / xs.size());
            }
            char buf[64];
            std::snprintf(buf, sizeof(buf), "%.6g", mean);
            out.push_back(buf);
            std::snprintf(buf, sizeof(buf), "%.6g", ci);
            out.push_back(buf);
            if (range[i])
            {
                std::snprintf(buf, sizeof(buf), "%.6g", *std::min_element(xs.begin(), xs.end()));
                out.push_back(buf);
                std::snprintf(buf, sizeof(buf), "%.6g", *std::max_element(xs.begin(), xs.end()));
                out.push_back(buf);
            }
        }
        summary.rows.push_back(out);
    }
    return summary;
}

bool
WriteMergedResults(const std::string& dir, std::string& error)
{
    CsvTable merged;
    if (!MergePoints(dir, merged, error))
    {
        return false;
    }
    return WriteFileAtomically(dir + "/results.csv", ToCsv(merged), error)
           && WriteFileAtomically(dir + "/summary.csv", ToCsv(Summarize(merged)), error);
}

} // namespace tcpencap
