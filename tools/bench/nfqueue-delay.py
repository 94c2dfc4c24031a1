#!/usr/bin/env python3
"""Holds every packet of one netfilter queue for a fixed time, then accepts it: a constant one-way delay.

The kernel this project is measured on has no sch_netem (nor sch_prio), so `tc netem` cannot delay loopback ports;
an iptables rule sends the ports' packets to an NFQUEUE instead (tools/bench/round-trip-delay.ts), and this process
gives each one its verdict `delay` microseconds after it arrived. Every packet waits the same time, so the queue
stays in arrival order and one batch verdict (every id up to the newest due one) accepts all that are due.

Standard library only (netlink through a raw socket). Usage: nfqueue-delay.py QUEUE_NUM DELAY_MICROSECONDS
Prints `ready` once bound; on SIGTERM or SIGINT accepts whatever it still holds and exits. Exits with its parent.
"""

import collections
import ctypes
import os
import select
import signal
import socket
import struct
import sys
import time

NETLINK_NETFILTER = 12
SOL_NETLINK = 270
NETLINK_NO_ENOBUFS = 5
NFNL_SUBSYS_QUEUE = 3
NFQNL_MSG_PACKET = 0
NFQNL_MSG_CONFIG = 2
NFQNL_MSG_VERDICT_BATCH = 3
NFQA_CFG_CMD = 1
NFQA_CFG_PARAMS = 2
NFQA_CFG_QUEUE_MAXLEN = 3
NFQA_CFG_MASK = 4
NFQA_CFG_FLAGS = 5
NFQA_CFG_F_FAIL_OPEN = 1
NFQNL_CFG_CMD_BIND = 1
NFQNL_COPY_META = 1
NFQA_PACKET_HDR = 1
NFQA_VERDICT_HDR = 2
NF_ACCEPT = 1
NLM_F_REQUEST = 1
NLM_F_ACK = 4
NLMSG_ERROR = 2
PR_SET_PDEATHSIG = 1
PR_SET_TIMERSLACK = 29
# Packets held at once: at the bench's rates and a few milliseconds, far fewer; beyond it the kernel lets packets
# through undelayed (fail-open) rather than dropping them.
QUEUE_MAXLEN = 65536


def attr(kind, payload):
    length = 4 + len(payload)
    return struct.pack("=HH", length, kind) + payload + b"\0" * ((4 - length % 4) % 4)


def message(kind, flags, queue, attrs, seq=0):
    body = struct.pack("=BBH", socket.AF_UNSPEC, 0, socket.htons(queue)) + b"".join(attrs)
    return struct.pack("=IHHII", 16 + len(body), (NFNL_SUBSYS_QUEUE << 8) | kind, flags, seq, 0) + body


def configure(sock, queue):
    requests = [
        [attr(NFQA_CFG_CMD, struct.pack("!BxH", NFQNL_CFG_CMD_BIND, socket.AF_INET))],
        [
            attr(NFQA_CFG_PARAMS, struct.pack("!IB", 0, NFQNL_COPY_META)),
            attr(NFQA_CFG_QUEUE_MAXLEN, struct.pack("!I", QUEUE_MAXLEN)),
            attr(NFQA_CFG_MASK, struct.pack("!I", NFQA_CFG_F_FAIL_OPEN)),
            attr(NFQA_CFG_FLAGS, struct.pack("!I", NFQA_CFG_F_FAIL_OPEN)),
        ],
    ]
    for seq, attrs in enumerate(requests, start=1):
        sock.send(message(NFQNL_MSG_CONFIG, NLM_F_REQUEST | NLM_F_ACK, queue, attrs, seq))
        data = sock.recv(65536)
        length, kind = struct.unpack_from("=IH", data)
        if kind == NLMSG_ERROR:
            (error,) = struct.unpack_from("=i", data, 16)
            if error != 0:
                raise OSError(-error, f"binding netfilter queue {queue}: {os.strerror(-error)}")


def packet_ids(data):
    """The packet ids of the queue's PACKET messages in one read, in order."""
    ids = []
    offset = 0
    while offset + 16 <= len(data):
        length, kind = struct.unpack_from("=IH", data, offset)
        if length < 16:
            break
        if kind == (NFNL_SUBSYS_QUEUE << 8) | NFQNL_MSG_PACKET:
            at = offset + 20  # nlmsghdr (16) + nfgenmsg (4)
            while at + 4 <= offset + length:
                attr_length, attr_kind = struct.unpack_from("=HH", data, at)
                if attr_length < 4:
                    break
                if attr_kind & 0x7FFF == NFQA_PACKET_HDR:
                    ids.append(struct.unpack_from("!I", data, at + 4)[0])
                    break
                at += (attr_length + 3) & ~3
        offset += (length + 3) & ~3
    return ids


def main():
    queue, delay_us = int(sys.argv[1]), int(sys.argv[2])
    delay = delay_us / 1_000_000
    libc = ctypes.CDLL(None)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    # Wake-ups on time: the default 50 µs of timer slack would add to every packet's wait.
    libc.prctl(PR_SET_TIMERSLACK, 1)
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
    sock.setsockopt(socket.SOL_SOCKET, 33, 16 << 20)  # SO_RCVBUFFORCE: root may exceed rmem_max
    sock.setsockopt(SOL_NETLINK, NETLINK_NO_ENOBUFS, 1)
    sock.bind((0, 0))
    # EPERM: another socket still holds the queue, typically the previous run's delayer finishing its last verdicts.
    for attempt in range(30):
        try:
            configure(sock, queue)
            break
        except PermissionError:
            if attempt == 29:
                raise
            time.sleep(0.1)
    held = collections.deque()  # (due, id), due ascending
    stopping = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stopping.append(True))

    def accept_up_to(packet_id):
        header = attr(NFQA_VERDICT_HDR, struct.pack("!II", NF_ACCEPT, packet_id))
        sock.send(message(NFQNL_MSG_VERDICT_BATCH, NLM_F_REQUEST, queue, [header]))

    print("ready", flush=True)
    while not stopping:
        # Bounded: a signal does not end select (it is retried after the handler), so `stopping` is looked at often.
        timeout = 0.1 if not held else max(0.0, held[0][0] - time.monotonic())
        try:
            readable, _, _ = select.select([sock], [], [], timeout)
        except InterruptedError:
            continue
        now = time.monotonic()
        if readable:
            for packet_id in packet_ids(sock.recv(1 << 20)):
                held.append((now + delay, packet_id))
        last = None
        while held and held[0][0] <= now:
            last = held.popleft()[1]
        if last is not None:
            accept_up_to(last)
    if held:
        accept_up_to(held[-1][1])


if __name__ == "__main__":
    main()
