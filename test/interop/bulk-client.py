#!/usr/bin/env python3
# The Linux side of the interop test's bulk transfer (test/interop/strongswan-interop.sh):
# connects from SOURCE to the model's TCP server at HOST:PORT, sends BYTES pattern bytes, and
# checks that exactly BYTES pattern bytes come back before the server closes. The pattern is
# the one examples/tcp-encap-interop.cc checks: (i * 131) ^ (i >> 9) ^ (i >> 17), low 8 bits.
import socket
import sys
import time


def pattern(n):
    return bytes(((i * 131) ^ (i >> 9) ^ (i >> 17)) & 0xFF for i in range(n))


def main():
    source, host, port, total = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    expected = pattern(total)
    start = time.monotonic()
    with socket.create_connection((host, port), timeout=30, source_address=(source, 0)) as s:
        s.sendall(expected)
        sent_at = time.monotonic()
        received = bytearray()
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            received += chunk
    end = time.monotonic()
    mismatches = sum(1 for a, b in zip(received, expected) if a != b)
    mismatches += abs(len(received) - total)
    print(f"sent {total} bytes in {sent_at - start:.2f} s, received {len(received)} back "
          f"in {end - sent_at:.2f} s, {mismatches} wrong")
    return 0 if mismatches == 0 and len(received) == total else 1


if __name__ == "__main__":
    sys.exit(main())
