/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "encap-tx-queue.h"

#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("EncapTxQueue");

NS_OBJECT_ENSURE_REGISTERED(EncapTxQueue);
NS_OBJECT_ENSURE_REGISTERED(LinuxEncapTxQueue);
NS_OBJECT_ENSURE_REGISTERED(FifoEncapTxQueue);

TypeId
EncapTxQueue::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::EncapTxQueue")
              .SetParent<Object>()
              .SetGroupName("TcpEncap")
              .AddAttribute(
                  "MaxSize",
                  "Bound of the queue, in packets (frames) or bytes; 0 of either: no "
                  "bound. Only policies that bound the queue use it (FifoEncapTxQueue). "
                  "TcpEncapTransport sets it from QueueMaxPackets / QueueMaxBytes.",
                  QueueSizeValue(QueueSize("1000p")),
                  MakeQueueSizeAccessor(&EncapTxQueue::SetMaxSize, &EncapTxQueue::GetMaxSize),
                  MakeQueueSizeChecker())
              .AddTraceSource("Enqueue",
                              "A frame was accepted into the queue.",
                              MakeTraceSourceAccessor(&EncapTxQueue::m_traceEnqueue),
                              "ns3::Packet::TracedCallback")
              .AddTraceSource("Dequeue",
                              "A frame left the queue, written completely to the stream.",
                              MakeTraceSourceAccessor(&EncapTxQueue::m_traceDequeue),
                              "ns3::Packet::TracedCallback")
              .AddTraceSource("Drop",
                              "A frame was dropped: refused on arrival, or dropped half-written "
                              "with its connection, or by Clear.",
                              MakeTraceSourceAccessor(&EncapTxQueue::m_traceDrop),
                              "ns3::Packet::TracedCallback")
              .AddTraceSource("DropBeforeEnqueue",
                              "A frame was refused on arrival: the policy found the queue full.",
                              MakeTraceSourceAccessor(&EncapTxQueue::m_traceDropBeforeEnqueue),
                              "ns3::Packet::TracedCallback")
              .AddTraceSource("PacketsInQueue",
                              "Frames waiting, a partly written one included.",
                              MakeTraceSourceAccessor(&EncapTxQueue::m_nPackets),
                              "ns3::TracedValueCallback::Uint32")
              .AddTraceSource("BytesInQueue",
                              "Bytes waiting, not yet written to the stream.",
                              MakeTraceSourceAccessor(&EncapTxQueue::m_nBytes),
                              "ns3::TracedValueCallback::Uint32");
    return tid;
}

TypeId
EncapTxQueue::GetPolicyTypeId(Policy policy)
{
    return policy == FIFO ? FifoEncapTxQueue::GetTypeId() : LinuxEncapTxQueue::GetTypeId();
}

EncapTxQueue::EncapTxQueue()
    : m_maxSize(QueueSizeUnit::PACKETS, 0)
    , m_headOffset(0)
    , m_drops(0)
    , m_partialDrops(0)
    , m_nPackets(0)
    , m_nBytes(0)
{
    NS_LOG_FUNCTION(this);
}

EncapTxQueue::~EncapTxQueue()
{
    NS_LOG_FUNCTION(this);
}

void
EncapTxQueue::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_frames.clear();
    m_headOffset = 0;
    m_nPackets = 0;
    m_nBytes = 0;
    Object::DoDispose();
}

void
EncapTxQueue::SetMaxSize(QueueSize size)
{
    NS_LOG_FUNCTION(this << size);
    m_maxSize = size;
}

QueueSize
EncapTxQueue::GetMaxSize() const
{
    return m_maxSize;
}

bool
EncapTxQueue::Enqueue(Ptr<Packet> frame, bool droppable)
{
    NS_LOG_FUNCTION(this << frame->GetSize() << droppable);
    if (droppable && IsFull(frame))
    {
        NS_LOG_LOGIC("queue full (" << m_nPackets << " frames, " << m_nBytes
                                    << " bytes): dropping a " << frame->GetSize() << "-byte frame");
        ++m_drops;
        m_traceDropBeforeEnqueue(frame);
        m_traceDrop(frame);
        return false;
    }
    m_frames.push_back(frame);
    m_nPackets = m_nPackets + 1;
    m_nBytes = m_nBytes + frame->GetSize();
    m_traceEnqueue(frame);
    return true;
}

