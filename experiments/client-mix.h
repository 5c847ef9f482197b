/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TCP_ENCAP_EXPERIMENTS_CLIENT_MIX_H
#define TCP_ENCAP_EXPERIMENTS_CLIENT_MIX_H

#include <cstdint>
#include <string>
#include <vector>

namespace tcpencap
{

/** One entry of a --mix: so many clients on this mode. */
struct MixEntry
{
    std::string mode;    //!< udp, tcp or tls
    uint32_t clients{0}; //!< how many clients use it (0 allowed: the mode is absent)
    bool rest{false};    //!< given without a count: the clients the other entries leave
};

/** The modes a mix may name, in the order the per-mode metrics use. */
const std::vector<std::string>& MixModes();

/**
 * \brief Read a --mix value: entries `mode=count` joined by '+' (INI lists are separated by
 * commas, so '+' joins the entries of one value), e.g. `udp=8+tcp=2`. Each mode (udp, tcp, tls)
 * at most once; counts are whole numbers from 0 to 4096; at least one client in all. One entry
 * may be a mode alone, which takes the clients the others leave (`udp=8+tcp`, or `tcp` for
 * every client: a mix that fits any --clients, for sweeps over it; ResolveMix counts it). The
 * empty string is the empty mix (every client uses --mode).
 * \param text the value
 * \param[out] mix its entries, in the order given
 * \param[out] error what is wrong, naming the entry
 * \return whether it is a mix
 */
bool ParseMix(const std::string& text, std::vector<MixEntry>& mix, std::string& error);

/** \param mix a mix \return the clients its counts add up to (the rest entry counts 0) */
uint32_t MixClients(const std::vector<MixEntry>& mix);

/**
 * \param[in,out] mix a mix: its rest entry, if any, gets the clients the others leave
 * \param clients --clients
 * \param[out] error why the counts do not fit
 * \return whether they do: the counts sum to clients (with a rest entry: at most clients)
 */
bool ResolveMix(std::vector<MixEntry>& mix, uint32_t clients, std::string& error);

/**
 * \brief Which mode each client uses: the modes interleaved so that each is spread evenly over
 * the client indexes. The k-th client (from 0) of a mode with c clients out of N sits at the
 * position (k + 1/2) / c; clients are numbered in the order of these positions, ties going to
 * the entry given first. udp=8+tcp=2 gives tcp to clients 2 and 7; udp=5+tcp=5 alternates
 * udp, tcp, udp, ... Deterministic: the same mix always gives the same assignment.
 * \param mix a mix (resolved: ResolveMix)
 * \return the mode of client 0, 1, ..., MixClients(mix) - 1
 */
std::vector<std::string> AssignModes(const std::vector<MixEntry>& mix);

} // namespace tcpencap

#endif /* TCP_ENCAP_EXPERIMENTS_CLIENT_MIX_H */
