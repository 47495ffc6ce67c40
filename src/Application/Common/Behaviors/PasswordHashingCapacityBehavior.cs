using System.Reflection;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Application.Common.Messaging;
using MediatR;

namespace CleanAuth.Application.Common.Behaviors;

/// <summary>
/// Sheds a request marked <see cref="HashesPasswordAttribute"/> while password hashing is saturated (every slot busy,
/// the bounded queue full): 503 with <c>Retry-After</c> before validation, before the unit of work and before the handler,
/// so a flood of attempts that could not be hashed anyway costs no database work, writes nothing and counts toward no
/// lockout. Right after authorization (an anonymous caller of a protected request still gets its 401). The mark is read
/// once per request type; for others this is one branch.
/// </summary>
public sealed class PasswordHashingCapacityBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool s_hashes = typeof(TRequest).GetCustomAttribute<HashesPasswordAttribute>() is not null;

    private readonly IPasswordHasher _hasher;

    public PasswordHashingCapacityBehavior(IPasswordHasher hasher) => _hasher = hasher;

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (s_hashes && _hasher.ShouldShed(out var retryAfter))
        {
            throw ServiceUnavailableException.HashingSaturated(retryAfter);
        }

        return next();
    }
}
