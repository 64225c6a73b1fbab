using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using OAuth1.Generator.Tests.Integration;

namespace OAuth1.Generator.Tests.Packaging;

/// <summary>
/// The way a user gets the packages: one <c>dotnet pack</c> of every project under <c>src/</c> into a local folder feed
/// (the generator inside OAuth1.Core, in <c>analyzers/dotnet/cs</c>), then a new project outside this repository that
/// installs every library package from that feed, builds without a single warning and calls the loopback provider
/// through each package.
/// </summary>
public sealed class PackageConsumerTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>, IDisposable
{
    /// <summary>Every library package. A new package under src/ is added here and used by the consumer program.</summary>
    private static readonly string[] LibraryPackages = ["OAuth1.AspNetCore", "OAuth1.Core", "OAuth1.Redis", "OAuth1.Refit"];

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(4);

    /// <summary>An MSBuild or NuGet warning line (<c>warning NU5039:</c>, <c>warning CS1591:</c>, <c>warning :</c>), not the "0 Warning(s)" summary.</summary>
    private static readonly Regex WarningLine = new(@"\bwarning\s*[A-Z]*[0-9]*\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private readonly string _work = Directory.CreateTempSubdirectory("oauth1gen-pack-").FullName;

    [Fact]
    public async Task EveryPackage_InstallsFromALocalFeed_AndBuildsAndRunsWithoutAWarning()
    {
        string root = RepositoryRoot();
        string version = XDocument.Load(Path.Combine(root, "Directory.Build.props")).Descendants("Version").Single().Value;
        string feed = Directory.CreateDirectory(Path.Combine(_work, "feed")).FullName;

        string packOutput = await RunAsync("dotnet", _work, "pack", WriteSolutionFilter(root), "-o", feed, "-nodeReuse:false");
        AssertNoWarning(packOutput);

        // One version for all, a symbols package beside each package, and nothing else under src/ packable.
        string[] expectedFiles = LibraryPackages.SelectMany(id => new[] { $"{id}.{version}.nupkg", $"{id}.{version}.snupkg" }).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expectedFiles, Directory.GetFiles(feed).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray());

        string? remote = await GitRemoteAsync(root);
        foreach (string id in LibraryPackages)
        {
            using ZipArchive archive = ZipFile.OpenRead(Path.Combine(feed, $"{id}.{version}.nupkg"));
            Assert.Contains(archive.Entries, e => e.FullName == "README.md" && e.Length > 0);
            Assert.Contains(archive.Entries, e => e.FullName == $"lib/net8.0/{id}.dll");
            Assert.Contains(archive.Entries, e => e.FullName == $"lib/net10.0/{id}.dll");

            XElement metadata = ReadNuspec(archive).Elements().Single(e => e.Name.LocalName == "metadata");
            string Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? string.Empty;
            Assert.Equal("README.md", Field("readme"));
            Assert.NotEmpty(Field("description"));
            Assert.Contains("oauth1", Field("tags").Split(' '));
            string? repositoryUrl = metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "repository")?.Attribute("url")?.Value;
            if (remote is null || IsLocalPath(remote))
            {
                // No remote, or a path (a CI clone's): no URL at all, never the path.
                Assert.Null(repositoryUrl);
            }
            else if (Uri.TryCreate(remote, UriKind.Absolute, out Uri? http) && (http.Scheme == Uri.UriSchemeHttps || http.Scheme == Uri.UriSchemeHttp))
            {
                Assert.StartsWith($"{http.Scheme}://{http.Host}/", repositoryUrl, StringComparison.Ordinal);
            }
            else
            {
                // An ssh remote: the SDK's source control support gives the host's https URL, or nothing.
                Assert.True(repositoryUrl is null || repositoryUrl.StartsWith("https://", StringComparison.Ordinal), repositoryUrl);
            }
        }

