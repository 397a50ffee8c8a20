namespace Front.Actors.Smpp.Protocol;

/// <summary>
/// data_coding (SMPP 3.4 section 5.2.19): the octet that says how short_message or message_payload is encoded. The
/// named values are the ones Front.Actors sends and reads; any other octet a peer sends is kept as it came (cast it).
/// Text encoding itself is not this library's business: Front.Actors.Domain's text codec has its own enum with the same
/// values, and code that joins the two casts between them.
/// </summary>
public enum DataCoding : byte
{
    /// <summary>The SMSC default alphabet, which Norwegian operators take as GSM 03.38, unpacked: one septet per octet.</summary>
    SmscDefault = 0x00,

    /// <summary>IA5 (ASCII), one character per octet.</summary>
    Ascii = 0x01,

    /// <summary>8-bit binary (the older of the two binary values); not text.</summary>
    Binary = 0x02,

    /// <summary>ISO-8859-1, one character per octet.</summary>
    Latin1 = 0x03,

    /// <summary>8-bit binary, as WAP push and other ported data use it; not text.</summary>
    Binary8Bit = 0x04,

    /// <summary>UCS-2, big-endian: UTF-16 code units, so a character outside the BMP travels as its surrogate pair.</summary>
    Ucs2 = 0x08,
}
