using CleanAuth.Application.Common.Exceptions;

namespace CleanAuth.Application.Common.Interfaces;

/// <summary>
/// Tells an outage of a dependency (a database that is unreachable or saturated: worth a 503 and a retry) from a bug.
/// Infrastructure knows its drivers' exceptions; callers see only <see cref="ServiceUnavailableException"/>.
/// </summary>
public interface IOutageClassifier
{
    /// <summary>The outage <paramref name="exception"/> stands for, or null when it is not one.</summary>
    ServiceUnavailableException? Classify(Exception exception);
}