uint32_t
EncapTxQueue::Drain(uint32_t available, WriteCallback write, uint32_t maxWrites)
{
    NS_LOG_FUNCTION(this << available << maxWrites);
    uint32_t written = 0;
    for (uint32_t writes = 0; !m_frames.empty() && available > 0 && writes < maxWrites; ++writes)
    {
        Ptr<Packet> head = m_frames.front();
        uint32_t remaining = head->GetSize() - m_headOffset;
        uint32_t n = std::min(remaining, available);
        if (m_headOffset == 0 && n == remaining)
        {
            write(head);
        }
        else
        {
            NS_LOG_LOGIC("writing bytes " << m_headOffset << ".." << m_headOffset + n << " of a "
                                          << head->GetSize() << "-byte frame");
            write(head->CreateFragment(m_headOffset, n));
        }
        written += n;
        available -= n;
        m_nBytes = m_nBytes - n;
        if (n == remaining)
        {
            m_frames.pop_front();
            m_headOffset = 0;
            m_nPackets = m_nPackets - 1;
            m_traceDequeue(head);
        }
        else
        {
            m_headOffset += n;
        }
    }
    return written;
}

void
EncapTxQueue::DropFrame(Ptr<const Packet> frame)
{
    ++m_partialDrops;
    m_traceDrop(frame);
}

bool
EncapTxQueue::DropPartial()
{
    NS_LOG_FUNCTION(this);
    if (m_frames.empty() || m_headOffset == 0)
    {
        return false;
    }
    Ptr<Packet> head = m_frames.front();
    NS_LOG_LOGIC("dropping the rest of a half-written frame: "
                 << head->GetSize() - m_headOffset << " of " << head->GetSize() << " bytes");
    m_nBytes = m_nBytes - (head->GetSize() - m_headOffset);
    m_frames.pop_front();
    m_headOffset = 0;
    m_nPackets = m_nPackets - 1;
    DropFrame(head);
    return true;
}

void
EncapTxQueue::Clear()
{
    NS_LOG_FUNCTION(this);
    if (!m_frames.empty())
    {
        NS_LOG_LOGIC("dropping " << m_frames.size() << " frames");
    }
    std::deque<Ptr<Packet>> frames;
    frames.swap(m_frames);
    m_headOffset = 0;
    m_nPackets = 0;
    m_nBytes = 0;
    for (const auto& frame : frames)
    {
        DropFrame(frame);
    }
}

bool
EncapTxQueue::IsEmpty() const
{
    return m_frames.empty();
}

uint32_t
EncapTxQueue::GetPackets() const
{
    return m_nPackets;
}

uint64_t
EncapTxQueue::GetBytes() const
{
    return m_nBytes;
}

uint64_t
EncapTxQueue::GetDrops() const
{
    return m_drops;
}

uint64_t
EncapTxQueue::GetPartialDrops() const
{
    return m_partialDrops;
}

// --- LinuxEncapTxQueue ---------------------------------------------------------------------

TypeId
LinuxEncapTxQueue::GetTypeId()
{
    static TypeId tid = TypeId("ns3::LinuxEncapTxQueue")
                            .SetParent<EncapTxQueue>()
                            .SetGroupName("TcpEncap")
                            .AddConstructor<LinuxEncapTxQueue>();
    return tid;
}

LinuxEncapTxQueue::LinuxEncapTxQueue()
{
    NS_LOG_FUNCTION(this);
}

LinuxEncapTxQueue::~LinuxEncapTxQueue() = default;

bool
LinuxEncapTxQueue::IsFull(Ptr<const Packet> /* frame */) const
{
    return !IsEmpty(); // espintcp: one frame waits, the rest get ENOBUFS
}

// --- FifoEncapTxQueue ----------------------------------------------------------------------

TypeId
FifoEncapTxQueue::GetTypeId()
{
    static TypeId tid = TypeId("ns3::FifoEncapTxQueue")
                            .SetParent<EncapTxQueue>()
                            .SetGroupName("TcpEncap")
                            .AddConstructor<FifoEncapTxQueue>()
                            .AddAttribute("MaxBytes",
                                          "A second bound in bytes, checked besides MaxSize "
                                          "(0: none). TcpEncapTransport sets it from "
                                          "QueueMaxBytes when QueueMaxPackets bounds MaxSize.",
                                          UintegerValue(0),
                                          MakeUintegerAccessor(&FifoEncapTxQueue::m_maxBytes),
                                          MakeUintegerChecker<uint32_t>());
    return tid;
}

FifoEncapTxQueue::FifoEncapTxQueue()
    : m_maxBytes(0)
{
    NS_LOG_FUNCTION(this);
}

FifoEncapTxQueue::~FifoEncapTxQueue() = default;

bool
FifoEncapTxQueue::IsFull(Ptr<const Packet> frame) const
{
    QueueSize max = GetMaxSize();
    uint64_t bytes = GetBytes() + frame->GetSize();
    bool full = false;
    if (max.GetValue() > 0)
    {
        full = max.GetUnit() == QueueSizeUnit::PACKETS ? GetPackets() >= max.GetValue()
                                                       : bytes > max.GetValue();
    }
    return full || (m_maxBytes > 0 && bytes > m_maxBytes);
}

} // namespace ns3
