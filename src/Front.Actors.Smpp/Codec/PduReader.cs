using System.Buffers.Binary;
using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Smpp.Codec;

/// <summary>
/// A bounds-checked cursor over one PDU body. Every read that would run past the end throws
/// <see cref="PduDecodeException"/> with ESME_RINVCMDLEN, so a truncated body never reads garbage.
/// </summary>
internal ref struct PduReader(ReadOnlySpan<byte> buffer)
{
    private readonly ReadOnlySpan<byte> _buffer = buffer;
    private int _position;

    public readonly int Remaining => _buffer.Length - _position;

    public byte ReadByte()
    {
        Require(1, "octet");
        return _buffer[_position++];
    }

    public ushort ReadUInt16()
    {
        Require(2, "2-octet integer");
        var value = BinaryPrimitives.ReadUInt16BigEndian(_buffer[_position..]);
        _position += 2;
        return value;
    }

    public uint ReadUInt32()
    {
        Require(4, "4-octet integer");
        var value = BinaryPrimitives.ReadUInt32BigEndian(_buffer[_position..]);
        _position += 4;
        return value;
    }

    public ReadOnlySpan<byte> ReadOctets(int count)
    {
        Require(count, $"{count} octets");
        var slice = _buffer.Slice(_position, count);
        _position += count;
        return slice;
    }

    /// <summary>
    /// Reads a NUL-terminated C-octet string whose size, terminator included, may not exceed
    /// <paramref name="maxSize"/>; a longer one is answered with <paramref name="tooLongStatus"/>.
    /// </summary>
    public string ReadCString(int maxSize, CommandStatus tooLongStatus, string field)
    {
        var rest = _buffer[_position..];
        var nul = rest.IndexOf((byte)0);
        if (nul < 0)
        {
            // No terminator in the rest of the PDU: either the body is cut short or the field runs on.
            throw rest.Length >= maxSize
                ? new PduDecodeException(tooLongStatus, $"{field} is longer than {maxSize - 1} octets")
                : new PduDecodeException(CommandStatus.InvalidCommandLength, $"{field} is not terminated: body truncated");
        }
        if (nul + 1 > maxSize)
            throw new PduDecodeException(tooLongStatus, $"{field} is {nul} octets, at most {maxSize - 1} allowed");
        var value = CString.Decode(rest[..nul]);
        _position += nul + 1;
        return value;
    }

    private readonly void Require(int count, string what)
    {
        if (count < 0 || _buffer.Length - _position < count)
            throw new PduDecodeException(CommandStatus.InvalidCommandLength, $"body truncated: expected {what} at offset {_position}");
    }
}
