using Akka.IO;
using Akka.Streams;
using Akka.Streams.Stage;
using Front.Actors.Smpp.Codec;

namespace Front.Actors.Smpp.Streams;

/// <summary>
/// Cuts bytes into PDU frames by command_length and decodes them, one <see cref="DecodeResult"/> per element.
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
        private readonly FrameCutter _cutter;

        public Logic(SmppFramingStage stage) : base(stage.Shape)
        {
            _stage = stage;
            _cutter = new FrameCutter(stage._maxPduSize);
            SetHandler(stage._in, this);
            SetHandler(stage._out, this);
        }

        public override void OnPush()
        {
            _cutter.Append(Grab(_stage._in));
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
            if (_cutter.TryNext(out var result))
                Push(_stage._out, result);
            else if (IsClosed(_stage._in))
                CompleteStage();
            else if (!HasBeenPulled(_stage._in))
                Pull(_stage._in);
        }
    }
}

/// <summary>
/// The same framing, emitting every whole frame a read brought as one list: a consumer on the other side of an
/// asynchronous boundary (an actor) then gets one message per TCP read instead of one per PDU, and can answer
/// them all in one write.
/// </summary>
internal sealed class SmppBatchFramingStage(int maxPduSize) : GraphStage<FlowShape<ByteString, IReadOnlyList<DecodeResult>>>
{
    private readonly Inlet<ByteString> _in = new("SmppBatchFraming.in");
    private readonly Outlet<IReadOnlyList<DecodeResult>> _out = new("SmppBatchFraming.out");
    private readonly int _maxPduSize = maxPduSize;

    public override FlowShape<ByteString, IReadOnlyList<DecodeResult>> Shape => new(_in, _out);

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : InAndOutGraphStageLogic
    {
        private readonly SmppBatchFramingStage _stage;
        private readonly FrameCutter _cutter;

        public Logic(SmppBatchFramingStage stage) : base(stage.Shape)
        {
            _stage = stage;
            _cutter = new FrameCutter(stage._maxPduSize);
            SetHandler(stage._in, this);
            SetHandler(stage._out, this);
        }

        public override void OnPush()
        {
            _cutter.Append(Grab(_stage._in));
            EmitOrPull();
        }

        public override void OnPull() => EmitOrPull();

        public override void OnUpstreamFinish() => EmitOrPull();

        private void EmitOrPull()
        {
            if (!IsAvailable(_stage._out))
                return;
            List<DecodeResult>? batch = null;
            while (_cutter.TryNext(out var result))
                (batch ??= new List<DecodeResult>(4)).Add(result);
            if (batch is not null)
                Push(_stage._out, batch);
            else if (IsClosed(_stage._in))
                CompleteStage();
            else if (!HasBeenPulled(_stage._in))
                Pull(_stage._in);
        }
    }
}
