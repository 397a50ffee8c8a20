using Akka.IO;
using Front.Actors.Smpp.Codec;
using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Smpp.Streams;

/// <summary>
/// Cuts buffered bytes into PDU frames by command_length (4 octets, big-endian, counting itself) and decodes them;
/// the part both framing stages share. A command_length that cannot be true yields one failure marked
/// <see cref="DecodeFailure.LinkUnusable"/>; after it every later byte is discarded, since no frame boundary can be trusted.
/// </summary>
internal sealed class FrameCutter(int maxPduSize)
{
    private ByteString _buffer = ByteString.Empty;
    private bool _unusable;

    public void Append(ByteString chunk)
    {
        if (_unusable || chunk.IsEmpty)
            return;
        _buffer = _buffer.IsEmpty ? chunk : _buffer.Concat(chunk);
    }

    public bool TryNext(out DecodeResult result)
    {
        result = default;
        if (_unusable || _buffer.Count < 4)
            return false;
        var length = (uint)(_buffer[0] << 24 | _buffer[1] << 16 | _buffer[2] << 8 | _buffer[3]);
        if (length < Pdu.HeaderSize || length > maxPduSize)
        {
            _unusable = true;
            _buffer = ByteString.Empty;
            result = DecodeResult.Failed(new DecodeFailure(0, 0, CommandStatus.InvalidCommandLength,
                $"command_length {length} is outside {Pdu.HeaderSize}..{maxPduSize}", LinkUnusable: true));
            return true;
        }
        if (_buffer.Count < length)
            return false;
        var frame = _buffer.Slice(0, (int)length);
        _buffer = _buffer.Count == length ? ByteString.Empty : _buffer.Slice((int)length);
        result = PduCodec.Decode(frame.IsCompact ? frame.ToReadOnlySpan() : frame.ToArray());
        return true;
    }
}
