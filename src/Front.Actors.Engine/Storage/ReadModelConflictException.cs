namespace Front.Actors.Engine.Storage;

/// <summary>
/// Another writer (the live path or a projection on another node) moved a read-model row on between this writer's read
/// and its update. Nothing of the transaction is kept; trying again reads the row anew and skips what is applied.
/// </summary>
public sealed class ReadModelConflictException(string message) : Exception(message);
