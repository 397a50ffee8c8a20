namespace Front.Actors.Engine.Inbound;

/// <summary>Inbound settings (section <c>Inbox</c>).</summary>
public sealed class InboundOptions
{
    /// <summary>Parts of a long inbound message wait this long for the rest; then what arrived is delivered, marked incomplete.</summary>
    public TimeSpan PartTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Processed parts stay in the part store this long, so that a deliver_sm the operator delivers again (our
    /// answer was lost) is recognised and not shown twice; then they are deleted (the thread keeps the message).
    /// </summary>
    public TimeSpan PartRetention { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Threads with no agent are given to the next available agent of the account, in turn.</summary>
    public bool RoundRobin { get; set; }

    /// <summary>Extra words that opt a contact out (STOPP, STOP and AVMELD always do) or back in (START always does).</summary>
    public string[] StopWords { get; set; } = [];

    public string[] StartWords { get; set; } = [];

    /// <summary>Rules per number, keyword or sub-keyword: each one can turn an inbound SMS into a send or a webhook call.</summary>
    public int MaxRules { get; set; } = 10;

    /// <summary>
    /// Inbound messages are handled in this many lanes; one contact's messages always share a lane, in order. A lane waits
    /// for each message's stores, so the lanes are what fills a group commit: with 8 the inbox benchmark saturated a
    /// 2-core host below 1,000 msg/s (1.5 ms CPU per message), with 64 it held 1,200/s at 1.1 ms.
    /// </summary>
    public int Lanes { get; set; } = 64;
}
