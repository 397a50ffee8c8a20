namespace Front.Actors.Smpp.Streams;

/// <summary>The byte stream can no longer be cut into PDUs (a command_length that cannot be true).</summary>
public sealed class SmppFramingException(string message) : Exception(message);
