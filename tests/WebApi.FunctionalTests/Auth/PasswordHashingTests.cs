using System.Diagnostics;
using System.Net;
using CleanAuth.TestCommon;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using Npgsql;

namespace CleanAuth.WebApi.FunctionalTests.Auth;

[CollectionDefinition(nameof(TimingSensitive), DisableParallelization = true)]
public sealed class TimingSensitive;

/// <summary>Argon2id at the production defaults, re-hashing, the bounded hashing queue, and equal timing for unknown accounts.</summary>
[Collection(nameof(TimingSensitive))]
public sealed class PasswordHashingTests
{
    private static readonly Dictionary<string, string?> s_productionHashing = new()
    {
        ["PasswordHashing:MemoryKiB"] = "19456",
        ["PasswordHashing:Iterations"] = "2",
    };

    [Fact]
    public async Task Login_WhenHashingAtProductionDefaults_ShouldStoreArgon2idPhcAndSucceed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(s_productionHashing);
        var client = isolated.CreateClient();

        var (user, tokens) = await client.RegisterAndLoginAsync(ct);

        (await client.GetMeAsync(tokens.AccessToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await StoredHashAsync(isolated.Database, user, ct)).Should().MatchRegex(@"^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$");
    }

    [Fact]
    public async Task Login_WhenStoredHashUsesOlderParameters_ShouldRehashOnSuccessOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresTestServer.CreateDatabaseAsync(ct);
        TestUser user;
        await using (var weak = new CleanAuthApiFactory(database.ConnectionString, new Dictionary<string, string?> { ["PasswordHashing:MemoryKiB"] = "1024", ["PasswordHashing:Iterations"] = "1" }))
        {
            user = await weak.CreateClient().RegisterNewUserAsync(ct);
        }

        await using var stronger = new CleanAuthApiFactory(database.ConnectionString, new Dictionary<string, string?> { ["PasswordHashing:MemoryKiB"] = "2048", ["PasswordHashing:Iterations"] = "2" });
        var client = stronger.CreateClient();

        (await client.LoginAsync(user with { Password = "wrong-password-entirely" }, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await StoredHashAsync(database, user, ct)).Should().Contain("m=1024,t=1", "a failed login changes nothing");

        (await client.LoginAsync(user, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await StoredHashAsync(database, user, ct)).Should().Contain("m=2048,t=2");
        (await client.LoginAsync(user, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "the new hash verifies");
    }

    [Fact]
    public async Task Login_WhenMoreCallersThanTheHashingQueueHolds_ShouldAnswer503WithRetryAfter()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(new Dictionary<string, string?>(s_productionHashing) { ["PasswordHashing:MaxQueued"] = "0" });

        // Distinct identifiers: attempts on one identifier queue on its lockout row and never reach the gate together.
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => isolated.CreateClient().LoginAsync(ApiClientExtensions.NewUser(), ct)));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Unauthorized || r.StatusCode == HttpStatusCode.ServiceUnavailable);
        var rejected = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        rejected.Should().NotBeEmpty("16 simultaneous hashes exceed the cores plus an empty queue");
        foreach (var response in rejected)
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE", ct);
            response.Headers.RetryAfter.Should().NotBeNull();
        }

        responses.Should().Contain(r => r.StatusCode == HttpStatusCode.Unauthorized, "callers within the capacity are served");
    }

    [Fact]
    public async Task Login_WhenAccountUnknown_ShouldTakeAsLongAsAWrongPassword()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(
            new Dictionary<string, string?>(s_productionHashing) { ["Lockout:MaxFailedAttempts"] = "1000" });
        var client = isolated.CreateClient();
        var user = await client.RegisterNewUserAsync(ct);
        var wrongPassword = user with { Password = user.Password + "-wrong" };
        var unknown = ApiClientExtensions.NewUser();
        for (var i = 0; i < 3; i++)
        {
            await client.LoginAsync(wrongPassword, ct);
            await client.LoginAsync(unknown, ct);
        }

        var known = new List<double>();
        var missing = new List<double>();
        for (var i = 0; i < 25; i++)
        {
            known.Add(await TimeAsync(() => client.LoginAsync(wrongPassword, ct)));
            missing.Add(await TimeAsync(() => client.LoginAsync(unknown, ct)));
        }

        var knownMedian = Median(known);
        var missingMedian = Median(missing);
        missingMedian.Should().BeGreaterThan(knownMedian * 0.7, $"unknown accounts are hashed against too (known {knownMedian:0.0} ms, unknown {missingMedian:0.0} ms)");
        missingMedian.Should().BeLessThan(knownMedian * 1.3, $"known {knownMedian:0.0} ms, unknown {missingMedian:0.0} ms");
    }

    private static async Task<double> TimeAsync(Func<Task<HttpResponseMessage>> call)
    {
        var timer = Stopwatch.StartNew();
        var response = await call();
        timer.Stop();
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        return timer.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static async Task<string> StoredHashAsync(PostgresTestDatabase database, TestUser user, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT password_hash FROM users WHERE normalized_email = @e", connection);
        command.Parameters.AddWithValue("e", user.Email.ToLowerInvariant());
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }
}

/// <summary>A password-reset request must not reveal, by its timing, whether the address has an account.</summary>
[Collection(nameof(TimingSensitive))]
public sealed class PasswordResetTimingTests
{
    [Fact]
    public async Task PasswordResetRequest_WhenAccountExistsOrNot_ShouldTakeTheSameTime()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync();
        var client = isolated.CreateClient();
        var known = await client.RegisterNewUserAsync(ct);
        var unknown = ApiClientExtensions.NewUser();
        for (var i = 0; i < 5; i++)
        {
            await RequestAsync(client, known.Email, ct);
            await RequestAsync(client, unknown.Email, ct);
        }

        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            knownTimes.Add(await RequestAsync(client, known.Email, ct));
            unknownTimes.Add(await RequestAsync(client, unknown.Email, ct));
        }

        var knownMedian = knownTimes.Order().ElementAt(knownTimes.Count / 2);
        var unknownMedian = unknownTimes.Order().ElementAt(unknownTimes.Count / 2);
        Math.Abs(knownMedian - unknownMedian).Should().BeLessThan(
            Math.Max(0.5, 0.2 * Math.Max(knownMedian, unknownMedian)),
            $"the request only queues work, the same for every address (known {knownMedian:0.00} ms, unknown {unknownMedian:0.00} ms)");
    }

    private static async Task<double> RequestAsync(HttpClient client, string email, CancellationToken ct)
    {
        var timer = Stopwatch.StartNew();
        var response = await client.PostJsonAsync("/api/v1/auth/password-reset-request", new { email }, ct);
        timer.Stop();
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        return timer.Elapsed.TotalMilliseconds;
    }
}
