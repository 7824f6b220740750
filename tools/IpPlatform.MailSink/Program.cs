using System.Buffers;
using System.Globalization;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

// Usage: IpPlatform.MailSink [--port 2525] [--folder .state/mail]
// Each message is written as <time>-<n>.eml (the raw message) and <time>-<n>.txt (To, Subject and text, decoded).
var port = int.Parse(Option("--port") ?? Environment.GetEnvironmentVariable("MAILSINK_PORT") ?? "2525", CultureInfo.InvariantCulture);
var folder = Path.GetFullPath(Option("--folder") ?? Environment.GetEnvironmentVariable("MAILSINK_FOLDER") ?? Path.Combine(".state", "mail"));
Directory.CreateDirectory(folder);

var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
var services = new SmtpServer.ComponentModel.ServiceProvider();
services.Add(new FolderStore(folder));
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
Console.WriteLine($"Mail sink on 127.0.0.1:{port}, writing to {folder}");
try { await new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token); }
catch (OperationCanceledException) { }

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

sealed class FolderStore(string folder) : MessageStore
{
    int count;

    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
    {
        var name = $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Interlocked.Increment(ref count)}";
        var raw = buffer.ToArray();
        await File.WriteAllBytesAsync(Path.Combine(folder, name + ".eml"), raw, ct);
        using var stream = new MemoryStream(raw);
        var message = await MimeMessage.LoadAsync(stream, ct);
        var text = $"To: {message.To}\nSubject: {message.Subject}\nDate: {message.Date:O}\n\n{message.TextBody}\n";
        await File.WriteAllTextAsync(Path.Combine(folder, name + ".txt"), text, ct);
        Console.WriteLine($"{name}: {message.To} — {message.Subject}");
        return SmtpResponse.Ok;
    }
}
