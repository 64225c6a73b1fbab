using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using OAuth1.Generator.Tests.Integration;

namespace OAuth1.Generator.Tests.Packaging;

/// <summary>
/// The way a user gets the generator: <c>dotnet pack</c> OAuth1.Core (the generator inside, in
/// <c>analyzers/dotnet/cs</c>), then a new project outside this repository that references the package from a local
/// folder feed, declares an interface, builds with warnings as errors and calls the loopback provider.
/// </summary>
public sealed class PackageConsumerTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>, IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(4);

    private readonly string _work = Directory.CreateTempSubdirectory("oauth1gen-pack-").FullName;

    [Fact]
    public async Task PackedPackage_GeneratesAWorkingClient_InAConsumerProject()
    {
        string version = "0.0.0-packtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        string feed = Directory.CreateDirectory(Path.Combine(_work, "feed")).FullName;
        string coreProject = Path.Combine(RepositoryRoot(), "src", "OAuth1.Core", "OAuth1.Core.csproj");

        await RunDotnetAsync(_work, "pack", coreProject, "-o", feed, $"-p:PackageVersion={version}", "--no-restore", "-nodeReuse:false");

        string package = Path.Combine(feed, $"OAuth1.Core.{version}.nupkg");
        using (ZipArchive archive = ZipFile.OpenRead(package))
        {
            Assert.Contains(archive.Entries, e => e.FullName == "analyzers/dotnet/cs/OAuth1.Generator.dll");
            Assert.Contains(archive.Entries, e => e.FullName == "lib/net8.0/OAuth1.Core.dll");
            Assert.Contains(archive.Entries, e => e.FullName == "lib/net10.0/OAuth1.Core.dll");
            Assert.DoesNotContain(archive.Entries, e => e.FullName.StartsWith("lib/netstandard2.0", StringComparison.Ordinal));
        }

        string consumer = Directory.CreateDirectory(Path.Combine(_work, "consumer")).FullName;
        WriteConsumer(consumer, feed, version);

        string output = await RunDotnetAsync(consumer, "run", "--project", Path.Combine(consumer, "Consumer.csproj"), "--", fixture.Provider.BaseAddress.AbsoluteUri);

        Assert.Contains("client=PackedApiClient", output, StringComparison.Ordinal);
        Assert.Contains("raw_target=/api/echo/5?q=a%20b", output, StringComparison.Ordinal);
        ReceivedRequest received = fixture.Provider.Last;
        Assert.Equal("/api/echo/5?q=a%20b", received.RawTarget);
        Assert.True(received.Verification.IsValid, received.Verification.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A process still holding a file in the temp folder only leaves it behind.
        }
    }

    private static void WriteConsumer(string directory, string feed, string version)
    {
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
                <NoWarn>$(NoWarn);CS1591</NoWarn>
                <RestorePackagesPath>{Path.Combine(directory, "packages")}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="OAuth1.Core" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), $$"""
            using OAuth1;

            var http = new HttpClient { BaseAddress = new Uri(args[0]) };
            var options = new OAuth1Options
            {
                ConsumerKey = "{{LoopbackProvider.ConsumerKey}}",
                ConsumerSecret = "{{LoopbackProvider.ConsumerSecret}}",
                TokenCredentials = new OAuth1Token("{{LoopbackProvider.Token}}", "{{LoopbackProvider.TokenSecret}}"),
            };
            IPackedApi client = new PackedApiClient(http, options);
            string echo = await client.EchoAsync(5, "a b");
            string target = System.Text.Json.JsonDocument.Parse(echo).RootElement.GetProperty("raw_target").GetString()!;
            Console.WriteLine($"client={client.GetType().Name} raw_target={target}");

            [OAuth1Api]
            public interface IPackedApi
            {
                [Get("echo/{id}")]
                Task<string> EchoAsync(int id, [Query] string q, CancellationToken cancellationToken = default);
            }
            """);
    }

    private static async Task<string> RunDotnetAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A clean child: none of the test host's MSBuild settings, no first-run noise.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        Task readOut = PumpAsync(process.StandardOutput, output);
        Task readErr = PumpAsync(process.StandardError, output);
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish within {CommandTimeout}.\n{output}");
        }

        await Task.WhenAll(readOut, readErr);
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited {process.ExitCode}:\n{output}");
        return output.ToString();
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is string line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (string? directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "OAuth1Gen.sln")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException($"OAuth1Gen.sln is not above {AppContext.BaseDirectory}.");
    }
}
