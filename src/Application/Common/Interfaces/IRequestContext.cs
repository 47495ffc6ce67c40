namespace CleanAuth.Application.Common.Interfaces;

/// <summary>
/// Where the current request came from, as the audit log records it: the client's address and user agent (as sessions
/// record them) and the request's W3C trace id (as its log line and its problem's <c>trace_id</c> show it). Each is null
/// outside an HTTP request: the command line, start-up, background work.
/// </summary>
public interface IRequestContext
{
    string? IpAddress { get; }

    string? UserAgent { get; }

    string? TraceId { get; }
}
