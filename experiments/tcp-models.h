/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_EXPERIMENTS_TCP_MODELS_H
#define TCP_ENCAP_EXPERIMENTS_TCP_MODELS_H

// Analytic throughput of one long-lived TCP flow under random loss: the independent references
// the simulated TCP is validated against (results/validation/README.md). Every function takes
// the segment payload in bytes, the round-trip time and timeout in seconds, and the loss
// probability p in (0, 1), and returns payload bits per second (0 for p <= 0 or RTT <= 0).

namespace tcpencap
{

/**
 * \brief Mathis, Semke, Mahdavi and Ott 1997 ("The macroscopic behavior of the TCP congestion
 * avoidance algorithm"): rate = MSS / RTT * sqrt(3 / (2 b p)), b segments per ACK (b = 1:
 * C = 1.22; b = 2, delayed ACKs: C = 0.87). Periodic loss, no timeouts, no window limit.
 * \param mss segment payload, bytes \param rtt seconds \param p loss probability
 * \param b segments acknowledged per ACK
 * \return bits per second
 */
double MathisRate(double mss, double rtt, double p, double b);

/**
 * \brief Padhye, Firoiu, Towsley and Kurose 1998 ("Modeling TCP throughput: a simple model and
 * its empirical validation", eq. 33, the "full model" approximation): packets per second =
 * min(Wmax / RTT, 1 / (RTT sqrt(2bp/3) + T0 min(1, 3 sqrt(3bp/8)) p (1 + 32 p^2))).
 * \param mss segment payload, bytes \param rtt seconds \param p loss probability
 * \param t0 the first retransmission timeout, seconds \param b segments per ACK
 * \param wmax the receiver's window limit, segments (<= 0: none)
 * \return bits per second
 */
double PadhyeRate(double mss, double rtt, double p, double t0, double b, double wmax);

/**
 * \brief CUBIC's average window under random loss, RFC 9438 §5 (the analysis of RFC 8312
 * §5.1): in the cubic region AVG_W_cubic = (C (3 + beta) / (4 (1 - beta)))^(1/4) (RTT / p)^(3/4)
 * segments (RTT in seconds); in the Reno-friendly region, the window of AIMD(alpha_cubic, beta)
 * with alpha_cubic = 3 (1 - beta) / (1 + beta): AVG_W_est = sqrt(alpha (1 + beta) / (2 (1 - beta)
 * p)) = sqrt(3 / (2 p)), Reno's. CUBIC takes the larger of the two: rate = max(...) MSS / RTT.
 * Windows count segments acknowledged (as Linux and ns-3 grow cwnd), so there is no b.
 * \param mss segment payload, bytes \param rtt seconds \param p loss probability
 * \param c C (RFC 9438: 0.4) \param beta beta_cubic (RFC 9438: 0.7)
 * \return bits per second
 */
double CubicRate(double mss, double rtt, double p, double c = 0.4, double beta = 0.7);

/**
 * \param rtt seconds \param c C \param beta beta_cubic
 * \return the loss probability above which CUBIC's Reno-friendly window is the larger one
 * (RFC 9438 §5: the Reno-friendly region), from AVG_W_cubic(p*) = AVG_W_est(p*):
 * p* = RTT^3 C (3 + beta) / (4 (1 - beta)) / (3/2)^2, about 0.55 RTT^3 (RTT in seconds: 4e-5 at
 * 50 ms, 5.5e-4 at 100 ms, 4.4e-3 at 200 ms)
 */
double CubicRenoFriendlyAbove(double rtt, double c = 0.4, double beta = 0.7);

/** How losses fall in CubicFluidRate. */
enum class LossPattern
{
    PERIODIC, //!< one loss every 1/p segments: RFC 9438 §5's assumption
    RANDOM    //!< each segment lost with probability p (Bernoulli), as in the simulations
};

/**
 * \brief CUBIC's window rules (RFC 9438 §4: W_cubic(t) = C (t - K)^3 + W_max, K from W_max and
 * beta, the Reno-friendly estimate growing by alpha_cubic per RTT, multiplicative decrease to
 * beta W, fast convergence) run round by round, one RTT per round, with a fixed RTT and losses
 * as given: what RFC 9438's response function becomes when losses are random rather than
 * periodic. A round that loses a segment delivers its window and then decreases; every
 * window is at least one segment. Deterministic (the generator's seed is fixed).
 * \param mss segment payload, bytes \param rtt seconds \param p loss probability
 * \param pattern periodic or random losses \param rounds rounds simulated
 * \param fastConvergence RFC 9438 §4.7 \param c C \param beta beta_cubic
 * \return bits per second
 */
double CubicFluidRate(double mss,
                      double rtt,
                      double p,
                      LossPattern pattern,
                      unsigned rounds = 200000,
                      bool fastConvergence = true,
                      double c = 0.4,
                      double beta = 0.7);

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_TCP_MODELS_H */
