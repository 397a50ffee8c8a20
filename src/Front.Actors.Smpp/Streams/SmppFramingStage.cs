using Akka.IO;
using Akka.Streams;
using Akka.Streams.Stage;
using Front.Actors.Smpp.Codec;
using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Smpp.Streams;

/// <summary>
/// Cuts bytes into PDU frames by command_length (4 octets, big-endian, counting itself) and decodes them.
/// Unlike <c>Framing.LengthField</c>, a command_length that cannot be true does not fail the stage: it
/// emits one failure marked <see cref="DecodeFailure.LinkUnusable"/> and then discards input until the
/// link closes. Failing would cancel the TCP read side, and with it the connection, before the peer could
/// be sent the generic_nack the specification asks for.
/// </summary>
internal sealed class SmppFramingStage(int maxPduSize) : GraphStage<FlowShape<ByteString, DecodeResult>>
{
    private readonly Inlet<ByteString> _in = new("SmppFraming.in");
    private readonly Outlet<DecodeResult> _out = new("SmppFraming.out");
    private readonly int _maxPduSize = maxPduSize;

    public override FlowShape<ByteString, DecodeResult> Shape => new(_in, _out);

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : InAndOutGraphStageLogic
    {
        private readonly SmppFramingStage _stage;
        private ByteString _buffer = ByteString.Empty;
        private bool _unusable;

        public Logic(SmppFramingStage stage) : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage._in, this);
            SetHandler(stage._out, this);
        }

        public override void OnPush()
        {
            var chunk = Grab(_stage._in);
            if (_unusable)
            {
                Pull(_stage._in);
                return;
            }
            _buffer = _buffer.IsEmpty ? chunk : _buffer.Concat(chunk);
            EmitOrPull();
        }

        public override void OnPull() => EmitOrPull();

        // Whole frames still buffered are emitted as downstream asks; a partial one at the end is dropped,
        // since the peer that sent it is gone and cannot be answered.
        public override void OnUpstreamFinish() => EmitOrPull();

        private void EmitOrPull()
        {
            if (!IsAvailable(_stage._out))
                return;
            if (!TryEmitFrame())
            {
                if (IsClosed(_stage._in))
                    CompleteStage();
                else if (!HasBeenPulled(_stage._in))
                    Pull(_stage._in);
            }
        }

        private bool TryEmitFrame()
        {
            if (_unusable || _buffer.Count < 4)
                return false;
            var length = (uint)(_buffer[0] << 24 | _buffer[1] << 16 | _buffer[2] << 8 | _buffer[3]);
            if (length < Pdu.HeaderSize || length > _stage._maxPduSize)
            {
                _unusable = true;
                _buffer = ByteString.Empty;
                Push(_stage._out, DecodeResult.Failed(new DecodeFailure(0, 0, CommandStatus.InvalidCommandLength,
                    $"command_length {length} is outside {Pdu.HeaderSize}..{_stage._maxPduSize}", LinkUnusable: true)));
                return true;
            }
            if (_buffer.Count < length)
                return false;
            var frame = _buffer.Slice(0, (int)length);
            _buffer = _buffer.Slice((int)length);
            Push(_stage._out, PduCodec.Decode(frame.IsCompact ? frame.ToReadOnlySpan() : frame.ToArray()));
            return true;
        }
    }
}
