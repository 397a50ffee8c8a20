namespace Front.Actors.Domain.Routing;

/// <summary>
/// Where one message goes: the bind, the operator behind it, and whether that is not the recipient's own
/// operator (roaming, which costs a fee). <see cref="Home"/> is null for numbers outside Norway.
/// </summary>
public sealed record Route(string BindName, Operator Via, Operator? Home)
{
    public bool IsRoaming => Home is { } home && home != Via;
}
