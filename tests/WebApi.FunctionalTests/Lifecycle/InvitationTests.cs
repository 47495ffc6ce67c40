using System.Net;
using CleanAuth.TestCommon;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Lifecycle;

/// <summary>
/// Auth:RegistrationMode=InviteOnly: only invitations open registration. Invitations come from the app's own
/// command line (<c>dotnet CleanAuth.WebApi.dll invite --email … --role …</c>), run against the host's database.
/// </summary>
public sealed class InvitationTests
{
    private static readonly Dictionary<string, string?> s_inviteOnly = new() { ["Auth:RegistrationMode"] = "InviteOnly" };

    [Fact]
    public async Task Register_WhenInviteOnlyAndNoInvitation_ShouldReturn403InvitationRequired()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(s_inviteOnly);
        var client = isolated.CreateClient();
        var user = ApiClientExtensions.NewUser();

        var response = await client.RegisterAsync(user, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "INVITATION_REQUIRED", ct);
        (await client.LoginAsync(user, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "no account was made");
    }

    [Fact]
    public async Task Register_WhenInvitationUnknown_ShouldReturn400InvalidToken()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(s_inviteOnly);
        var client = isolated.CreateClient();
        var user = ApiClientExtensions.NewUser();

        var response = await client.RegisterAsync(user, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_TOKEN", ct);
        (await client.LoginAsync(user, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "no account was made");
    }

    [Fact]
    public async Task Register_WhenInvitedFromTheCommandLine_ShouldCreateTheAccountWithTheInvitedRolesOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(s_inviteOnly);
        var client = isolated.CreateClient();
        var invited = ApiClientExtensions.NewUser();
        var token = await InviteAsync(isolated, invited.Email, ["admin"], ct);

        var response = await client.RegisterAsync(invited, token, ct);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(ct));
        var body = await response.ReadAsync<UserBody>(ct);
        body.Email.Should().Be(invited.Email, "the invitation pins the address");
        body.Roles.Should().Equal(["admin"], "an invitation's roles are exactly the account's");
        var tokens = await client.LoginTokensAsync(invited, ct);
        var me = await client.GetMeBodyAsync(tokens.AccessToken, ct);
        me.Roles.Should().Equal(["admin"], "an invitation's roles are exactly the account's");
        me.IsAdmin.Should().BeTrue();

        var again = await client.RegisterAsync(ApiClientExtensions.NewUser() with { Email = invited.Email }, token, ct);

        await again.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_TOKEN", ct);
    }

    [Fact]
    public async Task Register_WhenEmailDiffersFromTheInvitations_ShouldReturn400InvalidToken()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(s_inviteOnly);
        var client = isolated.CreateClient();
        var invitedEmail = ApiClientExtensions.NewUser().Email;
        var token = await InviteAsync(isolated, invitedEmail, [], ct);
        var someoneElse = ApiClientExtensions.NewUser();

        var response = await client.RegisterAsync(someoneElse, token, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_TOKEN", ct);
        (await client.LoginAsync(someoneElse, ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "no account was made");
    }

    [Fact]
    public async Task Register_WhenTheInvitationNamesNoRoles_ShouldGiveTheUserRoleOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(s_inviteOnly);
        var client = isolated.CreateClient();
        var invited = ApiClientExtensions.NewUser();
        var token = await InviteAsync(isolated, invited.Email, [], ct);

        (await client.RegisterAsync(invited, token, ct)).StatusCode.Should().Be(HttpStatusCode.Created);

        var me = await client.GetMeBodyAsync((await client.LoginTokensAsync(invited, ct)).AccessToken, ct);
        me.Roles.Should().Equal("user");
        me.IsAdmin.Should().BeFalse();
    }

    [Fact]
    public async Task Invite_WhenARoleIsNotInTheCatalog_ShouldExit65NamingTheRole()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync(s_inviteOnly);

        var (exitCode, stdout, stderr) = await RunInviteAsync(isolated, ApiClientExtensions.NewUser().Email, ["user", "auditor"], ct);

        exitCode.Should().Be(65, $"an unknown role is refused data (422 VALIDATION_FAILED through the API)\nstdout:\n{stdout}\nstderr:\n{stderr}");
        stderr.Should().Contain("'auditor' is not a known role.");
        stdout.Should().NotContain("Token:");
    }

    [Fact]
    public async Task Invite_WhenTheEmailHasAnAccount_ShouldExit65WithEmailTaken()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync();
        var existing = await isolated.CreateClient().RegisterNewUserAsync(ct);

        var (exitCode, stdout, stderr) = await RunInviteAsync(isolated, existing.Email, [], ct);

        exitCode.Should().Be(65, $"an address with an account is refused data (409 EMAIL_TAKEN through the API)\nstdout:\n{stdout}\nstderr:\n{stderr}");
        stderr.Should().Contain("EMAIL_TAKEN");
        stdout.Should().NotContain("Token:");
    }

    /// <summary>Creates an invitation with the app's <c>invite</c> verb and returns its token.</summary>
    internal static async Task<string> InviteAsync(IsolatedApi isolated, string email, IEnumerable<string> roles, CancellationToken cancellationToken)
    {
        var (exitCode, stdout, stderr) = await RunInviteAsync(isolated, email, roles, cancellationToken);

        exitCode.Should().Be(0, $"the invite verb succeeds\nstdout:\n{stdout}\nstderr:\n{stderr}");
        var lastLine = stdout.TrimEnd('\r', '\n').Split('\n')[^1].TrimEnd('\r');
        lastLine.Should().MatchRegex("^[A-Za-z0-9_-]{43}$", $"the raw invitation token is alone on the last line of stdout:\n{stdout}");
        return lastLine;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunInviteAsync(
        IsolatedApi isolated, string email, IEnumerable<string> roles, CancellationToken cancellationToken)
    {
        using var started = isolated.CreateClient(); // the host has migrated its database before the command line touches it
        var args = new List<string> { "invite", "--email", email };
        foreach (var role in roles)
        {
            args.AddRange(["--role", role]);
        }

        return await AppProcess.RunAsync(
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__Default"] = isolated.Database.ConnectionString,
                ["Jwt__SigningKey"] = CleanAuthApiFactory.SigningKeyBase64,
                ["Email__Provider"] = "Smtp",
                ["Email__Smtp__Host"] = SmtpTestServer.Host,
                ["Email__Smtp__Port"] = SmtpTestServer.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Email__Smtp__UseStartTls"] = "false",
                ["Email__From"] = CleanAuthApiFactory.MailFrom,
                ["App__PublicBaseUrl"] = CleanAuthApiFactory.PublicBaseUrl,
            },
            args,
            cancellationToken);
    }
}
