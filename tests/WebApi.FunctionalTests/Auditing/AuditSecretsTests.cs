using System.Net;
using CleanAuth.TestCommon;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using CleanAuth.WebApi.FunctionalTests.Lifecycle;
using FluentAssertions.Execution;
using Npgsql;

namespace CleanAuth.WebApi.FunctionalTests.Auditing;

/// <summary>
/// One full flow, then every column of every audit entry is searched for every secret the flow handled: passwords, the
/// stored password hashes, refresh and access tokens, mailed reset, verification and invitation tokens.
/// </summary>
public sealed class AuditSecretsTests
{
    [Fact]
    public async Task AuditLog_WhenEveryFlowRuns_ShouldContainNoPasswordHashOrToken()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = ApiClientExtensions.NewUser();
        await using var isolated = await ApiFixture.StartIsolatedAsync(new Dictionary<string, string?>
        {
            ["Admin:Email"] = admin.Email,
            ["Admin:Username"] = admin.Username,
            ["Admin:Password"] = admin.Password,
        });
        var client = isolated.CreateClient();
        var secrets = new List<(string What, string Value)> { ("the Admin:Password", admin.Password) };
        (await client.LoginAsync(admin, ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        secrets.Add(("the admin's password hash", await StoredHashAsync(isolated.Database, admin.Email, ct)));

        var invited = ApiClientExtensions.NewUser();
        var invitation = await InvitationTests.InviteAsync(isolated, invited.Email, [], ct);
        (await client.RegisterAsync(invited, invitation, ct)).StatusCode.Should().Be(HttpStatusCode.Created);
        secrets.AddRange([("the invitation token", invitation), ("the invited password", invited.Password)]);

        var (user, first) = await client.RegisterAndLoginAsync(ct);
        secrets.AddRange([("the password", user.Password), ("the password hash", await StoredHashAsync(isolated.Database, user.Email, ct))]);
        var wrong = user.Password + "-wrong";
        secrets.Add(("a wrong password", wrong));
        (await client.LoginAsync(user with { Password = wrong }, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var second = await (await client.RefreshAsync(first.RefreshToken, ct)).ReadAsync<TokenPair>(ct);
        var third = await (await client.RefreshAsync(second.RefreshToken, ct)).ReadAsync<TokenPair>(ct);
        (await client.RefreshAsync(first.RefreshToken, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "reuse detected");

        var session = await client.LoginTokensAsync(user, ct);
        var changed = ApiClientExtensions.NewPassword();
        (await client.ChangePasswordAsync(session.AccessToken, user.Password, changed, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        secrets.AddRange([("the changed password", changed), ("the changed password's hash", await StoredHashAsync(isolated.Database, user.Email, ct))]);
        (await client.UpdateMeAsync(session.AccessToken, new { full_name = "Ada King", email = ApiClientExtensions.NewUser().Email, current_password = changed }, ct))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        (await client.RequestPasswordResetAsync(user.Email, ct)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var resetToken = await Mail.ResetTokenAsync(user.Email, cancellationToken: ct);
        var reset = ApiClientExtensions.NewPassword();
        (await client.ConfirmPasswordResetAsync(resetToken, reset, ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        secrets.AddRange([("the mailed reset token", resetToken), ("the reset password", reset), ("the reset password's hash", await StoredHashAsync(isolated.Database, user.Email, ct))]);
        var verificationToken = await Mail.VerificationTokenAsync(user.Email, cancellationToken: ct);
        await client.ConfirmEmailVerificationAsync(verificationToken, ct);
        secrets.Add(("the mailed verification token", verificationToken));

        var last = await client.LoginTokensAsync(user with { Password = reset }, ct);
        (await client.LogoutAsync(last.AccessToken, cancellationToken: ct)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        foreach (var pair in new[] { first, second, third, session, last })
        {
            secrets.AddRange([("a refresh token", pair.RefreshToken), ("an access token", pair.AccessToken), ("an access token's signature", pair.AccessToken.Split('.')[2])]);
        }

        var rows = await AllColumnsAsync(isolated.Database, ct);
        rows.Should().HaveCountGreaterThan(15, "the flow was recorded, so the absence of secrets means something");
        using var all = new AssertionScope();
        foreach (var (what, value) in secrets.Append(("a PHC hash", "$argon2id$")))
        {
            rows.Where(r => r.Contains(value, StringComparison.Ordinal)).Should().BeEmpty($"no audit entry may contain {what}");
        }
    }

    /// <summary>Every row of the table as text: each column, cast to text by the database itself.</summary>
    private static async Task<List<string>> AllColumnsAsync(PostgresTestDatabase database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT audit_log::text FROM audit_log", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static async Task<string> StoredHashAsync(PostgresTestDatabase database, string email, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT password_hash FROM users WHERE normalized_email = @e", connection);
        command.Parameters.AddWithValue("e", email.ToLowerInvariant());
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }
}
