using System.Globalization;
using CleanAuth.TestCommon;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Lifecycle;

/// <summary>
/// The first admin: start-up creates it from <c>Admin:Email</c> / <c>Admin:Password</c> (once: an existing account is left
/// alone), and the <c>create-admin</c> verb creates one with the password read from standard input.
/// </summary>
public sealed class AdminBootstrapTests
{
    [Fact]
    public async Task Start_WithAdminSettings_ShouldCreateTheAdminOnceAndLeaveItAloneAfterwards()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = ApiClientExtensions.NewUser();
        await using var isolated = await ApiFixture.StartIsolatedAsync(AdminSettings(admin));
        var client = isolated.CreateClient();

        var me = await client.GetMeBodyAsync((await client.LoginTokensAsync(admin, ct)).AccessToken, ct);

        me.Email.Should().Be(admin.Email);
        me.Username.Should().Be(admin.Username);
        me.Roles.Should().BeEquivalentTo(["admin", "user"]);
        me.IsAdmin.Should().BeTrue();
        me.EmailVerified.Should().BeTrue("the operator vouches for the admin's address");
        isolated.Factory.Logs.Events.Should().NotContain(e => e.Contains(admin.Password, StringComparison.Ordinal), "the admin password never reaches a log");

        // Starting again with another password (and username) changes nothing about the existing account.
        var other = admin with { Username = ApiClientExtensions.NewUser().Username, Password = ApiClientExtensions.NewPassword() };
        await using (var again = new CleanAuthApiFactory(isolated.Database.ConnectionString, AdminSettings(other)))
        {
            using var againClient = again.CreateClient();
            (await againClient.LoginAsync(other, ct)).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized, "the password is not changed");
            var still = await againClient.GetMeBodyAsync((await againClient.LoginTokensAsync(admin, ct)).AccessToken, ct);
            still.Id.Should().Be(me.Id);
            still.Username.Should().Be(admin.Username);
            still.Roles.Should().BeEquivalentTo(["admin", "user"]);
        }
    }

    [Fact]
    public async Task Start_WhenOnlyAdminEmailIsSet_ShouldExit2NamingAdminPassword()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        var environment = Environment(database.ConnectionString);
        environment["Admin__Email"] = ApiClientExtensions.NewUser().Email;

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(environment, [], TestContext.Current.CancellationToken);

        exitCode.Should().Be(2, $"stdout:\n{stdout}\nstderr:\n{stderr}");
        stderr.Should().Contain("Admin:Password");
    }

    [Fact]
    public async Task Start_WhenTheAdminPasswordIsWeak_ShouldExit2WithoutPrintingIt()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        const string weak = "weak7";
        var environment = Environment(database.ConnectionString);
        environment["Admin__Email"] = ApiClientExtensions.NewUser().Email;
        environment["Admin__Password"] = weak;

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(environment, [], TestContext.Current.CancellationToken);

        exitCode.Should().Be(2, $"stdout:\n{stdout}\nstderr:\n{stderr}");
        stderr.Should().Contain("Admin:Password");
        (stdout + stderr).Should().NotContain(weak);
    }

    [Fact]
    public async Task Start_WhenTheAdminUsernameIsTaken_ShouldExit2NamingAdminUsername()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync();
        var taken = await isolated.CreateClient().RegisterNewUserAsync(ct);
        var environment = Environment(isolated.Database.ConnectionString);
        environment["Admin__Email"] = ApiClientExtensions.NewUser().Email;
        environment["Admin__Password"] = ApiClientExtensions.NewPassword();
        environment["Admin__Username"] = taken.Username;

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(environment, [], ct);

        exitCode.Should().Be(2, $"stdout:\n{stdout}\nstderr:\n{stderr}");
        stderr.Should().Contain("Admin:Username");
        (stdout + stderr).Should().NotContain(environment["Admin__Password"]);
    }

    [Fact]
    public async Task CreateAdmin_WithThePasswordOnStandardInput_ShouldPrintTheIdAndRefuseTheSameEmailAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var isolated = await ApiFixture.StartIsolatedAsync();
        var client = isolated.CreateClient(); // the host has migrated its database
        var admin = ApiClientExtensions.NewUser();
        var environment = Environment(isolated.Database.ConnectionString);

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(
            environment, ["create-admin", "--email", admin.Email, "--username", admin.Username, "--full-name", "First Admin"], ct, standardInput: admin.Password + "\n");

        exitCode.Should().Be(0, $"stdout:\n{stdout}\nstderr:\n{stderr}");
        var lastLine = stdout.TrimEnd('\r', '\n').Split('\n')[^1].TrimEnd('\r');
        Guid.TryParse(lastLine, out var id).Should().BeTrue($"the new id is alone on the last line of stdout:\n{stdout}");
        (stdout + stderr).Should().NotContain(admin.Password);
        var me = await client.GetMeBodyAsync((await client.LoginTokensAsync(admin, ct)).AccessToken, ct);
        me.Id.Should().Be(id);
        me.FullName.Should().Be("First Admin");
        me.Roles.Should().BeEquivalentTo(["admin", "user"]);
        me.IsAdmin.Should().BeTrue();
        me.EmailVerified.Should().BeTrue();

        var otherPassword = ApiClientExtensions.NewPassword();
        var (takenExit, takenOut, takenErr) = await AppProcess.RunAsync(
            environment, ["create-admin", "--email", admin.Email, "--username", ApiClientExtensions.NewUser().Username], ct, standardInput: otherPassword + "\n");

        takenExit.Should().Be(65, $"a taken email is refused data\nstdout:\n{takenOut}\nstderr:\n{takenErr}");
        takenErr.Should().Contain("EMAIL_TAKEN");
        (takenOut + takenErr).Should().NotContain(otherPassword);
        (await client.LoginAsync(admin, ct)).StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "the existing account is unchanged");
    }

    [Fact]
    public async Task CreateAdmin_WithoutEmail_ShouldExit64()
    {
        var password = ApiClientExtensions.NewPassword();

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Testing" }, ["create-admin", "--username", "someone"], TestContext.Current.CancellationToken, standardInput: password + "\n");

        exitCode.Should().Be(64, $"stdout:\n{stdout}\nstderr:\n{stderr}");
        stderr.Should().Contain("--email");
        (stdout + stderr).Should().NotContain(password);
    }

    private static Dictionary<string, string?> AdminSettings(TestUser admin) => new()
    {
        ["Admin:Email"] = admin.Email,
        ["Admin:Username"] = admin.Username,
        ["Admin:Password"] = admin.Password,
    };

    /// <summary>The environment a verb runs with against the database at <paramref name="connectionString"/>.</summary>
    internal static Dictionary<string, string> Environment(string connectionString) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__Default"] = connectionString,
        ["Jwt__SigningKey"] = CleanAuthApiFactory.SigningKeyBase64,
        ["Email__Provider"] = "Smtp",
        ["Email__Smtp__Host"] = SmtpTestServer.Host,
        ["Email__Smtp__Port"] = SmtpTestServer.Port.ToString(CultureInfo.InvariantCulture),
        ["Email__Smtp__UseStartTls"] = "false",
        ["Email__From"] = CleanAuthApiFactory.MailFrom,
        ["App__PublicBaseUrl"] = CleanAuthApiFactory.PublicBaseUrl,
    };
}
