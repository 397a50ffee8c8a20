using Front.Actors.Smpp.Codec;

namespace Front.Actors.Smpp.Protocol;

/// <summary>The body all three bind responses share: the SMSC's system_id and an optional sc_interface_version.</summary>
public abstract record BindResponse : ResponsePdu
{
    public string SystemId { get; init; } = "";
    public OptionalParameters OptionalParameters { get; init; } = OptionalParameters.Empty;

    // A failed bind may come back with no body at all (section 4.1.2: "not returned if command_status is non-zero").
    internal override int BodySize => Status != CommandStatus.Ok ? 0 : CString.SizeOf(SystemId) + OptionalParameters.EncodedSize;

    internal override void WriteBody(ref PduWriter writer)
    {
        if (Status != CommandStatus.Ok)
            return;
        CString.EnsureFits(SystemId, 16, "system_id");
        writer.WriteCString(SystemId);
        OptionalParameters.Write(ref writer);
    }

    internal static T ReadBody<T>(ref PduReader reader) where T : BindResponse, new()
    {
        if (reader.Remaining == 0)
            return new T();
        return new T
        {
            SystemId = reader.ReadCString(16, CommandStatus.InvalidSystemId, "system_id"),
            OptionalParameters = OptionalParameters.Read(ref reader),
        };
    }
}
