/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "run-params.h"

#include "ns3/data-rate.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/type-id.h"

#include <sstream>

namespace po = boost::program_options;

namespace tcpencap
{

po::options_description
ScenarioOptions(RunParams& p)
{
    po::options_description d("Scenario");
    // clang-format off
    d.add_options()
        ("mode", po::value(&p.mode)->default_value(p.mode),
         "plain (no tunnel), udp (ESP-in-UDP, RFC 3948), tcp (ESP-in-TCP, RFC 9329) or tls "
         "(ESP-in-TLS-in-TCP, RFC 9329 Appendix A)")
        ("keying", po::value(&p.keying)->default_value(p.keying),
         "tunnels: ike (the Child SA is negotiated by IKEv2 before the inner traffic starts) "
         "or manual (keys installed at set-up)")
        ("ike-auth", po::value(&p.ikeAuth)->default_value(p.ikeAuth),
         "ike: psk, ecdsa-p256 or rsa-2048 (certificates)")
        ("fallback", po::value(&p.fallback)->default_value(p.fallback),
         "tcp, tls, with ike keying: none (the mode's transport only), sequential (UDP, then "
         "the mode's stream after --fallback-delay), race (UDP, and the stream too after 250 ms) "
         "or mobike (start on UDP, move to the stream with UPDATE_SA_ADDRESSES when UDP stops "
         "answering, and back)")
        ("fallback-delay", po::value(&p.fallbackDelay)->default_value(p.fallbackDelay),
         "sequential: time before trying the stream (0s: after one unanswered retransmission)")
        ("liveness", po::value(&p.liveness)->default_value(p.liveness),
         "IKE liveness checks after this much silence from the peer (0s: none)")
        ("mobike-probe", po::value(&p.mobikeProbe)->default_value(p.mobikeProbe),
         "mobike: on the stream, try UDP again this often (0s: never)")
        ("block", po::value(&p.block)->default_value(p.block),
         "a firewall in the router from the start: none, udp, ike-udp (ports 500/4500) or "
         "all-but-443 (only TCP 443 passes)")
        ("udp-block-start", po::value(&p.udpBlockStart)->default_value(p.udpBlockStart),
         "seconds into the traffic when the firewall starts dropping UDP")
        ("udp-block-length", po::value(&p.udpBlockLength)->default_value(p.udpBlockLength),
         "seconds it drops UDP (0: never)")
        ("tls-version", po::value(&p.tlsVersion)->default_value(p.tlsVersion), "tls: 1.3 or 1.2")
        ("record-policy", po::value(&p.recordPolicy)->default_value(p.recordPolicy),
         "tls: per-frame (one record per frame) or coalesce (records up to 16 KiB)")
        ("tls-resumption", po::value(&p.tlsResumption)->default_value(p.tlsResumption),
         "tls: resume sessions with tickets when reconnecting")
        ("framing", po::value(&p.framing)->default_value(p.framing),
         "tcp, tls: stream framing, rfc9329 (16-bit Length) or draft-03 (32-bit)")
        ("esp-size", po::value(&p.espSize)->default_value(p.espSize),
         "tcp, tls: largest ESP packet per frame, which sets the inner MTU: udp (as ESP-in-UDP "
         "on the path, 1472 bytes: the same inner packets in every mode; a frame then leaves as "
         "two outer segments), fit (a frame fills one outer segment) or a byte count >= 64")
        ("port", po::value(&p.port)->default_value(p.port),
         "tcp, tls: gateway port (0: 4500 for tcp, 443 for tls)")
        ("rate", po::value(&p.rate)->default_value(p.rate), "bottleneck rate, e.g. 10Mbps")
        ("delay", po::value(&p.delay)->default_value(p.delay),
         "bottleneck one-way delay, e.g. 25ms (RTT about twice that)")
        ("queue", po::value(&p.queue)->default_value(p.queue), "bottleneck FIFO size, packets")
        ("queue-bdp", po::value(&p.queueBdp)->default_value(p.queueBdp),
         "bottleneck FIFO size as a multiple of the bandwidth-delay product (overrides --queue)")
        ("loss", po::value(&p.loss)->default_value(p.loss),
         "mean packet loss probability on the bottleneck, [0, 1)")
        ("burst", po::value(&p.burst)->default_value(p.burst),
         "mean loss burst length in packets: 1 independent (Bernoulli) losses, >1 "
         "Gilbert-Elliott bursts of that mean length")
        ("loss-direction", po::value(&p.lossDirection)->default_value(p.lossDirection),
         "data (client to gateway only) or both")
        ("outer-cc", po::value(&p.outerCc)->default_value(p.outerCc),
         "tcp: outer congestion control (NewReno, Cubic, Bbr, ...)")
        ("outer-initial-cwnd", po::value(&p.outerInitialCwnd)->default_value(p.outerInitialCwnd),
         "tcp: outer initial window, segments")
        ("inner-window", po::value(&p.innerWindow)->default_value(p.innerWindow),
         "inner bulk flows' socket buffers: auto (sized as Linux autotunes them, from "
         "tcp_wmem and tcp_rmem) or a byte count for both the send and the receive buffer "
         "(their window limit; ns-3's own default is 131072)")
        ("outer-window", po::value(&p.outerWindow)->default_value(p.outerWindow),
         "tcp: outer socket buffers: auto (sized as Linux autotunes them) or a byte count for "
         "both the send and the receive buffer (the window limit; the send buffer is the "
         "tunnel's queue)")
        ("outer-min-rto", po::value(&p.outerMinRto)->default_value(p.outerMinRto),
         "tcp: outer minimum RTO")
        ("outer-nagle", po::value(&p.outerNagle)->default_value(p.outerNagle),
         "tcp: Nagle's algorithm on the outer connection")
        ("queue-policy", po::value(&p.queuePolicy)->default_value(p.queuePolicy),
         "tcp: tunnel queue, linux (espintcp: hold one frame) or fifo")
        ("inner-cc", po::value(&p.innerCc)->default_value(p.innerCc),
         "inner congestion control (NewReno, Cubic, Bbr, ...)")
        ("inner-min-rto", po::value(&p.innerMinRto)->default_value(p.innerMinRto),
         "inner minimum RTO")
        ("outage-start", po::value(&p.outageStart)->default_value(p.outageStart),
         "seconds into the traffic when the bottleneck drops everything, both ways")
        ("outage-length", po::value(&p.outageLength)->default_value(p.outageLength),
         "seconds the outage lasts (0: none)")
        ("flows", po::value(&p.flows)->default_value(p.flows), "inner bulk TCP flows (0: none)")
        ("cbr-rate", po::value(&p.cbrRate)->default_value(p.cbrRate),
         "inner UDP constant-bit-rate flow, e.g. 1Mbps (0: none)")
        ("cbr-size", po::value(&p.cbrSize)->default_value(p.cbrSize),
         "its datagram size, bytes")
        ("rr-request", po::value(&p.rrRequest)->default_value(p.rrRequest),
         "inner request/response flow: request size, bytes (0: none)")
        ("rr-response", po::value(&p.rrResponse)->default_value(p.rrResponse),
         "its response size, bytes")
        ("rr-interval", po::value(&p.rrInterval)->default_value(p.rrInterval),
         "time between its request starts")
        ("duration", po::value(&p.duration)->default_value(p.duration), "seconds of traffic")
        ("warmup", po::value(&p.warmup)->default_value(p.warmup),
         "seconds at the start left out of rates")
        ("seed", po::value(&p.seed)->default_value(p.seed), "RNG seed")
        ("run", po::value(&p.run)->default_value(p.run), "RNG run number (the repetition)");
    // clang-format on
    return d;
}

namespace
{

bool
IsTime(const std::string& s)
{
    try
    {
        ns3::Time t(s);
        return !t.IsStrictlyNegative();
    }
    catch (...)
    {
        return false;
    }
}

bool
IsRate(const std::string& s)
{
    double bps = 0;
    return ParseRate(s, bps) && bps > 0;
}

/** Largest fixed socket buffer accepted, bytes (1 GiB). */
constexpr uint64_t MAX_WINDOW = 1073741824;

/** \param s a value of --outer-window or --inner-window \return whether it is valid */
bool
IsWindow(const std::string& s)
{
    if (s == "auto")
    {
        return true;
    }
    if (s.empty() || s.size() > 10 || s.find_first_not_of("0123456789") != std::string::npos)
    {
        return false;
    }
    uint64_t bytes = std::stoull(s);
    return bytes >= 1500 && bytes <= MAX_WINDOW;
}

bool
IsCongestionControl(const std::string& name)
{
    // Instantiate rather than ask the TypeId: ns-3.37 registers TcpCubic's parent wrongly.
    ns3::TypeId tid;
    if (!ns3::TypeId::LookupByNameFailSafe("ns3::Tcp" + name, &tid) || !tid.HasConstructor())
    {
        return false;
    }
    ns3::ObjectFactory factory;
    factory.SetTypeId(tid);
    return ns3::DynamicCast<ns3::TcpCongestionOps>(factory.Create()) != nullptr;
}

} // namespace

std::string
Validate(const RunParams& p)
{
    if (p.mode != "plain" && p.mode != "udp" && p.mode != "tcp" && p.mode != "tls")
    {
        return "--mode must be plain, udp, tcp or tls, not '" + p.mode + "'";
    }
    if (p.tlsVersion != "1.3" && p.tlsVersion != "1.2")
    {
        return "--tls-version must be 1.3 or 1.2, not '" + p.tlsVersion + "'";
    }
    if (p.recordPolicy != "per-frame" && p.recordPolicy != "coalesce")
    {
        return "--record-policy must be per-frame or coalesce, not '" + p.recordPolicy + "'";
    }
    if (p.framing != "rfc9329" && p.framing != "draft-03")
    {
        return "--framing must be rfc9329 or draft-03, not '" + p.framing + "'";
    }
    if (p.espSize != "udp" && p.espSize != "fit"
        && (p.espSize.empty() || p.espSize.size() > 5
            || p.espSize.find_first_not_of("0123456789") != std::string::npos
            || std::stoul(p.espSize) < 64 || std::stoul(p.espSize) > 65000))
    {
        return "--esp-size must be udp, fit or a byte count from 64 to 65000, not '" + p.espSize
               + "'";
    }
    if (p.port > 65535)
    {
        return "--port must be at most 65535";
    }
    if (!IsRate(p.rate))
    {
        return "--rate must be a positive data rate such as 10Mbps, not '" + p.rate + "'";
    }
    if (!IsTime(p.delay) || !IsTime(p.outerMinRto) || !IsTime(p.innerMinRto))
    {
        return "--delay, --outer-min-rto and --inner-min-rto must be non-negative times such "
               "as 25ms";
    }
    if (p.queue == 0 && p.queueBdp <= 0)
    {
        return "--queue must be at least 1 packet";
    }
    if (p.queueBdp < 0)
    {
        return "--queue-bdp must not be negative";
    }
    if (!(p.loss >= 0 && p.loss < 1))
    {
        return "--loss must be in [0, 1)";
    }
    if (!(p.burst >= 1))
    {
        return "--burst must be at least 1";
    }
    if (p.lossDirection != "data" && p.lossDirection != "both")
    {
        return "--loss-direction must be data or both, not '" + p.lossDirection + "'";
    }
    if (!IsCongestionControl(p.outerCc) || !IsCongestionControl(p.innerCc))
    {
        return "--outer-cc and --inner-cc must name an ns-3 congestion control without its "
               "'Tcp' prefix (NewReno, Cubic, Bbr, ...)";
    }
    if (!IsWindow(p.innerWindow))
    {
        return "--inner-window must be auto or a byte count from 1500 to "
               + std::to_string(MAX_WINDOW) + ", not '" + p.innerWindow + "'";
    }
    if (!IsWindow(p.outerWindow))
    {
        return "--outer-window must be auto or a byte count from 1500 to "
               + std::to_string(MAX_WINDOW) + ", not '" + p.outerWindow + "'";
    }
    if (p.outerInitialCwnd == 0)
    {
        return "--outer-initial-cwnd must be at least 1";
    }
    if (p.keying != "ike" && p.keying != "manual")
    {
        return "--keying must be ike or manual, not '" + p.keying + "'";
    }
    if (p.ikeAuth != "psk" && p.ikeAuth != "ecdsa-p256" && p.ikeAuth != "rsa-2048")
    {
        return "--ike-auth must be psk, ecdsa-p256 or rsa-2048, not '" + p.ikeAuth + "'";
    }
    if (p.fallback != "none" && p.fallback != "sequential" && p.fallback != "race"
        && p.fallback != "mobike")
    {
        return "--fallback must be none, sequential, race or mobike, not '" + p.fallback + "'";
    }
    if (p.fallback != "none" && (p.keying != "ike" || (p.mode != "tcp" && p.mode != "tls")))
    {
        return "--fallback needs --keying ike and --mode tcp or tls (the stream to fall back to)";
    }
    if (!IsTime(p.fallbackDelay) || !IsTime(p.liveness) || !IsTime(p.mobikeProbe))
    {
        return "--fallback-delay, --liveness and --mobike-probe must be times such as 2s";
    }
    if (p.block != "none" && p.block != "udp" && p.block != "ike-udp" && p.block != "all-but-443")
    {
        return "--block must be none, udp, ike-udp or all-but-443, not '" + p.block + "'";
    }
    if (!(p.udpBlockStart >= 0) || !(p.udpBlockLength >= 0)
        || p.udpBlockStart + p.udpBlockLength > p.duration)
    {
        return "--udp-block-start and --udp-block-length must be non-negative and end within "
               "--duration";
    }
    if (p.queuePolicy != "linux" && p.queuePolicy != "fifo")
    {
        return "--queue-policy must be linux or fifo, not '" + p.queuePolicy + "'";
    }
    if (p.flows > 1000)
    {
        return "--flows must be at most 1000";
    }
    bool cbr = p.cbrRate != "0";
    if (cbr && !IsRate(p.cbrRate))
    {
        return "--cbr-rate must be 0 or a positive data rate such as 1Mbps";
    }
    if (p.cbrSize < 12 || p.cbrSize > 1400)
    {
        return "--cbr-size must be between 12 and 1400 bytes";
    }
    if (p.rrRequest > 0
        && (p.rrResponse == 0 || !IsTime(p.rrInterval) || ns3::Time(p.rrInterval).IsZero()))
    {
        return "--rr-response must be positive and --rr-interval a positive time";
    }
    if (p.flows == 0 && !cbr && p.rrRequest == 0)
    {
        return "no inner traffic: give --flows, --cbr-rate or --rr-request";
    }
    if (!(p.duration > 0) || !(p.warmup >= 0) || p.warmup >= p.duration)
    {
        return "--duration must be positive and --warmup in [0, duration)";
    }
    if (!(p.outageStart >= 0) || !(p.outageLength >= 0)
        || p.outageStart + p.outageLength > p.duration)
    {
        return "--outage-start and --outage-length must be non-negative and end within "
               "--duration";
    }
    if (p.seed == 0 || p.run == 0)
    {
        return "--seed and --run must be at least 1";
    }
    return "";
}

uint32_t
WindowBytes(const std::string& window)
{
    return window == "auto" ? 0 : static_cast<uint32_t>(std::stoul(window));
}

std::vector<std::pair<std::string, std::string>>
ParameterColumns(const RunParams& p)
{
    auto window = [](const std::string& w)
    {
        return w == "auto" ? w : std::to_string(WindowBytes(w));
    };
    auto num = [](double v)
    {
        std::ostringstream os;
        os << v;
        return os.str();
    };
    bool tls = p.mode == "tls";
    bool stream = tls || p.mode == "tcp";
    return {
        {"mode", p.mode},
        {"keying", p.mode != "plain" ? p.keying : ""},
        {"ike_auth", p.mode != "plain" && p.keying == "ike" ? p.ikeAuth : ""},
        {"fallback", stream && p.keying == "ike" ? p.fallback : ""},
        {"fallback_delay", p.fallback == "sequential" ? p.fallbackDelay : ""},
        {"liveness", p.mode != "plain" && p.keying == "ike" ? p.liveness : ""},
        {"mobike_probe", p.fallback == "mobike" ? p.mobikeProbe : ""},
        {"block", p.block},
        {"udp_block_start", p.udpBlockLength > 0 ? num(p.udpBlockStart) : ""},
        {"udp_block_length", num(p.udpBlockLength)},
        {"framing", stream ? p.framing : ""},
        {"esp_size", stream ? p.espSize : ""},
        {"port", stream ? std::to_string(p.port ? p.port : (tls ? 443 : 4500)) : ""},
        {"tls_version", tls ? p.tlsVersion : ""},
        {"record_policy", tls ? p.recordPolicy : ""},
        {"tls_resumption", tls ? (p.tlsResumption ? "1" : "0") : ""},
        {"rate", p.rate},
        {"delay", p.delay},
        {"queue", std::to_string(p.queue)},
        {"queue_bdp", num(p.queueBdp)},
        {"loss", num(p.loss)},
        {"burst", num(p.burst)},
        {"loss_direction", p.lossDirection},
        {"outer_cc", p.outerCc},
        {"outer_initial_cwnd", std::to_string(p.outerInitialCwnd)},
        {"outer_window", window(p.outerWindow)},
        {"inner_window", window(p.innerWindow)},
        {"outer_min_rto", p.outerMinRto},
        {"outer_nagle", p.outerNagle ? "1" : "0"},
        {"queue_policy", p.queuePolicy},
        {"inner_cc", p.innerCc},
        {"inner_min_rto", p.innerMinRto},
        {"outage_start", num(p.outageStart)},
        {"outage_length", num(p.outageLength)},
        {"flows", std::to_string(p.flows)},
        {"cbr_rate", p.cbrRate},
        {"cbr_size", p.cbrRate != "0" ? std::to_string(p.cbrSize) : ""},
        {"rr_request", std::to_string(p.rrRequest)},
        {"rr_response", p.rrRequest ? std::to_string(p.rrResponse) : ""},
        {"rr_interval", p.rrRequest ? p.rrInterval : ""},
        {"duration", num(p.duration)},
        {"warmup", num(p.warmup)},
        {"seed", std::to_string(p.seed)},
        {"run", std::to_string(p.run)},
    };
}

bool
ParseRate(const std::string& s, double& bps)
{
    ns3::DataRate r;
    std::istringstream is(s);
    is >> r;
    bps = is.fail() ? 0 : static_cast<double>(r.GetBitRate());
    return !is.fail();
}

} // namespace tcpencap
