using OAuth1Gen.GeneratedClient;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await GeneratedClientSample.RunAsync(args, Console.Out, Environment.GetEnvironmentVariable, cancellation.Token);
