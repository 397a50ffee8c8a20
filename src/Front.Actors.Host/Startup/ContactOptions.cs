namespace Front.Actors.Host.Startup;

/// <summary>Contact settings (section <c>Contacts</c>).</summary>
public sealed class ContactOptions
{
    /// <summary>The largest import (a CSV file or pasted text) taken, in bytes; a larger one is refused with 413 before it is read whole.</summary>
    public long ImportMaxBytes { get; set; } = 10 * 1024 * 1024;
}