        using (ZipArchive core = ZipFile.OpenRead(Path.Combine(feed, $"OAuth1.Core.{version}.nupkg")))
        {
            Assert.Contains(core.Entries, e => e.FullName == "analyzers/dotnet/cs/OAuth1.Generator.dll");
            Assert.DoesNotContain(core.Entries, e => e.FullName.StartsWith("lib/netstandard2.0", StringComparison.Ordinal));
        }

        string consumer = Directory.CreateDirectory(Path.Combine(_work, "consumer")).FullName;
        WriteConsumer(consumer, feed, version);
        string project = Path.Combine(consumer, "Consumer.csproj");

        string buildOutput = await RunAsync("dotnet", consumer, "build", project, "-nodeReuse:false");
        AssertNoWarning(buildOutput);
        foreach (string id in LibraryPackages)
        {
            // Installed from the feed of this run, not found somewhere else.
            Assert.True(Directory.Exists(Path.Combine(consumer, "packages", id.ToLowerInvariant(), version)), $"{id} {version} was not installed from the local feed.");
        }

        string output = await RunAsync("dotnet", consumer, "run", "--no-build", "--project", project, "--", fixture.Provider.BaseAddress.AbsoluteUri);

        Assert.Contains("generated=PackedApiClient raw_target=/api/echo/5?q=a%20b", output, StringComparison.Ordinal);
        Assert.Contains("refit raw_target=/api/echo/6?q=c%20d", output, StringComparison.Ordinal);
        Assert.Contains("scheme=provider handler=OAuth1AuthenticationHandler", output, StringComparison.Ordinal);
        Assert.Contains("nonce_store=Singleton", output, StringComparison.Ordinal);
        foreach (string target in new[] { "/api/echo/5?q=a%20b", "/api/echo/6?q=c%20d" })
        {
            ReceivedRequest received = Assert.Single(fixture.Provider.Received, r => r.RawTarget == target);
            Assert.True(received.Verification.IsValid, received.Verification.ToString());
        }
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

