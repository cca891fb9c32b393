#!/usr/bin/env python3
"""Opens a connection and sends a request head one byte every INTERVAL seconds, never
finishing it. Prints "cut off after N s" when the server closes the connection (exit 0), or
"never cut off" if it keeps it open for 30 s (exit 1). Usage: slow_client.py HOST PORT INTERVAL"""
import socket
import sys
import time

host, port, interval = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
head = b"GET /api/v1/status HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"a" * 10000
s = socket.create_connection((host, port))
s.settimeout(interval)
started = time.monotonic()
for byte in head:
    try:
        s.sendall(bytes([byte]))
        if s.recv(4096) == b"":
            break
    except socket.timeout:
        pass
    except OSError:  # reset by the server
        break
    if time.monotonic() - started > 30:
        print("never cut off")
        sys.exit(1)
print(f"cut off after {time.monotonic() - started:.1f} s")
