Console.WriteLine("sim");
