namespace Front.Actors.Engine.Accounts;

/// <summary>The account's state: this month's volume. Pure: commands become events, events become state.</summary>
public sealed record AccountState(string Month, long MonthMessages, long MonthSegments) : Serialization.IPersisted
{
    public static readonly AccountState Empty = new("", 0, 0);

    public AccountEvents.MessagesAdmitted Admit(AccountCommands.Admit command, DateTimeOffset now) =>
        new(command.Messages, command.Segments, now.UtcDateTime.ToString("yyyy-MM"));

    public AccountState Apply(AccountEvents.IAccountEvent @event) => @event switch
    {
        AccountEvents.MessagesAdmitted admitted when admitted.Month == Month =>
            this with { MonthMessages = MonthMessages + admitted.Messages, MonthSegments = MonthSegments + admitted.Segments },
        AccountEvents.MessagesAdmitted admitted => new AccountState(admitted.Month, admitted.Messages, admitted.Segments),
        _ => this,
    };
}
