namespace Front.Actors.Smpp; internal static class Placeholder { }
