using Front.Actors.Smpp.Codec;
using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Smpp.Tests.Codec;

/// <summary>Every kind of bad PDU is refused with the status the specification names, and answered.</summary>
public class BadInputTests
{
    private static DecodeFailure Fails(string hex)
    {
        var result = PduCodec.Decode(Hex.Bytes(hex));
        Assert.False(result.IsSuccess, $"decoded {result.Pdu}");
        return result.Failure;
    }

    private static byte[] WithLength(string hexWithoutLength)
    {
        var rest = Hex.Bytes(hexWithoutLength);
        var frame = new byte[rest.Length + 4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)frame.Length);
        rest.CopyTo(frame, 4);
        return frame;
    }

    [Fact]
    public void Unknown_command_id_is_answered_with_generic_nack_invalid_command_id()
    {
        var failure = Fails("00000010 00000099 00000000 0000002A");

        Assert.Equal(CommandStatus.InvalidCommandId, failure.Status);
        Assert.False(failure.LinkUnusable);
        var answer = Assert.IsType<GenericNack>(failure.Answer);
        Assert.Equal(42u, answer.SequenceNumber);
        Assert.Equal(CommandStatus.InvalidCommandId, answer.Status);
    }

    [Fact]
    public void Commands_we_do_not_implement_are_answered_with_invalid_command_id()
    {
        // query_sm is a real SMPP 3.4 command this library does not carry.
        var failure = Fails("00000010 00000003 00000000 00000001");

        Assert.Equal(CommandStatus.InvalidCommandId, failure.Status);
    }

    [Fact]
    public void Truncated_body_is_answered_with_generic_nack_invalid_command_length()
    {
        // A submit_sm that stops inside destination_addr.
        var failure = Fails(Hex.Of(WithLength("00000004 00000000 00000003 00 05 00 46726F6E7400 01 01 343739")));

        Assert.Equal(CommandStatus.InvalidCommandLength, failure.Status);
        Assert.IsType<GenericNack>(failure.Answer);
        Assert.Equal(3u, failure.Answer.SequenceNumber);
    }

    [Fact]
    public void Command_length_that_disagrees_with_the_frame_makes_the_link_unusable()
    {
        var failure = Fails("00000020 00000015 00000000 00000001");

        Assert.Equal(CommandStatus.InvalidCommandLength, failure.Status);
        Assert.True(failure.LinkUnusable);
    }

    [Fact]
    public void Frame_shorter_than_a_header_is_refused()
    {
        Assert.Equal(CommandStatus.InvalidCommandLength, Fails("0000000C 00000015 00000000").Status);
    }

    [Theory]
    [InlineData("source_addr", CommandStatus.InvalidSourceAddress)]
    [InlineData("destination_addr", CommandStatus.InvalidDestinationAddress)]
    [InlineData("service_type", CommandStatus.InvalidServiceType)]
    public void Over_long_c_octet_string_is_answered_with_the_fields_status(string field, CommandStatus expected)
    {
        var tooLong = Hex.Of(System.Text.Encoding.ASCII.GetBytes(new string('9', 30))) + "00";
        var service = field == "service_type" ? tooLong : "00";
        var source = field == "source_addr" ? tooLong : "3100";
        var destination = field == "destination_addr" ? tooLong : "3200";
        var frame = WithLength($"00000004 00000000 00000011 {service} 00 00 {source} 00 00 {destination} 00 00 00 00 00 00 00 00 00 00");

        var failure = Fails(Hex.Of(frame));

        Assert.Equal(expected, failure.Status);
        var answer = Assert.IsType<SubmitSmResp>(failure.Answer);
        Assert.Equal(expected, answer.Status);
        Assert.Equal(0x11u, answer.SequenceNumber);
    }

    [Fact]
    public void Over_long_system_id_in_a_bind_is_answered_with_invalid_system_id()
    {
        var systemId = Hex.Of(System.Text.Encoding.ASCII.GetBytes("SEVENTEEN-CHARS-X"));
        var failure = Fails(Hex.Of(WithLength($"00000009 00000000 00000001 {systemId}00 00 00 34 00 00 00")));

        var answer = Assert.IsType<BindTransceiverResp>(failure.Answer);
        Assert.Equal(CommandStatus.InvalidSystemId, answer.Status);
    }

    [Fact]
    public void Over_long_password_in_a_bind_is_answered_with_invalid_password()
    {
        var password = Hex.Of(System.Text.Encoding.ASCII.GetBytes("ninechars"));
        var failure = Fails(Hex.Of(WithLength($"00000002 00000000 00000001 6100 {password}00 00 34 00 00 00")));

        Assert.Equal(CommandStatus.InvalidPassword, failure.Answer.Status);
        Assert.IsType<BindTransmitterResp>(failure.Answer);
    }

    [Fact]
    public void Short_message_longer_than_the_rest_of_the_body_is_a_length_error()
    {
        var failure = Fails(Hex.Of(WithLength("00000004 00000000 00000001 00 00 00 3100 00 00 3200 00 00 00 00 00 00 00 00 00 10 4142")));

        Assert.Equal(CommandStatus.InvalidCommandLength, failure.Status);
    }

    [Fact]
    public void Sm_length_over_254_is_an_invalid_message_length()
    {
        var body = Hex.Of(new byte[255]);
        var failure = Fails(Hex.Of(WithLength($"00000004 00000000 00000001 00 00 00 3100 00 00 3200 00 00 00 00 00 00 00 00 00 FF {body}")));

        Assert.Equal(CommandStatus.InvalidMessageLength, failure.Status);
        Assert.IsType<SubmitSmResp>(failure.Answer);
    }

    [Fact]
    public void Schedule_time_that_is_not_16_characters_is_an_invalid_schedule()
    {
        var failure = Fails(Hex.Of(WithLength("00000004 00000000 00000001 00 00 00 3100 00 00 3200 00 00 00 323400 00 00 00 00 00 00")));

        Assert.Equal(CommandStatus.InvalidScheduledDeliveryTime, failure.Status);
    }

    [Fact]
    public void Tlv_that_claims_more_octets_than_remain_is_an_invalid_parameter_stream()
    {
        var failure = Fails(Hex.Of(WithLength("00000004 00000000 00000001 00 00 00 3100 00 00 3200 00 00 00 00 00 00 00 00 00 00 0424 0010 4142")));

        Assert.Equal(CommandStatus.InvalidOptionalParameterStream, failure.Status);
        Assert.IsType<SubmitSmResp>(failure.Answer);
    }

    [Fact]
    public void Known_tlv_with_the_wrong_length_is_an_invalid_parameter_length()
    {
        var failure = Fails(Hex.Of(WithLength("00000004 00000000 00000001 00 00 00 3100 00 00 3200 00 00 00 00 00 00 00 00 00 00 0427 0002 0202")));

        Assert.Equal(CommandStatus.InvalidParameterLength, failure.Status);
    }

    [Fact]
    public void Unknown_tlvs_are_kept_and_ignored()
    {
        var result = PduCodec.Decode(WithLength("00000004 00000000 00000001 00 00 00 3100 00 00 3200 00 00 00 00 00 00 00 00 00 00 1401 0002 ABCD"));

        Assert.True(result.IsSuccess);
        Assert.Equal((ushort)0x1401, ((SubmitSm)result.Pdu).OptionalParameters.Single().Tag);
    }

    [Fact]
    public void Octets_after_a_header_only_request_are_a_length_error()
    {
        Assert.Equal(CommandStatus.InvalidCommandLength, Fails("00000011 00000015 00000000 00000001 00").Status);
    }

    [Fact]
    public void Failed_submit_sm_resp_with_or_without_a_body_decodes()
    {
        var without = PduCodec.Decode(Hex.Bytes("00000010 80000004 00000045 00000001"));
        var with = PduCodec.Decode(Hex.Bytes("00000011 80000004 00000045 00000001 00"));

        Assert.Equal(CommandStatus.SubmitFailed, without.Pdu!.Status);
        Assert.Equal(CommandStatus.SubmitFailed, with.Pdu!.Status);
    }

    [Fact]
    public void Encoding_a_field_over_its_maximum_is_refused_before_anything_is_sent()
    {
        var error = Assert.Throws<ArgumentException>(() => PduCodec.Encode(new SubmitSm { DestinationAddr = new string('4', 21) }));

        Assert.Contains("destination_addr", error.Message);
    }

    [Fact]
    public void Encoding_a_short_message_over_254_octets_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PduCodec.Encode(new SubmitSm { ShortMessage = new byte[255] }));
    }
}
