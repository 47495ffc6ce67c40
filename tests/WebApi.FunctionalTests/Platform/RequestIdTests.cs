using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using CleanAuth.WebApi.Infrastructure;
using Serilog.Events;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>
/// <c>X-Request-ID</c>: a valid incoming id is kept, anything else replaced by a new one (never echoed or logged); the id
/// is on every response and on every log event of the request. A valid W3C <c>traceparent</c> sets the trace id.
/// </summary>
public sealed class RequestIdTests(ApiFixture api)
{
    private static readonly TimeSpan s_logTimeout = TimeSpan.FromSeconds(5);
    private readonly ApiFixture _api = api;
    private readonly HttpClient _client = api.CreateClient();

    public static TheoryData<string> ValidIds() => new()
    {
        "1",
        "abc-DEF_123.456:789",
        "0f8fad5b-d9cb-469f-a165-70867728950e",
        "urn:req:2026.12.01:abc_DEF-9",
        new string('a', 127) + "Z",
    };

    [Theory]
    [MemberData(nameof(ValidIds))]
    public async Task ValidIncomingId_ShouldBeEchoedAndBeInEveryLogEventOfTheRequest(string incoming)
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, tokens) = await _client.RegisterAndLoginAsync(ct);
        var id = incoming.Length == 128 ? incoming : $"{incoming}-{Guid.NewGuid():N}"; // unique, so its log events are this request's

        var response = await SendAsync(HttpMethod.Get, "/api/v1/users/me", tokens.AccessToken, r => r.Headers.TryAddWithoutValidation("X-Request-ID", id), ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.HeaderValue("X-Request-ID").Should().Be(id);
        var events = await EventsOfAsync(id, ct);
        events.Should().Contain(e => e.MessageTemplate.Text == RequestCompletionLog.MessageTemplate, "the completion line has the request id");
        events.Should().Contain(e => e.MessageTemplate.Text.StartsWith("Handled ", StringComparison.Ordinal), "so do the application's own lines");
    }

    [Fact]
    public async Task NoIncomingId_ShouldGetANewOneOnEveryResponseAndItsCompletionLine()
    {
        var ct = TestContext.Current.CancellationToken;

        var first = await _client.GetAsync("/health", ct);
        var second = await _client.GetAsync("/api/v1/no-such-route", ct);

        var ids = new[] { first.HeaderValue("X-Request-ID"), second.HeaderValue("X-Request-ID") };
        ids.Should().AllSatisfy(id => id.Should().MatchRegex("^[0-9a-f]{32}$")).And.OnlyHaveUniqueItems();
        (await EventsOfAsync(ids[1]!, ct)).Should().ContainSingle(e => e.MessageTemplate.Text == RequestCompletionLog.MessageTemplate);
    }

    public static TheoryData<string, string> InvalidIds()
    {
        var canary = $"canary{Guid.NewGuid():N}";
        return new()
        {
            { "empty", "" },
            { "too long", canary + new string('a', 129 - canary.Length) },
            { "a space", $"{canary} x" },
            { "a slash", $"{canary}/x" },
            { "markup", $"<script>{canary}</script>" },
            { "a comma (two ids)", $"{canary},x" },
            { "a quote", $"{canary}\"x" },
            { "non-ASCII", $"{canary}é" },
            { "a tab", $"{canary}\tx" },
            { "a log-forging newline", $"{canary}\r\nforged line" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public async Task InvalidIncomingId_ShouldBeReplacedNeverEchoedOrLoggedAndTheRequestServed(string kind, string invalid)
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await SendAsync(HttpMethod.Get, "/health", null, r => r.Headers.TryAddWithoutValidation("X-Request-ID", invalid), ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, kind);
        var id = response.HeaderValue("X-Request-ID");
        id.Should().MatchRegex("^[0-9a-f]{32}$", kind).And.NotBe(invalid);
        (await EventsOfAsync(id!, ct)).Should().ContainSingle(e => e.MessageTemplate.Text == RequestCompletionLog.MessageTemplate, kind);
        if (Regex.Match(invalid, "canary[0-9a-f]{32}") is { Success: true } canary)
        {
            _api.Factory.Logs.AllText.Should().NotContain(canary.Value, $"an invalid id ({kind}) is never logged");
        }
    }

    [Fact]
    public async Task TwoIncomingIds_ShouldBeReplacedByOne()
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await SendAsync(HttpMethod.Get, "/health", null, r => r.Headers.Add("X-Request-ID", ["first-id", "second-id"]), ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.HeaderValue("X-Request-ID").Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [Fact]
    public async Task ProblemBodies_ShouldNotCarryTheRequestId()
    {
        var ct = TestContext.Current.CancellationToken;

        var first = await SendAsync(HttpMethod.Get, "/api/v1/users/me", null, r => r.Headers.Add("X-Request-ID", "first-request"), ct);
        var second = await SendAsync(HttpMethod.Get, "/api/v1/users/me", null, r => r.Headers.Add("X-Request-ID", "second-request"), ct);

        var a = await first.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        var b = await second.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        a.TryGetProperty("request_id", out _).Should().BeFalse();
        a.ToString().Should().NotContain("first-request");
        ApiClientExtensions.WithoutTraceId(a).Should().Be(ApiClientExtensions.WithoutTraceId(b), "equal errors stay identical apart from trace_id");
    }

    [Fact]
    public async Task ValidTraceparent_ShouldSetTheTraceIdOfTheProblemAndTheLogLine()
    {
        var ct = TestContext.Current.CancellationToken;
        var traceId = ActivityTraceId.CreateRandom().ToHexString();

        var response = await SendAsync(HttpMethod.Get, "/api/v1/users/me", null,
            r => r.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01"), ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        problem.GetProperty("trace_id").GetString().Should().Be(traceId);
        var completion = (await EventsOfAsync(response.HeaderValue("X-Request-ID")!, ct)).Single(e => e.MessageTemplate.Text == RequestCompletionLog.MessageTemplate);
        completion.Properties["TraceId"].Should().Be(new ScalarValue(traceId));
    }

    public static TheoryData<string, string> InvalidTraceparents() => new()
    {
        { "not W3C", "garbage-0af7651916cd43dd8448eb211c80319c" },
        { "all-zero trace id", "00-00000000000000000000000000000000-b7ad6b7169203331-01" },
        { "all-zero span id", "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01" },
        { "upper-case hex", "00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01" },
        { "version ff", "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" },
        { "short trace id", "00-0af7651916cd43dd8448eb211c8031-b7ad6b7169203331-01" },
        { "empty", "" },
    };

    [Theory]
    [MemberData(nameof(InvalidTraceparents))]
    public async Task InvalidTraceparent_ShouldBeIgnoredForAFreshTraceId(string kind, string traceparent)
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await SendAsync(HttpMethod.Get, "/api/v1/users/me", null, r => r.Headers.TryAddWithoutValidation("traceparent", traceparent), ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        var traceId = problem.GetProperty("trace_id").GetString()!;
        traceId.Should().NotBe(new string('0', 32), kind).And.NotBe("0af7651916cd43dd8448eb211c80319c", kind);
        traceparent.Should().NotContainEquivalentOf(traceId, kind);
        var again = await SendAsync(HttpMethod.Get, "/api/v1/users/me", null, r => r.Headers.TryAddWithoutValidation("traceparent", traceparent), ct);
        (await again.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct)).GetProperty("trace_id").GetString().Should().NotBe(traceId, "each request starts its own trace");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? accessToken, Action<HttpRequestMessage> prepare, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        prepare(request);
        return await _client.SendAsync(request, ct);
    }

    /// <summary>The log events carrying request_id <paramref name="id"/>, once the request's completion line is written.</summary>
    private async Task<List<LogEvent>> EventsOfAsync(string id, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + s_logTimeout;
        List<LogEvent> events;
        while (!(events = Of(id)).Exists(e => e.MessageTemplate.Text == RequestCompletionLog.MessageTemplate) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, ct);
        }

        return events;
    }

    private List<LogEvent> Of(string id) =>
        [.. _api.Factory.Logs.LogEvents.Where(e => e.Properties.TryGetValue(RequestIdMiddleware.LogProperty, out var value) && value is ScalarValue { Value: string text } && text == id)];
}
