using System.Diagnostics;
using System.Linq.Expressions;
using System.Net;
using System.Text.Json.Nodes;
using CleanAuth.Domain.Auditing;
using CleanAuth.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// Sends every request as a traced client does: with a W3C <c>traceparent</c> of a fresh trace id (the request's trace id
/// the app adopts, as its log line and problems show it) and a <c>User-Agent</c>, so an audit entry can be matched to the
/// request that wrote it.
/// </summary>
public sealed class TracingHandler : DelegatingHandler
{
    public const string UserAgent = "CleanAuthAuditTests/1.0";

    /// <summary>The trace id of the last request sent.</summary>
    public string LastTraceId { get; private set; } = "";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LastTraceId = ActivityTraceId.CreateRandom().ToHexString();
        request.Headers.Remove("traceparent");
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{LastTraceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        if (request.Headers.UserAgent.Count == 0)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        }

        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>An API host whose every request comes from <see cref="ClientAddress"/>, on a database of its own, for the audit tests.</summary>
public sealed class AuditedApi : IAsyncLifetime
{
    public const string ClientAddress = "203.0.113.77";

    public IsolatedApi Api { get; private set; } = null!;

    public CleanAuthApiFactory Factory => Api.Factory;

    public async ValueTask InitializeAsync() =>
        Api = await ApiFixture.StartIsolatedAsync(
            configureServices: s => s.AddSingleton<IStartupFilter>(new RemoteAddressStartupFilter(IPAddress.Parse(ClientAddress))));

    /// <summary>A client whose requests carry a fresh trace id each (<see cref="TracingHandler.LastTraceId"/>).</summary>
    public (HttpClient Client, TracingHandler Trace) CreateTracedClient()
    {
        var trace = new TracingHandler();
        return (Factory.CreateDefaultClient(trace), trace);
    }

    public ValueTask DisposeAsync() => Api.DisposeAsync();
}

/// <summary>Reads the <c>audit_log</c> table through the host's own DbContext (not through any API).</summary>
public static class AuditTrail
{
    public static async Task<List<AuditLogEntry>> ReadAsync(CleanAuthApiFactory host, Expression<Func<AuditLogEntry, bool>> where, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>().AuditLog.AsNoTracking()
            .Where(where).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The entries one request wrote.</summary>
    public static Task<List<AuditLogEntry>> OfRequestAsync(CleanAuthApiFactory host, string traceId, CancellationToken cancellationToken) =>
        ReadAsync(host, e => e.TraceId == traceId, cancellationToken);

    /// <summary>The entries about one account.</summary>
    public static Task<List<AuditLogEntry>> AboutAsync(CleanAuthApiFactory host, Guid userId, CancellationToken cancellationToken) =>
        ReadAsync(host, e => e.UserId == userId, cancellationToken);

    /// <summary>
    /// Asserts the entry records <paramref name="eventType"/> about <paramref name="userId"/> by <paramref name="actorId"/>,
    /// with <paramref name="details"/> (as JSON: the database normalizes it), sent by a <see cref="TracingHandler"/> client
    /// from <see cref="AuditedApi.ClientAddress"/> in the request <paramref name="traceId"/>; or, with a null trace id,
    /// outside any request (start-up, the command line, background work): no address, user agent or trace id.
    /// </summary>
    public static void ShouldRecord(this AuditLogEntry entry, string eventType, Guid? userId, Guid? actorId, string? traceId, string details = "{}")
    {
        entry.EventType.Should().Be(eventType);
        entry.UserId.Should().Be(userId, $"user_id of {eventType}");
        entry.ActorId.Should().Be(actorId, $"actor_id of {eventType}");
        JsonNode.DeepEquals(JsonNode.Parse(entry.Details), JsonNode.Parse(details)).Should().BeTrue($"the details of {eventType} are {details}, not {entry.Details}");
        entry.TraceId.Should().Be(traceId, $"trace_id of {eventType}");
        entry.IpAddress.Should().Be(traceId is null ? null : AuditedApi.ClientAddress, $"ip_address of {eventType}");
        entry.UserAgent.Should().Be(traceId is null ? null : TracingHandler.UserAgent, $"user_agent of {eventType}");
        entry.OccurredAt.Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(2));
    }
}
