/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The tunnel queue between tun and stream socket: Linux's espintcp policy and a bounded FIFO.
#include "ns3/encap-tx-queue.h"
#include "ns3/test.h"

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
        EncapTxQueue q;
        q.Configure(EncapTxQueue::LINUX, 1000, 0);
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
        EncapTxQueue q;
        q.Configure(EncapTxQueue::FIFO, 3, 0);
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

        EncapTxQueue b;
        b.Configure(EncapTxQueue::FIFO, 0, 1200);
        NS_TEST_ASSERT_MSG_EQ(b.Enqueue(Create<Packet>(600)), true, "600");
        NS_TEST_ASSERT_MSG_EQ(b.Enqueue(Create<Packet>(600)), true, "1200");
        NS_TEST_ASSERT_MSG_EQ(b.Enqueue(Create<Packet>(1)), false, "byte bound");
        b.Clear();
        NS_TEST_ASSERT_MSG_EQ(b.GetPackets(), 0, "cleared");
        NS_TEST_ASSERT_MSG_EQ(b.GetPartialDrops(), 2, "cleared frames counted");
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
    }
};

EncapTxQueueTestSuite g_encapTxQueueTestSuite; //!< registers the suite

} // namespace
