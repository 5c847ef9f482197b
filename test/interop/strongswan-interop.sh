#!/usr/bin/env bash
# The model's IKEv2/ESP endpoint (examples/tcp-encap-interop.cc, in real time on a TAP device)
# against strongSwan's charon (kernel-libipsec: ESP in userspace, no kernel XFRM), in a network
# namespace of its own. doc/interop.md describes the topology and what is checked.
#
# Usage: strongswan-interop.sh PROGRAM ROLE AUTH [WORKDIR]
#   PROGRAM  build/bin/tcp-encap-interop
#   ROLE     initiator | responder   (the model's IKE role)
#   AUTH     psk | cert              (cert: ECDSA P-256, RFC 7427)
#   WORKDIR  where configs, logs and results are kept (default: a new temporary directory,
#            removed on success)
#
# Steps: IKE_SA_INIT/IKE_AUTH; ping through the tunnel; a Child SA rekey and an IKE SA rekey
# started by the model and by charon (swanctl --rekey), each followed by a ping; a bulk TCP
# transfer both ways checked byte for byte at both ends; a quiet period in which both sides'
# liveness checks (charon's DPD, the model's LivenessInterval) must be answered; DELETE (the
# model's when it is the initiator, charon's when it is the responder); then the model's IKE SA
# and Child SA keys are compared with the ones charon logged. Exit 0 only if all of it held.
# Needs root, /dev/net/tun, network namespaces, and the Debian packages strongswan-charon,
# strongswan-swanctl, libcharon-extra-plugins, libstrongswan-standard-plugins, iproute2,
# iputils-ping, python3, openssl (scripts/setup.sh installs them).
set -euo pipefail

program=${1:?usage: strongswan-interop.sh PROGRAM ROLE AUTH [WORKDIR]}
role=${2:?role: initiator or responder}
auth=${3:?auth: psk or cert}
workdir=${4:-}
here=$(cd "$(dirname "$0")" && pwd)

fail() {
  echo "INTEROP FAIL ($role/$auth): $*" >&2
  exit 1
}
step() { echo "interop [$(date +%T)] $*"; }

case "$role" in initiator | responder) ;; *) fail "role must be initiator or responder" ;; esac
case "$auth" in psk | cert) ;; *) fail "auth must be psk or cert" ;; esac

# --- what must be there: never a silent pass ------------------------------------------------
[ "$(id -u)" -eq 0 ] || fail "needs root (network namespace, TAP device)"
[ -x "$program" ] || fail "no program at '$program' (cmake --build build --target tcp-encap-interop)"
charon=/usr/lib/ipsec/charon
[ -x "$charon" ] || fail "no $charon: apt-get install strongswan-charon (scripts/setup.sh does)"
for plugin in kernel-libipsec kdf gcm vici openssl; do
  [ -f "/usr/lib/ipsec/plugins/libstrongswan-$plugin.so" ] ||
    fail "strongSwan plugin $plugin missing: apt-get install libcharon-extra-plugins" \
      "libstrongswan-standard-plugins strongswan-swanctl"
done
for cmd in swanctl ip ping python3 openssl unshare timeout; do
  command -v "$cmd" >/dev/null || fail "command '$cmd' missing (scripts/setup.sh installs it)"
done
[ -c /dev/net/tun ] || fail "/dev/net/tun missing: no TUN/TAP support here"

