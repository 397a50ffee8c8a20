using Front.Actors.Domain.Routing;
using Front.Actors.Smpp.Receipts;

namespace Front.Actors.Engine.Pipeline;

/// <summary>One operator bind from configuration (<c>Smpp:Binds</c>).</summary>
public sealed record BindOptions
{
    public string Name { get; init; } = "";
    public Operator Operator { get; init; }
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 2775;
    public string SystemId { get; init; } = "";
    public string Password { get; init; } = "";
    public string SystemType { get; init; } = "";
    public int WindowSize { get; init; } = 10;

    /// <summary>The operator's agreed maximum, in parts per second; the pipeline never sends faster.</summary>
    public int MaxMessagesPerSecond { get; init; } = 100;

    /// <summary>How this operator writes message ids in submit_sm_resp and in receipt text.</summary>
    public MessageIdFormat SubmitIdFormat { get; init; } = MessageIdFormat.AsIs;
    public MessageIdFormat ReceiptIdFormat { get; init; } = MessageIdFormat.AsIs;
}
