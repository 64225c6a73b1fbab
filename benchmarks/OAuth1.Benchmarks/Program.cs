using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project benchmarks/OAuth1.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
