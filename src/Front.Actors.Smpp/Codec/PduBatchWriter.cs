using Akka.IO;
using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Smpp.Codec;

/// <summary>
/// Encodes PDUs back to back into one reused buffer, so everything a session answers to one read leaves in one
/// write: one copy into a <see cref="ByteString"/> per batch instead of an array and a ByteString per PDU.
/// Not thread-safe; one per session.
/// </summary>
public sealed class PduBatchWriter(int initialCapacity = 4096)
{
    private byte[] _buffer = new byte[Math.Max(initialCapacity, Pdu.HeaderSize)];
    private int _length;

    /// <summary>Octets encoded since the last <see cref="Take"/>.</summary>
    public int Length => _length;

    public bool IsEmpty => _length == 0;

    /// <summary>Appends one PDU; a PDU that cannot be encoded throws and leaves the batch as it was.</summary>
    public void Add(Pdu pdu)
    {
        var size = PduCodec.SizeOf(pdu);
        if (_buffer.Length - _length < size)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + size));
        PduCodec.Encode(pdu, _buffer.AsSpan(_length));
        _length += size;
    }

    /// <summary>The frames added so far as one ByteString; the batch starts empty again.</summary>
    public ByteString Take()
    {
        var frames = ByteString.CopyFrom(_buffer, 0, _length);
        _length = 0;
        return frames;
    }
}
