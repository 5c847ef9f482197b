#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Wireshark reads what the examples write: runs tcp-encap-udp-tunnel and tcp-encap-tcp-tunnel
# (ESP-in-TCP with both framings, ESP-in-TLS) with --pcap=true --keylog=DIR, has tshark
# dissect the client's access link with tools/wireshark/rfc9329.lua and the tables that
# WiresharkKeylogHelper wrote, and checks counts (doc/wireshark.md):
#  - ESP messages were seen and every one passed Wireshark's ICV check (AES-GCM with the
#    logged keys): good ICVs == ESP messages, no bad ICV; the inner flow (port 5001) shows;
#  - no malformed packet, no expert error (Lua errors included), nothing on tshark's stderr
#    (a table or a script it could not load);
#  - TCP and TLS: the dissector saw the IKETCP prefix once and one frame per ESP message;
#  - IKE (the examples key their tunnels with IKEv2): every IKE_AUTH decrypted (check_ike);
#  - controls that must fail: no keys -> no good ICV; draft-03 read as RFC 9329 -> fatal Length;
#  - the dissector on a hand-made stream: a split prefix, a keepalive, a short frame, IKE,
#    frames split across segments and several per segment, a fatal Length.
#
# Usage: check-decryption.sh UDP_TUNNEL_PROGRAM TCP_TUNNEL_PROGRAM SOURCE_DIR
# (ctest: tcp-encap-wireshark)
set -euo pipefail

