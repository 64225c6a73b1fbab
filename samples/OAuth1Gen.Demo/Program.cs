using OAuth1Gen.Demo;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await DemoProgram.RunAsync(args, Console.Out, Console.In, Environment.GetEnvironmentVariable, cancellation.Token);
