# -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-

# tcp-encap and waf-era ns-3 (ns-3.35 and earlier): this module does NOT build there any more.
# It is written for ns-3.48 (CMake: see CMakeLists.txt and README.md), whose APIs waf-era trees
# lack (MakeEnumAccessor<T>, EventId::IsPending, TestCase::Duration, TestSuite::Type, C++23),
# and whose TCP (Cubic's Reno-friendly region, SACK recovery fixed in 3.41-3.48) the results
# depend on. Dropped into such a tree as contrib/tcp-encap, configure reports the module as not
# built, with that reason, instead of failing to compile it.
#
# The source, header and test lists below are kept as the module's file list in waf's terms
# and must stay in step with CMakeLists.txt: test/check-build-lists.cmake compares the two.


def configure(conf):
    conf.env['ENABLE_TCP_ENCAP'] = False
    conf.report_optional_feature("TcpEncap", "TCP encapsulation (RFC 9329)", False,
                                 "needs ns-3.48 (CMake build); waf-era trees lack its APIs")
    # Add this module to the list of modules that won't be built if they are enabled.
    conf.env['MODULES_NOT_BUILT'].append('tcp-encap')


def build(bld):
    # Don't do anything for this module if it could not be configured.
    if not bld.env['ENABLE_TCP_ENCAP'] or 'tcp-encap' in bld.env['MODULES_NOT_BUILT']:
        return

    module = bld.create_ns3_module('tcp-encap', ['core', 'network', 'internet',
                                                 'point-to-point', 'applications',
                                                 'virtual-net-device', 'traffic-control'])
    module.source = [
        'model/crypto/aes-gcm.cc',
        'model/crypto/deterministic-random.cc',
        'model/crypto/ike-prf.cc',
        'model/crypto/diffie-hellman.cc',
        'model/crypto/ike-key-schedule.cc',
        'model/crypto/ike-psk-auth.cc',
        'model/crypto/ike-credential.cc',
        'model/crypto/ike-signature-auth.cc',
        'model/ike/ike-parse-error.cc',
        'model/ike/ike-header.cc',
        'model/ike/ike-sa-payload.cc',
        'model/ike/ike-payloads.cc',
        'model/ike/ike-message.cc',
        'model/ike/ike-retransmit-policy.cc',
        'model/ike/ike-nat-detection.cc',
        'model/ike/ike-sk-protection.cc',
        'model/ike/ike-proposals.cc',
        'model/ike/ike-sa.cc',
        'model/ike/ike-session.cc',
        'model/ike/ike-session-counters.cc',
        'model/ike/ike-session-requests.cc',
        'model/ike/ike-session-handshake.cc',
        'model/ike/ike-session-child-sa.cc',
        'model/ike/ike-session-informational.cc',
        'model/ike/ike-session-rekey.cc',
        'model/ike/ike-peer.cc',
        'model/ike/ike-pending-queue.cc',
        'model/ike/ike-transport-selection.cc',
        'model/ike/ike-mobike.cc',
        'model/esp/esp-status.cc',
        'model/esp/esp-replay-window.cc',
        'model/esp/esp-sa.cc',
        'model/esp/ipsec-sad.cc',
        'model/esp/ipsec-spd.cc',
        'model/encap/encap-transport.cc',
        'model/encap/udp-encap-transport.cc',
        'model/encap/stream-framing.cc',
        'model/encap/encap-tx-queue.cc',
        'model/encap/tcp-encap-connection.cc',
        'model/encap/tcp-encap-transport.cc',
        'model/encap/switchable-encap-transport.cc',
        'model/encap/tls-context.cc',
        'model/encap/tls-stream.cc',
        'model/encap/tls-encap-transport.cc',
        'model/endpoint/ipsec-endpoint.cc',
        'model/gateway/gateway-client-transport.cc',
        'model/gateway/ipsec-gateway.cc',
        'model/routing/access-link-routing.cc',
        'model/middlebox/tcp-reset-injector.cc',
        'model/middlebox/gilbert-elliott-error-model.cc',
        'model/middlebox/middlebox-hook.cc',
        'model/middlebox/packet-firewall.cc',
        'model/middlebox/napt-middlebox.cc',
        'model/stats/tcp-socket-stats.cc',
        'model/tcp/tcp-buffer-autotuning.cc',
        'helper/ipsec-tunnel-helper.cc',
        'helper/remote-access-topology.cc',
        'helper/wireshark-keylog-helper.cc',
        ]
    module.use.append('OPENSSL')

    module_test = bld.create_ns3_module_test_library('tcp-encap')
    module_test.source = [
        'test/tcp-encap-test-apps.cc',
        'test/tunnel-test-scenario.cc',
        'test/ike-tunnel-scenario.cc',
        'test/aes-gcm-test-suite.cc',
        'test/esp-replay-window-test-suite.cc',
        'test/esp-sa-test-suite.cc',
        'test/esp-bad-input-test-suite.cc',
        'test/udp-encap-transport-test-suite.cc',
        'test/stream-framing-test-suite.cc',
        'test/encap-tx-queue-test-suite.cc',
        'test/gilbert-elliott-test-suite.cc',
        'test/middlebox-test-suite.cc',
        'test/udp-tunnel-test-suite.cc',
        'test/tcp-tunnel-test-suite.cc',
        'test/deterministic-random-test-suite.cc',
        'test/prf-test-suite.cc',
        'test/diffie-hellman-test-suite.cc',
        'test/ike-key-schedule-test-suite.cc',
        'test/ike-message-test-suite.cc',
        'test/ike-parse-robustness-test-suite.cc',
        'test/ike-psk-auth-test-suite.cc',
        'test/ike-signature-auth-test-suite.cc',
        'test/tls-stream-test-suite.cc',
        'test/tls-tunnel-test-suite.cc',
        'test/ike-session-test-suite.cc',
        'test/ike-session-parts-test-suite.cc',
        'test/ike-rekey-roles-test-suite.cc',
        'test/ike-error-handling-test-suite.cc',
        'test/ike-certificate-auth-test-suite.cc',
        'test/ike-protocol-units-test-suite.cc',
        'test/wireshark-keylog-test-suite.cc',
        'test/transport-selection-test-suite.cc',
        'test/tcp-buffer-autotuning-test-suite.cc',
        'test/encap-transport-trace-test-suite.cc',
        'test/ike-conformance-test-suite.cc',
        'test/multi-client-topology-test-suite.cc',
        'test/ipsec-gateway-test-suite.cc',
        ]

    # The headers are copied flat into build/ns3/, which is what makes the
    # sources' "ns3/<name>.h" includes work.
    headers = bld(features='ns3header')
    headers.module = 'tcp-encap'
    headers.source = [
        'model/crypto/aes-gcm.h',
        'model/crypto/deterministic-random.h',
        'model/crypto/random-bytes.h',
        'model/crypto/ike-prf.h',
        'model/crypto/diffie-hellman.h',
        'model/crypto/ike-key-schedule.h',
        'model/crypto/ike-psk-auth.h',
        'model/crypto/ike-credential.h',
        'model/crypto/ike-signature-auth.h',
        'model/ike/ike-constants.h',
        'model/ike/ike-parse-error.h',
        'model/ike/ike-wire.h',
        'model/ike/ike-header.h',
        'model/ike/ike-sa-payload.h',
        'model/ike/ike-payloads.h',
        'model/ike/ike-message.h',
        'model/ike/ike-retransmit-policy.h',
        'model/ike/ike-nat-detection.h',
        'model/ike/ike-sk-protection.h',
        'model/ike/ike-proposals.h',
        'model/ike/ike-sa.h',
        'model/ike/ike-session.h',
        'model/ike/ike-payload-util.h',
        'model/ike/ike-pending-queue.h',
        'model/ike/ike-peer.h',
        'model/ike/ike-transport-selection.h',
        'model/ike/ike-mobike.h',
        'model/ike/ike-transport-memory.h',
        'model/esp/esp-status.h',
        'model/esp/esp-replay-window.h',
        'model/esp/esp-sa.h',
        'model/esp/ipsec-sad.h',
        'model/esp/ipsec-spd.h',
        'model/encap/non-esp-marker.h',
        'model/encap/encap-transport.h',
        'model/encap/udp-encap-transport.h',
        'model/encap/stream-framing.h',
        'model/encap/encap-tx-queue.h',
        'model/encap/tcp-encap-connection.h',
        'model/encap/tcp-encap-transport.h',
        'model/encap/switchable-encap-transport.h',
        'model/encap/tls-context.h',
        'model/encap/tls-stream.h',
        'model/encap/tls-encap-transport.h',
        'model/endpoint/ipsec-endpoint.h',
        'model/gateway/gateway-client-transport.h',
        'model/gateway/ipsec-gateway.h',
        'model/routing/access-link-routing.h',
        'model/middlebox/tcp-reset-injector.h',
        'model/middlebox/gilbert-elliott-error-model.h',
        'model/middlebox/middlebox-hook.h',
        'model/middlebox/packet-firewall.h',
        'model/middlebox/napt-middlebox.h',
        'model/stats/tcp-socket-stats.h',
        'model/tcp/tcp-buffer-autotuning.h',
        'helper/ipsec-tunnel-helper.h',
        'helper/remote-access-topology.h',
        'helper/wireshark-keylog-helper.h',
        ]
    # CMake also compiles test/check-public-headers.cc: the module header without OpenSSL's.
    # Private headers (not copied to build/ns3/: they include OpenSSL's headers), used by the
    # module's sources only: model/crypto/openssl-ptr.h

    if bld.env['ENABLE_EXAMPLES']:
        bld.recurse('examples')

    # No Python bindings: this module ships no bindings/ directory.
