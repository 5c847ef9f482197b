/*
 * Copyright (c) 2026 tcp-encap authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The scenario's parameters: one row each. A new option is one row here (and its use in the
// scenario); the command line, the INI reader, the checks, the result column, the sweep's
// deduplication and the figures' labels follow from it.
#include "parameter.h"
#include "run-params.h"

namespace tcpencap
{

namespace
{

bool
Tunnel(const RunParams& p)
{
    return p.HasTunnel();
}

bool
Stream(const RunParams& p)
{
    return p.IsStream();
}

bool
Tls(const RunParams& p)
{
    return p.UsesMode("tls");
}

bool
SeveralClients(const RunParams& p)
{
    return p.Count("clients") > 1;
}

bool
Ike(const RunParams& p)
{
    return p.UsesIke();
}

const char* const STREAM_MODES = "--mode tcp or tls";

} // namespace

const std::vector<Parameter>&
Parameters()
{
    using K = ParamKind;
    static const std::vector<Parameter> table = {
        {.name = "mode",
         .defaultValue = "udp",
         .kind = K::CHOICE,
         .help = "the inner traffic's path: plain (no tunnel), udp (ESP-in-UDP, RFC 3948), tcp "
                 "(ESP-in-TCP, RFC 9329) or tls (ESP-in-TLS-in-TCP, RFC 9329 Appendix A)",
         .choices = {"plain", "udp", "tcp", "tls"},
         .label = "Encapsulation",
         .applies =
             [](const RunParams& p)
         {
             return p.Get("mix").empty();
         },
         .appliesTo = "runs without --mix (a mix sets each client's mode)",
         .blankWhenIgnored = true},
        {.name = "clients",
         .defaultValue = "1",
         .kind = K::COUNT,
         .help = "clients, each on its own access link to the router, sharing the bottleneck; "
                 "above 1 (or with --mix) they are clients of one gateway (IpsecGateway: per "
                 "client IKE SA and tunnel, shared listeners), need --keying ike, and --flows, "
                 "--cbr-rate and --rr-request are per client",
         .min = 1,
         .max = 4096,
         .label = "Clients"},
        {.name = "mix",
         .defaultValue = "",
         .kind = K::MIX,
         .help = "which mode each client uses: mode=count entries joined by '+' whose counts sum "
                 "to --clients, e.g. udp=8+tcp=2; one mode may go without a count and take the "
                 "rest (udp=8+tcp; tcp alone: every client). The modes are interleaved over the "
                 "clients (the k-th of c clients of a mode at position (k + 1/2) / c: "
                 "udp=8+tcp=2 gives tcp to clients 2 and 7). Empty: every client uses --mode, "
                 "and with --clients 1 the single-client scenario (a tunnel pair, no gateway) "
                 "runs. Figures place a mix on the x axis by the count of its last entry",
         .label = "Clients on the mix's last mode"},
        {.name = "keying",
         .defaultValue = "ike",
         .kind = K::CHOICE,
         .help = "tunnels: ike (the Child SA is negotiated by IKEv2 before the inner traffic "
                 "starts) or manual (keys installed at set-up)",
         .choices = {"ike", "manual"},
         .label = "Keying",
         .applies = Tunnel,
         .appliesTo = "--mode udp, tcp or tls",
         .blankWhenIgnored = true},
        {.name = "ike-auth",
         .defaultValue = "psk",
         .kind = K::CHOICE,
         .help = "ike: psk, or certificates with ecdsa-p256 or rsa-2048 keys",
         .choices = {"psk", "ecdsa-p256", "rsa-2048"},
         .label = "IKE authentication",
         .applies = Ike,
         .appliesTo = "a tunnel with --keying ike",
         .blankWhenIgnored = true},
        {.name = "fallback",
         .defaultValue = "none",
         .kind = K::CHOICE,
         .help = "tcp, tls, with ike keying: none (the mode's transport only), sequential (UDP, "
                 "then the mode's stream after --fallback-delay), race (UDP, and the stream too "
                 "after 250 ms) or mobike (start on UDP, move to the stream with "
                 "UPDATE_SA_ADDRESSES when UDP stops answering, and back)",
         .choices = {"none", "sequential", "race", "mobike"},
         .label = "Fallback",
         .applies =
             [](const RunParams& p)
         {
             return p.IsStream() && p.UsesIke();
         },
         .appliesTo = "--mode tcp or tls with --keying ike",
         .blankWhenIgnored = true},
        {.name = "fallback-delay",
         .defaultValue = "0s",
         .kind = K::TIME,
         .help = "sequential: time before trying the stream (0s: after one unanswered "
                 "retransmission)",
         .label = "Fallback delay",
         .applies =
             [](const RunParams& p)
         {
             return p.Get("fallback") == "sequential";
         },
         .appliesTo = "--fallback sequential",
         .blankWhenIgnored = true},
        {.name = "ike-spacing",
         .defaultValue = "2ms",
         .kind = K::TIME,
         .help
         = "several clients: client i starts its IKE i times this after the start (IKE_SA_INITs "
           "of many clients at once overflow the bottleneck queue and time out in step)",
         .label = "IKE start spacing",
         .applies =
             [](const RunParams& p)
         {
             return p.ManyClients() && p.UsesIke();
         },
         .appliesTo = "a tunnel with --keying ike and --clients above 1 or --mix",
         .blankWhenIgnored = true},
        {.name = "liveness",
         .defaultValue = "0s",
         .kind = K::TIME,
         .help = "IKE liveness checks after this much silence from the peer (0s: none)",
         .label = "Liveness interval",
         .applies = Ike,
         .appliesTo = "a tunnel with --keying ike",
         .blankWhenIgnored = true},
        {.name = "mobike-probe",
         .defaultValue = "2s",
         .kind = K::TIME,
         .help = "mobike: on the stream, try UDP again this often (0s: never)",
         .label = "MOBIKE probe interval",
         .applies =
             [](const RunParams& p)
         {
             return p.Get("fallback") == "mobike";
         },
         .appliesTo = "--fallback mobike",
         .blankWhenIgnored = true},
        {.name = "block",
         .defaultValue = "none",
         .kind = K::CHOICE,
         .help = "a firewall in the router from the start: none, udp, ike-udp (ports 500/4500) "
                 "or all-but-443 (only TCP 443 passes)",
         .choices = {"none", "udp", "ike-udp", "all-but-443"},
         .label = "Firewall"},
        {.name = "udp-block-start",
         .defaultValue = "0s",
         .kind = K::TIME,
         .help = "time into the traffic when the firewall starts dropping UDP",
         .label = "UDP block start",
         .unit = "s",
         .applies =
             [](const RunParams& p)
         {
             return p.Seconds("udp-block-length") > 0;
         },
         .appliesTo = "a positive --udp-block-length",
         .blankWhenIgnored = true,
         .column = ColumnForm::SECONDS},
        {.name = "udp-block-length",
         .defaultValue = "0s",
         .kind = K::TIME,
         .help = "how long the firewall drops UDP (0s: never)",
         .label = "UDP block length",
         .unit = "s",
         .column = ColumnForm::SECONDS},
        {.name = "framing",
         .defaultValue = "rfc9329",
         .kind = K::CHOICE,
         .help = "tcp, tls: stream framing, rfc9329 (16-bit Length) or draft-03 (32-bit)",
         .attribute = "ns3::TcpEncapTransport::Framing",
         .label = "Framing",
         .applies = Stream,
         .appliesTo = STREAM_MODES,
         .blankWhenIgnored = true},
        {.name = "esp-size",
         .defaultValue = "udp",
         .kind = K::BYTES,
         .help = "tcp, tls: largest ESP packet per frame, which sets the inner MTU: udp (as "
                 "ESP-in-UDP on the path, 1472 bytes: the same inner packets in every mode; a "
                 "frame then leaves as two outer segments), fit (a frame fills one outer "
                 "segment) or a byte count",
         .choices = {"udp", "fit"},
         .min = 64,
         .max = 65000,
         .label = "Largest ESP packet",
         .unit = "bytes",
         .applies = Stream,
         .appliesTo = STREAM_MODES,
         .blankWhenIgnored = true},
        {.name = "port",
         .defaultValue = "0",
         .kind = K::COUNT,
         .help = "tcp, tls: gateway port (0: 4500 for tcp, 443 for tls)",
         .max = 65535,
         .label = "Gateway port",
         .applies = Stream,
         .appliesTo = STREAM_MODES,
         .blankWhenIgnored = true,
         .columnValue =
             [](const RunParams& p)
         {
             uint32_t port = p.Count("port");
             return std::to_string(port ? port : (p.Mode() == "tls" ? 443 : 4500));
         }},
        {.name = "tls-version",
         .defaultValue = "1.3",
         .kind = K::CHOICE,
         .help = "tls: TLS version",
         .attribute = "ns3::TlsEncapTransport::TlsVersion",
         .label = "TLS version",
         .applies = Tls,
         .appliesTo = "--mode tls",
         .blankWhenIgnored = true},
        {.name = "record-policy",
         .defaultValue = "per-frame",
         .kind = K::CHOICE,
         .help = "tls: per-frame (one record per frame) or coalesce (records up to 16 KiB)",
         .attribute = "ns3::TlsEncapTransport::RecordPolicy",
         .label = "TLS records",
         .applies = Tls,
         .appliesTo = "--mode tls",
         .blankWhenIgnored = true},
        {.name = "tls-resumption",
         .defaultValue = "0",
         .kind = K::FLAG,
         .help = "tls: resume sessions with tickets when reconnecting",
         .label = "TLS resumption",
         .applies = Tls,
         .appliesTo = "--mode tls",
         .blankWhenIgnored = true},
        {.name = "rate",
         .defaultValue = "10Mbps",
         .kind = K::RATE,
         .help = "bottleneck rate",
         .label = "Bottleneck rate"},
        {.name = "delay",
         .defaultValue = "25ms",
         .kind = K::TIME,
         .help = "bottleneck one-way delay (the base RTT is about twice this plus 2 ms)",
         .label = "Bottleneck delay"},
        {.name = "queue",
         .defaultValue = "100",
         .kind = K::COUNT,
         .help = "bottleneck FIFO size, packets",
         .min = 1,
         .max = 1000000,
         .label = "Bottleneck queue",
         .unit = "packets",
         .applies =
             [](const RunParams& p)
         {
             return p.Real("queue-bdp") == 0;
         },
         .appliesTo = "--queue-bdp 0"},
        {.name = "queue-bdp",
         .defaultValue = "0",
         .kind = K::REAL,
         .help = "bottleneck FIFO size as a multiple of the bandwidth-delay product (0: use "
                 "--queue; else overrides it)",
         .max = 1000,
         .label = "Bottleneck queue",
         .unit = "BDP"},
        {.name = "loss",
         .defaultValue = "0",
         .kind = K::PROBABILITY,
         .help = "mean packet loss probability on the bottleneck",
         .max = 1,
         .maxExclusive = true,
         .label = "Bottleneck loss",
         .unit = "%",
         .displayScale = 100},
        {.name = "burst",
         .defaultValue = "1",
         .kind = K::REAL,
         .help = "mean loss burst length, packets: 1 independent (Bernoulli) losses, >1 "
                 "Gilbert-Elliott bursts of that mean length",
         .min = 1,
         .max = 1e6,
         .label = "Mean loss burst",
         .unit = "packets",
         .applies =
             [](const RunParams& p)
         {
             return p.Real("loss") > 0;
         },
         .appliesTo = "a positive --loss"},
        {.name = "loss-direction",
         .defaultValue = "data",
         .kind = K::CHOICE,
         .help = "where the loss is: data (client to gateway only) or both directions",
         .choices = {"data", "both"},
         .label = "Loss direction",
         .applies =
             [](const RunParams& p)
         {
             return p.Real("loss") > 0;
         },
         .appliesTo = "a positive --loss"},
        {.name = "access-rate",
         .defaultValue = "1Gbps",
         .kind = K::RATE,
         .help = "each client's access link rate, both directions",
         .label = "Access rate"},
        {.name = "access-delay",
         .defaultValue = "100us",
         .kind = K::TIME,
         .help = "each client's access link one-way delay (see --access-delay-spread)",
         .label = "Access delay"},
        {.name = "access-delay-spread",
         .defaultValue = "0",
         .kind = K::REAL,
         .help = "different access delays for N clients: client i's is --access-delay * (1 + "
                 "spread * i / (N - 1)), so 0 gives every client the same and 1 spreads them "
                 "from once to twice --access-delay",
         .max = 1000,
         .label = "Access delay spread",
         .applies = SeveralClients,
         .appliesTo = "--clients above 1"},
        {.name = "access-loss",
         .defaultValue = "0",
         .kind = K::PROBABILITY,
         .help = "packet loss probability on each client's access link, each direction "
                 "(independent draws per link)",
         .max = 1,
         .maxExclusive = true,
         .label = "Access loss",
         .unit = "%",
         .displayScale = 100},
        {.name = "outer-cc",
         .defaultValue = "Cubic",
         .kind = K::CONGESTION_CONTROL,
         .help = "tcp, tls: outer congestion control",
         .label = "Outer congestion control",
         .applies = Stream,
         .appliesTo = STREAM_MODES},
        {.name = "outer-initial-cwnd",
         .defaultValue = "10",
         .kind = K::COUNT,
         .help = "tcp, tls: outer initial window, segments",
         .min = 1,
         .max = 100000,
         .label = "Outer initial window",
         .unit = "segments",
         .applies = Stream,
         .appliesTo = STREAM_MODES},
        {.name = "outer-window",
         .defaultValue = "auto",
         .kind = K::BYTES,
         .help = "tcp, tls: outer socket buffers: auto (sized as Linux autotunes them) or the "
                 "size of both the send and the receive buffer (the window limit; the send "
                 "buffer is the tunnel's queue)",
         .choices = {"auto"},
         .min = 1500,
         .max = 1073741824,
         .label = "Outer socket buffers",
         .unit = "bytes",
         .applies = Stream,
         .appliesTo = STREAM_MODES},
        {.name = "inner-window",
         .defaultValue = "auto",
         .kind = K::BYTES,
         .help = "inner bulk flows' socket buffers: auto (sized as Linux autotunes them, from "
                 "tcp_wmem and tcp_rmem) or the size of both the send and the receive buffer "
                 "(their window limit; ns-3's own default is 131072)",
         .choices = {"auto"},
         .min = 1500,
         .max = 1073741824,
         .label = "Inner socket buffers",
         .unit = "bytes",
         .applies =
             [](const RunParams& p)
         {
             return p.Count("flows") > 0;
         },
         .appliesTo = "inner bulk flows (--flows 1 or more)"},
        {.name = "outer-min-rto",
         .defaultValue = "200ms",
         .kind = K::TIME,
         .help = "tcp, tls: outer minimum RTO",
         .label = "Outer minimum RTO",
         .applies = Stream,
         .appliesTo = STREAM_MODES},
        {.name = "outer-nagle",
         .defaultValue = "0",
         .kind = K::FLAG,
         .help = "tcp, tls: Nagle's algorithm on the outer connection",
         .label = "Outer Nagle",
         .applies = Stream,
         .appliesTo = STREAM_MODES},
        {.name = "queue-policy",
         .defaultValue = "linux",
         .kind = K::CHOICE,
         .help = "tcp, tls: tunnel queue, linux (espintcp: hold one frame) or fifo",
         .attribute = "ns3::TcpEncapTransport::QueuePolicy",
         .label = "Tunnel queue",
         .applies = Stream,
         .appliesTo = STREAM_MODES},
        {.name = "inner-cc",
         .defaultValue = "Cubic",
         .kind = K::CONGESTION_CONTROL,
         .help = "inner congestion control (bulk and request/response flows)",
         .label = "Inner congestion control"},
        {.name = "inner-min-rto",
         .defaultValue = "200ms",
         .kind = K::TIME,
         .help = "inner minimum RTO",
         .label = "Inner minimum RTO"},
        {.name = "outage-start",
         .defaultValue = "0s",
         .kind = K::TIME,
         .help = "time into the traffic when the bottleneck drops everything, both ways",
         .label = "Outage start",
         .unit = "s",
         .applies =
             [](const RunParams& p)
         {
             return p.Seconds("outage-length") > 0;
         },
         .appliesTo = "a positive --outage-length",
         .column = ColumnForm::SECONDS},
        {.name = "outage-length",
         .defaultValue = "0s",
         .kind = K::TIME,
         .help = "how long the outage lasts (0s: none)",
         .label = "Outage",
         .unit = "s",
         .column = ColumnForm::SECONDS},
        {.name = "flows",
         .defaultValue = "1",
         .kind = K::COUNT,
         .help = "inner bulk TCP flows, per client (0: none)",
         .max = 1000,
         .label = "Inner bulk flows"},
        {.name = "cbr-rate",
         .defaultValue = "0",
         .kind = K::RATE,
         .help = "inner UDP constant-bit-rate flow, per client (0: none; see --cbr-split)",
         .choices = {"0"},
         .label = "Inner CBR rate"},
        {.name = "cbr-size",
         .defaultValue = "200",
         .kind = K::COUNT,
         .help = "its datagram size, bytes",
         .min = 12,
         .max = 1400,
         .label = "CBR datagram",
         .unit = "bytes",
         .applies =
             [](const RunParams& p)
         {
             return p.Get("cbr-rate") != "0";
         },
         .appliesTo = "a --cbr-rate",
         .blankWhenIgnored = true},
        {.name = "cbr-split",
         .defaultValue = "0",
         .kind = K::FLAG,
         .help = "with several clients: 1 makes --cbr-rate the total of all clients, each "
                 "sending --cbr-rate / N (client i's first datagram i/N of a datagram interval "
                 "after the start, so that the total is smooth); 0: each client sends "
                 "--cbr-rate",
         .label = "CBR rate split over clients",
         .applies =
             [](const RunParams& p)
         {
             return p.Get("cbr-rate") != "0" && p.Count("clients") > 1;
         },
         .appliesTo = "a --cbr-rate with --clients above 1"},
        {.name = "rr-request",
         .defaultValue = "0",
         .kind = K::COUNT,
         .help = "inner request/response flow, per client: request size, bytes (0: none)",
         .label = "Request size",
         .unit = "bytes"},
        {.name = "rr-response",
         .defaultValue = "2000",
         .kind = K::COUNT,
         .help = "its response size, bytes",
         .min = 1,
         .label = "Response size",
         .unit = "bytes",
         .applies =
             [](const RunParams& p)
         {
             return p.Count("rr-request") > 0;
         },
         .appliesTo = "a positive --rr-request",
         .blankWhenIgnored = true},
        {.name = "rr-interval",
         .defaultValue = "100ms",
         .kind = K::TIME,
         .help = "time between its request starts",
         .label = "Request interval",
         .applies =
             [](const RunParams& p)
         {
             return p.Count("rr-request") > 0;
         },
         .appliesTo = "a positive --rr-request",
         .blankWhenIgnored = true},
        {.name = "duration",
         .defaultValue = "20s",
         .kind = K::TIME,
         .help = "length of the inner traffic (after the IKE set-up)",
         .label = "Duration",
         .unit = "s",
         .column = ColumnForm::SECONDS},
        {.name = "warmup",
         .defaultValue = "2s",
         .kind = K::TIME,
         .help = "time at the start of the traffic left out of rates",
         .label = "Warm-up",
         .unit = "s",
         .column = ColumnForm::SECONDS},
        {.name = "seed",
         .defaultValue = "1",
         .kind = K::COUNT,
         .help = "ns-3 RNG seed",
         .min = 1,
         .label = "Seed"},
        {.name = "run",
         .defaultValue = "1",
         .kind = K::COUNT,
         .help = "ns-3 RNG run number (the repetition)",
         .min = 1,
         .label = "Run"},
    };
    return table;
}

} // namespace tcpencap
