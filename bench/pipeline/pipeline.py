#!/usr/bin/env python3
"""Submit -> assessed through the gateway, from the servers' own clocks (intake's "Submitted" and
"EligibilityAssessed" timeline entries), for a steady rate or a surge. Standard library only.

  pipeline.py steady [--rate 10] [--seconds 30]      create+submit at a fixed rate, then p50/p95/p99 of submit->assessed
  pipeline.py surge  [--count 2000] [--clients 8]     create+submit as fast as the clients go: pairs/s accepted, and
                                                      how long after the last submission the last one is assessed

Environment: GATEWAY (default http://localhost:18080). Registers one applicant unit per run (public endpoint:
start the stack with a high public rate limit, see bench/README.md)."""
import argparse, concurrent.futures as cf, datetime as dt, json, os, random, sys, threading, time, urllib.parse, urllib.request

GATEWAY = os.environ.get("GATEWAY", "http://localhost:18080")
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_code():
    body = "91320583MA" + "".join(random.choice(ALPHABET) for _ in range(7))
    total = sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS))
    return body + ALPHABET[(31 - total % 31) % 31]


def call(method, path, body=None, token=None, form=None, file=None):
    headers = {}
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
    request = urllib.request.Request(GATEWAY + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


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


def create_and_submit(token, document):
    status, created = call("POST", "/api/applications", document, token)
    if status >= 300:
        raise RuntimeError(f"create answered {status}: {created}")
    for material in required_materials(document):
        status, uploaded = call("POST", f"/api/applications/{created['id']}/materials/{material}", token=token,
                                file=("file", f"{material}.pdf", ATTACHMENT))
        if status >= 300:
            raise RuntimeError(f"upload of {material} answered {status}: {uploaded}")
    status, submitted = call("POST", f"/api/applications/{created['id']}/submit", token=token)
    if status >= 300:
        raise RuntimeError(f"submit answered {status}: {submitted}")
    return created["id"]


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


def steady(rate, seconds):
    token, document = applicant()
    count, ids, lock = int(rate * seconds), [], threading.Lock()
    start = time.time()
    with cf.ThreadPoolExecutor(32) as pool:
        futures = []
        for n in range(count):
            time.sleep(max(0, start + n / rate - time.time()))
            futures.append(pool.submit(create_and_submit, token, document))
        ids = [f.result() for f in futures]
    times = timeline(token, ids)
    ms = [(a - s).total_seconds() * 1000 for s, a in times.values()]
    print(f"steady  rate={rate}/s  submitted={count}  assessed={len(ms)}")
    print(f"submit->assessed ms  p50={percentile(ms, .5):.0f}  p95={percentile(ms, .95):.0f}  p99={percentile(ms, .99):.0f}  max={max(ms):.0f}")
    print(f"ratio  p99 / goal 250 ms = {percentile(ms, .99) / 250:.2f}")


def surge(count, clients):
    token, document = applicant()
    start = time.time()
    with cf.ThreadPoolExecutor(clients) as pool:
        ids = list(pool.map(lambda _: create_and_submit(token, document), range(count)))
    elapsed = time.time() - start
    times = timeline(token, ids, deadline_s=1800)
    last_submitted = max(s for s, _ in times.values())
    last_assessed = max(a for _, a in times.values())
    first_submitted = min(s for s, _ in times.values())
    lag = (last_assessed - last_submitted).total_seconds()
    window = (last_assessed - first_submitted).total_seconds()
    print(f"surge  pairs={count}  clients={clients}  accepted {count / elapsed:.1f} create+submit pairs/s ({elapsed:.1f} s)")
    print(f"assessed={len(times)}  last assessed {lag:.1f} s after the last submission  ({len(times) / window:.1f} assessments/s over the surge)")
    print(f"ratio  pairs/s / goal 150 = {count / elapsed / 150:.2f}   lag / goal 5 s = {lag / 5:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["steady", "surge"])
    parser.add_argument("--rate", type=float, default=10)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    steady(args.rate, args.seconds) if args.mode == "steady" else surge(args.count, args.clients)
