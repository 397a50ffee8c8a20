using Front.Actors.Domain.Identity;
using Front.Actors.Host.Identity;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Host.Api;

/// <summary>
/// An account's opt-outs (the contacts who said STOPP to it, on which number, with which word and when), read by the
/// account or a moderator: a page at a time as JSON, or all of them as CSV (<c>?format=csv</c> or <c>/opt-outs.csv</c>).
/// </summary>
public static class OptOutsEndpoints
{
    private const int MaxPage = 1_000;

    public static IEndpointRouteBuilder MapOptOuts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/accounts/{id}/opt-outs", ListAsync).RequireRoles(Role.Admin, Role.Marketer, Role.Moderator);
        app.MapGet("/api/v1/accounts/{id}/opt-outs.csv", (string id, HttpContext http, ClaimsPrincipal user, AccountStore accounts, ConversationStore store, CancellationToken ct) =>
            ExportAsync(id, http, user, accounts, store, ct)).RequireRoles(Role.Admin, Role.Marketer, Role.Moderator);
        return app;
    }

    private static async Task<IResult> ListAsync(string id, string? after, int? limit, string? format, HttpContext http, ClaimsPrincipal user,
        AccountStore accounts, ConversationStore store, CancellationToken ct)
    {
        if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
            return await ExportAsync(id, http, user, accounts, store, ct);
        if (format is not null && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
            return ApiProblems.Field(400, "format", "must be json or csv");
        if (limit is < 1 or > MaxPage)
            return ApiProblems.Field(400, "limit", $"must be between 1 and {MaxPage}");
        (string, string)? cursor = null;
        if (after is not null)
        {
            if (Decode(after) is not { } decoded)
                return ApiProblems.Field(400, "after", "not a cursor this endpoint gave");
            cursor = decoded;
        }
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        var size = limit ?? 100;
        var page = await store.OptOutsAsync(id, cursor, size, ct);
        return Results.Ok(new
        {
            items = page.Select(o => new { contact = o.Contact, ourNumber = o.OurNumber, word = o.Word, at = o.At }),
            next = page.Count == size ? Encode(page[^1].Contact, page[^1].OurNumber) : null,
        });
    }

    /// <summary>Every opt-out of the account as CSV, read from the database a page at a time as it is written out.</summary>
    private static async Task<IResult> ExportAsync(string id, HttpContext http, ClaimsPrincipal user, AccountStore accounts, ConversationStore store, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        return Results.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(false));
            await writer.WriteAsync("contact,our_number,word,opted_out_at\r\n");
            (string, string)? cursor = null;
            while (true)
            {
                var page = await store.OptOutsAsync(id, cursor, MaxPage, ct);
                foreach (var o in page)
                    await writer.WriteAsync($"{Csv(o.Contact)},{Csv(o.OurNumber)},{Csv(o.Word)},{o.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)}\r\n");
                if (page.Count < MaxPage)
                    break;
                cursor = (page[^1].Contact, page[^1].OurNumber);
            }
        }, "text/csv; charset=utf-8", $"opt-outs-{id}.csv");
    }

    /// <summary>A CSV field, quoted when it must be; a leading =, +, - or @ (other than a plain number such as +4791234567) is prefixed so a spreadsheet does not run it as a formula.</summary>
    private static string Csv(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !value.Skip(1).All(char.IsAsciiDigit))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    private static string Encode(string contact, string ourNumber) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{contact}\n{ourNumber}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (string, string)? Decode(string cursor)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('\n');
            return parts.Length == 2 ? (parts[0], parts[1]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
