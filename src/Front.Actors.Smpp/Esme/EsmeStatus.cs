namespace Front.Actors.Smpp.Esme;

/// <summary>A session's state at one moment: the link, the window's fill, the queue and the totals.</summary>
public sealed record EsmeStatus(LinkState State, int InFlight, int Queued, EsmeCountersSnapshot Counters);
