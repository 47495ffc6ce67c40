using System.Net;
using CleanAuth.TestCommon;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>The built app as an operator runs it: <c>dotnet CleanAuth.WebApi.dll</c>, configured by environment variables.</summary>
public sealed class StartupTests : IDisposable
{
    private const string PublicUrl = "https://auth.example.com";
    private static readonly string s_strongKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private readonly string _workDir = Directory.CreateTempSubdirectory("cleanauth-startup-").FullName;

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    [Fact]
    public async Task Start_WhenProductionHasNoSigningKey_ShouldExitNonZeroNamingTheSetting()
    {
        var result = await RunAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

        result.ExitCode.Should().NotBe(0);
        result.Output.Should().Contain("Jwt:SigningKey");
    }

    [Fact]
    public async Task Start_WhenProductionSigningKeyIsShort_ShouldExitNonZeroNamingTheSetting()
    {
        var result = await RunAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Jwt__SigningKey"] = Convert.ToBase64String(new byte[16]) });

        result.ExitCode.Should().NotBe(0);
        result.Output.Should().Contain("Jwt:SigningKey");
    }

    public static TheoryData<string, string> WeakSigningKeys() => new()
    {
        { "a passphrase (printable ASCII)", Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("correct horse battery staple, but typed by hand")) },
        { "32 zero bytes", Convert.ToBase64String(new byte[32]) },
        { "8 distinct byte values", Convert.ToBase64String(Enumerable.Range(0, 64).Select(i => (byte)(0x80 + (i % 8))).ToArray()) },
    };

    [Theory]
    [MemberData(nameof(WeakSigningKeys))]
    public async Task Start_WhenProductionSigningKeyIsNotRandom_ShouldExitNonZeroNamingTheSetting(string kind, string key)
    {
        var result = await RunAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Jwt__SigningKey"] = key, ["App__PublicBaseUrl"] = PublicUrl });

        result.ExitCode.Should().NotBe(0, kind);
        result.Output.Should().Contain("Jwt:SigningKey", kind);
        result.Output.Should().NotContain("   at ", "a refusal is one message, not a crash");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("http://localhost:5000")]
    [InlineData("https://LOCALHOST")]
    [InlineData("https://localhost./")]
    [InlineData("https://app.localhost")]
    [InlineData("https://app.localhost.")]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://127.8.9.10")]
    [InlineData("http://2130706433/")]
    [InlineData("http://[::1]:5000")]
    [InlineData("http://[::ffff:127.0.0.1]/")]
    [InlineData("ftp://auth.example.com")]
    [InlineData("auth.example.com")]
    [InlineData("/relative/path")]
    public async Task Start_WhenProductionPublicBaseUrlIsUnsetOrLocal_ShouldExitNonZeroNamingTheSetting(string? url)
    {
        var environment = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Jwt__SigningKey"] = s_strongKey };
        if (url is not null)
        {
            environment["App__PublicBaseUrl"] = url;
        }

        var result = await RunAsync(environment);

        result.ExitCode.Should().NotBe(0, url);
        result.Output.Should().Contain("App:PublicBaseUrl", url);
    }

    [Fact]
    public async Task Start_WhenProductionHasARandomKeyAndAPublicUrl_ShouldPassValidation()
    {
        var file = Path.Combine(_workDir, "accepted.db");

        var result = await RunAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Jwt__SigningKey"] = s_strongKey, ["App__PublicBaseUrl"] = PublicUrl, ["ConnectionStrings__Default"] = $"Data Source={file}", ["Database__AllowSqliteInProduction"] = "true" }, "migrate");

        result.ExitCode.Should().Be(0, result.Output);
        result.Output.Should().NotContain("cannot start");
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Testing")]
    public async Task Start_WhenHealthDetailsTokenIsShort_ShouldExitNonZeroNamingTheSetting(string environment)
    {
        var result = await RunAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = environment, ["Jwt__SigningKey"] = s_strongKey, ["App__PublicBaseUrl"] = PublicUrl, ["Health__DetailsToken"] = "too-short-a-secret" });

        result.ExitCode.Should().NotBe(0);
        result.Output.Should().Contain("Health:DetailsToken");
    }

    [Fact]
    public async Task Start_WhenProductionHashingIsBelowOwaspMinimum_ShouldExitNonZeroNamingTheSetting()
    {
        var result = await RunAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Jwt__SigningKey"] = s_strongKey, ["PasswordHashing__MemoryKiB"] = "1024", ["App__PublicBaseUrl"] = PublicUrl });

        result.ExitCode.Should().NotBe(0);
        result.Output.Should().Contain("PasswordHashing:MemoryKiB");
    }

    [Fact]
    public async Task Start_WhenMinimumPasswordLengthBelowEight_ShouldExitNonZeroNamingTheSetting()
    {
        var result = await RunAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Jwt__SigningKey"] = s_strongKey, ["Password__MinLength"] = "7", ["App__PublicBaseUrl"] = PublicUrl });

        result.ExitCode.Should().NotBe(0);
        result.Output.Should().Contain("Password:MinLength");
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Testing")]
    public async Task Start_WhenSqliteOutsideDevelopmentIsNotAllowed_ShouldExitNonZeroNamingTheSettingBeforeTouchingTheDatabase(string environment)
    {
        var result = await RunAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = environment, ["Jwt__SigningKey"] = s_strongKey, ["App__PublicBaseUrl"] = PublicUrl });

        result.ExitCode.Should().Be(2, result.Output);
        result.Output.Should().Contain("Database:AllowSqliteInProduction");
        File.Exists(Path.Combine(_workDir, "data", "cleanauth.db")).Should().BeFalse("the refusal comes before the database is touched");
    }

    [Theory]
    [InlineData("Xml")]
    [InlineData("json lines")]
    [InlineData("0")]
    public async Task Start_WhenLogFormatIsNeitherJsonNorText_ShouldExitNonZeroNamingTheSettingBeforeTouchingTheDatabase(string format)
    {
        var result = await RunAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Jwt__SigningKey"] = s_strongKey, ["App__PublicBaseUrl"] = PublicUrl,
            ["Database__AllowSqliteInProduction"] = "true", ["Logging__Format"] = format,
        });

        result.ExitCode.Should().Be(2, result.Output);
        result.Output.Should().Contain("Logging:Format");
        result.Output.Should().NotContain("   at ", "a refusal is one message, not a crash");
        File.Exists(Path.Combine(_workDir, "data", "cleanauth.db")).Should().BeFalse("the refusal comes before the database is touched");
    }

    [Theory]
    [InlineData("30")] // 30 days as a time span: surely meant as seconds
    [InlineData("thirty seconds")]
    [InlineData("-00:00:05")]
    public async Task Start_WhenShutdownTimeoutIsNotATimeSpanUpToAnHour_ShouldExitNonZeroNamingTheSetting(string timeout)
    {
        var result = await RunAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Jwt__SigningKey"] = s_strongKey, ["App__PublicBaseUrl"] = PublicUrl,
            ["Database__AllowSqliteInProduction"] = "true", ["HostOptions__ShutdownTimeout"] = timeout,
        });

        result.ExitCode.Should().Be(2, result.Output);
        result.Output.Should().Contain("HostOptions:ShutdownTimeout");
    }

    [Fact]
    public async Task Migrate_WhenRunOnAnEmptySqliteFile_ShouldCreateTheSchemaAndExit()
    {
        var file = Path.Combine(_workDir, "nested", "verb.db");

        var result = await RunAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Jwt__SigningKey"] = s_strongKey, ["ConnectionStrings__Default"] = $"Data Source={file}", ["App__PublicBaseUrl"] = PublicUrl, ["Database__AllowSqliteInProduction"] = "true" }, "migrate");

        result.ExitCode.Should().Be(0, result.Output);
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new SqliteCommand("SELECT name FROM sqlite_master WHERE type = 'table'", connection);
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        tables.Should().Contain(["users", "user_roles", "sessions", "refresh_tokens", "__EFMigrationsHistory"]);
    }

    [Fact]
    public async Task Migrate_WhenRunOnAnEmptyPostgresDatabase_ShouldCreateTheSchemaAndExit()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresTestServer.CreateDatabaseAsync(ct);

        var result = await RunAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Jwt__SigningKey"] = s_strongKey,
            ["App__PublicBaseUrl"] = PublicUrl,
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Default"] = database.ConnectionString,
        }, "migrate");

        result.ExitCode.Should().Be(0, result.Output);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('users','user_roles','sessions','refresh_tokens')", connection);
        ((long)(await command.ExecuteScalarAsync(ct))!).Should().Be(4);
    }

    [Fact]
    public async Task Run_WhenStartedWithNoConfigurationInDevelopment_ShouldServeOnTheEmbeddedSqliteDefault()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = AppProcess.FreePort();
        using var process = AppProcess.Start(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" }, [], _workDir);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var healthy = false;
            for (var attempt = 0; attempt < 100 && !healthy && !process.HasExited; attempt++)
            {
                try
                {
                    healthy = (await client.GetAsync("/health/ready", ct)).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200, ct);
                }
            }

            healthy.Should().BeTrue("the API starts with no set-up at all");
            (await client.GetStringAsync("/health/ready", ct)).Should().Contain("pending_messages", "Development shows readiness details to anyone");
            (await client.GetAsync("/docs/index.html", ct)).StatusCode.Should().Be(HttpStatusCode.OK, "Development serves the Swagger UI by default");
            (await client.GetAsync("/openapi/v1.json", ct)).StatusCode.Should().Be(HttpStatusCode.OK, "and the OpenAPI document");
            var (_, tokens) = await client.RegisterAndLoginAsync(ct);
            (await client.GetMeAsync(tokens.AccessToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
            File.Exists(Path.Combine(_workDir, "data", "cleanauth.db")).Should().BeTrue("SQLite is the embedded default, under the content root");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(ct);
        }
    }

    private async Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string> environment, params string[] args)
    {
        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(environment, args, TestContext.Current.CancellationToken, _workDir);
        return (exitCode, stdout + stderr);
    }
}
