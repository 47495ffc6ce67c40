using CleanAuth.Application;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.TestCommon;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CleanAuth.Infrastructure.IntegrationTests.Persistence;

public enum TestProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The Infrastructure layer wired as the app wires it, on a fresh, migrated database of either provider.</summary>
public sealed class InfrastructureHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly PostgresTestDatabase? _postgres;
    private readonly string? _sqliteFolder;

    private InfrastructureHost(IHost host, PostgresTestDatabase? postgres, string? sqliteFolder, string connectionString)
    {
        _host = host;
        _postgres = postgres;
        _sqliteFolder = sqliteFolder;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public IServiceProvider Services => _host.Services;

    /// <param name="provider">The database to run on.</param>
    /// <param name="migrate">False to leave the database empty.</param>
    /// <param name="clock">The clock every service sees (<see cref="TimeProvider.System"/> unless given).</param>
    /// <param name="settings">Configuration added over the defaults, e.g. <c>Email:MaxAttempts</c>.</param>
    /// <param name="configureServices">Runs after <c>AddInfrastructure</c>, to replace a registration.</param>
    public static async Task<InfrastructureHost> StartAsync(
        TestProvider provider,
        bool migrate = true,
        TimeProvider? clock = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        PostgresTestDatabase? postgres = null;
        string? folder = null;
        string connectionString;
        if (provider == TestProvider.Postgres)
        {
            postgres = await PostgresTestServer.CreateDatabaseAsync();
            connectionString = postgres.ConnectionString;
        }
        else
        {
            folder = Directory.CreateTempSubdirectory("cleanauth-sqlite-").FullName;
            connectionString = $"Data Source={Path.Combine(folder, "test.db")};Pooling=False";
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:AllowSqliteInProduction"] = "true", // the Testing environment is "outside Development"
            ["ConnectionStrings:Default"] = connectionString,
            ["Jwt:SigningKey"] = Convert.ToBase64String(new byte[32]),
            ["PasswordHashing:MemoryKiB"] = "1024",
            ["PasswordHashing:Iterations"] = "1",
            ["App:PublicBaseUrl"] = "https://app.cleanauth.test",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddLogging();
        builder.Services.AddSingleton(clock ?? TimeProvider.System);
        builder.Services.AddScoped<ICurrentUser, NobodySignedIn>();
        builder.Services.AddSingleton<IRequestContext, NoRequest>();
        builder.Services.AddApplication(builder.Configuration);
        builder.Services.AddInfrastructure(builder.Configuration);
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        if (migrate)
        {
            await host.Services.MigrateDatabaseAsync(CancellationToken.None);
        }

        return new InfrastructureHost(host, postgres, folder, connectionString);
    }

    public AsyncServiceScope CreateScope() => _host.Services.CreateAsyncScope();

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_sqliteFolder, recursive: true);
        }
    }
}

/// <summary>Background work and tests run with nobody signed in.</summary>
internal sealed class NobodySignedIn : ICurrentUser
{
    public bool IsAuthenticated => false;

    public bool IsOperator => false;

    public Guid? UserId => null;

    public Guid? SessionId => null;

    public IReadOnlyList<string> Roles => [];
}

/// <summary>Background work and tests run outside any HTTP request: no address, user agent or trace id.</summary>
internal sealed class NoRequest : IRequestContext
{
    public string? IpAddress => null;

    public string? UserAgent => null;

    public string? TraceId => null;
}
