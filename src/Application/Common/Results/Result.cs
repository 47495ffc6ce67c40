using CleanAuth.Domain.Common;

namespace CleanAuth.Application.Common.Results;

/// <summary>Non-generic view of a result, so behaviors can read the outcome without reflection.</summary>
public interface IResult
{
    bool IsSuccess { get; }

    Error? Error { get; }
}

/// <summary>The outcome of a use case whose failure is expected and must be handled by the caller.</summary>
public readonly struct Result<T> : IResult
{
    private readonly T? _value;

    private Result(T value)
    {
        _value = value;
        Error = null;
    }

    private Result(Error error)
    {
        _value = default;
        Error = error;
    }

    public bool IsSuccess => Error is null;

    public Error? Error { get; }

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"The result failed with {Error!.Code}.");

    public static implicit operator Result<T>(T value) => new(value);

    public static implicit operator Result<T>(Error error) => new(error ?? throw new ArgumentNullException(nameof(error)));
}
