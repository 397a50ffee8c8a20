using System.Diagnostics;

namespace Front.Actors.Benchmarks;

/// <summary>
/// Samples a process's working set on a timer and keeps the largest, so a run reports its peak rather than what
/// is left at the end (the GC may have given memory back by then).
/// </summary>
internal sealed class PeakMemory : IDisposable
{
    private readonly Process _process;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;
    private int _samples;

    public PeakMemory(Process process, TimeSpan every)
    {
        _process = process;
        _sampling = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(every);
            try
            {
                do
                    Sample();
                while (await timer.WaitForNextTickAsync(_stop.Token));
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    /// <summary>Stops sampling (after one last sample) and returns the peak in bytes and how many samples it is the most of.</summary>
    public (long PeakBytes, int Samples) Stop()
    {
        _stop.Cancel();
        _sampling.Wait();
        Sample();
        return (Interlocked.Read(ref _peak), Volatile.Read(ref _samples));
    }

    /// <summary>The kernel's own high-water mark of the process's resident memory (Linux, VmHWM), or null elsewhere.</summary>
    public static long? KernelPeakBytes(Process process)
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:"));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private void Sample()
    {
        try
        {
            _process.Refresh();
            if (_process.HasExited)
                return;
            var now = _process.WorkingSet64;
            Interlocked.Increment(ref _samples);
            long seen;
            while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
            {
            }
        }
        catch (InvalidOperationException)
        {
            // the process is gone
        }
    }

    public void Dispose()
    {
        if (!_stop.IsCancellationRequested)
            Stop();
        _stop.Dispose();
    }
}