ns="tcpencap-interop-$$"
# A run killed without its trap (ctest's timeout sends SIGKILL) leaves its namespace and
# whatever ran in it: remove those whose script is gone (the name carries its pid).
for old in $(ip netns list 2>/dev/null | grep -o '^tcpencap-interop-[0-9]*'); do
  if ! kill -0 "${old##*-}" 2>/dev/null; then
    for pid in $(ip netns pids "$old" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns delete "$old" 2>/dev/null || true
    echo "interop: removed the namespace $old of an earlier run that was killed" >&2
  fi
done
own_workdir=0
if [ -z "$workdir" ]; then
  workdir=$(mktemp -d /tmp/tcp-encap-interop.XXXXXX)
  own_workdir=1
fi
mkdir -p "$workdir/run"
# swanctl --file takes the credential folders beside swanctl.conf: x509/, private/, ...
for d in x509 x509ca x509ocsp x509aa x509ac x509crl pubkey private rsa ecdsa bliss pkcs8 pkcs12; do
  mkdir -p "$workdir/$d"
done
workdir=$(cd "$workdir" && pwd)
charon_pid=""
model_pid=""
ok=0

cleanup() {
  local rc=$?
  set +e
  if [ -n "$model_pid" ] && kill -0 "$model_pid" 2>/dev/null; then
    kill "$model_pid" 2>/dev/null
    sleep 0.5
    kill -9 "$model_pid" 2>/dev/null
  fi
  if [ -n "$charon_pid" ] && kill -0 "$charon_pid" 2>/dev/null; then
    kill "$charon_pid" 2>/dev/null
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      kill -0 "$charon_pid" 2>/dev/null || break
      sleep 0.3
    done
    kill -9 "$charon_pid" 2>/dev/null
  fi
  # Whatever else still runs in the namespace (it is ours alone) goes too.
  if ip netns list 2>/dev/null | grep -qw "$ns"; then
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
    ip netns delete "$ns" 2>/dev/null
  fi
  if [ "$rc" -ne 0 ]; then
    echo "interop: logs kept in $workdir (charon.log, model.out, model.err)" >&2
    [ -f "$workdir/charon.log" ] && { echo "--- charon.log (end)" >&2; tail -n 40 "$workdir/charon.log" >&2; }
    [ -f "$workdir/model.err" ] && { echo "--- model.err (end)" >&2; tail -n 40 "$workdir/model.err" >&2; }
  elif [ "$own_workdir" -eq 1 ]; then
    rm -rf "$workdir"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- addresses ----------------------------------------------------------------------------
ss_outer=192.0.2.1
model_outer=192.0.2.2
ss_inner=10.10.2.1
model_inner=10.10.1.1
tap=tapi0
psk="tcp-encap interop key $$"
ss_id=strongswan.tcp-encap.example
model_id=model.tcp-encap.example
dpd_delay=3s
liveness=2s
bulk_bytes=${INTEROP_BULK_BYTES:-4000000}
in_ns() { ip netns exec "$ns" "$@"; }
swan() { in_ns timeout 20 env STRONGSWAN_CONF="$workdir/strongswan.conf" swanctl "$@" --uri "unix://$workdir/charon.vici"; }

step "namespace $ns, TAP $tap ($ss_outer) for the model ($model_outer), workdir $workdir"
ip netns add "$ns" || fail "cannot create a network namespace (ip netns add)"
in_ns ip link set lo up
in_ns ip tuntap add dev "$tap" mode tap || fail "cannot create a TAP device in the namespace"
in_ns ip addr add "$ss_outer/24" dev "$tap"
in_ns ip link set "$tap" up
in_ns ip addr add "$ss_inner/32" dev lo

# --- credentials and configuration ----------------------------------------------------------
model_args=(--tap="$tap" --role="$role" --auth="$auth" --localOuter="$model_outer"
  --peerOuter="$ss_outer" --localInner="$model_inner" --peerInner="$ss_inner"
  --liveness="$liveness" --bulkBytes="$bulk_bytes" --duration=150s)
if [ "$auth" = psk ]; then
  local_auth="      auth = psk
      id = $ss_id"
  remote_auth="      auth = psk
      id = $model_id"
  secrets="  ike-interop {
    id-a = $ss_id
    id-b = $model_id
    secret = \"$psk\"
  }"
  model_args+=(--psk="$psk" --localId="$model_id" --peerId="$ss_id")
else
  # charon's key and self-signed certificate (openssl), the model's made by the model itself
  # (IkeCredential, the same for the same seed): each side pins the other's certificate.
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 3650 \
    -subj "/CN=$ss_id" -keyout "$workdir/private/strongswan.key" -out "$workdir/strongswan.pem" \
    2>"$workdir/openssl.err" || fail "openssl could not make charon's certificate"
  openssl x509 -in "$workdir/strongswan.pem" -outform DER -out "$workdir/strongswan.der"
  "$program" --auth=cert --certCn="$model_id" --exportCert="$workdir/model.der" >/dev/null ||
    fail "the model could not export its certificate"
  local_auth="      auth = pubkey
      certs = $workdir/strongswan.pem
      id = \"CN=$ss_id\""
  remote_auth="      auth = pubkey
      certs = $workdir/model.der
      id = \"CN=$model_id\""
  secrets="  # charon's key: private/strongswan.key, loaded with the folder"
  model_args+=(--certCn="$model_id" --peerCert="$workdir/strongswan.der")
fi
sed -e "s|@DIR@|$workdir|g" "$here/strongswan.conf.in" >"$workdir/strongswan.conf"
SS_OUTER=$ss_outer MODEL_OUTER=$model_outer SS_INNER=$ss_inner MODEL_INNER=$model_inner \
  DPD_DELAY=$dpd_delay LOCAL_AUTH=$local_auth REMOTE_AUTH=$remote_auth SECRETS=$secrets \
  python3 -c '
import os, sys
text = open(sys.argv[1]).read()
for key in ("SS_OUTER", "MODEL_OUTER", "SS_INNER", "MODEL_INNER", "DPD_DELAY", "LOCAL_AUTH",
            "REMOTE_AUTH", "SECRETS"):
    text = text.replace("@" + key + "@", os.environ[key])
open(sys.argv[2], "w").write(text)
' "$here/swanctl.conf.in" "$workdir/swanctl.conf"

# --- charon: its own /run (pid file), vici socket and log -----------------------------------
step "starting charon"
in_ns unshare --mount --propagation private sh -c \
  'mount --bind "$1/run" /run && exec env STRONGSWAN_CONF="$1/strongswan.conf" "$2" --use-syslog no' \
  sh "$workdir" "$charon" >"$workdir/charon.stdout" 2>&1 &
charon_pid=$!
for _ in $(seq 1 50); do
  [ -S "$workdir/charon.vici" ] && break
  kill -0 "$charon_pid" 2>/dev/null || fail "charon exited at start: $(tail -n 5 "$workdir/charon.stdout")"
  sleep 0.2
done
[ -S "$workdir/charon.vici" ] || fail "charon's vici socket did not appear within 10 s"
swan --load-all --file "$workdir/swanctl.conf" >"$workdir/swanctl-load.out" 2>&1 ||
  fail "swanctl --load-all: $(cat "$workdir/swanctl-load.out")"

# --- the model --------------------------------------------------------------------------------
# Times after the IKE SA is up: the model rekeys its Child SA at 3 s and the IKE SA at 9 s;
# charon rekeys the Child SA at about 6 s and the IKE SA at about 12 s (never at once: the
# model does not handle simultaneous rekeys, doc/ike-session.md).
model_args+=(--childRekeyAt=3s --ikeRekeyAt=9s)
if [ "$role" = initiator ]; then
  model_args+=(--deleteAfterBulk=10s)
fi
step "starting the model: ${model_args[*]}"
in_ns timeout 170 "$program" "${model_args[@]}" >"$workdir/model.out" 2>"$workdir/model.err" &
model_pid=$!
t0=$SECONDS
if [ "$role" = responder ]; then
  sleep 1
  step "charon initiates"
  swan --initiate --ike interop --child interop --timeout 15 >"$workdir/initiate.out" 2>&1 ||
    fail "swanctl --initiate failed: $(tail -n 5 "$workdir/initiate.out")"
fi

established() { swan --list-sas --ike interop 2>/dev/null | grep -q "ESTABLISHED"; }
child_installed() { swan --list-sas --ike interop 2>/dev/null | grep -q "INSTALLED"; }
for _ in $(seq 1 75); do
  child_installed && break
  kill -0 "$model_pid" 2>/dev/null || fail "the model exited before the tunnel was up: $(tail -n 3 "$workdir/model.err")"
  sleep 0.2
done
child_installed || fail "no IKE SA with an installed Child SA within 15 s"
t_up=$SECONDS
step "IKE SA and Child SA up ($((t_up - t0)) s after the model started)"
swan --list-sas >"$workdir/sas-established.txt" 2>&1 || true

model_alive() {
  kill -0 "$model_pid" 2>/dev/null ||
    fail "the model ended early: $(grep -E 'state|FAILED' "$workdir/model.err" | tail -n 3 | tr '\n' ' ')"
}
at() { # sleep until $1 seconds after the tunnel came up (the model still running)
  local wait=$(($1 - (SECONDS - t_up)))
  [ "$wait" -gt 0 ] && sleep "$wait"
  model_alive
}
pings_ok=0
pings_failed=0
ping_model() { # $1: what the ping follows
  if in_ns ping -c 3 -i 0.2 -W 2 -I "$ss_inner" "$model_inner" >"$workdir/ping-$pings_ok-$pings_failed.out" 2>&1; then
    pings_ok=$((pings_ok + 1))
    step "ping through the tunnel after $1: 3/3 answered"
  else
    pings_failed=$((pings_failed + 1))
    step "ping through the tunnel after $1: FAILED ($(grep -o '[0-9]* received' "$workdir/ping-$pings_ok-$((pings_failed - 1)).out"))"
  fi
}

sleep 0.5
model_alive
ping_model "the handshake"
at 5
ping_model "the model's Child SA rekey"
at 6
step "charon rekeys the Child SA"
swan --rekey --child interop >"$workdir/rekey-child.out" 2>&1 || step "swanctl --rekey --child: $(tail -n 2 "$workdir/rekey-child.out")"
at 8
ping_model "charon's Child SA rekey"
at 11
ping_model "the model's IKE SA rekey"
at 12
step "charon rekeys the IKE SA"
swan --rekey --ike interop >"$workdir/rekey-ike.out" 2>&1 || step "swanctl --rekey --ike: $(tail -n 2 "$workdir/rekey-ike.out")"
at 14
ping_model "charon's IKE SA rekey"
swan --list-sas >"$workdir/sas-rekeyed.txt" 2>&1 || true

step "bulk transfer: $bulk_bytes bytes each way, every byte checked at both ends"
bulk_start=$SECONDS
bulk_ok=0
if in_ns timeout 90 python3 "$here/bulk-client.py" "$ss_inner" "$model_inner" 5201 "$bulk_bytes" \
  >"$workdir/bulk.out" 2>&1; then
  bulk_ok=1
fi
step "bulk transfer: $(tail -n 1 "$workdir/bulk.out") ($((SECONDS - bulk_start)) s)"

step "quiet for 12 s: liveness checks both ways"
sleep 12
if [ "$role" = responder ] || [ "$bulk_ok" -ne 1 ]; then
  # (also when the bulk transfer failed: the model deletes only after it, and its result
  # block is printed once the IKE SA is gone)
  step "charon deletes the IKE SA"
  swan --terminate --ike interop --timeout 10 >"$workdir/terminate.out" 2>&1 ||
    step "swanctl --terminate: $(tail -n 2 "$workdir/terminate.out")"
else
  step "waiting for the model's DELETE"
fi
for _ in $(seq 1 100); do
  kill -0 "$model_pid" 2>/dev/null || break
  sleep 0.2
done
model_rc=0
if kill -0 "$model_pid" 2>/dev/null; then
  fail "the model did not end within 20 s of the DELETE"
fi
wait "$model_pid" || model_rc=$?
model_pid=""
swan --list-sas >"$workdir/sas-end.txt" 2>&1 || true

# --- verdict -------------------------------------------------------------------------------
step "checking"
sed -n '/interop-result-begin/,/interop-result-end/p' "$workdir/model.out" >"$workdir/result.txt"
[ -s "$workdir/result.txt" ] || fail "the model printed no result block (exit $model_rc)"
python3 "$here/check-interop.py" --role "$role" --auth "$auth" --result "$workdir/result.txt" \
  --charon-log "$workdir/charon.log" --model-exit "$model_rc" --pings-ok "$pings_ok" \
  --pings-failed "$pings_failed" --bulk-ok "$bulk_ok" --sas-end "$workdir/sas-end.txt" ||
  fail "checks failed (above)"
ok=1
step "PASS ($role/$auth, $((SECONDS - t0)) s)"
