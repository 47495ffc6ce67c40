using CleanAuth.Application.Common.Events;
using CleanAuth.Application.Common.Metrics;
using CleanAuth.Application.UnitTests.Common;
using CleanAuth.Domain.LoginThrottling;
using CleanAuth.Domain.Sessions;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.UnitTests.Metrics;

/// <summary>Committed events become counts: registrations, logins by result, completed password resets.</summary>
public sealed class RecordInMetricsTests : IDisposable
{
    private static readonly Guid s_userId = Guid.NewGuid();
    private readonly TestMetrics _metrics = new();
    private readonly RecordInMetrics _handler;

    public RecordInMetricsTests() => _handler = new RecordInMetrics(_metrics.Metrics);

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public async Task Handle_WhenAnAccountIsRegisteredBySomeoneOrAnInvitation_ShouldCountARegistration()
    {
        using var registrations = _metrics.Collect<long>("cleanauth.registrations");

        await _handler.Handle(new AfterCommit<UserRegisteredEvent>(Registered(), Actor.Anonymous), TestContext.Current.CancellationToken);
        await _handler.Handle(new AfterCommit<UserRegisteredEvent>(Registered(), Actor.ForUser(s_userId)), TestContext.Current.CancellationToken);

        registrations.GetMeasurementSnapshot().Should().HaveCount(2).And.OnlyContain(m => m.Value == 1);
    }

    [Fact]
    public async Task Handle_WhenTheOperatorCreatesAnAdmin_ShouldNotCountARegistration()
    {
        using var registrations = _metrics.Collect<long>("cleanauth.registrations");

        await _handler.Handle(new AfterCommit<UserRegisteredEvent>(Registered(), Actor.Operator), TestContext.Current.CancellationToken);

        registrations.GetMeasurementSnapshot().Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WhenLoginsStartFailOrAreThrottled_ShouldCountEachUnderItsResult()
    {
        var ct = TestContext.Current.CancellationToken;
        using var logins = _metrics.Collect<long>("cleanauth.logins");

        await _handler.Handle(new AfterCommit<SessionStartedEvent>(new SessionStartedEvent(Guid.NewGuid(), s_userId, TestData.Now), Actor.Anonymous), ct);
        await _handler.Handle(new AfterCommit<LoginFailedEvent>(new LoginFailedEvent(null, "INVALID_CREDENTIALS", TestData.Now), Actor.Anonymous), ct);
        await _handler.Handle(new AfterCommit<LoginFailedEvent>(new LoginFailedEvent(s_userId, "ACCOUNT_INACTIVE", TestData.Now), Actor.Anonymous), ct);
        await _handler.Handle(new AfterCommit<LoginThrottledEvent>(new LoginThrottledEvent(s_userId, TestData.Now), Actor.Anonymous), ct);

        logins.GetMeasurementSnapshot().Select(m => (string)m.Tags["result"]!).Should().Equal("succeeded", "failed", "failed", "throttled");
    }

    [Fact]
    public async Task Handle_WhenAPasswordIsSetFromAResetLink_ShouldCountACompletedReset()
    {
        using var resets = _metrics.Collect<long>("cleanauth.password_resets");

        await _handler.Handle(
            new AfterCommit<PasswordResetEvent>(new PasswordResetEvent(s_userId, "alice@example.com", TestData.Now), Actor.Anonymous), TestContext.Current.CancellationToken);

        resets.GetMeasurementSnapshot().Should().ContainSingle().Which.Value.Should().Be(1);
    }

    private static UserRegisteredEvent Registered() => new(Guid.NewGuid(), "alice@example.com", EmailVerified: false, TestData.Now);
}
