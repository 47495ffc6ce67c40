using System.Net;
using System.Text;
using CleanAuth.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Net.Http.Headers;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// Browser cookie mode over plain HTTP: clients that keep no cookies of their own (every <c>Cookie</c> header is the
/// test's), the <c>Set-Cookie</c> an answer carries, and a refresh as a browser page sends it.
/// </summary>
public static class RefreshTokenCookies
{
    public const string Name = RefreshTokenCookieOptions.CookieName;

    /// <summary>The origin the cookie-mode hosts list in <c>Cors:AllowedOrigins</c>.</summary>
    public const string AppOrigin = "https://app.example.com";

    /// <summary>Cookie mode, with <see cref="AppOrigin"/> allowed.</summary>
    public static Dictionary<string, string?> Settings(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["Auth:RefreshTokenCookie:Enabled"] = "true", ["Cors:AllowedOrigins:0"] = AppOrigin };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A client that sends only the cookies a test puts in its requests.</summary>
    public static HttpClient CreateCookielessClient(this CleanAuthApiFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

    /// <summary>The answer's one <c>Set-Cookie</c>, which must be the refresh-token cookie.</summary>
    public static SetCookieHeaderValue SetCookie(this HttpResponseMessage response)
    {
        var headers = response.Values(HeaderNames.SetCookie);
        headers.Should().ContainSingle("one cookie is set, the refresh token's: {0}", string.Join(" | ", headers));
        var cookie = SetCookieHeaderValue.Parse(headers[0]);
        cookie.Name.ToString().Should().Be(Name);
        return cookie;
    }

    /// <summary>
    /// A refresh as a page of <paramref name="origin"/> sends it: the cookie (when given), <c>X-CSRF</c> and
    /// <c>Sec-Fetch-Site</c> (each when given), and the body (none by default).
    /// </summary>
    public static async Task<HttpResponseMessage> RefreshWithCookieAsync(
        this HttpClient client, string? cookie, CancellationToken cancellationToken, string? origin = AppOrigin, string? csrf = "1",
        string? secFetchSite = "same-site", string? jsonBody = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/refresh");
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        AddHeader(request, "Cookie", cookie is null ? null : $"{Name}={cookie}");
        AddHeader(request, "Origin", origin);
        AddHeader(request, RefreshTokenCookieOptions.CsrfHeaderName, csrf);
        AddHeader(request, "Sec-Fetch-Site", secFetchSite);
        return await client.SendAsync(request, cancellationToken);
    }

    /// <summary>Logs in and returns the refresh-token cookie's value and the access token from the body.</summary>
    public static async Task<(string Cookie, string AccessToken)> LoginWithCookieAsync(this HttpClient client, TestUser user, CancellationToken cancellationToken)
    {
        var response = await client.LoginAsync(user, cancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(cancellationToken));
        return (response.SetCookie().Value.ToString(), (await response.ReadAsync<AccessTokenBody>(cancellationToken)).AccessToken);
    }

    private static void AddHeader(HttpRequestMessage request, string name, string? value)
    {
        if (value is not null)
        {
            request.Headers.TryAddWithoutValidation(name, value).Should().BeTrue(name);
        }
    }
}

/// <summary>A token answer in cookie mode: no refresh token.</summary>
public sealed record AccessTokenBody(string AccessToken, string TokenType, int ExpiresIn);
