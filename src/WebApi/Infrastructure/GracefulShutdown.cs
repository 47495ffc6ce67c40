using System.Globalization;
using CleanAuth.Application.Common.Options;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>Section <c>HostOptions</c> (the .NET host's own), key <c>ShutdownTimeout</c>.</summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "HostOptions";
    public static readonly TimeSpan Maximum = TimeSpan.FromHours(1);

    /// <summary>A time span (<c>00:00:30</c>); unset: the host's default, 30 seconds.</summary>
    public string? ShutdownTimeout { get; set; }

    /// <summary>The configured time span, or null when unset or not one within 0 … <see cref="Maximum"/>.</summary>
    public static TimeSpan? Parse(string? value) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var timeout) && timeout >= TimeSpan.Zero && timeout <= Maximum ? timeout : null;
}

internal sealed class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>
{
    public ValidateOptionsResult Validate(string? name, ShutdownOptions options) =>
        string.IsNullOrWhiteSpace(options.ShutdownTimeout) || ShutdownOptions.Parse(options.ShutdownTimeout) is not null
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("HostOptions:ShutdownTimeout must be a time span between 00:00:00 and 01:00:00 (hh:mm:ss, e.g. 00:00:30).");
}

/// <summary>
/// On SIGTERM (or Ctrl+C) the host stops the server first: it stops accepting connections and lets the requests in
/// flight finish, then stops the background services (the outbox finishes the message it is sending), all within
/// <c>HostOptions:ShutdownTimeout</c>; then the process exits 0. Give the orchestrator a longer grace period than that.
/// </summary>
public static class GracefulShutdown
{
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ShutdownOptions, ShutdownOptionsValidator>(configuration, ShutdownOptions.SectionName);

        // Read from the configuration directly: the host reads its options when it is built, before the settings are
        // validated (an invalid value leaves the default, and start-up is refused right after).
        services.Configure<HostOptions>(host =>
        {
            if (ShutdownOptions.Parse(configuration[$"{ShutdownOptions.SectionName}:{nameof(ShutdownOptions.ShutdownTimeout)}"]) is { } timeout)
            {
                host.ShutdownTimeout = timeout;
            }
        });
        return services;
    }
}
