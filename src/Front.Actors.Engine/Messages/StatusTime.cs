namespace Front.Actors.Engine.Messages;

/// <summary>
/// Times of status steps, cut to whole microseconds: the finest PostgreSQL stores (Npgsql truncates), so the time a
/// client is pushed is the time the API reads back, on every database.
/// </summary>
public static class StatusTime
{
    public static DateTimeOffset Now() => Stored(DateTimeOffset.UtcNow);

    public static DateTimeOffset Stored(DateTimeOffset at) => new(at.Ticks - at.Ticks % 10, at.Offset);
}
