using Front.Actors.Domain.Inbound;

namespace Front.Actors.Domain.SignUps;

/// <summary>
/// What a QR code for a keyword holds: a phone that scans it opens its SMS app with our number and the text filled in,
/// so the person only presses send.
/// </summary>
/// <remarks>
/// <c>SMSTO:&lt;number&gt;:&lt;text&gt;</c> rather than an <c>sms:</c> URI: the camera apps of both iOS (11 and newer) and
/// Android read SMSTO and fill in number and text, while <c>sms:</c> URIs disagree on how the body is written (iOS long
/// wanted <c>sms:2401&amp;body=…</c>, Android <c>sms:2401?body=…</c>), so one printed code would fail on half the phones.
/// SMSTO also needs no percent-encoding, which keeps the code small (fewer modules, easier to scan from a poster).
/// </remarks>
public static class SmsQrPayload
{
    /// <summary>One SMS of GSM text: a longer one makes a dense code and is not a keyword message any more.</summary>
    public const int MaxTextLength = 160;

    public static string For(string number, string text) => $"SMSTO:{number}:{text}";

    /// <summary>
    /// The text the code fills in for <paramref name="keyword"/> (upper case, as stored): the keyword alone when no text is
    /// asked for; the asked text as it is when it reaches the keyword's account (it starts with the keyword, "DEMO BLI MED",
    /// or is a stop/start request naming it, "STOPP DEMO"); otherwise the keyword is put in front ("BLI MED" → "DEMO BLI MED").
    /// </summary>
    public static bool TryText(string keyword, string? asked, out string text, out string reason)
    {
        text = keyword;
        reason = "";
        if (asked is null || asked.Trim().Length == 0)
            return true;
        var trimmed = asked.Trim();
        if (trimmed.Any(char.IsControl))
        {
            reason = "one line of text, without control characters";
            return false;
        }
        var words = InboundWords.Parse(trimmed);
        var reachesKeyword = words.First == keyword || OptOutWords.Default.Read(words, k => k == keyword).Keyword == keyword;
        text = reachesKeyword ? trimmed : $"{keyword} {trimmed}";
        if (text.Length > MaxTextLength)
        {
            reason = $"at most {MaxTextLength} characters with the keyword";
            return false;
        }
        return true;
    }
}
