using CleanAuth.WebApi.Infrastructure;
using Serilog.Events;
using Serilog.Parsing;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>The enricher every host's logger runs: no query string (which may carry a token) survives in a log event.</summary>
public sealed class QueryStringRedactorTests
{
    [Theory]
    [InlineData("https://app.example.org/reset-password?token=secret", "https://app.example.org/reset-password")]
    [InlineData("/api/v1/users/me?access_token=secret", "/api/v1/users/me")]
    [InlineData("/api/v1/users/me#access_token=secret", "/api/v1/users/me")]
    [InlineData("/api/v1/users/me", "/api/v1/users/me")]
    [InlineData("Did you mean this? /api/v1/users/me?x=1", "Did you mean this? /api/v1/users/me?x=1")]
    public void Enrich_WhenAPropertyIsAUrl_ShouldCutItsQuery(string value, string expected)
    {
        var logEvent = Event(new LogEventProperty("Url", new ScalarValue(value)));

        new QueryStringRedactor().Enrich(logEvent, null!);

        logEvent.Properties["Url"].Should().BeEquivalentTo(new ScalarValue(expected));
    }

    [Fact]
    public void Enrich_WhenTheEventHasAQueryStringProperty_ShouldBlankItAndTheRenderedMessage()
    {
        var logEvent = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null,
            new MessageTemplateParser().Parse("Request starting {Path}{QueryString}"),
            [new LogEventProperty("Path", new ScalarValue("/api/v1/users/me")), new LogEventProperty("QueryString", new ScalarValue("?access_token=secret"))]);

        new QueryStringRedactor().Enrich(logEvent, null!);

        logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture).Should().NotContain("secret");
        logEvent.Properties["QueryString"].Should().BeEquivalentTo(new ScalarValue(""));
    }

    private static LogEvent Event(params LogEventProperty[] properties) =>
        new(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse("event"), properties);
}
