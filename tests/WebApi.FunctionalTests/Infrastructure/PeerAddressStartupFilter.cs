using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// Like <see cref="RemoteAddressStartupFilter"/>, but each request names its own TCP peer in the test-only header
/// <see cref="HeaderName"/> (removed before the app sees the request); requests without it come from
/// <paramref name="defaultAddress"/>. Lets one host see requests from a proxy, from a stranger and from loopback.
/// </summary>
public sealed class PeerAddressStartupFilter(IPAddress defaultAddress) : IStartupFilter
{
    public const string HeaderName = "X-Test-Peer-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            var named = context.Request.Headers[HeaderName].ToString();
            context.Request.Headers.Remove(HeaderName);
            context.Connection.RemoteIpAddress = named.Length > 0 ? IPAddress.Parse(named) : defaultAddress;
            return nextMiddleware(context);
        });
        next(app);
    };
}
