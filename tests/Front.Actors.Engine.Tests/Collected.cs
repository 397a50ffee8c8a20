using Akka.TestKit.Xunit2;

namespace Front.Actors.Engine.Tests;

/// <summary>Whether an object the test let go of is really gone: nothing else may keep it.</summary>
public static class Collected
{
    public static Task AwaitCollectedAsync(this TestKit kit, WeakReference reference, string heldBy) =>
        kit.AwaitAssertAsync(() =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Assert.False(reference.IsAlive, heldBy);
        }, TimeSpan.FromSeconds(5));
}
