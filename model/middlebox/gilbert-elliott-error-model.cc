/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "gilbert-elliott-error-model.h"

#include "ns3/double.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("GilbertElliottErrorModel");

NS_OBJECT_ENSURE_REGISTERED(GilbertElliottErrorModel);

TypeId
GilbertElliottErrorModel::GetTypeId()
{
    static TypeId tid
        = TypeId("ns3::GilbertElliottErrorModel")
              .SetParent<ErrorModel>()
              .SetGroupName("TcpEncap")
              .AddConstructor<GilbertElliottErrorModel>()
              .AddAttribute("LossRate",
                            "Mean (stationary) packet loss probability, [0, 1).",
                            DoubleValue(0.01),
                            MakeDoubleAccessor(&GilbertElliottErrorModel::m_lossRate),
                            MakeDoubleChecker<double>(0.0, 0.999999))
              .AddAttribute("BurstLength",
                            "Mean number of packets lost in a row (>= 1; 1: independent).",
                            DoubleValue(2.0),
                            MakeDoubleAccessor(&GilbertElliottErrorModel::m_burstLength),
                            MakeDoubleChecker<double>(1.0));
    return tid;
}

GilbertElliottErrorModel::GilbertElliottErrorModel()
    : m_lossRate(0.01)
    , m_burstLength(2.0)
    , m_bad(false)
    , m_random(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

GilbertElliottErrorModel::~GilbertElliottErrorModel() = default;

int64_t
GilbertElliottErrorModel::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_random->SetStream(stream);
    return 1;
}

bool
GilbertElliottErrorModel::IsBad() const
{
    return m_bad;
}

bool
GilbertElliottErrorModel::DoCorrupt(Ptr<Packet> /* p */)
{
    NS_LOG_FUNCTION(this);
    if (!IsEnabled())
    {
        return false; // ErrorModel::IsCorrupt leaves this check to the subclass
    }
    double r = 1.0 / m_burstLength;
    double p = m_lossRate * r / (1.0 - m_lossRate);
    double u = m_random->GetValue();
    bool wasBad = m_bad;
    m_bad = m_bad ? u >= r : u < p;
    if (m_bad != wasBad)
    {
        NS_LOG_LOGIC((m_bad ? "bad state: losing" : "good state"));
    }
    return m_bad;
}

void
GilbertElliottErrorModel::DoReset()
{
    NS_LOG_FUNCTION(this);
    m_bad = false;
}

} // namespace ns3
