using Front.Actors.Smpp.Codec;
using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Smpp.Tests.Codec;

/// <summary>
/// Byte-exact vectors for every PDU we implement, laid out field by field as in SMPP 3.4 chapter 4:
/// each must encode to exactly these octets and decode back to the same fields.
/// </summary>
public class PduVectorTests
{
    public static TheoryData<string, Pdu, string> Vectors => new()
    {
        {
            "enquire_link",
            new EnquireLink { SequenceNumber = 1 },
            "00000010 00000015 00000000 00000001"
        },
        {
            "enquire_link_resp",
            new EnquireLinkResp { SequenceNumber = 1 },
            "00000010 80000015 00000000 00000001"
        },
        {
            "unbind",
            new Unbind { SequenceNumber = 2 },
            "00000010 00000006 00000000 00000002"
        },
        {
            "unbind_resp",
            new UnbindResp { SequenceNumber = 2 },
            "00000010 80000006 00000000 00000002"
        },
        {
            "generic_nack",
            new GenericNack { SequenceNumber = 7, Status = CommandStatus.InvalidCommandId },
            "00000010 80000000 00000003 00000007"
        },
        {
            "bind_transceiver",
            new BindTransceiver { SequenceNumber = 1, SystemId = "SMPP3TEST", Password = "secret08", SystemType = "SUBMIT1", AddrTon = 1, AddrNpi = 1 },
            "0000002F 00000009 00000000 00000001 534D5050335445535400 73656372657430380 0 5355424D49543100 34 01 01 00"
        },
        {
            "bind_transmitter",
            new BindTransmitter { SequenceNumber = 3, SystemId = "front", Password = "pw" },
            "0000001E 00000002 00000000 00000003 66726F6E7400 707700 00 34 00 00 00"
        },
        {
            "bind_receiver",
            new BindReceiver { SequenceNumber = 4, SystemId = "front", Password = "pw", AddressRange = "2401" },
            "00000022 00000001 00000000 00000004 66726F6E7400 707700 00 34 00 00 3234303100"
        },
        {
            "bind_transceiver_resp",
            new BindTransceiverResp { SequenceNumber = 1, SystemId = "SMSC" },
            "00000015 80000009 00000000 00000001 534D534300"
        },
        {
            "bind_transceiver_resp with sc_interface_version",
            new BindTransceiverResp { SequenceNumber = 1, SystemId = "SMSC", OptionalParameters = OptionalParameters.Of(Tlv.FromByte(TlvTag.ScInterfaceVersion, 0x34)) },
            "0000001A 80000009 00000000 00000001 534D534300 0210 0001 34"
        },
        {
            "bind_transmitter_resp refused, no body",
            new BindTransmitterResp { SequenceNumber = 3, Status = CommandStatus.InvalidPassword },
            "00000010 80000002 0000000E 00000003"
        },
        {
            "bind_receiver_resp",
            new BindReceiverResp { SequenceNumber = 4, SystemId = "SMSC" },
            "00000015 80000001 00000000 00000004 534D534300"
        },
        {
            "submit_sm",
            new SubmitSm
            {
                SequenceNumber = 5, SourceAddrTon = 5, SourceAddr = "Front", DestAddrTon = 1, DestAddrNpi = 1,
                DestinationAddr = "4791234567", RegisteredDelivery = 1, DataCoding = DataCoding.SmscDefault,
                ShortMessage = "Hello"u8.ToArray(),
            },
            "00000035 00000004 00000000 00000005 00 05 00 46726F6E7400 01 01 3437393132333435363700 00 00 00 00 00 01 00 00 00 05 48656C6C6F"
        },
        {
            "submit_sm with UDH, UCS-2 and sar TLVs",
            new SubmitSm
            {
                SequenceNumber = 6, SourceAddr = "2401", DestAddrTon = 1, DestAddrNpi = 1, DestinationAddr = "4791234567",
                EsmClass = EsmClass.UdhIndicator, DataCoding = DataCoding.Ucs2,
                ShortMessage = Hex.Bytes("050003 2A 02 01 00E6 00F8"),
                OptionalParameters = OptionalParameters.Of(
                    Tlv.FromUInt16(TlvTag.SarMsgRefNum, 0x002A),
                    Tlv.FromByte(TlvTag.SarTotalSegments, 2),
                    Tlv.FromByte(TlvTag.SarSegmentSeqnum, 1)),
            },
            "00000049 00000004 00000000 00000006 00 00 00 3234303100 01 01 3437393132333435363700 40 00 00 00 00 00 00 08 00 0A 0500032A020100E600F8 020C 0002 002A 020E 0001 02 020F 0001 01"
        },
        {
            "submit_sm_resp",
            new SubmitSmResp { SequenceNumber = 5, MessageId = "1a2b" },
            "00000015 80000004 00000000 00000005 3161326200"
        },
        {
            "submit_sm_resp throttled, no body",
            new SubmitSmResp { SequenceNumber = 5, Status = CommandStatus.Throttled },
            "00000010 80000004 00000058 00000005"
        },
        {
            "deliver_sm receipt with receipted_message_id and message_state",
            new DeliverSm
            {
                SequenceNumber = 9, SourceAddrTon = 1, SourceAddrNpi = 1, SourceAddr = "4791234567", DestAddrTon = 5,
                DestinationAddr = "Front", EsmClass = EsmClass.DeliveryReceipt,
                ShortMessage = "id:1a2b stat:DELIVRD"u8.ToArray(),
                OptionalParameters = OptionalParameters.Of(
                    Tlv.FromCString(TlvTag.ReceiptedMessageId, "1a2b"),
                    Tlv.FromByte(TlvTag.MessageState, 2)),
            },
            "00000052 00000005 00000000 00000009 00 01 01 3437393132333435363700 05 00 46726F6E7400 04 00 00 00 00 00 00 00 00 14 69643A3161326220737461743A44454C49565244 001E 0005 3161326200 0427 0001 02"
        },
        {
            "deliver_sm with message_payload and network_error_code",
            new DeliverSm
            {
                SequenceNumber = 10, SourceAddr = "4791234567", DestinationAddr = "2401",
                OptionalParameters = OptionalParameters.Of(
                    new Tlv(TlvTag.MessagePayload, "Hei"u8.ToArray()),
                    new Tlv(TlvTag.NetworkErrorCode, Hex.Bytes("03 0001"))),
            },
            "0000003D 00000005 00000000 0000000A 00 00 00 3437393132333435363700 00 00 3234303100 00 00 00 00 00 00 00 00 00 00 0424 0003 486569 0423 0003 030001"
        },
        {
            "deliver_sm_resp",
            new DeliverSmResp { SequenceNumber = 9 },
            "00000011 80000005 00000000 00000009 00"
        },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Pdu_encodes_to_the_exact_octets(string name, Pdu pdu, string hex)
    {
        Assert.True(Hex.Of(PduCodec.Encode(pdu)) == Hex.Of(Hex.Bytes(hex)), $"{name}: {Hex.Of(PduCodec.Encode(pdu))}");
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Octets_decode_to_the_same_pdu(string name, Pdu pdu, string hex)
    {
        var result = PduCodec.Decode(Hex.Bytes(hex));

        Assert.True(result.IsSuccess, $"{name}: {result.Failure}");
        Assert.Equal(pdu.GetType(), result.Pdu.GetType());
        Assert.Equal(pdu.SequenceNumber, result.Pdu.SequenceNumber);
        Assert.Equal(pdu.Status, result.Pdu.Status);
        // Re-encoding what was decoded gives back the same octets: no field was lost or altered.
        Assert.Equal(Hex.Of(Hex.Bytes(hex)), Hex.Of(PduCodec.Encode(result.Pdu)));
    }

    [Fact]
    public void Submit_sm_fields_are_read_back_one_by_one()
    {
        var pdu = (SubmitSm)PduCodec.Decode(Hex.Bytes(
            "00000035 00000004 00000000 00000005 00 05 00 46726F6E7400 01 01 3437393132333435363700 00 00 00 00 00 01 00 00 00 05 48656C6C6F")).Pdu!;

        Assert.Equal(5u, pdu.SequenceNumber);
        Assert.Equal(5, pdu.SourceAddrTon);
        Assert.Equal("Front", pdu.SourceAddr);
        Assert.Equal(1, pdu.DestAddrTon);
        Assert.Equal(1, pdu.DestAddrNpi);
        Assert.Equal("4791234567", pdu.DestinationAddr);
        Assert.Equal(1, pdu.RegisteredDelivery);
        Assert.Equal(DataCoding.SmscDefault, pdu.DataCoding);
        Assert.Equal("Hello"u8.ToArray(), pdu.ShortMessage.ToArray());
    }

    [Fact]
    public void Receipt_tlvs_are_read_typed()
    {
        var pdu = (DeliverSm)PduCodec.Decode(Hex.Bytes(
            "00000052 00000005 00000000 00000009 00 01 01 3437393132333435363700 05 00 46726F6E7400 04 00 00 00 00 00 00 00 00 14 69643A3161326220737461743A44454C49565244 001E 0005 3161326200 0427 0001 02")).Pdu!;

        Assert.True(pdu.IsReceipt);
        Assert.Equal("1a2b", pdu.OptionalParameters.ReceiptedMessageId);
        Assert.Equal(Front.Actors.Smpp.Receipts.MessageState.Delivered, pdu.OptionalParameters.MessageState);
    }

    [Fact]
    public void Sar_and_network_error_tlvs_are_read_typed()
    {
        var parameters = OptionalParameters.Of(
            Tlv.FromUInt16(TlvTag.SarMsgRefNum, 0xBEEF),
            Tlv.FromByte(TlvTag.SarTotalSegments, 3),
            Tlv.FromByte(TlvTag.SarSegmentSeqnum, 2),
            new Tlv(TlvTag.NetworkErrorCode, Hex.Bytes("03 0101")),
            new Tlv(TlvTag.MessagePayload, "payload"u8.ToArray()));
        var decoded = (SubmitSm)PduCodec.Decode(PduCodec.Encode(new SubmitSm { SequenceNumber = 1, OptionalParameters = parameters })).Pdu!;

        Assert.Equal((ushort)0xBEEF, decoded.OptionalParameters.SarMsgRefNum);
        Assert.Equal((byte)3, decoded.OptionalParameters.SarTotalSegments);
        Assert.Equal((byte)2, decoded.OptionalParameters.SarSegmentSeqnum);
        Assert.Equal(new NetworkErrorCode(3, 0x0101), decoded.OptionalParameters.NetworkErrorCode);
        Assert.Equal("payload"u8.ToArray(), decoded.UserData.ToArray());
    }

    [Fact]
    public void Response_ids_set_bit_31_of_the_request_id()
    {
        Assert.Equal(CommandId.SubmitSmResp, CommandId.SubmitSm.ResponseId());
        Assert.True(CommandId.GenericNack.IsResponse());
        Assert.False(CommandId.DeliverSm.IsResponse());
        Assert.Equal(CommandId.DeliverSmResp, new DeliverSm { SequenceNumber = 3 }.CreateResponse().CommandId);
        Assert.Equal(3u, new DeliverSm { SequenceNumber = 3 }.CreateResponse().SequenceNumber);
    }

    [Fact]
    public void Bind_password_is_kept_out_of_the_printed_form()
    {
        var text = new BindTransceiver { SystemId = "front", Password = "hunter2" }.ToString();

        Assert.Contains("front", text);
        Assert.DoesNotContain("hunter2", text);
    }
}
