#!/usr/bin/env python3
# Service proxy overhead on a running local cluster: HTTP/1.0 GETs (one connection each) straight
# to a pod and through its Service's ClusterIP, sequential (latency) and on 8 threads (rate).
# Usage: bench/service-proxy.py POD_IP POD_PORT CLUSTER_IP SERVICE_PORT  (the ClusterIP must be
# held by this machine: ip -o -4 addr show dev lo lists it). See docs/PERFORMANCE.md.
import socket, time, sys, statistics, threading
def get(ip, port):
    s = socket.create_connection((ip, port), timeout=5)
    s.sendall(b"GET / HTTP/1.0\r\nHost: x\r\n\r\n")
    data = b""
    while True:
        b = s.recv(65536)
        if not b: break
        data += b
    s.close()
    assert data.startswith(b"HTTP/1."), data[:50]
def seq(ip, port, n):
    lat = []
    for _ in range(n):
        t = time.perf_counter(); get(ip, port); lat.append((time.perf_counter() - t) * 1000)
    lat.sort()
    return lat[len(lat)//2], lat[int(len(lat)*0.99)]
def conc(ip, port, threads, seconds):
    count = [0]; stop = time.time() + seconds; lock = threading.Lock()
    def w():
        c = 0
        while time.time() < stop:
            get(ip, port); c += 1
        with lock: count[0] += c
    ts = [threading.Thread(target=w) for _ in range(threads)]
    [t.start() for t in ts]; [t.join() for t in ts]
    return count[0] / seconds
targets = [("direct", sys.argv[1], int(sys.argv[2])), ("clusterip", sys.argv[3], int(sys.argv[4]))]
for rnd in range(2):
    for name, ip, port in targets:
        seq(ip, port, 200)
        p50, p99 = seq(ip, port, 2000)
        rate = conc(ip, port, 8, 10)
        print(f"round {rnd} {name:9s} sequential p50 {p50:.3f} ms p99 {p99:.3f} ms; 8 connections {rate:.0f} req/s", flush=True)
