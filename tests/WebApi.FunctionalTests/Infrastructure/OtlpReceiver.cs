using System.Collections.Concurrent;
using System.Net;

namespace CleanAuth.WebApi.FunctionalTests.Infrastructure;

/// <summary>One OTLP/HTTP export as it arrived: its path, content type and (protobuf) body.</summary>
public sealed record OtlpExport(string Path, string? ContentType, byte[] Body);

/// <summary>
/// A tiny OTLP/HTTP receiver on a free loopback port: it keeps every POST it gets (<c>/v1/traces</c>,
/// <c>/v1/metrics</c>) and answers 200, as a collector does. The app exports to it for real.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<OtlpExport> _exports = new();
    private readonly Task _loop;

    public OtlpReceiver()
    {
        Port = AppProcess.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ReceiveAsync);
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public IReadOnlyCollection<OtlpExport> Exports => _exports;

    /// <summary>Waits for an export to <paramref name="path"/> that <paramref name="match"/> accepts.</summary>
    public async Task<OtlpExport> WaitForAsync(string path, Func<OtlpExport, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_exports.FirstOrDefault(e => e.Path == path && match(e)) is { } export)
            {
                return export;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(
                    $"No matching export to {path} within {timeout.TotalSeconds:0} s; received: {string.Join(", ", _exports.Select(e => $"{e.Path} ({e.Body.Length} bytes)"))}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _exports.Enqueue(new OtlpExport(context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
