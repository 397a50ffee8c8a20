namespace Front.Actors.Domain.Throttling;

/// <summary>
/// A limit of <see cref="PerSecond"/> submits in any one second as the operator counts them, on its own clock. The operator
/// reads a submit at some moment between our sending it and its answer; a clock we do not share, a stalled reader or a
/// network that bunches packets can move that moment anywhere in between. So each submit is counted from when it leaves
/// until a second after its answer: any one second of the operator's reading then holds only submits counted together
/// at the last one's leaving, which this limit keeps to <see cref="PerSecond"/>. With quick answers this costs nothing
/// (a submit is counted a second and its round trip); a slow operator is sent less, which is what it asks for.
/// A submit never answered (its link gone) stops counting after <see cref="Forgotten"/>. Time is passed in; not
/// thread-safe: one owner.
/// </summary>
public sealed class OperatorSecondLimit(int perSecond)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    /// <summary>How long an unanswered submit counts at most: longer than any answer timeout of a live link.</summary>
    public static readonly TimeSpan Forgotten = TimeSpan.FromMinutes(2);

    private readonly Queue<TimeSpan> _unanswered = new(); // when each unanswered submit left, oldest first
    private readonly Queue<TimeSpan> _answered = new(); // when each answer came, within the last second, oldest first

    public int PerSecond { get; private set; } = perSecond >= 1 ? perSecond : throw new ArgumentOutOfRangeException(nameof(perSecond), perSecond, "at least 1");

    /// <summary>Submits counted now: unanswered, or answered within the last second.</summary>
    public int Counted(TimeSpan now)
    {
        Expire(now);
        return _unanswered.Count + _answered.Count;
    }

    public void SetLimit(int perSecond) =>
        PerSecond = perSecond >= 1 ? perSecond : throw new ArgumentOutOfRangeException(nameof(perSecond), perSecond, "at least 1");

    /// <summary>
    /// Whether a submit may leave now (counting nothing); if not, how long until one may: until the oldest answer is a
    /// second old, or, when every counted submit is still unanswered, a short look again (an answer may come any time).
    /// </summary>
    public bool MayLeave(TimeSpan now, TimeSpan retry, out TimeSpan wait)
    {
        if (Counted(now) < PerSecond)
        {
            wait = TimeSpan.Zero;
            return true;
        }
        wait = _answered.Count > 0 ? _answered.Peek() + Second - now : retry;
        if (wait <= TimeSpan.Zero)
            wait = TimeSpan.FromTicks(1);
        return false;
    }

    /// <summary>Counts a submit that leaves now, if <see cref="MayLeave"/> says it may.</summary>
    public bool TryLeave(TimeSpan now, TimeSpan retry, out TimeSpan wait)
    {
        if (!MayLeave(now, retry, out wait))
            return false;
        Leave(now);
        return true;
    }

    /// <summary>Counts a submit that leaves now; for a caller that asked <see cref="MayLeave"/> at this same moment.</summary>
    public void Leave(TimeSpan now) => _unanswered.Enqueue(now);

    /// <summary>A submit that left was answered now (whatever the answer): it counts for one more second.</summary>
    public void Answered(TimeSpan now)
    {
        // Which one was answered does not matter for the count; the oldest is taken, so what is left is the youngest.
        if (_unanswered.Count == 0)
            return; // forgotten already
        _unanswered.Dequeue();
        _answered.Enqueue(now);
    }

    private void Expire(TimeSpan now)
    {
        while (_answered.Count > 0 && now - _answered.Peek() >= Second)
            _answered.Dequeue();
        while (_unanswered.Count > 0 && now - _unanswered.Peek() >= Forgotten)
            _unanswered.Dequeue();
    }
}
