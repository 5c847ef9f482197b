/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Recorders of the IkeSession traces (MessageTx, MessageRx, State, Liveness) and of the IKE
// messages an endpoint receives (IpsecEndpoint's IkeRx, as bytes) for the IKEv2 system tests.
#ifndef TCP_ENCAP_IKE_TEST_RECORDERS_H
#define TCP_ENCAP_IKE_TEST_RECORDERS_H

#include "ns3/ike-session.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-reset-injector.h"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{
namespace tcpencaptest
{

/** IKE messages one side sent (the "MessageTx" trace) or received ("MessageRx"). */
struct MessageLog
{
    /** One message. */
    struct Entry
    {
        Time at;       //!< when
        uint8_t type;  //!< exchange type
        bool response; //!< R flag
        uint32_t size; //!< bytes
    };

    std::vector<Entry> entries; //!< in order

    /** \param type exchange \param response R flag \param size bytes */
    void
    Add(uint8_t type, bool response, uint32_t size)
    {
        entries.push_back({Simulator::Now(), type, response, size});
    }

    /** \param type exchange \param response R flag \return the times of those messages */
    std::vector<Time>
    Times(uint8_t type, bool response) const
    {
        std::vector<Time> t;
        for (const auto& e : entries)
        {
            if (e.type == type && e.response == response)
            {
                t.push_back(e.at);
            }
        }
        return t;
    }

    /** \param type exchange \param response R flag \return the sizes of those messages */
    std::vector<uint32_t>
    Sizes(uint8_t type, bool response) const
    {
        std::vector<uint32_t> s;
        for (const auto& e : entries)
        {
            if (e.type == type && e.response == response)
            {
                s.push_back(e.size);
            }
        }
        return s;
    }

    /** \param type exchange \param response R flag \return how many */
    std::size_t
    Count(uint8_t type, bool response) const
    {
        return Times(type, response).size();
    }

    /**
     * \param from a time
     * \param type exchange
     * \param response R flag
     * \return how many from that time on
     */
    std::size_t
    CountFrom(Time from, uint8_t type, bool response) const
    {
        std::size_t n = 0;
        for (Time t : Times(type, response))
        {
            n += t >= from ? 1 : 0;
        }
        return n;
    }

    /** \return bytes of all messages */
    uint64_t
    Bytes() const
    {
        uint64_t n = 0;
        for (const auto& e : entries)
        {
            n += e.size;
        }
        return n;
    }
};

/** State changes of one side (the "State" trace). */
struct StateLog
{
    std::vector<std::pair<Time, IkeSession::State>> changes; //!< time, new state

    /** \param from old state \param to new state */
    void
    Add(IkeSession::State /* from */, IkeSession::State to)
    {
        changes.emplace_back(Simulator::Now(), to);
    }

    /** \param s a state \return when it was first entered, or -1 s */
    Time
    When(IkeSession::State s) const
    {
        for (const auto& c : changes)
        {
            if (c.second == s)
            {
                return c.first;
            }
        }
        return Seconds(-1);
    }
};

/** Liveness check results of one side (the "Liveness" trace). */
struct LivenessLog
{
    std::vector<Time> at;     //!< when each check ended
    std::vector<bool> alive;  //!< its outcome
    std::vector<Time> waited; //!< the time it took

    /** \param ok peer alive \param rtt time to the answer or to giving up */
    void
    Add(bool ok, Time rtt)
    {
        at.push_back(Simulator::Now());
        alive.push_back(ok);
        waited.push_back(rtt);
    }

    /** \param after a time \param ok an outcome \return checks ending so after that time */
    std::size_t
    Count(Time after, bool ok) const
    {
        std::size_t n = 0;
        for (std::size_t i = 0; i < at.size(); ++i)
        {
            n += (at[i] > after && alive[i] == ok) ? 1 : 0;
        }
        return n;
    }
};

/** Everything one side of the IKE SA reports through its traces. */
struct SideLog
{
    MessageLog tx;    //!< sent
    MessageLog rx;    //!< received
    StateLog states;  //!< state changes
    LivenessLog live; //!< liveness checks

    SideLog() = default;
    SideLog(const SideLog&) = delete; //!< the traces point into it: no copies
    SideLog& operator=(const SideLog&) = delete;

    /** \param ike the session to watch from now on */
    explicit SideLog(Ptr<IkeSession> ike)
    {
        Watch(ike);
    }

    /** \param ike the session to watch */
    void
    Watch(Ptr<IkeSession> ike)
    {
        ike->TraceConnectWithoutContext("MessageTx", MakeCallback(&MessageLog::Add, &tx));
        ike->TraceConnectWithoutContext("MessageRx", MakeCallback(&MessageLog::Add, &rx));
        ike->TraceConnectWithoutContext("State", MakeCallback(&StateLog::Add, &states));
        ike->TraceConnectWithoutContext("Liveness", MakeCallback(&LivenessLog::Add, &live));
    }
};

/** IKE messages an endpoint received (its "IkeRx" trace), as bytes, to parse and decrypt. */
struct IkeInbox
{
    std::vector<std::vector<uint8_t>> messages; //!< in order

    /** \param message from the IKE header on */
    void
    Rx(Ptr<const Packet> message)
    {
        std::vector<uint8_t> bytes(message->GetSize());
        message->CopyData(bytes.data(), bytes.size());
        messages.push_back(std::move(bytes));
    }
};

/**
 * Arms a TcpResetInjector (port 4500) when the watched side sends its first request of one
 * exchange (connect Tx to its "MessageTx" trace): the connection dies with the request.
 */
struct ResetOnRequest
{
    Ptr<TcpResetInjector> injector; //!< the middlebox
    uint8_t exchange;               //!< the exchange whose first request arms it
    bool armed{false};              //!< done

    /** \param type exchange \param response R flag \param size bytes */
    void
    Tx(uint8_t type, bool response, uint32_t /* size */)
    {
        if (!armed && type == exchange && !response)
        {
            armed = true;
            injector->ScheduleReset(Simulator::Now(), 4500);
        }
    }
};

} // namespace tcpencaptest
} // namespace ns3

#endif /* TCP_ENCAP_IKE_TEST_RECORDERS_H */
