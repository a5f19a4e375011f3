#!/usr/bin/env python3
"""TCP proxy in front of a PostgreSQL server for the fault tests: relays every connection, except
that once (the first time) a client that has sent a statement holding MARKER then sends COMMIT,
the COMMIT goes to the server, which commits, but the reply never comes back: the proxy waits
half a second and closes both sides, as a network cut or a server crash right after the commit
would. Usage: pg_drop_proxy.py UPSTREAM_PORT MARKER. Prints `PORT <n>` on its first stdout line
once it listens on 127.0.0.1."""
import signal
import socket
import sys
import threading
import time

UPSTREAM = int(sys.argv[1])
MARKER = sys.argv[2].encode()
dropped = threading.Event()
lock = threading.Lock()


def pump_replies(server, client, mute):
    try:
        while True:
            data = server.recv(65536)
            if not data or mute.is_set():
                break
            client.sendall(data)
    except OSError:
        pass
    finally:
        for s in (client, server):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(client):
    server = socket.create_connection(("127.0.0.1", UPSTREAM))
    mute = threading.Event()
    threading.Thread(target=pump_replies, args=(server, client, mute), daemon=True).start()
    armed = False
    try:
        while True:
            data = client.recv(65536)
            if not data:
                break
            if MARKER in data:
                armed = True
            drop = False
            if armed and b"COMMIT\x00" in data:
                with lock:
                    if not dropped.is_set():
                        dropped.set()
                        drop = True
                        mute.set()
            server.sendall(data)
            if drop:
                time.sleep(0.5)
                break
    except OSError:
        pass
    for s in (client, server):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        s.close()


def main():
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    print(f"PORT {listener.getsockname()[1]}", flush=True)
    while True:
        client, _ = listener.accept()
        threading.Thread(target=serve, args=(client,), daemon=True).start()


if __name__ == "__main__":
    main()
