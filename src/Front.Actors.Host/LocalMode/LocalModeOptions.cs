namespace Front.Actors.Host.LocalMode;

/// <summary>
/// Local mode is for trying the engine on one machine: it seeds the demo account and prints its keys, runs the
/// built-in SMSC simulators, serves the simulator endpoint and the browsable API reference. On under
/// <c>dotnet run</c> (the Development environment's settings), off everywhere else unless
/// <c>LocalMode:Enabled</c> says so: a published host or a container never seeds keys by accident.
/// </summary>
public sealed class LocalModeOptions
{
    public const string Section = "LocalMode";

    public bool Enabled { get; init; }

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>($"{Section}:{nameof(Enabled)}");
}
