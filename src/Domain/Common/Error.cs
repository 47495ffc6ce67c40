namespace CleanAuth.Domain.Common;

/// <summary>How an expected failure should be understood by a caller (and so mapped to a status code).</summary>
public enum ErrorKind
{
    /// <summary>The request is well-formed but not acceptable as a whole (400).</summary>
    Invalid,

    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
}

/// <summary>An expected business outcome the caller must branch on, with a stable machine-readable code.</summary>
public sealed record Error(string Code, string Description, ErrorKind Kind);
