/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The parts IkeSession is built from, one by one: the pending-exchange queue's priority order,
// the transport selection policies' TypeIds and how the Fallback enum maps to them, and the
// "State" trace source that lives in the per-peer part.
#include "ns3/enum.h"
#include "ns3/ike-mobike.h"
#include "ns3/ike-pending-queue.h"
#include "ns3/ike-session.h"
#include "ns3/ike-transport-selection.h"
#include "ns3/test.h"
#include "ns3/type-id.h"

#include <vector>

using namespace ns3;

namespace
{

/** The queue hands out pending requests in its documented priority order. */
class PendingQueueOrderTest : public TestCase
{
  public:
    PendingQueueOrderTest()
        : TestCase("pending queue: priority order, held old-SA delete, FIFO Child SA deletes")
    {
    }

  private:
    void
    DoRun() override
    {
        IkePendingQueue q;
        NS_TEST_ASSERT_MSG_EQ(q.IsEmpty(), true, "empty at first");
        NS_TEST_ASSERT_MSG_EQ(q.Take().kind, IkePendingQueue::NONE, "nothing to take");

        // Added least urgent first: taken most urgent first.
        q.Add(IkePendingQueue::LIVENESS);
        q.Add(IkePendingQueue::REKEY_CHILD_SA);
        q.Add(IkePendingQueue::REKEY_IKE_SA);
        q.AddChildDelete(0x1001);
        q.AddChildDelete(0x1002);
        q.Add(IkePendingQueue::DELETE_IKE_SA);
        q.Add(IkePendingQueue::DELETE_IKE_SA); // a flag: twice is once

        IkePendingQueue::Item item = q.Take();
        NS_TEST_ASSERT_MSG_EQ(item.kind, IkePendingQueue::DELETE_IKE_SA, "Delete() first");
        q.Add(IkePendingQueue::DELETE_OLD_IKE_SA); // a rekey happened meanwhile
        NS_TEST_ASSERT_MSG_EQ(q.Take().kind, IkePendingQueue::DELETE_OLD_IKE_SA, "old SA next");
        NS_TEST_ASSERT_MSG_EQ(
            q.Take().kind, IkePendingQueue::DELETE_OLD_IKE_SA, "held while the old SA exists");
        q.Remove(IkePendingQueue::DELETE_OLD_IKE_SA); // it is gone
        item = q.Take();
        NS_TEST_ASSERT_MSG_EQ(item.kind, IkePendingQueue::DELETE_CHILD_SA, "Child deletes next");
        NS_TEST_ASSERT_MSG_EQ(item.childSpi, 0x1001U, "oldest first");
        q.RetryChildDelete(0x1001); // abandoned (MOBIKE move): first again
        NS_TEST_ASSERT_MSG_EQ(q.Take().childSpi, 0x1001U, "the retried one first");
        NS_TEST_ASSERT_MSG_EQ(q.Take().childSpi, 0x1002U, "then the next");
        NS_TEST_ASSERT_MSG_EQ(q.Take().kind, IkePendingQueue::REKEY_IKE_SA, "IKE rekey");
        NS_TEST_ASSERT_MSG_EQ(q.Take().kind, IkePendingQueue::REKEY_CHILD_SA, "Child rekey");
        NS_TEST_ASSERT_MSG_EQ(q.Take().kind, IkePendingQueue::LIVENESS, "liveness last");
        NS_TEST_ASSERT_MSG_EQ(q.IsEmpty(), true, "all taken");

        q.Add(IkePendingQueue::LIVENESS);
        q.AddChildDelete(7);
        NS_TEST_ASSERT_MSG_EQ(q.Has(IkePendingQueue::DELETE_CHILD_SA), true, "a Child delete");
        q.Clear();
        NS_TEST_ASSERT_MSG_EQ(q.IsEmpty(), true, "cleared");
    }
};

/** Each Fallback value names its policy class; the TypeId attribute defaults to "by enum". */
class SelectionTypeIdTest : public TestCase
{
  public:
    SelectionTypeIdTest()
        : TestCase("transport selection: one TypeId per policy, the Fallback enum maps to it")
    {
    }

