namespace Front.Actors.Host.Tests;

/// <summary>
/// For state that only an HTTP view or an in-memory list shows, with no event to await: asks again every
/// 20 ms until the answer is there, bounded by a limit so that a missing answer fails the test.
/// </summary>
internal static class Poll
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? limit = null) where T : class
    {
        var deadline = DateTime.UtcNow + (limit ?? Limit);
        while (true)
        {
            if (await probe() is { } found)
                return found;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"gave up waiting for {what}");
            await Task.Delay(20);
        }
    }

    public static async Task<T> UntilValueAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? limit = null) where T : struct =>
        (await UntilAsync(async () => await probe() is { } value ? new Box<T>(value) : null, what, limit)).Value;

    private sealed record Box<T>(T Value);

    /// <summary>The simulators' first accepted submit to <paramref name="destination"/> (they record submits when told to).</summary>
    public static Task<Front.Actors.SmscSimulator.AcceptedSubmit> SubmitToAsync(EngineHost host, string destination) =>
        UntilAsync(() => Task.FromResult(host.Simulators.Running.SelectMany(r => r.Smsc.AcceptedSubmits).FirstOrDefault(s => s.Pdu.DestinationAddr == destination)),
            $"a submit to {destination}");
}
