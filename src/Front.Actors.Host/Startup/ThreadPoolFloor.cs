namespace Front.Actors.Host.Startup;

/// <summary>
/// SQLite's work (the status writer's batches, the journal's writes) runs synchronously on thread-pool threads, behind
/// async signatures. On a small machine the pool starts with one thread per core, so two such writes leave the actors
/// (the SMPP sessions among them) waiting for a thread, and every submit's round trip grows: measured on 2 cores, a
/// bind to an external SMSC drained about 3,000 parts/s with the default floor and about 5,500/s with 16 threads.
/// The floor is <c>Engine:MinThreads</c> (default 16); the pool still grows above it as it would.
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
