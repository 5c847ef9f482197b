/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The Gilbert-Elliott loss model: its long-run loss rate and mean burst length are the ones
// it was given.
#include "ns3/double.h"
#include "ns3/gilbert-elliott-error-model.h"
#include "ns3/object-factory.h"
#include "ns3/packet.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/test.h"

using namespace ns3;

namespace
{

/** Loss rate and burst lengths over a million packets. */
class GilbertElliottStatisticsTest : public TestCase
{
  public:
    /** \param loss mean loss \param burst mean burst */
    GilbertElliottStatisticsTest(double loss, double burst)
        : TestCase("loss " + std::to_string(loss) + ", mean burst " + std::to_string(burst))
        , m_loss(loss)
        , m_burst(burst)
    {
    }

  private:
    void
    DoRun() override
    {
        RngSeedManager::SetSeed(3);
        RngSeedManager::SetRun(1);
        Ptr<GilbertElliottErrorModel> em = CreateObjectWithAttributes<GilbertElliottErrorModel>(
            "LossRate", DoubleValue(m_loss), "BurstLength", DoubleValue(m_burst));
        em->AssignStreams(7);
        const uint32_t n = 1000000;
        uint64_t lost = 0;
        uint64_t bursts = 0;
        bool previous = false;
        Ptr<Packet> p = Create<Packet>(100);
        for (uint32_t i = 0; i < n; ++i)
        {
            bool drop = em->IsCorrupt(p);
            lost += drop;
            bursts += (drop && !previous);
            previous = drop;
        }
        double rate = double(lost) / n;
        double meanBurst = double(lost) / bursts;
        NS_TEST_ASSERT_MSG_EQ_TOL(rate, m_loss, m_loss * 0.05, "long-run loss rate");
        NS_TEST_ASSERT_MSG_EQ_TOL(meanBurst, m_burst, m_burst * 0.05, "mean burst length");
        em->Disable();
        uint64_t lostDisabled = 0;
        for (uint32_t i = 0; i < 1000; ++i)
        {
            lostDisabled += em->IsCorrupt(p);
        }
        NS_TEST_ASSERT_MSG_EQ(lostDisabled, 0, "disabled: no loss");
    }

    double m_loss;  //!< mean loss
    double m_burst; //!< mean burst
};

/** The loss model suite. */
class GilbertElliottTestSuite : public TestSuite
{
  public:
    GilbertElliottTestSuite()
        : TestSuite("tcp-encap-gilbert-elliott", Type::UNIT)
    {
        AddTestCase(new GilbertElliottStatisticsTest(0.02, 1.5), TestCase::Duration::QUICK);
        AddTestCase(new GilbertElliottStatisticsTest(0.02, 4), TestCase::Duration::QUICK);
        AddTestCase(new GilbertElliottStatisticsTest(0.10, 10), TestCase::Duration::QUICK);
    }
};

GilbertElliottTestSuite g_gilbertElliottTestSuite; //!< registers the suite

} // namespace
