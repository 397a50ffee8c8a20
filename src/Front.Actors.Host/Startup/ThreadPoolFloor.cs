namespace Front.Actors.Host.Startup;

/// <summary>
/// SQLite's work (the status writer's batches, the journal's writes) runs synchronously on thread-pool threads, behind
/// async signatures. On a small machine the pool starts with one thread per core, so two such writes leave the actors
/// (the SMPP sessions among them) waiting for a thread, and every submit's round trip grows. Measured on 2 cores
/// (engine benchmark, 20,000 messages to node-smpp's SMSC): 3,700-3,800 delivered/s with the default floor, 4,200-5,000
/// with 16, and p99 accept→delivered 3.0 s → 1.2-2.2 s. The inbox benchmark's p99 at 800-1,000 inbound/s was worse
/// with 16 than with the default in the same runs (noisy): <c>Engine:MinThreads</c> (default 16) sets it; the pool
/// still grows above it as it would.
/// </summary>
public static class ThreadPoolFloor
{
    public const int Default = 16;

    public static void Apply(IConfiguration configuration)
    {
        var floor = configuration.GetValue("Engine:MinThreads", Default);
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (floor > workers)
            ThreadPool.SetMinThreads(floor, Math.Max(io, floor));
    }
}
