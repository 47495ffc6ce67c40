using System.Globalization;
using System.Security.Cryptography;
using CleanAuth.TestCommon;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// The real API in-process over HTTP, on its own real PostgreSQL database, with a signing key the tests know
/// (so they can mint hostile tokens) and every log event captured (so they can look for leaked secrets).
/// Password hashing runs at a low cost unless a test asks for the production defaults. Mail goes over SMTP to the
/// real test server (<see cref="SmtpTestServer"/>), whose Maildir the tests read, and its outbox is polled often.
/// </summary>
public sealed class CleanAuthApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;

    public CleanAuthApiFactory(string connectionString, IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configureServices = null)
    {
        _configureServices = configureServices;
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = connectionString,
            ["Jwt:SigningKey"] = SigningKeyBase64,
            ["Jwt:Issuer"] = Issuer,
            ["Jwt:Audience"] = Audience,
            ["PasswordHashing:MemoryKiB"] = "1024",
            ["PasswordHashing:Iterations"] = "1",
            ["Serilog:MinimumLevel:Default"] = "Information",
            ["Email:Provider"] = "Smtp",
            ["Email:Smtp:Host"] = SmtpTestServer.Host,
            ["Email:Smtp:Port"] = SmtpTestServer.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:UseStartTls"] = "false",
            ["Email:From"] = MailFrom,
            ["Email:PollIntervalSeconds"] = "0.2",
            ["Email:RetryBaseSeconds"] = "0.5",
            ["App:PublicBaseUrl"] = PublicBaseUrl,
            ["Health:DetailsToken"] = HealthDetailsToken,
            ["Docs:Enabled"] = "true", // off by default outside Development (DocsTests); the OpenAPI tests read them

            // An hour: only the unit of work's invalidation can make GET /users/me show a change (ADR-017), so every test
            // that changes an account and reads it back proves that no change path is missed.
            ["Performance:UserCacheSeconds"] = "3600",

            // The limiter runs on every request but is never reached: the tests send far more than 10 logins a minute,
            // from one address (none at all on the in-memory server). RateLimitTests set small limits of their own.
            ["RateLimiting:PerMinute"] = UnreachedRateLimit,
            ["RateLimiting:AuthPerMinute"] = UnreachedRateLimit,
            ["RateLimiting:RefreshPerMinute"] = UnreachedRateLimit,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public const string Issuer = "cleanauth-tests";
    public const string Audience = "cleanauth-tests-api";

    /// <summary>The sender every test host's mail carries.</summary>
    public const string MailFrom = "CleanAuth <no-reply@cleanauth.test>";

    public const string MailFromAddress = "no-reply@cleanauth.test";

    /// <summary>The base the links in every test host's mail start with.</summary>
    public const string PublicBaseUrl = "https://app.cleanauth.test";

    /// <summary>The operator's secret for readiness details (counts) outside Development.</summary>
    public const string HealthDetailsToken = "health-details-test-token-0123456789abcdef";

    /// <summary>The requests per client and minute of every rate limit in the test hosts unless a test sets its own.</summary>
    public const string UnreachedRateLimit = "1000000";

    /// <summary>Known to the tests only: lets them mint tokens with valid signatures but hostile contents.</summary>
    public static readonly byte[] SigningKey = RandomNumberGenerator.GetBytes(32);

    public static string SigningKeyBase64 => Convert.ToBase64String(SigningKey);

    public CapturingLogSink Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            _configureServices?.Invoke(services);
        });
    }
}
