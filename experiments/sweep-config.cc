/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "sweep-config.h"

#include "csv.h"
#include "run-params.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tcpencap
{

namespace
{

std::string
Trim(const std::string& s)
{
    std::size_t a = s.find_first_not_of(" \t\r");
    if (a == std::string::npos)
    {
        return "";
    }
    std::size_t b = s.find_last_not_of(" \t\r");
    return s.substr(a, b - a + 1);
}

/** Expand "from:to:step" into values; false with a message if it is not a valid range. */
bool
ExpandRange(const std::string& item, std::vector<std::string>& out, std::string& error)
{
    std::vector<std::string> parts;
    std::stringstream ss(item);
    std::string part;
    while (std::getline(ss, part, ':'))
    {
        parts.push_back(Trim(part));
    }
    double from = 0;
    double to = 0;
    double step = 0;
    if (parts.size() != 3 || !ParseNumber(parts[0], from) || !ParseNumber(parts[1], to)
        || !ParseNumber(parts[2], step))
    {
        error = "'" + item + "' is not a range from:to:step";
        return false;
    }
    if (step <= 0 || to < from || (to - from) / step > 100000)
    {
        error = "range '" + item + "' needs from <= to and a positive step (at most 100000 values)";
        return false;
    }
    auto count = static_cast<long>(std::floor((to - from) / step + 1e-9));
    for (long i = 0; i <= count; ++i)
    {
        double v = from + i * step;
        char buf[64];
        std::snprintf(buf, sizeof(buf), "%.10g", v);
        out.emplace_back(buf);
    }
    return true;
}

} // namespace

bool
ReadSweepConfig(const std::string& path, SweepConfig& config, std::string& error)
{
    std::ifstream in(path);
    if (!in || std::filesystem::is_directory(path)) // a directory opens, and reads as empty
    {
        error = path + ": cannot open";
        return false;
    }
    config = SweepConfig();
    std::string line;
    int number = 0;
    bool sawSeeds = false;
    while (std::getline(in, line))
    {
        ++number;
        std::string where = path + ":" + std::to_string(number) + ": ";
        std::size_t hash = line.find_first_of("#;");
        line = Trim(hash == std::string::npos ? line : line.substr(0, hash));
        if (line.empty() || line.front() == '[')
        {
            continue;
        }
        std::size_t eq = line.find('=');
        if (eq == std::string::npos)
        {
            error = where + "expected 'option = values'";
            return false;
        }
        std::string key = Trim(line.substr(0, eq));
        std::string value = Trim(line.substr(eq + 1));
        if (key == "seeds")
        {
            double n = 0;
            if (!ParseNumber(value, n) || n < 1 || n > 100000 || n != std::floor(n))
            {
                error = where + "seeds must be a whole number from 1 to 100000";
                return false;
            }
            config.seeds = static_cast<uint32_t>(n);
            sawSeeds = true;
            continue;
        }
        if (key == "run")
        {
            error = where + "'run' is set by the sweep: use 'seeds = N'";
            return false;
        }
        const Parameter* param = FindParameter(key);
        if (!param)
        {
            std::vector<std::string> names = {"seeds"};
            for (const Parameter& q : Parameters())
            {
                names.push_back(q.name);
            }
            error = where + UnknownName("option", key, names) + " (see tcp-encap run --help)";
            return false;
        }
        key = param->name; // one spelling: outer_initial_cwnd is outer-initial-cwnd
        for (const auto& axis : config.axes)
        {
            if (axis.first == key)
            {
                error = where + "option '" + key + "' given twice";
                return false;
            }
        }
        std::vector<std::string> values;
        std::stringstream ss(value);
        std::string item;
        while (std::getline(ss, item, ','))
        {
            item = Trim(item);
            if (item.empty())
            {
                error = where + "empty value for '" + key + "'";
                return false;
            }
            if (item.find(':') != std::string::npos)
            {
                std::string rangeError;
                if (!ExpandRange(item, values, rangeError))
                {
                    error = where + key + ": " + rangeError;
                    return false;
                }
            }
            else
            {
                values.push_back(item);
            }
        }
        if (values.empty())
        {
            error = where + "no values for '" + key + "'";
            return false;
        }
        for (const std::string& v : values)
        {
            if (std::string problem; !param->Check(v, problem))
            {
                error = where + problem;
                return false;
            }
        }
        config.axes.emplace_back(key, values);
    }
    if (config.axes.empty() && !sawSeeds)
    {
        error = path + ": no options to sweep";
        return false;
    }
    return true;
}

std::vector<std::vector<std::string>>
ExpandSweep(const SweepConfig& config)
{
    std::vector<std::vector<std::string>> points = {{}};
    for (const auto& [key, values] : config.axes)
    {
        std::vector<std::vector<std::string>> next;
        for (const auto& p : points)
        {
            for (const auto& v : values)
            {
                auto q = p;
                q.push_back("--" + key + "=" + v);
                next.push_back(q);
            }
        }
        points.swap(next);
    }
    std::vector<std::vector<std::string>> runs;
    for (const auto& p : points)
    {
        for (uint32_t r = 1; r <= config.seeds; ++r)
        {
            auto q = p;
            q.push_back("--run=" + std::to_string(r));
            runs.push_back(q);
        }
    }
    return runs;
}

std::string
PointId(const std::vector<std::string>& args)
{
    uint64_t h = 1469598103934665603ULL;
    for (const auto& a : args)
    {
        for (unsigned char ch : a)
        {
            h = (h ^ ch) * 1099511628211ULL;
        }
        h = (h ^ 0xFF) * 1099511628211ULL;
    }
    char buf[17];
    std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

} // namespace tcpencap
