using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CleanAuth.TestCommon;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// The built app as a real process on Kestrel (<c>dotnet CleanAuth.WebApi.dll</c> on a free loopback port, environment
/// Testing, its own PostgreSQL database unless given one), for what the in-process test server does not do: Kestrel's
/// own limits, a second instance of the app on another's database, its standard output, and its shutdown on SIGTERM.
/// </summary>
public sealed class RunningApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly PostgresTestDatabase? _ownDatabase;
    private readonly string _workDir;
    private readonly StringBuilder _output = new();
    private readonly List<string> _standardOutput = [];

    private RunningApp(Process process, PostgresTestDatabase? ownDatabase, PostgresTestDatabase database, string workDir, int port)
    {
        _process = process;
        _ownDatabase = ownDatabase;
        _workDir = workDir;
        Database = database;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public HttpClient Client { get; }

    /// <summary>The loopback port the app listens on.</summary>
    public int Port { get; }

    /// <summary>The database the app serves from.</summary>
    public PostgresTestDatabase Database { get; }

    /// <summary>The lines the app wrote to standard output so far (its log, in <c>Logging:Format</c>).</summary>
    public IReadOnlyList<string> StandardOutputLines
    {
        get
        {
            lock (_output)
            {
                return [.. _standardOutput];
            }
        }
    }

    /// <summary>What the app wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="cancellationToken">Stops waiting for the app to answer.</param>
    /// <param name="sharedDatabase">Another host's database to serve from (it stays the other's to dispose); a new one when null.</param>
    /// <param name="settings">Environment variables added over the defaults, e.g. <c>Jwt__RevocationSyncSeconds</c>.</param>
    public static async Task<RunningApp> StartAsync(
        CancellationToken cancellationToken, PostgresTestDatabase? sharedDatabase = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var ownDatabase = sharedDatabase is null ? await PostgresTestServer.CreateDatabaseAsync(cancellationToken) : null;
        var database = sharedDatabase ?? ownDatabase!;
        var workDir = Directory.CreateTempSubdirectory("cleanauth-app-").FullName;
        var port = AppProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Default"] = database.ConnectionString,
            ["Jwt__SigningKey"] = CleanAuthApiFactory.SigningKeyBase64,
            ["Jwt__Issuer"] = CleanAuthApiFactory.Issuer,
            ["Jwt__Audience"] = CleanAuthApiFactory.Audience,
            ["PasswordHashing__MemoryKiB"] = "1024",
            ["PasswordHashing__Iterations"] = "1",
            ["App__PublicBaseUrl"] = CleanAuthApiFactory.PublicBaseUrl,
            ["RateLimiting__PerMinute"] = CleanAuthApiFactory.UnreachedRateLimit,
            ["RateLimiting__AuthPerMinute"] = CleanAuthApiFactory.UnreachedRateLimit,
            ["RateLimiting__RefreshPerMinute"] = CleanAuthApiFactory.UnreachedRateLimit,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var app = new RunningApp(AppProcess.Start(environment, [], workDir), ownDatabase, database, workDir, port);
        app._process.OutputDataReceived += (_, e) => app.Append(e.Data, standardOutput: true);
        app._process.ErrorDataReceived += (_, e) => app.Append(e.Data, standardOutput: false);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        for (var attempt = 0; attempt < 150 && !app._process.HasExited; attempt++)
        {
            try
            {
                if ((await app.Client.GetAsync("/health", cancellationToken)).StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200, cancellationToken);
        }

        var output = app.Output;
        await app.DisposeAsync();
        throw new InvalidOperationException($"The app did not start on port {port.ToString(CultureInfo.InvariantCulture)}:{Environment.NewLine}{output}");
    }

    /// <summary>Sends SIGTERM, as <c>docker stop</c> or an orchestrator does; the app then shuts down on its own.</summary>
    public async Task TerminateAsync(CancellationToken cancellationToken)
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(cancellationToken);
        kill.ExitCode.Should().Be(0, "the app's process received SIGTERM");
    }

    /// <summary>The exit code once the process has exited within <paramref name="timeout"/>, else null (still running).</summary>
    public async Task<int?> ExitCodeWithinAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        _process.WaitForExit(); // the redirected output is drained to its end
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        if (_ownDatabase is not null)
        {
            await _ownDatabase.DisposeAsync();
        }

        Directory.Delete(_workDir, recursive: true);
    }

    private void Append(string? line, bool standardOutput)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
                if (standardOutput)
                {
                    _standardOutput.Add(line);
                }
            }
        }
    }
}
