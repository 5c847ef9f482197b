/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The tunnel queue between tun and stream socket: Linux's espintcp policy and a bounded FIFO,
// its MaxSize attribute, trace sources and TracedValues.
#include "ns3/encap-tx-queue.h"
#include "ns3/queue-size.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;

namespace
{

/** Collects what the queue writes. */
struct Sink
{
    std::vector<uint32_t> pieces; //!< sizes written
    /** \param p a piece */
    void
    Write(Ptr<Packet> p)
    {
        pieces.push_back(p->GetSize());
    }
};

/** LINUX: one frame held (whole or in part), everything else dropped while it waits. */
class TxQueueLinuxTest : public TestCase
{
  public:
    TxQueueLinuxTest()
        : TestCase("linux policy: hold one frame, drop the rest, never split two frames")
    {
    }

  private:
    void
    DoRun() override
    {
        Ptr<EncapTxQueue> qp = CreateObject<LinuxEncapTxQueue>();
        EncapTxQueue& q = *qp;
        Sink sink;
        auto write = MakeCallback(&Sink::Write, &sink);
        NS_TEST_ASSERT_MSG_EQ(q.Enqueue(Create<Packet>(1000)), true, "first frame");
        NS_TEST_ASSERT_MSG_EQ(q.Drain(600, write), 600, "socket takes 600");
        NS_TEST_ASSERT_MSG_EQ(q.GetBytes(), 400, "400 left of the partial frame");
        NS_TEST_ASSERT_MSG_EQ(q.Enqueue(Create<Packet>(100)), false, "busy: dropped");
        NS_TEST_ASSERT_MSG_EQ(q.Enqueue(Create<Packet>(100)), false, "busy: dropped");
        NS_TEST_ASSERT_MSG_EQ(q.GetDrops(), 2, "two drops");
        NS_TEST_ASSERT_MSG_EQ(q.Drain(10000, write), 400, "the rest of the partial frame only");
        NS_TEST_ASSERT_MSG_EQ(q.GetPackets(), 0, "empty");
        NS_TEST_ASSERT_MSG_EQ(q.Enqueue(Create<Packet>(100)), true, "room again");
        NS_TEST_ASSERT_MSG_EQ(q.Drain(0, write), 0, "socket full: held whole");
        NS_TEST_ASSERT_MSG_EQ(q.DropPartial(), false, "nothing written of it: kept");
        NS_TEST_ASSERT_MSG_EQ(q.Drain(100, write), 100, "written whole");
        NS_TEST_ASSERT_MSG_EQ(
            (sink.pieces == std::vector<uint32_t>{600, 400, 100}), true, "pieces");
    }
};

/** FIFO: bounded in frames and bytes; a half-written frame goes with its connection. */
class TxQueueFifoTest : public TestCase
{
  public:
    TxQueueFifoTest()
        : TestCase("fifo policy: bounds in frames and bytes, partial frame dropped on loss")
    {
    }

  private:
    void
    DoRun() override
    {
        Ptr<EncapTxQueue> qp = CreateObject<FifoEncapTxQueue>();
        qp->SetMaxSize(QueueSize("3p"));
        EncapTxQueue& q = *qp;
        Sink sink;
        auto write = MakeCallback(&Sink::Write, &sink);
        for (int i = 0; i < 3; ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(q.Enqueue(Create<Packet>(500)), true, "frame " << i);
        }
        NS_TEST_ASSERT_MSG_EQ(q.Enqueue(Create<Packet>(500)), false, "fourth over the bound");
        NS_TEST_ASSERT_MSG_EQ(q.Drain(700, write), 700, "one and a part");
        NS_TEST_ASSERT_MSG_EQ(q.GetPackets(), 2, "partial + one");
        NS_TEST_ASSERT_MSG_EQ(q.DropPartial(), true, "connection lost");
        NS_TEST_ASSERT_MSG_EQ(q.GetBytes(), 500, "one whole frame left");
        NS_TEST_ASSERT_MSG_EQ(q.Drain(10000, write), 500, "sent whole on the next connection");
        NS_TEST_ASSERT_MSG_EQ(q.GetPartialDrops(), 1, "counted");

        Ptr<EncapTxQueue> bp = CreateObject<FifoEncapTxQueue>();
        bp->SetMaxSize(QueueSize("1200B"));
        EncapTxQueue& b = *bp;
        NS_TEST_ASSERT_MSG_EQ(b.Enqueue(Create<Packet>(600)), true, "600");
        NS_TEST_ASSERT_MSG_EQ(b.Enqueue(Create<Packet>(600)), true, "1200");
        NS_TEST_ASSERT_MSG_EQ(b.Enqueue(Create<Packet>(1)), false, "byte bound");
        b.Clear();
        NS_TEST_ASSERT_MSG_EQ(b.GetPackets(), 0, "cleared");
        NS_TEST_ASSERT_MSG_EQ(b.GetPartialDrops(), 2, "cleared frames counted");
    }
};

/** Records the queue's trace sources. */
struct TraceLog
{
    uint32_t enqueued{0};     //!< Enqueue
    uint32_t dequeued{0};     //!< Dequeue
    uint32_t dropped{0};      //!< Drop
    uint32_t refused{0};      //!< DropBeforeEnqueue
    uint32_t packets{0};      //!< PacketsInQueue, last value
    uint32_t bytes{0};        //!< BytesInQueue, last value
    uint32_t byteChanges{0};  //!< BytesInQueue, changes seen
    uint32_t lastDequeued{0}; //!< size of the last frame Dequeue reported

