/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_GILBERT_ELLIOTT_ERROR_MODEL_H
#define TCP_ENCAP_GILBERT_ELLIOTT_ERROR_MODEL_H

#include "ns3/error-model.h"
#include "ns3/random-variable-stream.h"

namespace ns3
{

/**
 * \ingroup tcp-encap
 * \brief Bursty packet loss: a two-state Markov chain per packet (Gilbert-Elliott with a
 * loss-free Good state and an all-loss Bad state, i.e. the Gilbert model).
 *
 * Parameterised the way experiments think of it: a mean loss rate L and a mean burst length
 * B (packets). With r = 1/B the probability of leaving the Bad state and p = L r / (1 - L)
 * the probability of entering it, the stationary loss rate is p / (p + r) = L and bursts are
 * geometric with mean B. (B = 1 means isolated losses, never two in a row; independent
 * Bernoulli losses have a mean burst of 1 / (1 - L): use a RateErrorModel for those.)
 */
class GilbertElliottErrorModel : public ErrorModel
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    GilbertElliottErrorModel();
    ~GilbertElliottErrorModel() override;

    /**
     * \param stream first stream index
     * \return streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /** \return whether the chain is in the Bad (losing) state */
    bool IsBad() const;

  private:
    bool DoCorrupt(Ptr<Packet> p) override;
    void DoReset() override;

    double m_lossRate;                   //!< mean loss L
    double m_burstLength;                //!< mean burst B, packets
    bool m_bad;                          //!< current state
    Ptr<UniformRandomVariable> m_random; //!< transitions
};

} // namespace ns3

#endif /* TCP_ENCAP_GILBERT_ELLIOTT_ERROR_MODEL_H */
