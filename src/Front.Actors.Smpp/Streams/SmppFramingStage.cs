using Akka.IO;
using Akka.Streams;
using Akka.Streams.Stage;
using Front.Actors.Smpp.Codec;

namespace Front.Actors.Smpp.Streams;

/// <summary>Takes the next element from the frames cut so far: one decoded frame, or all of them as a list.</summary>
internal delegate bool TakeFrames<TOut>(FrameCutter cutter, out TOut element);

/// <summary>
/// Cuts bytes into PDU frames by command_length and decodes them, emitting what <see cref="TakeFrames{TOut}"/>
/// takes (one <see cref="DecodeResult"/> per element, or every whole frame a read brought as one list).
/// Unlike <c>Framing.LengthField</c>, a command_length that cannot be true does not fail the stage: it
/// emits one failure marked <see cref="DecodeFailure.LinkUnusable"/> and then discards input until the
/// link closes. Failing would cancel the TCP read side, and with it the connection, before the peer could
/// be sent the generic_nack the specification asks for.
/// </summary>
internal sealed class SmppFramingStage<TOut>(int maxPduSize, TakeFrames<TOut> take) : GraphStage<FlowShape<ByteString, TOut>>
{
    private readonly Inlet<ByteString> _in = new("SmppFraming.in");
    private readonly Outlet<TOut> _out = new("SmppFraming.out");
    private readonly int _maxPduSize = maxPduSize;
    private readonly TakeFrames<TOut> _take = take;

    public override FlowShape<ByteString, TOut> Shape => new(_in, _out);

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : InAndOutGraphStageLogic
    {
        private readonly SmppFramingStage<TOut> _stage;
        private readonly FrameCutter _cutter;

        public Logic(SmppFramingStage<TOut> stage) : base(stage.Shape)
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
            if (_stage._take(_cutter, out var element))
                Push(_stage._out, element);
            else if (IsClosed(_stage._in))
                CompleteStage();
            else if (!HasBeenPulled(_stage._in))
                Pull(_stage._in);
        }
    }
}
