using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Section <c>Database</c>, plus the connection string from <c>ConnectionStrings:Default</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Resolved from <c>ConnectionStrings:Default</c>; for SQLite it defaults to <c>data/cleanauth.db</c> under the content root.</summary>
    public string ConnectionString { get; set; } = "";
}

internal sealed class DatabaseOptionsSetup : IConfigureOptions<DatabaseOptions>, IValidateOptions<DatabaseOptions>
{
    private readonly IConfiguration _configuration;
    private readonly IHostEnvironment _environment;

    public DatabaseOptionsSetup(IConfiguration configuration, IHostEnvironment environment)
    {
        _configuration = configuration;
        _environment = environment;
    }

    public void Configure(DatabaseOptions options)
    {
        _configuration.GetSection(DatabaseOptions.SectionName).Bind(options);
        var configured = _configuration.GetConnectionString("Default");
        options.ConnectionString = !string.IsNullOrWhiteSpace(configured) ? configured
            : options.Provider == DatabaseProvider.Sqlite ? $"Data Source={Path.Combine(_environment.ContentRootPath, "data", "cleanauth.db")}"
            : "";
    }

    public ValidateOptionsResult Validate(string? name, DatabaseOptions options) =>
        options.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString)
            ? ValidateOptionsResult.Fail("ConnectionStrings:Default is required when Database:Provider is Postgres.")
            : ValidateOptionsResult.Success;
}
