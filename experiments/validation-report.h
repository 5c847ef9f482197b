/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_EXPERIMENTS_VALIDATION_REPORT_H
#define TCP_ENCAP_EXPERIMENTS_VALIDATION_REPORT_H

#include "csv.h"

#include <string>

namespace tcpencap
{

/**
 * \brief Measured goodput of single bulk flows against the analytic references
 * (tcp-models.h), one row per lossy point of a sweep's summary: the flow's own measured mean
 * RTT, mean retransmission timeout and MSS go into the models, each capped by what the
 * bottleneck carries of inner payload (rate / wire_per_inner_byte).
 *
 * Columns: mode, inner_cc, delay, loss, rate, n, goodput_mbps and its ci95, rtt_ms, rto_ms,
 * mss, ceiling_mbps, mathis_b1_mbps, mathis_b2_mbps, pftk_b2_mbps, cubic_rfc9438_mbps,
 * cubic_random_loss_mbps (CubicFluidRate with random losses), cubic_region (cubic, reno-friendly:
 * RFC 9438 §5; for Cubic flows), band_low_mbps, band_high_mbps, ratio (goodput over the band's
 * reference: NewReno the geometric middle of the band, Cubic the RFC 9438 value) and inside
 * (yes/no: the band with the CI).
 *
 * The bands, fixed before any run was looked at: NewReno between PFTK with delayed ACKs (b = 2,
 * with timeouts: the low end) and Mathis with b = 1 (Linux and ns-3 grow cwnd per segment
 * acknowledged, not per ACK: the high end); Cubic within a factor 4/3 of RFC 9438's average
 * window, whose analysis assumes periodic, not random, loss.
 *
 * \param summary a sweep's summary (Summarize), single-flow bulk runs with loss
 * \param[out] error what is missing
 * \return the table (empty with error set when the summary lacks a column)
 */
CsvTable ValidateSummary(const CsvTable& summary, std::string& error);

/**
 * \brief `tcp-encap validate DIR`: DIR/summary.csv -> DIR/validation.csv, and the table on
 * standard output.
 * \param dir a sweep's output directory
 * \param[out] error what went wrong
 * \return whether the table was written
 */
bool WriteValidation(const std::string& dir, std::string& error);

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_VALIDATION_REPORT_H */
