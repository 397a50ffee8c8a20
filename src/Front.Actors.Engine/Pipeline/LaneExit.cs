namespace Front.Actors.Engine.Pipeline;

/// <summary>
/// A rate a message's first part must still pass as it leaves for the operator (its account's, its sender's):
/// <see cref="Wait"/> says how long to wait (zero: go, and counted); <see cref="Answered"/> is told the operator's answer,
/// which the rate counts for a second more (see <see cref="PacedLanes"/>).
/// </summary>
public sealed record LaneExit(Func<PartSubmit, TimeSpan> Wait, Action<PartSubmit> Answered);
