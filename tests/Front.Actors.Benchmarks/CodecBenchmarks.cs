using BenchmarkDotNet.Attributes;
using Front.Actors.Smpp.Codec;
using Front.Actors.Smpp.Protocol;
using Front.Actors.Domain.Text;

namespace Front.Actors.Benchmarks;

/// <summary>Encode and decode cost per PDU for the three PDUs that carry the traffic.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class CodecBenchmarks
{
    private readonly SubmitSm _submit = new()
    {
        SequenceNumber = 12345, SourceAddrTon = 5, SourceAddr = "Front", DestAddrTon = 1, DestAddrNpi = 1,
        DestinationAddr = "4791234567", RegisteredDelivery = 1, DataCoding = Front.Actors.Smpp.Protocol.DataCoding.SmscDefault,
        ShortMessage = SmsTextCodec.Encode("Hei! Din kode er 123456. Den gjelder i 10 minutter.", Front.Actors.Domain.Text.DataCoding.SmscDefault),
    };

    private readonly SubmitSmResp _submitResp = new() { SequenceNumber = 12345, MessageId = "1a2b3c4d" };

    private readonly DeliverSm _receipt = new()
    {
        SequenceNumber = 777, SourceAddrTon = 1, SourceAddrNpi = 1, SourceAddr = "4791234567", DestAddrTon = 5, DestinationAddr = "Front",
        EsmClass = EsmClass.DeliveryReceipt,
        ShortMessage = "id:439041101 sub:001 dlvrd:001 submit date:2611221015 done date:2611221015 stat:DELIVRD err:000 text:Hei! Din kode er 1"u8.ToArray(),
        OptionalParameters = OptionalParameters.Of(Tlv.FromCString(TlvTag.ReceiptedMessageId, "1a2b3c4d"), Tlv.FromByte(TlvTag.MessageState, 2)),
    };

    private byte[] _submitBytes = [];
    private byte[] _submitRespBytes = [];
    private byte[] _receiptBytes = [];

    [GlobalSetup]
    public void Setup()
    {
        _submitBytes = PduCodec.Encode(_submit);
        _submitRespBytes = PduCodec.Encode(_submitResp);
        _receiptBytes = PduCodec.Encode(_receipt);
    }

    [Benchmark] public byte[] EncodeSubmitSm() => PduCodec.Encode(_submit);
    [Benchmark] public DecodeResult DecodeSubmitSm() => PduCodec.Decode(_submitBytes);
    [Benchmark] public byte[] EncodeSubmitSmResp() => PduCodec.Encode(_submitResp);
    [Benchmark] public DecodeResult DecodeSubmitSmResp() => PduCodec.Decode(_submitRespBytes);
    [Benchmark] public byte[] EncodeDeliverSmReceipt() => PduCodec.Encode(_receipt);
    [Benchmark] public DecodeResult DecodeDeliverSmReceipt() => PduCodec.Decode(_receiptBytes);
}
