#!/usr/bin/env python3
"""Submit -> assessed through the gateway, from the servers' own clocks (intake's "Submitted" and
"EligibilityAssessed" timeline entries), for a steady rate or a surge. Standard library only.

  pipeline.py steady [--rate 10] [--seconds 30] [--warmup 10]
                                                    create+submit at a fixed rate (after an unmeasured warm-up at the
                                                    same rate), then p50/p95/p99 of submit->assessed, and the same
                                                    path hop by hop from the traces (the submit requests carry a
                                                    sampled traceparent; read back from the dashboard's telemetry API)
  pipeline.py surge  [--count 2000] [--clients 8] [--prepared]
                                                      create + 6 uploads + submit as fast as the clients go (or, with
                                                      --prepared, submit drafts prepared beforehand): accepted per
                                                      second, and how long after the last submission the last one is
                                                      assessed; with --cpu also the CPU time each process of the
                                                      stack spent per submission, from /proc (same machine only),
                                                      from the surge's start until the stack is back at rest (its
                                                      mail included), and the share of that the stack uses at rest

Environment: GATEWAY (default http://localhost:18080), DASHBOARD (default http://localhost:15180, bench/stack.sh's). Registers one applicant unit per run (public endpoint:
start the stack with bench/stack.sh, which lifts it; see docs/benchmarks.md)."""
import argparse, concurrent.futures as cf, datetime as dt, http.client, json, os, random, sys, threading, time, urllib.parse, urllib.request

GATEWAY = os.environ.get("GATEWAY", "http://localhost:18080")
DASHBOARD = os.environ.get("DASHBOARD", "http://localhost:15180")
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_code():
    body = "91320583MA" + "".join(random.choice(ALPHABET) for _ in range(7))
    total = sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS))
    return body + ALPHABET[(31 - total % 31) % 31]


def call(method, path, body=None, token=None, form=None, file=None, headers=None):
    headers = dict(headers or {})
    data = None
    if file is not None:  # (field name, file name, bytes) as multipart/form-data
        boundary = "ipplatform-bench-boundary"
        name, filename, content = file
        data = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n"
                f"Content-Type: application/pdf\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
        headers["content-type"] = f"multipart/form-data; boundary={boundary}"
    if body is not None:
        data, headers["content-type"] = json.dumps(body).encode(), "application/json"
    if form is not None:
        data, headers["content-type"] = urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded"
    if token:
        headers["authorization"] = "Bearer " + token
    # One kept-alive connection per client thread, as a browser keeps one: a new TCP connection per request would
    # measure connection set-up in the gateway rather than the platform.
    for attempt in (1, 2):
        connection = getattr(_connections, "current", None)
        reused = connection is not None
        if connection is None:
            connection = _connections.current = http.client.HTTPConnection(_gateway.hostname, _gateway.port, timeout=120)
        try:
            connection.request(method, _gateway.path.rstrip("/") + path, body=data, headers=headers)
            response = connection.getresponse()
            payload = response.read()
        except (http.client.HTTPException, ConnectionError):
            connection.close()
            _connections.current = None
            if attempt == 2 or not reused:  # only a kept-alive connection the server had closed is tried again
                raise
            continue
        if response.status >= 400:
            return response.status, payload.decode(errors="replace")
        return response.status, json.loads(payload or b"null")


_gateway = urllib.parse.urlsplit(GATEWAY)
_connections = threading.local()


def applicant():
    code = credit_code()
    status, answer = call("POST", "/api/identity/applicants", {
        "creditCode": code, "name": "江苏基准测试科技有限公司", "kind": "Enterprise", "regionCode": "320583",
        "contact": {"name": "王敏", "mobile": "13912345678", "email": "bench@example.com"}, "password": "Applicant-2022!"})
    if status >= 300:
        sys.exit(f"registration answered {status}: {answer}")
    status, answer = call("POST", "/connect/token", form={"grant_type": "password", "client_id": "ipplatform-cli",
                                                          "username": code, "password": "Applicant-2022!", "scope": "api"})
    if status >= 300:
        sys.exit(f"token answered {status}: {answer}")
    document = json.load(open(os.path.join(ROOT, "docs", "samples", "industrial-brand.json"), encoding="utf-8"))
    document["applicant"]["creditCode"] = code
    return answer["access_token"], document


