using System.Security.Claims;
using Front.Actors.Domain.Identity;
using Front.Actors.Domain.Templates;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Identity;

namespace Front.Actors.Host.Api;

/// <summary>
/// An account's message templates with merge fields (<c>Hei {firstName|kunde}!</c>), in the account's order; a template
/// a campaign has used is hidden rather than deleted. The preview renders a text for a sample contact and finds the
/// costliest rendering over an audience (groups), read a page at a time.
/// </summary>
public static class TemplatesEndpoints
{
    private const int MaxName = 100;
    private const int MaxText = 2_000;
    private const int AudiencePage = 1_000;

    public sealed record TemplateRequest(string? Name, string? Text, int? Position, bool? Hidden);

    public sealed record PreviewRequest(string? Text, string? TemplateId, string? ContactId, List<string>? GroupIds, bool? OptOutFooter);

    public static IEndpointRouteBuilder MapTemplates(this IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/api/v1/accounts/{id}/templates").RequireRoles(Role.Admin, Role.Marketer);
        templates.MapGet("", ListAsync);
        templates.MapPost("", CreateAsync).Audited("template.create");
        templates.MapPost("/preview", PreviewAsync);
        templates.MapGet("/{templateId}", GetAsync);
        templates.MapPut("/{templateId}", UpdateAsync).Audited("template.update");
        templates.MapDelete("/{templateId}", DeleteAsync).Audited("template.delete");
        return app;
    }

    private static async Task<IResult> ListAsync(string id, bool? includeHidden, ClaimsPrincipal user, AccountStore accounts, TemplateStore store, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        return Results.Ok(new { items = (await store.ListAsync(id, includeHidden ?? false, ct)).Select(View) });
    }

    private static async Task<IResult> GetAsync(string id, string templateId, ClaimsPrincipal user, AccountStore accounts, TemplateStore store, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        return await store.GetAsync(id, templateId, ct) is { } template ? Results.Ok(View(template)) : NotFound(templateId);
    }

    private static async Task<IResult> CreateAsync(string id, TemplateRequest? body, ClaimsPrincipal user, AccountStore accounts, TemplateStore store, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        var errors = Check(body, creating: true);
        if (errors.Any)
            return errors.Problem();
        var template = await store.CreateAsync(id, body!.Name!.Trim(), body.Text!, body.Position, body.Hidden ?? false, ct);
        return Results.Json(View(template), statusCode: 201);
    }

    private static async Task<IResult> UpdateAsync(string id, string templateId, TemplateRequest? body, ClaimsPrincipal user, AccountStore accounts, TemplateStore store,
        CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        var errors = Check(body, creating: false);
        if (errors.Any)
            return errors.Problem();
        var template = await store.UpdateAsync(id, templateId, body?.Name?.Trim(), body?.Text, body?.Position, body?.Hidden, ct);
        return template is null ? NotFound(templateId) : Results.Ok(View(template));
    }

    /// <summary>Deletes an unused template (204); a used one is hidden instead and answered as it now is (200).</summary>
    private static async Task<IResult> DeleteAsync(string id, string templateId, ClaimsPrincipal user, AccountStore accounts, TemplateStore store, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        return await store.RemoveAsync(id, templateId, ct) switch
        {
            TemplateRemoval.Deleted => Results.NoContent(),
            TemplateRemoval.Hidden => Results.Ok(View((await store.GetAsync(id, templateId, ct))!)),
            _ => NotFound(templateId),
        };
    }

