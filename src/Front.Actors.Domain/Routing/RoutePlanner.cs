namespace Front.Actors.Domain.Routing;

/// <summary>
/// Chooses a bind: the recipient's own operator when one of its binds is available, else another
/// operator's (re-routing, recorded as roaming), in the order the binds are configured. Returns null
/// when no bind is available, so the message waits rather than fails.
/// </summary>
public static class RoutePlanner
{
    public static Route? Choose(Operator? home, IReadOnlyList<BindAvailability> binds, ISet<string>? exclude = null)
    {
        BindAvailability? fallback = null;
        foreach (var bind in binds)
        {
            if (!bind.Available || (exclude?.Contains(bind.Name) ?? false))
                continue;
            if (home is null || bind.Operator == home)
                return new Route(bind.Name, bind.Operator, home);
            fallback ??= bind;
        }
        return fallback is null ? null : new Route(fallback.Name, fallback.Operator, home);
    }
}