    /** \param p a frame */
    void
    Enqueue(Ptr<const Packet> /* p */)
    {
        ++enqueued;
    }

    /** \param p a frame */
    void
    Dequeue(Ptr<const Packet> p)
    {
        ++dequeued;
        lastDequeued = p->GetSize();
    }

    /** \param p a frame */
    void
    Drop(Ptr<const Packet> /* p */)
    {
        ++dropped;
    }

    /** \param p a frame */
    void
    Refuse(Ptr<const Packet> /* p */)
    {
        ++refused;
    }

    /** \param oldValue before \param newValue now */
    void
    Packets(uint32_t /* oldValue */, uint32_t newValue)
    {
        packets = newValue;
    }

    /** \param oldValue before \param newValue now */
    void
    Bytes(uint32_t /* oldValue */, uint32_t newValue)
    {
        bytes = newValue;
        ++byteChanges;
    }

    /**
     * \param q the queue to watch
     * \return whether every trace source connected
     */
    bool
    Connect(Ptr<EncapTxQueue> q)
    {
        return q->TraceConnectWithoutContext("Enqueue", MakeCallback(&TraceLog::Enqueue, this))
               && q->TraceConnectWithoutContext("Dequeue", MakeCallback(&TraceLog::Dequeue, this))
               && q->TraceConnectWithoutContext("Drop", MakeCallback(&TraceLog::Drop, this))
               && q->TraceConnectWithoutContext("DropBeforeEnqueue",
                                                MakeCallback(&TraceLog::Refuse, this))
               && q->TraceConnectWithoutContext("PacketsInQueue",
                                                MakeCallback(&TraceLog::Packets, this))
               && q->TraceConnectWithoutContext("BytesInQueue",
                                                MakeCallback(&TraceLog::Bytes, this));
    }
};

/** Enqueue, Dequeue, Drop and the two TracedValues follow every frame, as in QueueBase. */
class TxQueueTracesTest : public TestCase
{
  public:
    TxQueueTracesTest()
        : TestCase("traces: Enqueue, Dequeue, Drop, DropBeforeEnqueue, PacketsInQueue, "
                   "BytesInQueue")
    {
    }

  private:
    void
    DoRun() override
    {
        Ptr<EncapTxQueue> q = CreateObject<FifoEncapTxQueue>();
        q->SetAttribute("MaxSize", QueueSizeValue(QueueSize("2p")));
        TraceLog log;
        NS_TEST_ASSERT_MSG_EQ(log.Connect(q), true, "every trace source exists");
        Sink sink;
        auto write = MakeCallback(&Sink::Write, &sink);

        NS_TEST_ASSERT_MSG_EQ(q->Enqueue(Create<Packet>(500)), true, "first");
        NS_TEST_ASSERT_MSG_EQ(q->Enqueue(Create<Packet>(600)), true, "second");
        NS_TEST_ASSERT_MSG_EQ(log.enqueued, 2, "two Enqueue");
        NS_TEST_ASSERT_MSG_EQ(log.packets, 2, "PacketsInQueue 2");
        NS_TEST_ASSERT_MSG_EQ(log.bytes, 1100, "BytesInQueue 1100");

        NS_TEST_ASSERT_MSG_EQ(q->Enqueue(Create<Packet>(700)), false, "third: over MaxSize");
        NS_TEST_ASSERT_MSG_EQ(log.enqueued, 2, "no Enqueue for a refused frame");
        NS_TEST_ASSERT_MSG_EQ(log.refused, 1, "DropBeforeEnqueue");
        NS_TEST_ASSERT_MSG_EQ(log.dropped, 1, "Drop");
        NS_TEST_ASSERT_MSG_EQ(log.packets, 2, "PacketsInQueue unchanged");

        NS_TEST_ASSERT_MSG_EQ(q->Enqueue(Create<Packet>(60), false), true, "IKE: never refused");
        NS_TEST_ASSERT_MSG_EQ(log.enqueued, 3, "Enqueue for the IKE frame");
        NS_TEST_ASSERT_MSG_EQ(log.packets, 3, "PacketsInQueue 3");

        NS_TEST_ASSERT_MSG_EQ(q->Drain(700, write), 700, "one frame and 200 bytes of the next");
        NS_TEST_ASSERT_MSG_EQ(log.dequeued, 1, "Dequeue only for a frame written completely");
        NS_TEST_ASSERT_MSG_EQ(log.lastDequeued, 500, "the first frame");
        NS_TEST_ASSERT_MSG_EQ(log.packets, 2, "the partly written frame still counts");
        NS_TEST_ASSERT_MSG_EQ(log.bytes, 460, "BytesInQueue: the rest, 400 + 60");
        NS_TEST_ASSERT_MSG_EQ(q->GetBytes(), 460, "GetBytes agrees");

        NS_TEST_ASSERT_MSG_EQ(q->DropPartial(), true, "connection lost");
        NS_TEST_ASSERT_MSG_EQ(log.dropped, 2, "Drop for the half-written frame");
        NS_TEST_ASSERT_MSG_EQ(log.refused, 1, "not a DropBeforeEnqueue");
        NS_TEST_ASSERT_MSG_EQ(log.packets, 1, "PacketsInQueue 1");
        NS_TEST_ASSERT_MSG_EQ(log.bytes, 60, "BytesInQueue 60");

        q->Clear();
        NS_TEST_ASSERT_MSG_EQ(log.dropped, 3, "Drop for the cleared frame");
        NS_TEST_ASSERT_MSG_EQ(log.packets, 0, "PacketsInQueue 0");
        NS_TEST_ASSERT_MSG_EQ(log.bytes, 0, "BytesInQueue 0");
        NS_TEST_ASSERT_MSG_EQ(q->GetDrops(), 1, "one refused");
        NS_TEST_ASSERT_MSG_EQ(q->GetPartialDrops(), 2, "two dropped after acceptance");
    }
};

/** MaxSize in packets or bytes (0: none), FIFO's second bound, and LINUX ignoring it. */
class TxQueueMaxSizeTest : public TestCase
{
  public:
    TxQueueMaxSizeTest()
        : TestCase("MaxSize attribute: packets, bytes, none; MaxBytes; linux ignores it")
    {
    }

