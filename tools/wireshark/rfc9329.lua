-- SPDX-License-Identifier: GPL-2.0-only
--
-- Wireshark dissector for IKE and ESP carried on a TCP stream (RFC 9329, formerly RFC 8229),
-- as the tcp-encap module writes it. Wireshark's built-in "tcpencap" dissector (TCP port
-- 4500) decodes an older vendor format and misreads the "IKETCP" prefix; this one replaces it
-- on the configured ports.
--
--   tshark -X lua_script:tools/wireshark/rfc9329.lua -r capture.pcap
--   wireshark -X lua_script:tools/wireshark/rfc9329.lua capture.pcap
--
-- What it decodes (doc/wireshark.md has the details and the limits):
--  - the 6-byte "IKETCP" prefix that the TCP originator sends first on each connection (§4);
--  - the 16-bit Length that counts itself (§3), or the 32-bit Length of
--    draft-pauly-ipsecme-tcp-encaps-03 (preference rfc9329.framing);
--  - Length 0 or 1 (0 to 3 with draft-03): fatal, flagged as an error; the rest of that
--    direction is shown as ignored data;
--  - Length 2 to 6 (no room for a marker or an SPI): dropped by the receiver; 00 03 FF is the
--    NAT-keepalive;
--  - a zero non-ESP marker: IKE, handed to the "isakmp" dissector; anything else: ESP, handed
--    to the "esp" dissector (which decrypts with the ESP SAs configured in Wireshark);
--  - frames split across TCP segments and many frames per segment (TCP reassembly);
--  - inside TLS (RFC 9329 Appendix A) when the TLS keys are known: ports in rfc9329.tls_ports.

local PREFIX = "IKETCP"
local PREFIX_SIZE = #PREFIX

local FRAMING_RFC9329 = 1
local FRAMING_DRAFT03 = 2

-- Largest draft-03 Length taken for real: RFC 9329 keeps messages within 65535 bytes, and a
-- 16-bit stream read as draft-03 gives absurd 32-bit values.
local DRAFT03_MAX_LENGTH = 65535 + 2

local KIND_ESP = 1
local KIND_IKE = 2
local KIND_KEEPALIVE = 3
local KIND_SHORT = 4
local kind_names = {
    [KIND_ESP] = "ESP",
    [KIND_IKE] = "IKE",
    [KIND_KEEPALIVE] = "NAT-keepalive (dropped)",
    [KIND_SHORT] = "too short, dropped",
}

local rfc9329 = Proto("rfc9329", "IKE and ESP over TCP (RFC 9329)")

local f_prefix = ProtoField.bytes("rfc9329.prefix", "IKETCP prefix")
local f_length = ProtoField.uint32("rfc9329.length", "Length", base.DEC, nil, nil,
    "Frame length, the Length field included")
local f_kind = ProtoField.uint8("rfc9329.kind", "Message", base.DEC, kind_names)
local f_marker = ProtoField.uint32("rfc9329.non_esp_marker", "Non-ESP marker", base.HEX)
local f_keepalive = ProtoField.uint8("rfc9329.keepalive", "NAT-keepalive", base.HEX)
local f_dropped = ProtoField.bytes("rfc9329.dropped", "Dropped message")
local f_ignored = ProtoField.bytes("rfc9329.ignored", "Bytes after a fatal Length")
rfc9329.fields = { f_prefix, f_length, f_kind, f_marker, f_keepalive, f_dropped, f_ignored }

local e_fatal = ProtoExpert.new("rfc9329.fatal_length", "Length smaller than its own field: "
    .. "fatal, the receiver closes the connection (RFC 9329 §3)",
    expert.group.PROTOCOL, expert.severity.ERROR)
local e_too_long = ProtoExpert.new("rfc9329.length_too_long",
    "draft-03 Length above 65537: not a draft-03 stream (RFC 9329 framing?)",
    expert.group.PROTOCOL, expert.severity.ERROR)
local e_short = ProtoExpert.new("rfc9329.short_message",
    "Message of at most 4 bytes: dropped by the receiver (RFC 9329 §3)",
    expert.group.PROTOCOL, expert.severity.NOTE)
local e_keepalive = ProtoExpert.new("rfc9329.keepalive.expert",
    "NAT-keepalive (0xFF): dropped by the receiver (RFC 9329 §3)",
    expert.group.SEQUENCE, expert.severity.CHAT)
local e_no_prefix = ProtoExpert.new("rfc9329.no_prefix",
    "No IKETCP prefix at the start of the originator's stream (RFC 9329 §4), or the capture "
    .. "began in the middle of the connection", expert.group.PROTOCOL, expert.severity.WARN)
