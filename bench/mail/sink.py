#!/usr/bin/env python3
"""CPU the development mail sink spends per mail received, for one or more builds of it.

  python3 bench/mail/sink.py [--mails 2000] [--rounds 2] [DLL ...]

Each DLL (default: this tree's Release build) is started on its own folder and port; 200 mails warm it up, then
--mails mails go over one SMTP connection, and the sink's CPU time (from /proc) is divided by their number. Rounds
alternate between the builds; the last line prints each build's mean against the first's. To compare with an older
sink: git show <commit>:tools/IpPlatform.MailSink/Program.cs into a copy of the project, build it, pass both DLLs.
"""
import argparse, os, shutil, smtplib, subprocess, tempfile, time
from email.message import EmailMessage

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.join(HERE, "..", "..", "tools", "IpPlatform.MailSink", "bin", "Release", "net10.0", "IpPlatform.MailSink.dll")


def cpu_ms(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def measure(dll, mails, port=2727):
    folder = tempfile.mkdtemp(prefix="sink-bench-")
    sink = subprocess.Popen(["dotnet", "exec", dll, "--port", str(port), "--folder", folder], stdout=subprocess.DEVNULL)
    try:
        time.sleep(3)
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = "platform@example.com", "applicant@example.com", "申报已受理"
        message.set_content("您的申报已受理。\n" * 20)
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            for _ in range(200):
                smtp.send_message(message)
            time.sleep(2)
            before, start = cpu_ms(sink.pid), time.time()
            for _ in range(mails):
                smtp.send_message(message)
            used, elapsed = cpu_ms(sink.pid) - before, time.time() - start
        return used / mails, elapsed, len(os.listdir(folder))
    finally:
        sink.terminate()
        sink.wait()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dlls", nargs="*", default=[DEFAULT])
    parser.add_argument("--mails", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    results = {dll: [] for dll in args.dlls}
    for round_ in range(args.rounds):
        for dll in args.dlls:
            per_mail, elapsed, files = measure(dll, args.mails)
            results[dll].append(per_mail)
            print(f"round {round_ + 1}  {dll}: {args.mails} mails in {elapsed:.1f} s, {per_mail:.3f} ms of sink CPU per mail, {files} files")
    first = sum(results[args.dlls[0]]) / args.rounds
    for dll in args.dlls:
        mean = sum(results[dll]) / args.rounds
        print(f"mean  {mean:.3f} ms per mail  ratio to the first {mean / first:.2f}  {dll}")
