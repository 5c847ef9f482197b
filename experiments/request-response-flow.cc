/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "request-response-flow.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/uinteger.h"

#include <algorithm>

using namespace ns3;

namespace tcpencap
{

namespace
{
/** \return a TCP socket with Linux-like timers (see inner-bulk-flow.cc) */
Ptr<Socket>
MakeSocket(Ptr<Node> node, TypeId cc, Time minRto)
{
    Ptr<Socket> s = node->GetObject<TcpL4Protocol>()->CreateSocket(cc);
    s->SetAttribute("MinRto", TimeValue(minRto));
    s->SetAttribute("DelAckTimeout", TimeValue(MilliSeconds(40)));
    s->SetAttribute("TcpNoDelay", BooleanValue(true));
    return s;
}
} // namespace

RequestClient::RequestClient(Ipv4Address remote,
                             uint16_t port,
                             uint32_t request,
                             uint32_t response,
                             Time interval,
                             uint32_t segmentSize,
                             TypeId congestionControl,
                             Time minRto)
    : m_remote(remote)
    , m_port(port)
    , m_request(request)
    , m_response(response)
    , m_interval(interval)
    , m_segmentSize(segmentSize)
    , m_cc(congestionControl)
    , m_minRto(minRto)
{
}

void
RequestClient::SetMeasuredPeriod(Time from, Time to)
{
    m_from = from;
    m_to = to;
}

const std::vector<double>&
RequestClient::GetTimesMs() const
{
    return m_times;
}

uint64_t
RequestClient::GetStarted() const
{
    return m_measuredStarted;
}

void
RequestClient::StartApplication()
{
    m_socket = MakeSocket(GetNode(), m_cc, m_minRto);
    m_socket->SetAttribute("SegmentSize", UintegerValue(m_segmentSize));
    m_socket->Bind();
    m_socket->SetConnectCallback(MakeCallback(&RequestClient::Connected, this),
                                 MakeNullCallback<void, Ptr<Socket>>());
    m_socket->SetRecvCallback(MakeCallback(&RequestClient::Read, this));
    m_socket->Connect(InetSocketAddress(m_remote, m_port));
}

void
RequestClient::StopApplication()
{
    m_tick.Cancel();
    if (m_socket)
    {
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
RequestClient::Connected(Ptr<Socket> /* socket */)
{
    Tick();
}

void
RequestClient::Tick()
{
    m_tick = Simulator::Schedule(m_interval, &RequestClient::Tick, this);
    if (m_outstanding)
    {
        m_due = true; // the previous response is late: send as soon as it is in
        return;
    }
    SendRequest();
}

void
RequestClient::SendRequest()
{
    m_outstanding = true;
    m_due = false;
    m_pending = m_response;
    m_started = Simulator::Now();
    if (m_started >= m_from && m_started <= m_to)
    {
        ++m_measuredStarted;
    }
    m_socket->Send(Create<Packet>(m_request));
}

void
RequestClient::Read(Ptr<Socket> socket)
{
    while (Ptr<Packet> p = socket->Recv())
    {
        uint32_t n = p->GetSize();
        if (n == 0)
        {
            break;
        }
        while (n > 0 && m_outstanding)
        {
            uint32_t take = static_cast<uint32_t>(std::min<uint64_t>(n, m_pending));
            m_pending -= take;
            n -= take;
            if (m_pending == 0)
            {
                m_outstanding = false;
                if (m_started >= m_from && m_started <= m_to)
                {
                    m_times.push_back((Simulator::Now() - m_started).GetSeconds() * 1000);
                }
                if (m_due)
                {
                    SendRequest();
                }
            }
        }
    }
}

ResponseServer::ResponseServer(
    uint16_t port, uint32_t request, uint32_t response, TypeId congestionControl, Time minRto)
    : m_port(port)
    , m_request(request)
    , m_response(response)
    , m_cc(congestionControl)
    , m_minRto(minRto)
{
}

void
ResponseServer::StartApplication()
{
    m_listener = MakeSocket(GetNode(), m_cc, m_minRto);
    m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port));
    m_listener->Listen();
    m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                  MakeCallback(&ResponseServer::Accept, this));
}

void
ResponseServer::StopApplication()
{
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
ResponseServer::Accept(Ptr<Socket> socket, const Address& /* from */)
{
    m_accepted = socket;
    socket->SetRecvCallback(MakeCallback(&ResponseServer::Read, this));
    socket->SetSendCallback(MakeCallback(&ResponseServer::Write, this));
}

void
ResponseServer::Read(Ptr<Socket> socket)
{
    while (Ptr<Packet> p = socket->Recv())
    {
        if (p->GetSize() == 0)
        {
            break;
        }
        uint64_t before = m_received / m_request;
        m_received += p->GetSize();
        m_owed += (m_received / m_request - before) * m_response;
    }
    Write(socket, socket->GetTxAvailable());
}

void
ResponseServer::Write(Ptr<Socket> socket, uint32_t available)
{
    while (m_owed > 0 && available > 0)
    {
        uint32_t n = static_cast<uint32_t>(std::min<uint64_t>({m_owed, available, 65536}));
        if (socket->Send(Create<Packet>(n)) <= 0)
        {
            return;
        }
        m_owed -= n;
        available = socket->GetTxAvailable();
    }
}

} // namespace tcpencap
