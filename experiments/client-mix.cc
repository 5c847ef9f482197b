/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "client-mix.h"

#include <algorithm>
#include <tuple>

namespace tcpencap
{

const std::vector<std::string>&
MixModes()
{
    static const std::vector<std::string> modes = {"udp", "tcp", "tls"};
    return modes;
}

bool
ParseMix(const std::string& text, std::vector<MixEntry>& mix, std::string& error)
{
    mix.clear();
    if (text.empty())
    {
        return true;
    }
    std::size_t from = 0;
    while (true)
    {
        std::size_t plus = text.find('+', from);
        std::string entry = text.substr(from, plus == std::string::npos ? plus : plus - from);
        std::size_t eq = entry.find('=');
        MixEntry e;
        e.mode = entry.substr(0, eq);
        const auto& modes = MixModes();
        if (std::find(modes.begin(), modes.end(), e.mode) == modes.end())
        {
            error = "entry '" + entry + "': the mode must be udp, tcp or tls";
            return false;
        }
        if (eq == std::string::npos)
        {
            if (std::any_of(mix.begin(),
                            mix.end(),
                            [](const MixEntry& m)
                            {
                                return m.rest;
                            }))
            {
                error = "only one entry may go without a count";
                return false;
            }
            e.rest = true;
        }
        else
        {
            std::string count = entry.substr(eq + 1);
            if (count.empty() || count.size() > 4
                || count.find_first_not_of("0123456789") != std::string::npos
                || std::stoul(count) > 4096)
            {
                error = "entry '" + entry + "': the count must be a whole number from 0 to 4096";
                return false;
            }
            e.clients = static_cast<uint32_t>(std::stoul(count));
        }
        for (const MixEntry& other : mix)
        {
            if (other.mode == e.mode)
            {
                error = "mode '" + e.mode + "' is given twice";
                return false;
            }
        }
        mix.push_back(e);
        if (plus == std::string::npos)
        {
            break;
        }
        from = plus + 1;
    }
    bool rest = std::any_of(mix.begin(),
                            mix.end(),
                            [](const MixEntry& m)
                            {
                                return m.rest;
                            });
    if (MixClients(mix) == 0 && !rest)
    {
        error = "no client in it";
        return false;
    }
    return true;
}

uint32_t
MixClients(const std::vector<MixEntry>& mix)
{
    uint32_t n = 0;
    for (const MixEntry& e : mix)
    {
        n += e.clients;
    }
    return n;
}

bool
ResolveMix(std::vector<MixEntry>& mix, uint32_t clients, std::string& error)
{
    uint32_t counted = MixClients(mix);
    for (MixEntry& e : mix)
    {
        if (e.rest)
        {
            if (counted > clients)
            {
                error = "its counts add up to " + std::to_string(counted) + ", more than the "
                        + std::to_string(clients) + " of --clients";
                return false;
            }
            e.clients = clients - counted;
            e.rest = false;
            return true;
        }
    }
    if (counted != clients)
    {
        error = "it counts " + std::to_string(counted) + " clients but --clients is "
                + std::to_string(clients) + ": the counts must sum to --clients";
        return false;
    }
    return true;
}

std::vector<std::string>
AssignModes(const std::vector<MixEntry>& mix)
{
    // (numerator, denominator, entry) of each client's position (2k + 1) / (2c), compared
    // exactly by cross-multiplication.
    std::vector<std::tuple<uint64_t, uint64_t, std::size_t>> slots;
    for (std::size_t j = 0; j < mix.size(); ++j)
    {
        for (uint64_t k = 0; k < mix[j].clients; ++k)
        {
            slots.emplace_back(2 * k + 1, 2 * uint64_t{mix[j].clients}, j);
        }
    }
    std::stable_sort(slots.begin(),
                     slots.end(),
                     [](const auto& a, const auto& b)
                     {
                         uint64_t left = std::get<0>(a) * std::get<1>(b);
                         uint64_t right = std::get<0>(b) * std::get<1>(a);
                         return left != right ? left < right : std::get<2>(a) < std::get<2>(b);
                     });
    std::vector<std::string> modes;
    modes.reserve(slots.size());
    for (const auto& s : slots)
    {
        modes.push_back(mix[std::get<2>(s)].mode);
    }
    return modes;
}

} // namespace tcpencap
