using System.Net;
using System.Text;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.WebApi.FunctionalTests.Auth;

/// <summary>
/// Issue 10, bounded under attack: while password hashing is saturated, every endpoint that would hash answers 503 with
/// Retry-After at once, before its body is read (a malformed one included) and with nothing written; an endpoint that
/// needs a caller still answers 401 first.
/// </summary>
public sealed class HashingShedTests
{
    [Fact]
    public async Task EveryHashingEndpoint_WhileHashingIsSaturated_ShouldAnswer503BeforeReadingItsBodyAndWriteNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var saturation = new Saturation();
        await using var isolated = await ApiFixture.StartIsolatedAsync(configureServices: services => saturation.Install(services));
        var client = isolated.CreateClient();
        var (user, tokens) = await client.RegisterAndLoginAsync(ct);
        saturation.On = true;
        var hashesBefore = saturation.Hashes;

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Post, "/api/v1/auth/register"),
            (HttpMethod.Post, "/api/v1/auth/login"),
            (HttpMethod.Post, "/api/v1/auth/password-reset-confirm"),
            (HttpMethod.Post, "/api/v1/auth/password-change"),
            (HttpMethod.Delete, "/api/v1/users/me"),
        })
        {
            using var request = new HttpRequestMessage(method, path) { Content = new StringContent("{\"email\": ", Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new("Bearer", tokens.AccessToken);
            var response = await client.SendAsync(request, ct);
            await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE", ct);
            response.Headers.RetryAfter!.Delta.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1), path);
        }

        var form = await client.PostAsync("/api/v1/auth/login-form", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = user.Email, ["password"] = user.Password }), ct);
        await form.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE", ct);

        var anonymous = await client.SendAuthorizedAsync(HttpMethod.Delete, "/api/v1/users/me", null, new { password = user.Password }, ct);
        await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN", ct);

        var newcomer = ApiClientExtensions.NewUser();
        await (await client.RegisterAsync(newcomer, ct)).ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE", ct);
        saturation.Hashes.Should().Be(hashesBefore, "no shed request reached the hasher");
        saturation.On = false;
        (await client.RegisterAsync(newcomer, ct)).StatusCode.Should().Be(HttpStatusCode.Created, "the shed registration wrote nothing");
        (await client.GetMeAsync(tokens.AccessToken, ct)).StatusCode.Should().Be(HttpStatusCode.OK, "the shed account deletion deleted nothing");
    }

    /// <summary>The real hasher, reporting itself saturated while <see cref="On"/>; counts the hashing calls it lets through.</summary>
    private sealed class Saturation
    {
        private IPasswordHasher _real = null!;
        public bool On { get; set; }

        public int Hashes { get; private set; }

        public void Install(IServiceCollection services)
        {
            var registered = services.Last(d => d.ServiceType == typeof(IPasswordHasher));
            services.AddSingleton<IPasswordHasher>(sp =>
            {
                _real = (IPasswordHasher)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!);
                return new Switched(this);
            });
        }

        private sealed class Switched(Saturation owner) : IPasswordHasher
        {
            public Task<string> HashAsync(string password, CancellationToken cancellationToken) => Counted(owner._real.HashAsync(password, cancellationToken));

            public Task<PasswordVerification> VerifyAsync(string password, string passwordHash, CancellationToken cancellationToken) =>
                Counted(owner._real.VerifyAsync(password, passwordHash, cancellationToken));

            public Task VerifyAgainstDummyAsync(string password, CancellationToken cancellationToken) =>
                Counted(owner._real.VerifyAgainstDummyAsync(password, cancellationToken));

            public bool ShouldShed(out TimeSpan retryAfter)
            {
                retryAfter = TimeSpan.FromSeconds(1);
                return owner.On;
            }

            private T Counted<T>(T task)
            {
                owner.Hashes++;
                return task;
            }
        }
    }
}