# The materials the call requires of the track; each application gets the stand-in PDF for each before it is submitted.
ATTACHMENT = open(os.path.join(ROOT, "docs", "samples", "materials", "sample-attachment.pdf"), "rb").read()
_required = {}


def required_materials(document):
    key = (document["callId"], document["track"])
    if key not in _required:
        status, call_document = call("GET", f"/api/eligibility/calls/{document['callId']}")
        if status >= 300:
            raise RuntimeError(f"call answered {status}: {call_document}")
        track = next(t for t in call_document["tracks"] if t["id"] == document["track"])
        _required[key] = [m["id"] for m in track["content"]["materials"] if m.get("required", True)]
    return _required[key]


def create_and_submit(token, document, traced=False):
    """Creates, uploads the required materials, submits; returns the application's id and the submit's trace id
    (a sampled traceparent of the client's own when traced, so the gateway records that trace)."""
    application = prepare(token, document)
    trace = "%032x" % random.getrandbits(128) if traced else None
    submit(token, application, {"traceparent": f"00-{trace}-{random.getrandbits(64):016x}-01"} if traced else None)
    return application, trace


def instant(text):
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=dt.timezone.utc) if text else None


def timeline(token, ids, deadline_s=600):
    """Waits until every application shows EligibilityAssessed; returns {id: (submitted, assessed)}."""
    result, pending, end = {}, list(ids), time.time() + deadline_s
    while pending and time.time() < end:
        def read(i):
            status, view = call("GET", f"/api/applications/{i}", token=token)
            if status != 200:
                return i, None
            at = {e["what"]: instant(e["at"]) for e in view["timeline"]}
            return i, (at.get("Submitted"), at.get("EligibilityAssessed"))
        with cf.ThreadPoolExecutor(8) as pool:
            for i, times in pool.map(read, pending):
                if times and times[1]:
                    result[i] = times
        pending = [i for i in ids if i not in result]
        if pending:
            time.sleep(0.5)
    if pending:
        print(f"warning: {len(pending)} applications not assessed after {deadline_s} s", file=sys.stderr)
    return result


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p * len(ordered) + 0.5)) - 1))]


def at_rate(token, document, rate, count, traced):
    start = time.time()
    with cf.ThreadPoolExecutor(32) as pool:
        futures = []
        for n in range(count):
            time.sleep(max(0, start + n / rate - time.time()))
            futures.append(pool.submit(create_and_submit, token, document, traced))
        return [f.result() for f in futures]


def steady(rate, seconds, warmup):
    token, document = applicant()
    if warmup > 0:  # the first requests after a start pay for JIT compilation and connection set-up in every service
        warm = at_rate(token, document, rate, int(rate * warmup), False)
        timeline(token, [i for i, _ in warm])
    count = int(rate * seconds)
    submitted = at_rate(token, document, rate, count, True)
    times = timeline(token, [i for i, _ in submitted])
    by_id = {i: (a - s).total_seconds() * 1000 for i, (s, a) in times.items()}
    ms = list(by_id.values())
    print(f"steady  rate={rate}/s  submitted={count}  assessed={len(ms)}  (after {warmup:g} s of warm-up)")
    print(f"submit->assessed ms  p50={percentile(ms, .5):.0f}  p95={percentile(ms, .95):.0f}  p99={percentile(ms, .99):.0f}  max={max(ms):.0f}")
    print(f"ratio  p99 / goal 250 ms = {percentile(ms, .99) / 250:.2f}")
    # Where the tail sits: after a start without warm-up it is the first submissions, each service's first messages.
    order = [i for i, _ in submitted]
    slowest = sorted((i for i in order if i in by_id), key=lambda i: -by_id[i])[:10]
    print("the ten slowest, by position in the run: " + ", ".join(f"#{order.index(i)} {by_id[i]:.0f} ms" for i in sorted(slowest, key=order.index)))
    later = [by_id[i] for i in order[int(2 * rate):] if i in by_id]
    if later:
        print(f"without the first 2 s of submissions: p99={percentile(later, .99):.0f} ms")
    hops([t for _, t in submitted])


