/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-buffer-autotuning.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/integer.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/tcp-bbr.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-rx-buffer.h"
#include "ns3/tcp-socket-base.h"
#include "ns3/tcp-tx-buffer.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <climits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpBufferAutotuning");

NS_OBJECT_ENSURE_REGISTERED(TcpBufferAutotuning);

namespace
{

/** Bytes of the timestamp option in every segment once negotiated (RFC 7323, padded). */
constexpr uint32_t TIMESTAMP_OPTION = 12;

/** \param v a value \return the smallest power of two not below it */
uint64_t
RoundUpPowerOfTwo(uint64_t v)
{
    uint64_t p = 1;
    while (p < v)
    {
        p <<= 1;
    }
    return p;
}

/**
 * \param socket a TCP socket
 * \param name an unsigned integer attribute
 * \return its value
 */
uint32_t
GetUinteger(Ptr<const Socket> socket, const std::string& name)
{
    UintegerValue v;
    socket->GetAttribute(name, v);
    return static_cast<uint32_t>(v.Get());
}

/**
 * \param memory send buffer, bytes of memory
 * \param model translation
 * \param segmentSize payload per segment
 * \param perMss memory per segment
 * \return payload bytes
 */
uint32_t
PayloadOf(uint32_t memory,
          TcpBufferAutotuning::SndMemoryModel model,
          uint32_t segmentSize,
          uint32_t perMss)
{
    if (model == TcpBufferAutotuning::GSO)
    {
        return memory;
    }
    return static_cast<uint32_t>(static_cast<uint64_t>(memory) * segmentSize / perMss);
}

} // namespace

