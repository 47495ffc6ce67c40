using System.Net;
using System.Text.Json;
using CleanAuth.Domain.Auditing;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Auditing;

/// <summary>
/// Each self-service action writes its audit entry, read from the <c>audit_log</c> table: the event type, whom it is about
/// (<c>user_id</c>), who acted (<c>actor_id</c>: the caller, or the account itself for registration, login and mailed
/// links, or nobody for unauthenticated failures), the client's address and user agent, the request's trace id (the one
/// its problem shows) and the details. A refused change records nothing.
/// </summary>
public sealed class SelfServiceAuditTests : IClassFixture<AuditedApi>
{
    private readonly AuditedApi _host;
    private readonly HttpClient _client;
    private readonly TracingHandler _trace;

    public SelfServiceAuditTests(AuditedApi host)
    {
        _host = host;
        (_client, _trace) = host.CreateTracedClient();
    }

    [Fact]
    public async Task Register_ShouldRecordTheNewAccountAsItsOwnActorAndTheVerificationMail()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, id) = await RegisterAsync(ct);
        var trace = _trace.LastTraceId;

        var entries = await AuditTrail.OfRequestAsync(_host.Factory, trace, ct);

        entries.Should().HaveCount(2);
        Single(entries, AuditEventType.UserRegistered).ShouldRecord(AuditEventType.UserRegistered, id, id, trace);
        Single(entries, AuditEventType.EmailVerificationSent).ShouldRecord(AuditEventType.EmailVerificationSent, id, null, trace);
        entries.Should().OnlyContain(e => !e.Details.Contains(user.Email, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Login_WhenItSucceeds_ShouldRecordTheAccountAsItsOwnActor()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, id) = await RegisterAsync(ct);

        await _client.LoginTokensAsync(user, ct);

        var entry = await OnlyEntryOfLastRequestAsync(ct);
        entry.ShouldRecord(AuditEventType.LoginSucceeded, id, id, _trace.LastTraceId);
    }

    [Fact]
    public async Task Login_WhenThePasswordIsWrong_ShouldRecordAFailureAboutTheAccountByNobody()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, id) = await RegisterAsync(ct);

        var problem = await (await _client.LoginAsync(user with { Password = user.Password + "-wrong" }, ct))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", ct);

        var trace = TraceIdOf(problem);
        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(AuditEventType.LoginFailed, id, null, trace, """{"code":"INVALID_CREDENTIALS"}""");
    }

    [Fact]
    public async Task Login_WhenTheIdentifierIsUnknown_ShouldRecordAFailureAboutNobodyWithoutTheIdentifier()
    {
        var ct = TestContext.Current.CancellationToken;
        var missing = ApiClientExtensions.NewUser();

        var problem = await (await _client.LoginAsync(missing, ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", ct);

        var entry = await OnlyEntryOfLastRequestAsync(ct);
        entry.ShouldRecord(AuditEventType.LoginFailed, null, null, TraceIdOf(problem), """{"code":"INVALID_CREDENTIALS"}""");
        var local = missing.Email.Split('@')[0];
        new[] { entry.EventType, entry.Details, entry.IpAddress, entry.UserAgent, entry.TraceId }
            .Should().OnlyContain(v => v == null || !v.Contains(local, StringComparison.OrdinalIgnoreCase), "the identifier of an unknown account is not stored");
    }

    [Fact]
    public async Task Login_WhenTheAccountIsInactive_ShouldRecordThe403AsAFailure()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, id) = await RegisterAsync(ct);
        var tokens = await _client.LoginTokensAsync(user, ct);
        (await _client.DeleteMeAsync(tokens.AccessToken, user.Password, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var problem = await (await _client.LoginAsync(user, ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "ACCOUNT_INACTIVE", ct);

        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(AuditEventType.LoginFailed, id, null, TraceIdOf(problem), """{"code":"ACCOUNT_INACTIVE"}""");
    }

    [Fact]
    public async Task Login_WhenThrottled_ShouldRecordEach429ThoughTheRequestFails()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, id) = await RegisterAsync(ct);
        var missing = ApiClientExtensions.NewUser();
        for (var i = 0; i < 5; i++)
        {
            (await _client.LoginAsync(user with { Password = user.Password + "-wrong" }, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            (await _client.LoginAsync(missing, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var forAccount = await (await _client.LoginAsync(user, ct)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "LOGIN_THROTTLED", ct);
        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(AuditEventType.LoginThrottled, id, null, TraceIdOf(forAccount));
        var forUnknown = await (await _client.LoginAsync(missing, ct)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "LOGIN_THROTTLED", ct);
        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(AuditEventType.LoginThrottled, null, null, TraceIdOf(forUnknown));

        var about = await AuditTrail.AboutAsync(_host.Factory, id, ct);
        about.Count(e => e.EventType == AuditEventType.LoginFailed).Should().Be(5, "each 401 is a login.failed");
        about.Count(e => e.EventType == AuditEventType.LoginThrottled).Should().Be(1, "each 429 is a login.throttled");
    }

    [Fact]
    public async Task Refresh_WhenARotatedTokenIsReused_ShouldRecordTheDetectionWithTheSessionsRevocation()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, id) = await RegisterAsync(ct);
        var first = await _client.LoginTokensAsync(user, ct);
        var second = await (await _client.RefreshAsync(first.RefreshToken, ct)).ReadAsync<TokenPair>(ct);
        var third = await (await _client.RefreshAsync(second.RefreshToken, ct)).ReadAsync<TokenPair>(ct);

        var problem = await (await _client.RefreshAsync(first.RefreshToken, ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);

        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(AuditEventType.TokenReuseDetected, id, null, TraceIdOf(problem));
        await _client.ShouldBeRevokedAsync(third, "the reuse ended the session, committed with its entry", ct);
    }

    [Fact]
    public async Task Logout_ShouldRecordTheCallerEndingTheSession()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, id) = await RegisterAsync(ct);
        var tokens = await _client.LoginTokensAsync(user, ct);

        (await _client.LogoutAsync(tokens.AccessToken, cancellationToken: ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(AuditEventType.Logout, id, id, _trace.LastTraceId);
    }

    [Fact]
    public async Task LogoutAll_ShouldRecordOneEntryForEverySessionEnded()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, id) = await RegisterAsync(ct);
        var laptop = await _client.LoginTokensAsync(user, ct);
        await _client.LoginTokensAsync(user, ct);

        (await _client.LogoutAllAsync(laptop.AccessToken, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(AuditEventType.LogoutAll, id, id, _trace.LastTraceId);
    }

    [Fact]
    public async Task DeleteSession_ShouldRecordTheCallerRevokingIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, id) = await RegisterAsync(ct);
        var laptop = await _client.LoginTokensAsync(user, ct);
        var phone = await _client.LoginTokensAsync(user, ct);

        (await _client.DeleteSessionAsync(laptop.AccessToken, phone.SessionId(), ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(AuditEventType.SessionRevoked, id, id, _trace.LastTraceId);
    }

    [Fact]
    public async Task ChangePassword_ShouldRecordOneEntryByTheCaller()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, id) = await RegisterAsync(ct);
        var tokens = await _client.LoginTokensAsync(user, ct);
        await _client.LoginTokensAsync(user, ct);

        (await _client.ChangePasswordAsync(tokens.AccessToken, user.Password, ApiClientExtensions.NewPassword(), ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(AuditEventType.PasswordChanged, id, id, _trace.LastTraceId);
    }

    [Fact]
    public async Task PasswordReset_ShouldRecordTheLinkIssuedInTheBackgroundAsTheRequestsAndTheResetByTheAccount()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, id) = await RegisterAsync(ct);

        (await _client.RequestPasswordResetAsync(user.Email, ct)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var requestTrace = _trace.LastTraceId;
        var token = await Mail.ResetTokenAsync(user.Email, cancellationToken: ct);

        (await AuditTrail.OfRequestAsync(_host.Factory, requestTrace, ct)).Should().ContainSingle(
            "the request only queues the lookup, the same for every address; the background work records the link with the request's origin");
        var issued = (await AuditTrail.AboutAsync(_host.Factory, id, ct)).Should().ContainSingle(e => e.EventType == AuditEventType.PasswordResetRequested).Subject;
        issued.ShouldRecord(AuditEventType.PasswordResetRequested, id, null, requestTrace);

        (await _client.ConfirmPasswordResetAsync(token, ApiClientExtensions.NewPassword(), ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var trace = _trace.LastTraceId;
        var entries = await AuditTrail.OfRequestAsync(_host.Factory, trace, ct);
        entries.Should().HaveCount(2, "the reset, and the address it proved (the account's email was not verified yet)");
        Single(entries, AuditEventType.PasswordReset).ShouldRecord(AuditEventType.PasswordReset, id, id, trace);
        Single(entries, AuditEventType.EmailVerified).ShouldRecord(AuditEventType.EmailVerified, id, id, trace);
    }

    [Fact]
    public async Task EmailVerification_ShouldRecordTheLinkSentByTheCallerAndTheConfirmationByTheAccount()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, id) = await RegisterAsync(ct);
        var tokens = await _client.LoginTokensAsync(user, ct);

        (await _client.RequestEmailVerificationAsync(tokens.AccessToken, ct)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(AuditEventType.EmailVerificationSent, id, id, _trace.LastTraceId);
        var token = await Mail.VerificationTokenAsync(user.Email, nth: 2, cancellationToken: ct);

        (await _client.ConfirmEmailVerificationAsync(token, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(AuditEventType.EmailVerified, id, id, _trace.LastTraceId);
    }

    [Fact]
    public async Task EmailChange_ShouldRecordTheRequestByTheCallerAndTheChangeByTheAccount()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, id) = await RegisterAsync(ct);
        var tokens = await _client.LoginTokensAsync(user, ct);
        var newEmail = ApiClientExtensions.NewUser().Email;

        (await _client.UpdateMeAsync(tokens.AccessToken, new { email = newEmail, current_password = user.Password }, ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        var trace = _trace.LastTraceId;
        var requested = await AuditTrail.OfRequestAsync(_host.Factory, trace, ct);
        requested.Should().HaveCount(2, "the request, and the verification link mailed to the new address");
        Single(requested, AuditEventType.EmailChangeRequested).ShouldRecord(AuditEventType.EmailChangeRequested, id, id, trace);
        Single(requested, AuditEventType.EmailVerificationSent).ShouldRecord(AuditEventType.EmailVerificationSent, id, id, trace);
        var token = await Mail.VerificationTokenAsync(newEmail, cancellationToken: ct);

        (await _client.ConfirmEmailVerificationAsync(token, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(AuditEventType.EmailChanged, id, id, _trace.LastTraceId);
    }

    [Fact]
    public async Task UpdateProfile_ShouldRecordTheChangedFieldsByTheCaller()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, id) = await RegisterAsync(ct);
        var tokens = await _client.LoginTokensAsync(user, ct);

        (await _client.UpdateMeAsync(tokens.AccessToken, new { username = ApiClientExtensions.NewUser().Username, full_name = "Ada King" }, ct))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(AuditEventType.UserUpdated, id, id, _trace.LastTraceId, """{"fields":["username","full_name"]}""");
    }

    [Fact]
    public async Task UpdateProfile_WhenRefused_ShouldRecordNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, id) = await RegisterAsync(ct);
        var (other, _) = await RegisterAsync(ct);
        var tokens = await _client.LoginTokensAsync(user, ct);
        var before = (await AuditTrail.AboutAsync(_host.Factory, id, ct)).Count;

        var taken = await (await _client.UpdateMeAsync(tokens.AccessToken, new { username = other.Username, full_name = "Changed" }, ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "USERNAME_TAKEN", ct);
        (await AuditTrail.OfRequestAsync(_host.Factory, TraceIdOf(taken), ct)).Should().BeEmpty("a 409 changes nothing, so it records nothing");
        var emailTaken = await (await _client.UpdateMeAsync(tokens.AccessToken, new { email = other.Email, current_password = user.Password }, ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "EMAIL_TAKEN", ct);
        (await AuditTrail.OfRequestAsync(_host.Factory, TraceIdOf(emailTaken), ct)).Should().BeEmpty();
        var invalid = await (await _client.UpdateMeAsync(tokens.AccessToken, new { username = "no spaces allowed", full_name = "Changed" }, ct))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
        (await AuditTrail.OfRequestAsync(_host.Factory, TraceIdOf(invalid), ct)).Should().BeEmpty("a 422 changes nothing");

        (await AuditTrail.AboutAsync(_host.Factory, id, ct)).Should().HaveCount(before);
    }

    [Fact]
    public async Task DeleteMe_ShouldRecordTheDeletionByTheCallerAndKeepTheEntriesOfTheAccount()
    {
        var ct = TestContext.Current.CancellationToken;
        var (user, id) = await RegisterAsync(ct);
        var tokens = await _client.LoginTokensAsync(user, ct);
        await _client.LoginTokensAsync(user, ct);

        (await _client.DeleteMeAsync(tokens.AccessToken, user.Password, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await OnlyEntryOfLastRequestAsync(ct)).ShouldRecord(AuditEventType.UserDeleted, id, id, _trace.LastTraceId);
        // Registration's two entries share one transaction and one timestamp, so their order between themselves is the ids'.
        (await AuditTrail.AboutAsync(_host.Factory, id, ct)).Select(e => e.EventType).Should().BeEquivalentTo(
            [AuditEventType.UserRegistered, AuditEventType.EmailVerificationSent, AuditEventType.LoginSucceeded, AuditEventType.LoginSucceeded, AuditEventType.UserDeleted],
            "the account's entries stay after its deletion");
    }

    private async Task<(TestUser User, Guid Id)> RegisterAsync(CancellationToken ct)
    {
        var user = ApiClientExtensions.NewUser();
        var response = await _client.RegisterAsync(user, ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(ct));
        return (user, (await response.ReadAsync<UserBody>(ct)).Id);
    }

    private async Task<AuditLogEntry> OnlyEntryOfLastRequestAsync(CancellationToken ct) =>
        (await AuditTrail.OfRequestAsync(_host.Factory, _trace.LastTraceId, ct)).Should().ContainSingle("one entry per action").Subject;

    private static AuditLogEntry Single(IEnumerable<AuditLogEntry> entries, string eventType) =>
        entries.Should().ContainSingle(e => e.EventType == eventType).Subject;

    /// <summary>The problem's trace id; it is also the one the client sent.</summary>
    private string TraceIdOf(JsonElement problem)
    {
        var traceId = problem.GetProperty("trace_id").GetString()!;
        traceId.Should().Be(_trace.LastTraceId, "the request's W3C trace id, as the client sent it");
        return traceId;
    }
}
