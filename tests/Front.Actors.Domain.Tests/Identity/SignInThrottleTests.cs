using Front.Actors.Domain.Identity;

namespace Front.Actors.Domain.Tests.Identity;

public class SignInThrottleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly SignInThrottle.Limits Limits = new(PerUser: 3, PerAddress: 5, Window: TimeSpan.FromMinutes(15), LockFor: TimeSpan.FromMinutes(10));

    [Fact]
    public void A_user_is_locked_after_repeated_failures_and_free_again_after_the_lock()
    {
        var throttle = new SignInThrottle(Limits);
        for (var i = 0; i < 2; i++)
            throttle.Failed("kari", $"192.0.2.{i}", T0.AddMinutes(i));
        Assert.Null(throttle.LockedUntil("kari", "192.0.2.9", T0.AddMinutes(2)));

        throttle.Failed("kari", "192.0.2.3", T0.AddMinutes(3));

        Assert.Equal(T0.AddMinutes(13), throttle.LockedUntil("kari", "192.0.2.9", T0.AddMinutes(4)));
        Assert.Null(throttle.LockedUntil("ola", "192.0.2.9", T0.AddMinutes(4)));
        Assert.Null(throttle.LockedUntil("kari", "192.0.2.9", T0.AddMinutes(13)));
    }

    [Fact]
    public void An_address_is_locked_after_failures_spread_over_many_user_names_known_or_not()
    {
        var throttle = new SignInThrottle(Limits);
        for (var i = 0; i < 5; i++)
            throttle.Failed($"user{i}", "198.51.100.7", T0);

        Assert.NotNull(throttle.LockedUntil("someone-else", "198.51.100.7", T0));
        Assert.Null(throttle.LockedUntil("someone-else", "198.51.100.8", T0));
    }

    [Fact]
    public void Failures_older_than_the_window_do_not_count_and_a_success_clears_the_user()
    {
        var throttle = new SignInThrottle(Limits);
        throttle.Failed("kari", "192.0.2.1", T0);
        throttle.Failed("kari", "192.0.2.1", T0.AddMinutes(1));
        throttle.Failed("kari", "192.0.2.1", T0.AddMinutes(20)); // a new window: one failure
        Assert.Null(throttle.LockedUntil("kari", "192.0.2.2", T0.AddMinutes(20)));

        throttle.Failed("kari", "192.0.2.1", T0.AddMinutes(21));
        throttle.Succeeded("kari");
        throttle.Failed("kari", "192.0.2.1", T0.AddMinutes(22));
        Assert.Null(throttle.LockedUntil("kari", "192.0.2.2", T0.AddMinutes(22)));
    }

    [Fact]
    public void Forgotten_counters_leave_no_lock_behind()
    {
        var throttle = new SignInThrottle(Limits);
        for (var i = 0; i < 3; i++)
            throttle.Failed("kari", "192.0.2.1", T0);

        throttle.Forget(T0.AddMinutes(5));
        Assert.NotNull(throttle.LockedUntil("kari", "192.0.2.2", T0.AddMinutes(5)));
        throttle.Forget(T0.AddMinutes(30));
        Assert.Null(throttle.LockedUntil("kari", "192.0.2.2", T0.AddMinutes(30)));
    }
}
