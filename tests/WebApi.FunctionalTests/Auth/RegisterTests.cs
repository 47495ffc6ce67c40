using System.Net;
using System.Text.Json;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;

namespace CleanAuth.WebApi.FunctionalTests.Auth;

public sealed class RegisterTests(ApiFixture api)
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Register_WhenValid_ShouldReturn201WithUserAndNoSecrets()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = ApiClientExtensions.NewUser();

        var response = await _client.PostJsonAsync("/api/v1/auth/register", new { email = user.Email, username = user.Username, password = user.Password, full_name = "Ada Lovelace" }, ct);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var text = await response.Content.ReadAsStringAsync(ct);
        var json = JsonDocument.Parse(text).RootElement;
        json.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "id", "email", "username", "full_name", "is_active", "is_admin", "email_verified", "pending_email", "roles", "created_at", "updated_at");
        json.GetProperty("email").GetString().Should().Be(user.Email);
        json.GetProperty("username").GetString().Should().Be(user.Username);
        json.GetProperty("full_name").GetString().Should().Be("Ada Lovelace");
        json.GetProperty("is_active").GetBoolean().Should().BeTrue();
        json.GetProperty("is_admin").GetBoolean().Should().BeFalse();
        json.GetProperty("email_verified").GetBoolean().Should().BeFalse();
        json.GetProperty("pending_email").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("user");
        text.Should().NotContain(user.Password).And.NotContain("argon2").And.NotContainEquivalentOf("hash");
    }

    [Fact]
    public async Task Register_WhenBodyHasPrivilegedFields_ShouldIgnoreThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = ApiClientExtensions.NewUser();
        var chosenId = Guid.NewGuid();

        var response = await _client.PostJsonAsync("/api/v1/auth/register", new
        {
            email = user.Email,
            username = user.Username,
            password = user.Password,
            id = chosenId,
            is_admin = true,
            roles = new[] { "admin" },
            is_active = false,
            email_verified = true,
        }, ct);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await response.ReadAsync<UserBody>(ct);
        body.Id.Should().NotBe(chosenId);
        body.IsAdmin.Should().BeFalse();
        body.Roles.Should().Equal("user");
        body.IsActive.Should().BeTrue();
        body.EmailVerified.Should().BeFalse();

        var tokens = await _client.LoginTokensAsync(user, ct);
        var me = await (await _client.GetMeAsync(tokens.AccessToken, ct)).ReadAsync<UserBody>(ct);
        me.Roles.Should().Equal("user");
        me.IsAdmin.Should().BeFalse();
    }

    [Fact]
    public async Task Register_WhenEmailTakenInAnyCase_ShouldReturn409EmailTaken()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        var again = ApiClientExtensions.NewUser() with { Email = user.Email.ToUpperInvariant() };

        var response = await _client.RegisterAsync(again, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "EMAIL_TAKEN", ct);
    }

    [Fact]
    public async Task Register_WhenUsernameTakenInAnyCase_ShouldReturn409UsernameTaken()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await _client.RegisterNewUserAsync(ct);
        var again = ApiClientExtensions.NewUser() with { Username = user.Username.ToUpperInvariant() };

        var response = await _client.RegisterAsync(again, ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "USERNAME_TAKEN", ct);
    }

    [Fact]
    public async Task Register_WhenFieldsInvalid_ShouldReturn422WithEveryFieldKeyedInSnakeCase()
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await _client.PostJsonAsync("/api/v1/auth/register", new { email = "a@b", username = "x", password = "short", full_name = new string('n', 101) }, ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("email", "username", "password", "full_name");
        (await response.Content.ReadAsStringAsync(ct)).Should().NotContain("short", "a rejected password is never echoed");
    }

    [Theory]
    [InlineData("123456789012345", "common")]
    [InlineData("passwordpassword", "common")]
    [InlineData("qwertyuiopasdfgh", "common")]
    [InlineData("CleanAuthCleanAuth1", "must not contain")]
    public async Task Register_WhenPasswordGuessable_ShouldSayWhy(string password, string reasonFragment)
    {
        var ct = TestContext.Current.CancellationToken;
        var user = ApiClientExtensions.NewUser() with { Password = password };

        var response = await _client.RegisterAsync(user, ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
        var reasons = problem.GetProperty("errors").GetProperty("password").EnumerateArray().Select(e => e.GetString()!).ToList();
        reasons.Should().Contain(r => r.Contains(reasonFragment, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Register_WhenPasswordContainsEmailLocalPart_ShouldRefuse()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = ApiClientExtensions.NewUser();
        var local = user.Email.Split('@')[0];

        var response = await _client.RegisterAsync(user with { Password = local + local }, ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED", ct);
        problem.GetProperty("errors").GetProperty("password").ToString().Should().ContainEquivalentOf("must not contain");
    }

    [Fact]
    public async Task Register_WhenPassphraseWithoutDigitsOrSymbols_ShouldAccept()
    {
        var ct = TestContext.Current.CancellationToken;

        var response = await _client.RegisterAsync(ApiClientExtensions.NewUser() with { Password = "correct horse battery staple" }, ct);

        response.StatusCode.Should().Be(HttpStatusCode.Created, "no composition rules apply");
    }

    [Fact]
    public async Task Register_WhenSameEmailRacesInParallel_ShouldCreateOneAccountAndAnswer409ToTheRest()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = ApiClientExtensions.NewUser().Email;
        var attempts = Enumerable.Range(0, 12).Select(i =>
        {
            var candidate = ApiClientExtensions.NewUser() with { Email = i % 2 == 0 ? email : email.ToUpperInvariant() };
            return api.CreateClient().RegisterAsync(candidate, ct);
        });

        var responses = await Task.WhenAll(attempts);

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1);
        foreach (var conflict in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await conflict.ShouldBeProblemAsync(HttpStatusCode.Conflict, "EMAIL_TAKEN", ct);
        }
    }
}
