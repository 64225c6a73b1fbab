using OAuth1.Fuzz;
using SharpFuzz;

// Usage: dotnet OAuth1.Fuzz.dll TARGET. Under afl-fuzz (./fuzz.sh), SharpFuzz's out-of-process fork server runs one
// input after another in a child process that it restarts after a hang or a crash; without afl-fuzz, one input is
// read from standard input and run once (a crash then prints its exception and stack).
if (args.Length != 1 || !FuzzTargets.Names.Contains(args[0]))
{
    Console.Error.WriteLine($"Usage: dotnet OAuth1.Fuzz.dll TARGET < input, TARGET one of: {string.Join(", ", FuzzTargets.Names)}");
    return 2;
}

FuzzTarget target = FuzzTargets.Create(args[0]);
Fuzzer.OutOfProcess.Run(stream =>
{
    using var input = new MemoryStream();
    stream.CopyTo(input);
    target.Execute(input.GetBuffer().AsSpan(0, (int)input.Length));
});
return 0;