if (($# != 3)); then
  echo "usage: $0 UDP_TUNNEL_PROGRAM TCP_TUNNEL_PROGRAM SOURCE_DIR" >&2
  exit 2
fi
udp_program=$(realpath "$1")
tcp_program=$(realpath "$2")
lua=$(realpath "$3/tools/wireshark/rfc9329.lua")

if ! command -v tshark >/dev/null 2>&1; then
  echo "FAIL: tshark is not installed: 'apt-get install tshark' (scripts/setup.sh does it)" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/tcp-encap-wireshark.XXXXXX")
trap 'rm -rf "$work"' EXIT
# No personal configuration of the user's may change the dissection.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config
mkdir -p "$XDG_CONFIG_HOME"

passed=0
failed=0
fail() {
  echo "FAIL: $*" >&2
  failed=$((failed + 1))
}
pass() {
  echo "ok: $*"
  passed=$((passed + 1))
}

# The fields tshark prints per frame (all occurrences, space-separated) and what count()
# makes of them.
fields=(
  esp.spi                     # esp:        ESP messages
  esp.icv_good                # good:       of them with a good ICV
  esp.icv_bad                 # bad:        ... a bad one
  tcp.port                    # inner:      frames with ESP and the inner flow's port 5001
  _ws.expert.severity         # errors:     frames with an expert error (Lua errors too)
  _ws.malformed               # malformed:  malformed frames
  rfc9329.prefix              # prefixes:   IKETCP prefixes
  rfc9329.kind                # esp_frames, ike_frames, keepalives, shorts: frames by kind
  rfc9329.fatal_length        # fatal:      fatal Lengths
  rfc9329.ignored             # ignored:    frames ignored after a fatal Length
  isakmp.exchangetype         # ike, ike_messages, ike_auth: frames with IKE; IKE messages;
                              #             IKE_AUTH messages (35)
  isakmp.enc.decrypted        # ike_auth_decrypted: decrypted SK payloads in IKE_AUTH frames
  isakmp.ikev2.integrity_checksum # ike_bad: IKE messages whose checksum failed
)

# count NAME KEYS PCAP [tshark options...]: dissects PCAP once (Wireshark's personal
# configuration directory = KEYS, whose esp_sa and ikev2_decryption_table are Wireshark's own
# table files) and sets the associative array `n` to the counts above.
declare -A n
count() {
  local name=$1 keys=$2 pcap=$3
  shift 3
  local out=$work/$name.fields err=$work/$name.stderr
  local args=()
  for f in "${fields[@]}"; do
    args+=(-e "$f")
  done
  n=()
  if ! WIRESHARK_CONFIG_DIR=$keys tshark -n -r "$pcap" -X lua_script:"$lua" \
    -o esp.enable_encryption_decode:TRUE -o esp.enable_authentication_check:TRUE "$@" \
    -T fields -E occurrence=a -E aggregator=' ' "${args[@]}" >"$out" 2>"$err"; then
    fail "$name: tshark failed: $(tail -3 "$err")"
    return 1
  fi
  if grep -v '^Running as user "root"' "$err" | grep -q .; then
    fail "$name: tshark complained: $(grep -v '^Running as user' "$err" | head -3)"
    return 1
  fi
  local line
  while read -r line; do
    n[${line%%=*}]=${line#*=}
  done < <(awk -F'\t' '
    function words(s) { return split(s, unused, " ") }
    function truths(s,    a, k, i) {
      k = split(s, a, " "); c = 0
      for (i = 1; i <= k; i++) if (a[i] == "1" || a[i] == "True") c++
      return c
    }
    function has(s, w,    a, k, i) {
      k = split(s, a, " ")
      for (i = 1; i <= k; i++) if (a[i] == w) return 1
      return 0
    }
    function tally(s, w,    a, k, i) {
      k = split(s, a, " "); c = 0
      for (i = 1; i <= k; i++) if (a[i] == w) c++
      return c
    }
    {
      esp += words($1); good += truths($2); bad += truths($3)
      if ($1 != "" && has($4, "5001")) inner++
      if (has($5, "8388608")) errors++
      if ($6 != "") malformed++
      prefixes += words($7); fatal += words($9); ignored += words($10)
      esp_frames += tally($8, "1"); ike_frames += tally($8, "2")
      keepalives += tally($8, "3"); shorts += tally($8, "4")
      if ($11 != "") ike++
      ike_messages += words($11)
      auth = tally($11, "35"); ike_auth += auth
      if (auth > 0) ike_auth_decrypted += words($12)
      ike_bad += words($13)
    }
    END {
      printf "esp=%d\ngood=%d\nbad=%d\ninner=%d\nerrors=%d\nmalformed=%d\n", \
        esp, good, bad, inner, errors, malformed
      printf "prefixes=%d\nfatal=%d\nignored=%d\n", prefixes, fatal, ignored
      printf "esp_frames=%d\nike_frames=%d\nkeepalives=%d\nshorts=%d\n", \
        esp_frames, ike_frames, keepalives, shorts
      printf "ike=%d\nike_messages=%d\nike_auth=%d\nike_auth_decrypted=%d\nike_bad=%d\n", \
        ike, ike_messages, ike_auth, ike_auth_decrypted, ike_bad
    }' "$out")
}

# ---- IKE -------------------------------------------------------------------------------
# The IKE check, on the counts of the last count(). It runs whenever a capture holds IKE
# messages (IKEv2 keying, the examples' default); with manual keys none crosses the wire and it
# says so. WiresharkKeylogHelper::Enable logs the IKE SAs (IkeSession's "IkeSaKeys" ->
# AddIkeSa), so every IKE_AUTH (exchange type 35) must be decrypted, checksum correct.
check_ike() {
  local name=$1
  if ((n[ike] == 0)); then
    echo "note: $name: no IKE message in the capture (manual keys): IKE check not run"
    return
  fi
  if ((n[ike_auth] > 0 && n[ike_auth_decrypted] >= n[ike_auth] && n[ike_bad] == 0)); then
    pass "$name: ${n[ike_auth]} IKE_AUTH messages decrypted (${n[ike]} frames with IKE)"
  else
    fail "$name: IKE_AUTH messages ${n[ike_auth]}, decrypted ${n[ike_auth_decrypted]}," \
      "bad checksums ${n[ike_bad]} (${n[ike]} frames with IKE; is AddIkeSa called?)"
  fi
}

# ---- one run -----------------------------------------------------------------------------
# check NAME STREAM(yes|no) PROGRAM [program options...] [-- tshark options...]
check() {
  local name=$1 stream=$2 program=$3
  shift 3
  local args=()
  while (($#)) && [[ $1 != -- ]]; do
    args+=("$1")
    shift
  done
  (($#)) && shift
  local opts=("$@")

  local dir=$work/$name
  local keys=$dir/keys
  mkdir -p "$dir"
  if ! (cd "$dir" && "$program" "${args[@]}" --time=2 --pcap=true --keylog="$keys" \
    >"$dir/stdout" 2>"$dir/stderr"); then
    fail "$name: $(basename "$program") failed: $(tail -3 "$dir/stderr")"
    return
  fi
  # Node 0 is the client: its access link carries every packet of the tunnel.
  local pcap
  pcap=$(ls "$dir"/*-0-0.pcap 2>/dev/null | head -1)
  if [[ -z $pcap ]] || ! grep -q '^"IPv4"' "$keys/esp_sa" 2>/dev/null; then
    fail "$name: no client pcap, or no SA in $keys/esp_sa"
    return
  fi

  count "$name" "$keys" "$pcap" "${opts[@]}" || return
  if ((n[esp] > 0 && n[good] == n[esp] && n[bad] == 0 && n[inner] > 0)); then
    pass "$name: ${n[esp]} ESP messages, ${n[good]} with a good ICV," \
      "${n[inner]} frames with the inner flow"
  else
    fail "$name: ESP messages ${n[esp]}, good ICV ${n[good]}, bad ICV ${n[bad]}," \
      "frames with the inner flow ${n[inner]}"
  fi
  if ((n[malformed] == 0 && n[errors] == 0)); then
    pass "$name: no malformed packet, no expert error"
  else
    fail "$name: ${n[malformed]} malformed frames, ${n[errors]} frames with expert errors"
  fi
  if [[ $stream == yes ]]; then
    # One connection (no loss, no reset), so one prefix; one RFC 9329 frame per ESP message.
    if ((n[prefixes] == 1 && n[esp_frames] == n[esp] && n[fatal] == 0)); then
      pass "$name: IKETCP prefix seen once, ${n[esp_frames]} ESP frames"
    else
      fail "$name: IKETCP prefixes ${n[prefixes]} (want 1), ESP frames ${n[esp_frames]}" \
        "(want ${n[esp]}), fatal Lengths ${n[fatal]}"
    fi
  fi
  check_ike "$name"

  # Controls: the same capture where the checks above must fail.
  if [[ $name == udp ]]; then
    mkdir -p "$dir/no-keys"
    count "$name-no-keys" "$dir/no-keys" "$pcap" || return
    if ((n[esp] > 0 && n[good] == 0)); then
      pass "$name: control: without the keys, none of ${n[esp]} ICVs checks out"
    else
      fail "$name: control: ${n[good]} good ICVs of ${n[esp]} without keys"
    fi
  fi
  if [[ $name == tcp-draft-03 ]]; then
    count "$name-as-rfc9329" "$keys" "$pcap" || return
    if ((n[fatal] > 0 && n[esp] == 0)); then
      pass "$name: control: read with RFC 9329 framing, a fatal Length is flagged"
    else
      fail "$name: control: read as RFC 9329: fatal Lengths ${n[fatal]}, ESP ${n[esp]}"
    fi
  fi
}

# ---- the dissector on a hand-made stream -----------------------------------------------------
# hex digits (spaces ignored) -> bytes
bytes() {
  local hex=${1// /} esc=""
  while [[ -n $hex ]]; do
    esc+="\\x${hex:0:2}"
    hex=${hex:2}
  done
  printf '%b' "$esc"
}

# segment c|s FLAGS PAYLOAD_HEX: one raw IPv4 packet of a TCP connection 10.0.0.1:40000 ->
# 10.0.0.2:4500 appended to $records (pcap record, big-endian), sequence numbers tracked.
segment() {
  local dir=$1 flags=$2 payload=${3// /}
  local size=$((40 + ${#payload} / 2)) src=0a000001 dst=0a000002 ports=9c401194
  local seq=$client_seq ack=$server_seq
  if [[ $dir == s ]]; then
    src=0a000002 dst=0a000001 ports=11949c40 seq=$server_seq ack=$client_seq
  fi
  ((flags & 0x10)) || ack=0
  packets=$((packets + 1))
  records+=$(printf '%08x00000000%08x%08x4500%04x0000400040060000%s%s%s%08x%08x50%02xffff00000000%s' \
    "$packets" "$size" "$size" "$size" "$src" "$dst" "$ports" "$seq" "$ack" "$flags" "$payload")
  local advance=$((${#payload} / 2 + (flags & 0x02 ? 1 : 0)))
  if [[ $dir == c ]]; then
    client_seq=$((client_seq + advance))
  else
    server_seq=$((server_seq + advance))
  fi
}

check_dissector() {
  local name=dissector
  # IKE_SA_INIT headers without payloads (RFC 7296 §3.1), request and response.
  local ike_i="0102030405060708 0000000000000000 00 20 22 08 00000000 0000001c"
  local ike_r="0102030405060708 1112131415161718 00 20 22 20 00000000 0000001c"
  # ESP: SPI, sequence number, 40 bytes of IV, ciphertext and ICV.
  local esp1="00001234 00000001 $(printf '%080d' 0)"
  local esp2
  esp2=$(printf '00001234000000020%079d' 0)
  records="" packets=0 client_seq=1000 server_seq=5000
  segment c 0x02 ''
  segment s 0x12 ''
  segment c 0x10 ''
  segment c 0x18 '494b45'                       # "IKE": the prefix split
  segment c 0x18 '544350 0003ff 0004abcd 00'    # "TCP", keepalive, short frame, half a Length
  segment c 0x18 "22 00000000 $ike_i 0032 $esp1 0032 ${esp2:0:16}" # IKE, ESP, part of ESP
  segment s 0x18 "0022 00000000 $ike_r"         # the responder: no prefix, IKE
  segment c 0x18 "${esp2:16}"                   # the rest of the second ESP message
  segment c 0x18 '0001 deadbeef'                # Length 1: fatal
  segment c 0x18 '0032 00001234'                # ignored: the connection is gone
  local pcap=$work/dissector.pcap
  { bytes "a1b2c3d4 0002 0004 00000000 00000000 0000ffff 00000065"; bytes "$records"; } >"$pcap"
  mkdir -p "$work/no-keys"
  count "$name" "$work/no-keys" "$pcap" || return
  local got="prefix ${n[prefixes]}, keepalive ${n[keepalives]}, short ${n[shorts]}"
  got+=", IKE frames ${n[ike_frames]} messages ${n[ike_messages]}"
  got+=", ESP frames ${n[esp_frames]} messages ${n[esp]}, fatal ${n[fatal]}"
  got+=", ignored ${n[ignored]}, errors ${n[errors]}, malformed ${n[malformed]}"
  local want="prefix 1, keepalive 1, short 1, IKE frames 2 messages 2, ESP frames 2 messages 2"
  want+=", fatal 1, ignored 2, errors 1, malformed 0"
  if [[ $got == "$want" ]]; then
    pass "$name: hand-made stream: $got"
  else
    fail "$name: hand-made stream: got $got; want $want"
  fi
}

check_dissector
check udp no "$udp_program"
check tcp yes "$tcp_program" --mode=tcp
check tcp-draft-03 yes "$tcp_program" --mode=tcp --framing=draft-03 -- \
  -o rfc9329.framing:draft-03
check tls yes "$tcp_program" --mode=tls -- -o "tls.keylog_file:$work/tls/keys/tls-keylog.txt"

echo "$passed passed, $failed failed"
((failed == 0))
