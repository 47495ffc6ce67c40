using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// The in-memory test server has no socket, so requests arrive without a remote address. This stands in for the
/// network: every request comes from <paramref name="address"/>, ahead of the app's own middleware.
/// </summary>
public sealed class RemoteAddressStartupFilter(IPAddress address) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = address;
            return nextMiddleware(context);
        });
        next(app);
    };
}
