namespace Front.Actors.Domain.Numbers;

/// <summary>
/// One of the provider's numbers as the engine keys it: a 4–5 digit short number as it is, a virtual
/// (mobile) number in E.164. The same key whether it comes from the API or from an operator's deliver_sm.
/// </summary>
public static class OurNumber
{
    public static bool TryParse(string? raw, out string number, out string reason)
    {
        number = "";
        if (!Sender.TryParse(raw, out var sender, out var why) || sender.Kind == SenderKind.Alphanumeric)
        {
            reason = why ?? "must be a 4–5 digit short number or a mobile number";
            return false;
        }
        number = sender.Value;
        reason = "";
        return true;
    }

    /// <summary>An SMPP destination address: international (TON 1) numbers come without their '+'.</summary>
    public static bool TryParseSmppAddress(string address, byte ton, out string number) =>
        TryParse(ton == 1 && address.Length > 5 && !address.StartsWith('+') ? "+" + address : address, out number, out _);
}
