/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The transports' trace sources: Tx fires only for messages the transport took (not for one
// its tunnel queue dropped, nor for one a UDP socket refused), the tunnel queue's class comes
// from QueueType or QueuePolicy and is reachable as TxQueue, and a connection's State is a
// TracedValue.
#include "ns3/encap-tx-queue.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/node-container.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-encap-connection.h"
#include "ns3/tcp-encap-transport.h"
#include "ns3/test.h"
#include "ns3/type-id.h"
#include "ns3/udp-encap-transport.h"
#include "ns3/uinteger.h"

#include <vector>

using namespace ns3;

namespace
{

/** Counts the Tx trace. */
struct TxCount
{
    uint32_t esp{0}; //!< ESP messages reported
    uint32_t ike{0}; //!< IKE messages reported

    /** \param kind ESP or IKE \param size its size */
    void
    Tx(EncapMessageKind kind, uint32_t /* size */)
    {
        (kind == EncapMessageKind::ESP ? esp : ike)++;
    }
};

/**
 * \param transport a TCP transport, not started
 * \return the tunnel queue behind its TxQueue attribute
 */
Ptr<EncapTxQueue>
GetTxQueue(Ptr<TcpEncapTransport> transport)
{
    PointerValue v;
    transport->GetAttribute("TxQueue", v);
    return v.Get<EncapTxQueue>();
}

/**
 * Tx over TCP: before the connection is up, the espintcp queue holds one ESP frame and
 * drops the next ones; Tx reports the one it took and none of the dropped (it used to fire
 * before the queue decided).
 */
class TcpTxOnlyAcceptedTest : public TestCase
{
  public:
    TcpTxOnlyAcceptedTest()
        : TestCase("tcp: Tx fires for frames the tunnel queue accepted, not for its drops")
    {
    }

  private:
    void
    DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(1);
        InternetStackHelper().Install(nodes);
        Ptr<TcpEncapTransport> tcp = CreateObject<TcpEncapTransport>();
        tcp->SetAttribute("PeerAddress", Ipv4AddressValue("10.9.9.9")); // never reached
        TxCount count;
        tcp->TraceConnectWithoutContext("Tx", MakeCallback(&TxCount::Tx, &count));
        tcp->Start(nodes.Get(0)); // connecting: nothing leaves the queue

        NS_TEST_ASSERT_MSG_EQ(tcp->SendEsp(Create<Packet>(100)), true, "held by the queue");
        NS_TEST_ASSERT_MSG_EQ(tcp->SendEsp(Create<Packet>(100)), false, "dropped (espintcp)");
        NS_TEST_ASSERT_MSG_EQ(tcp->SendEsp(Create<Packet>(100)), false, "dropped (espintcp)");
        NS_TEST_ASSERT_MSG_EQ(tcp->GetQueueDrops(), 2, "two drops counted");
        NS_TEST_ASSERT_MSG_EQ(count.esp, 1, "Tx only for the ESP frame the queue took");
        NS_TEST_ASSERT_MSG_EQ(tcp->SendIke(Create<Packet>(80)), true, "IKE is never dropped");
        NS_TEST_ASSERT_MSG_EQ(count.ike, 1, "Tx for the IKE message");
        NS_TEST_ASSERT_MSG_EQ(tcp->GetFramesSent(), 2, "frames sent agree with Tx");

        tcp->Stop();
        NS_TEST_ASSERT_MSG_EQ(tcp->SendEsp(Create<Packet>(100)), false, "stopped");
        NS_TEST_ASSERT_MSG_EQ(count.esp, 1, "no Tx once stopped");
        tcp->Dispose();
        Simulator::Destroy();
    }
};

/** Tx over UDP: nothing is reported for a message that no socket sent. */
class UdpTxOnlySentTest : public TestCase
{
  public:
    UdpTxOnlySentTest()
        : TestCase("udp: Tx fires for datagrams the socket took, not before Start")
    {
    }

  private:
    void
    DoRun() override
    {
        Ptr<UdpEncapTransport> udp = CreateObject<UdpEncapTransport>();
        TxCount count;
        udp->TraceConnectWithoutContext("Tx", MakeCallback(&TxCount::Tx, &count));
        NS_TEST_ASSERT_MSG_EQ(udp->SendEsp(Create<Packet>(100)), false, "no socket yet");
        NS_TEST_ASSERT_MSG_EQ(udp->SendIke(Create<Packet>(100)), false, "no socket yet");
        NS_TEST_ASSERT_MSG_EQ(count.esp + count.ike, 0, "no Tx for what was not sent");
        udp->Dispose();
        Simulator::Destroy();
    }
};

/** QueueType and QueuePolicy pick the queue's class; the bounds reach its MaxSize. */
class QueueTypeTest : public TestCase
{
  public:
    QueueTypeTest()
        : TestCase("tcp: the tunnel queue's class from QueueType or QueuePolicy, its MaxSize")
    {
    }

