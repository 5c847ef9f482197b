/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "cbr-flow.h"

#include "ns3/inet-socket-address.h"
#include "ns3/packet.h"
#include "ns3/seq-ts-header.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"

#include <cmath>

using namespace ns3;

namespace tcpencap
{

CbrSender::CbrSender(Ipv4Address remote, uint16_t port, DataRate rate, uint32_t size)
    : m_remote(remote)
    , m_port(port)
    , m_rate(rate)
    , m_size(size)
{
}

void
CbrSender::SetMeasuredPeriod(Time from, Time to)
{
    m_from = from;
    m_to = to;
}

uint64_t
CbrSender::GetSent() const
{
    return m_sent;
}

void
CbrSender::StartApplication()
{
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_socket->Bind();
    m_socket->Connect(InetSocketAddress(m_remote, m_port));
    SendOne();
}

void
CbrSender::StopApplication()
{
    m_next.Cancel();
    if (m_socket)
    {
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
CbrSender::SendOne()
{
    SeqTsHeader stamp;
    stamp.SetSeq(m_seq);
    Ptr<Packet> p = Create<Packet>(
        m_size > stamp.GetSerializedSize() ? m_size - stamp.GetSerializedSize() : 0);
    p->AddHeader(stamp);
    Time now = Simulator::Now();
    bool measured = now >= m_from && now <= m_to;
    m_measured.push_back(measured);
    m_sent += measured;
    ++m_seq;
    m_socket->Send(p);
    m_next = Simulator::Schedule(m_rate.CalculateBytesTxTime(m_size), &CbrSender::SendOne, this);
}

CbrReceiver::CbrReceiver(uint16_t port, Ptr<CbrSender> sender)
    : m_port(port)
    , m_sender(sender)
{
}

void
CbrReceiver::StartApplication()
{
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port));
    m_socket->SetRecvCallback(MakeCallback(&CbrReceiver::Read, this));
}

void
CbrReceiver::StopApplication()
{
    if (m_socket)
    {
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
CbrReceiver::Read(Ptr<Socket> socket)
{
    while (Ptr<Packet> p = socket->Recv())
    {
        SeqTsHeader stamp;
        if (p->GetSize() < stamp.GetSerializedSize())
        {
            continue;
        }
        p->RemoveHeader(stamp);
        uint32_t seq = stamp.GetSeq();
        const auto& measured = m_sender->m_measured;
        if (seq >= measured.size() || !measured[seq])
        {
            continue;
        }
        if (m_seen.size() <= seq)
        {
            m_seen.resize(seq + 1, false);
        }
        if (m_seen[seq])
        {
            continue;
        }
        m_seen[seq] = true;
        ++m_received;
        double delay = (Simulator::Now() - stamp.GetTs()).GetSeconds() * 1000;
        if (!m_delays.empty())
        {
            m_jitterSum += std::abs(delay - m_delays.back());
            ++m_jitterCount;
        }
        m_delays.push_back(delay);
    }
}

double
CbrReceiver::GetLoss() const
{
    uint64_t sent = m_sender->GetSent();
    return sent ? 1.0 - double(m_received) / sent : 0.0;
}

uint64_t
CbrReceiver::GetReceived() const
{
    return m_received;
}

uint64_t
CbrReceiver::GetSent() const
{
    return m_sender->GetSent();
}

const std::vector<double>&
CbrReceiver::GetDelaysMs() const
{
    return m_delays;
}

double
CbrReceiver::GetJitterMs() const
{
    return m_jitterCount ? m_jitterSum / m_jitterCount : 0.0;
}

} // namespace tcpencap
