using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Messaging;
using MediatR;

namespace CleanAuth.Application.Common.Behaviors;

/// <summary>
/// Innermost behavior: a command runs in one unit of work and commits once, whether it returns a success or
/// an expected failure (a failure may still record state, such as a session revoked on token reuse).
/// Its transaction begins at its first write, so the reads and password hashes before it hold no transaction and no
/// connection (ADR-004). An exception rolls everything back. Queries pass straight through.
/// </summary>
public sealed class UnitOfWorkBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool s_isCommand = typeof(ICommandBase).IsAssignableFrom(typeof(TRequest));

    private readonly IUnitOfWork _unitOfWork;

    public UnitOfWorkBehavior(IUnitOfWork unitOfWork) => _unitOfWork = unitOfWork;

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        s_isCommand ? _unitOfWork.ExecuteAsync(() => next(), cancellationToken) : next();
}