local e_responder_prefix = ProtoExpert.new("rfc9329.responder_prefix",
    "IKETCP prefix sent by the TCP responder: only the originator sends it (RFC 9329 §4)",
    expert.group.PROTOCOL, expert.severity.WARN)
local e_ignored = ProtoExpert.new("rfc9329.ignored.expert",
    "Bytes after a fatal Length: the receiver has closed the connection",
    expert.group.SEQUENCE, expert.severity.NOTE)
rfc9329.experts = { e_fatal, e_too_long, e_short, e_keepalive, e_no_prefix,
    e_responder_prefix, e_ignored }

rfc9329.prefs.framing = Pref.enum("Length field", FRAMING_RFC9329,
    "RFC 9329: 16-bit Length; draft-03: 32-bit Length "
    .. "(draft-pauly-ipsecme-tcp-encaps-03). The two do not interoperate.",
    {
        { "rfc9329", "RFC 9329 (16-bit Length)", FRAMING_RFC9329 },
        { "draft-03", "draft-03 (32-bit Length)", FRAMING_DRAFT03 },
    }, false)
rfc9329.prefs.tcp_ports = Pref.range("TCP ports", "4500",
    "TCP ports carrying RFC 9329 streams directly", 65535)
rfc9329.prefs.tls_ports = Pref.range("TLS ports", "443",
    "TCP ports carrying RFC 9329 streams inside TLS (Appendix A); the TLS dissector needs the "
    .. "session keys (tls.keylog_file)", 65535)

local esp_handle = Dissector.get("esp")
local isakmp_handle = Dissector.get("isakmp")
local f_tcp_stream = Field.new("tcp.stream")

-- Per direction of each TCP connection, learnt in the first pass and consulted afterwards:
-- where the stream starts (the call that may carry the prefix) and where a fatal Length
-- ended it.
local streams = {}

function rfc9329.init()
    streams = {}
end

--- "4500,4600-4602" -> { [4500] = true, [4600] = true, ... }
local function parse_ports(text)
    local set = {}
    for item in string.gmatch(text or "", "[^,%s]+") do
        local lo, hi = string.match(item, "^(%d+)-(%d+)$")
        if lo then
            for port = tonumber(lo), tonumber(hi) do
                set[port] = true
            end
        elseif string.match(item, "^%d+$") then
            set[tonumber(item)] = true
        end
    end
    return set
end

local registered = { ["tcp.port"] = {}, ["tls.port"] = {} }
local server_ports = {}

--- Registers the dissector on exactly the given ports of a table.
local function register_ports(table_name, text)
    local ports = DissectorTable.get(table_name)
    if not ports then
        return
    end
    for port in pairs(registered[table_name]) do
        ports:remove(port, rfc9329)
    end
    registered[table_name] = parse_ports(text)
    for port in pairs(registered[table_name]) do
        ports:add(port, rfc9329)
    end
end

local function apply_prefs()
    register_ports("tcp.port", rfc9329.prefs.tcp_ports)
    register_ports("tls.port", rfc9329.prefs.tls_ports)
    server_ports = {}
    for _, set in pairs(registered) do
        for port in pairs(set) do
            server_ports[port] = true
        end
    end
end

rfc9329.prefs_changed = apply_prefs

--- The state of this direction of this connection.
local function stream_state(pinfo)
    local stream = f_tcp_stream()
    local key = (stream and tostring(stream.value) or "?") .. " " .. tostring(pinfo.src) .. ":"
        .. pinfo.src_port .. ">" .. tostring(pinfo.dst) .. ":" .. pinfo.dst_port
    local state = streams[key]
    if not state then
        state = {}
        streams[key] = state
    end
    return state
end

--- Whether this call's data starts the direction's stream; in the first pass, claims it.
local function at_stream_start(state, tvb, pinfo)
    if pinfo.visited then
        return state.start_frame == pinfo.number and state.start_len == tvb:len()
    end
    if state.start_frame ~= nil then
        return false
    end
    state.start_frame = pinfo.number
    state.start_len = tvb:len()
    return true
end

-- Info column: the first thing a call shows replaces TCP's text, the next ones follow it.
local info_started = false

local function show_info(pinfo, text)
    if info_started then
        pinfo.cols.info:append(text .. " ")
    else
        pinfo.cols.info:set(text .. " ")
    end
    info_started = true
    pinfo.cols.info:fence()
end

--- Calls another dissector; an exception there (it marks its own tree) ends that message
--- only, not the stream.
local function call_protected(handle, tvb, pinfo, tree)
    pcall(function()
        handle:call(tvb, pinfo, tree)
    end)
    -- Keep what this message wrote to the Info column when the next one is dissected.
    pinfo.cols.info:append(" ")
    pinfo.cols.info:fence()
    info_started = true
end

