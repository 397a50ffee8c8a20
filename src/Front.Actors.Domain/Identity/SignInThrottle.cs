namespace Front.Actors.Domain.Identity;

/// <summary>
/// Slows guessing down: after <see cref="Limits.PerUser"/> failed sign-ins for one user name, or
/// <see cref="Limits.PerAddress"/> from one address, within <see cref="Limits.Window"/>, further attempts for
/// that user or from that address are refused until <see cref="Limits.LockFor"/> has passed, whether the
/// password is right or not. Unknown user names count like known ones, so the answer says nothing about which
/// exist. A success clears its user's failures (not its address's: one right password must not reset a
/// scanner's count). Time is given, never read, so the rules are tested without waiting.
/// </summary>
public sealed class SignInThrottle(SignInThrottle.Limits limits)
{
    public sealed record Limits(int PerUser, int PerAddress, TimeSpan Window, TimeSpan LockFor)
    {
        public static Limits Default { get; } = new(PerUser: 5, PerAddress: 20, Window: TimeSpan.FromMinutes(15), LockFor: TimeSpan.FromMinutes(15));
    }

    private readonly Dictionary<string, Counter> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Counter> _addresses = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>When the user or address may try again, or null when it may try now.</summary>
    public DateTimeOffset? LockedUntil(string userName, string address, DateTimeOffset now)
    {
        lock (_lock)
        {
            var user = Until(_users, userName, now);
            var from = Until(_addresses, address, now);
            return user is null ? from : from is null || user > from ? user : from;
        }
    }

    public void Failed(string userName, string address, DateTimeOffset now)
    {
        lock (_lock)
        {
            Count(_users, userName, limits.PerUser, now);
            Count(_addresses, address, limits.PerAddress, now);
        }
    }

    public void Succeeded(string userName)
    {
        lock (_lock)
            _users.Remove(userName);
    }

    /// <summary>Counters that have nothing left to say (to bound memory under a spray of names).</summary>
    public void Forget(DateTimeOffset now)
    {
        lock (_lock)
        {
            foreach (var table in new[] { _users, _addresses })
                foreach (var key in table.Where(e => e.Value.Stale(now, limits)).Select(e => e.Key).ToList())
                    table.Remove(key);
        }
    }

    private static DateTimeOffset? Until(Dictionary<string, Counter> table, string key, DateTimeOffset now) =>
        table.TryGetValue(key, out var counter) && counter.LockedUntil > now ? counter.LockedUntil : null;

    private void Count(Dictionary<string, Counter> table, string key, int limit, DateTimeOffset now)
    {
        if (!table.TryGetValue(key, out var counter) || now - counter.Since > limits.Window)
            table[key] = counter = new Counter(now);
        counter.Failures++;
        if (counter.Failures >= limit)
            counter.LockedUntil = now + limits.LockFor;
    }

    private sealed class Counter(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;
        public int Failures { get; set; }
        public DateTimeOffset? LockedUntil { get; set; }

        public bool Stale(DateTimeOffset now, Limits limits) => now - Since > limits.Window && (LockedUntil is null || LockedUntil <= now);
    }
}
