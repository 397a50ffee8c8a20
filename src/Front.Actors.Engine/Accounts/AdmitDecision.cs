namespace Front.Actors.Engine.Accounts;

/// <summary>
/// What the account decides about one send: messages admitted, an item held, both (a send split at the monthly
/// limit), or neither with the reason it is refused (<paramref name="TooMany"/>: too many items already held).
/// A send decided before (the same item id: a client's retry with the same clientRef, or two racing copies) gets
/// the first decision again and changes nothing: <paramref name="AlreadyHeld"/> or <paramref name="AlreadyAdmitted"/>.
/// </summary>
public sealed record AdmitDecision(
    AccountEvents.MessagesAdmitted? Admitted, AccountEvents.ItemHeld? Held, string? TooMany, HeldItem? AlreadyHeld = null, bool AlreadyAdmitted = false)
{
    public IReadOnlyList<AccountEvents.IAccountEvent> Events =>
        new AccountEvents.IAccountEvent?[] { Admitted, Held }.OfType<AccountEvents.IAccountEvent>().ToList();
}
