/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-models.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace tcpencap
{

namespace
{

/** \return whether the inputs describe a lossy path the models apply to */
bool
Valid(double mss, double rtt, double p)
{
    return mss > 0 && rtt > 0 && p > 0 && p < 1;
}

/** \param c C \param beta beta_cubic \return C (3 + beta) / (4 (1 - beta)) */
double
CubicFactor(double c, double beta)
{
    return c * (3 + beta) / (4 * (1 - beta));
}

} // namespace

double
MathisRate(double mss, double rtt, double p, double b)
{
    if (!Valid(mss, rtt, p) || b <= 0)
    {
        return 0;
    }
    return mss * 8 / rtt * std::sqrt(3 / (2 * b * p));
}

double
PadhyeRate(double mss, double rtt, double p, double t0, double b, double wmax)
{
    if (!Valid(mss, rtt, p) || b <= 0 || t0 < 0)
    {
        return 0;
    }
    double denominator = rtt * std::sqrt(2 * b * p / 3)
                         + t0 * std::min(1.0, 3 * std::sqrt(3 * b * p / 8)) * p * (1 + 32 * p * p);
    double packets = 1 / denominator;
    if (wmax > 0)
    {
        packets = std::min(packets, wmax / rtt);
    }
    return packets * mss * 8;
}

double
CubicRate(double mss, double rtt, double p, double c, double beta)
{
    if (!Valid(mss, rtt, p) || c <= 0 || beta <= 0 || beta >= 1)
    {
        return 0;
    }
    double cubic = std::pow(CubicFactor(c, beta), 0.25) * std::pow(rtt / p, 0.75);
    double alpha = 3 * (1 - beta) / (1 + beta);
    double reno = std::sqrt(alpha * (1 + beta) / (2 * (1 - beta) * p));
    return std::max(cubic, reno) * mss * 8 / rtt;
}

double
CubicRenoFriendlyAbove(double rtt, double c, double beta)
{
    return std::pow(rtt, 3) * CubicFactor(c, beta) / 2.25;
}

double
CubicFluidRate(double mss,
               double rtt,
               double p,
               LossPattern pattern,
               unsigned rounds,
               bool fastConvergence,
               double c,
               double beta)
{
    if (!Valid(mss, rtt, p) || rounds == 0)
    {
        return 0;
    }
    std::mt19937_64 rng(20240101);
    std::uniform_real_distribution<double> uniform(0, 1);
    const double alpha = 3 * (1 - beta) / (1 + beta);
    // Start in steady state's neighbourhood: RFC 9438's average window.
    double w = std::max(2.0, std::pow(CubicFactor(c, beta), 0.25) * std::pow(rtt / p, 0.75));
    double wMax = w;
    double wEst = w;
    double k = 0;
    double t = 0;             // since the last decrease, seconds
    double untilLoss = 1 / p; // periodic: segments until the next loss
    double sent = 0;
    const unsigned warmup = rounds / 10;
    for (unsigned r = 0; r < rounds + warmup; ++r)
    {
        bool loss = false;
        if (pattern == LossPattern::PERIODIC)
        {
            untilLoss -= w;
            loss = untilLoss <= 0;
            untilLoss += loss ? 1 / p : 0;
        }
        else
        {
            loss = uniform(rng) < 1 - std::pow(1 - p, w); // any of w segments lost
        }
        if (r >= warmup)
        {
            sent += w;
        }
        if (loss)
        {
            // RFC 9438 §4.6, §4.7: remember the window (less, if it fell short of the last
            // one), reduce it, restart the epoch.
            wMax = fastConvergence && w < wMax ? w * (1 + beta) / 2 : w;
            w = std::max(1.0, w * beta);
            wEst = w;
            k = std::cbrt(wMax * (1 - beta) / c);
            t = 0;
            continue;
        }
        t += rtt;
        wEst += alpha; // §4.3: alpha_cubic segments per RTT (per segment acknowledged)
        double target = c * std::pow(t + rtt - k, 3) + wMax;  // W_cubic(t + RTT)
        w = std::max({1.0, wEst, std::min(target, 1.5 * w)}); // §4.4: at most 1.5 w per RTT
    }
    return sent / rounds * mss * 8 / rtt;
}

} // namespace tcpencap
