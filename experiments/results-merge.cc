/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "results-merge.h"

#include "run-params.h"
#include "scenario-runner.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <dirent.h>
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
    DIR* d = ::opendir(pointsDir.c_str());
    if (!d)
    {
        error = pointsDir + ": cannot open (no finished runs?)";
        return false;
    }
    std::vector<std::string> files;
    while (dirent* e = ::readdir(d))
    {
        std::string name = e->d_name;
        if (name.size() > 4 && name.compare(name.size() - 4, 4, ".csv") == 0)
        {
            files.push_back(pointsDir + "/" + name);
        }
    }
    ::closedir(d);
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
    static const double table[]
        = {0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
           2.201, 2.179,  2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080,
           2.074, 2.069,  2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
    std::size_t df = n < 2 ? 1 : n - 1;
    if (df < sizeof(table) / sizeof(table[0]))
    {
        return table[df];
    }
    return df < 60 ? 2.000 : (df < 120 ? 1.980 : 1.960);
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
        }
    }
    CsvTable summary;
    for (int c : groupCols)
    {
        summary.header.push_back(results.header[c]);
    }
    summary.header.push_back("n");
    for (int c : metricCols)
    {
        summary.header.push_back(results.header[c] + "_mean");
        summary.header.push_back(results.header[c] + "_ci95");
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
        for (int c : metricCols)
        {
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
                out.push_back("");
                out.push_back("");
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
