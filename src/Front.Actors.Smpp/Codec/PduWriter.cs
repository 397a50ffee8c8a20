using System.Buffers.Binary;

namespace Front.Actors.Smpp.Codec;

/// <summary>A forward-only writer into a buffer sized exactly for the PDU being encoded.</summary>
internal ref struct PduWriter(Span<byte> buffer)
{
    private readonly Span<byte> _buffer = buffer;
    private int _position;

    public readonly int Position => _position;

    public void WriteByte(byte value) => _buffer[_position++] = value;

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], value);
        _position += 2;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[_position..], value);
        _position += 4;
    }

    public void WriteOctets(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_buffer[_position..]);
        _position += value.Length;
    }

    public void WriteCString(string value)
    {
        _position += CString.Encode(value, _buffer[_position..]);
        _buffer[_position++] = 0;
    }
}
