using System.Net;
using System.Net.Http.Json;
using CleanAuth.WebApi.FunctionalTests.Infrastructure;
using CleanAuth.WebApi.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.WebApi.FunctionalTests.Platform;

/// <summary>
/// The client's address is the TCP peer, unless the peer is in <c>Network:TrustedProxies</c>: then it is the right-most
/// <c>X-Forwarded-For</c> address that is not a trusted proxy, and <c>X-Forwarded-Proto</c> gives the scheme. Observed
/// where users see it: the session a login starts records it (<c>ip_address</c>), and HSTS follows the scheme.
/// </summary>
public sealed class ClientAddressTests
{
    private const string Stranger = "198.51.100.7";
    private const string Client = "203.0.113.9";

    [Fact]
    public async Task Login_WhenAnUntrustedPeerSpoofsForwardingHeaders_ShouldRecordThePeer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await StartAsync(["10.0.0.0/8", "192.0.2.1"]);
        var client = api.CreateClient();
        var user = await client.RegisterNewUserAsync(ct);

        (await SessionAddressAsync(client, user, Stranger, "1.2.3.4", ct)).Should().Be(Stranger, "a stranger's X-Forwarded-For is ignored");
        (await SessionAddressAsync(client, user, Stranger, "10.0.0.7", ct)).Should().Be(Stranger, "even when it names a trusted proxy");
        (await SessionAddressAsync(client, user, "127.0.0.1", "1.2.3.4", ct)).Should().Be("127.0.0.1", "loopback is not trusted unless listed");
        (await SessionAddressAsync(client, user, "::1", "1.2.3.4", ct)).Should().Be("::1", "nor IPv6 loopback");
        (await SessionAddressAsync(client, user, "192.0.2.2", "1.2.3.4", ct)).Should().Be("192.0.2.2", "a listed address trusts that address only");
    }

    [Fact]
    public async Task Login_ThroughTrustedProxies_ShouldRecordTheRightMostAddressThatIsNotATrustedProxy()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await StartAsync(["10.0.0.0/8", "192.0.2.1", "fd00::/8"]);
        var client = api.CreateClient();
        var user = await client.RegisterNewUserAsync(ct);

        (await SessionAddressAsync(client, user, "10.1.2.3", Client, ct)).Should().Be(Client, "one trusted proxy");
        (await SessionAddressAsync(client, user, "192.0.2.1", Client, ct)).Should().Be(Client, "a trusted address");
        (await SessionAddressAsync(client, user, "10.0.0.1", $"{Client}, 10.0.0.2, 10.0.0.3", ct)).Should().Be(Client, "a chain of trusted proxies");
        (await SessionAddressAsync(client, user, "10.0.0.1", $"6.6.6.6, {Client}, 10.0.0.2", ct)).Should().Be(Client, "what the client itself claimed (left of it) is not believed");
        (await SessionAddressAsync(client, user, "10.0.0.1", $"10.9.9.9, {Client}", ct)).Should().Be(Client, "a client in a trusted range further left changes nothing");
        (await SessionAddressAsync(client, user, "10.0.0.1", $"not-an-address, {Client}", ct)).Should().Be(Client, "garbage left of the client is never reached");
        (await SessionAddressAsync(client, user, "10.0.0.1", "10.0.0.2, 10.0.0.3", ct)).Should().Be("10.0.0.2", "when every hop is a trusted proxy, the left-most");
        (await SessionAddressAsync(client, user, "fd00::1", "2001:db8::5", ct)).Should().Be("2001:db8::5", "IPv6 proxies and clients");
        (await SessionAddressAsync(client, user, "::ffff:10.0.0.1", Client, ct)).Should().Be(Client, "an IPv4 proxy seen through a dual-stack socket");
        (await SessionAddressAsync(client, user, "10.0.0.1", null, ct)).Should().Be("10.0.0.1", "a trusted proxy that forwards nothing is the client");
    }

    [Fact]
    public async Task Login_FromAnIpv4PeerOnADualStackSocket_ShouldRecordAndCheckItsIpv4Form()
    {
        // fd00::c0a8:1 ends in the bits of 192.168.0.1: .NET's IPNetwork.Contains would match the mapped peer against it.
        var ct = TestContext.Current.CancellationToken;
        await using var api = await StartAsync(["fd00::c0a8:1", "10.0.0.0/8"]);
        var client = api.CreateClient();
        var user = await client.RegisterNewUserAsync(ct);

        (await SessionAddressAsync(client, user, "::ffff:198.51.100.7", null, ct)).Should().Be(Stranger, "sessions record the IPv4 form");
        (await SessionAddressAsync(client, user, "::ffff:192.168.0.1", "1.2.3.4", ct)).Should().Be("192.168.0.1", "an IPv4 peer is not an IPv6 proxy");
        (await SessionAddressAsync(client, user, "fd00::c0a8:1", Client, ct)).Should().Be(Client, "the IPv6 proxy itself is trusted");
    }

    [Fact]
    public async Task Login_WhenNoProxyIsTrusted_ShouldIgnoreForwardingHeadersFromEveryPeer()
    {
        // ForwardedHeadersMiddleware believes every peer when it knows no proxy at all, and trusts loopback by default.
        var ct = TestContext.Current.CancellationToken;
        await using var api = await StartAsync([]);
        var client = api.CreateClient();
        var user = await client.RegisterNewUserAsync(ct);

        (await SessionAddressAsync(client, user, "127.0.0.1", Client, ct)).Should().Be("127.0.0.1");
        (await SessionAddressAsync(client, user, "10.0.0.1", Client, ct)).Should().Be("10.0.0.1");
    }

    [Fact]
    public async Task AuditEntry_ThroughATrustedProxy_ShouldRecordTheClientAddress()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await StartAsync(["10.0.0.0/8"]);
        var client = api.CreateClient();
        var user = await client.RegisterNewUserAsync(ct);

        (await SessionAddressAsync(client, user, "10.0.0.1", Client, ct)).Should().Be(Client);

        var entries = await AuditTrail.ReadAsync(api.Factory, e => e.EventType == "login.succeeded", ct);
        entries.Should().ContainSingle().Which.IpAddress.Should().Be(Client, "the audit log sees the client as sessions do");
    }

    [Fact]
    public async Task Hsts_ShouldFollowTheForwardedSchemeOnlyFromATrustedProxy()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await StartAsync(["10.0.0.0/8"]);
        var client = api.CreateClient();

        var viaProxy = await GetHealthAsync(client, "10.0.0.1", "https", ct);
        var viaProxyPlain = await GetHealthAsync(client, "10.0.0.1", "http", ct);
        var spoofed = await GetHealthAsync(client, Stranger, "https", ct);

        viaProxy.Headers.GetValues("Strict-Transport-Security").Should().Equal(ApiResponseHeadersMiddleware.StrictTransportSecurity);
        viaProxyPlain.Headers.Contains("Strict-Transport-Security").Should().BeFalse("the proxy says the client spoke plain HTTP");
        spoofed.Headers.Contains("Strict-Transport-Security").Should().BeFalse("a stranger's X-Forwarded-Proto is ignored");
    }

    private static async Task<IsolatedApi> StartAsync(string[] trustedProxies)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < trustedProxies.Length; i++)
        {
            settings[$"Network:TrustedProxies:{i}"] = trustedProxies[i];
        }

        return await ApiFixture.StartIsolatedAsync(settings,
            s => s.AddSingleton<IStartupFilter>(new PeerAddressStartupFilter(IPAddress.Parse("192.0.2.200"))));
    }

    /// <summary>Logs <paramref name="user"/> in from <paramref name="peer"/> (with the given X-Forwarded-For), and returns the address the new session recorded.</summary>
    private static async Task<string?> SessionAddressAsync(HttpClient client, TestUser user, string peer, string? forwardedFor, CancellationToken ct)
    {
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { email = user.Email, password = user.Password }, options: ApiClientExtensions.Json),
        };
        login.Headers.Add(PeerAddressStartupFilter.HeaderName, peer);
        if (forwardedFor is not null)
        {
            login.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor).Should().BeTrue();
        }

        var response = await client.SendAsync(login, ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ct));
        var tokens = await response.ReadAsync<TokenPair>(ct);
        return (await client.ListSessionsAsync(tokens.AccessToken, ct)).Single(s => s.Current).IpAddress;
    }

    private static async Task<HttpResponseMessage> GetHealthAsync(HttpClient client, string peer, string forwardedProto, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add(PeerAddressStartupFilter.HeaderName, peer);
        request.Headers.Add("X-Forwarded-For", Client);
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        var response = await client.SendAsync(request, ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return response;
    }
}
