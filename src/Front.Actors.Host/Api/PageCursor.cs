using System.Text;

namespace Front.Actors.Host.Api;

/// <summary>
/// A list's page cursor: the sort key of the last row of a page (a contact's number, a group's name), opaque to clients
/// (base64url) so they pass it back rather than build one.
/// </summary>
public static class PageCursor
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1_000;

    public static string Write(string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string? TryRead(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=')));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Checks <c>after</c> and <c>limit</c>; the decoded key and the page size, or the problem.</summary>
    public static (string? After, int Limit, IResult? Problem) Read(string? after, int? limit)
    {
        var errors = new ApiErrors();
        if (limit is < 1 or > MaxLimit)
            errors.Add("limit", $"must be between 1 and {MaxLimit}");
        string? key = null;
        if (after is not null && (key = TryRead(after)) is null)
            errors.Add("after", "not a cursor this endpoint gave");
        return (key, limit ?? DefaultLimit, errors.Any ? errors.Problem() : null);
    }

    /// <summary>The page to answer (a page was read one row longer than asked) and the cursor of the next, or null at the end.</summary>
    public static (IReadOnlyList<T> Items, string? Next) Cut<T>(IReadOnlyList<T> rows, int limit, Func<T, string> key) =>
        rows.Count > limit ? (rows.Take(limit).ToList(), Write(key(rows[limit - 1]))) : (rows, null);
}
