/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_EXPERIMENTS_FLOW_SERIES_H
#define TCP_ENCAP_EXPERIMENTS_FLOW_SERIES_H

#include "inner-bulk-flow.h"

#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <string>
#include <vector>

namespace tcpencap
{

/**
 * \brief Goodput and RTT of each inner bulk flow over time: every interval, per flow, the
 * bytes delivered to the application in that interval as a rate, and the mean of the RTT
 * samples its sender took in it (empty when it took none). Rows (time_s, flow, goodput_mbps,
 * rtt_ms) are kept in memory and written at the end, so sampling costs one event per interval.
 */
class FlowSeriesRecorder
{
  public:
    /**
     * \param delivery what the flows delivered
     * \param sources the flows' senders (for their RTT samples), by flow index
     * \param origin time zero of the series (the traffic's start)
     * \param interval sampling interval (positive)
     * \param end last sample
     */
    FlowSeriesRecorder(const DeliveryStats* delivery,
                       std::vector<ns3::Ptr<BulkSource>> sources,
                       ns3::Time origin,
                       ns3::Time interval,
                       ns3::Time end);

    /** Schedule the samples (call before the simulation runs). */
    void Start();

    /** Take the last sample, at the end (after the simulation stopped there). */
    void Finish();

    /** \return the CSV text: header and one row per flow and interval */
    std::string ToCsv() const;

  private:
    /** Take one sample of every flow \param next whether to schedule the next */
    void Sample(bool next);

    const DeliveryStats* m_delivery;             //!< delivered bytes
    std::vector<ns3::Ptr<BulkSource>> m_sources; //!< RTT samples
    ns3::Time m_origin;                          //!< time zero
    ns3::Time m_interval;                        //!< sampling interval
    ns3::Time m_end;                             //!< last sample
    std::vector<uint64_t> m_lastBytes;           //!< per flow, at the previous sample
    std::vector<std::size_t> m_lastRtt;          //!< per flow, RTT samples seen
    ns3::Time m_lastSample;                      //!< when the last sample was taken
    std::string m_rows;                          //!< CSV rows so far
};

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_FLOW_SERIES_H */
