using System.Runtime.ExceptionServices;
using Akka.Actor;

namespace Front.Actors.Engine.Persistence;

/// <summary>
/// Asks an entity, as Akka's ask does, except that the temporary actor lets go of the answer once it has it. An event an
/// entity journals remembers its sender, and Akka.Persistence hands the events to the journal in a list the entity
/// allocated at its previous write: for a chat thread that waits seconds between messages the list is old by then, and
/// it keeps the events, and through them their sender, until a gen-1 collection. With Akka's ask the sender held its
/// promise, the task, the answer and the answer's events, so every gen-0 collection promoted all of them (about a
/// seventh of what it promoted at 1,000 inbound messages a second). Here only the small temporary actor is held.
/// </summary>
public static class EntityAsk
{
    /// <summary>Sends <paramref name="message"/> and waits for the answer; <see cref="AskTimeoutException"/> after <paramref name="timeout"/>.</summary>
    public static async Task<T> AskEntityAsync<T>(this IActorRef entity, object message, TimeSpan timeout, CancellationToken ct = default)
    {
        var provider = entity is IInternalActorRef local ? local.Provider : throw new ArgumentException("not an actor of this system", nameof(entity));
        var answer = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        var replyTo = new ReplyTo(provider, answer);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        await using var expiry = deadline.Token.Register(() =>
        {
            if (ct.IsCancellationRequested)
                answer.TrySetCanceled(ct);
            else
                answer.TrySetException(new AskTimeoutException($"no answer from {entity.Path} within {timeout.TotalSeconds:0.#} s"));
        });
        try
        {
            entity.Tell(message, replyTo);
            return await answer.Task switch
            {
                T reply => reply,
                Status.Failure failure => Rethrow<T>(failure.Cause),
                var other => throw new InvalidCastException($"{entity.Path} answered {other.GetType().Name}, not {typeof(T).Name}"),
            };
        }
        finally
        {
            replyTo.Release();
        }
    }

    private static T Rethrow<T>(Exception cause)
    {
        ExceptionDispatchInfo.Capture(cause).Throw();
        return default!;
    }

    /// <summary>
    /// The temporary actor: takes the first answer and then forgets the promise. Its path is made, and registered so that an
    /// answer from another node finds it, only when something asks for it (sending it to another node does); a local ask
    /// never needs one, as with Akka's own.
    /// </summary>
    private sealed class ReplyTo(IActorRefProvider provider, TaskCompletionSource<object> answer) : MinimalActorRef
    {
        private TaskCompletionSource<object>? _answer = answer;
        private ActorPath? _path;
        private volatile bool _released;

        public override ActorPath Path
        {
            get
            {
                if (Volatile.Read(ref _path) is { } path)
                    return path;
                var made = Provider.TempPath();
                if (Interlocked.CompareExchange(ref _path, made, null) is { } other)
                    return other;
                Provider.RegisterTempActor(this, made);
                if (_released)
                    Provider.UnregisterTempActor(made);
                return made;
            }
        }

        public override IActorRefProvider Provider { get; } = provider;

        protected override void TellInternal(object message, IActorRef sender)
        {
            if (Interlocked.Exchange(ref _answer, null) is { } promise)
                promise.TrySetResult(message);
            else
                Provider.DeadLetters.Tell(message, sender);
        }

        public void Release()
        {
            _answer = null;
            _released = true;
            if (Volatile.Read(ref _path) is { } path)
                Provider.UnregisterTempActor(path);
        }
    }
}
