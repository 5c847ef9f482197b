/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "validation-report.h"

#include "run-params.h"
#include "tcp-models.h"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>

namespace tcpencap
{

namespace
{

/** \param v a number \param digits significant digits \return it as text */
std::string
Sig(double v, int digits = 4)
{
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.*g", digits, v);
    return buf;
}

} // namespace

CsvTable
ValidateSummary(const CsvTable& summary, std::string& error)
{
    CsvTable out;
    const char* const needed[] = {"mode",
                                  "inner_cc",
                                  "delay",
                                  "loss",
                                  "rate",
                                  "flows",
                                  "inner_window",
                                  "n",
                                  "goodput_mbps_mean",
                                  "goodput_mbps_ci95",
                                  "rtt_mean_ms_mean",
                                  "inner_rto_ms_mean",
                                  "inner_mss_mean",
                                  "wire_per_inner_byte_mean"};
    std::vector<int> col;
    for (const char* name : needed)
    {
        col.push_back(summary.Column(name));
        if (col.back() < 0)
        {
            error = std::string("the summary has no column '") + name + "'";
            return out;
        }
    }
    enum
    {
        MODE,
        CC,
        DELAY,
        LOSS,
        RATE,
        FLOWS,
        WINDOW,
        N,
        GOODPUT,
        CI,
        RTT,
        RTO,
        MSS,
        WIRE
    };
    out.header = {"mode",
                  "inner_cc",
                  "delay",
                  "loss",
                  "rate",
                  "n",
                  "goodput_mbps",
                  "goodput_ci95",
                  "rtt_ms",
                  "rto_ms",
                  "mss",
                  "ceiling_mbps",
                  "mathis_b1_mbps",
                  "mathis_b2_mbps",
                  "pftk_b2_mbps",
                  "cubic_rfc9438_mbps",
                  "cubic_random_loss_mbps",
                  "cubic_region",
                  "band_low_mbps",
                  "band_high_mbps",
                  "ratio",
                  "inside"};
    for (const auto& row : summary.rows)
    {
        double p = 0;
        double flows = 0;
        double goodput = 0;
        double ci = 0;
        double rttMs = 0;
        double rtoMs = 0;
        double mss = 0;
        double wire = 0;
        if (!ParseNumber(row[col[LOSS]], p) || p <= 0 || !ParseNumber(row[col[FLOWS]], flows)
            || flows != 1 || !ParseNumber(row[col[GOODPUT]], goodput)
            || !ParseNumber(row[col[RTT]], rttMs) || !ParseNumber(row[col[RTO]], rtoMs)
            || !ParseNumber(row[col[MSS]], mss))
        {
            continue; // not a lossy single-flow point
        }
        ParseNumber(row[col[CI]], ci);
        const double rtt = rttMs / 1000;
        const double rto = rtoMs / 1000;
        double window = 0;
        const double wmax = ParseNumber(row[col[WINDOW]], window) ? window / mss : 0;
        // Inner payload the bottleneck carries at most: its rate over the wire bytes per byte.
        double rate = 0;
        ParseRate(row[col[RATE]], rate);
        const double ceiling = ParseNumber(row[col[WIRE]], wire) && wire > 0 && rate > 0
                                   ? rate / wire / 1e6
                                   : std::numeric_limits<double>::infinity();
        auto cap = [ceiling](double bps)
        {
            return std::min(bps / 1e6, ceiling);
        };
        const double mathis1 = cap(MathisRate(mss, rtt, p, 1));
        const double mathis2 = cap(MathisRate(mss, rtt, p, 2));
        const double pftk2 = cap(PadhyeRate(mss, rtt, p, rto, 2, wmax));
        const double cubic = cap(CubicRate(mss, rtt, p));
        const double cubicRandom = cap(CubicFluidRate(mss, rtt, p, LossPattern::RANDOM));
        const bool isCubic = row[col[CC]] == "Cubic";
        const std::string region
            = isCubic ? (p > CubicRenoFriendlyAbove(rtt) ? "reno-friendly" : "cubic") : "";
        double low = isCubic ? cubic * 3 / 4 : pftk2;
        double high = isCubic ? cubic * 4 / 3 : std::max(mathis1, pftk2);
        if (!isCubic && wmax > 0)
        {
            high = std::min(high, cap(wmax * mss * 8 / rtt)); // the window limit
        }
        const double reference = isCubic ? cubic : std::sqrt(low * high);
        const bool inside = goodput + ci >= low && goodput - ci <= high;
        out.rows.push_back({row[col[MODE]],
                            row[col[CC]],
                            row[col[DELAY]],
                            row[col[LOSS]],
                            row[col[RATE]],
                            row[col[N]],
                            Sig(goodput),
                            Sig(ci, 3),
                            Sig(rttMs),
                            Sig(rtoMs),
                            Sig(mss),
                            std::isfinite(ceiling) ? Sig(ceiling) : "",
                            Sig(mathis1),
                            Sig(mathis2),
                            Sig(pftk2),
                            Sig(cubic),
                            Sig(cubicRandom),
                            region,
                            Sig(low),
                            Sig(high),
                            Sig(reference > 0 ? goodput / reference : 0, 3),
                            inside ? "yes" : "no"});
    }
    if (out.rows.empty())
    {
        error = "no point with loss > 0 and one bulk flow in the summary";
    }
    return out;
}

bool
WriteValidation(const std::string& dir, std::string& error)
{
    CsvTable summary;
    if (!ReadCsv(dir + "/summary.csv", summary, error))
    {
        return false;
    }
    CsvTable table = ValidateSummary(summary, error);
    if (table.rows.empty())
    {
        error = dir + "/summary.csv: " + error;
        return false;
    }
    if (!WriteFileAtomically(dir + "/validation.csv", ToCsv(table), error))
    {
        return false;
    }
    std::cout << ToCsv(table);
    return true;
}

} // namespace tcpencap
