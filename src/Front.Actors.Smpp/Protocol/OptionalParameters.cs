using System.Collections;
using System.Collections.Immutable;
using Front.Actors.Smpp.Codec;

namespace Front.Actors.Smpp.Protocol;

/// <summary>
/// The TLVs at the end of a PDU, in wire order, with typed access to the ones Front.Actors uses.
/// Unknown tags are kept as they came, so a PDU re-encodes to the same octets.
/// </summary>
public sealed class OptionalParameters : IReadOnlyList<Tlv>
{
    public static readonly OptionalParameters Empty = new(ImmutableArray<Tlv>.Empty);

    private readonly ImmutableArray<Tlv> _items;

    private OptionalParameters(ImmutableArray<Tlv> items) => _items = items;

    public static OptionalParameters Of(params IEnumerable<Tlv> items)
    {
        var array = items.ToImmutableArray();
        return array.IsEmpty ? Empty : new OptionalParameters(array);
    }

    public int Count => _items.Length;
    public Tlv this[int index] => _items[index];

    public Tlv? Find(ushort tag)
    {
        foreach (var tlv in _items)
            if (tlv.Tag == tag)
                return tlv;
        return null;
    }

    /// <summary>Returns a copy with the TLV of that tag replaced, or appended when absent.</summary>
    public OptionalParameters With(Tlv tlv)
    {
        for (var i = 0; i < _items.Length; i++)
            if (_items[i].Tag == tlv.Tag)
                return new OptionalParameters(_items.SetItem(i, tlv));
        return new OptionalParameters(_items.Add(tlv));
    }

    public string? ReceiptedMessageId => Find(TlvTag.ReceiptedMessageId) is { } t ? ReadCString(t.Value.Span) : null;

    public Receipts.MessageState? MessageState => Find(TlvTag.MessageState) is { Value.Length: 1 } t ? (Receipts.MessageState)t.Value.Span[0] : null;

    public NetworkErrorCode? NetworkErrorCode => Find(TlvTag.NetworkErrorCode) is { Value.Length: 3 } t
        ? new NetworkErrorCode(t.Value.Span[0], (ushort)(t.Value.Span[1] << 8 | t.Value.Span[2]))
        : null;

    /// <summary>
    /// user_message_reference: on a mobile-originated deliver_sm, the reference the handset gave the message
    /// (TP-MR), which tells a message delivered again from a second one with the same text.
    /// </summary>
    public ushort? UserMessageReference => Find(TlvTag.UserMessageReference) is { Value.Length: 2 } t ? (ushort)(t.Value.Span[0] << 8 | t.Value.Span[1]) : null;

    public ushort? SarMsgRefNum => Find(TlvTag.SarMsgRefNum) is { Value.Length: 2 } t ? (ushort)(t.Value.Span[0] << 8 | t.Value.Span[1]) : null;

    public byte? SarTotalSegments => Find(TlvTag.SarTotalSegments) is { Value.Length: 1 } t ? t.Value.Span[0] : null;

    public byte? SarSegmentSeqnum => Find(TlvTag.SarSegmentSeqnum) is { Value.Length: 1 } t ? t.Value.Span[0] : null;

    public ReadOnlyMemory<byte>? MessagePayload => Find(TlvTag.MessagePayload)?.Value;

    public byte? ScInterfaceVersion => Find(TlvTag.ScInterfaceVersion) is { Value.Length: 1 } t ? t.Value.Span[0] : null;

    internal int EncodedSize
    {
        get
        {
            var size = 0;
            foreach (var tlv in _items)
                size += 4 + tlv.Value.Length;
            return size;
        }
    }

    internal void Write(ref PduWriter writer)
    {
        foreach (var tlv in _items)
        {
            writer.WriteUInt16(tlv.Tag);
            writer.WriteUInt16((ushort)tlv.Value.Length);
            writer.WriteOctets(tlv.Value.Span);
        }
    }

    /// <summary>Reads TLVs to the end of the body, checking the lengths of the tags we know.</summary>
    internal static OptionalParameters Read(ref PduReader reader)
    {
        if (reader.Remaining == 0)
            return Empty;
        var builder = ImmutableArray.CreateBuilder<Tlv>();
        while (reader.Remaining > 0)
        {
            if (reader.Remaining < 4)
                throw new PduDecodeException(CommandStatus.InvalidOptionalParameterStream, $"{reader.Remaining} stray octets after the last TLV");
            var tag = reader.ReadUInt16();
            var length = reader.ReadUInt16();
            if (length > reader.Remaining)
                throw new PduDecodeException(CommandStatus.InvalidOptionalParameterStream, $"TLV 0x{tag:X4} claims {length} octets, {reader.Remaining} left");
            var value = reader.ReadOctets(length).ToArray();
            CheckLength(tag, value);
            builder.Add(new Tlv(tag, value));
        }
        return new OptionalParameters(builder.ToImmutable());
    }

    private static void CheckLength(ushort tag, byte[] value)
    {
        var ok = tag switch
        {
            TlvTag.MessageState or TlvTag.SarTotalSegments or TlvTag.SarSegmentSeqnum or TlvTag.ScInterfaceVersion or TlvTag.PayloadType => value.Length == 1,
            TlvTag.SarMsgRefNum or TlvTag.UserMessageReference or TlvTag.SourcePort or TlvTag.DestinationPort => value.Length == 2,
            TlvTag.NetworkErrorCode => value.Length == 3,
            TlvTag.ReceiptedMessageId => value.Length is >= 1 and <= 65,
            _ => true,
        };
        if (!ok)
            throw new PduDecodeException(CommandStatus.InvalidParameterLength, $"TLV 0x{tag:X4} has an invalid length of {value.Length}");
    }

    private static string ReadCString(ReadOnlySpan<byte> value)
    {
        var nul = value.IndexOf((byte)0);
        return CString.Decode(nul >= 0 ? value[..nul] : value);
    }

    public IEnumerator<Tlv> GetEnumerator() => ((IEnumerable<Tlv>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
