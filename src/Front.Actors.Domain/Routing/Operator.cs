namespace Front.Actors.Domain.Routing;

/// <summary>The Norwegian mobile operators Front.Actors has binds to.</summary>
public enum Operator
{
    Telenor,
    Telia,
    Ice,
}
