using System.Diagnostics.CodeAnalysis;

namespace Front.Actors.Domain.Numbers;

/// <summary>What a message is sent from: an alphanumeric name (no replies), a short number, or a mobile (virtual) number.</summary>
public sealed record Sender
{
    private Sender(SenderKind kind, string value)
    {
        Kind = kind;
        Value = value;
    }

    public SenderKind Kind { get; }

    /// <summary>The name, the short number's digits, or the number in E.164.</summary>
    public string Value { get; }

    /// <summary>SMPP source_addr_ton for this sender: 5 alphanumeric, 3 network-specific (short number), 1 international.</summary>
    public byte Ton => Kind switch
    {
        SenderKind.Alphanumeric => 5,
        SenderKind.ShortNumber => 3,
        _ => 1,
    };

    public byte Npi => Kind == SenderKind.Alphanumeric ? (byte)0 : (byte)1;

    public string SmppAddress => Kind == SenderKind.Number ? Value.TrimStart('+') : Value;

    /// <summary>
    /// A sender must be identifiable: 1–11 letters, digits, spaces or '-', '.', '&amp;' with at least one
    /// letter; or a 4–5 digit short number; or a valid mobile number.
    /// </summary>
    public static bool TryParse(string? input, [NotNullWhen(true)] out Sender? sender, [NotNullWhen(false)] out string? reason)
    {
        sender = null;
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            reason = "a sender is required";
            return false;
        }
        if (text.All(char.IsAsciiDigit) && text.Length is 4 or 5)
        {
            sender = new Sender(SenderKind.ShortNumber, text);
            reason = null;
            return true;
        }
        if (text.TrimStart('+').All(char.IsAsciiDigit))
        {
            if (MobileNumberParser.TryParse(text, out var number, out var numberReason))
            {
                sender = new Sender(SenderKind.Number, number.E164);
                reason = null;
                return true;
            }
            reason = $"a numeric sender must be a short number or a mobile number: {numberReason}";
            return false;
        }
        if (text.Length > 11)
        {
            reason = $"an alphanumeric sender is at most 11 characters, '{text}' has {text.Length}";
            return false;
        }
        if (!text.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '.' or '&'))
        {
            reason = "an alphanumeric sender may hold only A-Z, a-z, 0-9, space, '-', '.' and '&'";
            return false;
        }
        sender = new Sender(SenderKind.Alphanumeric, text);
        reason = null;
        return true;
    }
}

public enum SenderKind
{
    Alphanumeric,
    ShortNumber,
    Number,
}
