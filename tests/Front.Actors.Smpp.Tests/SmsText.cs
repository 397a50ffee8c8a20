using Front.Actors.Domain.Text;
using DataCoding = Front.Actors.Smpp.Protocol.DataCoding;

namespace Front.Actors.Smpp.Tests;

/// <summary>Message text in and out of PDUs, through the domain's text codec: its data_coding enum has the same values as the SMPP one.</summary>
internal static class SmsText
{
    public static byte[] Encode(string text, DataCoding coding) => SmsTextCodec.Encode(text, (Front.Actors.Domain.Text.DataCoding)coding);

    public static string Decode(ReadOnlySpan<byte> octets, DataCoding coding) => SmsTextCodec.Decode(octets, (Front.Actors.Domain.Text.DataCoding)coding);
}
