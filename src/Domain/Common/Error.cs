namespace CleanAuth.Domain.Common;

/// <summary>How an expected failure should be understood by a caller (and so mapped to a status code).</summary>
public enum ErrorKind
{
    Validation,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    TooManyRequests,
    Unavailable,
}

/// <summary>An expected business outcome the caller must branch on, with a stable machine-readable code.</summary>
public sealed record Error(string Code, string Description, ErrorKind Kind);
