using System.Net;
using System.Text;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>
/// With <c>Otel:Endpoint</c> set, the built app (a real process) exports traces and metrics over OTLP/HTTP (protobuf) to
/// <c>/v1/traces</c> and <c>/v1/metrics</c> under it: a request's span carries the trace id its problem shows, with the
/// PostgreSQL commands it ran; the metrics carry CleanAuth's own and ASP.NET Core's.
/// </summary>
public sealed class OtlpExportTests
{
    private const string ProtobufContentType = "application/x-protobuf";

    [Fact]
    public async Task Requests_WhenAnOtlpEndpointIsSet_ShouldExportTheirTracesAndTheMetricsAsProtobuf()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = new OtlpReceiver();
        await using var app = await RunningApp.StartAsync(ct, settings: new Dictionary<string, string>
        {
            ["Otel__Endpoint"] = receiver.Endpoint + "/",
            // The standard variables: export within a second, not the default minute (metrics) and five seconds (traces).
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        var traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        const string Password = "correct horse battery staple";
        const string QuerySecret = "query-secret-never-exported";
        const string HeaderSecret = "header-secret-never-exported";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/auth/login?access_token={QuerySecret}")
        {
            Content = new StringContent($$"""{"email":"nobody@example.com","password":"{{Password}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
        request.Headers.Add("Authorization", $"Bearer {HeaderSecret}");

        var response = await app.Client.SendAsync(request, ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", ct);
        problem.GetProperty("trace_id").GetString().Should().Be(traceId);
        var traceIdBytes = Convert.FromHexString(traceId);
        var traces = await receiver.WaitForAsync(
            "/v1/traces", e => Contains(e.Body, traceIdBytes) && Contains(e.Body, "api/v1/auth/login"), TimeSpan.FromSeconds(30), ct);
        traces.ContentType.Should().Be(ProtobufContentType);
        Contains(traces.Body, "cleanauth").Should().BeTrue("the service is named");
        await receiver.WaitForAsync("/v1/traces", e => Contains(e.Body, traceIdBytes) && Contains(e.Body, "postgresql"), TimeSpan.FromSeconds(30), ct);
        var metrics = await receiver.WaitForAsync(
            "/v1/metrics", e => Contains(e.Body, "http.server.request.duration") && Contains(e.Body, "cleanauth.logins"), TimeSpan.FromSeconds(30), ct);
        metrics.ContentType.Should().Be(ProtobufContentType);
        Contains(metrics.Body, "cleanauth.password_hash.duration").Should().BeTrue("the unknown account's dummy verification ran Argon2id");
        receiver.Exports.Where(e => e.Path == "/v1/traces").Should().NotContain(
            e => Contains(e.Body, "/health"), "health checks (the start-up wait polled /health) are not traced");
        receiver.Exports.Should().NotContain(
            e => Contains(e.Body, QuerySecret) || Contains(e.Body, HeaderSecret) || Contains(e.Body, Password), "no header, query value or body is exported");
    }

    [Fact]
    public async Task Requests_WhenNoOtlpEndpointIsSet_ShouldExportNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = new OtlpReceiver();
        await using var app = await RunningApp.StartAsync(ct, settings: new Dictionary<string, string>
        {
            // Where an exporter with the default endpoint would not go, but one reading this variable would.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });

        (await app.Client.GetAsync("/api/v1/users/me", ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);

        receiver.Exports.Should().BeEmpty("Otel:Endpoint is unset");
    }

    private static bool Contains(byte[] body, string text) => Contains(body, Encoding.UTF8.GetBytes(text));

    private static bool Contains(byte[] body, byte[] part) => body.AsSpan().IndexOf(part) >= 0;
}