  private:
    void
    DoRun() override
    {
        Ptr<EncapTxQueue> fifo = CreateObject<FifoEncapTxQueue>();
        QueueSizeValue v;
        fifo->GetAttribute("MaxSize", v);
        NS_TEST_ASSERT_MSG_EQ(v.Get(), QueueSize("1000p"), "default 1000 frames (netdev backlog)");

        fifo->SetAttribute("MaxSize", StringValue("1000B"));
        NS_TEST_ASSERT_MSG_EQ(fifo->Enqueue(Create<Packet>(600)), true, "600 B");
        NS_TEST_ASSERT_MSG_EQ(fifo->Enqueue(Create<Packet>(400)), true, "1000 B: at the bound");
        NS_TEST_ASSERT_MSG_EQ(fifo->Enqueue(Create<Packet>(1)), false, "1001 B: over");
        fifo->Clear();

        fifo->SetAttribute("MaxSize", StringValue("0p"));
        for (int i = 0; i < 2000; ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(fifo->Enqueue(Create<Packet>(100)), true, "no bound: " << i);
        }
        fifo->Clear();

        fifo->SetAttribute("MaxSize", StringValue("10p"));
        fifo->SetAttribute("MaxBytes", UintegerValue(250));
        NS_TEST_ASSERT_MSG_EQ(fifo->Enqueue(Create<Packet>(200)), true, "200 B, 1 frame");
        NS_TEST_ASSERT_MSG_EQ(fifo->Enqueue(Create<Packet>(100)), false, "MaxBytes binds first");
        fifo->Clear();

        Ptr<EncapTxQueue> espintcp = CreateObject<LinuxEncapTxQueue>();
        espintcp->SetAttribute("MaxSize", StringValue("100p"));
        NS_TEST_ASSERT_MSG_EQ(espintcp->Enqueue(Create<Packet>(100)), true, "one held");
        NS_TEST_ASSERT_MSG_EQ(espintcp->Enqueue(Create<Packet>(100)), false, "espintcp: ENOBUFS");
        NS_TEST_ASSERT_MSG_EQ(EncapTxQueue::GetPolicyTypeId(EncapTxQueue::LINUX),
                              LinuxEncapTxQueue::GetTypeId(),
                              "linux policy");
        NS_TEST_ASSERT_MSG_EQ(EncapTxQueue::GetPolicyTypeId(EncapTxQueue::FIFO),
                              FifoEncapTxQueue::GetTypeId(),
                              "fifo policy");
    }
};

/** The tunnel queue suite. */
class EncapTxQueueTestSuite : public TestSuite
{
  public:
    EncapTxQueueTestSuite()
        : TestSuite("tcp-encap-tx-queue", Type::UNIT)
    {
        AddTestCase(new TxQueueLinuxTest(), TestCase::Duration::QUICK);
        AddTestCase(new TxQueueFifoTest(), TestCase::Duration::QUICK);
        AddTestCase(new TxQueueTracesTest(), TestCase::Duration::QUICK);
        AddTestCase(new TxQueueMaxSizeTest(), TestCase::Duration::QUICK);
    }
};

EncapTxQueueTestSuite g_encapTxQueueTestSuite; //!< registers the suite

} // namespace
