#!/usr/bin/env python3
# The verdict of test/interop/strongswan-interop.sh: the model's result block
# (examples/tcp-encap-interop.cc) against what the run must show, and the model's IKE SA and
# Child SA keys against the ones charon derived for the same exchanges (charon's log at level 4
# for IKE and CHD dumps Sk_d ... Sk_pr and the Child SA keys: independent known answers).
# Prints one line per check; exit 1 if any failed.
import argparse
import re
import sys

LINE = re.compile(r"^\S+ (\d+)\[(\w+)\] (?:<[^>]*> )?(.*)$")
DUMP_HEAD = re.compile(r"^(.+?) => (\d+) bytes @ 0x[0-9a-f]+$")
DUMP_ROW = re.compile(r"^\s*\d+: ((?:[0-9A-F]{2} )+)")
CHILD_UP = re.compile(r"CHILD_SA \S+ established with SPIs ([0-9a-f]{8})_i ([0-9a-f]{8})_o")


def read_result(path):
    result = {}
    for line in open(path):
        line = line.strip()
        if "=" in line:
            key, value = line.split("=", 1)
            result[key] = value
    return result


def read_charon_log(path):
    """Hex dumps by label, in order, and the Child SA SPIs, from charon's file log."""
    dumps = []  # (thread, label, bytes) in log order
    open_dumps = {}  # thread -> [label, size, bytearray]
    children = []  # (thread, position in dumps, spi_in, spi_out)
    for raw in open(path, errors="replace"):
        m = LINE.match(raw.rstrip("\n"))
        if not m:
            continue
        thread, text = m.group(1), m.group(3)
        if thread in open_dumps:
            row = DUMP_ROW.match(text)
            if row:
                entry = open_dumps[thread]
                entry[2] += bytes.fromhex(row.group(1).replace(" ", ""))
                if len(entry[2]) >= entry[1]:
                    dumps.append((thread, entry[0], bytes(entry[2][: entry[1]])))
                    del open_dumps[thread]
                continue
            del open_dumps[thread]
        head = DUMP_HEAD.match(text)
        if head:
            size = int(head.group(2))
            if size == 0:
                dumps.append((thread, head.group(1), b""))
            else:
                open_dumps[thread] = [head.group(1), size, bytearray()]
            continue
        up = CHILD_UP.search(text)
        if up:
            children.append((thread, len(dumps), up.group(1), up.group(2)))
    return dumps, children


def charon_ike_sas(dumps):
    """One dict per IKE SA key derivation: Sk_d first, then the rest from the same thread."""
    sas = []
    current = {}
    for thread, label, data in dumps:
        m = re.match(r"^Sk_(d|ai|ar|ei|er|pi|pr) secret$", label)
        if not m:
            continue
        if m.group(1) == "d":
            current = {"thread": thread}
            sas.append(current)
        if current.get("thread") == thread:
            current["sk_" + m.group(1)] = data.hex()
    return sas


