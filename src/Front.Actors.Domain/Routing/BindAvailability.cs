namespace Front.Actors.Domain.Routing;

/// <summary>One operator bind as routing sees it: whose it is and whether it can take traffic now.</summary>
public sealed record BindAvailability(string Name, Operator Operator, bool Available);
