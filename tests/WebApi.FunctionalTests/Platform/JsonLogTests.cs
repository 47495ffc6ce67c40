using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using CleanAuth.WebApi.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using NSubstitute;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>
/// <c>Logging:Format=Json</c>: one JSON object per line on standard output (<c>timestamp</c>, <c>level</c>, <c>message</c>,
/// the event's properties), request lines carrying <c>trace_id</c>, <c>request_id</c> and, once authenticated,
/// <c>user_id</c>; and no input can forge a line.
/// </summary>
public sealed class JsonLogTests
{
    private const string Forged = "\r\n{\"timestamp\":\"2000-01-01T00:00:00Z\",\"level\":\"Fatal\",\"message\":\"forged\"}\r\n";
    private static readonly TimeSpan s_logTimeout = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData("Development", null, LogFormat.Text)]
    [InlineData("Testing", null, LogFormat.Json)]
    [InlineData("Production", null, LogFormat.Json)]
    [InlineData("Production", "", LogFormat.Json)]
    [InlineData("Production", "Text", LogFormat.Text)]
    [InlineData("Development", "json", LogFormat.Json)]
    public void Format_WhenConfiguredOrNot_ShouldBeTheSettingElseTextInDevelopmentOnly(string environmentName, string? setting, LogFormat expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:Format"] = setting }).Build();
        var environment = Substitute.For<IHostEnvironment>();
        environment.EnvironmentName.Returns(environmentName);

        LogOutput.FormatFor(configuration, environment).Should().Be(expected);
    }

    private const string MeRequestId = "json-log-test:me";
    private const string NotFoundRequestId = "json-log-test:not-found";

    [Fact]
    public async Task JsonLines_OfAnAuthenticatedRequest_ShouldCarryItsTraceIdRequestIdAndUserId()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(new Dictionary<string, string?> { ["Logging:Format"] = "Json" });
        var client = isolated.CreateClient();
        var (_, tokens) = await client.RegisterAndLoginAsync(ct);
        var userId = (await client.GetMeBodyAsync(tokens.AccessToken, ct)).Id;

        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        using (var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me"))
        {
            me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
            me.Headers.Add("traceparent", $"00-{traceId}-{Convert.ToHexStringLower(BitConverter.GetBytes(7L))}-01");
            me.Headers.Add("X-Request-ID", MeRequestId);
            (await client.SendAsync(me, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var completion = await JsonLineAsync(isolated.Factory.Logs, l => Text(l, "trace_id") == traceId && Text(l, "message")!.StartsWith("HTTP GET", StringComparison.Ordinal), ct);
        var lines = isolated.Factory.Logs.JsonLines.Select(Parse).Where(l => Text(l, "trace_id") == traceId).ToList();
        foreach (var line in lines)
        {
            ShouldHaveTheBasicFields(line);
            Text(line, "request_id").Should().Be(MeRequestId, "every line written while handling a request carries its request id");
        }

        Text(completion, "user_id").Should().Be(userId.ToString(), "the completion line names the authenticated caller");
        Text(completion, "request_id").Should().Be(MeRequestId);
        Text(completion, "message").Should().StartWith("HTTP GET /api/v1/users/me responded 200 in ");
        Text(completion, "Route").Should().Be("/api/v1/users/me", "the event's properties are fields of their own");
        completion.GetProperty("StatusCode").GetInt32().Should().Be(200);
        completion.TryGetProperty("TraceId", out _).Should().BeFalse("trace_id already carries the trace id");
        lines.Should().Contain(l => Text(l, "message")!.StartsWith("Handled GetCurrentUserQuery", StringComparison.Ordinal) && Text(l, "user_id") == userId.ToString(),
            "the handler's line, written after authentication, names the caller too");

        using var unknownRoute = new HttpRequestMessage(HttpMethod.Get, "/api/v1/no-such-route");
        unknownRoute.Headers.Add("X-Request-ID", NotFoundRequestId);
        var anonymous = await (await client.SendAsync(unknownRoute, ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND", ct);
        var notFound = await JsonLineAsync(isolated.Factory.Logs, l => Text(l, "trace_id") == anonymous.GetProperty("trace_id").GetString(), ct);
        notFound.TryGetProperty("user_id", out _).Should().BeFalse("an unauthenticated request has no user");
        Text(notFound, "request_id").Should().Be(NotFoundRequestId);
    }

    [Fact]
    public async Task StandardOutput_OutsideDevelopment_ShouldBeOneJsonObjectPerLineThatNoInputCanForge()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await RunningApp.StartAsync(ct, settings: new Dictionary<string, string>
        {
            // The Testing environment, with Logging:Format unset: Json is the default outside Development.
            // MVC's most verbose events print action arguments, so a hostile login identifier reaches a log line too.
            ["Serilog__MinimumLevel__Override__Microsoft.AspNetCore.Mvc"] = "Verbose",
        });

        var notFound = await (await app.Client.GetAsync("/api/v1/forged" + Uri.EscapeDataString(Forged), ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND", ct);
        (await app.Client.PostJsonAsync("/api/v1/auth/login", new { username = "mallory" + Forged, password = "irrelevant but long enough" }, ct))
            .StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        await app.TerminateAsync(ct); // the log is complete once the app has exited
        (await app.ExitCodeWithinAsync(TimeSpan.FromSeconds(30), ct)).Should().Be(0, app.Output);

        var lines = app.StandardOutputLines.Where(l => l.Length > 0).ToList();
        lines.Should().HaveCountGreaterThan(2, app.Output);
        var parsed = new List<JsonElement>();
        foreach (var line in lines)
        {
            var act = () => parsed.Add(Parse(line));
            act.Should().NotThrow($"every line of standard output is one JSON object: {line}");
        }

        parsed.Should().AllSatisfy(ShouldHaveTheBasicFields);
        parsed.Should().NotContain(l => Text(l, "level") == "Fatal" || Text(l, "message") == "forged", "input cannot forge a line");
        parsed.Where(l => Strings(l).Any(s => s.Contains(Forged, StringComparison.Ordinal))).Should().NotBeEmpty(
            "the hostile identifier did reach the log (MVC's verbose lines print action arguments), as escaped values inside their own lines");
        var requestLines = parsed.Where(l => Text(l, "trace_id") == notFound.GetProperty("trace_id").GetString()).ToList();
        var completion = requestLines.Should().ContainSingle(l => Text(l, "message")!.StartsWith("HTTP GET ", StringComparison.Ordinal), string.Join('\n', requestLines)).Subject;
        Text(completion, "Route").Should().StartWith("/api/v1/forged", "the hostile path is logged (Kestrel keeps CR and LF percent-encoded in it)");
        completion.GetProperty("StatusCode").GetInt32().Should().Be(404);
    }

    private static void ShouldHaveTheBasicFields(JsonElement line)
    {
        line.ValueKind.Should().Be(JsonValueKind.Object);
        var timestamp = Text(line, "timestamp");
        timestamp.Should().EndWith("Z", "timestamps are UTC");
        DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _).Should().BeTrue(timestamp);
        Text(line, "level").Should().BeOneOf("Verbose", "Debug", "Information", "Warning", "Error", "Fatal");
        Text(line, "message").Should().NotBeNull();
    }

    private static async Task<JsonElement> JsonLineAsync(CapturingLogSink logs, Func<JsonElement, bool> match, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + s_logTimeout;
        while (true)
        {
            var found = logs.JsonLines.Select(Parse).Where(match).ToList();
            if (found.Count > 0 || DateTime.UtcNow > deadline)
            {
                return found.Should().ContainSingle("one line matches").Subject;
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static JsonElement Parse(string line)
    {
        line.TrimEnd('\n').Should().NotContainAny(["\n", "\r"], "a JSON line holds no raw line break");
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    private static string? Text(JsonElement line, string name) =>
        line.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
