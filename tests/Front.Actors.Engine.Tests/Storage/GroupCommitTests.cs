using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Tests.Storage;

public class GroupCommitTests
{
    [Fact]
    public async Task Requests_that_wait_for_a_commit_are_written_together_in_the_next_each_with_its_own_result()
    {
        var firstWriteStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirstWrite = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = new List<IReadOnlyList<int>>();
        await using var commit = new GroupCommit<int, string>(async requests =>
        {
            lock (batches)
                batches.Add(requests);
            if (batches.Count == 1)
            {
                firstWriteStarted.SetResult();
                await releaseFirstWrite.Task;
            }
            return requests.Select(r => $"r{r}").ToList();
        }, _ => 1, maxWeight: 100);

        var first = commit.SubmitAsync(1);
        await firstWriteStarted.Task;
        var waiting = Enumerable.Range(2, 5).Select(commit.SubmitAsync).ToList();
        releaseFirstWrite.SetResult();

        Assert.Equal("r1", await first);
        Assert.Equal(["r2", "r3", "r4", "r5", "r6"], await Task.WhenAll(waiting));
        Assert.Equal([[1], [2, 3, 4, 5, 6]], batches);
    }

    [Fact]
    public async Task A_bad_request_in_a_batch_fails_only_its_own_caller()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var commit = new GroupCommit<int, int>(async requests =>
        {
            if (requests.Contains(0))
            {
                started.TrySetResult();
                await gate.Task;
            }
            if (requests.Contains(-1))
                throw new InvalidOperationException("bad row");
            return requests.Select(r => r * 10).ToList();
        }, _ => 1, maxWeight: 100);

        var blocker = commit.SubmitAsync(0);
        await started.Task;
        var good = commit.SubmitAsync(1);
        var bad = commit.SubmitAsync(-1);
        var alsoGood = commit.SubmitAsync(2);
        gate.SetResult();

        Assert.Equal(0, await blocker);
        Assert.Equal((10, 20), (await good, await alsoGood));
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
    }

    [Fact]
    public async Task A_batch_stops_at_its_weight()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sizes = new List<int>();
        await using var commit = new GroupCommit<int, int>(async requests =>
        {
            lock (sizes)
                sizes.Add(requests.Count);
            if (requests[0] == 0)
            {
                started.TrySetResult();
                await gate.Task;
            }
            return requests.ToList();
        }, _ => 2, maxWeight: 6);

        var blocker = commit.SubmitAsync(0);
        await started.Task;
        var rest = Enumerable.Range(1, 7).Select(commit.SubmitAsync).ToList();
        gate.SetResult();
        await blocker;
        await Task.WhenAll(rest);

        Assert.Equal([1, 3, 3, 1], sizes);
    }
}