    private static async Task<IResult> PreviewAsync(string id, PreviewRequest? body, ClaimsPrincipal user, AccountStore accounts, TemplateStore templates,
        ContactStore contacts, ContactGroupStore groups, NumberStore numbers, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        var errors = new ApiErrors();
        var text = body?.Text;
        if (text is not null && body!.TemplateId is not null)
            errors.Add("text", "give text or templateId, not both");
        else if (body?.TemplateId is { } templateId)
        {
            if (await templates.GetAsync(id, templateId, ct) is { } template)
                text = template.Text;
            else
                errors.Add("templateId", $"no template '{templateId}' in this account");
        }
        else if (text is null)
            errors.Add("text", "give the text or a templateId");
        var textField = body?.TemplateId is null ? "text" : "templateId";
        MergeTemplate? merge = null;
        if (text is not null && !MergeTemplate.TryParse(text, out merge, out var reason))
            errors.Add(textField, reason);
        if (merge is not null && merge.UnknownFields(await contacts.FieldNamesAsync(id, ct)) is { Count: > 0 } unknown)
            errors.Add(textField, $"unknown merge field{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"{{{u}}}"))}: neither a standard field (number, name, firstName, lastName) nor a field any contact of the account has");
        ContactRecord? sample = null;
        if (body?.ContactId is { } contactId && (sample = await contacts.GetAsync(id, contactId, ct)) is null)
            errors.Add("contactId", $"no contact '{contactId}' in this account");
        var groupIds = (body?.GroupIds ?? []).Distinct().ToList();
        if (await groups.MissingAsync(id, groupIds, ct) is { Count: > 0 } missing)
            errors.Add("groupIds", $"no such group: {string.Join(", ", missing)}");
        string? footer = null;
        if (body?.OptOutFooter == true && (footer = await numbers.OptOutFooterAsync(id, ct)) is null)
            errors.Add("optOutFooter", "the account has no keyword on a shared number and no number of its own for STOPP to reach");
        if (errors.Any)
            return errors.Problem();

        Rendering Render(ContactRecord? contact)
        {
            var rendered = merge!.Render(contact is null ? MergeContact.Nobody : ToMerge(contact));
            return Rendering.Of(footer is null ? rendered : OptOutFooter.Append(rendered, footer));
        }

        // The worst case over the audience, read a page at a time (an audience can be a million contacts).
        var audience = 0;
        (Rendering Rendering, ContactRecord? Contact)? worst = null;
        string? after = null;
        while (groupIds.Count > 0)
        {
            var page = await contacts.AudiencePageAsync(id, groupIds, after, AudiencePage, ct);
            foreach (var contact in page)
            {
                var rendering = Render(contact);
                if (worst is null || !ReferenceEquals(Rendering.Worst(worst.Value.Rendering, rendering), worst.Value.Rendering))
                    worst = (rendering, contact);
                sample ??= contact;
            }
            audience += page.Count;
            if (page.Count < AudiencePage)
                break;
            after = page[^1].Id;
        }
        var shown = Render(sample);
        worst ??= (shown, sample);
        return Results.Ok(new
        {
            sample = RenderingView(shown, sample),
            worstCase = RenderingView(worst.Value.Rendering, worst.Value.Contact),
            audience,
            fields = merge!.Fields.Select(f => f.ToString()).Distinct(),
            optOutFooter = footer,
        });
    }

    private static MergeContact ToMerge(ContactRecord c) => new(c.Number, c.Name, c.FirstName, c.LastName, ContactStore.FieldsOf(c));

    private static object RenderingView(Rendering r, ContactRecord? contact) => new
    {
        text = r.Text,
        encoding = r.Encoding,
        segments = r.Segments,
        characters = r.Text.Length,
        tooLong = r.TooLong,
        contactId = contact?.Id,
        number = contact?.Number,
    };

    private static ApiErrors Check(TemplateRequest? body, bool creating)
    {
        var errors = new ApiErrors();
        if (creating || body?.Name is not null)
        {
            if (string.IsNullOrWhiteSpace(body?.Name))
                errors.Add("name", "a template needs a name");
            else if (body.Name.Trim().Length > MaxName)
                errors.Add("name", $"must be at most {MaxName} characters");
        }
        if (creating || body?.Text is not null)
        {
            if (body?.Text is { Length: > MaxText })
                errors.Add("text", $"must be at most {MaxText} characters");
            else if (!MergeTemplate.TryParse(body?.Text, out _, out var reason))
                errors.Add("text", reason);
        }
        if (body?.Position is < 0)
            errors.Add("position", "must be 0 or more");
        return errors;
    }

    private static IResult NotFound(string templateId) => ApiProblems.Field(404, "templateId", $"no template '{templateId}' in this account");

    private static object View(TemplateRecord t) => new
    {
        id = t.Id,
        name = t.Name,
        text = t.Text,
        position = t.Position,
        hidden = t.Hidden,
        used = t.UsedAt is not null,
        fields = MergeTemplate.TryParse(t.Text, out var merge, out _) ? merge.Fields.Select(f => f.ToString()).Distinct() : [],
        createdAt = t.CreatedAt,
        updatedAt = t.UpdatedAt,
    };
}
