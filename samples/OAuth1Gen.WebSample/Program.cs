using System.Globalization;
using OAuth1Gen.WebSample;

// dotnet run --project samples/OAuth1Gen.WebSample [-- --port 5080]   (--port 0 picks a free port)
int port = WebSampleApp.DefaultPort;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] is "--port" && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed <= 65535)
    {
        port = parsed;
        i++;
    }
    else if (args[i] is "--help" or "-h")
    {
        Console.WriteLine("Usage: dotnet run --project samples/OAuth1Gen.WebSample [-- --port <port>]   (default 5080; 0 picks a free port)");
        return 0;
    }
    else
    {
        Console.Error.WriteLine($"Unknown argument '{args[i]}'. Try --help.");
        return 2;
    }
}

await using WebSampleApp app = await WebSampleApp.StartAsync(new WebSampleSettings { Port = port });
Console.WriteLine($"OAuth1Gen web sample:  {app.BaseAddress}");
Console.WriteLine($"Embedded provider:     {app.Provider.BaseAddress}");
Console.WriteLine("Open the web sample, press \"Sign in\", then Approve (or Deny) on the provider's page as alice or bob.");
Console.WriteLine("Press Ctrl+C to stop.");
await app.WaitForShutdownAsync();
return 0;
