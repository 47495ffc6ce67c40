using CleanAuth.Application.Common.Metrics;
using CleanAuth.Application.UnitTests.Common;

namespace CleanAuth.Application.UnitTests.Metrics;

/// <summary>Each measurement on its instrument with its one label; the outbox gauge never shows a stale count.</summary>
public sealed class CleanAuthMetricsTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(TestData.Now);
    private readonly TestMetrics _metrics;

    public CleanAuthMetricsTests() => _metrics = new TestMetrics(_clock);

    private CleanAuthMetrics Metrics => _metrics.Metrics;

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public void Counters_WhenRecorded_ShouldCountOneWithTheResultLabel()
    {
        using var registrations = _metrics.Collect<long>("cleanauth.registrations");
        using var logins = _metrics.Collect<long>("cleanauth.logins");
        using var refreshes = _metrics.Collect<long>("cleanauth.token_refreshes");
        using var resets = _metrics.Collect<long>("cleanauth.password_resets");
        using var emails = _metrics.Collect<long>("cleanauth.emails");

        Metrics.UserRegistered();
        Metrics.Login(LoginResult.Succeeded);
        Metrics.Login(LoginResult.Failed);
        Metrics.Login(LoginResult.Throttled);
        Metrics.TokenRefresh(TokenRefreshResult.Succeeded);
        Metrics.TokenRefresh(TokenRefreshResult.Failed);
        Metrics.TokenRefresh(TokenRefreshResult.ReuseDetected);
        Metrics.PasswordResetCompleted();
        Metrics.Email(EmailResult.Sent);
        Metrics.Email(EmailResult.Failed);
        Metrics.Email(EmailResult.Dead);

        registrations.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags.Should().BeEmpty();
        Results(logins).Should().Equal("succeeded", "failed", "throttled");
        Results(refreshes).Should().Equal("succeeded", "failed", "reuse_detected");
        resets.GetMeasurementSnapshot().Should().ContainSingle().Which.Value.Should().Be(1);
        Results(emails).Should().Equal("sent", "failed", "dead");
    }

    [Fact]
    public void RateLimited_WhenAPolicyRefusesARequest_ShouldCountItUnderThePolicy()
    {
        using var limited = _metrics.Collect<long>("cleanauth.rate_limited_requests");

        Metrics.RateLimited("auth");
        Metrics.RateLimited("auth");
        Metrics.RateLimited("global");

        limited.GetMeasurementSnapshot().Select(m => ((string)m.Tags["policy"]!, m.Value))
            .Should().Equal(("auth", 1L), ("auth", 1L), ("global", 1L));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void RateLimited_WhenThePolicyIsBlank_ShouldRefuseIt(string policy) =>
        Metrics.Invoking(m => m.RateLimited(policy)).Should().Throw<ArgumentException>();

    [Fact]
    public void PasswordHashed_WhenRecorded_ShouldRecordSecondsWithTheOperation()
    {
        using var durations = _metrics.Collect<double>("cleanauth.password_hash.duration");

        Metrics.PasswordHashed(PasswordHashOperation.Hash, TimeSpan.FromMilliseconds(45));
        Metrics.PasswordHashed(PasswordHashOperation.Verify, TimeSpan.FromMilliseconds(40));

        durations.GetMeasurementSnapshot().Select(m => ((string)m.Tags["operation"]!, m.Value))
            .Should().Equal(("hash", 0.045), ("verify", 0.04));
        durations.Instrument!.Unit.Should().Be("s");
    }

    [Fact]
    public void OutboxGauge_WhenNeverCounted_ShouldReportNothingAndAskForACount()
    {
        using var gauge = _metrics.Collect<long>("cleanauth.outbox.messages");

        gauge.RecordObservableInstruments();

        gauge.GetMeasurementSnapshot().Should().BeEmpty();
        Metrics.OutboxCountWanted.Should().BeTrue("the worker counts once at start");
    }

    [Fact]
    public void OutboxGauge_WhenCounted_ShouldReportPendingAndDead()
    {
        using var gauge = _metrics.Collect<long>("cleanauth.outbox.messages");

        Metrics.OutboxCounted(pending: 3, dead: 1);
        gauge.RecordObservableInstruments();

        gauge.GetMeasurementSnapshot().Select(m => ((string)m.Tags["state"]!, m.Value)).Should().Equal(("pending", 3L), ("dead", 1L));
    }

    [Fact]
    public void OutboxGauge_WhenTheCountIsOlderThanItsMaximumAge_ShouldReportNothing()
    {
        using var gauge = _metrics.Collect<long>("cleanauth.outbox.messages");
        Metrics.OutboxCounted(pending: 3, dead: 1);

        _clock.Advance(CleanAuthMetrics.OutboxCountsMaxAge + TimeSpan.FromSeconds(1));
        gauge.RecordObservableInstruments();

        gauge.GetMeasurementSnapshot().Should().BeEmpty("a stale count would be read as the current one");
    }

    [Fact]
    public void OutboxCountWanted_AfterTheFirstCount_ShouldHoldOnlyWhileSomethingReadsTheGauge()
    {
        using var gauge = _metrics.Collect<long>("cleanauth.outbox.messages");
        Metrics.OutboxCounted(pending: 0, dead: 0);

        Metrics.OutboxCountWanted.Should().BeFalse("nothing has read the gauge: no query for it");

        gauge.RecordObservableInstruments();
        Metrics.OutboxCountWanted.Should().BeTrue("a scrape just read it");

        _clock.Advance(CleanAuthMetrics.OutboxCountsMaxAge + TimeSpan.FromSeconds(1));
        Metrics.OutboxCountWanted.Should().BeFalse("nothing has read it for a while");
    }

    private static IEnumerable<string> Results(Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long> collector) =>
        collector.GetMeasurementSnapshot().Select(m => (string)m.Tags["result"]!);
}
