namespace Front.Actors.Engine.Serialization;

/// <summary>Marks what is journaled or snapshotted; all of it goes through <see cref="EngineSerializer"/>.</summary>
public interface IPersisted;
