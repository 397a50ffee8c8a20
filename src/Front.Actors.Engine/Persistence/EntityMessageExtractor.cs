using Akka.Cluster.Sharding;

namespace Front.Actors.Engine.Persistence;

/// <summary>Routes an entity type's commands by the id they carry, over a fixed number of shards.</summary>
/// <typeparam name="TWithId">The marker interface of the entity's commands.</typeparam>
public abstract class EntityMessageExtractor<TWithId>(Func<TWithId, string> idOf) : HashCodeMessageExtractor(ShardCount)
    where TWithId : class
{
    /// <summary>About ten times the largest expected node count. Never change it once data exists: it moves every entity.</summary>
    public const int ShardCount = 100;

    public sealed override string? EntityId(object message) => message is TWithId command ? idOf(command) : null;
}
