namespace Front.Actors.Engine;

/// <summary>What kind of refusal an entity gave, so the API chooses its status from the kind, never from the words.</summary>
public enum RefusalKind
{
    /// <summary>The request itself is wrong (400).</summary>
    Invalid,

    /// <summary>It clashes with what exists, e.g. a keyword taken by another account (409).</summary>
    Conflict,

    /// <summary>What it names does not exist for this caller (404).</summary>
    NotFound,

    /// <summary>It belongs to someone else (403).</summary>
    Forbidden,

    /// <summary>Too much of something is waiting, e.g. held items for review; try again later (429 with Retry-After).</summary>
    TooMany,
}