  private:
    void
    DoRun() override
    {
        Ptr<TcpEncapTransport> byDefault = CreateObject<TcpEncapTransport>();
        NS_TEST_ASSERT_MSG_EQ(GetTxQueue(byDefault)->GetInstanceTypeId(),
                              LinuxEncapTxQueue::GetTypeId(),
                              "default: espintcp");
        NS_TEST_ASSERT_MSG_EQ(
            GetTxQueue(byDefault)->GetMaxSize(), QueueSize("1000p"), "QueueMaxPackets 1000");

        ObjectFactory f;
        f.SetTypeId(TcpEncapTransport::GetTypeId());
        f.Set("QueuePolicy", StringValue("fifo"));
        f.Set("QueueMaxPackets", UintegerValue(0));
        f.Set("QueueMaxBytes", UintegerValue(20000));
        Ptr<TcpEncapTransport> fifo = f.Create<TcpEncapTransport>();
        NS_TEST_ASSERT_MSG_EQ(GetTxQueue(fifo)->GetInstanceTypeId(),
                              FifoEncapTxQueue::GetTypeId(),
                              "QueuePolicy fifo");
        NS_TEST_ASSERT_MSG_EQ(GetTxQueue(fifo)->GetMaxSize(),
                              QueueSize("20000B"),
                              "QueueMaxBytes alone: MaxSize in bytes");

        f.Set("QueueType", TypeIdValue(LinuxEncapTxQueue::GetTypeId()));
        Ptr<TcpEncapTransport> typed = f.Create<TcpEncapTransport>();
        NS_TEST_ASSERT_MSG_EQ(GetTxQueue(typed)->GetInstanceTypeId(),
                              LinuxEncapTxQueue::GetTypeId(),
                              "QueueType names the class, whatever QueuePolicy says");

        // Set after construction: the queue is made again at Start.
        byDefault->SetAttribute("QueuePolicy", StringValue("fifo"));
        NodeContainer nodes;
        nodes.Create(1);
        InternetStackHelper().Install(nodes);
        byDefault->SetAttribute("PeerAddress", Ipv4AddressValue("10.9.9.9"));
        std::vector<TcpEncapConnection::State> transportStates;
        byDefault->TraceConnectWithoutContext(
            "ConnectionState", MakeBoundCallback(&QueueTypeTest::TransportState, &transportStates));
        byDefault->Start(nodes.Get(0));
        NS_TEST_ASSERT_MSG_EQ(GetTxQueue(byDefault)->GetInstanceTypeId(),
                              FifoEncapTxQueue::GetTypeId(),
                              "QueuePolicy changed before Start");

        // The connection's State is a TracedValue.
        Ptr<TcpEncapConnection> conn = byDefault->GetActiveConnection();
        NS_TEST_ASSERT_MSG_NE(conn, nullptr, "connecting");
        std::vector<TcpEncapConnection::State> states;
        conn->TraceConnectWithoutContext("State",
                                         MakeBoundCallback(&QueueTypeTest::State, &states));
        byDefault->Stop();
        NS_TEST_ASSERT_MSG_EQ(states.size(), 1, "one change");
        if (!states.empty())
        {
            NS_TEST_ASSERT_MSG_EQ(states[0], TcpEncapConnection::CLOSED, "to CLOSED");
        }
        NS_TEST_ASSERT_MSG_EQ(transportStates.size(), 1, "the transport reports it too");
        for (auto t : {byDefault, fifo, typed})
        {
            t->Dispose();
        }
        Simulator::Destroy();
    }

    /**
     * \param states where to note \param peer the connection's peer
     * \param oldState before \param newState now
     */
    static void
    TransportState(std::vector<TcpEncapConnection::State>* states,
                   const Address& /* peer */,
                   TcpEncapConnection::State /* oldState */,
                   TcpEncapConnection::State newState)
    {
        states->push_back(newState);
    }

    /** \param states where to note \param oldState before \param newState now */
    static void
    State(std::vector<TcpEncapConnection::State>* states,
          TcpEncapConnection::State /* oldState */,
          TcpEncapConnection::State newState)
    {
        states->push_back(newState);
    }
};

/** The transport trace suite. */
class EncapTransportTraceTestSuite : public TestSuite
{
  public:
    EncapTransportTraceTestSuite()
        : TestSuite("tcp-encap-transport-traces", Type::UNIT)
    {
        AddTestCase(new TcpTxOnlyAcceptedTest(), TestCase::Duration::QUICK);
        AddTestCase(new UdpTxOnlySentTest(), TestCase::Duration::QUICK);
        AddTestCase(new QueueTypeTest(), TestCase::Duration::QUICK);
    }
};

EncapTransportTraceTestSuite g_encapTransportTraceTestSuite; //!< registers the suite

} // namespace
