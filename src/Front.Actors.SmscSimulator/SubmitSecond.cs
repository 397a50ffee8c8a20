namespace Front.Actors.SmscSimulator;

/// <summary>
/// What arrived in one whole second of the simulator's own monotonic clock (second 0 starts when the simulator
/// does): every submit_sm read, and how many of those were accepted or answered ESME_RTHROTTLED.
/// </summary>
public sealed record SubmitSecond(long Second, long Received, long Accepted, long Throttled);
