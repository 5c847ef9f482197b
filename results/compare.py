#!/usr/bin/env python3
"""Old (ns-3.37, fixed 128 KiB buffers) against new (ns-3.48, autotuned buffers) figures of
results/README.md, from the studies' summary.csv files.

Usage (from the repository root):
  mkdir -p /tmp/old && for d in loss rtt outer-window burst-loss timers overhead esp-size flows \
    fallback fallback-delay mobike mobike-udp; do
    git show 5a547bf:results/$d/summary.csv > /tmp/old/$d.csv; done
  python3 results/compare.py /tmp/old results
"""
import csv
import math
import sys


def load(path):
    try:
        with open(path, newline="") as f:
            return list(csv.DictReader(f))
    except FileNotFoundError:
        return []


def pick(rows, **where):
    for r in rows:
        ok = True
        for k, v in where.items():
            have = r.get(k, "")
            if isinstance(v, float):
                try:
                    ok = ok and abs(float(have) - v) < 1e-12
                except ValueError:
                    ok = False
            else:
                ok = ok and have == v
        if ok:
            return r
    return None


def val(row, metric):
    if row is None or row.get(metric + "_mean", "") == "":
        return None
    return float(row[metric + "_mean"]), float(row[metric + "_ci95"] or 0)


def fmt(x, digits=3):
    if x is None:
        return "-"
    m, ci = x
    return f"{m:.{digits}g} ± {ci:.2g}" if ci > 1e-9 * abs(m) else f"{m:.{digits}g}"


def ratio(a, b):
    """a / b with a delta-method 95 % interval from the two intervals."""
    if a is None or b is None or b[0] == 0:
        return None
    r = a[0] / b[0]
    rel = math.sqrt((a[1] / a[0]) ** 2 + (b[1] / b[0]) ** 2) if a[0] else 0
    return r, r * rel


