using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CleanAuth.TestCommon;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CleanAuth.WebApi.FunctionalTests.Lifecycle;

/// <summary>Lockout:MaxFailedAttempts (5) consecutive failures lock an identifier for Lockout:Minutes (15), doubling on each repeat.</summary>
public sealed partial class LockoutTests(ApiFixture api)
{
    private readonly ApiFixture _api = api;
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Login_WhenFiveAttemptsFailed_ShouldThrottleTheNextEvenWithTheRightPassword()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        await FailAsync(_client, user, 5, ct);

        var right = await _client.LoginAsync(user, ct);
        var wrong = await _client.LoginAsync(user with { Password = user.Password + "-wrong" }, ct);

        var a = await right.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "LOGIN_THROTTLED", ct);
        var b = await wrong.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "LOGIN_THROTTLED", ct);
        RetryAfterSeconds(right).Should().BeInRange(1, 15 * 60);
        RetryAfterSeconds(wrong).Should().BeInRange(1, 15 * 60);
        Normalized(a).Should().Be(Normalized(b), "a throttled answer must not tell whether the password was right");
        (await _client.LoginAsync(user, ct)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Login_WhenFailuresLockAnAccount_ShouldMailItsOwnerOnceSayingWhenTheLockEndsAndHowToReset()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        await FailAsync(_client, user, 4, ct);
        await Mail.SettleAsync(_api.Factory, ct);
        Mail.Box.MessagesTo(user.Email).Where(Mail.WithSubject(Mail.AccountLockedSubject)).Should().BeEmpty("four failures lock nothing yet");

        var locking = await _client.LoginAsync(user with { Password = user.Password + "-wrong" }, ct);
        await locking.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", ct);
        for (var i = 0; i < 3; i++)
        {
            (await _client.LoginAsync(user, ct)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        }

        var notice = await Mail.NoticeAsync(user.Email, Mail.AccountLockedSubject, ct);
        var lockEnds = DateTime.UtcNow.AddMinutes(15);
        var text = notice.TextBody ?? "";
        var stated = DateTime.ParseExact(
            Regex.Match(text, @"until (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC").Groups[1].Value, "yyyy-MM-dd HH:mm",
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        stated.Should().BeCloseTo(lockEnds, TimeSpan.FromMinutes(2), "the notice says when the lock ends");
        text.Should().Contain($"{CleanAuthApiFactory.PublicBaseUrl}/forgot-password", "the notice says how to reset the password");
        TestMailbox.AllText(notice).Should().NotContain(user.Password);
        await Mail.SettleAsync(_api.Factory, ct);
        Mail.Box.MessagesTo(user.Email).Count(Mail.WithSubject(Mail.AccountLockedSubject)).Should().Be(1, "one notice per lock, however often the locked account is tried");
    }

    [Fact]
    public async Task Login_WhenParallelFailuresLockAnAccount_ShouldStillMailOneNotice()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => _client.LoginAsync(user with { Password = user.Password + "-wrong" }, ct)));

        answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized).Should().Be(5);
        await Mail.NoticeAsync(user.Email, Mail.AccountLockedSubject, ct);
        await Mail.SettleAsync(_api.Factory, ct);
        Mail.Box.MessagesTo(user.Email).Count(Mail.WithSubject(Mail.AccountLockedSubject)).Should().Be(1);
    }

    [Fact]
    public async Task Login_WhenFailuresMixEmailAndUsername_ShouldCountThemAgainstTheOneAccount()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        await FailAsync(_client, user, 3, ct);
        for (var i = 0; i < 2; i++)
        {
            var byUsername = await _client.PostJsonAsync("/api/v1/auth/login", new { username = user.Username, password = user.Password + "-wrong" }, ct);
            await byUsername.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", ct);
        }

        var response = await _client.LoginAsync(user, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "LOGIN_THROTTLED", ct);
        (await _client.PostJsonAsync("/api/v1/auth/login", new { username = user.Username, password = user.Password }, ct)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Login_WhenIdentifierHasNoAccount_ShouldThrottleAlikeAndAnswerExactlyAsForAnAccount()
    {
        var ct = TestContext.Current.CancellationToken;
        var existing = await _client.RegisterNewUserAsync(ct);
        var missing = ApiClientExtensions.NewUser();
        for (var i = 0; i < 5; i++)
        {
            var a = await _client.LoginAsync(existing with { Password = existing.Password + "-wrong" }, ct);
            var b = await _client.LoginAsync(missing, ct);
            var problemA = await a.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", ct);
            var problemB = await b.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", ct);
            Normalized(problemA).Should().Be(Normalized(problemB));
        }

        var forExisting = await _client.LoginAsync(existing, ct);
        var forMissing = await _client.LoginAsync(missing, ct);

        var x = await forExisting.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "LOGIN_THROTTLED", ct);
        var y = await forMissing.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "LOGIN_THROTTLED", ct);
        Normalized(x).Should().Be(Normalized(y), "the answer must not reveal whether an account exists");
        Math.Abs(RetryAfterSeconds(forExisting) - RetryAfterSeconds(forMissing)).Should().BeLessThanOrEqualTo(2);
        forExisting.Headers.Select(h => h.Key).Should().BeEquivalentTo(forMissing.Headers.Select(h => h.Key));
        await Mail.NoticeAsync(existing.Email, Mail.AccountLockedSubject, ct);
        await Mail.SettleAsync(_api.Factory, ct);
        Mail.Box.MessagesTo(missing.Email).Should().BeEmpty("an identifier without an account has nobody to tell");
    }

    [Fact]
    public async Task Login_WhenSucceededBeforeTheLimit_ShouldStartCountingAfresh()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        await FailAsync(_client, user, 4, ct);
        (await _client.LoginAsync(user, ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        await FailAsync(_client, user, 4, ct);
        var response = await _client.LoginAsync(user, ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the success cleared the earlier four failures");
    }

    [Fact]
    public async Task Login_WhenLockoutHasRunItsFifteenMinutes_ShouldAcceptTheRightPassword()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lockout = await LockOutOnAMovableClockAsync(ct);
        var (client, clock, user) = (lockout.Client, lockout.Clock, lockout.User);
        RetryAfterSeconds(lockout.Locked).Should().BeInRange(15 * 60 - 60, 15 * 60 + 1);

        clock.Advance(TimeSpan.FromMinutes(14));
        var stillLocked = await client.LoginAsync(user, ct);
        clock.Advance(TimeSpan.FromSeconds(65));
        var unlocked = await client.LoginAsync(user, ct);

        await stillLocked.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "LOGIN_THROTTLED", ct);
        RetryAfterSeconds(stillLocked).Should().BeInRange(1, 61);
        unlocked.StatusCode.Should().Be(HttpStatusCode.OK, await unlocked.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task Login_WhenLockedOutAgain_ShouldLockForTwiceAsLong()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lockout = await LockOutOnAMovableClockAsync(ct);
        var (client, clock, user, first) = (lockout.Client, lockout.Clock, lockout.User, lockout.Locked);
        clock.Advance(TimeSpan.FromMinutes(16));

        await FailAsync(client, user, 5, ct);
        var second = await client.LoginAsync(user, ct);

        await second.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "LOGIN_THROTTLED", ct);
        RetryAfterSeconds(second).Should().BeGreaterThan(RetryAfterSeconds(first));
        RetryAfterSeconds(second).Should().BeInRange(30 * 60 - 60, 30 * 60 + 1, "Lockout:Minutes doubles on a repeat lockout");
        clock.Advance(TimeSpan.FromMinutes(16));
        (await client.LoginAsync(user, ct)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the second lockout outlasts the first one's 15 minutes");
        clock.Advance(TimeSpan.FromMinutes(15));
        (await client.LoginAsync(user, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_WhenManyFailuresRaceInParallel_ShouldCountEveryOne()
    {
        var ct = TestContext.Current.CancellationToken;
        const int attempts = 30;
        await using var isolated = await ApiFixture.StartIsolatedAsync(new Dictionary<string, string?> { ["Lockout:MaxFailedAttempts"] = "1000" });
        var client = isolated.CreateClient();
        var (user, tokens) = await client.RegisterAndLoginAsync(ct);
        var id = (await client.GetMeBodyAsync(tokens.AccessToken, ct)).Id;

        var responses = await Task.WhenAll(Enumerable.Range(0, attempts).Select(_ =>
            isolated.CreateClient().LoginAsync(user with { Password = user.Password + "-wrong" }, ct)));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Unauthorized);
        await using var connection = new NpgsqlConnection(isolated.Database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT failed_count FROM login_throttles WHERE \"key\" = @key", connection);
        command.Parameters.AddWithValue("key", $"u:{id}");
        var count = Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        count.Should().Be(attempts, $"every failure is counted ({attempts - count} concurrent updates were lost)");
    }

    [Fact]
    public async Task Login_WhenMoreRightAttemptsOnOneAccountOverlapThanTheLockoutAllows_ShouldAnswerEveryOne200()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);

        // Each attempt is counted before its check (ADR-012); overlapping ones take turns, so none sees a lock that an
        // attempt still being checked reserved and that its success then clears.
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => _api.CreateClient().LoginAsync(user, ct)));

        answers.Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        await FailAsync(_client, user, 4, ct);
        (await _client.LoginAsync(user, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "the successes left no failure behind");
    }

    /// <summary>A host of its own whose clock the test moves, and a new user of it locked out by five failures.</summary>
    private static async Task<MovableClockLockout> LockOutOnAMovableClockAsync(CancellationToken cancellationToken)
    {
        var clock = new ShiftableTimeProvider();
        var isolated = await ApiFixture.StartIsolatedAsync(configureServices: s => s.AddSingleton<TimeProvider>(clock));
        try
        {
            var client = isolated.CreateClient();
            var user = await client.RegisterNewUserAsync(cancellationToken);
            await FailAsync(client, user, 5, cancellationToken);
            var locked = await client.LoginAsync(user, cancellationToken);
            await locked.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "LOGIN_THROTTLED", cancellationToken);
            return new MovableClockLockout(isolated, client, clock, user, locked);
        }
        catch
        {
            await isolated.DisposeAsync();
            throw;
        }
    }

    private static async Task FailAsync(HttpClient client, TestUser user, int times, CancellationToken cancellationToken)
    {
        for (var i = 0; i < times; i++)
        {
            var response = await client.LoginAsync(user with { Password = user.Password + "-wrong" }, cancellationToken);
            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS", cancellationToken);
        }
    }

    private static int RetryAfterSeconds(HttpResponseMessage response)
    {
        var delta = response.Headers.RetryAfter?.Delta;
        delta.Should().NotBeNull("a throttled answer says when to come back, in seconds");
        return (int)delta!.Value.TotalSeconds;
    }

    /// <summary>The problem without its trace_id and with numbers blanked (a countdown in the text may tick between two calls).</summary>
    private static string Normalized(JsonElement problem) => Digits().Replace(ApiClientExtensions.WithoutTraceId(problem), "#");

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}

internal sealed record MovableClockLockout(IsolatedApi Host, HttpClient Client, ShiftableTimeProvider Clock, TestUser User, HttpResponseMessage Locked) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
