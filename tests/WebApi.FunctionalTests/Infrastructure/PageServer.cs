using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// A web server on a free loopback port (both <c>127.0.0.1</c> and <c>localhost</c>) that serves one HTML page, as the
/// site of a browser app does, for tests that drive a real browser.
/// </summary>
public sealed class PageServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PageServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Serves the page <paramref name="html"/> makes at <c>/</c> (anything else is 404), made when asked for.</summary>
    public static async Task<PageServer> StartAsync(Func<string> html, CancellationToken cancellationToken)
    {
        var port = AppProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(port));
        var app = builder.Build();
        app.MapGet("/", () => Results.Content(html(), "text/html; charset=utf-8"));
        await app.StartAsync(cancellationToken);
        return new PageServer(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