def charon_child_sas(dumps, children):
    """One dict per Child SA key derivation with the SPIs of the CHILD_SA it made."""
    result = {}
    last_up = {}  # thread -> position of its previous "established" line
    for thread, position, spi_in, spi_out in children:
        keys = {}
        # The keys this thread derived since its previous CHILD_SA: none when another thread
        # derived them (charon logs "inbound ..." and "outbound ... established" of a rekeyed
        # SA from whichever threads handle the two messages).
        for index in range(position - 1, last_up.get(thread, 0) - 1, -1):
            t, label, data = dumps[index]
            if t == thread and label in ("encryption initiator key", "encryption responder key"):
                keys.setdefault(label.split()[1], data.hex())
        last_up[thread] = position
        entry = result.setdefault((spi_in, spi_out), {"spi_in": spi_in, "spi_out": spi_out})
        if len(keys) == 2:
            entry.update(keys)
    return list(result.values())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--role", required=True)
    ap.add_argument("--auth", required=True)
    ap.add_argument("--result", required=True)
    ap.add_argument("--charon-log", required=True)
    ap.add_argument("--model-exit", type=int, required=True)
    ap.add_argument("--pings-ok", type=int, required=True)
    ap.add_argument("--pings-failed", type=int, required=True)
    ap.add_argument("--bulk-ok", type=int, required=True)
    ap.add_argument("--sas-end", required=True)
    args = ap.parse_args()
    r = read_result(args.result)
    failures = []

    def check(ok, what, detail=""):
        print(f"  [{'ok' if ok else 'FAIL'}] {what}" + (f": {detail}" if detail else ""))
        if not ok:
            failures.append(what)

    def num(key):
        try:
            return int(float(r.get(key, "-1")))
        except ValueError:
            return -1

    print(f"checks ({args.role}/{args.auth}):")
    check(num("established") == 1, "IKE SA and Child SA established",
          f"state {r.get('state')}, handshake {r.get('handshake_ms')} ms, "
          f"failure notify {r.get('failure_notify')}")
    check(args.model_exit == 0 and num("ok") == 1, "the model's own verdict", f"exit {args.model_exit}")
    check(args.pings_failed == 0 and args.pings_ok == 5, "pings after the handshake and each rekey",
          f"{args.pings_ok} answered, {args.pings_failed} not")
    check(num("esp_rx_icv_failures") == 0, "no ESP ICV failure at the model",
          f"{r.get('esp_rx_icv_failures')} (ESP opened {r.get('esp_rx_ok')}, dropped "
          f"{r.get('esp_rx_drops')}, unknown SPI {r.get('esp_rx_unknown_spi')})")
    check(num("ike_icv_failures") == 0, "no IKE ICV failure at the model", r.get("ike_icv_failures", "?"))
    check(args.bulk_ok == 1 and num("bulk_ok") == 1, "bulk TCP transfer verified at both ends",
          f"model received {r.get('bulk_received')} of {r.get('bulk_bytes')}, "
          f"{r.get('bulk_mismatches')} wrong, sent back {r.get('bulk_sent_back')}")

    sas = sorted(k.split(".")[1] for k in r if k.startswith("ike_sa.") and k.endswith(".by"))
    children = sorted(k.split(".")[1] for k in r if k.startswith("child_sa.") and k.endswith(".by"))
    by = lambda kind, n: r.get(f"{kind}.{n}.by")
    model_child = sum(1 for n in children[1:] if by("child_sa", n) == "model")
    peer_child = sum(1 for n in children[1:] if by("child_sa", n) == "peer")
    model_ike = sum(1 for n in sas[1:] if by("ike_sa", n) == "model")
    peer_ike = sum(1 for n in sas[1:] if by("ike_sa", n) == "peer")
    check(model_child == 1, "a Child SA rekey started by the model", f"{model_child} done")
    check(peer_child == 1, "a Child SA rekey started by strongSwan", f"{peer_child} done")
    check(model_ike == 1, "an IKE SA rekey started by the model", f"{model_ike} done")
    check(peer_ike == 1, "an IKE SA rekey started by strongSwan", f"{peer_ike} done")
    check(num("liveness_answered") >= 1 and num("liveness_unanswered") == 0,
          "the model's liveness checks answered by strongSwan",
          f"{r.get('liveness_answered')} answered, {r.get('liveness_unanswered')} not")
    check(num("peer_liveness_checks") >= 1, "strongSwan's DPD answered by the model",
          f"{r.get('peer_liveness_checks')} received")
    if args.role == "initiator":
        check(num("delete_sent") == 1 and num("closed") == 1, "the model's DELETE answered",
              f"state {r.get('state')}")
    else:
        check(num("delete_received") == 1 and num("closed") == 1, "strongSwan's DELETE honoured",
              f"state {r.get('state')}")
    leftover = open(args.sas_end).read()
    check("interop:" not in leftover, "no IKE SA left at strongSwan after the DELETE")

    charon_text = open(args.charon_log, errors="replace").read()
    for complaint in ("ICV verification failed", "MAC mismatched", "verification failed"):
        count = charon_text.count(complaint)
        check(count == 0, f"charon's log never says '{complaint}'", f"{count} times" if count else "")

    # Known answers: every key the model derived is the one charon derived.
    dumps, charon_up = read_charon_log(args.charon_log)
    charon_children = charon_child_sas(dumps, charon_up)
    charon_sas = charon_ike_sas(dumps)
    check(len(charon_sas) == len(sas), "as many IKE SA key derivations as charon's",
          f"model {len(sas)}, charon {len(charon_sas)}")
    fields = ("sk_d", "sk_ai", "sk_ar", "sk_ei", "sk_er", "sk_pi", "sk_pr")
    for n in sas:
        mine = {f: r.get(f"ike_sa.{n}.{f}", "") for f in fields}
        match = [c for c in charon_sas if c.get("sk_ei") == mine["sk_ei"]]
        if not match:
            check(False, f"IKE SA {n} keys (started by {by('ike_sa', n)})",
                  "no charon derivation with this SK_ei")
            continue
        wrong = [f for f in fields if match[0].get(f, "") != mine[f]]
        check(not wrong, f"IKE SA {n} keys SK_d SK_ai SK_ar SK_ei SK_er SK_pi SK_pr equal charon's",
              ("differ: " + " ".join(wrong)) if wrong else f"SK_d {mine['sk_d'][:16]}...")
    check(len(charon_children) == len(children), "as many Child SAs as charon's",
          f"model {len(children)}, charon {len(charon_children)}")
    for n in children:
        out_spi, in_spi = r.get(f"child_sa.{n}.spis", " ").split()
        out_key, in_key = r.get(f"child_sa.{n}.out_key"), r.get(f"child_sa.{n}.in_key")
        starter = by("child_sa", n)
        match = [c for c in charon_children if c["spi_in"] == out_spi and c["spi_out"] == in_spi]
        if not match:
            check(False, f"Child SA {n} (started by {starter})",
                  f"charon has no CHILD_SA with SPIs {out_spi}_i {in_spi}_o")
            continue
        c = match[0]
        # RFC 7296 §2.17: KEYMAT's first key is for the direction from the initiator of the
        # exchange that made the Child SA to its responder.
        want_out, want_in = (c.get("initiator"), c.get("responder"))
        if starter == "peer":
            want_out, want_in = want_in, want_out
        if out_key == want_out and in_key == want_in:
            check(True, f"Child SA {n} keys equal charon's, in the right directions",
                  f"started by {starter}, SPIs out {out_spi} in {in_spi}")
        elif out_key == want_in and in_key == want_out:
            check(False, f"Child SA {n} keys equal charon's, in the right directions",
                  f"started by {starter}: the model swapped the directions (its outbound key is "
                  f"the one RFC 7296 §2.17 gives to the {'initiator' if starter == 'peer' else 'responder'})")
        else:
            check(False, f"Child SA {n} keys equal charon's", f"started by {starter}: differ")

    print(f"{len(failures)} failed" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
