namespace Front.Actors.Engine.Accounts;

/// <summary>
/// What the account decides about one send: messages admitted, an item held, both (a send split at the monthly
/// limit), or neither with the reason it is refused (<paramref name="TooMany"/>: too many items already held).
/// </summary>
public sealed record AdmitDecision(AccountEvents.MessagesAdmitted? Admitted, AccountEvents.ItemHeld? Held, string? TooMany)
{
    public IReadOnlyList<AccountEvents.IAccountEvent> Events =>
        new AccountEvents.IAccountEvent?[] { Admitted, Held }.OfType<AccountEvents.IAccountEvent>().ToList();
}
