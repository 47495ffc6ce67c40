using CleanAuth.Application.Common.Interfaces;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Auth.Commands.RequestPasswordReset;

/// <summary>
/// Looks nothing up: it only queues the work, the same single write for every address, so neither the answer nor
/// its timing reveals whether the address has an account.
/// </summary>
public sealed class RequestPasswordResetCommandHandler : IRequestHandler<RequestPasswordResetCommand, Unit>
{
    private readonly IBackgroundWork _work;

    public RequestPasswordResetCommandHandler(IBackgroundWork work) => _work = work;

    public Task<Unit> Handle(RequestPasswordResetCommand request, CancellationToken cancellationToken)
    {
        _work.IssuePasswordReset(Email.Normalize(request.Email!));
        return Unit.Task;
    }
}