  private:
    void
    DoRun() override
    {
        struct Case
        {
            IkeSession::FallbackPolicy policy;
            std::string name;
        };

        std::vector<Case> cases{{IkeSession::NO_FALLBACK, "ns3::IkeNoFallbackSelection"},
                                {IkeSession::SEQUENTIAL, "ns3::IkeSequentialSelection"},
                                {IkeSession::RACE, "ns3::IkeRaceSelection"},
                                {IkeSession::CACHED, "ns3::IkeCachedSelection"}};
        for (const auto& c : cases)
        {
            TypeId tid = IkeSession::GetSelectionTypeId(c.policy);
            NS_TEST_ASSERT_MSG_EQ(tid.GetName(), c.name, "policy " << c.policy);
            NS_TEST_ASSERT_MSG_EQ(tid.IsChildOf(IkeTransportSelection::GetTypeId()),
                                  true,
                                  c.name << " is a transport selection");
            NS_TEST_ASSERT_MSG_EQ(tid.HasConstructor(), true, c.name << " can be created");
        }
        NS_TEST_ASSERT_MSG_EQ(
            IkeCachedSelection::GetTypeId().IsChildOf(IkeSequentialSelection::GetTypeId()),
            true,
            "CACHED is SEQUENTIAL with a memory");

        Ptr<IkeSession> ike = CreateObject<IkeSession>();
        TypeIdValue selection;
        ike->GetAttribute("TransportSelection", selection);
        NS_TEST_ASSERT_MSG_EQ(selection.Get(),
                              IkeTransportSelection::GetTypeId(),
                              "default: as the Fallback attribute says");
        ike->SetAttribute("Fallback", EnumValue(IkeSession::RACE));
        ike->GetAttribute("TransportSelection", selection);
        NS_TEST_ASSERT_MSG_EQ(selection.Get(),
                              IkeTransportSelection::GetTypeId(),
                              "Fallback does not overwrite TransportSelection");
        ike->SetAttribute("TransportSelection", TypeIdValue(IkeRaceSelection::GetTypeId()));
        ike->GetAttribute("TransportSelection", selection);
        NS_TEST_ASSERT_MSG_EQ(
            selection.Get().GetName(), std::string("ns3::IkeRaceSelection"), "set by TypeId");
        NS_TEST_ASSERT_MSG_EQ(IkeMobikeMoves::GetTypeId().GetName(),
                              std::string("ns3::IkeMobikeMoves"),
                              "MOBIKE moves are an object of their own");
        ike->Dispose();
    }
};

/** The "State" trace source reaches the TracedValue in the per-peer part. */
class StateTraceSourceTest : public TestCase
{
  public:
    StateTraceSourceTest()
        : TestCase("State trace source: connects to the peer's TracedValue")
    {
    }

  private:
    void
    DoRun() override
    {
        Ptr<IkeSession> ike = CreateObject<IkeSession>();
        NS_TEST_ASSERT_MSG_EQ(
            ike->TraceConnectWithoutContext("State", MakeCallback(&StateTraceSourceTest::Note)),
            true,
            "connected");
        NS_TEST_ASSERT_MSG_EQ(
            ike->TraceDisconnectWithoutContext("State", MakeCallback(&StateTraceSourceTest::Note)),
            true,
            "disconnected");
        NS_TEST_ASSERT_MSG_EQ(ike->GetState(), IkeSession::IDLE, "IDLE until started");
        ike->Dispose();
    }

    /** \param from old state \param to new state */
    static void
    Note(IkeSession::State /* from */, IkeSession::State /* to */)
    {
    }
};

/** The IkeSession parts suite. */
class IkeSessionPartsTestSuite : public TestSuite
{
  public:
    IkeSessionPartsTestSuite()
        : TestSuite("tcp-encap-ike-session-parts", Type::UNIT)
    {
        AddTestCase(new PendingQueueOrderTest(), TestCase::Duration::QUICK);
        AddTestCase(new SelectionTypeIdTest(), TestCase::Duration::QUICK);
        AddTestCase(new StateTraceSourceTest(), TestCase::Duration::QUICK);
    }
};

IkeSessionPartsTestSuite g_ikeSessionPartsTestSuite; //!< registers the suite

} // namespace
