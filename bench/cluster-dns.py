#!/usr/bin/env python3
# Cluster DNS latency on a running local cluster: A queries one at a time, straight to dns-service
# (127.0.0.1:10053) and through kube-dns's ClusterIP (10.96.0.10:53, the node agent's UDP proxy).
# Usage: bench/cluster-dns.py NAME  (e.g. webapp.default.svc.cluster.local). See docs/PERFORMANCE.md.
import socket, struct, time, sys, random
def query(name):
    q = struct.pack(">HHHHHH", random.randint(0, 65535), 0x0100, 1, 0, 0, 0)
    for part in name.split("."):
        q += bytes([len(part)]) + part.encode()
    return q + b"\x00" + struct.pack(">HH", 1, 1)
def run(server, port, n, name):
    lat = []
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2)
    for _ in range(n):
        t = time.perf_counter(); s.sendto(query(name), (server, port)); data, src = s.recvfrom(4096)
        lat.append((time.perf_counter() - t) * 1000)
        assert src[0] == server and (data[3] & 0x0f) == 0, (src, data[3])
    lat.sort(); return lat[len(lat)//2], lat[int(len(lat)*0.99)], n / (sum(lat) / 1000)
name = sys.argv[1]
for rnd in range(2):
    for label, server, port in [("dns-service direct", "127.0.0.1", 10053), ("via kube-dns ClusterIP", "10.96.0.10", 53)]:
        run(server, port, 200, name)
        p50, p99, rate = run(server, port, 3000, name)
        print(f"round {rnd} {label:24s} p50 {p50:.3f} ms p99 {p99:.3f} ms ({rate:.0f} queries/s, one at a time)", flush=True)