# The path of one submission, as the traces show it: (hop, span where it starts, its end or start, span where it ends).
# A span is named by (service, span name); "start"/"end" say which instant of it.
HOPS = [
    ("gateway -> intake", ("gateway", "POST /api/applications/{**rest}", "start"), ("intake", "POST /api/applications/{id:guid}/submit", "start")),
    ("intake: submit request", ("intake", "POST /api/applications/{id:guid}/submit", "start"), ("intake", "POST /api/applications/{id:guid}/submit", "end")),
    ("intake: commit -> outbox publish", ("intake", "POST /api/applications/{id:guid}/submit", "end"), ("intake", "outbox publish ApplicationSubmitted", "start")),
    ("intake: publish until confirm", ("intake", "outbox publish ApplicationSubmitted", "start"), ("intake", "outbox publish ApplicationSubmitted", "end")),
    ("broker -> eligibility", ("intake", "outbox publish ApplicationSubmitted", "start"), ("eligibility", "eligibility-application-submitted receive", "start")),
    ("eligibility: assess", ("eligibility", "eligibility-application-submitted receive", "start"), ("eligibility", "eligibility-application-submitted receive", "end")),
    ("eligibility: commit -> outbox publish", ("eligibility", "eligibility-application-submitted receive", "end"), ("eligibility", "outbox publish EligibilityAssessed", "start")),
    ("eligibility: publish until confirm", ("eligibility", "outbox publish EligibilityAssessed", "start"), ("eligibility", "outbox publish EligibilityAssessed", "end")),
    ("broker -> intake", ("eligibility", "outbox publish EligibilityAssessed", "start"), ("intake", "intake-application-progress receive", "start")),
    ("intake: record assessment", ("intake", "intake-application-progress receive", "start"), ("intake", "intake-application-progress receive", "end")),
    ("whole path", ("gateway", "POST /api/applications/{**rest}", "start"), ("intake", "intake-application-progress receive", "end")),
]


def trace_spans(trace):
    """{(service, span name): (start ns, end ns)} of one trace from the dashboard (earliest span of each name)."""
    try:
        with urllib.request.urlopen(f"{DASHBOARD}/api/telemetry/traces/{trace}", timeout=30) as response:
            data = json.loads(response.read())["data"]
    except (urllib.error.URLError, KeyError, ValueError):
        return {}
    spans = {}
    for resource in data.get("resourceSpans", []):
        attributes = {a["key"]: a["value"].get("stringValue") for a in resource.get("resource", {}).get("attributes", [])}
        service = attributes.get("service.name")
        for scope in resource.get("scopeSpans", []):
            for span in scope.get("spans", []):
                key, times = (service, span["name"]), (int(span["startTimeUnixNano"]), int(span["endTimeUnixNano"]))
                if key not in spans or times[0] < spans[key][0]:
                    spans[key] = times
    return spans


def hops(traces):
    """Prints each hop's p50/p95/p99 over the traces the dashboard kept (it may drop some under its limits)."""
    time.sleep(3)  # the services export spans in batches every few seconds
    found = [s for s in (trace_spans(t) for t in traces) if s]
    if not found:
        print(f"hops: no trace found at {DASHBOARD} (is the dashboard running? bench/stack.sh starts it)")
        return
    print(f"hop by hop, ms, from {len(found)} of {len(traces)} traces  (p50 / p95 / p99)")
    instant = lambda spans, point: spans[point[:2]][0 if point[2] == "start" else 1]
    for name, begin, end in HOPS:
        values = [(instant(s, end) - instant(s, begin)) / 1e6 for s in found if begin[:2] in s and end[:2] in s]
        if values:
            print(f"  {name:40} {percentile(values, .5):8.1f} {percentile(values, .95):8.1f} {percentile(values, .99):8.1f}   ({len(values)} traces)")


def prepare(token, document):
    """A draft with its required materials, not yet submitted: what an applicant has ready before the deadline."""
    status, created = call("POST", "/api/applications", document, token)
    if status >= 300:
        raise RuntimeError(f"create answered {status}: {created}")
    for material in required_materials(document):
        status, uploaded = call("POST", f"/api/applications/{created['id']}/materials/{material}", token=token,
                                file=("file", f"{material}.pdf", ATTACHMENT))
        if status >= 300:
            raise RuntimeError(f"upload of {material} answered {status}: {uploaded}")
    return created["id"]


def submit(token, application, headers=None):
    status, submitted = call("POST", f"/api/applications/{application}/submit", token=token, headers=headers)
    if status >= 300:
        raise RuntimeError(f"submit answered {status}: {submitted}")
    return application


# The stack's processes by what they are, from the program each runs (the services run as their built programs).
PROCESS_GROUPS = ["Intake", "Eligibility", "Routing", "Review", "Funding", "Monitoring", "Delivery", "Identity", "Portal",
                  "Gateway", "MailSink", "AppHost", "Aspire.Dashboard", "dcp", "beam.smp"]


