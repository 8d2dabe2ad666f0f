#!/usr/bin/env python3
"""The far half of a weak mobile link, for tests: a point-to-point link between this machine
and a network namespace, made of two TUN devices with this process in between.

Linux `tc` (htb, set up by weakLink.ts) limits the rate on both devices. This kernel has no
netem qdisc and no tc actions, so the link's delay and random loss are added here: every packet
is held `delay` ms and dropped with probability `loss` (a seeded generator, so a run can be
replayed). Nothing leaves the machine: the devices only join the host and the namespace.

Usage: linkEmulator.py HOST_DEV NAMESPACE NS_DEV SEED
Prints "ready" once both devices exist. Commands on stdin, one per line:
  shape DELAY_MS LOSS_PERCENT   from now on, hold and drop packets
  clear                         a clean link again
  stats                         prints a JSON line of packets passed and dropped per direction
  cut                           the network is gone: every packet dropped, silently (no FIN, no
                                RST: neither end hears anything), counted as "cut"
  heal                          the network is back; connections open before resume
  heal-new                      the network is back on a new path: TCP connections seen before
                                stay dead (their packets dropped, silently, as when a phone moves
                                to another network or a NAT forgets the mapping); new ones pass
Ends (and the devices vanish) when stdin closes.
"""

import ctypes
import fcntl
import heapq
import itertools
import json
import os
import random
import select
import struct
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
CLONE_NEWNET = 0x40000000


def open_tun(name):
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def enter_namespace(name):
    libc = ctypes.CDLL(None, use_errno=True)
    ns = os.open(f"/run/netns/{name}", os.O_RDONLY)
    if libc.setns(ns, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), f"setns {name}")
    os.close(ns)


def tcp_flow(packet):
    """An IPv4 TCP packet's connection, the same key for both directions; else None."""
    if len(packet) < 20 or packet[0] >> 4 != 4 or packet[9] != 6:
        return None
    ihl = (packet[0] & 0x0F) * 4
    if len(packet) < ihl + 4:
        return None
    ends = sorted([(packet[12:16], packet[ihl : ihl + 2]), (packet[16:20], packet[ihl + 2 : ihl + 4])])
    return tuple(ends)


def main():
    host_dev, namespace, ns_dev, seed = sys.argv[1:5]
    host = open_tun(host_dev)
    # The file descriptor stays bound to its device whichever namespace this process is in.
    enter_namespace(namespace)
    inside = open_tun(ns_dev)
    other = {host: inside, inside: host}
    name = {host: "down", inside: "up"}  # host → namespace is the browser's downlink
    rng = random.Random(int(seed))
    delay, loss = 0.0, 0.0
    held = []  # (due, order, fd, packet)
    order = itertools.count()
    counts = {d: {"passed": 0, "dropped": 0, "cut": 0} for d in ("down", "up")}
    cut = False
    flows = set()  # TCP connections seen so far
    dead = set()  # connections that stay dead after "heal-new"
    stdin = sys.stdin.fileno()
    print("ready", flush=True)
    buffered = b""
    while True:
        now = time.monotonic()
        while held and held[0][0] <= now:
            _, _, fd, packet = heapq.heappop(held)
            try:
                os.write(fd, packet)
            except OSError:
                pass  # the device is going away, or its queue is full: lost, as on a real link
        timeout = max(0.0, held[0][0] - now) if held else None
        ready, _, _ = select.select([host, inside, stdin], [], [], timeout)
        for fd in ready:
            if fd == stdin:
                chunk = os.read(stdin, 4096)
                if not chunk:
                    return
                buffered += chunk
                while b"\n" in buffered:
                    line, buffered = buffered.split(b"\n", 1)
                    words = line.decode().split()
                    if words[:1] == ["shape"]:
                        delay, loss = float(words[1]) / 1000, float(words[2]) / 100
                    elif words[:1] == ["clear"]:
                        delay, loss = 0.0, 0.0
                    elif words[:1] == ["cut"]:
                        cut = True
                    elif words[:1] == ["heal"]:
                        cut = False
                    elif words[:1] == ["heal-new"]:
                        cut = False
                        dead |= flows
                        flows = set()
                    elif words[:1] == ["stats"]:
                        print(json.dumps(counts), flush=True)
                continue
            while True:
                try:
                    packet = os.read(fd, 65536)
                except BlockingIOError:
                    break
                direction = counts[name[fd]]
                flow = tcp_flow(packet)
                if flow is not None:
                    flows.add(flow)
                if cut or flow in dead:
                    direction["cut"] += 1
                    continue
                if loss and rng.random() < loss:
                    direction["dropped"] += 1
                    continue
                direction["passed"] += 1
                heapq.heappush(held, (time.monotonic() + delay, next(order), other[fd], packet))


if __name__ == "__main__":
    main()
