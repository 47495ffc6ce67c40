using CleanAuth.TestCommon;

[assembly: AssemblyFixture(typeof(CleanAuth.WebApi.FunctionalTests.Infrastructure.ApiFixture))]

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>One API host on one fresh PostgreSQL database, shared by the tests that need no special settings.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private PostgresTestDatabase? _database;

    public CleanAuthApiFactory Factory { get; private set; } = null!;

    public PostgresTestDatabase Database => _database!;

    public async ValueTask InitializeAsync()
    {
        _database = await PostgresTestServer.CreateDatabaseAsync();
        Factory = new CleanAuthApiFactory(_database.ConnectionString);
        using var warmUp = Factory.CreateClient();
    }

    public HttpClient CreateClient() => Factory.CreateClient();

    /// <summary>A host with other settings on a database of its own; dispose it at the end of the test.</summary>
    public static async Task<IsolatedApi> StartIsolatedAsync(IDictionary<string, string?>? overrides = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null)
    {
        var database = await PostgresTestServer.CreateDatabaseAsync();
        var factory = new CleanAuthApiFactory(database.ConnectionString, overrides, configureServices);
        return new IsolatedApi(factory, database);
    }

    public async ValueTask DisposeAsync()
    {
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public sealed class IsolatedApi : IAsyncDisposable
{
    public IsolatedApi(CleanAuthApiFactory factory, PostgresTestDatabase database)
    {
        Factory = factory;
        Database = database;
    }

    public CleanAuthApiFactory Factory { get; }

    public PostgresTestDatabase Database { get; }

    public HttpClient CreateClient() => Factory.CreateClient();

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