def cpu_times():
    """CPU ms (user + system) of every process of the stack on this machine, by pid: {pid: (group, ms)}."""
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                arguments = f.read().decode(errors="replace").split("\0")
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        # The program, not its arguments (the AppHost's name the gateway's port; the broker's flags contain "dcp").
        program = next((a for a in arguments if a.endswith(".dll")), arguments[0]) if os.path.basename(arguments[0]) == "dotnet" else arguments[0]
        group = next((g for g in PROCESS_GROUPS if g in os.path.basename(program)), None)
        if group:
            found[pid] = (group, (int(fields[11]) + int(fields[12])) * 1000 / ticks)
    return found


def print_cpu(before, during, after, count, idle, client_ms):
    """before/during/after: (cpu_times(), time) at the surge's start, when its last submission was answered, and once its
    work settled; idle: ms/s at rest; client_ms: this load generator's CPU during the surge."""
    (start_cpu, start), (surge_cpu, surge_end), (end_cpu, end) = before, during, after
    per_group, in_surge = cpu_used(start_cpu, end_cpu), cpu_used(start_cpu, surge_cpu)
    total = sum(per_group.values())
    resting = idle * (end - start)
    print(f"cpu per submission, ms (all processes of the stack, from the surge's start until its work settled {end - start:.0f} s later;"
          f" notices and mail included; then the part spent while the submissions were being sent, {surge_end - start:.1f} s)")
    for group, ms in sorted(per_group.items(), key=lambda item: -item[1]):
        print(f"  {group:18s} {ms / count:7.2f}  {100 * ms / total:5.1f} %   {in_surge.get(group, 0) / count:7.2f}")
    print(f"  {'(load generator)':18s} {'':7s}  {'':7s}   {client_ms / count:7.2f}")
    print(f"  {'machine, surge':18s} {'':7s}  {'':7s}   {(sum(in_surge.values()) + client_ms) / (surge_end - start) / 10 / os.cpu_count():6.0f} % of {os.cpu_count()} cores")
    own = (total - resting) / count
    print(f"  {'total':18s} {total / count:7.2f}")
    print(f"  of which the stack at rest ({idle:.0f} ms/s over those {end - start:.0f} s): {resting / count:.2f};"
          f" the submissions' own: {own:.2f} ({os.cpu_count()} cores: at most {os.cpu_count() * 1000 / own:.0f} submissions/s)")


def cpu_used(before, after):
    """CPU ms the stack's processes used between two cpu_times() snapshots, by group."""
    per_group = {}
    for pid, (group, ms) in after.items():
        per_group[group] = per_group.get(group, 0) + ms - before.get(pid, (group, 0))[1]
    return per_group


def machine_speed():
    """ms this process takes for a fixed loop (best of three): the VM's speed varies by a factor of up to 2 from minute to
    minute (its host's other load), so a figure is read against the speed measured just before it."""
    best = None
    for _ in range(3):
        start, total = time.process_time(), 0
        for i in range(1_500_000):
            total += i * i
        best = min(best or 1e9, (time.process_time() - start) * 1000)
    return best


def resting_rate(seconds=5.0):
    """The stack's CPU use at rest, ms per second."""
    first, start = cpu_times(), time.monotonic()
    time.sleep(seconds)
    return sum(cpu_used(first, cpu_times()).values()) / (time.monotonic() - start)


def at_rest(below_ms=80, limit=900):
    """Waits for the work of earlier requests to end (an earlier surge's mail drains for over a minute, the stack at 150–200 ms/s),
    then returns the stack's CPU use at rest (ms/s): the first 5 s window below below_ms (idle measured 46–64 ms/s)."""
    deadline = time.monotonic() + limit
    while (rate := resting_rate()) >= below_ms and time.monotonic() < deadline:
        pass
    return rate


def mail_written():
    """Bytes the development mail sink has written (bench/stack.sh's STATE_DIR/mail), or None without a sink folder."""
    folder = os.path.join(os.environ.get("STATE_DIR", ".state"), "mail")
    try:
        return sum(e.stat().st_size for e in os.scandir(folder) if e.is_file())
    except OSError:
        return None


