/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-encap-test-apps.h"

#include "ns3/inet-socket-address.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{
namespace tcpencaptest
{

uint8_t
PatternByte(uint64_t offset)
{
    return static_cast<uint8_t>((offset * 131) ^ (offset >> 9) ^ (offset >> 17));
}

PatternSource::PatternSource(Ipv4Address remote,
                             uint16_t port,
                             uint64_t totalBytes,
                             uint32_t segmentSize)
    : m_remote(remote)
    , m_port(port)
    , m_total(totalBytes)
    , m_segmentSize(segmentSize)
    , m_buf(16384)
{
}

uint64_t
PatternSource::GetSent() const
{
    return m_sent;
}

void
PatternSource::StartApplication()
{
    m_socket = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    m_socket->SetAttribute("SegmentSize", UintegerValue(m_segmentSize));
    m_socket->Bind();
    m_socket->Connect(InetSocketAddress(m_remote, m_port));
    m_socket->SetSendCallback(MakeCallback(&PatternSource::Fill, this));
    m_socket->SetConnectCallback(MakeCallback(&PatternSource::Connected, this),
                                 MakeNullCallback<void, Ptr<Socket>>());
}

void
PatternSource::Connected(Ptr<Socket> socket)
{
    Fill(socket, socket->GetTxAvailable());
}

void
PatternSource::StopApplication()
{
    if (m_socket)
    {
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
PatternSource::Fill(Ptr<Socket> socket, uint32_t available)
{
    while (m_sent < m_total && available > 0)
    {
        uint32_t n = static_cast<uint32_t>(
            std::min<uint64_t>({m_total - m_sent, available, m_buf.size()}));
        for (uint32_t i = 0; i < n; ++i)
        {
            m_buf[i] = PatternByte(m_sent + i);
        }
        int sent = socket->Send(Create<Packet>(m_buf.data(), n));
        if (sent <= 0)
        {
            return;
        }
        m_sent += static_cast<uint32_t>(sent);
        available = socket->GetTxAvailable();
    }
    if (m_sent == m_total)
    {
        socket->Close();
    }
}

PatternSink::PatternSink(uint16_t port)
    : m_port(port)
    , m_buf(65536)
{
}

uint64_t
PatternSink::GetReceived() const
{
    return m_received;
}

uint64_t
PatternSink::GetMismatches() const
{
    return m_mismatches;
}

Time
PatternSink::GetLastRx() const
{
    return m_lastRx;
}

void
PatternSink::StartApplication()
{
    m_listener = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port));
    m_listener->Listen();
    m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                  MakeCallback(&PatternSink::Accept, this));
}

void
PatternSink::StopApplication()
{
    for (auto& s : m_accepted)
    {
        s->Close();
    }
    m_accepted.clear();
    if (m_listener)
    {
        m_listener->Close();
        m_listener = nullptr;
    }
}

void
PatternSink::Accept(Ptr<Socket> socket, const Address& /* from */)
{
    socket->SetRecvCallback(MakeCallback(&PatternSink::Read, this));
    m_accepted.push_back(socket);
}

void
PatternSink::Read(Ptr<Socket> socket)
{
    while (Ptr<Packet> p = socket->Recv())
    {
        uint32_t n = p->GetSize();
        if (n == 0)
        {
            break;
        }
        if (m_buf.size() < n)
        {
            m_buf.resize(n);
        }
        p->CopyData(m_buf.data(), n);
        for (uint32_t i = 0; i < n; ++i)
        {
            m_mismatches += m_buf[i] != PatternByte(m_received + i);
        }
        m_received += n;
        m_lastRx = Simulator::Now();
    }
}

RawStreamClient::RawStreamClient(Ipv4Address remote, uint16_t port)
    : m_remote(remote)
    , m_port(port)
{
}

void
RawStreamClient::AddWrite(Time delay, const std::vector<uint8_t>& bytes)
{
    m_writes.emplace_back(delay, bytes);
}

bool
RawStreamClient::WasClosedByPeer() const
{
    return m_closedByPeer;
}

bool
RawStreamClient::WasConnected() const
{
    return m_connected;
}

void
RawStreamClient::StartApplication()
{
    m_socket = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    m_socket->Bind();
    m_socket->SetConnectCallback(MakeCallback(&RawStreamClient::Connected, this),
                                 MakeNullCallback<void, Ptr<Socket>>());
    auto closed = MakeCallback(&RawStreamClient::ClosedByPeer, this);
    m_socket->SetCloseCallbacks(closed, closed);
    m_socket->SetRecvCallback(MakeCallback(&RawStreamClient::Discard));
    m_socket->Connect(InetSocketAddress(m_remote, m_port));
}

void
RawStreamClient::StopApplication()
{
    if (m_socket)
    {
        m_socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                                    MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
RawStreamClient::Connected(Ptr<Socket> socket)
{
    m_connected = true;
    for (const auto& [delay, bytes] : m_writes)
    {
        Simulator::Schedule(delay, &RawStreamClient::Write, socket, bytes);
    }
}

void
RawStreamClient::ClosedByPeer(Ptr<Socket> /* socket */)
{
    m_closedByPeer = true;
}

void
RawStreamClient::Discard(Ptr<Socket> socket)
{
    while (socket->Recv())
    {
    }
}

void
RawStreamClient::Write(Ptr<Socket> socket, std::vector<uint8_t> bytes)
{
    socket->Send(Create<Packet>(bytes.data(), bytes.size()));
}

} // namespace tcpencaptest
} // namespace ns3
