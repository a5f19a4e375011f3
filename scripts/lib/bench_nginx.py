"""Starts Debian's nginx on a free 127.0.0.1 port for the benchmarks (ETag and gzip on)."""
import os
import socket
import subprocess
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_nginx(work, root, label, workers=1, delay_ms=0):
    """Serves `root` (feeds as .xml/.rss) from nginx whose files live in `work`; returns (process, port).
    With `delay_ms`, every response (200 or 304) waits that long first, as a server across a network
    would (the echo module's non-blocking `echo_sleep`, Debian's libnginx-mod-http-echo)."""
    port = free_port()
    location = "location / { }"
    module = ""
    if delay_ms:
        module = "load_module /usr/lib/nginx/modules/ngx_http_echo_module.so;"
        location = "location / { echo_sleep %.3f; echo_exec @file; } location @file { }" % (delay_ms / 1000.0)
    conf = os.path.join(work, "nginx.conf")
    user = "user root root;" if os.geteuid() == 0 else ""
    temp = "\n".join("%s_temp_path %s/%s_temp;" % (m, work, m) for m in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    with open(conf, "w") as f:
        f.write("""%s
%s
worker_processes %d;
pid %s/nginx.pid;
error_log %s/error.log warn;
events { worker_connections 4096; }
http {
  types { text/xml xml; application/rss+xml rss; }
  access_log off;
  %s
  sendfile on; tcp_nopush on; keepalive_requests 100000;
  etag on;
  gzip on; gzip_static on; gzip_min_length 32; gzip_types text/xml application/rss+xml application/xml;
  server { listen 127.0.0.1:%d; root %s; %s }
}
""" % (module, user, workers, work, work, temp, port, root, location))
    proc = subprocess.Popen(["/usr/sbin/nginx", "-p", work + "/", "-c", conf, "-e", work + "/error.log", "-g", "daemon off;"])
    for _ in range(250):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, port
        except OSError:
            time.sleep(0.02)
    proc.kill()
    raise SystemExit("bench %s: nginx did not start (see %s/error.log)" % (label, work))