def main(old_dir, new_dir):
    def both(name):
        return load(f"{old_dir}/{name}.csv"), load(f"{new_dir}/{name}/summary.csv")

    o, n = both("loss")
    print("## loss: goodput of udp, and tcp/udp, tls/udp (delta-method 95 % CI)")
    print("| RTT | loss | udp old | udp new | tcp/udp old | tcp/udp new | tls/udp old | tls/udp new |")
    print("|---|---|---|---|---|---|---|---|")
    for delay, rtt in (("10ms", 20), ("25ms", 50), ("50ms", 100)):
        for loss in (0.0, 0.01, 0.02, 0.03, 0.05, 0.1):
            cells = []
            for t in (o, n):
                u = val(pick(t, mode="udp", delay=delay, loss=loss), "goodput_mbps")
                cells.append((u,
                              ratio(val(pick(t, mode="tcp", delay=delay, loss=loss), "goodput_mbps"), u),
                              ratio(val(pick(t, mode="tls", delay=delay, loss=loss), "goodput_mbps"), u)))
            print(f"| {rtt} ms | {loss * 100:g} % | {fmt(cells[0][0])} | {fmt(cells[1][0])} "
                  f"| {fmt(cells[0][1], 2)} | {fmt(cells[1][1], 2)} | {fmt(cells[0][2], 2)} "
                  f"| {fmt(cells[1][2], 2)} |")

    o, n = both("rtt")
    print("## rtt: tcp/udp goodput")
    print("| one-way delay | loss | tcp/udp old | tcp/udp new | tcp old | tcp new |")
    print("|---|---|---|---|---|---|")
    for delay in ("5ms", "25ms", "50ms", "75ms", "100ms"):
        for loss in (0.0, 0.01, 0.03):
            r = []
            for t in (o, n):
                u = val(pick(t, mode="udp", delay=delay, loss=loss), "goodput_mbps")
                c = val(pick(t, mode="tcp", delay=delay, loss=loss), "goodput_mbps")
                r.append((ratio(c, u), c))
            print(f"| {delay} | {loss * 100:g} % | {fmt(r[0][0], 2)} | {fmt(r[1][0], 2)} "
                  f"| {fmt(r[0][1])} | {fmt(r[1][1])} |")

    o, n = both("outer-window")
    print("## outer-window: 1 % loss, 50 ms, linux queue, initial cwnd 10")
    print("| outer buffers | goodput old | new | RTT mean old | new | inner retx old | new "
          "| queue drops old | new |")
    print("|---|---|---|---|---|---|---|---|---|")
    for w in ("8192", "16384", "32768", "65536", "131072", "262144", "524288"):
        a = pick(o, outer_window=w, queue_policy="linux", outer_initial_cwnd="10")
        b = pick(n, outer_window=w, queue_policy="linux", outer_initial_cwnd="10")
        print(f"| {int(w) // 1024} KiB " + "".join(
            f"| {fmt(val(a, m))} | {fmt(val(b, m))} "
            for m in ("goodput_mbps", "rtt_mean_ms", "inner_retx", "tunnel_queue_drops")) + "|")

    o, n = both("burst-loss")
    print("## burst-loss")
    print("| loss | burst | metric | udp old | udp new | tcp old | tcp new |")
    print("|---|---|---|---|---|---|---|")
    for loss, burst in ((0.01, "1"), (0.05, "1"), (0.05, "4")):
        for m in ("goodput_mbps", "max_gap_ms", "per_rtt_cv"):
            c = [fmt(val(pick(t, mode=mode, loss=loss, burst=burst), m))
                 for mode in ("udp", "tcp") for t in (o, n)]
            print(f"| {loss * 100:g} % | {burst} | {m} | " + " | ".join(c) + " |")

    o, n = both("timers")
    print("## timers")
    print("| mode | loss | inner min RTO | outer min RTO | metric | old | new |")
    print("|---|---|---|---|---|---|---|")
    for mode, loss, inner, outer, m in (("tcp", 0.0, "200ms", "200ms", "inner_spurious_retx"),
                                        ("tcp", 0.01, "200ms", "200ms", "inner_spurious_retx"),
                                        ("udp", 0.03, "200ms", "200ms", "goodput_mbps"),
                                        ("udp", 0.03, "1s", "200ms", "goodput_mbps"),
                                        ("tcp", 0.03, "200ms", "200ms", "goodput_mbps"),
                                        ("tcp", 0.03, "200ms", "1s", "goodput_mbps")):
        w = dict(mode=mode, loss=loss, inner_min_rto=inner, outer_min_rto=outer)
        print(f"| {mode} | {loss * 100:g} % | {inner} | {outer} | {m} "
              f"| {fmt(val(pick(o, **w), m))} | {fmt(val(pick(n, **w), m))} |")

    o, n = both("overhead")
    print("## overhead")
    print("| mode | framing | wire/inner old | new | IKE ms old | new | goodput old | new |")
    print("|---|---|---|---|---|---|---|---|")
    for mode, framing in (("plain", ""), ("udp", ""), ("tcp", "rfc9329"), ("tcp", "draft-03"),
                          ("tls", "rfc9329")):
        w = dict(mode=mode, ike_auth="psk")
        if framing:
            w["framing"] = framing
        a, b = pick(o, **w), pick(n, **w)
        print(f"| {mode} | {framing} " + "".join(
            f"| {fmt(val(a, m), 4)} | {fmt(val(b, m), 4)} "
            for m in ("wire_per_inner_byte", "ike_handshake_ms", "goodput_mbps")) + "|")

    o, n = both("esp-size")
    print("## esp-size (ratio to nothing: goodput and wire)")
    print("| mode | esp size | loss | goodput old | new | wire old | new |")
    print("|---|---|---|---|---|---|---|")
    for mode in ("tcp", "tls"):
        for size in ("udp", "fit"):
            for loss in (0.0, 0.03):
                w = dict(mode=mode, esp_size=size, loss=loss)
                a, b = pick(o, **w), pick(n, **w)
                print(f"| {mode} | {size} | {loss * 100:g} % " + "".join(
                    f"| {fmt(val(a, m), 4)} | {fmt(val(b, m), 4)} "
                    for m in ("goodput_mbps", "wire_per_inner_byte")) + "|")

    o, n = both("flows")
    print("## flows")
    print("| mode | flows | loss | goodput old | new | CBR p95 delay old | new | rr completed old "
          "| new |")
    print("|---|---|---|---|---|---|---|---|---|")
    for mode in ("udp", "tcp"):
        for flows in ("1", "4", "16"):
            for loss in (0.0, 0.01):
                w = dict(mode=mode, flows=flows, loss=loss)
                a, b = pick(o, **w), pick(n, **w)
                print(f"| {mode} | {flows} | {loss * 100:g} % " + "".join(
                    f"| {fmt(val(a, m))} | {fmt(val(b, m))} "
                    for m in ("goodput_mbps", "cbr_delay_p95_ms", "rr_completed")) + "|")

    o, n = both("fallback")
    print("## fallback: IKE handshake ms")
    print("| mode | fallback | block | old | new |")
    print("|---|---|---|---|---|")
    for mode in ("tcp", "tls"):
        for fb in ("none", "sequential", "race"):
            for block in ("none", "udp"):
                w = dict(mode=mode, fallback=fb, block=block)
                print(f"| {mode} | {fb} | {block} | {fmt(val(pick(o, **w), 'ike_handshake_ms'))} "
                      f"| {fmt(val(pick(n, **w), 'ike_handshake_ms'))} |")

    for name in ("mobike", "mobike-udp"):
        o, n = both(name)
        print(f"## {name}: largest gap ms, goodput")
        print("| fallback | block length | loss | gap old | new | goodput old | new |")
        print("|---|---|---|---|---|---|---|")
        for fb in (("none", "mobike") if name == "mobike" else ("",)):
            for length in ("5", "10", "20"):
                for loss in (0.0, 0.01):
                    w = dict(udp_block_length=length, loss=loss)
                    if fb:
                        w["fallback"] = fb
                    a, b = pick(o, **w), pick(n, **w)
                    print(f"| {fb} | {length} s | {loss * 100:g} % " + "".join(
                        f"| {fmt(val(a, m))} | {fmt(val(b, m))} "
                        for m in ("max_gap_ms", "goodput_mbps")) + "|")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
