using Front.Actors.Smpp.Codec;

namespace Front.Actors.Smpp.Protocol;

/// <summary>The body all three bind operations share (SMPP 3.4 section 4.1).</summary>
public abstract record BindRequest : RequestPdu
{
    public const byte SmppVersion34 = 0x34;

    public string SystemId { get; init; } = "";
    public string Password { get; init; } = "";
    public string SystemType { get; init; } = "";
    public byte InterfaceVersion { get; init; } = SmppVersion34;
    public byte AddrTon { get; init; }
    public byte AddrNpi { get; init; }
    public string AddressRange { get; init; } = "";

    internal override int BodySize =>
        CString.SizeOf(SystemId) + CString.SizeOf(Password) + CString.SizeOf(SystemType) + 3 + CString.SizeOf(AddressRange);

    internal override void WriteBody(ref PduWriter writer)
    {
        CString.EnsureFits(SystemId, 16, "system_id");
        CString.EnsureFits(Password, 9, "password");
        CString.EnsureFits(SystemType, 13, "system_type");
        CString.EnsureFits(AddressRange, 41, "address_range");
        writer.WriteCString(SystemId);
        writer.WriteCString(Password);
        writer.WriteCString(SystemType);
        writer.WriteByte(InterfaceVersion);
        writer.WriteByte(AddrTon);
        writer.WriteByte(AddrNpi);
        writer.WriteCString(AddressRange);
    }

    internal static T ReadBody<T>(ref PduReader reader) where T : BindRequest, new() => new()
    {
        SystemId = reader.ReadCString(16, CommandStatus.InvalidSystemId, "system_id"),
        Password = reader.ReadCString(9, CommandStatus.InvalidPassword, "password"),
        SystemType = reader.ReadCString(13, CommandStatus.InvalidSystemType, "system_type"),
        InterfaceVersion = reader.ReadByte(),
        AddrTon = reader.ReadByte(),
        AddrNpi = reader.ReadByte(),
        AddressRange = reader.ReadCString(41, CommandStatus.InvalidSourceAddress, "address_range"),
    };

    // The password stays out of logs.
    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"SequenceNumber = {SequenceNumber}, SystemId = {SystemId}, SystemType = {SystemType}, InterfaceVersion = 0x{InterfaceVersion:X2}");
        return true;
    }
}
