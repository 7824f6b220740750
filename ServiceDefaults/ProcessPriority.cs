using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace IpPlatform;

/// <summary>
/// Lowers the CPU priority of a process whose work may wait while others' may not (<c>Runtime:Nice</c>, 0 to 19 as
/// Unix's nice: 0 normal, 19 lowest). On a machine the services share, a deadline surge's submissions then get the
/// cores first and work that can lag (notices, case files) catches up after; with idle cores it runs at full speed.
/// </summary>
public static class ProcessPriority
{
    const int Lowest = 19;

    /// <summary>
    /// Applies <paramref name="nice"/> to this process; 0 changes nothing. Linux keeps a nice value per thread and a
    /// new thread takes its creator's, so every thread of the process is lowered, again until a pass finds no new one:
    /// threads made afterwards descend from lowered ones. Elsewhere the process's priority class is lowered.
    /// </summary>
    public static void Apply(int nice)
    {
        if (nice is < 0 or > Lowest)
            throw new ArgumentOutOfRangeException(nameof(nice), nice, $"Runtime:Nice must be between 0 (normal) and {Lowest} (lowest).");
        if (nice == 0) return;
        if (OperatingSystem.IsLinux())
        {
            LowerEveryThread(nice);
            return;
        }
        using var process = Process.GetCurrentProcess();
        process.PriorityClass = nice >= 15 ? ProcessPriorityClass.Idle : ProcessPriorityClass.BelowNormal;
    }

    static void LowerEveryThread(int nice)
    {
        var lowered = new HashSet<int>();
        while (Directory.EnumerateDirectories("/proc/self/task").Select(d => int.Parse(Path.GetFileName(d))).Where(lowered.Add).ToList() is { Count: > 0 } pending)
            foreach (var thread in pending)
                if (setpriority(PriorityOfProcess, thread, nice) != 0 && Marshal.GetLastPInvokeError() is var error && error != NoSuchProcess)
                    throw new Win32Exception(error, $"Could not lower thread {thread} to nice {nice}.");
    }

    const int PriorityOfProcess = 0; // PRIO_PROCESS: on Linux "who" names a single thread
    const int NoSuchProcess = 3; // ESRCH: the thread ended meanwhile

    // Blittable arguments: a plain import needs no generated marshalling (nor unsafe code).
#pragma warning disable SYSLIB1054
    [DllImport("libc", SetLastError = true)]
    static extern int setpriority(int which, int who, int prio);
#pragma warning restore SYSLIB1054
}
