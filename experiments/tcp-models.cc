/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-models.h"

#include <algorithm>
#include <cmath>

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
    double cubic = std::pow(CubicFactor(c, beta), 0.25) * std::pow(rtt, 0.25) / std::pow(p, 0.75);
    double alpha = 3 * (1 - beta) / (1 + beta);
    double reno = std::sqrt(alpha * (1 + beta) / (2 * (1 - beta) * p));
    return std::max(cubic, reno) * mss * 8 / rtt;
}

double
CubicRenoFriendlyAbove(double rtt, double c, double beta)
{
    return rtt * CubicFactor(c, beta) / 2.25;
}

} // namespace tcpencap
