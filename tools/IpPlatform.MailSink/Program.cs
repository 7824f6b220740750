using System.Buffers;
using System.Globalization;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

// Usage: IpPlatform.MailSink [--port 2525] [--folder .state/mail]
// Each day's messages are appended to <yyyy-MM-dd>.mbox (the raw messages, mboxrd: any mail client opens it) and
// <yyyy-MM-dd>.txt (To, Subject, Date and text, decoded, for reading with cat). Appending, not a file or two per
// message: creating files was most of the sink's CPU during a deadline surge (the file system's inode search).
var port = int.Parse(Option("--port") ?? Environment.GetEnvironmentVariable("MAILSINK_PORT") ?? "2525", CultureInfo.InvariantCulture);
var folder = Path.GetFullPath(Option("--folder") ?? Environment.GetEnvironmentVariable("MAILSINK_FOLDER") ?? Path.Combine(".state", "mail"));
Directory.CreateDirectory(folder);

var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
var services = new SmtpServer.ComponentModel.ServiceProvider();
services.Add(new FolderStore(folder));
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
// Started by the AppHost with the orchestrator's own watchers off (AppHost/ProcessMonitors.cs): stop once the
// orchestrator is gone, which Linux shows as a new parent process.
if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("Runtime__StopWithOrchestrator") == "true")
    _ = Task.Run(async () =>
    {
        var parent = ParentProcessId.Get();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            if (ParentProcessId.Get() != parent) { Console.WriteLine("The orchestrator is gone; stopping"); stop.Cancel(); return; }
    });
Console.WriteLine($"Mail sink on 127.0.0.1:{port}, writing to {folder}");
try { await new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token); }
catch (OperationCanceledException) { }

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

sealed class FolderStore(string folder) : MessageStore
{
    static readonly byte[] From = "From "u8.ToArray();
    readonly SemaphoreSlim gate = new(1, 1);

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
    {
        var raw = buffer.ToArray();
        using var stream = new MemoryStream(raw);
        var message = await MimeMessage.LoadAsync(stream, ct);
        var now = DateTime.UtcNow;
        var day = now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var text = $"To: {message.To}\nSubject: {message.Subject}\nDate: {message.Date:O}\n\n{message.TextBody}\n\n" + new string('-', 72) + "\n\n";

        // One writer at a time: SMTP sessions run concurrently, and each file's entries must not interleave.
        await gate.WaitAsync(ct);
        try
        {
            await using (var mbox = new FileStream(Path.Combine(folder, day + ".mbox"), FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                var sender = transaction.From is { } f ? $"{f.User}@{f.Host}" : "MAILER-DAEMON";
                await mbox.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"From {sender} {now:ddd MMM d HH:mm:ss yyyy}\n"), ct);
                await mbox.WriteAsync(Quoted(raw), ct);
                await mbox.WriteAsync("\n"u8.ToArray(), ct);
            }
            await File.AppendAllTextAsync(Path.Combine(folder, day + ".txt"), text, ct);
        }
        finally { gate.Release(); }
        Console.WriteLine($"{now:HH:mm:ss} {message.To} — {message.Subject}");
        return SmtpResponse.Ok;
    }

    /// <summary>mboxrd: a line starting with "From " (after any '>') gets one more '>'; lines end in LF; ends with a newline.</summary>
    static byte[] Quoted(byte[] raw)
    {
        var output = new MemoryStream(raw.Length + 64);
        var start = 0;
        while (start < raw.Length)
        {
            var end = Array.IndexOf(raw, (byte)'\n', start);
            var next = end < 0 ? raw.Length : end + 1;
            var length = (end < 0 ? raw.Length : end) - start;
            if (length > 0 && raw[start + length - 1] == (byte)'\r') length--;
            var line = raw.AsSpan(start, length);
            if (line.TrimStart((byte)'>').StartsWith(From)) output.WriteByte((byte)'>');
            output.Write(line);
            output.WriteByte((byte)'\n');
            start = next;
        }
        return output.ToArray();
    }
}

static class ParentProcessId
{
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getppid")]
    public static extern int Get();
}
