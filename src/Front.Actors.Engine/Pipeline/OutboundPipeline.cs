using System.Collections.Concurrent;
using System.Threading.Channels;
using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Front.Actors.Domain.Misuse;
using Front.Actors.Domain.Pricing;
using Front.Actors.Domain.Routing;
using Front.Actors.Domain.Text;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Storage;
using Front.Actors.Smpp.Esme;
using Front.Actors.Smpp.Protocol;
using Front.Actors.Smpp.Receipts;

namespace Front.Actors.Engine.Pipeline;

/// <summary>
/// Carries admitted messages to the operators and their outcomes back:
/// route and price → split into parts → per-bind throttle (per part) → SMPP submit with a window →
/// submitted/rejected/re-routed; receipts → delivered/undeliverable/expired. Every status change goes to
/// the <see cref="StatusWriter"/>, which stores changes in batches and then pushes them live.
/// Volume moves through streams with back-pressure; no actor mailbox carries the messages.
/// </summary>
public sealed class OutboundPipeline : IAsyncDisposable
{
    private static readonly TimeSpan ReceiptWait = TimeSpan.FromSeconds(10);

    private readonly ActorSystem _system;
    private readonly IMaterializer _materializer;
    private readonly MessageStore _store;
    private readonly StatusWriter _writer;
    private readonly PriceList _prices;
    private readonly ILoggingAdapter _log;
    private readonly List<OperatorBind> _binds = new();
    private readonly Channel<OutboundMessage> _incoming = Channel.CreateBounded<OutboundMessage>(new BoundedChannelOptions(50_000));
    private readonly PacedLanes _accountLanes;
    private readonly PacedLanes _senderLanes;
    private readonly Channel<MobileOriginated> _mobileOriginated = Channel.CreateBounded<MobileOriginated>(new BoundedChannelOptions(10_000));
    private readonly ReceiptCorrelator _correlator = new();
    private readonly ConcurrentDictionary<string, SubmitProgress> _submitting = new();
    private readonly ConcurrentDictionary<string, ReceiptProgress> _receipts = new();
    private readonly Lock _availabilityLock = new();
    private TaskCompletionSource _anyBindUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _reference;

    public OutboundPipeline(ActorSystem system, MessageStore store, StatusWriter writer, PriceList prices)
    {
        _system = system;
        _materializer = system.Materializer(namePrefix: "outbound");
        _store = store;
        _writer = writer;
        _prices = prices;
        _log = Logging.GetLogger(system, typeof(OutboundPipeline));
        // Account rate first, then the sender's (short number, virtual number) own rate, then the router.
        _senderLanes = new PacedLanes("sender", m => m.Sender.Value, defaultRate: null, m => _incoming.Writer.WriteAsync(m), OnWaiting);
        _accountLanes = new PacedLanes("account", m => m.AccountId, AccountLimits.Default.MessagesPerSecond, m => _senderLanes.EnqueueAsync(m, CancellationToken.None), OnWaiting);
    }

    public IReadOnlyList<OperatorBind> Binds => _binds;

    public bool AllBindsUp => _binds.Count > 0 && _binds.All(b => b.IsUp);

    /// <summary>Starts one ESME session and one submit stream per bind, the router, and the receipt streams.</summary>
    public void Start(IEnumerable<BindOptions> binds)
    {
        foreach (var options in binds)
        {
            var bind = new OperatorBind(options);
            bind.Client = EsmeClient.Start(_system, new EsmeSettings
            {
                Host = options.Host,
                Port = options.Port,
                SystemId = options.SystemId,
                Password = options.Password,
                SystemType = options.SystemType,
                WindowSize = options.WindowSize,
                // Receipts and inbound messages are answered once stored, so a crash makes the operator resend them.
                AcknowledgeWhenHandled = true,
            }, $"bind-{options.Name}", state => OnBindState(bind, state));
            _binds.Add(bind);
            RunSubmitStream(bind);
            RunInboundStream(bind);
        }

        ChannelSource.FromReader(_incoming.Reader)
            .SelectAsync(1, RouteAsync)
            .RunWith(Sink.Ignore<Done>(), _materializer);
    }

    /// <summary>Hands an accepted (and stored) message to the pipeline, through its account's and sender's paced lanes.</summary>
    public ValueTask EnqueueAsync(OutboundMessage message, CancellationToken ct = default) => _accountLanes.EnqueueAsync(message, ct);

