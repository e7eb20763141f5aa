"""The sandbox Hub on its own: is it fast enough not to be what a plan waits for?

Starts `hfeval sandbox` as a separate process with N synthetic repos and sends it the requests
a plan makes (model_info, PR listing, README at a sha) over raw keep-alive HTTP (stdlib
http.client, so almost all the time measured is the server's): first one by one for latency,
then from several threads for throughput. The sandbox's own CPU comes from `os.wait4`.

    python benchmarks/perf/sandbox_alone.py [--repos 300] [--threads 8]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from harness import HFEVAL, median, print_table
from synthetic import repo_id, write_seed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=300)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hfeval-bench-sandbox-"))
    write_seed(work / "seed", args.repos)
    server = subprocess.Popen(
        [
            HFEVAL,
            "sandbox",
            "--data",
            str(work / "data"),
            "--seed",
            str(work / "seed"),
            "--port",
            "0",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        url = wait_for_url(server)
        host = urlsplit(url)
        repos = [repo_id(i) for i in range(args.repos)]
        first: list[float] = []
        shas = {repo: head(host.hostname or "", host.port or 80, repo, first) for repo in repos}
        kinds = {
            "model_info (revision/main)": lambda r: f"/api/models/{r}/revision/main",
            "PR listing (discussions)": lambda r: f"/api/models/{r}/discussions",
            "README at a sha (resolve)": lambda r: f"/{r}/resolve/{shas[r]}/README.md",
        }
        rows: list[list[object]] = [
            ["model_info, first read of each README", median(first) * 1000, ""]
        ]
        for name, path in kinds.items():
            latencies = one_by_one(host.hostname or "", host.port or 80, [path(r) for r in repos])
            rate = threaded(host.hostname or "", host.port or 80, [path(r) for r in repos],
                            args.threads)  # fmt: skip
            rows.append([name, median(latencies) * 1000, rate])
    finally:
        usage = stop(server)
        shutil.rmtree(work, ignore_errors=True)
    print_table(
        f"Sandbox alone, {args.repos} repos, raw keep-alive HTTP",
        ["request", "median latency ms (sequential)", f"req/s ({args.threads} threads)"],
        rows,
    )
    print(f"\nsandbox process CPU (start-up and seeding included): "
          f"{usage.ru_utime + usage.ru_stime:.2f} s")  # fmt: skip


def stop(server: subprocess.Popen[str]) -> resource.struct_rusage:
    """Ctrl-C the sandbox, and kill it if it has not exited within 10 s; its resource usage."""
    server.send_signal(signal.SIGINT)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        pid, _, usage = os.wait4(server.pid, os.WNOHANG)
        if pid:
            return usage
        time.sleep(0.1)
    server.kill()
    return os.wait4(server.pid, 0)[2]


def wait_for_url(server: subprocess.Popen[str]) -> str:
    assert server.stdout is not None
    for line in server.stdout:
        if "export HF_ENDPOINT=" in line:
            return line.split("=", 1)[1].strip()
    raise SystemExit("the sandbox did not start")


def head(host: str, port: int, repo: str, latencies: list[float]) -> str:
    connection = http.client.HTTPConnection(host, port)
    started = time.perf_counter()
    connection.request("GET", f"/api/models/{repo}/revision/main")
    sha = str(json.loads(connection.getresponse().read())["sha"])
    latencies.append(time.perf_counter() - started)  # a new connection each: a slight overcount
    connection.close()
    return sha


def one_by_one(host: str, port: int, paths: list[str]) -> list[float]:
    connection = http.client.HTTPConnection(host, port)
    latencies = []
    for path in paths:
        started = time.perf_counter()
        connection.request("GET", path, headers={"Authorization": "Bearer hf_bench"})
        response = connection.getresponse()
        response.read()
        latencies.append(time.perf_counter() - started)
        assert response.status == 200, (path, response.status)
    connection.close()
    return latencies


def threaded(host: str, port: int, paths: list[str], threads: int) -> float:
    chunks = [paths[i::threads] for i in range(threads)]
    workers = [threading.Thread(target=one_by_one, args=(host, port, c)) for c in chunks]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return len(paths) / (time.perf_counter() - started)


if __name__ == "__main__":
    main()