def settled(quiet_ms=150, period=2.0, limit=900):
    """Waits until the stack's processes together use less than quiet_ms of CPU a second over a period (the work of the
    surge's events, notices and mail included) and the mail sink wrote nothing in it, at most limit seconds; returns
    (cpu_times(), time.monotonic()). The mail counts by what arrives, not only by CPU: a slower sender may drain below
    the threshold (set STATE_DIR as for bench/stack.sh)."""
    previous, written = cpu_times(), mail_written()
    for _ in range(int(limit / period)):
        time.sleep(period)
        current, now_written = cpu_times(), mail_written()
        used = sum(cpu_used(previous, current).values())
        quiet_mail = now_written == written
        previous, written = current, now_written
        if used < quiet_ms * period and quiet_mail:
            break
    return previous, time.monotonic()


def surge(count, clients, prepared, cpu=False):
    token, document = applicant()
    if prepared:
        # The deadline surge as it happens: drafts and their materials were prepared over the weeks before (not
        # timed here); at the deadline they are submitted as fast as the clients go.
        with cf.ThreadPoolExecutor(clients) as pool:
            drafts = list(pool.map(lambda _: prepare(token, document), range(count)))
        time.sleep(5)  # let the drafts' own events settle before the surge starts
    idle = at_rest() if cpu else None
    speed = machine_speed() if cpu else None
    before = (cpu_times(), time.monotonic()) if cpu else None
    client_before = os.times()
    start = time.time()
    with cf.ThreadPoolExecutor(clients) as pool:
        if prepared:
            ids = list(pool.map(lambda draft: submit(token, draft), drafts))
        else:
            ids = [i for i, _ in pool.map(lambda _: create_and_submit(token, document), range(count))]
    elapsed = time.time() - start
    during = (cpu_times(), time.monotonic()) if cpu else None
    client_ms = sum(os.times()[:2]) * 1000 - sum(client_before[:2]) * 1000
    print(f"surge  {count} sent in {elapsed:.1f} s: {count / elapsed:.1f}/s (the figures below follow once the stack has settled)", flush=True)
    if cpu:
        # Printed now: settling after a large surge (its mail) can take longer than the run is allowed.
        in_surge = cpu_used(before[0], during[0])
        print("during the surge, ms per submission: " + ", ".join(
            f"{group} {ms / count:.2f}" for group, ms in sorted(in_surge.items(), key=lambda item: -item[1]))
            + f", (load generator) {client_ms / count:.2f}", flush=True)
    # Before reading the timelines: reading them costs the gateway and intake CPU of its own.
    # Settled: back to within a little of the stack's use at rest (its mail sender is the last to finish).
    after = settled(quiet_ms=min(idle * 1.5 + 20, 100)) if cpu else None
    times = timeline(token, ids, deadline_s=1800)
    last_submitted = max(s for s, _ in times.values())
    last_assessed = max(a for _, a in times.values())
    first_submitted = min(s for s, _ in times.values())
    lag = (last_assessed - last_submitted).total_seconds()
    window = (last_assessed - first_submitted).total_seconds()
    what = "submissions of prepared drafts" if prepared else "create+upload+submit pairs"
    print(f"surge  {count} {what}  clients={clients}  accepted {count / elapsed:.1f}/s ({elapsed:.1f} s)")
    print(f"assessed={len(times)}  last assessed {lag:.1f} s after the last submission  ({len(times) / window:.1f} assessments/s over the surge)")
    print(f"ratio  accepted/s / goal 150 = {count / elapsed / 150:.2f}   lag / goal 5 s = {lag / 5:.2f}")
    if cpu:
        print_cpu(before, during, after, count, idle, client_ms)
        print(f"machine speed before the surge: a fixed loop took {speed:.0f} ms (lower is faster)")
        # For matching a profile taken meanwhile (perf record -k CLOCK_MONOTONIC): the surge, then its settling.
        print(f"monotonic  surge {before[1]:.3f}..{before[1] + elapsed:.3f}  settled {after[1]:.3f}", file=sys.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["steady", "surge"])
    parser.add_argument("--rate", type=float, default=10)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--warmup", type=float, default=10)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--prepared", action="store_true",
                        help="surge: prepare the drafts and materials first (not timed), then time the submissions alone")
    parser.add_argument("--cpu", action="store_true",
                        help="surge: the CPU time per submission of each process of the stack (this machine's /proc)")
    args = parser.parse_args()
    steady(args.rate, args.seconds, args.warmup) if args.mode == "steady" else surge(args.count, args.clients, args.prepared, args.cpu)