    /// <summary>Sets an account's sending rate (messages per second); applies to what is still waiting too.</summary>
    public void SetAccountRate(string accountId, int messagesPerSecond) => _accountLanes.SetRate(accountId, messagesPerSecond);

    /// <summary>Sets a sender's own rate (a short or virtual number's throughput); null lifts it.</summary>
    public void SetSenderRate(string sender, int? messagesPerSecond) => _senderLanes.SetRate(sender, messagesPerSecond);

    /// <summary>Messages of the account still waiting for its rate.</summary>
    public int WaitingFor(string accountId) => _accountLanes.Waiting(accountId);

    private void OnWaiting(OutboundMessage message, string detail) =>
        _writer.Post(new StatusChange(message.Id, message.AccountId, MessageStatus.Queued, DateTimeOffset.UtcNow, detail));

    private void OnBindState(OperatorBind bind, LinkState state)
    {
        bind.SetState(state);
        lock (_availabilityLock)
        {
            if (state == LinkState.Bound)
                _anyBindUp.TrySetResult();
            else if (_anyBindUp.Task.IsCompleted && !_binds.Any(b => b.IsUp))
                _anyBindUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private Task WhenAnyBindUp()
    {
        lock (_availabilityLock)
            return _anyBindUp.Task;
    }

    // ---- routing ------------------------------------------------------------------------------

    /// <summary>Chooses a bind (waiting while none is up), prices the message, and queues its parts on that bind.</summary>
    private async Task<Done> RouteAsync(OutboundMessage message)
    {
        Route? route;
        while ((route = RoutePlanner.Choose(message.HomeOperator, _binds.Select(b => b.Availability).ToList(), message.ExcludedBinds.ToHashSet())) is null)
        {
            if (message.ExcludedBinds.Count > 0 && _binds.Count(b => b.IsUp) > 0)
                message = message with { ExcludedBinds = new HashSet<string>() }; // every bind failed once: try them all again
            else
                await WhenAnyBindUp();
        }

        var bind = _binds.First(b => b.Name == route.BindName);
        var price = _prices.PriceOf(route, message.Text.Segments);
        var detail = route.IsRoaming ? $"route {route.BindName} via {route.Via} (roaming from {route.Home}), roaming fee {price.RoamingOre} øre" : $"route {route.BindName}";
        if (message.ExcludedBinds.Count > 0)
            detail = $"re-routed after {string.Join(", ", message.ExcludedBinds)} gave it back; {detail}";
        _writer.Post(new StatusChange(message.Id, message.AccountId, MessageStatus.Queued, DateTimeOffset.UtcNow, detail, route.Via, route.BindName, price.TotalOre));

        var parts = SmsSplitter.Split(message.Text.Text, message.Text.Encoding, (ushort)Interlocked.Increment(ref _reference));
        _submitting[message.Id] = new SubmitProgress(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var pdu = new SubmitSm
            {
                SourceAddrTon = message.Sender.Ton,
                SourceAddrNpi = message.Sender.Npi,
                SourceAddr = message.Sender.SmppAddress,
                DestAddrTon = 1,
                DestAddrNpi = 1,
                DestinationAddr = message.Recipient.SmppAddress,
                EsmClass = parts.Count > 1 ? EsmClass.UdhIndicator : (byte)0,
                RegisteredDelivery = RegisteredDelivery.OnFinalOutcome,
                DataCoding = (Front.Actors.Smpp.Protocol.DataCoding)message.Text.Encoding,
                ShortMessage = parts[i],
            };
            await bind.Queue.Writer.WriteAsync(new PartSubmit(message, route, i + 1, parts.Count, new SubmitRequest($"{message.Id}#{i + 1}", pdu)));
        }
        return Done.Instance;
    }

    // ---- submitting ---------------------------------------------------------------------------

    private void RunSubmitStream(OperatorBind bind)
    {
        // Never more than the operator's maximum in any one second: a burst of 1/20 s on top of a steady
        // rate reduced by the same amount, so steady rate + burst stays at the maximum.
        var maximum = Math.Max(1, bind.Options.MaxMessagesPerSecond);
        var burst = Math.Max(1, maximum / 20);
        var rate = Math.Max(1, maximum - burst);
        var pending = new ConcurrentDictionary<SubmitRequest, PartSubmit>(ReferenceEqualityComparer.Instance);
        ChannelSource.FromReader(bind.Queue.Reader)
            // Operators count parts, so the rate is per part.
            .Throttle(rate, TimeSpan.FromSeconds(1), burst, ThrottleMode.Shaping)
            .Select(part =>
            {
                pending[part.Request] = part;
                return part.Request;
            })
            .Via(bind.Client.SubmitFlow())
            .RunForeach(result =>
            {
                if (pending.TryRemove(result.Request, out var part))
                    OnSubmitResult(bind, part, result);
            }, _materializer);
    }

    private void OnSubmitResult(OperatorBind bind, PartSubmit part, SubmitResult result)
    {
        var message = part.Message;
        switch (result)
        {
            case SubmitAccepted accepted:
            {
                var key = bind.Normalizer.KeyForSubmitResponse(accepted.MessageId);
                // Registered before anything else, so a receipt that overtakes the status write still finds its part.
                _correlator.Register(bind.Name, key, new PartRef(message.Id, message.AccountId, part.Part, part.Parts));
                var progress = _submitting.GetOrAdd(message.Id, _ => new SubmitProgress(part.Parts));
                var ids = progress.Accept(part.Part, accepted.MessageId);
                var mapping = new PartMapping(bind.Name, key, accepted.MessageId, part.Part);
                if (ids is not null)
                {
                    _submitting.TryRemove(message.Id, out _);
                    _writer.Post(new StatusChange(message.Id, message.AccountId, MessageStatus.Submitted, DateTimeOffset.UtcNow,
                        $"operator message id {string.Join(",", ids)}", part.Route.Via, bind.Name, Part: mapping));
                }
                else
                    _writer.PostPart(message.Id, mapping);
                break;
            }
            case SubmitRejected rejected:
                _submitting.TryRemove(message.Id, out _);
                _writer.Post(new StatusChange(message.Id, message.AccountId, MessageStatus.Rejected, DateTimeOffset.UtcNow,
                    $"operator refused part {part.Part}: {rejected.Status.ToSmppName()}"));
                break;
            case SubmitNotSent notSent when notSent.Reason is NotSentReason.InvalidPdu:
                _submitting.TryRemove(message.Id, out _);
                _writer.Post(new StatusChange(message.Id, message.AccountId, MessageStatus.Rejected, DateTimeOffset.UtcNow, $"not sendable: {notSent.Detail}"));
                break;
            case SubmitNotSent notSent:
                // The bind gave it back: route the message again, avoiding this bind.
                if (!_submitting.TryRemove(message.Id, out _))
                    break; // another part of it already triggered the re-route
                _log.Warning("Bind {0} handed back {1} ({2}); re-routing", bind.Name, message.Id, notSent.Reason);
                var excluded = new HashSet<string>(message.ExcludedBinds) { bind.Name };
                _ = _incoming.Writer.WriteAsync(message with { ExcludedBinds = excluded }).AsTask();
                break;
        }
    }

    // ---- receipts -----------------------------------------------------------------------------

    /// <summary>Receipts are matched here; mobile-originated messages are handed to the inbound side in arrival order.</summary>
    private void RunInboundStream(OperatorBind bind) =>
        bind.Client.Inbound
            .SelectAsyncUnordered(16, async m =>
            {
                if (m.IsReceipt)
                    return await OnReceiptAsync(bind, m);
                await _mobileOriginated.Writer.WriteAsync(new MobileOriginated(bind.Name, m.Pdu, m.Settle));
                return Done.Instance;
            })
            .RunWith(Sink.Ignore<Done>(), _materializer);

    /// <summary>Inbound messages (MO) from every bind, for the inbound pipeline; bounded, so a flood back-pressures the binds.</summary>
    public ChannelReader<MobileOriginated> MobileOriginatedMessages => _mobileOriginated.Reader;

    /// <summary>
    /// Matches a receipt to its message part. The operator is answered once the final status is stored (so a
    /// crash before that makes it deliver the receipt again); receipts that change nothing are answered at once.
    /// </summary>
    private async Task<Done> OnReceiptAsync(OperatorBind bind, InboundMessage inbound)
    {
        var receipt = inbound.Receipt!;
        var key = bind.Normalizer.KeyForReceipt(receipt);
        _correlator.TryFind(bind.Name, key, out var part);
        if (part is null && await _store.FindPartAsync(bind.Name, key) is { } stored)
        {
            var message = await _store.GetPartsInfoAsync(stored.MessageId);
            if (message.Status.IsFinal())
            {
                // Delivered again (the operator did not get our answer before a restart): already recorded.
                inbound.Settle(true);
                return Done.Instance;
            }
            part = new PartRef(stored.MessageId, message.AccountId, stored.Part, message.Segments);
        }
        part ??= await _correlator.FindAsync(bind.Name, key, ReceiptWait);
        if (part is null)
        {
            _log.Warning("Receipt {0} on {1} matches no message part", receipt.Id, bind.Name);
            inbound.Settle(true); // asking again would not make it match
            return Done.Instance;
        }

        var status = receipt.State switch
        {
            MessageState.Delivered => MessageStatus.Delivered,
            MessageState.Expired => MessageStatus.Expired,
            MessageState.Rejected => MessageStatus.Rejected,
            _ when !MessageStates.IsFinal(receipt.State) => (MessageStatus?)null,
            _ => MessageStatus.Undeliverable,
        };
        if (status is null)
        {
            inbound.Settle(true); // intermediate notification
            return Done.Instance;
        }

        var progress = _receipts.GetOrAdd(part.MessageId, _ => new ReceiptProgress(part.Parts));
        var outcome = progress.Record(part.Part, status.Value);
        if (outcome is { } final)
        {
            _receipts.TryRemove(part.MessageId, out _);
            // The receipt's own done date has minute precision; the change is dated when it reached us.
            var detail = receipt.Stat + (receipt.Error is { } err && err != "000" ? $" err:{err}" : "") + (receipt.DoneDate is { } done ? $" done {done:yyyy-MM-dd HH:mm}" : "");
            _writer.Post(new StatusChange(part.MessageId, part.AccountId, final, DateTimeOffset.UtcNow, detail), inbound.Settle);
        }
        else
            inbound.Settle(true); // one part of several: the message's outcome waits for the others
        return Done.Instance;
    }

    // ---- recovery -----------------------------------------------------------------------------

    /// <summary>Puts messages that were stored but not yet submitted (before a crash) back into the pipeline.</summary>
    /// <remarks>Each account's rate is set before its messages are queued, so a restart does not pace them at the default.</remarks>
    public async Task<int> ResumeUnsubmittedAsync(
        Func<MessageRecord, OutboundMessage?> rebuild, Func<string, CancellationToken, Task<int>> accountRate, CancellationToken ct = default)
    {
        var count = 0;
        var records = await _store.LoadUnsubmittedAsync(ct);
        foreach (var accountId in records.Select(r => r.AccountId).Distinct())
            SetAccountRate(accountId, await accountRate(accountId, ct));
        foreach (var record in records)
        {
            if (rebuild(record) is not { } message)
                continue;
            await EnqueueAsync(message, ct);
            count++;
        }
        return count;
    }

    public async ValueTask DisposeAsync()
    {
        _accountLanes.Complete();
        _senderLanes.Complete();
        _incoming.Writer.TryComplete();
        await Task.WhenAll(_binds.Select(b => b.Client.StopAsync()));
        _mobileOriginated.Writer.TryComplete();
    }

    /// <summary>Counts a message's parts as the operator accepts them; returns all operator ids once every part is in.</summary>
    private sealed class SubmitProgress(int parts)
    {
        private readonly string?[] _ids = new string?[parts];
        private int _accepted;

        public string[]? Accept(int part, string operatorId)
        {
            lock (_ids)
            {
                if (_ids[part - 1] is null)
                    _accepted++;
                _ids[part - 1] = operatorId;
                return _accepted == _ids.Length ? _ids.Select(id => id!).ToArray() : null;
            }
        }
    }

    /// <summary>Counts final receipts per part; the message's outcome is known when every part has one.</summary>
    private sealed class ReceiptProgress(int parts)
    {
        private readonly MessageStatus?[] _outcomes = new MessageStatus?[parts];

        public MessageStatus? Record(int part, MessageStatus status)
        {
            lock (_outcomes)
            {
                if (part < 1 || part > _outcomes.Length)
                    return status;
                _outcomes[part - 1] = status;
                if (_outcomes.Any(o => o is null))
                    return null;
                // Delivered only if every part was; otherwise the first failure speaks for the message.
                return _outcomes.FirstOrDefault(o => o != MessageStatus.Delivered) ?? MessageStatus.Delivered;
            }
        }
    }
}
