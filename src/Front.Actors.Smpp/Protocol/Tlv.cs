namespace Front.Actors.Smpp.Protocol;

/// <summary>One optional parameter: a 2-octet tag, a 2-octet length and that many octets of value.</summary>
public readonly record struct Tlv(ushort Tag, ReadOnlyMemory<byte> Value)
{
    public static Tlv FromByte(ushort tag, byte value) => new(tag, new[] { value });

    public static Tlv FromUInt16(ushort tag, ushort value) => new(tag, new[] { (byte)(value >> 8), (byte)value });

    /// <summary>A C-octet string value, NUL included, as receipted_message_id is carried.</summary>
    public static Tlv FromCString(ushort tag, string value)
    {
        var bytes = new byte[value.Length + 1];
        Codec.CString.Encode(value, bytes);
        return new Tlv(tag, bytes);
    }

    public override string ToString() => $"TLV 0x{Tag:X4} ({Value.Length} octets)";
}
