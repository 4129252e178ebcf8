Console.WriteLine("ImageBuilderScan emulator: not yet implemented.");
