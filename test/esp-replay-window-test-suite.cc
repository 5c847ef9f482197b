/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The anti-replay window of RFC 4303 §3.4.3 and Appendix A.
#include "ns3/esp-replay-window.h"
#include "ns3/test.h"

using namespace ns3;

namespace
{

/** Check then, if fresh, accept: what a receiver does with an authentic packet. */
EspReplayWindow::Verdict
Receive(EspReplayWindow& w, uint32_t seqLow, uint64_t* full = nullptr)
{
    uint64_t seq = 0;
    EspReplayWindow::Verdict v = w.Check(seqLow, seq);
    if (v == EspReplayWindow::FRESH)
    {
        w.Accept(seq);
    }
    if (full)
    {
        *full = seq;
    }
    return v;
}

/** Duplicates, too-old, out of order inside the window, sliding. */
class ReplayWindowBasicsTest : public TestCase
{
  public:
    ReplayWindowBasicsTest()
        : TestCase("duplicates, too old, in-window reordering, slide")
    {
    }

  private:
    void
    DoRun() override
    {
        EspReplayWindow w(64);
        NS_TEST_ASSERT_MSG_EQ(w.GetSize(), 64, "default size");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 0), EspReplayWindow::TOO_OLD, "0 is never sent");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 1), EspReplayWindow::FRESH, "first");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 1), EspReplayWindow::DUPLICATE, "duplicate of 1");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 5), EspReplayWindow::FRESH, "jump ahead");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 3), EspReplayWindow::FRESH, "late, in window");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 3), EspReplayWindow::DUPLICATE, "late duplicate");
        NS_TEST_ASSERT_MSG_EQ(w.GetHighest(), 5, "highest");

        // Slide to 68: the window is now 5..68; 4 is left of it, 5 is its left edge.
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 68), EspReplayWindow::FRESH, "slide by 63");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 4), EspReplayWindow::TOO_OLD, "left of window");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 5), EspReplayWindow::DUPLICATE, "left edge, seen");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 6), EspReplayWindow::FRESH, "left edge+1, unseen");

        // A slide by more than the window clears everything older.
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 1000), EspReplayWindow::FRESH, "big jump");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 68), EspReplayWindow::TOO_OLD, "old after big jump");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 937), EspReplayWindow::FRESH, "inside new window");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 936), EspReplayWindow::TOO_OLD, "just outside");
        // Bits of sequence numbers slid over are clear: 1000 - 64 + 64 = 1000 shares a bit
        // with 936 and 872; they must not look like duplicates.
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 999), EspReplayWindow::FRESH, "999 unseen");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 999), EspReplayWindow::DUPLICATE, "999 seen");
    }
};

/** Check alone never changes the window: only authenticated packets move it. */
class ReplayWindowCheckOnlyTest : public TestCase
{
  public:
    ReplayWindowCheckOnlyTest()
        : TestCase("a checked but not accepted packet does not move the window")
    {
    }

  private:
    void
    DoRun() override
    {
        EspReplayWindow w(64);
        Receive(w, 10);
        uint64_t seq = 0;
        NS_TEST_ASSERT_MSG_EQ(w.Check(500, seq), EspReplayWindow::FRESH, "fresh");
        // (ICV fails: not accepted.)
        NS_TEST_ASSERT_MSG_EQ(w.GetHighest(), 10, "window did not move");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 9), EspReplayWindow::FRESH, "9 still in window");
        NS_TEST_ASSERT_MSG_EQ(w.Check(500, seq), EspReplayWindow::FRESH, "500 still fresh");
    }
};

/** Larger windows, rounded to 64, hold as many packets as they say. */
class ReplayWindowSizeTest : public TestCase
{
  public:
    ReplayWindowSizeTest()
        : TestCase("window sizes: rounding and capacity")
    {
    }

  private:
    void
    DoRun() override
    {
        NS_TEST_ASSERT_MSG_EQ(EspReplayWindow(1).GetSize(), 64, "minimum 64");
        NS_TEST_ASSERT_MSG_EQ(EspReplayWindow(100).GetSize(), 128, "rounded up");
        EspReplayWindow w(1024);
        for (uint32_t s = 1; s <= 3000; s += 2)
        {
            NS_TEST_ASSERT_MSG_EQ(Receive(w, s), EspReplayWindow::FRESH, "odd " << s);
        }
        // Top is 2999: evens from 1976 up are inside the 1024 window and unseen.
        for (uint32_t s = 1976; s < 3000; s += 2)
        {
            NS_TEST_ASSERT_MSG_EQ(Receive(w, s), EspReplayWindow::FRESH, "even " << s);
        }
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 1974), EspReplayWindow::TOO_OLD, "1974 outside");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 1977), EspReplayWindow::DUPLICATE, "1977 seen");
    }
};

/** Extended sequence numbers: the high half is inferred across the 2^32 boundary. */
class ReplayWindowEsnTest : public TestCase
{
  public:
    ReplayWindowEsnTest()
        : TestCase("ESN: inferring the high 32 bits (RFC 4303 Appendix A2.2)")
    {
    }

  private:
    void
    DoRun() override
    {
        EspReplayWindow w(64, true);
        uint64_t full = 0;
        // Right after the SA starts the window spans "subspace -1": values near 2^32 are
        // read as too old there (case B with no previous subspace), so move up first.
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 0xFFFFFFF0u, &full), EspReplayWindow::TOO_OLD, "start");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 1, &full), EspReplayWindow::FRESH, "1");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 0x80000000u, &full), EspReplayWindow::FRESH, "2^31");
        NS_TEST_ASSERT_MSG_EQ(full, 0x80000000u, "subspace 0");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 0xFFFFFFF0u, &full), EspReplayWindow::FRESH, "high");
        NS_TEST_ASSERT_MSG_EQ(full, 0xFFFFFFF0u, "still in subspace 0");
        // A small low half right after the window means the next subspace.
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 5, &full), EspReplayWindow::FRESH, "wrapped");
        NS_TEST_ASSERT_MSG_EQ(full, 0x100000005u, "subspace 1");
        // Now the window spans both subspaces: a late packet from subspace 0 is still fresh.
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 0xFFFFFFF8u, &full), EspReplayWindow::FRESH, "late");
        NS_TEST_ASSERT_MSG_EQ(full, 0xFFFFFFF8u, "late packet is subspace 0");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 0xFFFFFFF0u, &full),
                              EspReplayWindow::DUPLICATE,
                              "duplicate across the boundary");
        NS_TEST_ASSERT_MSG_EQ(Receive(w, 0xFFFFFF00u, &full),
                              EspReplayWindow::FRESH,
                              "far below the window reads as the next subspace");
        NS_TEST_ASSERT_MSG_EQ(full, 0x1FFFFFF00u, "subspace 1 (RFC A2.2 case B)");
    }
};

/** The replay window suite. */
class EspReplayWindowTestSuite : public TestSuite
{
  public:
    EspReplayWindowTestSuite()
        : TestSuite("tcp-encap-esp-replay-window", Type::UNIT)
    {
        AddTestCase(new ReplayWindowBasicsTest(), TestCase::Duration::QUICK);
        AddTestCase(new ReplayWindowCheckOnlyTest(), TestCase::Duration::QUICK);
        AddTestCase(new ReplayWindowSizeTest(), TestCase::Duration::QUICK);
        AddTestCase(new ReplayWindowEsnTest(), TestCase::Duration::QUICK);
    }
};

EspReplayWindowTestSuite g_espReplayWindowTestSuite; //!< registers the suite

} // namespace
