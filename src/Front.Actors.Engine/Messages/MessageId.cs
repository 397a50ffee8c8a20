namespace Front.Actors.Engine.Messages;

/// <summary>Message ids are time-ordered (UUID v7) so that the table's primary key grows at its end.</summary>
public static class MessageId
{
    public static string New() => "msg_" + Guid.CreateVersion7().ToString("N");
}
