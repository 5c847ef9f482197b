#!/usr/bin/env python3
"""The tables of results/validation/README.md from the sweeps' validation.csv files.

Usage (from the repository root):
  git show 5a547bf:results/loss/summary.csv > /tmp/loss-ns-3.37.csv   # the ns-3.37 run
  python3 results/validation/tables.py results/validation results/validation-bdp \
      /tmp/loss-ns-3.37.csv
"""
import csv
import sys


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def find(table, **key):
    for r in table:
        if all(abs(float(r[k]) - v) < 1e-12 if isinstance(v, float) else r[k] == v
               for k, v in key.items()):
            return r
    return None


def main(main_dir, bdp_dir, old_summary):
    v = rows(main_dir + "/validation.csv")
    print("TABLE_MAIN")
    print("| base RTT (measured) | loss | NewReno | PFTK b=2 | Mathis b=2 | Mathis b=1 | NewReno / PFTK"
          " | Cubic | RFC 9438 (region) | random-loss CUBIC | Cubic / RFC 9438 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for delay, rtt in (("10ms", 20), ("25ms", 50), ("50ms", 100), ("100ms", 200)):
        for loss in (0.001, 0.01, 0.03, 0.1):
            n = find(v, mode="plain", inner_cc="NewReno", delay=delay, loss=loss)
            c = find(v, mode="plain", inner_cc="Cubic", delay=delay, loss=loss)
            print(f"| {rtt} ms ({float(n['rtt_ms']):.0f}) | {loss * 100:g} % "
                  f"| {float(n['goodput_mbps']):.3f} ± {float(n['goodput_ci95']):.3f} "
                  f"| {n['pftk_b2_mbps']} | {n['mathis_b2_mbps']} | {n['mathis_b1_mbps']} "
                  f"| {float(n['goodput_mbps']) / float(n['pftk_b2_mbps']):.2f} "
                  f"| {float(c['goodput_mbps']):.3f} ± {float(c['goodput_ci95']):.3f} "
                  f"| {c['cubic_rfc9438_mbps']} ({c['cubic_region']}) | {c['cubic_random_loss_mbps']} "
                  f"| {float(c['goodput_mbps']) / float(c['cubic_rfc9438_mbps']):.2f} |")
    for cc in ("NewReno", "Cubic"):
        sel = [r for r in v if r["inner_cc"] == cc]
        print(f"{cc}: inside {sum(r['inside'] == 'yes' for r in sel)} of {len(sel)}")
    b = rows(bdp_dir + "/validation.csv")
    print("TABLE_BDP")
    print("| loss | NewReno | PFTK b=2 | Mathis b=1 | Cubic | RFC 9438 (region) | random-loss CUBIC"
          " | Cubic / RFC 9438 |")
    print("|---|---|---|---|---|---|---|---|")
    for loss in (0.0001, 0.0003, 0.001):
        n = find(b, mode="plain", inner_cc="NewReno", loss=loss)
        c = find(b, mode="plain", inner_cc="Cubic", loss=loss)
        print(f"| {loss * 100:g} % | {float(n['goodput_mbps']):.2f} ± {float(n['goodput_ci95']):.2f} "
              f"| {n['pftk_b2_mbps']} | {n['mathis_b1_mbps']} "
              f"| {float(c['goodput_mbps']):.2f} ± {float(c['goodput_ci95']):.2f} "
              f"| {c['cubic_rfc9438_mbps']} ({c['cubic_region']}) | {c['cubic_random_loss_mbps']} "
              f"| {float(c['goodput_mbps']) / float(c['cubic_rfc9438_mbps']):.2f} |")
    old = rows(old_summary)
    print("TABLE_337")
    print("| base RTT | loss | Cubic, ns-3.37 | Cubic, ns-3.48 | RFC 9438 (3.48's RTT) | NewReno, ns-3.48 |")
    print("|---|---|---|---|---|---|")
    for delay, rtt in (("10ms", 20), ("25ms", 50), ("50ms", 100)):
        for loss in (0.005, 0.01, 0.02, 0.03, 0.05, 0.1):
            o = find(old, mode="plain", delay=delay, loss=loss)
            c = find(v, mode="plain", inner_cc="Cubic", delay=delay, loss=loss)
            n = find(v, mode="plain", inner_cc="NewReno", delay=delay, loss=loss)
            print(f"| {rtt} ms | {loss * 100:g} % "
                  f"| {float(o['goodput_mbps_mean']):.2f} ± {float(o['goodput_mbps_ci95']):.2f} "
                  f"| {float(c['goodput_mbps']):.2f} ± {float(c['goodput_ci95']):.2f} "
                  f"| {float(c['cubic_rfc9438_mbps']):.2f} | {float(n['goodput_mbps']):.2f} |")


if __name__ == "__main__":
    main(*sys.argv[1:4])