    private static void AssertNoWarning(string output)
    {
        Assert.False(WarningLine.IsMatch(output), "Warnings:\n" + output);
        Assert.DoesNotContain("missing a readme", output, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A solution filter with every project under src/, so that one pack builds and packs them all.</summary>
    private string WriteSolutionFilter(string root)
    {
        string[] projects = Directory.GetFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        string filter = Path.Combine(_work, "packages.slnf");
        File.WriteAllText(filter, JsonSerializer.Serialize(new { solution = new { path = Path.Combine(root, "OAuth1Gen.sln"), projects } }));
        return filter;
    }

    private static XElement ReadNuspec(ZipArchive archive)
    {
        using Stream stream = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/')).Open();
        return XDocument.Load(stream).Root!;
    }

    /// <summary>The origin remote's URL or path; null when there is no repository or no origin.</summary>
    private static async Task<string?> GitRemoteAsync(string root)
    {
        if (!Directory.Exists(Path.Combine(root, ".git")) && !File.Exists(Path.Combine(root, ".git")))
        {
            return null;
        }

        string remote = (await RunAsync("git", root, allowFailure: true, "remote", "get-url", "origin")).Trim();
        return remote.Length == 0 ? null : remote;
    }

    private static bool IsLocalPath(string remote) =>
        Path.IsPathRooted(remote) || remote.StartsWith('.') || remote.StartsWith("file:", StringComparison.OrdinalIgnoreCase);

    private static void WriteConsumer(string directory, string feed, string version)
    {
        // The local feed first; the registry for the third-party dependencies (Refit, Microsoft.Extensions.*). Packages
        // are installed into the consumer's own folder, with the machine's package folder as a read-only fallback so
        // that nothing is downloaded twice and nothing of this run lands there.
        string globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string fallback = Directory.Exists(globalPackages) ? $"<add key=\"machine\" value=\"{globalPackages}\" />" : string.Empty;
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <fallbackPackageFolders>
                <clear />
                {fallback}
              </fallbackPackageFolders>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />");
        string references = string.Concat(LibraryPackages.Select(id => $"""<PackageReference Include="{id}" Version="{version}" />"""));
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
                {references}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), $$"""
            using System.Text.Json;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.Extensions.DependencyInjection;
            using OAuth1;
            using OAuth1.Refit;

            var options = new OAuth1Options
            {
                ConsumerKey = "{{LoopbackProvider.ConsumerKey}}",
                ConsumerSecret = "{{LoopbackProvider.ConsumerSecret}}",
                TokenCredentials = new OAuth1Token("{{LoopbackProvider.Token}}", "{{LoopbackProvider.TokenSecret}}"),
            };

            // OAuth1.Core: a client written by the generator inside the package.
            using var http = new HttpClient { BaseAddress = new Uri(args[0]) };
            IPackedApi generated = new PackedApiClient(http, options);
            Console.WriteLine($"generated={generated.GetType().Name} raw_target={RawTarget(await generated.EchoAsync(5, "a b"))}");

            // OAuth1.Refit: a Refit client signed below Refit.
            IRefitEchoApi refit = OAuth1RestService.For<IRefitEchoApi>(args[0].TrimEnd('/'), options);
            Console.WriteLine($"refit raw_target={RawTarget(await refit.EchoAsync(6, "c d"))}");

            // OAuth1.AspNetCore: a sign-in scheme (the ASP.NET Core shared framework comes with the package).
            var services = new ServiceCollection();
            services.AddAuthentication().AddOAuth1("provider", o =>
            {
                o.ConsumerKey = "{{LoopbackProvider.ConsumerKey}}";
                o.ConsumerSecret = "{{LoopbackProvider.ConsumerSecret}}";
                o.RequestTokenEndpoint = args[0] + "request_token";
                o.AuthorizationEndpoint = args[0] + "authorize";
                o.AccessTokenEndpoint = args[0] + "access_token";
            });
            // OAuth1.Redis: the shared nonce store, registered (it connects only when first resolved).
            services.AddOAuth1RedisNonceStore("redis:6379");
            Console.WriteLine($"nonce_store={services.Single(d => d.ServiceType == typeof(IOAuth1NonceStore)).Lifetime}");
            using ServiceProvider provider = services.BuildServiceProvider();
            AuthenticationScheme scheme = (await provider.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync("provider"))!;
            Console.WriteLine($"scheme={scheme.Name} handler={scheme.HandlerType.Name}");

            static string RawTarget(string echo) => JsonDocument.Parse(echo).RootElement.GetProperty("raw_target").GetString()!;

            [OAuth1Api]
            public interface IPackedApi
            {
                [Get("echo/{id}")]
                Task<string> EchoAsync(int id, [Query] string q, CancellationToken cancellationToken = default);
            }
            """);

        // Refit's attributes share names with the generator's: this file imports only Refit.
        File.WriteAllText(Path.Combine(directory, "RefitEchoApi.cs"), """
            using Refit;

            public interface IRefitEchoApi
            {
                [Get("/echo/{id}")]
                Task<string> EchoAsync(int id, string q);
            }
            """);
    }

    private static Task<string> RunAsync(string fileName, string workingDirectory, params string[] arguments) =>
        RunAsync(fileName, workingDirectory, allowFailure: false, arguments);

    private static async Task<string> RunAsync(string fileName, string workingDirectory, bool allowFailure, params string[] arguments)
    {
        if (fileName == "dotnet" && Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            fileName = host;
        }

        var start = new ProcessStartInfo(fileName)
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

        // A clean child: none of the test host's MSBuild settings, no first-run noise, the plain console logger.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDTERMINALLOGGER"] = "off";

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
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {CommandTimeout}.\n{output}");
        }

        await Task.WhenAll(readOut, readErr);
        Assert.True(allowFailure || process.ExitCode == 0, $"{fileName} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{output}");
        return process.ExitCode == 0 ? output.ToString() : string.Empty;
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
