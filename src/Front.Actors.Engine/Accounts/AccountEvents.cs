namespace Front.Actors.Engine.Accounts;

/// <summary>What the account entity journals.</summary>
public static class AccountEvents
{
    public interface IAccountEvent : Serialization.IPersisted;

    /// <summary>Messages were admitted in <paramref name="Month"/> (yyyy-MM, UTC).</summary>
    public sealed record MessagesAdmitted(int Messages, int Segments, string Month) : IAccountEvent;
}
