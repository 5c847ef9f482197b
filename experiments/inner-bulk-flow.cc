/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "inner-bulk-flow.h"

#include "ns3/inet-socket-address.h"
#include "ns3/simulator.h"
#include "ns3/tcp-buffer-autotuning.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>

using namespace ns3;

namespace tcpencap
{

DeliveryStats::DeliveryStats(
    Time warmup, Time end, Time interval, Time stallThreshold, uint32_t flows)
    : m_warmup(warmup)
    , m_end(end)
    , m_interval(interval)
    , m_stall(stallThreshold)
    , m_bytes(flows, 0)
    , m_last(flows, warmup)
    , m_maxGap(flows, Time(0))
    , m_flowStalls(flows, 0)
    , m_bins(
          static_cast<std::size_t>(std::ceil((end - warmup).GetSeconds() / interval.GetSeconds())),
          0)
    , m_delivered(flows, 0)
{
}

void
DeliveryStats::Record(uint32_t flow, uint32_t bytes)
{
    Time now = Simulator::Now();
    m_delivered[flow] += bytes;
    m_deliveredTotal += bytes;
    while (m_nextMilestone < m_milestones.size()
           && m_deliveredTotal >= m_milestones[m_nextMilestone].first)
    {
        m_milestones[m_nextMilestone++].second = now;
    }
    if (now < m_warmup || now > m_end)
    {
        return;
    }
    Time gap = now - m_last[flow];
    m_maxGap[flow] = std::max(m_maxGap[flow], gap);
    if (gap > m_stall)
    {
        m_stalls.push_back(gap); // rare next to deliveries: amortised growth, no other cost
        ++m_flowStalls[flow];
    }
    m_last[flow] = now;
    m_bytes[flow] += bytes;
    auto bin = static_cast<std::size_t>((now - m_warmup).GetSeconds() / m_interval.GetSeconds());
    m_bins[std::min(bin, m_bins.size() - 1)] += bytes;
}

void
DeliveryStats::TrackMilestones(const std::vector<uint64_t>& bytes)
{
    m_milestones.clear();
    for (uint64_t b : bytes)
    {
        m_milestones.emplace_back(b, Time(-1));
    }
    std::sort(m_milestones.begin(), m_milestones.end());
    m_nextMilestone = 0;
}

Time
DeliveryStats::GetMilestoneTime(uint64_t bytes) const
{
    for (const auto& [b, t] : m_milestones)
    {
        if (b == bytes)
        {
            return t;
        }
    }
    return Time(-1);
}

uint64_t
DeliveryStats::GetDelivered(uint32_t flow) const
{
    return m_delivered[flow];
}

uint64_t
DeliveryStats::GetBytes(uint32_t flow) const
{
    return m_bytes[flow];
}

uint64_t
DeliveryStats::GetTotalBytes() const
{
    uint64_t total = 0;
    for (uint64_t b : m_bytes)
    {
        total += b;
    }
    return total;
}

Time
DeliveryStats::GetMaxGap() const
{
    Time worst(0);
    for (std::size_t f = 0; f < m_last.size(); ++f)
    {
        // The time since the last delivery up to the end is a gap too.
        worst = std::max({worst, m_maxGap[f], m_end - m_last[f]});
    }
    return worst;
}

uint64_t
DeliveryStats::GetStalls() const
{
    uint64_t stalls = m_stalls.size();
    for (const Time& last : m_last)
    {
        stalls += (m_end - last > m_stall) ? 1 : 0;
    }
    return stalls;
}

uint64_t
DeliveryStats::GetStalls(uint32_t flow) const
{
    return m_flowStalls[flow] + ((m_end - m_last[flow] > m_stall) ? 1 : 0);
}

std::vector<Time>
DeliveryStats::GetStallLengths() const
{
    std::vector<Time> lengths = m_stalls;
    for (const Time& last : m_last)
    {
        // The time since the last delivery up to the end, as GetStalls() and GetMaxGap() count.
        if (m_end - last > m_stall)
        {
            lengths.push_back(m_end - last);
        }
    }
    return lengths;
}

double
DeliveryStats::GetPerIntervalCv() const
{
    if (m_bins.empty())
    {
        return 0;
    }
    double mean = 0;
    for (uint64_t b : m_bins)
    {
        mean += b;
    }
    mean /= m_bins.size();
    if (mean == 0)
    {
        return 0;
    }
    double var = 0;
    for (uint64_t b : m_bins)
    {
        var += (b - mean) * (b - mean);
    }
    var /= m_bins.size();
    return std::sqrt(var) / mean;
}

namespace
{
/** \return a TCP socket with the given congestion control and minimum RTO */
Ptr<Socket>
MakeTcpSocket(Ptr<Node> node, TypeId cc, Time minRto)
{
    Ptr<Socket> s = node->GetObject<TcpL4Protocol>()->CreateSocket(cc);
    s->SetAttribute("MinRto", TimeValue(minRto));
    // Linux's minimum delayed-ACK timeout: ns-3's 200 ms against a 200 ms minimum RTO makes
    // a one-segment window time out again and again.
    s->SetAttribute("DelAckTimeout", TimeValue(MilliSeconds(40)));
    return s;
}
} // namespace

BulkSource::BulkSource(Ipv4Address remote,
                       uint16_t port,
                       TypeId congestionControl,
                       uint32_t segmentSize,
                       Time minRto,
                       uint32_t window)
    : m_remote(remote)
    , m_port(port)
    , m_cc(congestionControl)
    , m_segmentSize(segmentSize)
    , m_minRto(minRto)
    , m_window(window)
    , m_chunk(Create<Packet>(16 * segmentSize))
{
}

Ptr<TcpSocketStats>
BulkSource::GetStats() const
{
    return m_stats;
}

void
BulkSource::StartApplication()
{
    m_socket = MakeTcpSocket(GetNode(), m_cc, m_minRto);
    m_socket->SetAttribute("SegmentSize", UintegerValue(m_segmentSize));
    if (m_window > 0)
    {
        m_socket->SetAttribute("SndBufSize", UintegerValue(m_window));
    }
    else
    {
        // A Linux endpoint: both buffers autotuned (the receive side carries only ACKs).
        CreateObject<TcpBufferAutotuning>()->AttachBeforeConnect(m_socket);
    }
    m_stats = Create<TcpSocketStats>(m_socket, true);
    m_socket->Bind();
    m_socket->SetConnectCallback(MakeCallback(&BulkSource::Connected, this),
                                 MakeNullCallback<void, Ptr<Socket>>());
    m_socket->SetSendCallback(MakeCallback(&BulkSource::Fill, this));
    m_socket->Connect(InetSocketAddress(m_remote, m_port));
}

void
BulkSource::StopApplication()
{
    if (m_socket)
    {
        m_stats->Detach();
        m_socket->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
BulkSource::Connected(Ptr<Socket> socket)
{
    Fill(socket, socket->GetTxAvailable());
}

void
BulkSource::Fill(Ptr<Socket> socket, uint32_t available)
{
    while (available > 0)
    {
        uint32_t n = std::min(available, m_chunk->GetSize());
        if (socket->Send(n == m_chunk->GetSize() ? m_chunk : m_chunk->CreateFragment(0, n)) <= 0)
        {
            return;
        }
        available = socket->GetTxAvailable();
    }
}

BulkSink::BulkSink(uint16_t port,
                   uint32_t flow,
                   DeliveryStats* stats,
                   TypeId congestionControl,
                   uint32_t segmentSize,
                   Time minRto,
                   uint32_t window)
    : m_port(port)
    , m_flow(flow)
    , m_delivery(stats)
    , m_cc(congestionControl)
    , m_segmentSize(segmentSize)
    , m_minRto(minRto)
    , m_window(window)
{
}

Ptr<TcpSocketStats>
BulkSink::GetStats() const
{
    return m_stats;
}

void
BulkSink::StartApplication()
{
    m_listener = MakeTcpSocket(GetNode(), m_cc, m_minRto);
    // Accepted sockets copy the listener's segment size and buffers.
    m_listener->SetAttribute("SegmentSize", UintegerValue(m_segmentSize));
    if (m_window > 0)
    {
        m_listener->SetAttribute("RcvBufSize", UintegerValue(m_window));
    }
    else
    {
        CreateObject<TcpBufferAutotuning>()->PrepareListener(m_listener);
    }
    m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port));
    m_listener->Listen();
    m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                  MakeCallback(&BulkSink::Accept, this));
}

void
BulkSink::StopApplication()
{
    if (m_stats)
    {
        m_stats->Detach();
    }
    if (m_accepted)
    {
        m_accepted->Close();
    }
    if (m_listener)
    {
        m_listener->Close();
    }
}

void
BulkSink::Accept(Ptr<Socket> socket, const Address& /* from */)
{
    m_accepted = socket;
    if (m_window == 0)
    {
        CreateObject<TcpBufferAutotuning>()->AttachAccepted(socket);
    }
    m_stats = Create<TcpSocketStats>(socket, false);
    socket->SetRecvCallback(MakeCallback(&BulkSink::Read, this));
}

void
BulkSink::Read(Ptr<Socket> socket)
{
    while (Ptr<Packet> p = socket->Recv())
    {
        if (p->GetSize() == 0)
        {
            break;
        }
        m_delivery->Record(m_flow, p->GetSize());
    }
}

} // namespace tcpencap
