using System.Diagnostics.CodeAnalysis;
using PhoneNumbers;

namespace Front.Actors.Domain.Numbers;

/// <summary>
/// Turns what a customer typed into a <see cref="MobileNumber"/>, or says why it cannot be sent to.
/// Norwegian numbers may come without +47 (8 digits); only numbers that libphonenumber knows as mobile
/// are accepted, so a landline or an impossible number is stopped before anything is charged.
/// </summary>
public static class MobileNumberParser
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static bool TryParse(string? input, [NotNullWhen(true)] out MobileNumber? number, [NotNullWhen(false)] out string? reason)
    {
        number = null;
        reason = null;
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            reason = "empty number";
            return false;
        }
        if (text.StartsWith("00", StringComparison.Ordinal))
            text = "+" + text[2..];

        PhoneNumber parsed;
        if (NorwegianE164(text) is { } stored)
            parsed = stored;
        else
        {
            try
            {
                parsed = Util.Parse(text, "NO");
            }
            catch (NumberParseException e)
            {
                reason = $"not a phone number ({e.ErrorType})";
                return false;
            }
        }
        if (!Util.IsValidNumber(parsed))
        {
            reason = "not a valid number";
            return false;
        }
        var type = Util.GetNumberType(parsed);
        if (type is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
        {
            reason = $"not a mobile number ({type.ToString().ToLowerInvariant().Replace('_', ' ')})";
            return false;
        }
        number = MobileNumber.Create(parsed.CountryCode, Util.GetNationalSignificantNumber(parsed));
        return true;
    }

    /// <summary>
    /// "+47" and eight digits, as numbers are stored, needs none of libphonenumber's parsing (its costly part: a
    /// million-contact audience spent seconds in it); validity and type are still its metadata's.
    /// </summary>
    private static PhoneNumber? NorwegianE164(string text)
    {
        if (text.Length != 11 || !text.StartsWith("+47", StringComparison.Ordinal))
            return null;
        ulong national = 0;
        for (var i = 3; i < text.Length; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
                return null;
            national = national * 10 + (ulong)digit;
        }
        return national < 10_000_000 ? null : new PhoneNumber.Builder().SetCountryCode(47).SetNationalNumber(national).Build();
    }

    public static MobileNumber Parse(string input) =>
        TryParse(input, out var number, out var reason) ? number : throw new FormatException($"'{input}': {reason}");
}
