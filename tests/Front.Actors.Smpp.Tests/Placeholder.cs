namespace Front.Actors.Smpp.Tests; public class PlaceholderTests { [Fact] public void Runs() => Assert.True(true); }
