using System.Net;
using System.Text;
using System.Text.Json;
using CleanAuth.TestCommon;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using FluentAssertions.Execution;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>
/// One full flow, then the whole captured log (rendered messages, every property value, exceptions) and the same events
/// as the JSON lines the <c>Json</c> log format writes are searched for every secret the flow handled: passwords, the
/// stored password hashes, refresh and access tokens, mailed tokens, <c>Authorization</c> and <c>Cookie</c> header
/// values, and the signing key. At the configured level, and at the most verbose level for everything (framework included).
/// </summary>
public sealed class SecretsInLogsTests
{
    /// <summary>Every logger at Verbose: the default, the broad framework prefixes, and each narrower override appsettings.json sets.</summary>
    private static readonly Dictionary<string, string?> s_verbose = new()
    {
        ["Serilog:MinimumLevel:Default"] = "Verbose",
        ["Serilog:MinimumLevel:Override:Microsoft"] = "Verbose",
        ["Serilog:MinimumLevel:Override:System"] = "Verbose",
        ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Verbose",
        ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.DataProtection"] = "Verbose",
        ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Verbose",
        ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore.Database.Command"] = "Verbose",
        ["Serilog:MinimumLevel:Override:Microsoft.Extensions.Diagnostics.HealthChecks"] = "Verbose",
        ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Verbose",
        ["Serilog:MinimumLevel:Override:System.Net.Http"] = "Verbose",
    };

    [Fact]
    public Task Logs_WhenEveryFlowRuns_ShouldContainNoPasswordHashOrToken() => RunFlowAndSearchLogsAsync(verbose: false);

    [Fact]
    public Task Logs_WhenEveryFlowRunsWithEveryLoggerAtVerbose_ShouldContainNoPasswordHashOrToken() => RunFlowAndSearchLogsAsync(verbose: true);