--- One complete frame: Length field, then the message.
local function dissect_frame(tvb, offset, length, field_size, pinfo, tree)
    local item = tree:add(rfc9329, tvb:range(offset, length))
    item:add(f_length, tvb:range(offset, field_size), length)
    local message_offset = offset + field_size
    local message_size = length - field_size
    if message_size <= 4 then
        -- RFC 9329 §3: Length 2 to 6 leaves no room for a marker or an SPI and data.
        if message_size == 1 and tvb:range(message_offset, 1):uint() == 0xFF then
            item:add(f_kind, KIND_KEEPALIVE):set_generated()
            item:add(f_keepalive, tvb:range(message_offset, 1))
            item:add_proto_expert_info(e_keepalive)
            item:append_text(", NAT-keepalive")
            show_info(pinfo, "NAT-keepalive")
        else
            item:add(f_kind, KIND_SHORT):set_generated()
            if message_size > 0 then
                item:add(f_dropped, tvb:range(message_offset, message_size))
            end
            item:add_proto_expert_info(e_short)
            item:append_text(", dropped message of " .. message_size .. " bytes")
            show_info(pinfo, "Dropped short message")
        end
        return
    end
    if tvb:range(message_offset, 4):uint() == 0 then
        item:add(f_kind, KIND_IKE):set_generated()
        item:add(f_marker, tvb:range(message_offset, 4))
        item:append_text(", IKE")
        call_protected(isakmp_handle, tvb:range(message_offset + 4, message_size - 4):tvb(),
            pinfo, tree)
    else
        item:add(f_kind, KIND_ESP):set_generated()
        item:append_text(", ESP")
        call_protected(esp_handle, tvb:range(message_offset, message_size):tvb(), pinfo, tree)
    end
end

function rfc9329.dissector(tvb, pinfo, tree)
    local len = tvb:len()
    if len == 0 then
        return 0
    end
    local field_size = rfc9329.prefs.framing == FRAMING_DRAFT03 and 4 or 2
    local state = stream_state(pinfo)
    pinfo.cols.protocol:set("RFC9329")
    info_started = false

    if state.dead_frame ~= nil and pinfo.number > state.dead_frame then
        local item = tree:add(rfc9329, tvb:range(0, len))
        item:add(f_ignored, tvb:range(0, len))
        item:add_proto_expert_info(e_ignored)
        show_info(pinfo, "Ignored: after a fatal Length")
        return len
    end

    local offset = 0
    if at_stream_start(state, tvb, pinfo) then
        local have = math.min(len, PREFIX_SIZE)
        if tvb:raw(0, have) == string.sub(PREFIX, 1, have) then
            if have < PREFIX_SIZE then
                -- The prefix itself is split: wait for the rest, then start again.
                if not pinfo.visited then
                    state.start_frame = nil
                end
                pinfo.desegment_offset = 0
                pinfo.desegment_len = PREFIX_SIZE - have
                return len
            end
            local item = tree:add(rfc9329, tvb:range(0, PREFIX_SIZE))
            item:add(f_prefix, tvb:range(0, PREFIX_SIZE))
            item:append_text(", IKETCP prefix")
            if server_ports[pinfo.src_port] and not server_ports[pinfo.dst_port] then
                item:add_proto_expert_info(e_responder_prefix)
            end
            show_info(pinfo, "IKETCP prefix")
            offset = PREFIX_SIZE
        elseif server_ports[pinfo.dst_port] and not server_ports[pinfo.src_port] then
            tree:add(rfc9329, tvb:range(0, 0)):add_proto_expert_info(e_no_prefix)
        end
    end

    while offset < len do
        local remaining = len - offset
        if remaining < field_size then
            pinfo.desegment_offset = offset
            pinfo.desegment_len = DESEGMENT_ONE_MORE_SEGMENT
            return len
        end
        local length = tvb:range(offset, field_size):uint()
        local fatal = nil
        if length < field_size then
            fatal = e_fatal
        elseif field_size == 4 and length > DRAFT03_MAX_LENGTH then
            fatal = e_too_long
        end
        if fatal then
            local item = tree:add(rfc9329, tvb:range(offset, remaining))
            item:add(f_length, tvb:range(offset, field_size), length)
            item:add_proto_expert_info(fatal)
            if remaining > field_size then
                item:add(f_ignored, tvb:range(offset + field_size, remaining - field_size))
            end
            if not pinfo.visited then
                state.dead_frame = pinfo.number
            end
            show_info(pinfo, "Fatal Length " .. length)
            return len
        end
        if remaining < length then
            pinfo.desegment_offset = offset
            pinfo.desegment_len = length - remaining
            return len
        end
        dissect_frame(tvb, offset, length, field_size, pinfo, tree)
        offset = offset + length
    end
    return len
end

apply_prefs()
