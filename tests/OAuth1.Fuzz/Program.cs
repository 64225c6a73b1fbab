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

// The target is created at the first input, inside the fork server's loop: the instrumented library assemblies
// write to afl++'s coverage map, which SharpFuzz maps only there (before, their code fails with an access violation).
FuzzTarget? target = null;
Fuzzer.OutOfProcess.Run(stream =>
{
    target ??= FuzzTargets.Create(args[0]);
    using var input = new MemoryStream();
    stream.CopyTo(input);
    target.Execute(input.GetBuffer().AsSpan(0, (int)input.Length));
});
return 0;
