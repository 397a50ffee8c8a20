namespace Front.Actors.Smpp.Text;

/// <summary>The data_coding values Front.Actors sends and reads (SMPP 3.4 section 5.2.19).</summary>
public enum DataCoding : byte
{
    /// <summary>The SMSC default alphabet, which Norwegian operators take as GSM 03.38, unpacked: one septet per octet.</summary>
    SmscDefault = 0x00,
    Ascii = 0x01,
    Binary = 0x02,
    Latin1 = 0x03,
    Binary8Bit = 0x04,
    /// <summary>UCS-2, big-endian.</summary>
    Ucs2 = 0x08,
}