TypeId
TcpBufferAutotuning::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::TcpBufferAutotuning")
              .SetParent<Object>()
              .SetGroupName("TcpEncap")
              .AddConstructor<TcpBufferAutotuning>()
              .AddAttribute("TcpWmemMin",
                            "tcp_wmem[0], bytes of memory: the send buffer under memory pressure "
                            "(not modelled; checked to be at most TcpWmemDefault).",
                            UintegerValue(4096),
                            MakeUintegerAccessor(&TcpBufferAutotuning::m_wmemMin),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("TcpWmemDefault",
                            "tcp_wmem[1], bytes of memory: a new socket's send buffer "
                            "(Linux 6.1: 16384).",
                            UintegerValue(16384),
                            MakeUintegerAccessor(&TcpBufferAutotuning::m_wmemDefault),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("TcpWmemMax",
                            "tcp_wmem[2], bytes of memory: the most the send buffer grows to "
                            "(Linux 6.1: 4194304).",
                            UintegerValue(4194304),
                            MakeUintegerAccessor(&TcpBufferAutotuning::m_wmemMax),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("TcpRmemMin",
                            "tcp_rmem[0], bytes of memory: the receive buffer under memory "
                            "pressure (not modelled; checked to be at most TcpRmemDefault).",
                            UintegerValue(4096),
                            MakeUintegerAccessor(&TcpBufferAutotuning::m_rmemMin),
                            MakeUintegerChecker<uint32_t>())
              .AddAttribute("TcpRmemDefault",
                            "tcp_rmem[1], bytes of memory: a new socket's receive buffer "
                            "(Linux 6.1: 131072; the window is half of it).",
                            UintegerValue(131072),
                            MakeUintegerAccessor(&TcpBufferAutotuning::m_rmemDefault),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("TcpRmemMax",
                            "tcp_rmem[2], bytes of memory: the most the receive buffer grows to "
                            "(Linux 6.1: 6291456); it also sets the window scale.",
                            UintegerValue(6291456),
                            MakeUintegerAccessor(&TcpBufferAutotuning::m_rmemMax),
                            MakeUintegerChecker<uint32_t>(1))
              .AddAttribute("AdvWinScale",
                            "tcp_adv_win_scale: the window is rcvbuf - rcvbuf / 2^s for s > 0, "
                            "rcvbuf / 2^-s for s <= 0 (Linux up to 6.5: 1).",
                            IntegerValue(1),
                            MakeIntegerAccessor(&TcpBufferAutotuning::m_advWinScale),
                            MakeIntegerChecker<int32_t>(-4, 31))
              .AddAttribute(
                  "SndMemoryModel",
                  "How send-buffer memory translates into payload: skb-per-segment (each "
                  "segment costs per_mss bytes, the worst case tcp_sndbuf_expand sizes for: "
                  "2 x cwnd of payload) or gso (payload = memory: large GSO packets).",
                  EnumValue(SKB_PER_SEGMENT),
                  MakeEnumAccessor<SndMemoryModel>(&TcpBufferAutotuning::m_sndMemoryModel),
                  MakeEnumChecker(SKB_PER_SEGMENT, "skb-per-segment", GSO, "gso"))
              .AddAttribute("TuneSend",
                            "Size the send buffer; false leaves SndBufSize as set (as Linux does "
                            "after setsockopt SO_SNDBUF).",
                            BooleanValue(true),
                            MakeBooleanAccessor(&TcpBufferAutotuning::m_tuneSend),
                            MakeBooleanChecker())
              .AddAttribute("TuneReceive",
                            "Size the receive buffer; false leaves RcvBufSize as set (as Linux "
                            "does after setsockopt SO_RCVBUF).",
                            BooleanValue(true),
                            MakeBooleanAccessor(&TcpBufferAutotuning::m_tuneReceive),
                            MakeBooleanChecker())
              .AddTraceSource("SndBuf",
                              "Linux's sk_sndbuf, bytes of memory.",
                              MakeTraceSourceAccessor(&TcpBufferAutotuning::m_sndBuf),
                              "ns3::TracedValueCallback::Uint32")
              .AddTraceSource("SndBufPayload",
                              "The send buffer given to the socket (SndBufSize), payload bytes.",
                              MakeTraceSourceAccessor(&TcpBufferAutotuning::m_sndBufPayload),
                              "ns3::TracedValueCallback::Uint32")
              .AddTraceSource("RcvBuf",
                              "Linux's sk_rcvbuf, bytes of memory.",
                              MakeTraceSourceAccessor(&TcpBufferAutotuning::m_rcvBuf),
                              "ns3::TracedValueCallback::Uint32")
              .AddTraceSource("RcvBufPayload",
                              "The receive buffer given to the socket (RcvBufSize: the window "
                              "clamp, tcp_win_from_space(sk_rcvbuf)), bytes.",
                              MakeTraceSourceAccessor(&TcpBufferAutotuning::m_rcvBufPayload),
                              "ns3::TracedValueCallback::Uint32")
              .AddTraceSource("ReceiverRtt",
                              "The receiver's RTT estimate (Linux's rcv_rtt_est).",
                              MakeTraceSourceAccessor(&TcpBufferAutotuning::m_receiverRtt),
                              "ns3::TracedValueCallback::Time");
    return tid;
}

TcpBufferAutotuning::TcpBufferAutotuning()
{
    NS_LOG_FUNCTION(this);
}

TcpBufferAutotuning::~TcpBufferAutotuning()
{
    NS_LOG_FUNCTION(this);
}

void
TcpBufferAutotuning::DoDispose()
{
    NS_LOG_FUNCTION(this);
    // The socket is part of the same aggregate and goes away with us: nothing to disconnect.
    m_socket = nullptr;
    Object::DoDispose();
}

uint32_t
TcpBufferAutotuning::GetSndMemPerSegment(uint32_t mss)
{
    return static_cast<uint32_t>(RoundUpPowerOfTwo(mss + MAX_TCP_HEADER + SKB_SHARED_INFO))
           + SK_BUFF;
}

uint32_t
TcpBufferAutotuning::WinFromSpace(uint64_t space, int32_t advWinScale)
{
    NS_LOG_FUNCTION(space << advWinScale);
    uint64_t win = advWinScale <= 0 ? space >> -advWinScale : space - (space >> advWinScale);
    return static_cast<uint32_t>(std::min<uint64_t>(win, UINT32_MAX));
}

uint32_t
TcpBufferAutotuning::GetRcvMemPerSegment(uint32_t advmss, int32_t advWinScale)
{
    // SKB_TRUESIZE(advmss + MAX_TCP_HEADER), then 128 more at a time until its window share
    // holds a segment.
    uint64_t rcvmem = advmss + MAX_TCP_HEADER + SK_BUFF + SKB_SHARED_INFO;
    while (WinFromSpace(rcvmem, advWinScale) < advmss)
    {
        rcvmem += 128;
    }
    return static_cast<uint32_t>(rcvmem);
}

uint32_t
TcpBufferAutotuning::GetSndBufTarget(uint32_t cwndSegments) const
{
    uint64_t segments = std::max({INIT_CWND, cwndSegments, m_reordering + 1});
    uint64_t sndmem = m_sndFactor * segments * m_perMss;
    return static_cast<uint32_t>(std::min<uint64_t>(sndmem, m_wmemMax));
}

uint32_t
TcpBufferAutotuning::GetRcvBufTarget(uint32_t copied, uint32_t space) const
{
    NS_ASSERT(space > 0 && copied > space && m_segmentSize > 0);
    uint64_t advmss = m_segmentSize;
    // Twice what arrived in the last RTT (a loss costs an RTT of buffering) and a cushion...
    uint64_t rcvwin = 2 * static_cast<uint64_t>(copied) + 16 * advmss;
    // ...and room for a sender that grows as fast as it did (slow start doubles per RTT).
    uint64_t grow = rcvwin * (copied - space) / space;
    rcvwin += 2 * grow;
    uint64_t rcvbuf = rcvwin / advmss * m_rcvMem;
    return static_cast<uint32_t>(std::min<uint64_t>(rcvbuf, m_rmemMax));
}

uint32_t
TcpBufferAutotuning::SndMemoryToPayload(uint32_t memory) const
{
    return PayloadOf(memory, m_sndMemoryModel, m_segmentSize, m_perMss);
}

void
TcpBufferAutotuning::PrepareListener(Ptr<Socket> listener) const
{
    NS_LOG_FUNCTION(this << listener);
    NS_ABORT_MSG_UNLESS(DynamicCast<TcpSocketBase>(listener),
                        "TcpBufferAutotuning needs a TcpSocketBase");
    uint32_t segmentSize = GetUinteger(listener, "SegmentSize");
    BooleanValue ts;
    listener->GetAttribute("Timestamp", ts);
    uint32_t perMss = GetSndMemPerSegment(segmentSize + (ts.Get() ? TIMESTAMP_OPTION : 0));
    if (m_tuneSend)
    {
        listener->SetAttribute(
            "SndBufSize",
            UintegerValue(PayloadOf(m_wmemDefault, m_sndMemoryModel, segmentSize, perMss)));
    }
    if (m_tuneReceive)
    {
        // The accepted sockets send their SYN-ACK with this: the window scale of tcp_rmem[2].
        listener->SetAttribute("RcvBufSize", UintegerValue(m_rmemMax));
    }
}

void
TcpBufferAutotuning::AttachBeforeConnect(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Attach(socket, false);
}

void
TcpBufferAutotuning::AttachAccepted(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Attach(socket, true);
}

void
TcpBufferAutotuning::Attach(Ptr<Socket> socket, bool established)
{
    NS_LOG_FUNCTION(this << socket << established);
    NS_ABORT_MSG_IF(m_socket, "TcpBufferAutotuning: already attached to a socket");
    Ptr<TcpSocketBase> tcp = DynamicCast<TcpSocketBase>(socket);
    NS_ABORT_MSG_UNLESS(tcp, "TcpBufferAutotuning needs a TcpSocketBase");
    NS_ABORT_MSG_IF(tcp->GetObject<TcpBufferAutotuning>(),
                    "TcpBufferAutotuning: the socket already has one");
    NS_ABORT_MSG_UNLESS(m_wmemMin <= m_wmemDefault && m_wmemDefault <= m_wmemMax
                            && m_rmemMin <= m_rmemDefault && m_rmemDefault <= m_rmemMax,
                        "TcpBufferAutotuning: tcp_wmem and tcp_rmem must be min <= default <= "
                        "max");

    m_segmentSize = GetUinteger(tcp, "SegmentSize");
    BooleanValue ts;
    tcp->GetAttribute("Timestamp", ts);
    m_mssForMemory = m_segmentSize + (ts.Get() ? TIMESTAMP_OPTION : 0);
    m_perMss = GetSndMemPerSegment(m_mssForMemory);
    m_rcvMem = GetRcvMemPerSegment(m_segmentSize, m_advWinScale);
    m_reordering = tcp->GetRetxThresh();
    m_initialCwnd = GetUinteger(tcp, "InitialCwnd");
    m_rcvMss = std::max(88U, std::min(536U, m_segmentSize)); // tcp_initialize_rcv_mss
    PointerValue cc;
    tcp->GetAttribute("CongestionOps", cc);
    Ptr<TcpCongestionOps> ops = cc.Get<TcpCongestionOps>();
    if (ops
        && (ops->GetInstanceTypeId() == TcpBbr::GetTypeId()
            || ops->GetInstanceTypeId().IsChildOf(TcpBbr::GetTypeId())))
    {
        m_sndFactor = 3; // bbr_sndbuf_expand: BBR may slow-start even during recovery
    }

    m_socket = PeekPointer(tcp);
    tcp->AggregateObject(Ptr<Object>(this));
    tcp->TraceConnectWithoutContext("Rx", MakeCallback(&TcpBufferAutotuning::Rx, this));
    tcp->TraceConnectWithoutContext("CongestionWindow",
                                    MakeCallback(&TcpBufferAutotuning::CwndChanged, this));
    if (established)
    {
        Established();
        return;
    }
    tcp->TraceConnectWithoutContext("State",
                                    MakeCallback(&TcpBufferAutotuning::StateChanged, this));
    if (m_tuneSend)
    {
        SetSndBuf(m_wmemDefault);
    }
    if (m_tuneReceive)
    {
        // Until ESTABLISHED: the SYN's window scale is computed from this (tcp_rmem[2], as
        // Linux computes it); nothing is received before the drop to the default.
        tcp->SetAttribute("RcvBufSize", UintegerValue(m_rmemMax));
    }
}

void
TcpBufferAutotuning::StateChanged(TcpSocket::TcpStates_t /* oldState */,
                                  TcpSocket::TcpStates_t newState)
{
    NS_LOG_FUNCTION(this);
    if (newState == TcpSocket::ESTABLISHED && !m_established && m_socket)
    {
        Established();
    }
}

void
TcpBufferAutotuning::Established()
{
    NS_LOG_FUNCTION(this);
    m_established = true;
    if (m_cwnd == 0)
    {
        m_cwnd = m_initialCwnd * m_segmentSize;
    }
    // tcp_init_buffer_space
    if (m_tuneSend)
    {
        uint32_t current = m_sndBuf == 0 ? m_wmemDefault : m_sndBuf.Get();
        SetSndBuf(std::max(current, GetSndBufTarget(m_cwnd / m_segmentSize)));
    }
    if (m_tuneReceive)
    {
        SetRcvBuf(m_rmemDefault);
    }
    m_rcvqSpace = std::min(m_rcvBufPayload.Get(), INIT_CWND * m_segmentSize);
    m_rcvqSeq = CopiedSeq();
    m_rcvqTime = Simulator::Now();
}

void
TcpBufferAutotuning::CwndChanged(uint32_t /* oldCwnd */, uint32_t newCwnd)
{
    NS_LOG_FUNCTION(this << newCwnd);
    m_cwnd = newCwnd;
}

SequenceNumber32
TcpBufferAutotuning::CopiedSeq() const
{
    Ptr<TcpRxBuffer> rx = m_socket->GetRxBuffer();
    return rx->NextRxSequence() - static_cast<int32_t>(rx->Available());
}

void
TcpBufferAutotuning::Rx(Ptr<const Packet> p, const TcpHeader& h, Ptr<const TcpSocketBase> /* s */)
{
    NS_LOG_FUNCTION(this << p);
    if (!m_established || !m_socket)
    {
        return;
    }
    if (m_tuneSend && (h.GetFlags() & TcpHeader::ACK))
    {
        CheckSndBuf(h);
    }
    if (m_tuneReceive && p->GetSize() > 0)
    {
        ReceiveData(p, h);
    }
}

void
TcpBufferAutotuning::CheckSndBuf(const TcpHeader& h)
{
    NS_LOG_FUNCTION(this);
    Ptr<TcpTxBuffer> tx = m_socket->GetTxBuffer();
    if (h.GetAckNumber() <= tx->HeadSequence())
    {
        return; // acknowledges nothing new: Linux's queue did not shrink
    }
    if (tx->Available() >= m_segmentSize)
    {
        return; // the application left room: it is not waiting for space (no SOCK_NOSPACE)
    }
    if (tx->BytesInFlight() + m_segmentSize > m_cwnd)
    {
        return; // the congestion window is filled: it, not the buffer, limits the sender
    }
    uint32_t target = GetSndBufTarget(m_cwnd / m_segmentSize);
    if (target > m_sndBuf)
    {
        ++m_sndExpansions;
        SetSndBuf(target);
    }
}

void
TcpBufferAutotuning::ReceiveData(Ptr<const Packet> p, const TcpHeader& h)
{
    NS_LOG_FUNCTION(this << p);
    Ptr<TcpRxBuffer> rx = m_socket->GetRxBuffer();
    uint32_t len = p->GetSize();
    SequenceNumber32 seq = h.GetSequenceNumber();
    SequenceNumber32 rcvNxt = rx->NextRxSequence();
    if (seq + SequenceNumber32(len) <= rcvNxt)
    {
        return; // nothing new
    }

    // tcp_rcv_rtt_measure_ts: one sample per new echoed timestamp, from a full-sized segment.
    if (h.HasOption(TcpOption::TS))
    {
        Ptr<const TcpOptionTS> ts = DynamicCast<const TcpOptionTS>(h.GetOption(TcpOption::TS));
        uint32_t tsecr = ts->GetEcho();
        if (tsecr != 0 && !(m_anyTsecr && tsecr == m_lastTsecr))
        {
            m_anyTsecr = true;
            m_lastTsecr = tsecr;
            if (len >= m_rcvMss)
            {
                uint32_t deltaMs = TcpOptionTS::NowToTsValue() - tsecr;
                if (deltaMs < INT_MAX / 1000)
                {
                    UpdateReceiverRtt(std::max(deltaMs, 1U) * 1000ULL, false);
                }
            }
        }
    }

    // tcp_measure_rcv_mss, simplified: the largest segment seen, at most our own MSS.
    if (len >= m_rcvMss)
    {
        m_rcvMss = std::min(len, m_segmentSize);
    }

    // tcp_rcv_rtt_measure: in-order data, the time to receive one advertised window.
    if (seq <= rcvNxt)
    {
        Time now = Simulator::Now();
        SequenceNumber32 newRcvNxt = seq + SequenceNumber32(len);
        bool restart = !m_winMeasure;
        if (m_winMeasure && newRcvNxt >= m_winMeasureSeq)
        {
            uint64_t us = static_cast<uint64_t>((now - m_winMeasureStart).GetMicroSeconds());
            UpdateReceiverRtt(std::max<uint64_t>(us, 1), true);
            restart = true;
        }
        if (restart)
        {
            m_winMeasure = true;
            m_winMeasureSeq = newRcvNxt + (rx->MaxRxSequence() - rcvNxt);
            m_winMeasureStart = now;
        }
    }

    AdjustRcvSpace();
}

void
TcpBufferAutotuning::UpdateReceiverRtt(uint64_t sampleUs, bool windowBased)
{
    NS_LOG_FUNCTION(this << sampleUs << windowBased);
    if (m_rcvRtt8Us == 0)
    {
        m_rcvRtt8Us = sampleUs << 3;
    }
    else if (!windowBased)
    {
        m_rcvRtt8Us = m_rcvRtt8Us - (m_rcvRtt8Us >> 3) + sampleUs; // gain 1/8
    }
    else if ((sampleUs << 3) < m_rcvRtt8Us)
    {
        m_rcvRtt8Us = sampleUs << 3; // per-window samples only ever lower it
    }
    m_receiverRtt = MicroSeconds(static_cast<int64_t>(m_rcvRtt8Us >> 3));
}

void
TcpBufferAutotuning::AdjustRcvSpace()
{
    NS_LOG_FUNCTION(this);
    if (m_rcvRtt8Us == 0)
    {
        return;
    }
    Time now = Simulator::Now();
    if (static_cast<uint64_t>((now - m_rcvqTime).GetMicroSeconds()) < (m_rcvRtt8Us >> 3))
    {
        return;
    }
    SequenceNumber32 copiedSeq = CopiedSeq();
    uint32_t copied = static_cast<uint32_t>(copiedSeq - m_rcvqSeq);
    if (copied > m_rcvqSpace && m_rcvqSpace > 0)
    {
        uint32_t rcvbuf = GetRcvBufTarget(copied, m_rcvqSpace);
        if (rcvbuf > m_rcvBuf)
        {
            ++m_rcvExpansions;
            SetRcvBuf(rcvbuf);
        }
        m_rcvqSpace = copied;
    }
    m_rcvqSeq = copiedSeq;
    m_rcvqTime = now;
}

void
TcpBufferAutotuning::SetSndBuf(uint32_t memory)
{
    NS_LOG_FUNCTION(this << memory);
    m_sndBuf = memory;
    m_sndBufPayload = SndMemoryToPayload(memory);
    // What TcpSocketBase::SetSndBufSize does; the buffer never shrinks below its contents.
    Ptr<TcpTxBuffer> tx = m_socket->GetTxBuffer();
    tx->SetMaxBufferSize(std::max(m_sndBufPayload.Get(), tx->Size()));
    NS_LOG_INFO("sndbuf " << memory << " (" << m_sndBufPayload << " payload)");
}

void
TcpBufferAutotuning::SetRcvBuf(uint32_t memory)
{
    NS_LOG_FUNCTION(this << memory);
    m_rcvBuf = memory;
    m_rcvBufPayload = WinFromSpace(memory, m_advWinScale);
    // The limit RcvBufSize sets, without the ACK its setter sends when the buffer grows: that
    // ACK would repeat the last one (a duplicate ACK to a sender without SACK); the ACK of the
    // segment arriving now carries the new window.
    m_socket->GetRxBuffer()->SetMaxBufferSize(m_rcvBufPayload);
    NS_LOG_INFO("rcvbuf " << memory << " (window clamp " << m_rcvBufPayload << ")");
}

uint32_t
TcpBufferAutotuning::GetSndBuf() const
{
    return m_sndBuf;
}

uint32_t
TcpBufferAutotuning::GetSndBufPayload() const
{
    return m_sndBufPayload;
}

uint32_t
TcpBufferAutotuning::GetRcvBuf() const
{
    return m_rcvBuf;
}

uint32_t
TcpBufferAutotuning::GetRcvBufPayload() const
{
    return m_rcvBufPayload;
}

Time
TcpBufferAutotuning::GetReceiverRtt() const
{
    return m_receiverRtt;
}

uint32_t
TcpBufferAutotuning::GetSndExpansions() const
{
    return m_sndExpansions;
}

uint32_t
TcpBufferAutotuning::GetRcvExpansions() const
{
    return m_rcvExpansions;
}

} // namespace ns3
