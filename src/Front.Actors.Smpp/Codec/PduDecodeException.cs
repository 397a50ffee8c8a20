using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Smpp.Codec;

/// <summary>
/// A PDU that could not be read. <see cref="Status"/> is the command_status the peer should be
/// answered with, e.g. ESME_RINVCMDLEN for a truncated body or ESME_RINVSRCADR for an over-long source_addr.
/// </summary>
public sealed class PduDecodeException(CommandStatus status, string message) : Exception(message)
{
    public CommandStatus Status { get; } = status;
}