    private static async Task RunFlowAndSearchLogsAsync(bool verbose)
    {
        var ct = TestContext.Current.CancellationToken;
        // The start-up admin (Admin:*) is created and logs in: its password is a canary too.
        var admin = ApiClientExtensions.NewUser();
        var settings = new Dictionary<string, string?>(verbose ? s_verbose : [])
        {
            ["Logging:Format"] = "Json",
            ["Admin:Email"] = admin.Email,
            ["Admin:Username"] = admin.Username,
            ["Admin:Password"] = admin.Password,
        };
        await using var isolated = await ApiFixture.StartIsolatedAsync(settings);
        var client = isolated.CreateClient();
        if (verbose)
        {
            var overrides = isolated.Factory.Services.GetRequiredService<IConfiguration>().GetSection("Serilog:MinimumLevel:Override").GetChildren();
            overrides.Should().OnlyContain(o => o.Value == "Verbose", "no narrower override may keep a framework logger quieter than Verbose");
        }

        var secrets = new List<(string What, string Value)>();
        (await client.LoginAsync(admin, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "start-up created the admin");
        secrets.AddRange([("the Admin:Password", admin.Password), ("the admin's password hash", await StoredHashAsync(isolated.Database, admin, ct))]);
        var (user, first) = await client.RegisterAndLoginAsync(ct);
        secrets.AddRange([("the password", user.Password), ("the password hash", await StoredHashAsync(isolated.Database, user, ct))]);
        var wrongPassword = user.Password + "-wrong";
        secrets.Add(("a wrong password", wrongPassword));
        (await client.LoginAsync(user with { Password = wrongPassword }, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var formLogin = await client.PostAsync("/api/v1/auth/login-form", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = user.Username,
            ["password"] = user.Password,
            ["grant_type"] = "password",
        }), ct);
        formLogin.StatusCode.Should().Be(HttpStatusCode.OK);
        var formTokens = await formLogin.ReadAsync<TokenPair>(ct);

        var second = await (await client.RefreshAsync(first.RefreshToken, ct)).ReadAsync<TokenPair>(ct);
        await client.RefreshAsync(first.RefreshToken, ct);
        await client.GetMeAsync(second.AccessToken, ct);

        var changedPassword = ApiClientExtensions.NewPassword();
        (await client.ChangePasswordAsync(formTokens.AccessToken, user.Password, changedPassword, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        secrets.AddRange([("the changed password", changedPassword), ("the changed password's hash", await StoredHashAsync(isolated.Database, user, ct))]);

        (await client.RequestPasswordResetAsync(user.Email, ct)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var resetToken = await Mail.ResetTokenAsync(user.Email, cancellationToken: ct);
        var resetPassword = ApiClientExtensions.NewPassword();
        (await client.ConfirmPasswordResetAsync(resetToken, resetPassword, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        secrets.AddRange([("the mailed reset token", resetToken), ("the reset password", resetPassword)]);

        var verificationToken = await Mail.VerificationTokenAsync(user.Email, cancellationToken: ct);
        (await client.ConfirmEmailVerificationAsync(verificationToken, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        secrets.Add(("the mailed verification token", verificationToken));

        var last = await client.LoginTokensAsync(user with { Password = resetPassword }, ct);
        secrets.Add(("the reset password's hash", await StoredHashAsync(isolated.Database, user, ct)));
        (await client.GetAsync($"/api/v1/users/me?access_token={last.AccessToken}", ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.SendAuthorizedAsync(HttpMethod.Get, $"/api/v1/auth/sessions?access_token={last.AccessToken}&refresh_token={last.RefreshToken}", last.AccessToken, cancellationToken: ct))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.LogoutAsync(last.AccessToken, new { refresh_token = second.RefreshToken }, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await client.RefreshAsync(last.RefreshToken, ct);

        foreach (var pair in new[] { first, formTokens, second, last })
        {
            secrets.AddRange([("a refresh token", pair.RefreshToken), ("an access token", pair.AccessToken), ("an access token's signature", pair.AccessToken.Split('.')[2])]);
        }

        // Header values a client sends: basic credentials, a token that is not a JWT, a live bearer token, cookies.
        var basicCredentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"mallory:{Canary()}"));
        var cookieValues = new[] { Canary(), Canary() };
        var cookieHeader = $"__Host-refresh_token={cookieValues[0]}; theme={cookieValues[1]}";
        var authorizations = new[] { $"Basic {basicCredentials}", $"Bearer {Canary()}", $"Bearer {last.AccessToken}" };
        foreach (var authorization in authorizations)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me");
            request.Headers.TryAddWithoutValidation("Authorization", authorization).Should().BeTrue();
            request.Headers.TryAddWithoutValidation("Cookie", cookieHeader).Should().BeTrue();
            await client.SendAsync(request, ct);
        }

        secrets.AddRange(authorizations.Select(a => ("an Authorization header value", a)));
        secrets.AddRange([("basic credentials", basicCredentials), ("a Cookie header value", cookieHeader)]);
        secrets.AddRange(cookieValues.Select(c => ("a cookie's value", c)));
        secrets.AddRange([
            ("the signing key", CleanAuthApiFactory.SigningKeyBase64),
            ("the signing key (base64url)", Convert.ToBase64String(CleanAuthApiFactory.SigningKey).TrimEnd('=').Replace('+', '-').Replace('/', '_')),
            ("the signing key (hex)", Convert.ToHexStringLower(CleanAuthApiFactory.SigningKey)),
            ("the signing key (HEX)", Convert.ToHexString(CleanAuthApiFactory.SigningKey)),
        ]);

        await Task.Delay(TimeSpan.FromMilliseconds(300), ct); // the last completion lines are written as the pipeline unwinds
        var logs = isolated.Factory.Logs.AllText;
        logs.Should().Contain("RequestName=\"LoginCommand\"", "the request log is captured, so its absence of secrets means something");
        logs.Should().Contain("RequestPath=\"/api/v1/auth/refresh\"");
        logs.Should().Contain("Route=\"/api/v1/users/me\"", "the request with the token in its query string was logged");
        if (verbose)
        {
            logs.Should().Contain("Executing action method", "MVC's verbose events, which print action arguments, are captured");
            logs.Should().Contain("Request starting", "the hosting events, which print the query string, are captured");
        }

        var events = isolated.Factory.Logs.Events;
        var jsonLines = isolated.Factory.Logs.JsonLines.ToList();
        jsonLines.Should().Contain(l => l.Contains("\"user_id\"", StringComparison.Ordinal), "the JSON lines are captured too");
        var jsonValues = jsonLines.Select(DecodedValues).ToList(); // escaping must not hide a secret from the search either
        using var all = new AssertionScope(); // report every leaked secret, not only the first
        foreach (var (what, value) in secrets.Append(("a PHC hash", "$argon2id$")).Append(("a token in a query string", "access_token=")))
        {
            events.Where(e => e.Contains(value, StringComparison.Ordinal)).Should().BeEmpty($"no log event may contain {what}");
            jsonLines.Where(l => l.Contains(value, StringComparison.Ordinal)).Should().BeEmpty($"no JSON log line may contain {what}");
            jsonValues.Where(l => l.Contains(value, StringComparison.Ordinal)).Should().BeEmpty($"no JSON log line's values may contain {what}");
        }
    }

    /// <summary>
    /// Browser cookie mode, every logger at Verbose: no log event or JSON line holds a refresh token that went out in a
    /// <c>Set-Cookie</c> or came back in a <c>Cookie</c> header (accepted, refused for want of a CSRF proof, or unknown),
    /// nor an access token.
    /// </summary>
    [Fact]
    public async Task Logs_InCookieModeWithEveryLoggerAtVerbose_ShouldContainNoCookieOrSetCookieValue()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(RefreshTokenCookies.Settings(new(s_verbose) { ["Logging:Format"] = "Json" }));
        var client = isolated.Factory.CreateCookielessClient();
        var user = await client.RegisterNewUserAsync(ct);
        var secrets = new List<(string What, string Value)>();
        void Issued(HttpResponseMessage response, string what)
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, what);
            secrets.Add(($"a Set-Cookie header ({what})", response.Values("Set-Cookie").Single()));
            secrets.Add(($"a refresh-token cookie's value ({what})", response.SetCookie().Value.ToString()));
        }

        var login = await client.LoginAsync(user, ct);
        Issued(login, "login");
        var access = (await login.ReadAsync<AccessTokenBody>(ct)).AccessToken;
        var formLogin = await client.PostAsync("/api/v1/auth/login-form", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = user.Username,
            ["password"] = user.Password,
        }), ct);
        Issued(formLogin, "login-form");
        var cookie = login.SetCookie().Value.ToString();
        (await client.RefreshWithCookieAsync(cookie, ct, csrf: null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var refreshed = await client.RefreshWithCookieAsync(cookie, ct);
        Issued(refreshed, "refresh with the cookie");
        var byBody = await client.RefreshAsync(refreshed.SetCookie().Value.ToString(), ct);
        Issued(byBody, "refresh with a body token");
        var unknown = Canary();
        (await client.RefreshWithCookieAsync(unknown, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.LogoutAsync(access, cancellationToken: ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        secrets.AddRange([
            ("an unknown cookie's value", unknown),
            ("a Cookie header value", $"{RefreshTokenCookies.Name}={cookie}"),
            ("an access token's signature", access.Split('.')[2]),
        ]);

        await Task.Delay(TimeSpan.FromMilliseconds(300), ct); // the last completion lines are written as the pipeline unwinds
        var logs = isolated.Factory.Logs.AllText;
        logs.Should().Contain("RequestPath=\"/api/v1/auth/refresh\"", "the refreshes were logged");
        logs.Should().Contain("Executing action method", "MVC's verbose events, which print action arguments, are captured");
        var events = isolated.Factory.Logs.Events;
        var jsonLines = isolated.Factory.Logs.JsonLines.ToList();
        jsonLines.Should().Contain(l => l.Contains("CSRF_CHECK_FAILED", StringComparison.Ordinal) || l.Contains("responded 403", StringComparison.Ordinal), "the refused refresh was logged");
        var jsonValues = jsonLines.Select(DecodedValues).ToList();
        using var all = new AssertionScope();
        foreach (var (what, value) in secrets)
        {
            events.Where(e => e.Contains(value, StringComparison.Ordinal)).Should().BeEmpty($"no log event may contain {what}");
            jsonLines.Where(l => l.Contains(value, StringComparison.Ordinal)).Should().BeEmpty($"no JSON log line may contain {what}");
            jsonValues.Where(l => l.Contains(value, StringComparison.Ordinal)).Should().BeEmpty($"no JSON log line's values may contain {what}");
        }
    }

    private static string Canary() => $"canary-{Guid.NewGuid():N}";

    /// <summary>Every string value of a JSON line, unescaped, one per line.</summary>
    private static string DecodedValues(string jsonLine)
    {
        var values = new List<string>();
        Collect(JsonDocument.Parse(jsonLine).RootElement);
        return string.Join('\n', values);

        void Collect(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    values.Add(element.GetString()!);
                    break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        values.Add(property.Name);
                        Collect(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Collect(item);
                    }

                    break;
            }
        }
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
