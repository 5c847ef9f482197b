#!/usr/bin/env bash
# Every study of results/ from one command: each sweep of experiments/ into results/<name>/
# (resumable: finished runs of this program version are kept), then its figures and, for the
# validation studies, the table against the analytic models. The commands are the ones each
# study's README shows.
# Usage: bash scripts/run-studies.sh [--plots-only] [name ...]   (default: all; -j from JOBS,
# default nproc). --plots-only redraws the figures from the committed summaries, no sweep.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/bin/tcp-encap
jobs=${JOBS:-$(nproc)}
plots_only=0
if [ "${1:-}" = --plots-only ]; then plots_only=1; shift; fi
all=(validation validation-bdp quick loss rtt outer-window timers burst-loss flows overhead
     esp-size fallback fallback-delay fallback-udp mobike mobike-udp coexistence coexistence-tls
     flows-per-tunnel scale)
names=("$@")
((${#names[@]})) || names=("${all[@]}")

plot() { "$bin" plot "$@" >/dev/null; }

for name in "${names[@]}"; do
  dir=results/$name
  start=$SECONDS
  if ((plots_only)); then
    [ -d "$dir/plots" ] || continue
  else
    # Points of this sweep's earlier versions (other parameters) would not merge: keep only the
    # points the sweep names now.
    if [ -d "$dir/points" ]; then
      keep=$("$bin" jobs "experiments/$name.ini" --out "$dir" | grep -o "$dir/points/[0-9a-f]*\.csv")
      for f in "$dir"/points/*.csv; do
        grep -qxF "$f" <<<"$keep" || rm -f "$f"
      done
    fi
    j=$jobs
    [ "$name" = scale ] && j=1 # wall-clock time per packet: one run at a time
    "$bin" sweep "experiments/$name.ini" --out "$dir" -j "$j" --no-plot >"$dir.log" 2>&1 ||
      { tail -n 20 "$dir.log" >&2; echo "run-studies: $name failed" >&2; exit 1; }
    rm -f "$dir.log"
  fi
  rm -rf "$dir/plots"
  case "$name" in
    validation)
      ((plots_only)) || "$bin" validate "$dir" >/dev/null
      plot "$dir" --metric goodput_mbps --facet delay --model mathis-b1 pftk cubic --logy ;;
    validation-bdp)
      ((plots_only)) || "$bin" validate "$dir" >/dev/null ;;
    quick)
      plot "$dir" ;;
    loss)
      plot "$dir"
      plot "$dir" --metric goodput_mbps --model mathis-b1 pftk cubic --facet delay --logy
      plot "$dir" --metric goodput_mbps --ratio-to udp --threshold 0.9 0.5 --facet delay \
        --mark-x 0.03 ;;
    rtt)
      plot "$dir" --x delay --facet loss --metric goodput_mbps rtt_mean_ms max_gap_ms \
        tunnel_queue_drops --logy ;;
    outer-window)
      plot "$dir" --x outer_window --metric goodput_mbps rtt_p95_ms inner_retx \
        inner_spurious_retx tunnel_queue_drops max_gap_ms --facet queue_policy --logy ;;
    timers)
      plot "$dir" --x loss --metric inner_spurious_retx inner_rto goodput_mbps max_gap_ms \
        --facet mode ;;
    burst-loss)
      plot "$dir" --x loss --facet burst --metric goodput_mbps max_gap_ms per_rtt_cv \
        stalls_2rtt inner_spurious_retx
      plot "$dir" --cdf stall_lengths_ms --facet burst
      plot "$dir" --cdf stall_lengths_ms --facet loss ;;
    flows)
      plot "$dir" --x flows --facet loss --metric goodput_mbps flow_goodput_min_mbps \
        rr_completed rr_time_p95_ms cbr_delay_p95_ms cbr_jitter_ms cbr_loss --logy ;;
    esp-size)
      plot "$dir" --x loss
      plot "$dir" --x loss --metric goodput_mbps --facet mode ;;
    fallback-delay)
      plot "$dir"
      plot "$dir" --x fallback_delay --metric ike_handshake_ms --logy ;;
    mobike)
      plot "$dir"
      plot "$dir" --x udp_block_length --metric goodput_mbps max_gap_ms address_updates \
        --facet loss ;;
    mobike-udp)
      plot "$dir"
      plot "$dir" --x udp_block_length --metric goodput_mbps max_gap_ms --facet loss ;;
    coexistence)
      plot "$dir" --x mix --metric share_udp share_tcp client_fairness mode_fairness \
        rtt_udp_p50_ms rtt_tcp_p50_ms goodput_mbps ;;
    coexistence-tls)
      plot "$dir" --x mix --metric share_udp share_tls client_fairness mode_fairness \
        rtt_udp_p50_ms rtt_tls_p50_ms goodput_mbps ;;
    flows-per-tunnel)
      plot "$dir" --x flows --facet mix --metric goodput_mbps flow_fairness rtt_p50_ms ;;
    scale)
      plot "$dir" --x clients --metric wall_us_per_packet events_per_packet peak_rss_mb \
        inner_packets ;;
    overhead | fallback | fallback-udp) ;; # tabulated in their READMEs
  esac
  echo "run-studies: $name: $((SECONDS - start)) s"
done
