using Akka.Actor;
using Akka.Hosting;
using Front.Actors.Domain.Campaigns;
using Front.Actors.Domain.Misuse;
using Front.Actors.Domain.Numbers;
using Front.Actors.Domain.Pricing;
using Front.Actors.Domain.Routing;
using Front.Actors.Domain.Templates;
using Front.Actors.Domain.Text;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Moderation;
using Front.Actors.Engine.Senders;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Campaigns;

/// <summary>
/// What the API (and later the web pages) do with campaigns: check a new one and estimate it, then ask its entity; bring
/// the facts the entity cannot know (misuse rules, maker/checker) to a start. Refusals are <see cref="SendRefusedException"/>
/// with every bad field named.
/// </summary>
public sealed class CampaignService(
    IRequiredActor<CampaignRegion> campaigns, CampaignStore store, ContactGroupStore groups, ContactStore contacts, TemplateStore templates,
    ConversationStore conversations, ModerationService moderation, OperatorDirectory operators, SenderCheck senderCheck, MessageIntake intake, NumberStore numbers)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);
    public const int MaxTestNumbers = 10;

    /// <summary>The most numbers one campaign's own list may hold (the estimate holds them in memory).</summary>
    public const int MaxListNumbers = 100_000;

    /// <summary>Checks and estimates a campaign, then creates it as a draft; answers its id and estimate.</summary>
    public async Task<(string Id, CampaignEstimate Estimate)> CreateAsync(string accountId, CampaignRequest request, string by, DateTimeOffset now, CancellationToken ct = default)
    {
        var errors = new SendErrors();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name))
            errors.Add("name", "a campaign needs a name");
        else if (name.Length > 100)
            errors.Add("name", "at most 100 characters");
        Sender? sender = null;
        if (!Sender.TryParse(request.From, out sender, out var senderReason))
            errors.Add("from", senderReason);
        var text = request.Text;
        var textField = "text";
        if (text is not null && request.TemplateId is not null)
            errors.Add("text", "give text or templateId, not both");
        else if (request.TemplateId is { } templateId)
        {
            textField = "templateId";
            if (await templates.GetAsync(accountId, templateId, ct) is { } template)
                text = template.Text;
            else
                errors.Add("templateId", $"no template '{templateId}' in this account");
        }
        else if (string.IsNullOrWhiteSpace(text))
            errors.Add("text", "give the text or a templateId");
        MergeTemplate? merge = null;
        if (text is not null && !MergeTemplate.TryParse(text, out merge, out var mergeReason))
            errors.Add(textField, mergeReason);
        if (merge is not null && merge.UnknownFields(await contacts.FieldNamesAsync(accountId, ct)) is { Count: > 0 } unknown)
            errors.Add(textField, $"unknown merge field{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"{{{u}}}"))}: neither a standard field (number, name, firstName, lastName) nor a field any contact of the account has");
        var groupIds = (request.Groups ?? []).Where(g => !string.IsNullOrWhiteSpace(g)).Distinct().ToList();
        // The list as given, blank lines left out; invalid numbers, repeats and opt-outs are counted by the snapshot.
        var list = (request.Numbers ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToList();
        if (list.Count > MaxListNumbers)
            errors.Add("numbers", $"at most {MaxListNumbers} numbers in a campaign's list ({list.Count} given)");
        else if (list.Any(n => n.Length > 32))
            errors.Add("numbers", "a number has at most 32 characters");
        if (groupIds.Count == 0 && list.Count == 0)
            errors.Add("groups", request.Numbers is null ? "at least one group" : "at least one group or a number in the list");
        else if (groupIds.Count > 0 && await groups.MissingAsync(accountId, groupIds, ct) is { Count: > 0 } missing)
            errors.Add("groups", $"no such group: {string.Join(", ", missing)}");
        string? footer = null;
        if (request.OptOutFooter && (footer = await numbers.OptOutFooterAsync(accountId, ct)) is null)
            errors.Add("optOutFooter", "the account has no keyword on a shared number and no number of its own for STOPP to reach");
        var limits = (await moderation.UsageAsync(accountId, ct)).Limits;
        if (request.MessagesPerSecond is not { } rate)
            errors.Add("messagesPerSecond", "required: how many messages a second the campaign sends");
        else if (rate < 1)
            errors.Add("messagesPerSecond", "at least 1");
        else if (rate > limits.MessagesPerSecond)
            errors.Add("messagesPerSecond", $"{rate} is above the account's limit of {limits.MessagesPerSecond} messages a second");
        DateTimeOffset? startAt = null;
        if (!StartTime.TryParse(request.StartAt, out startAt))
            errors.Add("startAt", "must be an ISO 8601 time (without an offset it is Europe/Oslo time)");
        else if (StartTime.Refusal(startAt, now) is { } startReason)
            errors.Add("startAt", startReason);
        if (request.Window is { } w && !SendingWindow.TryCreate(w.From, w.To, w.Days, out _, out var windowProblems))
            foreach (var (field, reason) in windowProblems)
                errors.Add(field, reason);
        errors.ThrowIfAny();
        if (sender is not null)
            await senderCheck.CheckAsync(accountId, sender, ct); // refuses another's number or a protected name, naming "from"

        var estimate = await EstimateAsync(accountId, groupIds, list, merge!, footer, ct);
        if (estimate.Recipients == 0)
            throw groupIds.Count > 0 || list.Count == 0
                ? new SendRefusedException("groups", $"the audience is empty: the groups{(list.Count > 0 ? " and the list" : "")} have no contact that may be texted (none, or all opted out or invalid)")
                : new SendRefusedException("numbers", "the audience is empty: no number in the list may be texted (all opted out or invalid)");
        var id = "cmp_" + Guid.CreateVersion7().ToString("N");
        var settings = await store.SettingsAsync(accountId, ct);
        var definition = new CampaignDefinition(accountId, name!, sender!.Value, text!, request.TemplateId, groupIds, request.MessagesPerSecond!.Value, startAt,
            request.Window, settings.FrequencyMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null, footer, list.Count);
        // The list goes to its table before the entity exists (the journal keeps only its size): a campaign is never without
        // its list. Should the create fail, the rows go again unless the entity says it was made after all (a late answer).
        await store.SaveListAsync(accountId, id, list, now, ct);
        try
        {
            await AskAsync(new CampaignCommands.Create(id, definition, by), ct);
        }
        catch when (list.Count > 0)
        {
            await ForgetListUnlessCreatedAsync(id);
            throw;
        }
        if (request.TemplateId is { } used)
            await templates.MarkUsedAsync(accountId, used, ct);
        return (id, estimate);
    }

    /// <summary>
    /// After a failed create: deletes the list saved for it when its entity confirms there is no such campaign. When even
    /// that cannot be learnt the rows stay, under an id no one was given, with their account and time for retention.
    /// </summary>
    private async Task ForgetListUnlessCreatedAsync(string id)
    {
        try
        {
            if (await FindAsync(id, CancellationToken.None) is null)
                await store.DeleteListAsync(id, CancellationToken.None);
        }
        catch (Exception e) when (e is AskTimeoutException or System.Data.Common.DbException or TaskCanceledException)
        {
        }
    }

    /// <summary>
    /// Recipients, segments (the opt-out footer included) and cost per operator route over the groups, read a page at a
    /// time, and the list (opted-out and invalid numbers left out; a list's number that is also a group's contact or
    /// repeated counts once). The list is held while the groups are read: it is at most <see cref="MaxListNumbers"/>.
    /// </summary>
    public async Task<CampaignEstimate> EstimateAsync(string accountId, IReadOnlyCollection<string> groupIds, IReadOnlyCollection<string> list, MergeTemplate merge,
        string? footer, CancellationToken ct = default)
    {
        // Most contacts render a text another already did (the same first name, or no merge fields): analysed once each.
        var segmentsOf = new Dictionary<string, int>(StringComparer.Ordinal);
        int Segments(string rendered)
        {
            if (segmentsOf.TryGetValue(rendered, out var known))
                return known;
            var segments = MessageText.Analyze(footer is null ? rendered : OptOutFooter.Append(rendered, footer)).Segments;
            if (segmentsOf.Count < 10_000)
                segmentsOf[rendered] = segments;
            return segments;
        }
        var estimator = new CampaignEstimator(PriceList.Default);
        var fromList = new Dictionary<string, MobileNumber>(StringComparer.Ordinal);
        foreach (var raw in list)
            if (MobileNumberParser.TryParse(raw, out var parsed, out _))
                fromList.TryAdd(parsed!.E164, parsed);
        string? after = null;
        while (groupIds.Count > 0)
        {
            var page = await contacts.AudiencePageAsync(accountId, groupIds, after, CampaignStore.PageSize, ct);
            if (page.Count == 0)
                break;
            after = page[^1].Id;
            var optedOut = await conversations.OptedOutAsync(accountId, page.Select(c => c.Number).ToList(), ct);
            foreach (var contact in page)
            {
                fromList.Remove(contact.Number); // counted (or left out) as the group's contact
                if (optedOut.Contains(contact.Number) || !MobileNumberParser.TryParse(contact.Number, out var number, out _))
                    continue;
                var text = merge.Fields.Count == 0 ? merge.Render(MergeContact.Nobody)
                    : merge.Render(new MergeContact(contact.Number, contact.Name, contact.FirstName, contact.LastName, ContactStore.FieldsOf(contact)));
                estimator.Add(operators.HomeOperator(number), Segments(text));
            }
        }
        foreach (var chunk in fromList.Values.Chunk(CampaignStore.PageSize))
        {
            var optedOut = await conversations.OptedOutAsync(accountId, chunk.Select(n => n.E164).ToList(), ct);
            foreach (var number in chunk.Where(n => !optedOut.Contains(n.E164)))
            {
                var text = merge.Render(merge.Fields.Count == 0 ? MergeContact.Nobody : new MergeContact(number.E164, null, null, null, new Dictionary<string, string>()));
                estimator.Add(operators.HomeOperator(number), Segments(text));
            }
        }
        return estimator.Result();
    }

    /// <summary>Starts it (or holds it, or waits for an admin): the misuse rules judge the campaign as one send.</summary>
    public async Task<CampaignReplies.Info> StartAsync(string accountId, string id, string by, bool byAdmin, CancellationToken ct = default)
    {
        var info = await GetAsync(accountId, id, ct);
        var definition = info.State.Definition!;
        var usage = await moderation.UsageAsync(accountId, ct);
        var list = definition.ListSize > 0 ? (await store.ListPageAsync(id, 0, definition.ListSize, ct)).Select(n => n.Number).ToList() : [];
        var estimate = MergeTemplate.TryParse(definition.Text, out var merge, out _)
            ? await EstimateAsync(accountId, definition.GroupIds, list, merge, definition.Footer, ct) : CampaignEstimate.Empty;
        var segments = estimate.Recipients == 0 ? 1 : (int)Math.Ceiling((double)estimate.Segments / estimate.Recipients);
        var hold = MisuseRules.Evaluate(definition.Text, (int)Math.Min(int.MaxValue, estimate.Recipients), segments, usage.MonthSegments, usage.Limits,
            usage.ApprovedDomains.ToHashSet(StringComparer.OrdinalIgnoreCase), usage.Suspended);
        var needsApproval = !byAdmin && (await store.SettingsAsync(accountId, ct)).RequireApproval;
        return await AskAsync(new CampaignCommands.Start(id, by, hold is null ? null : new CampaignHold(hold.Rule.ToWire(), hold.Details, estimate.Recipients), needsApproval), ct);
    }

    public async Task<CampaignReplies.Info> CommandAsync(string accountId, CampaignCommands.IWithCampaignId command, CancellationToken ct = default)
    {
        await GetAsync(accountId, command.CampaignId, ct); // another account's campaign is not found
        return await AskAsync(command, ct);
    }

    /// <summary>A moderator's decision on a held campaign (any account).</summary>
    public Task<CampaignReplies.Info> DecideHoldAsync(string id, bool approve, string moderator, string reason, CancellationToken ct = default) =>
        AskAsync(new CampaignCommands.DecideHold(id, approve, moderator, reason), ct);

    /// <summary>The campaign as its entity knows it, whatever its account; null when there is none.</summary>
    public async Task<CampaignState?> FindAsync(string id, CancellationToken ct = default)
    {
        var info = await AskAsync(new CampaignCommands.Get(id), ct);
        return info.State.Exists ? info.State : null;
    }

    public async Task<CampaignReplies.Info> GetAsync(string accountId, string id, CancellationToken ct = default)
    {
        var info = await AskAsync(new CampaignCommands.Get(id), ct);
        if (!info.State.Exists || info.State.Definition!.AccountId != accountId)
            throw new SendRefusedException("id", $"no campaign '{id}' in this account", RefusalKind.NotFound);
        return info;
    }

    /// <summary>Sends the campaign's text (defaults in its merge fields) to a few numbers; not part of the campaign's counts.</summary>
    public async Task<SendResult> TestAsync(string accountId, string id, IReadOnlyList<string>? numbers, CancellationToken ct = default)
    {
        var definition = (await GetAsync(accountId, id, ct)).State.Definition!;
        if (numbers is not { Count: > 0 })
            throw new SendRefusedException("numbers", "at least one number");
        if (numbers.Count > MaxTestNumbers)
            throw new SendRefusedException("numbers", $"at most {MaxTestNumbers} numbers for a test");
        var text = definition.Compose(MergeTemplate.TryParse(definition.Text, out var merge, out _) ? merge.Render(MergeContact.Nobody) : definition.Text);
        return await intake.SendAsync(new SendCommand(accountId, definition.From, numbers, text, null), MessageText.MaxSegments, ct);
    }

    private async Task<CampaignReplies.Info> AskAsync(CampaignCommands.IWithCampaignId command, CancellationToken ct) =>
        await campaigns.ActorRef.Ask<object>(command, AskTimeout, ct) switch
        {
            CampaignReplies.Info info => info,
            CampaignReplies.Refused refused => throw new SendRefusedException(refused.Field, refused.Reason, refused.Kind),
            var other => throw new InvalidOperationException($"unexpected answer from the campaign: {other}"),
        };
}
