using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using CleanAuth.WebApi.Infrastructure;
using Microsoft.AspNetCore.Http;
using Serilog.Events;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>Every request leaves exactly one completion line, including those answered before any controller runs.</summary>
public sealed class RequestLogTests
{
    private static readonly TimeSpan s_logTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task EveryRequest_WhetherAnsweredByAControllerOrRejectedBeforeIt_ShouldLogOneCompletionLineWithItsTraceId()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(new Dictionary<string, string?> { ["Api:MaxRequestBodyBytes"] = "1024" });
        var client = isolated.CreateClient();
        var (_, tokens) = await client.RegisterAndLoginAsync(ct);

        var badToken = await (await client.GetMeAsync("not-a-token", ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);
        var malformed = await (await client.PostAsync("/api/v1/auth/login", new StringContent("{\"email\": ", Encoding.UTF8, "application/json"), ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "MALFORMED_REQUEST", ct);
        var declaredTooLarge = await (await client.PostAsync("/api/v1/auth/login", new StringContent(new string('a', 4096), Encoding.UTF8, "application/json"), ct))
            .ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE", ct);
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"email\":\"" + new string('a', 4096) + "\"}")));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        chunked.Headers.ContentLength = null;
        var chunkedTooLarge = await (await client.PostAsync("/api/v1/auth/refresh", chunked, ct))
            .ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE", ct);
        var unknown = await (await client.GetAsync("/api/v1/no-such-route?canary=query-string-canary", ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND", ct);

        var okTraceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        using (var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me"))
        {
            me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
            me.Headers.Add("traceparent", $"00-{okTraceId}-{Convert.ToHexStringLower(BitConverter.GetBytes(42L))}-01");
            (await client.SendAsync(me, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var logs = isolated.Factory.Logs;
        (await CompletionLineAsync(logs, TraceId(badToken), ct)).Should().Be("GET /api/v1/users/me 401");
        (await CompletionLineAsync(logs, TraceId(malformed), ct)).Should().Be("POST /api/v1/auth/login 400");
        (await CompletionLineAsync(logs, TraceId(declaredTooLarge), ct)).Should().Be("POST /api/v1/auth/login 413");
        (await CompletionLineAsync(logs, TraceId(chunkedTooLarge), ct)).Should().Be("POST /api/v1/auth/refresh 413");
        (await CompletionLineAsync(logs, TraceId(unknown), ct)).Should().Be("GET /api/v1/no-such-route 404", "a logged path never carries the query string");
        (await CompletionLineAsync(logs, okTraceId, ct)).Should().Be("GET /api/v1/users/me 200");
    }

    [Theory]
    [InlineData(200, false, false, LogEventLevel.Information)]
    [InlineData(429, false, false, LogEventLevel.Information)]
    [InlineData(500, false, false, LogEventLevel.Error)]
    [InlineData(503, false, false, LogEventLevel.Error)]
    [InlineData(503, true, false, LogEventLevel.Information)]
    [InlineData(503, true, true, LogEventLevel.Error)]
    public void CompletionLevel_ShouldBeErrorForFailuresButNotForADeliberateShed(int status, bool shed, bool threw, LogEventLevel expected)
    {
        // An outage's 503 is a failure; a 503 that shed load on purpose (password hashing at capacity) is logged as a 429 is.
        var context = new DefaultHttpContext { Response = { StatusCode = status } };
        if (shed)
        {
            RequestCompletionLog.MarkShed(context);
        }

        RequestCompletionLog.LevelOf(context, 1.0, threw ? new InvalidOperationException("boom") : null).Should().Be(expected);
    }

    private static string TraceId(System.Text.Json.JsonElement problem) => problem.GetProperty("trace_id").GetString()!;

    /// <summary>Waits for the request's completion line (written as the pipeline unwinds), asserts it is the only one, and describes it as "method route status".</summary>
    private static async Task<string> CompletionLineAsync(CapturingLogSink logs, string traceId, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + s_logTimeout;
        List<LogEvent> lines;
        while ((lines = Completions(logs, traceId)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, cancellationToken);
        }

        await Task.Delay(200, cancellationToken); // a second line, if one were written, would come right after
        lines = Completions(logs, traceId);
        lines.Should().ContainSingle($"one completion line per request, carrying trace id {traceId}");
        var line = lines[0];
        line.Properties.Should().ContainKey("Elapsed").WhoseValue.Should().BeOfType<ScalarValue>().Which.Value.Should().BeOfType<double>();
        line.RenderMessage(System.Globalization.CultureInfo.InvariantCulture).Should().NotContain("?", "no query string is logged");
        return $"{Scalar(line, "RequestMethod")} {Scalar(line, "Route")} {Scalar(line, "StatusCode")}";
    }

    private static object? Scalar(LogEvent line, string property) =>
        line.Properties.TryGetValue(property, out var value) && value is ScalarValue scalar ? scalar.Value : null;

    private static List<LogEvent> Completions(CapturingLogSink logs, string traceId) =>
        [.. logs.LogEvents.Where(e => e.MessageTemplate.Text == RequestCompletionLog.MessageTemplate
            && (e.Properties.TryGetValue("TraceId", out var id) && id is ScalarValue { Value: string text } && text == traceId))];
}
