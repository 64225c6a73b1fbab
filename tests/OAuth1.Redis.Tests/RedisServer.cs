using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OAuth1.Redis.Tests;

/// <summary>
/// A real <c>redis-server</c> (Debian's package) on a probed free loopback port, never 6379, with its data in a
/// temporary folder of its own. Ready when it logs "Ready to accept connections"; stopped by the test (SHUTDOWN) or
/// killed on dispose.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/redis-server";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly ConcurrentQueue<string> _log = new();
    private readonly bool _appendOnly;
    private Process? _process;

    private RedisServer(int port, string directory, bool appendOnly)
    {
        Port = port;
        DataDirectory = directory;
        _appendOnly = appendOnly;
    }

    public int Port { get; }

    public string DataDirectory { get; }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server on a free port; with <paramref name="appendOnly"/> its writes survive a restart.</summary>
    public static async Task<RedisServer> StartAsync(bool appendOnly = false)
    {
        // A port probed free can be taken before redis-server binds it: then try another.
        for (int attempt = 1; ; attempt++)
        {
            RedisServer server = Create(FreePort(), appendOnly);
            if (await server.TryStartAsync())
            {
                return server;
            }

            string log = server.Log;
            await server.DisposeAsync();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"redis-server did not start:\n{log}");
            }
        }
    }

    /// <summary>A server on this port that is not started yet (see <see cref="RestartAsync"/>).</summary>
    public static RedisServer Create(int port, bool appendOnly = false) =>
        new(port, Directory.CreateTempSubdirectory("oauth1-redis-").FullName, appendOnly);

    /// <summary>A loopback port that nothing listens on now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>What the server logged.</summary>
    public string Log => string.Join('\n', _log);

    /// <summary>Starts the server again, on the same port and data folder.</summary>
    public async Task RestartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The server is running.");
        }

        Assert.True(await TryStartAsync(), $"redis-server did not start again on port {Port}:\n{Log}");
    }

    /// <summary>Sends one inline command on a connection of its own and returns the first line of the reply (<c>+OK</c>).</summary>
    public async Task<string> CommandAsync(string inlineCommand)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        NetworkStream stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(inlineCommand + "\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var answered = new CancellationTokenSource(StartTimeout);
        return await reader.ReadLineAsync(answered.Token) ?? string.Empty;
    }

    /// <summary>Stops the server with SHUTDOWN SAVE (keeps its data) or SHUTDOWN NOSAVE, and waits for it to exit.</summary>
    public async Task ShutdownAsync(bool save)
    {
        Process process = _process ?? throw new InvalidOperationException("The server was not started.");
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            NetworkStream stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(save ? "SHUTDOWN SAVE\r\n" : "SHUTDOWN NOSAVE\r\n"));
            using var exited = new CancellationTokenSource(StartTimeout);
            await process.WaitForExitAsync(exited.Token);
        }

        Assert.True(process.HasExited);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                using var exited = new CancellationTokenSource(StartTimeout);
                await process.WaitForExitAsync(exited.Token);
            }

            process.Dispose();
            _process = null;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left behind in the temp folder; nothing depends on it.
        }
    }

    private async Task<bool> TryStartAsync()
    {
        _process?.Dispose();
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--save", string.Empty,
            "--appendonly", _appendOnly ? "yes" : "no",
            "--dir", DataDirectory,
            "--daemonize", "no",
            "--logfile", string.Empty,
        })
        {
            start.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            _log.Enqueue(e.Data);
            if (e.Data.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult(true);
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.Exited += (_, _) => ready.TrySetResult(false);
        process.Start();
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        bool started = await ready.Task.WaitAsync(StartTimeout);
        return started && !process.HasExited;
    }
}
