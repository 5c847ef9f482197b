/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Statistics the benchmark programs share.
#ifndef TCP_ENCAP_BENCH_STATS_H
#define TCP_ENCAP_BENCH_STATS_H

#include <algorithm>
#include <vector>

namespace tcpencapbench
{

/** \param v values (a copy: sorted here) \return their median, 0 if there are none */
inline double
Median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty()
               ? 0
               : (v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2);
}

} // namespace tcpencapbench

#endif /* TCP_ENCAP_BENCH_STATS_H */
