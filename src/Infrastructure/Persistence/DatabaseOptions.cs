using CleanAuth.Application.Common.Options;
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

    /// <summary>
    /// Outside Development the embedded SQLite database is refused unless this is true: it suits one instance on one
    /// disk (a trial, a small install), not a deployment that scales out or expects a managed database.
    /// </summary>
    public bool AllowSqliteInProduction { get; set; }

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

    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var failures = new List<string>();
        if (options.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("ConnectionStrings:Default is required when Database:Provider is Postgres.");
        }

        if (options.Provider == DatabaseProvider.Sqlite && !options.AllowSqliteInProduction && !_environment.IsDevelopment())
        {
            failures.Add(
                $"Database:Provider is Sqlite in the {_environment.EnvironmentName} environment: use Postgres, or set Database:AllowSqliteInProduction=true " +
                "to accept the embedded database (one instance, one disk).");
        }

        return failures.ToResult();
    }
}
